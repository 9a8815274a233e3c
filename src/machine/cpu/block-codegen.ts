// JavaScript source templates for the instructions the block tier writes out inline instead of calling their routines.
import { type Instr, OpKind, REG_RIP, REG_NONE } from './instr';
import { LOP_ADD, LOP_SUB } from './flags';
import { aluCode } from './block-codegen-alu';
import { CONDITION_CODES } from '../../isa/table-onebyte';
import { ARITH_FLAGS, CF, OF, PF, SF, ZF } from './registers';
import { memoryForm, offset32, stackForm, sync } from './block-codegen-mem';

/**
 * The inline code of one instruction. Every template here has exactly the effect of the
 * routine the instruction is bound to (fast-alu.ts, fast-forms.ts, move.ts, branch.ts) and
 * cannot fault: the block runs it with no bookkeeping around it.
 * - `code` changes registers; `flags` stores its lazy-flag record (kept apart so that a record
 *   a later instruction overwrites before anything reads it can be left out).
 * - `fullFlags`: `flags` replaces the whole lazy record and all six arithmetic flags, and the
 *   instruction reads no flags.
 * - `touchesFlags`: the instruction reads or writes flags in any way.
 * - `exit`: the code may leave the block or fault (a branch, a memory access).
 */
export interface Inline {
  code: string; flags: string; fullFlags: boolean; touchesFlags: boolean; exit: boolean;
  /** Code after the flag record (a slow memory access leaving the block). */
  after?: string;
  /** The code refers to the decoded instruction as `I<k>`. */
  needsInstr?: boolean;
}

const TWO32 = 4294967296;
const CANON = 140737488355328; // 2^47

/** Jcc mnemonic -> condition number (the low nibble of the opcode). */
const CC_INDEX: Record<string, number> = Object.fromEntries(CONDITION_CODES.map((cc, n) => [`j${cc}`, n]));

function inlineOnly(code: string): Inline { return { code, flags: '', fullFlags: false, touchesFlags: false, exit: false }; }

/** ADD/SUB/CMP/AND/OR/XOR/TEST r32/r64, r/imm (as fast-alu.ts). */
function binary(i: Instr): Inline | null {
  if (i.k0 !== OpKind.Reg || (i.s0 !== 4 && i.s0 !== 8) || (i.k1 !== OpKind.Reg && i.k1 !== OpKind.Imm)) return null;
  const s = i.r1 << 1, imm = i.k1 === OpKind.Imm;
  const t = aluCode(i.mnem, i.s0, i.r0 << 1, imm ? String(i.immLo | 0) : `R[${s}]`, imm ? String(i.immHi | 0) : `R[${s + 1}]`);
  return t === undefined ? null : { ...t, fullFlags: true, touchesFlags: true, exit: false };
}

/** MOV r32/r64, r/imm (as move.ts). */
function mov(i: Instr): Inline | null {
  if (i.k0 !== OpKind.Reg || (i.s0 !== 4 && i.s0 !== 8)) return null;
  const d = i.r0 << 1, s = i.r1 << 1;
  if (i.k1 === OpKind.Reg) return inlineOnly(i.s0 === 8 ? `R[${d}] = R[${s}]; R[${d + 1}] = R[${s + 1}];` : `R[${d}] = R[${s}]; R[${d + 1}] = 0;`);
  if (i.k1 === OpKind.Imm) return inlineOnly(`R[${d}] = ${i.immLo | 0}; R[${d + 1}] = ${i.s0 === 8 ? i.immHi | 0 : 0};`);
  return null;
}

/** INC/DEC r32/r64: CF is kept, materialised from the previous operation (as fast-forms.ts). */
function incDec(i: Instr): Inline | null {
  if (i.k0 !== OpKind.Reg || (i.s0 !== 4 && i.s0 !== 8)) return null;
  const d = i.r0 << 1, inc = i.mnem === 'inc', lop = inc ? LOP_ADD : LOP_SUB, delta = inc ? 1 : -1;
  const keepCF = `if (cpu.lazy & ${CF}) cpu.flags = (cpu.flags & ${~CF}) | (getCF(cpu) ? ${CF} : 0);`;
  const lazy = ARITH_FLAGS & ~CF;
  if (i.s0 === 4) {
    return {
      code: `${keepCF} const a = R[${d}], r = (a + ${delta}) | 0; R[${d}] = r; R[${d + 1}] = 0;`,
      flags: `cpu.lop = ${lop}; cpu.lsize = 4; cpu.la = a; cpu.lb = 1; cpu.lr = r; cpu.lazy = ${lazy};`,
      fullFlags: false, touchesFlags: true, exit: false,
    };
  }
  const rh = inc ? '(r === 0 ? (ah + 1) | 0 : ah)' : '(a === 0 ? (ah - 1) | 0 : ah)';
  return {
    code: `${keepCF} const a = R[${d}], ah = R[${d + 1}], r = (a + ${delta}) | 0, rh = ${rh}; R[${d}] = r; R[${d + 1}] = rh;`,
    flags: `cpu.lop = ${lop}; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = 1; cpu.lbHi = 0; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ${lazy};`,
    fullFlags: false, touchesFlags: true, exit: false,
  };
}

