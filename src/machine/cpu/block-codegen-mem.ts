// Inline templates for memory instructions (and, in 64-bit mode, stack instructions) in compiled blocks: a TLB hit runs in place, anything else takes the routine's slow path.
import { type Instr, OpKind, REG_NONE, REG_RIP, Seg } from './instr';
import { aluCode } from './block-codegen-alu';
import { RSP } from './registers';
import { TLB_MASK } from '../mmu/tlb';
import type { Inline } from './block-codegen';

const TWO32 = 4294967296;
const CANON = 140737488355328; // 2^47
const SP = RSP << 1;

/**
 * Where an instruction is: its RIP `s`, the fall-through `n` and its index `k` in the block.
 * The block function has the locals cpu, R (registers), ic (count at entry), ep (epoch at
 * entry), TP/TF/TPH (the TLB's page, flags and phys arrays), V (RAM view), EO (effectiveOffset),
 * Fault (CpuFault), SL (segLinear) and FL (flatLinear).
 */
export interface At { s: number; n: number; k: number }

/** Bookkeeping before a slow path: the routines and fault delivery see exact RIP and count. */
export function sync(at: At): string { return `cpu.curRip = ${at.s}; cpu.rip = ${at.n}; cpu.icount = ic + ${at.k};`; }

/** After a slow access: leave the block when a device asked for attention or code was written. */
function leaveIfSlow(at: At): string { return `if (sl && (cpu.limit === 0 || cpu.epoch !== ep)) { cpu.rip = ${at.n}; cpu.icount = ic + ${at.k + 1}; return; }`; }

function canonical(at: At, vector: number): string {
  return `if (l >= ${CANON} || l < ${-CANON}) { ${sync(at)} throw new Fault(${vector}, 0); }`;
}

/** [base + disp32] or [rip + disp32] with 64-bit addressing, no index (fast-mem.ts's shapes). */
function simpleMem(i: Instr): boolean {
  return i.bits === 64 && i.asize === 8 && i.memIndex < 0 && i.memBase !== -1 && i.dispHi === (i.dispLo >> 31) && !i.lock;
}

/** Code that defines `l`, the checked linear address of the memory operand (as fast-mem.ts's lin()). */
function address(i: Instr, at: At): string {
  let code: string;
  if (i.memBase === REG_RIP) code = `let l = ${at.n + (i.dispLo | 0)};`;
  else {
    const b = i.memBase << 1;
    code = `const h = R[${b + 1}]; let l = ((h + 32768) >>> 16) === 0 ? h * ${TWO32} + (R[${b}] >>> 0) + ${i.dispLo | 0} : EO(cpu, I${at.k});`;
  }
  if (i.memSeg >= Seg.FS) code += ` l += cpu.segs[${i.memSeg}].base;`;
  return `${code} ${canonical(at, i.memSeg === Seg.SS ? 12 : 13)}`;
}

/** disp + base + (index << scale) with 32-bit registers, as an expression (not yet truncated to 32 bits). */
export function offset32(i: Instr): string {
  let off = String(i.dispLo | 0);
  if (i.memBase !== REG_NONE) off += ` + R[${i.memBase << 1}]`;
  if (i.memIndex !== REG_NONE) off += ` + (R[${i.memIndex << 1}] << ${i.memScale})`;
  return off;
}

/**
 * Outside 64-bit mode: code that defines `l` for a 32-bit-addressed operand of `size` bytes:
 * segLinear's flat-segment fast path (FL), else segLinear itself with the bookkeeping done.
 */
function address32(i: Instr, size: number, write: boolean, at: At): string {
  return `const off = (${offset32(i)}) >>> 0; let l = FL(cpu, cpu.segs[${i.memSeg}], off, ${size});`
    + ` if (l < 0) { ${sync(at)} l = SL(cpu, ${i.memSeg}, off, ${size}, ${write}); }`;
}

/** Load `size` (4 or 8) bytes at `l` into v (and vh), through the TLB or the slow path; sets `sl` on the slow path. */
function load(size: number, at: At): string {
  const fast = size === 8
    ? 'const p = TPH[ti] + o; v = V.getInt32(p, true); vh = V.getInt32(p + 4, true);'
    : 'v = V.getInt32(TPH[ti] + o, true);';
  const slow = size === 8 ? 'v = cpu.read64(l); vh = cpu.hi;' : 'v = cpu.read32(l);';
  return `let v = 0, vh = 0, sl = false; { const o = l & 4095, pg = Math.floor(l * ${1 / 4096}), ti = pg & ${TLB_MASK};`
    + ` if (TP[ti] === pg && (TF[ti] & cpu.needR) === cpu.needR && o <= ${4096 - size}) { ${fast} } else { ${sync(at)} ${slow} sl = true; } }`;
}

/** Store `lo` (and `hi` for size 8) at `l`; sets `sl` on the slow path. */
function store(size: number, lo: string, hi: string, at: At): string {
  const fast = size === 8
    ? `const p = TPH[ti] + o; V.setInt32(p, ${lo}, true); V.setInt32(p + 4, ${hi}, true);`
    : `V.setInt32(TPH[ti] + o, ${lo}, true);`;
  const slow = size === 8 ? `cpu.write64(l, ${lo}, ${hi});` : `cpu.write32(l, ${lo});`;
  return `let sl = false; { const o = l & 4095, pg = Math.floor(l * ${1 / 4096}), ti = pg & ${TLB_MASK};`
    + ` if (TP[ti] === pg && (TF[ti] & cpu.needW) === cpu.needW && o <= ${4096 - size}) { ${fast} } else { ${sync(at)} ${slow} sl = true; } }`;
}

