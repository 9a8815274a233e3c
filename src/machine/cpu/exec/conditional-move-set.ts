// CMOVcc and SETcc: the sixteen conditions applied to a register move and to a byte store.
import type { Cpu } from '../cpu';
import { type Instr, OpKind } from '../instr';
import { testCC } from '../flags';
import { readOperand, writeOperand } from '../operands';
import { register, registerBinder } from './registry';
import { CONDITION_CODES } from '../../../isa/table-onebyte';

CONDITION_CODES.forEach((cc, n) => {
  // CMOVcc reads its source even when the condition is false (a memory source can fault), and a
  // 32-bit destination is zero-extended in 64-bit mode either way (SDM CMOVcc).
  register(`cmov${cc}`, (cpu: Cpu, i: Instr): void => {
    const v = readOperand(cpu, i, 1), hi = cpu.hi;
    if (testCC(cpu, n)) cpu.setReg(i.r0, i.s0, v, hi);
    else if (i.s0 === 4) cpu.regs[(i.r0 << 1) + 1] = 0;
  });
  registerBinder(`cmov${cc}`, (i: Instr) => {
    if (i.k1 !== OpKind.Reg || (i.s0 !== 4 && i.s0 !== 8)) return undefined;
    const d = i.r0 << 1, s = i.r1 << 1, q = i.s0 === 8;
    return (cpu: Cpu): void => {
      const R = cpu.regs;
      if (testCC(cpu, n)) { R[d] = R[s]; R[d + 1] = q ? R[s + 1] : 0; }
      else if (!q) R[d + 1] = 0;
    };
  });
  register(`set${cc}`, (cpu: Cpu, i: Instr): void => {
    writeOperand(cpu, i, 0, testCC(cpu, n) ? 1 : 0);
  });
});
