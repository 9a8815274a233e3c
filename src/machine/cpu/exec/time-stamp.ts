// RDTSC and RDTSCP: the time-stamp counter is the virtual clock (cpu.icount) plus the IA32_TSC offset, so runs are reproducible.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { CR0_PE, CR4_TSD, RAX, RCX, RDX } from '../registers';
import { readTsc } from '../system/msr';
import { register } from './registry';

function rdtsc(cpu: Cpu): void {
  // CR4.TSD restricts the instruction to CPL 0 (#GP(0) otherwise).
  if ((cpu.cr4 & CR4_TSD) && (cpu.cr0 & CR0_PE) && cpu.cpl > 0) throw new CpuFault(13, 0);
  const [lo, hi] = readTsc(cpu);
  cpu.set32(RAX, lo);
  cpu.set32(RDX, hi);
}

register('rdtsc', rdtsc);
register('rdtscp', (cpu: Cpu): void => {
  rdtsc(cpu);
  cpu.set32(RCX, cpu.tscAux | 0); // IA32_TSC_AUX
});
