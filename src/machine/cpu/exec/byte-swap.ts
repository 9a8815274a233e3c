// BSWAP and MOVBE: byte-order reversal in a register and on loads/stores.
import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { readOperand, writeOperand } from '../operands';
import { register } from './registry';

/** Reverse the four bytes of an int32. */
export function swap32(v: number): number {
  return ((v & 0xff) << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

register('bswap', (cpu: Cpu, i: Instr): void => {
  const r = i.r0;
  if (i.s0 === 8) { const R = cpu.regs, lo = R[r << 1], hi = R[(r << 1) + 1]; cpu.set64(r, swap32(hi), swap32(lo)); return; }
  // BSWAP r16 is undefined in the SDM; Intel CPUs and QEMU clear the low word.
  if (i.s0 === 2) { cpu.set16(r, 0); return; }
  cpu.set32(r, swap32(cpu.regs[r << 1]));
});

register('movbe', (cpu: Cpu, i: Instr): void => {
  const size = i.s0;
  const v = readOperand(cpu, i, 1), hi = cpu.hi;
  if (size === 2) writeOperand(cpu, i, 0, ((v & 0xff) << 8) | ((v >> 8) & 0xff));
  else if (size === 4) writeOperand(cpu, i, 0, swap32(v));
  else writeOperand(cpu, i, 0, swap32(hi), swap32(v));
});