function memInline(code: string, flags = '', after = ''): Inline {
  return { code, flags, after, fullFlags: flags !== '', touchesFlags: flags !== '', exit: true, needsInstr: true };
}

/** MOV r, [m]; MOV [m], r; ADD/SUB/CMP/AND/OR/XOR/TEST r, [m] at 32 and 64 bits. */
export function memoryForm(i: Instr, at: At): Inline | null {
  if (i.s0 !== 4 && i.s0 !== 8) return null;
  const size: 4 | 8 = i.s0;
  let addr: (write: boolean) => string;
  if (i.bits === 64) {
    if (!simpleMem(i)) return null;
    addr = () => address(i, at);
  } else {
    if (i.asize !== 4 || size !== 4 || i.lock) return null;
    addr = (write) => address32(i, size, write, at);
  }
  if (i.mnem === 'mov' && i.k0 === OpKind.Mem && i.k1 === OpKind.Reg && i.r1 < 16) {
    const s = i.r1 << 1;
    return memInline(`${addr(true)} ${store(size, `R[${s}]`, `R[${s + 1}]`, at)} ${leaveIfSlow(at)}`);
  }
  if (i.k0 !== OpKind.Reg || i.k1 !== OpKind.Mem || i.r0 >= 16) return null;
  const d = i.r0 << 1;
  if (i.mnem === 'mov') {
    return memInline(`${addr(false)} ${load(size, at)} R[${d}] = v; R[${d + 1}] = ${size === 8 ? 'vh' : '0'}; ${leaveIfSlow(at)}`);
  }
  const t = aluCode(i.mnem, size, d, 'v', 'vh');
  return t === undefined ? null : memInline(`${addr(false)} ${load(size, at)} ${t.code}`, t.flags, leaveIfSlow(at));
}

/** Push the 64-bit value lo:hi in 64-bit mode (as stack.ts: memory first, then RSP). */
function push64(lo: string, hi: string, at: At): string {
  return `const sl0 = R[${SP}], sh0 = R[${SP + 1}], nlo = (sl0 - 8) | 0, nh = (sl0 >>> 0) < 8 ? (sh0 - 1) | 0 : sh0; const l = nh * ${TWO32} + (nlo >>> 0); ${canonical(at, 12)}`
    + ` ${store(8, lo, hi, at)} R[${SP}] = nlo; R[${SP + 1}] = nh;`;
}

/** Pop 64 bits into v:vh in 64-bit mode (RSP moves after the read). */
function pop64(at: At): string {
  return `const sl0 = R[${SP}], sh0 = R[${SP + 1}]; const l = sh0 * ${TWO32} + (sl0 >>> 0); ${canonical(at, 12)} ${load(8, at)}`;
}
function popCommit(): string { return `{ const nlo = (sl0 + 8) | 0; R[${SP}] = nlo; R[${SP + 1}] = (nlo >>> 0) < 8 ? (sh0 + 1) | 0 : sh0; }`; }

/** PUSH r64, POP r64, CALL rel32 (the block follows it) and RET in 64-bit code. */
export function stackForm(i: Instr, at: At): Inline | null {
  if (i.bits !== 64 || i.lock || i.osize !== 8) return null;
  if (i.mnem === 'push' && i.k0 === OpKind.Reg && i.r0 !== RSP && i.r0 < 16) {
    const s = i.r0 << 1;
    return memInline(`${push64(`R[${s}]`, `R[${s + 1}]`, at)} ${leaveIfSlow(at)}`);
  }
  if (i.mnem === 'pop' && i.k0 === OpKind.Reg && i.r0 < 16) {
    const d = i.r0 << 1;
    return memInline(`${pop64(at)} ${popCommit()} R[${d}] = v; R[${d + 1}] = vh; ${leaveIfSlow(at)}`);
  }
  if (i.mnem === 'call' && i.k0 === OpKind.Rel) {
    const target = at.n + (i.immLo | 0);
    if (target >= CANON || target < -CANON) return null;
    const lo = at.n | 0, hi = Math.floor(at.n / TWO32) | 0;
    // The block goes on at the target: leaving after a slow push must land there.
    const leave = `if (sl && (cpu.limit === 0 || cpu.epoch !== ep)) { cpu.rip = ${target}; cpu.icount = ic + ${at.k + 1}; return; }`;
    return memInline(`${push64(String(lo), String(hi), at)} ${leave}`);
  }
  if (i.mnem === 'ret' && i.k0 === OpKind.None) {
    return memInline(`${pop64(at)} const t = vh * ${TWO32} + (v >>> 0); if (t >= ${CANON} || t < ${-CANON}) { ${sync(at)} throw new Fault(13, 0); }`
      + ` ${popCommit()} cpu.rip = t; cpu.icount = ic + ${at.k + 1}; return;`);
  }
  return null;
}