/**
 * LEA r32/r64 with 64-bit addressing and no RIP-relative base (as effective-address.ts: exact
 * pair arithmetic), or LEA r32 with 32-bit addressing (as move.ts: the sum truncated to 32 bits).
 */
function lea(i: Instr): Inline | null {
  if (i.asize === 4 && i.k0 === OpKind.Reg && i.s0 === 4 && (i.k1 === OpKind.Mem || i.k1 === OpKind.Addr)) {
    return inlineOnly(`R[${i.r0 << 1}] = (${offset32(i)}) | 0; R[${(i.r0 << 1) + 1}] = 0;`);
  }
  if (i.asize !== 8 || i.k0 !== OpKind.Reg || (i.s0 !== 8 && i.s0 !== 4) || (i.k1 !== OpKind.Mem && i.k1 !== OpKind.Addr) || i.memBase === REG_RIP) return null;
  const d = i.r0 << 1;
  let code = `let lo = ${i.dispLo | 0}, hi = ${i.dispHi | 0}, t = 0;`;
  if (i.memBase !== REG_NONE) {
    const b = i.memBase << 1;
    code += ` t = (lo >>> 0) + (R[${b}] >>> 0); hi = (hi + R[${b + 1}] + (t >= ${TWO32} ? 1 : 0)) | 0; lo = t | 0;`;
  }
  if (i.memIndex !== REG_NONE) {
    const x = i.memIndex << 1, sc = i.memScale;
    code += ` let xl = R[${x}], xh = R[${x + 1}];`;
    if (sc !== 0) code += ` xh = (xh << ${sc}) | (xl >>> ${32 - sc}); xl <<= ${sc};`;
    code += ` t = (lo >>> 0) + (xl >>> 0); hi = (hi + xh + (t >= ${TWO32} ? 1 : 0)) | 0; lo = t | 0;`;
  }
  code += i.s0 === 8 ? ` R[${d}] = lo; R[${d + 1}] = hi;` : ` R[${d}] = lo; R[${d + 1}] = 0;`;
  return inlineOnly(code);
}

/**
 * SHL/SHR/SAR r32/r64 by a non-zero immediate (as shift-rotate.ts's fast forms): all six
 * arithmetic flags set eagerly (AF cleared), so the previous lazy record no longer matters.
 */
