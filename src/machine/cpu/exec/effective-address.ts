// Exact 64-bit effective addresses as lo/hi pairs, for LEA (whose result is arithmetic, not an address, and must keep every bit).
import type { Cpu } from '../cpu';
import { type Instr, REG_RIP } from '../instr';

const TWO32 = 4294967296;

/**
 * base + index * scale + displacement (or next RIP + displacement) with 64-bit wrap-around, as an
 * exact int32 pair: the low half is returned, the high half left in cpu.hi. (operands.ts's
 * effectiveOffset returns a JS number, exact only below 2^53: fine for addresses, which must be
 * canonical, but not for LEA.)
 */
export function effectiveOffset64(cpu: Cpu, i: Instr): number {
  const R = cpu.regs;
  let lo = i.dispLo | 0, hi = i.dispHi | 0, t: number;
  const b = i.memBase;
  if (b === REG_RIP) {
    const r = cpu.rip;
    t = (lo >>> 0) + (r % TWO32 >>> 0);
    hi = (hi + Math.floor(r / TWO32) + (t >= TWO32 ? 1 : 0)) | 0; lo = t | 0;
  } else if (b >= 0) {
    t = (lo >>> 0) + (R[b << 1] >>> 0);
    hi = (hi + R[(b << 1) + 1] + (t >= TWO32 ? 1 : 0)) | 0; lo = t | 0;
  }
  const x = i.memIndex;
  if (x >= 0) {
    const s = i.memScale;
    let xl = R[x << 1], xh = R[(x << 1) + 1];
    if (s !== 0) { xh = (xh << s) | (xl >>> (32 - s)); xl <<= s; }
    t = (lo >>> 0) + (xl >>> 0);
    hi = (hi + xh + (t >= TWO32 ? 1 : 0)) | 0; lo = t | 0;
  }
  cpu.hi = hi;
  return lo;
}
