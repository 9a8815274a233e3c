// The disassembler: formats a decoded instruction as NASM-style Intel text.
import { FORMS } from '../../isa/table';
import { decodeBytes } from './decoder';
import { Instr, OpKind, REG_NONE, REG_RIP } from './instr';

/** Formatting options. */
export interface DisasmOptions {
  /** Linear address of the instruction, as a JS number (signed canonical for 64-bit); needed for branch targets and RIP-relative addresses. */
  ip?: number;
  /** Name for a branch target address, if known ('call my_func'). */
  symbol?: (address: number) => string | undefined;
  /** Upper-case mnemonics, registers and keywords. */
  uppercase?: boolean;
}

const GPR64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const GPR32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const GPR16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const GPR8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b',
  'ah', 'ch', 'dh', 'bh'];
const SEGS = ['es', 'cs', 'ss', 'ds', 'fs', 'gs'];
const SIZE_KEYWORD: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 10: 'tword', 16: 'oword' };

/** Families whose NASM spelling carries an operand-size suffix only when the size is not the mode's default. */
const SUFFIX_FAMILIES: Record<string, string> = {
  iret: 'iret', iretd: 'iret', iretq: 'iret', pushf: 'pushf', pushfd: 'pushf', pushfq: 'pushf',
  popf: 'popf', popfd: 'popf', popfq: 'popf', pusha: 'pusha', pushad: 'pusha', popa: 'popa', popad: 'popa', retf: 'retf',
  ret: 'ret',
};
const SIZE_SUFFIX: Record<number, string> = { 2: 'w', 4: 'd', 8: 'q' };
const STRING_OPERAND = /^[XY][bwdqvz]$/;
const IMPLICIT_ADDRESS = new Set(['xlatb', 'monitor', 'maskmovq', 'maskmovdqu']);

/** Name of a general register of `size` bytes. */
export function gprName(reg: number, size: number): string {
  if (size === 1) return GPR8[reg];
  if (size === 2) return GPR16[reg];
  if (size === 4) return GPR32[reg];
  return GPR64[reg];
}

/** Unsigned hex of a 64-bit lo/hi pair truncated to `size` bytes, '0x' prefixed. */
function hex64(lo: number, hi: number, size: number): string {
  if (size < 8 || hi === 0) {
    const v = size >= 4 ? lo >>> 0 : lo & (size === 2 ? 0xffff : 0xff);
    return '0x' + v.toString(16);
  }
  return '0x' + (hi >>> 0).toString(16) + (lo >>> 0).toString(16).padStart(8, '0');
}

/** A signed 64-bit lo/hi pair as a JS number (exact up to 2^53). */
function toNumber(lo: number, hi: number): number {
  return hi * 4294967296 + (lo >>> 0);
}

/** Splits a JS number into an unsigned lo/hi pair, wrapped to `size` bytes. */
function wrap(v: number, size: number): [number, number] {
  if (size === 2) return [v & 0xffff, 0];
  if (size === 4) return [v >>> 0, 0];
  const lo = v % 4294967296;
  const l = lo < 0 ? lo + 4294967296 : lo;
  const h = Math.floor((v - l) / 4294967296);
  return [l, h | 0];
}

function defaultOsize(bits: number, d64: boolean): number {
  return bits === 16 ? 2 : bits === 32 ? 4 : d64 ? 8 : 4;
}

function memAddress(i: Instr, ip: number): string {
  const names = i.asize === 2 ? GPR16 : i.asize === 4 ? GPR32 : GPR64;
  let s = '';
  if (i.memBase === REG_RIP) {
    const target = wrap(ip + i.len + toNumber(i.dispLo, i.dispHi), i.asize);
    return (i.asize === 4 ? 'dword ' : '') + 'rel ' + hex64(target[0], target[1], i.asize);
  }
  if (i.memBase !== REG_NONE) s = names[i.memBase];
  if (i.memIndex !== REG_NONE) {
    // An index without base needs '*1' to tell it from a plain base register encoding.
    const showScale = i.memScale !== 0 || i.memBase === REG_NONE;
    s += (s ? '+' : '') + names[i.memIndex] + (showScale ? '*' + (1 << i.memScale) : '');
  }
  if (!s) return hex64(i.dispLo, i.dispHi, i.asize);
  if (i.dispLo !== 0 || i.dispHi !== 0) {
    const neg = i.dispHi < 0;
    const d = neg ? wrap(-toNumber(i.dispLo, i.dispHi), 8) : [i.dispLo, i.dispHi];
    s += (neg ? '-' : '+') + hex64(d[0], d[1], 8);
  }
  return s;
}

