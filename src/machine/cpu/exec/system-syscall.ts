// SYSCALL, SYSRET, SYSENTER and SYSEXIT execution routines.
import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { syscall, sysenter, sysexit, sysret } from '../system/fast-syscall';
import { register } from './registry';

register('syscall', (cpu: Cpu): void => syscall(cpu));
register('sysret', (cpu: Cpu, i: Instr): void => sysret(cpu, i.osize));
register('sysenter', (cpu: Cpu): void => sysenter(cpu));
register('sysexit', (cpu: Cpu, i: Instr): void => sysexit(cpu, i.osize));
