// x87 control instructions the kernel and compilers use without doing floating point: FNINIT, FNSTCW, FLDCW, FNSTSW, FNCLEX, FWAIT.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { memLinear } from '../operands';
import { CR0_EM, CR0_MP, CR0_NE, CR0_TS, RAX } from '../registers';
import { register } from './registry';

/** x87 instructions raise #NM when CR0.EM or CR0.TS is set (SDM Vol. 3 Table 2-2). */
export function x87Check(cpu: Cpu): void {
  if (cpu.cr0 & (CR0_EM | CR0_TS)) throw new CpuFault(7);
}

/** The FPU status word with TOP in bits 13..11. */
export function fpuStatusWord(cpu: Cpu): number {
  return ((cpu.fpuStatus & ~0x3800) | ((cpu.fpuTop & 7) << 11)) & 0xffff;
}

/** FNINIT/FINIT: control 037Fh, status 0, all registers empty (SDM FINIT). */
export function fpuInit(cpu: Cpu): void {
  cpu.fpuControl = 0x37f; cpu.fpuStatus = 0; cpu.fpuTag = 0xffff; cpu.fpuTop = 0;
}

register('fninit', (cpu: Cpu): void => { x87Check(cpu); fpuInit(cpu); });
register('fnclex', (cpu: Cpu): void => { x87Check(cpu); cpu.fpuStatus &= 0x7f00; });

register('fnstcw', (cpu: Cpu, i: Instr): void => {
  x87Check(cpu);
  cpu.write16(memLinear(cpu, i, 2, true), cpu.fpuControl);
});
register('fldcw', (cpu: Cpu, i: Instr): void => {
  x87Check(cpu);
  // Bit 6 reads as 1 and bits 13..15 are reserved (as the hardware stores it back with FNSTCW).
  cpu.fpuControl = (cpu.read16(memLinear(cpu, i, 2, false)) & 0x1f3f) | 0x40;
});
register('fnstsw', (cpu: Cpu, i: Instr): void => {
  x87Check(cpu);
  const sw = fpuStatusWord(cpu);
  if (i.k0 === OpKind.Reg) cpu.set16(RAX, sw);
  else cpu.write16(memLinear(cpu, i, 2, true), sw);
});

// WAIT/FWAIT: #NM only when both CR0.MP and CR0.TS are set; a pending unmasked x87 exception (ES) is reported as #MF with CR0.NE.
register(['wait', 'fwait'], (cpu: Cpu): void => {
  if ((cpu.cr0 & (CR0_MP | CR0_TS)) === (CR0_MP | CR0_TS)) throw new CpuFault(7);
  if ((cpu.fpuStatus & 0x80) && (cpu.cr0 & CR0_NE)) throw new CpuFault(16);
});