function memOperand(i: Instr, size: number, code: string, nosize: boolean, ip: number, isMoffs: boolean): string {
  let seg = '';
  if (i.segOverride >= 0 && i.mnem !== 'lea') {
    const show = i.bits === 64 ? i.segOverride >= 4 : i.segOverride !== defaultSeg(i);
    if (show) seg = SEGS[i.segOverride] + ':';
  }
  let addr = memAddress(i, ip);
  let addrKw = '';
  if (addr.startsWith('rel ') || addr.startsWith('dword rel ')) {
    addrKw = addr.slice(0, addr.indexOf('rel ') + 4);
    addr = addr.slice(addrKw.length);
  }
  if (isMoffs) {
    const modeAsize = i.bits === 16 ? 2 : i.bits === 32 ? 4 : 8;
    if (i.bits === 64 && i.asize === 8) addrKw = 'qword ';
    else if (i.bits !== 64 && i.asize !== modeAsize) addrKw = SIZE_KEYWORD[i.asize] + ' ';
  }
  let kw = '';
  if (code === 'Mp' && !nosize) {
    const modeDefault = i.bits === 16 ? 2 : i.bits === 32 ? 4 : 8;
    kw = (i.osize === modeDefault ? '' : SIZE_KEYWORD[i.osize] + ' ') + 'far ';
  } else if (!nosize && size && SIZE_KEYWORD[size]) kw = SIZE_KEYWORD[size] + ' ';
  return `${kw}[${addrKw}${seg}${addr}]`;
}

/** Default segment of the memory operand (before overrides): SS for rBP/rSP bases, else DS. */
function defaultSeg(i: Instr): number {
  if (i.asize === 2) return i.memBase === 5 ? 2 : 3;
  return i.memBase === 4 || i.memBase === 5 ? 2 : 3;
}

/**
 * NASM-style Intel text, e.g. 'mov rax, qword [rbp-0x8]', 'jmp 0x401000', or 'call my_func'
 * when a symbol is known. Invalid instructions format as '(bad)'; `disassemble` prints their
 * first byte as 'db 0x..'.
 */
