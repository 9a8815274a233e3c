// RDMSR, WRMSR, SWAPGS and RDFSBASE/RDGSBASE/WRFSBASE/WRGSBASE.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, Seg } from '../instr';
import { CR4_FSGSBASE, RAX, RCX, RDX } from '../registers';
import { isCanonical, readMsr, toNumber64, writeMsr } from '../system/msr';
import { requireCpl0 } from './system-tables';
import { register } from './registry';

const TWO32 = 4294967296;

register('rdmsr', (cpu: Cpu): void => {
  requireCpl0(cpu);
  const [lo, hi] = readMsr(cpu, cpu.regs[RCX << 1]);
  cpu.set32(RAX, lo);
  cpu.set32(RDX, hi);
});

register('wrmsr', (cpu: Cpu): void => {
  requireCpl0(cpu);
  writeMsr(cpu, cpu.regs[RCX << 1], cpu.regs[RAX << 1], cpu.regs[RDX << 1]);
});

register('swapgs', (cpu: Cpu): void => {
  if (cpu.bits !== 64) throw new CpuFault(6);
  if (cpu.cpl !== 0) throw new CpuFault(13, 0);
  const gs = cpu.segs[Seg.GS];
  const t = gs.base;
  gs.base = cpu.kernelGsBase;
  cpu.kernelGsBase = t;
});

function fsgsbase(seg: number, write: boolean) {
  return (cpu: Cpu, i: Instr): void => {
    if (cpu.bits !== 64 || !(cpu.cr4 & CR4_FSGSBASE)) throw new CpuFault(6);
    const s = cpu.segs[seg];
    if (!write) {
      const b = s.base;
      cpu.setReg(i.r0, i.s0, b % TWO32 | 0, i.s0 === 8 ? Math.floor(b / TWO32) | 0 : 0);
      return;
    }
    const lo = cpu.getReg(i.r0, i.s0), hi = i.s0 === 8 ? cpu.hi : 0;
    if (!isCanonical(lo, hi)) throw new CpuFault(13, 0);
    s.base = toNumber64(lo, hi);
  };
}
register('rdfsbase', fsgsbase(Seg.FS, false));
register('rdgsbase', fsgsbase(Seg.GS, false));
register('wrfsbase', fsgsbase(Seg.FS, true));
register('wrgsbase', fsgsbase(Seg.GS, true));
