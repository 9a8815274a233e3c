// Helpers for instructions that set the arithmetic flags eagerly from a result (shifts, multiply, BCD, bit scans).
import type { Cpu } from '../cpu';
import { parity } from '../flags';
import { PF, SF, ZF } from '../registers';

/** Operand width in bits for a size in bytes. */
export const WIDTH = [0, 8, 16, 0, 32, 0, 0, 0, 64];
/** Value mask for sizes 1, 2, 4 (size 4 is the int32 -1). */
export const SIZE_MASK = [0, 0xff, 0xffff, 0, -1];

/**
 * ZF, SF and PF of a result of `size` bytes (size 8: `lo`/`hi` halves; others: `lo` already
 * truncated). Returned as RFLAGS bits.
 */
export function szp(size: number, lo: number, hi: number): number {
  let f = parity(lo) ? PF : 0;
  switch (size) {
    case 1: if ((lo & 0xff) === 0) f |= ZF; if (lo & 0x80) f |= SF; break;
    case 2: if ((lo & 0xffff) === 0) f |= ZF; if (lo & 0x8000) f |= SF; break;
    case 4: if (lo === 0) f |= ZF; if (lo < 0) f |= SF; break;
    default: if ((lo | hi) === 0) f |= ZF; if (hi < 0) f |= SF; break;
  }
  return f;
}

/** Sign bit (0/1) of a value of `size` bytes. */
export function msb(size: number, lo: number, hi: number): number {
  switch (size) {
    case 1: return (lo >> 7) & 1;
    case 2: return (lo >> 15) & 1;
    case 4: return lo >>> 31;
    default: return hi >>> 31;
  }
}

/** Replace the arithmetic flags selected by `mask` with `value` (all six are then eager). */
export function putFlags(cpu: Cpu, mask: number, value: number): void {
  if (cpu.lazy !== 0 && (cpu.lazy & ~mask) !== 0) {
    // Some lazy flags survive: materialize them first (rare: BT, rotates keep SF/ZF/PF).
    materializeRest(cpu);
  }
  cpu.flags = (cpu.flags & ~mask) | (value & mask);
  cpu.lazy &= ~mask;
}

import { getFlags } from '../flags';
function materializeRest(cpu: Cpu): void { cpu.flags = getFlags(cpu); cpu.lazy = 0; }