export function formatInstr(i: Instr, opts: DisasmOptions = {}): string {
  if (i.form < 0 || !i.mnem) return '(bad)';
  const form = FORMS[i.form];
  const ip = opts.ip ?? 0;
  const ks = [i.k0, i.k1, i.k2];
  const ss = [i.s0, i.s1, i.s2];
  const rs = [i.r0, i.r1, i.r2];
  const ops: string[] = [];
  const nosize = form.nosize === true;
  let revealsSize = false;
  let immIndex = 0;
  const x87 = form.ops.includes('STi');
  for (let n = 0; n < i.nops; n++) {
    const code = form.ops[n];
    const sizeCode = /[vzy]$/.test(code) || code === 'rAX' || code === 'eAX';
    switch (ks[n]) {
      case OpKind.Reg:
        ops.push(gprName(rs[n], ss[n]));
        if (sizeCode) revealsSize = true;
        break;
      case OpKind.Mem: case OpKind.Addr:
        ops.push(memOperand(i, ss[n], code, nosize || ks[n] === OpKind.Addr, ip, code[0] === 'O'));
        if (sizeCode || code === 'Mp') revealsSize = true;
        break;
      case OpKind.Imm:
        ops.push(immIndex++ === 0 ? hex64(i.immLo, i.immHi, ss[n]) : hex64(i.imm2, 0, ss[n]));
        break;
      case OpKind.Rel: {
        const t = wrap(ip + i.len + toNumber(i.immLo, i.immHi), ss[n]);
        const target = toNumber(t[0], ss[n] === 8 ? t[1] : 0);
        const sym = opts.symbol?.(ss[n] === 8 ? toNumber(t[0], t[1]) : target);
        ops.push(sym ?? hex64(t[0], t[1], ss[n]));
        break;
      }
      case OpKind.Far:
        ops.push(`${hex64(i.imm2, 0, 2)}:${hex64(i.immLo, 0, 4)}`);
        break;
      case OpKind.Seg: ops.push(SEGS[rs[n]]); break;
      case OpKind.Cr: ops.push('cr' + rs[n]); break;
      case OpKind.Dr: ops.push('dr' + rs[n]); break;
      case OpKind.Xmm: ops.push('xmm' + rs[n]); break;
      case OpKind.Mmx: ops.push('mm' + rs[n]); break;
      case OpKind.St: ops.push('st' + rs[n]); break;
      default: ops.push('?');
    }
  }
  let mnem = i.mnem;
  const family = SUFFIX_FAMILIES[mnem];
  const sizeHints: string[] = [];
  if (family) {
    mnem = family + (i.osize === defaultOsize(i.bits, form.d64 === true || form.f64 === true) ? '' : SIZE_SUFFIX[i.osize]);
  } else if (form.osz === undefined) {
    // NASM infers the operand size from a register or sized memory operand, or from an imm16/imm32
    // or rel16/rel32 width; otherwise (imm8, rel8, no operand) it needs o16/o32/o64.
    // In 64-bit mode PUSH imm16 must be told from the default PUSH imm32 (sign-extended to 64).
    const sensitive = form.ovar || form.ops.some((o) => o === 'Jb' || o === 'Ibs' || (o === 'Iz' && i.bits === 64 && form.d64 === true));
    // SYSRET/SYSEXIT are 32-bit unless REX.W: only o64 is ever needed.
    const sysret = form.map === 1 && (form.op === 0x07 || form.op === 0x35);
    const def = sysret ? 4 : defaultOsize(i.bits, form.d64 === true || form.f64 === true);
    if (sensitive && !revealsSize && i.osize !== def) {
      sizeHints.push('o' + i.osize * 8);
    }
  }
  // x87 register pairs: NASM writes only ST(i), with 'to' for the ST(i) destination forms.
  let operands = ops;
  if (x87 && i.nops === 2) {
    const sti = form.ops[0] === 'STi' ? ops[0] : ops[1];
    operands = [(form.ops[0] === 'STi' && !mnem.endsWith('p') ? 'to ' : '') + sti];
  }
  // AAM/AAD with the usual base 10 are written without an operand.
  if ((mnem === 'aam' || mnem === 'aad') && i.immLo === 10) operands = [];
  const isString = form.ops.some((o) => STRING_OPERAND.test(o));
  const modeAsize = i.bits === 16 ? 2 : i.bits === 32 ? 4 : 8;
  const moffs = form.ops.some((o) => o[0] === 'O');
  // Implicit memory operands addressed by rSI/rDI/rBX/rAX: NASM writes a16/a32 for a non-default address size.
  if ((isString || IMPLICIT_ADDRESS.has(mnem) || (moffs && i.bits === 64)) && i.asize !== modeAsize) sizeHints.push('a' + i.asize * 8);
  const prefixes = sizeHints;
  // A segment override applies to the DS:rSI operand only; ES:rDI cannot be overridden.
  const hasX = form.ops.some((o) => STRING_OPERAND.test(o) && o[0] === 'X') || IMPLICIT_ADDRESS.has(mnem);
  if (hasX && i.segOverride >= 0 && (i.bits === 64 ? i.segOverride >= 4 : i.segOverride !== 3)) prefixes.push(SEGS[i.segOverride]);
  // Branch hints: CS (not taken) and DS (taken) on Jcc.
  if ((form.map === 0 && (form.op & 0xf0) === 0x70) || (form.map === 1 && (form.op & 0xf0) === 0x80)) {
    if (i.segOverride === 1) prefixes.push('cs');
    else if (i.segOverride === 3) prefixes.push('ds');
  }
  if (i.lock) prefixes.push('lock');
  if (i.rep) prefixes.push(i.rep === 0xf2 ? 'repne' : form.rep === 'repe' ? 'repe' : 'rep');
  if (/^(loop|loope|loopne)$/.test(mnem) && i.asize !== modeAsize) operands = [...operands, gprName(1, i.asize)];
  let text = (prefixes.length ? prefixes.join(' ') + ' ' : '') + mnem + (operands.length ? ' ' + operands.join(', ') : '');
  if (opts.uppercase) text = text.toUpperCase().replace(/0X/g, '0x');
  return text;
}

/** Decodes and formats one instruction at `offset`; invalid bytes come out as 'db 0x..' with length 1. */
export function disassemble(bytes: Uint8Array, offset: number, bits: 16 | 32 | 64, ip: number, opts: DisasmOptions = {}): { text: string; len: number } {
  const i = decodeBytes(bytes, offset, bits);
  if (i.form < 0) return { text: `db 0x${bytes[offset].toString(16).padStart(2, '0')}`, len: 1 };
  return { text: formatInstr(i, { ...opts, ip }), len: i.len };
}
