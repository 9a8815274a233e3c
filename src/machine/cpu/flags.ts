// Lazy arithmetic flags: instructions record their operands and result; a flag is computed only when read.
import type { Cpu } from './cpu';
import { AF, ARITH_FLAGS, CF, OF, PF, SF, ZF } from './registers';

/** Kind of the last flag-setting operation (Cpu.lop). */
export const LOP_ADD = 1, LOP_ADC = 2, LOP_SUB = 3, LOP_SBB = 4, LOP_LOGIC = 5;

/** Parity flag of each byte value: PF set when the number of one bits is even. */
const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) { let b = i, n = 0; while (b) { n += b & 1; b >>= 1; } PARITY[i] = n & 1 ? 0 : 1; }

/** Sign of a value of `size` bytes (size 8 uses the high half). */
function topBit(size: number, lo: number, hi: number): number {
  switch (size) {
    case 1: return (lo >> 7) & 1;
    case 2: return (lo >> 15) & 1;
    case 4: return lo >>> 31;
    default: return hi >>> 31;
  }
}

/** Record an arithmetic result for sizes 1, 2, 4 (values already truncated; size 4 as int32). */
export function setLazy(cpu: Cpu, op: number, size: number, a: number, b: number, r: number, mask: number): void {
  cpu.lop = op; cpu.lsize = size; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = mask;
}

/** Record a 64-bit arithmetic result. */
export function setLazy64(cpu: Cpu, op: number, aLo: number, aHi: number, bLo: number, bHi: number, rLo: number, rHi: number, mask: number): void {
  cpu.lop = op; cpu.lsize = 8; cpu.la = aLo; cpu.laHi = aHi; cpu.lb = bLo; cpu.lbHi = bHi; cpu.lr = rLo; cpu.lrHi = rHi; cpu.lazy = mask;
}

/** Unsigned less-than of two values of the lazy size. */
function ltu(size: number, a: number, aHi: number, b: number, bHi: number): boolean {
  if (size === 8) return (aHi >>> 0) < (bHi >>> 0) || (aHi === bHi && (a >>> 0) < (b >>> 0));
  return (a >>> 0) < (b >>> 0);
}

export function getCF(cpu: Cpu): boolean {
  if (!(cpu.lazy & CF)) return (cpu.flags & CF) !== 0;
  switch (cpu.lop) {
    case LOP_ADD: return ltu(cpu.lsize, cpu.lr, cpu.lrHi, cpu.la, cpu.laHi);
    case LOP_ADC: return !ltu(cpu.lsize, cpu.la, cpu.laHi, cpu.lr, cpu.lrHi);
    case LOP_SUB: return ltu(cpu.lsize, cpu.la, cpu.laHi, cpu.lb, cpu.lbHi);
    case LOP_SBB: return !ltu(cpu.lsize, cpu.lb, cpu.lbHi, cpu.la, cpu.laHi);
    default: return false;
  }
}

export function getZF(cpu: Cpu): boolean {
  if (!(cpu.lazy & ZF)) return (cpu.flags & ZF) !== 0;
  return cpu.lsize === 8 ? (cpu.lr | cpu.lrHi) === 0 : cpu.lr === 0;
}

export function getSF(cpu: Cpu): boolean {
  if (!(cpu.lazy & SF)) return (cpu.flags & SF) !== 0;
  return topBit(cpu.lsize, cpu.lr, cpu.lrHi) !== 0;
}

export function getOF(cpu: Cpu): boolean {
  if (!(cpu.lazy & OF)) return (cpu.flags & OF) !== 0;
  const s = cpu.lsize, a = cpu.la, b = cpu.lb, r = cpu.lr, ah = cpu.laHi, bh = cpu.lbHi, rh = cpu.lrHi;
  switch (cpu.lop) {
    case LOP_ADD: case LOP_ADC: return topBit(s, (a ^ r) & (b ^ r), (ah ^ rh) & (bh ^ rh)) !== 0;
    case LOP_SUB: case LOP_SBB: return topBit(s, (a ^ b) & (a ^ r), (ah ^ bh) & (ah ^ rh)) !== 0;
    default: return false;
  }
}

export function getPF(cpu: Cpu): boolean {
  if (!(cpu.lazy & PF)) return (cpu.flags & PF) !== 0;
  return PARITY[cpu.lr & 0xff] !== 0;
}

export function getAF(cpu: Cpu): boolean {
  if (!(cpu.lazy & AF)) return (cpu.flags & AF) !== 0;
  if (cpu.lop === LOP_LOGIC) return false;
  return ((cpu.la ^ cpu.lb ^ cpu.lr) & 0x10) !== 0;
}

/** Parity of a byte (for instructions that set PF eagerly). */
export function parity(v: number): boolean { return PARITY[v & 0xff] !== 0; }

/** The full RFLAGS value with lazy flags materialized. */
export function getFlags(cpu: Cpu): number {
  if (cpu.lazy === 0) return cpu.flags;
  let f = cpu.flags & ~cpu.lazy;
  const l = cpu.lazy;
  if ((l & CF) && getCF(cpu)) f |= CF;
  if ((l & PF) && getPF(cpu)) f |= PF;
  if ((l & AF) && getAF(cpu)) f |= AF;
  if ((l & ZF) && getZF(cpu)) f |= ZF;
  if ((l & SF) && getSF(cpu)) f |= SF;
  if ((l & OF) && getOF(cpu)) f |= OF;
  return f;
}

/** Materialize the lazy flags into `cpu.flags` (before changing only some of them eagerly). */
export function materialize(cpu: Cpu): void {
  if (cpu.lazy !== 0) { cpu.flags = getFlags(cpu); cpu.lazy = 0; }
}

/** Set the arithmetic flags in `mask` eagerly to the bits given in `value`. */
export function setArith(cpu: Cpu, mask: number, value: number): void {
  materialize(cpu);
  cpu.flags = (cpu.flags & ~mask) | (value & mask);
}

/** Set all six arithmetic flags eagerly. */
export function setAllArith(cpu: Cpu, value: number): void {
  cpu.flags = (cpu.flags & ~ARITH_FLAGS) | (value & ARITH_FLAGS);
  cpu.lazy = 0;
}

/** Evaluate condition code cc (0..15, the low nibble of Jcc/SETcc/CMOVcc opcodes). */
export function testCC(cpu: Cpu, cc: number): boolean {
  let r: boolean;
  switch (cc >> 1) {
    case 0: r = getOF(cpu); break;                              // O
    case 1: r = getCF(cpu); break;                              // B
    case 2: r = getZF(cpu); break;                              // Z
    case 3: r = getCF(cpu) || getZF(cpu); break;                // BE
    case 4: r = getSF(cpu); break;                              // S
    case 5: r = getPF(cpu); break;                              // P
    case 6: r = getSF(cpu) !== getOF(cpu); break;               // L
    default: r = getZF(cpu) || getSF(cpu) !== getOF(cpu); break; // LE
  }
  return (cc & 1) ? !r : r;
}
