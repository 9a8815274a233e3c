// x87 operand values: conversions between memory formats (m32/m64/m80, integers) and the 80-bit registers, the rounding environment from the control word, and the x87 NaN rules.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { CR0_NE } from '../registers';
import {
  DOUBLE, EXTENDED, type RoundEnv, SINGLE, fromInteger, unpack,
} from './softfloat';
import { SW_ES, toExtended } from './x87-stack';

export { toExtended };
import { x87Check } from './x87-control';

const M64 = 0xffffffffffffffffn;

/** Rounding environment of an arithmetic instruction: RC and precision control from the FCW. */
export function x87Env(cpu: Cpu, usePrecision: boolean): RoundEnv {
  const pc = (cpu.fpuControl >> 8) & 3;
  return {
    rc: (cpu.fpuControl >> 10) & 3,
    ftz: false,
    umMasked: (cpu.fpuControl & 0x10) !== 0,
    precision: usePrecision ? (pc === 0 ? 24 : pc === 2 ? 53 : 64) : 0,
  };
}

/**
 * Checks before a waiting x87 instruction: #NM (CR0.EM/TS), and #MF when an unmasked exception
 * is pending (status ES) and CR0.NE selects native error reporting.
 */
export function x87Begin(cpu: Cpu): void {
  x87Check(cpu);
  if ((cpu.fpuStatus & SW_ES) && (cpu.cr0 & CR0_NE)) throw new CpuFault(16);
}

/** Read a memory real of `size` bytes (4, 8, 10) as 80 bits; also reports whether the source was a denormal (DE). */
export function readReal(cpu: Cpu, lin: number, size: number): { v: bigint; denormal: boolean } {
  if (size === 10) {
    const lo = cpu.read64(lin), hi = cpu.hi, se = cpu.read16(lin + 8);
    return { v: (BigInt(se) << 64n) | (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0), denormal: false };
  }
  let bits: bigint;
  if (size === 4) bits = BigInt(cpu.read32(lin) >>> 0);
  else { const lo = cpu.read64(lin); bits = (BigInt(cpu.hi >>> 0) << 32n) | BigInt(lo >>> 0); }
  const f = size === 4 ? SINGLE : DOUBLE;
  return { v: toExtended(bits, f), denormal: unpack(bits, f).denormal };
}

/** Read a signed memory integer of `size` bytes (2, 4, 8) as an exact 80-bit value. */
export function readInteger(cpu: Cpu, lin: number, size: number): bigint {
  let v: bigint;
  if (size === 2) v = BigInt((cpu.read16(lin) << 16) >> 16);
  else if (size === 4) v = BigInt(cpu.read32(lin) | 0);
  else { const lo = cpu.read64(lin); v = BigInt.asIntN(64, (BigInt(cpu.hi >>> 0) << 32n) | BigInt(lo >>> 0)); }
  return fromInteger(v, EXTENDED, { rc: 0, ftz: false, umMasked: true });
}

/** The 64-bit significand and 16-bit sign/exponent of an 80-bit value. */
export const sigOf = (v: bigint): bigint => v & M64;
export const seOf = (v: bigint): number => Number(v >> 64n) & 0xffff;

/** Quiet an 80-bit NaN. */
export const quiet80 = (v: bigint): bigint => v | (1n << 62n);

/**
 * x87 NaN propagation (SDM Vol. 1 Table 4-7): with one NaN operand, that one (quieted); an SNaN
 * with a QNaN gives the QNaN; two QNaNs or two SNaNs give the larger significand.
 */
export function pickNaN(a: bigint, aNaN: boolean, b: bigint, bNaN: boolean): bigint {
  if (aNaN && bNaN) {
    const qa = (a >> 62n) & 1n, qb = (b >> 62n) & 1n;
    // An SNaN with a QNaN: the QNaN. Two of a kind: the larger significand (ties: `a`, the destination).
    if (qa !== qb) return quiet80(qa ? a : b);
    return quiet80(sigOf(b) > sigOf(a) ? b : a);
  }
  return quiet80(aNaN ? a : b);
}
