// PUSH and POP on SS:rSP with the stack address size of the current mode.
import type { Cpu } from './cpu';
import { Seg } from './instr';
import { segLinear } from './operands';
import { RSP } from './registers';

const TWO32 = 4294967296;

/** Current stack pointer as a number (RSP signed in 64-bit mode, ESP or SP otherwise). */
export function getSP(cpu: Cpu): number {
  switch (cpu.stackSize) {
    case 8: return cpu.regs[(RSP << 1) + 1] * TWO32 + (cpu.regs[RSP << 1] >>> 0);
    case 4: return cpu.regs[RSP << 1] >>> 0;
    default: return cpu.regs[RSP << 1] & 0xffff;
  }
}

/** Set the stack pointer with the stack address size (16-bit keeps the upper bits of ESP). */
export function setSP(cpu: Cpu, v: number): void {
  switch (cpu.stackSize) {
    case 8: cpu.regs[RSP << 1] = v | 0; cpu.regs[(RSP << 1) + 1] = Math.floor(v / TWO32) | 0; return;
    case 4: cpu.regs[RSP << 1] = v | 0; cpu.regs[(RSP << 1) + 1] = 0; return;
    default: cpu.set16(RSP, v); return;
  }
}

/** Stack pointer `delta` bytes away, wrapped to the stack address size. */
export function spPlus(cpu: Cpu, sp: number, delta: number): number {
  const r = sp + delta;
  switch (cpu.stackSize) {
    case 8: return r;
    case 4: return r >>> 0;
    default: return r & 0xffff;
  }
}

/** Push `size` bytes (size 8 takes `hi`). Memory is written before RSP changes (precise faults). */
export function push(cpu: Cpu, size: number, v: number, hi = 0): void {
  const sp = spPlus(cpu, getSP(cpu), -size);
  cpu.writeSized(segLinear(cpu, Seg.SS, sp, size, true), size, v, hi);
  setSP(cpu, sp);
}

/** Pop `size` bytes; size 8 leaves the high half in cpu.hi. */
export function pop(cpu: Cpu, size: number): number {
  const sp = getSP(cpu);
  const v = cpu.readSized(segLinear(cpu, Seg.SS, sp, size, false), size);
  const hi = cpu.hi;
  setSP(cpu, spPlus(cpu, sp, size));
  cpu.hi = hi;
  return v;
}

/** Read `size` bytes at stack offset `k` from rSP without popping (for IRET/RET far checks). */
export function peekStack(cpu: Cpu, k: number, size: number): number {
  const sp = spPlus(cpu, getSP(cpu), k);
  return cpu.readSized(segLinear(cpu, Seg.SS, sp, size, false), size);
}