function shift(i: Instr): Inline | null {
  if (i.k0 !== OpKind.Reg || i.k1 !== OpKind.Imm || (i.s0 !== 4 && i.s0 !== 8)) return null;
  const d = i.r0 << 1, kind = i.mnem === 'sal' ? 'shl' : i.mnem;
  let code: string;
  if (i.s0 === 4) {
    const c = i.immLo & 0x1f;
    if (c === 0) return null;
    if (kind === 'shl') code = `const a = R[${d}], r = a << ${c}, cf = (a >>> ${32 - c}) & 1, of = (r >>> 31) ^ cf;`;
    else if (kind === 'shr') code = `const a = R[${d}], r = (a >>> ${c}) | 0, cf = (a >>> ${c - 1}) & 1, of = ((a >>> ${c - 1}) >>> 31) ^ (r >>> 31);`;
    else code = `const a = R[${d}], r = a >> ${c}, cf = (a >> ${c - 1}) & 1, of = 0;`;
    code += ` R[${d}] = r; R[${d + 1}] = 0;`;
    return {
      code,
      flags: `cpu.flags = (cpu.flags & ${~ARITH_FLAGS}) | (PAR(r) ? ${PF} : 0) | (r === 0 ? ${ZF} : 0) | (r < 0 ? ${SF} : 0) | (cf ? ${CF} : 0) | (of ? ${OF} : 0); cpu.lazy = 0;`,
      fullFlags: true, touchesFlags: true, exit: false,
    };
  }
  const c = i.immLo & 0x3f;
  if (c === 0) return null;
  code = `const lo = R[${d}], hi = R[${d + 1}];`;
  const bit = (n: number): string => (n >= 32 ? `(hi >>> ${n - 32}) & 1` : `(lo >>> ${n}) & 1`);
  if (kind === 'shl') {
    code += c < 32 ? ` const rh = (hi << ${c}) | (lo >>> ${32 - c}), rl = lo << ${c};` : ` const rh = lo << ${c - 32}, rl = 0;`;
    code += ` const cf = ${bit(64 - c)}, of = (rh >>> 31) ^ cf;`;
  } else if (kind === 'shr') {
    code += c < 32 ? ` const rh = (hi >>> ${c}) | 0, rl = (lo >>> ${c}) | (hi << ${32 - c});` : ` const rh = 0, rl = (hi >>> ${c - 32}) | 0;`;
    code += ` const cf = ${bit(c - 1)}, of = ${c === 1 ? 'hi >>> 31' : '0'};`;
  } else {
    code += c < 32 ? ` const rh = hi >> ${c}, rl = (lo >>> ${c}) | (hi << ${32 - c});` : ` const rh = hi >> 31, rl = hi >> ${c - 32};`;
    code += ` const cf = ${bit(c - 1)}, of = 0;`;
  }
  code += ` R[${d}] = rl; R[${d + 1}] = rh;`;
  return {
    code,
    flags: `cpu.flags = (cpu.flags & ${~ARITH_FLAGS}) | (PAR(rl) ? ${PF} : 0) | ((rl | rh) === 0 ? ${ZF} : 0) | (rh < 0 ? ${SF} : 0) | (cf ? ${CF} : 0) | (of ? ${OF} : 0); cpu.lazy = 0;`,
    fullFlags: true, touchesFlags: true, exit: false,
  };
}

/** Jcc rel: leaves the block when taken (as branch.ts). */
function jcc(i: Instr, s: number, k: number): Inline | null {
  const cc = CC_INDEX[i.mnem];
  if (cc === undefined || i.k0 !== OpKind.Rel) return null;
  const next = s + i.len, taken = `cpu.rip = T; cpu.icount = ic + ${k + 1}; return;`;
  if (i.bits === 64) {
    if (i.osize !== 8) return null;
    const target = next + (i.immLo | 0);
    if (target >= CANON || target < -CANON) return null;
    return { code: `if (testCC(cpu, ${cc})) { const T = ${target}; ${taken} }`, flags: '', fullFlags: false, touchesFlags: true, exit: true };
  }
  // Outside 64-bit mode the target wraps to the operand size and must lie within CS's limit (#GP(0)).
  const target = i.osize === 4 ? (next + (i.immLo | 0)) >>> 0 : (next + (i.immLo | 0)) & 0xffff;
  const fault = `${sync({ s, n: next, k })} throw new Fault(13, 0);`;
  return {
    code: `if (testCC(cpu, ${cc})) { const T = ${target}; if (T > cpu.segs[1].limit) { ${fault} } ${taken} }`,
    flags: '', fullFlags: false, touchesFlags: true, exit: true,
  };
}

/**
 * The inline form of `i`, the k-th instruction of the block, at RIP `s`, or null when the block
 * calls its routine instead.
 */
export function inlineInstr(i: Instr, s: number, k: number): Inline | null {
  if (i.lock || i.tooLong || i.rep !== 0) return null;
  const next = s + i.len;
  if (i.k0 === OpKind.Mem || i.k1 === OpKind.Mem) return memoryForm(i, { s, n: next, k });
  if (i.mnem === 'push' || i.mnem === 'pop' || i.mnem === 'call' || i.mnem === 'ret') return stackForm(i, { s, n: next, k });
  switch (i.mnem) {
    case 'add': case 'sub': case 'cmp': case 'and': case 'or': case 'xor': case 'test': return binary(i);
    case 'mov': return mov(i);
    case 'inc': case 'dec': return incDec(i);
    case 'lea': return lea(i);
    case 'shl': case 'sal': case 'shr': case 'sar': return shift(i);
    default: return CC_INDEX[i.mnem] !== undefined ? jcc(i, s, k) : null;
  }
}
