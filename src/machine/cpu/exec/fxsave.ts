// FXSAVE/FXRSTOR (512-byte legacy layout, 64-bit form with REX.W), LDMXCSR and STMXCSR.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import type { Instr } from '../instr';
import { memLinear } from '../operands';
import { ACC_READ, ACC_WRITE } from '../../mmu/paging';
import { CR0_EM, CR0_TS } from '../registers';
import { sseCheck } from './sse-availability';
import { fpuStatusWord } from './x87-control';
import { register } from './registry';

/** MXCSR bits software may set: everything below bit 16 (DAZ is supported, so MXCSR_MASK = FFFFh). */
export const MXCSR_MASK = 0xffff;

register('ldmxcsr', (cpu: Cpu, i: Instr): void => {
  sseCheck(cpu);
  const v = cpu.read32(memLinear(cpu, i, 4, false));
  if (v & ~MXCSR_MASK) throw new CpuFault(13, 0);
  cpu.mxcsr = v;
});
register('stmxcsr', (cpu: Cpu, i: Instr): void => {
  sseCheck(cpu);
  cpu.write32(memLinear(cpu, i, 4, true), cpu.mxcsr);
});

// ---- 80-bit extended precision <-> the float64 register file ----
const F = new Float64Array(1), FI = new Int32Array(F.buffer);

/** Encode a double as the 80-bit extended format: 64-bit significand with explicit integer bit, 15-bit exponent. */
function toExtended(v: number, out: Int32Array): void {
  F[0] = v;
  const lo = FI[0], hi = FI[1];
  const sign = hi < 0 ? 0x8000 : 0;
  const e = (hi >>> 20) & 0x7ff;
  let mLo = lo, mHi = hi & 0xfffff; // 52-bit fraction
  let exp: number;
  if (e === 0 && (mLo | mHi) === 0) { out[0] = 0; out[1] = 0; out[2] = sign; return; }
  if (e === 0x7ff) {
    exp = 0x7fff;
  } else if (e === 0) {
    // Double denormal: normalise into the wider exponent range.
    let m = (mHi * 4294967296 + (mLo >>> 0));
    let ex = 1 - 1023;
    while (m < 2 ** 52) { m *= 2; ex--; }
    mHi = Math.floor(m / 4294967296) & 0xfffff; mLo = m % 4294967296 | 0;
    exp = ex + 16383;
  } else exp = e - 1023 + 16383;
  // Significand: integer bit (1, also for infinities/NaN), then the 52 fraction bits, then 11 zero bits.
  const sigHi = (0x80000000 | (mHi << 11) | (mLo >>> 21)) | 0;
  const sigLo = (mLo << 11) | 0;
  out[0] = sigLo; out[1] = sigHi; out[2] = sign | exp;
}

/** Decode an 80-bit extended value (rounding the significand to 53 bits by truncation-free scaling). */
function fromExtended(sigLo: number, sigHi: number, se: number): number {
  const sign = se & 0x8000 ? -1 : 1;
  const exp = se & 0x7fff;
  const m = (sigHi >>> 0) * 4294967296 + (sigLo >>> 0);
  if (exp === 0x7fff) return (sigHi & 0x7fffffff) === 0 && sigLo === 0 ? sign * Infinity : NaN;
  return sign * m * 2 ** (exp - 16383 - 63);
}

const EXT = new Int32Array(3);

function fxCheck(cpu: Cpu, i: Instr, write: boolean): number {
  // FXSAVE/FXRSTOR: #NM when CR0.TS or CR0.EM is set; the 512-byte area must be 16-byte aligned (#GP(0)).
  if (cpu.cr0 & (CR0_TS | CR0_EM)) throw new CpuFault(7);
  const lin = memLinear(cpu, i, 512, write);
  if (lin % 16 !== 0) throw new CpuFault(13, 0);
  // Probe every page of the area first so that a page fault leaves nothing half done.
  const user = cpu.cpl === 3;
  for (let o = 0; o < 512; o += 4096 - ((lin + o) & 0xfff)) cpu.translate(cpu.linAdd(lin, o), write ? ACC_WRITE : ACC_READ, user);
  cpu.translate(cpu.linAdd(lin, 511), write ? ACC_WRITE : ACC_READ, user);
  return lin;
}

