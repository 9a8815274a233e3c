// Data movement between general registers, memory and immediates: MOV, MOVZX, MOVSX, MOVSXD, LEA, XCHG, XLAT, PUSH, POP, NOP.
import type { Cpu } from '../cpu';
import { type Instr, OpKind, Seg } from '../instr';
import { effectiveOffset64 } from './effective-address';
import { effectiveOffset, readDest, readOperand, writeDest, writeOperand, memLinear, segLinear } from '../operands';
import { pop, push, getSP, setSP, spPlus } from '../stack';
import { loadSegment } from '../system/segment-load';
import { register, registerBinder } from './registry';
import { CpuFault } from '../fault';
import { RAX, RBX, RSP } from '../registers';

register('mov', (cpu: Cpu, i: Instr): void => {
  const v = readOperand(cpu, i, 1);
  writeOperand(cpu, i, 0, v, cpu.hi);
});

// Fast MOV forms: register <- register/immediate/memory and memory <- register, 32 and 64 bits.
registerBinder('mov', (i: Instr) => {
  const d = i.r0 << 1, s = i.r1 << 1;
  if (i.k0 === OpKind.Reg && i.k1 === OpKind.Reg) {
    if (i.s0 === 8) return (cpu: Cpu): void => { const R = cpu.regs; R[d] = R[s]; R[d + 1] = R[s + 1]; };
    if (i.s0 === 4) return (cpu: Cpu): void => { const R = cpu.regs; R[d] = R[s]; R[d + 1] = 0; };
  }
  if (i.k0 === OpKind.Reg && i.k1 === OpKind.Imm) {
    const lo = i.immLo | 0, hi = i.s0 === 8 ? i.immHi | 0 : 0;
    if (i.s0 === 8 || i.s0 === 4) return (cpu: Cpu): void => { const R = cpu.regs; R[d] = lo; R[d + 1] = hi; };
  }
  if (i.k0 === OpKind.Reg && i.k1 === OpKind.Mem) {
    if (i.s0 === 8) return (cpu: Cpu): void => { const R = cpu.regs; const lo = cpu.read64(memLinear(cpu, i, 8, false)); R[d] = lo; R[d + 1] = cpu.hi; };
    if (i.s0 === 4) return (cpu: Cpu): void => { const R = cpu.regs; R[d] = cpu.read32(memLinear(cpu, i, 4, false)); R[d + 1] = 0; };
  }
  if (i.k0 === OpKind.Mem && i.k1 === OpKind.Reg) {
    if (i.s0 === 8) return (cpu: Cpu): void => { const R = cpu.regs; cpu.write64(memLinear(cpu, i, 8, true), R[s], R[s + 1]); };
    if (i.s0 === 4) return (cpu: Cpu): void => { cpu.write32(memLinear(cpu, i, 4, true), cpu.regs[s]); };
  }
  return undefined;
});

/** Sign-extend a value of `size` bytes to 64 bits: low half returned, high half in cpu.hi. */
function signExtend(cpu: Cpu, v: number, size: number): number {
  const lo = size === 1 ? (v << 24) >> 24 : size === 2 ? (v << 16) >> 16 : v | 0;
  cpu.hi = lo >> 31;
  return lo;
}

register('movzx', (cpu: Cpu, i: Instr): void => {
  const v = readOperand(cpu, i, 1) & (i.s1 === 1 ? 0xff : 0xffff);
  writeOperand(cpu, i, 0, v, 0);
});
register('movsx', (cpu: Cpu, i: Instr): void => {
  const v = signExtend(cpu, readOperand(cpu, i, 1), i.s1);
  writeOperand(cpu, i, 0, v, cpu.hi);
});
register('movsxd', (cpu: Cpu, i: Instr): void => {
  const v = signExtend(cpu, readOperand(cpu, i, 1), i.s1);
  writeOperand(cpu, i, 0, v, cpu.hi);
});

