// Instructions with no architectural effect beyond their faults: prefetch hints, fences, CLFLUSH, ENDBR, and the UD0/UD1/UD2 traps.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import type { Instr } from '../instr';
import { memLinear } from '../operands';
import { ACC_READ } from '../../mmu/paging';
import { register } from './registry';

const nothing = (): void => {};

// Prefetches never fault (SDM PREFETCHh: "does not affect program behavior"); the memory ordering of the
// fences is already that of a single in-order CPU.
register(['prefetchnta', 'prefetcht0', 'prefetcht1', 'prefetcht2', 'prefetch', 'prefetchw'], nothing);
register(['lfence', 'mfence', 'sfence'], nothing);
// ENDBR32/64 are NOPs without CET (not advertised).
register(['endbr32', 'endbr64'], nothing);

// CLFLUSH checks its operand as a byte read (segment and page faults) and has no other visible effect: there is no cache.
register('clflush', (cpu: Cpu, i: Instr): void => {
  cpu.translate(memLinear(cpu, i, 1, false), ACC_READ, cpu.cpl === 3);
});

const undefinedOpcode = (): void => { throw new CpuFault(6); };
register(['ud0', 'ud1', 'ud2'], undefinedOpcode);