function fxsave(cpu: Cpu, i: Instr): void {
  const lin = fxCheck(cpu, i, true);
  const at = (o: number): number => cpu.linAdd(lin, o);
  cpu.write16(at(0), cpu.fpuControl);
  cpu.write16(at(2), fpuStatusWord(cpu));
  // Abridged tag: bit n = 1 when physical register n is not empty (full tag != 11b).
  let ftw = 0;
  for (let n = 0; n < 8; n++) if (((cpu.fpuTag >> (2 * n)) & 3) !== 3) ftw |= 1 << n;
  cpu.write8(at(4), ftw);
  cpu.write8(at(5), 0);
  cpu.write16(at(6), 0); // FOP
  // FPU instruction and data pointers are not tracked: zero in both layouts (FXSAVE64's 8-byte offsets, FXSAVE's offset + selector).
  cpu.write64(at(8), 0, 0);
  cpu.write64(at(16), 0, 0);
  cpu.write32(at(24), cpu.mxcsr);
  cpu.write32(at(28), MXCSR_MASK);
  for (let k = 0; k < 8; k++) {
    const phys = (cpu.fpuTop + k) & 7;
    toExtended(cpu.fpuRegs[phys], EXT);
    const o = 32 + 16 * k;
    cpu.write32(at(o), EXT[0]); cpu.write32(at(o + 4), EXT[1]); cpu.write16(at(o + 8), EXT[2]);
    cpu.write16(at(o + 10), 0); cpu.write32(at(o + 12), 0);
  }
  const nx = cpu.bits === 64 ? 16 : 8;
  for (let r = 0; r < nx; r++) for (let k = 0; k < 4; k++) cpu.write32(at(160 + 16 * r + 4 * k), cpu.xmm[4 * r + k]);
}

function fxrstor(cpu: Cpu, i: Instr): void {
  const lin = fxCheck(cpu, i, false);
  const at = (o: number): number => cpu.linAdd(lin, o);
  const mx = cpu.read32(at(24));
  if (mx & ~MXCSR_MASK) throw new CpuFault(13, 0);
  const fcw = cpu.read16(at(0)), fsw = cpu.read16(at(2)), ftw = cpu.read8(at(4));
  const top = (fsw >> 11) & 7;
  let tag = 0;
  for (let k = 0; k < 8; k++) {
    const o = 32 + 16 * k;
    const v = fromExtended(cpu.read32(at(o)), cpu.read32(at(o + 4)), cpu.read16(at(o + 8)));
    const phys = (top + k) & 7;
    cpu.fpuRegs[phys] = v;
  }
  for (let n = 0; n < 8; n++) {
    // Rebuild the full tag from the abridged one: empty (11), zero (01), special (10) or valid (00).
    let t = 3;
    if (ftw & (1 << n)) { const v = cpu.fpuRegs[n]; t = v === 0 ? 1 : Number.isFinite(v) ? 0 : 2; }
    tag |= t << (2 * n);
  }
  cpu.fpuControl = (fcw & 0x1f3f) | 0x40;
  cpu.fpuStatus = fsw & ~0x3800;
  cpu.fpuTop = top;
  cpu.fpuTag = tag;
  cpu.mxcsr = mx;
  const nx = cpu.bits === 64 ? 16 : 8;
  for (let r = 0; r < nx; r++) for (let k = 0; k < 4; k++) cpu.xmm[4 * r + k] = cpu.read32(at(160 + 16 * r + 4 * k));
}

register(['fxsave', 'fxsave64'], fxsave);
register(['fxrstor', 'fxrstor64'], fxrstor);

export { toExtended, fromExtended };
