// BOUND (62 /r, legacy modes only): #BR when a signed array index lies outside the bounds pair in memory.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { memLinear } from '../operands';
import { register } from './registry';

register('bound', (cpu: Cpu, i: Instr): void => {
  // The register form (mod = 3) is invalid; 64-bit mode never decodes BOUND (62 is EVEX there).
  if (i.k1 !== OpKind.Mem) throw new CpuFault(6);
  const size = i.osize === 2 ? 2 : 4;
  const lin = memLinear(cpu, i, 2 * size, false);
  const sx = (v: number) => (size === 2 ? (v << 16) >> 16 : v | 0);
  const lower = sx(cpu.readSized(lin, size));
  const upper = sx(cpu.readSized(cpu.linAdd(lin, size), size));
  const index = sx(cpu.getReg(i.r0, size));
  // #BR is a fault: the instruction is restarted after the handler, so nothing is written.
  if (index < lower || index > upper) throw new CpuFault(5);
});
