// CBW/CWDE/CDQE (sign-extend the accumulator) and CWD/CDQ/CQO (sign-extend it into rDX).
import type { Cpu } from '../cpu';
import { RAX, RDX } from '../registers';
import { register } from './registry';

register('cbw', (cpu: Cpu): void => { cpu.set16(RAX, (cpu.regs[0] << 24) >> 24); });
register('cwde', (cpu: Cpu): void => { cpu.set32(RAX, (cpu.regs[0] << 16) >> 16); });
register('cdqe', (cpu: Cpu): void => { const v = cpu.regs[0]; cpu.set64(RAX, v, v >> 31); });
register('cwd', (cpu: Cpu): void => { cpu.set16(RDX, (cpu.regs[0] << 16) >> 31); });
register('cdq', (cpu: Cpu): void => { cpu.set32(RDX, cpu.regs[0] >> 31); });
register('cqo', (cpu: Cpu): void => { const s = cpu.regs[1] >> 31; cpu.set64(RDX, s, s); });