register('lea', (cpu: Cpu, i: Instr): void => {
  if (i.k1 !== OpKind.Mem && i.k1 !== OpKind.Addr) throw new CpuFault(6);
  // The offset is truncated to the operand size (SDM LEA table). A 64-bit address is computed exactly as a
  // lo/hi pair: effectiveOffset's number form loses low bits above 2^53, which LEA arithmetic must not.
  if (i.asize === 8) {
    const lo = effectiveOffset64(cpu, i);
    cpu.setReg(i.r0, i.s0, lo, cpu.hi);
    return;
  }
  cpu.setReg(i.r0, i.s0, effectiveOffset(cpu, i) | 0);
});

register('xchg', (cpu: Cpu, i: Instr): void => {
  const a = readDest(cpu, i), ah = cpu.hi;
  const b = readOperand(cpu, i, 1), bh = cpu.hi;
  // Memory is written first: if it faults, the register operand is unchanged.
  writeDest(cpu, i, b, bh);
  writeOperand(cpu, i, 1, a, ah);
});

register('nop', (): void => {});
register('pause', (): void => {});

register('push', (cpu: Cpu, i: Instr): void => {
  if (i.k0 === OpKind.Seg) { push(cpu, i.osize, cpu.segs[i.r0].selector); return; }
  const size = i.osize;
  if (i.k0 === OpKind.Reg && i.r0 === RSP) {
    // PUSH rSP pushes the value before the decrement.
    const v = cpu.getReg(RSP, size);
    push(cpu, size, v, cpu.hi);
    return;
  }
  const v = readOperand(cpu, i, 0);
  push(cpu, size, v, cpu.hi);
});

register('pop', (cpu: Cpu, i: Instr): void => {
  const size = i.osize;
  if (i.k0 === OpKind.Seg) {
    // POP Sreg: the selector is the low word of an operand-size slot; rSP moves only after the
    // segment load passed its checks. POP SS blocks interrupts until after the next instruction.
    const sp = getSP(cpu);
    const v = cpu.readSized(segLinear(cpu, Seg.SS, sp, size, false), size);
    loadSegment(cpu, i.r0, v & 0xffff);
    setSP(cpu, spPlus(cpu, sp, size));
    if (i.r0 === Seg.SS) cpu.shadowUntil = cpu.icount + 2;
    return;
  }
  if (i.k0 === OpKind.Reg) {
    const v = pop(cpu, size);
    cpu.setReg(i.r0, size, v, cpu.hi);
    return;
  }
  if (i.k0 === OpKind.Mem) {
    // POP to memory: the address is computed with the incremented rSP (SDM POP), and a fault leaves rSP unchanged.
    const sp = getSP(cpu);
    const v = pop(cpu, size), hi = cpu.hi;
    try { writeOperand(cpu, i, 0, v, hi); } catch (e) { setSP(cpu, sp); throw e; }
    return;
  }
  throw new CpuFault(6);
});

// Fast PUSH/POP of 64-bit registers in a flat 64-bit stack.
registerBinder('push', (i: Instr) => {
  if (i.k0 !== OpKind.Reg || i.osize !== 8 || i.r0 === RSP) return undefined;
  const s = i.r0 << 1;
  return (cpu: Cpu): void => { push(cpu, 8, cpu.regs[s], cpu.regs[s + 1]); };
});
registerBinder('pop', (i: Instr) => {
  if (i.k0 !== OpKind.Reg || i.osize !== 8) return undefined;
  const d = i.r0 << 1;
  return (cpu: Cpu): void => { const lo = pop(cpu, 8); cpu.regs[d] = lo; cpu.regs[d + 1] = cpu.hi; };
});

// XLAT: AL <- [seg:rBX + zero-extended AL] with the address size (DS unless overridden).
register('xlatb', (cpu: Cpu, i: Instr): void => {
  const R = cpu.regs, al = R[RAX << 1] & 0xff;
  let off: number;
  if (i.asize === 8) off = R[(RBX << 1) + 1] * 4294967296 + (R[RBX << 1] >>> 0) + al;
  else if (i.asize === 4) off = ((R[RBX << 1] >>> 0) + al) >>> 0;
  else off = ((R[RBX << 1] & 0xffff) + al) & 0xffff;
  cpu.set8(RAX, cpu.read8(segLinear(cpu, i.memSeg, off, 1, false)));
});
