// PUSH and POP on SS:rSP with the stack address size of the current mode.
import type { Cpu } from './cpu';
import { Seg } from './instr';
import { segLinear } from './operands';
import { RSP } from './registers';
import { CpuFault } from './fault';

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

const CANON = 140737488355328; // 2^47

/** Push `size` bytes (size 8 takes `hi`). Memory is written before RSP changes (precise faults). */
export function push(cpu: Cpu, size: number, v: number, hi = 0): void {
  if (size === 8 && cpu.stackSize === 8) {
    // 64-bit mode fast path: SS has no base or limit, only the canonical check (#SS(0)).
    const R = cpu.regs, lo = R[RSP << 1], h = R[(RSP << 1) + 1];
    const nlo = (lo - 8) | 0, nh = (lo >>> 0) < 8 ? (h - 1) | 0 : h;
    const lin = nh * TWO32 + (nlo >>> 0);
    if (lin >= CANON || lin < -CANON) throw new CpuFault(12, 0);
    cpu.write64(lin, v, hi);
    R[RSP << 1] = nlo; R[(RSP << 1) + 1] = nh;
    return;
  }
  const sp = spPlus(cpu, getSP(cpu), -size);
  cpu.writeSized(segLinear(cpu, Seg.SS, sp, size, true), size, v, hi);
  setSP(cpu, sp);
}

/** Pop `size` bytes; size 8 leaves the high half in cpu.hi. */
export function pop(cpu: Cpu, size: number): number {
  if (size === 8 && cpu.stackSize === 8) {
    const R = cpu.regs, lo = R[RSP << 1], h = R[(RSP << 1) + 1];
    const lin = h * TWO32 + (lo >>> 0);
    if (lin >= CANON || lin < -CANON) throw new CpuFault(12, 0);
    const v = cpu.read64(lin), vh = cpu.hi;
    const nlo = (lo + 8) | 0;
    R[RSP << 1] = nlo; R[(RSP << 1) + 1] = (nlo >>> 0) < 8 ? (h + 1) | 0 : h;
    cpu.hi = vh;
    return v;
  }
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

/** Read `size` bytes at offset `off` of the current stack segment as a number (8-byte reads as a signed 64-bit number). */
export function readStackAt(cpu: Cpu, off: number, size: number): number {
  const v = cpu.readSized(segLinear(cpu, Seg.SS, off, size, false), size);
  if (size === 8) return (cpu.hi | 0) * TWO32 + (v >>> 0);
  return size === 4 ? v >>> 0 : v & 0xffff;
}
