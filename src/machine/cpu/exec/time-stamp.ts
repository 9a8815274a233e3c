// RDTSC and RDTSCP: the time-stamp counter is the virtual clock (cpu.icount), so runs are reproducible.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { CR0_PE, CR4_TSD, RAX, RCX, RDX } from '../registers';
import { register } from './registry';

const TWO32 = 4294967296;

function readTsc(cpu: Cpu): void {
  // CR4.TSD restricts the instruction to CPL 0 (#GP(0) otherwise).
  if ((cpu.cr4 & CR4_TSD) && (cpu.cr0 & CR0_PE) && cpu.cpl > 0) throw new CpuFault(13, 0);
  const t = cpu.icount;
  cpu.set32(RAX, t % TWO32 | 0);
  cpu.set32(RDX, Math.floor(t / TWO32) | 0);
}

register('rdtsc', readTsc);
register('rdtscp', (cpu: Cpu): void => {
  readTsc(cpu);
  cpu.set32(RCX, cpu.tscAux | 0); // IA32_TSC_AUX
});
