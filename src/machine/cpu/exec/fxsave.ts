// FXSAVE/FXRSTOR (512-byte legacy layout, 64-bit form with REX.W), LDMXCSR and STMXCSR.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import type { Instr } from '../instr';
import { memLinear } from '../operands';
import { ACC_READ, ACC_WRITE } from '../../mmu/paging';
import { CR0_EM, CR0_TS } from '../registers';
import { sseCheck } from './sse-availability';
import { fpuStatusWord } from './x87-control';
import { physGet, physSet, tagOf, x87Regs } from './x87-stack';
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
  // ST(k) in 80 bits from the extended register file (the float64 view is only for display).
  const ext = x87Regs(cpu);
  for (let n = 0; n < 8; n++) physGet(cpu, n); // pick up values written to the float64 view
  for (let k = 0; k < 8; k++) {
    const phys = (cpu.fpuTop + k) & 7;
    const o = 32 + 16 * k;
    cpu.write32(at(o), ext[3 * phys]); cpu.write32(at(o + 4), ext[3 * phys + 1]); cpu.write16(at(o + 8), ext[3 * phys + 2]);
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
  const regs: bigint[] = [];
  for (let k = 0; k < 8; k++) {
    const o = 32 + 16 * k;
    const lo = cpu.read32(at(o)), hi = cpu.read32(at(o + 4)), se = cpu.read16(at(o + 8));
    regs[(top + k) & 7] = (BigInt(se & 0xffff) << 64n) | (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  }
  for (let n = 0; n < 8; n++) {
    physSet(cpu, n, regs[n]);
    // Rebuild the full tag from the abridged one: empty (11), else valid (00), zero (01) or special (10) from the value.
    tag |= (ftw & (1 << n) ? tagOf(regs[n]) : 3) << (2 * n);
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

