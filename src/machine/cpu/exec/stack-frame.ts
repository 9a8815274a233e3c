// ENTER (all nesting levels), LEAVE, PUSHA/PUSHAD and POPA/POPAD: multi-slot stack operations committed only after every access succeeded.
import type { Cpu } from '../cpu';
import { type Instr, Seg } from '../instr';
import { segLinear } from '../operands';
import { getSP, setSP, spPlus } from '../stack';
import { RBP, RSP } from '../registers';
import { register } from './registry';

const TWO32 = 4294967296;

/** rBP as a stack offset with the stack address size (the frame walk of ENTER and LEAVE use it so). */
function getBP(cpu: Cpu): number {
  const R = cpu.regs;
  switch (cpu.stackSize) {
    case 8: return R[(RBP << 1) + 1] * TWO32 + (R[RBP << 1] >>> 0);
    case 4: return R[RBP << 1] >>> 0;
    default: return R[RBP << 1] & 0xffff;
  }
}

function stackWrite(cpu: Cpu, sp: number, size: number, lo: number, hi: number): void {
  cpu.writeSized(segLinear(cpu, Seg.SS, sp, size, true), size, lo, hi);
}
function stackRead(cpu: Cpu, sp: number, size: number): number {
  return cpu.readSized(segLinear(cpu, Seg.SS, sp, size, false), size);
}

register('enter', (cpu: Cpu, i: Instr): void => {
  const alloc = i.immLo & 0xffff, level = i.imm2 & 31, os = i.osize;
  const R = cpu.regs;
  let sp = spPlus(cpu, getSP(cpu), -os);
  stackWrite(cpu, sp, os, R[RBP << 1], R[(RBP << 1) + 1]);
  const frameTemp = sp;
  if (level > 0) {
    let bp = getBP(cpu);
    for (let k = 1; k < level; k++) {
      bp = spPlus(cpu, bp, -os);
      const v = stackRead(cpu, bp, os), vh = cpu.hi;
      sp = spPlus(cpu, sp, -os);
      stackWrite(cpu, sp, os, v, vh);
    }
    sp = spPlus(cpu, sp, -os);
    stackWrite(cpu, sp, os, frameTemp | 0, os === 8 ? Math.floor(frameTemp / TWO32) | 0 : 0);
  }
  // rBP <- FrameTemp with the operand size; rSP <- rSP - AllocSize with the stack size.
  if (os === 8) cpu.set64(RBP, frameTemp | 0, Math.floor(frameTemp / TWO32) | 0);
  else cpu.setReg(RBP, os, frameTemp | 0);
  setSP(cpu, spPlus(cpu, sp, -alloc));
});

register('leave', (cpu: Cpu, i: Instr): void => {
  const os = i.osize;
  const bp = getBP(cpu);
  const v = stackRead(cpu, bp, os), vh = cpu.hi;
  setSP(cpu, spPlus(cpu, bp, os));
  cpu.setReg(RBP, os, v, vh);
});

function pusha(cpu: Cpu, i: Instr): void {
  const os = i.osize;
  const spValue = cpu.getReg(RSP, os);
  let sp = getSP(cpu);
  // AX, CX, DX, BX, original SP, BP, SI, DI: register numbers 0..7 in order, SP as it was before.
  for (let r = 0; r < 8; r++) {
    sp = spPlus(cpu, sp, -os);
    stackWrite(cpu, sp, os, r === RSP ? spValue : cpu.getReg(r, os), 0);
  }
  setSP(cpu, sp);
}
register(['pusha', 'pushad'], pusha);

const POPPED = new Int32Array(8);
function popa(cpu: Cpu, i: Instr): void {
  const os = i.osize;
  let sp = getSP(cpu);
  for (let r = 7; r >= 0; r--) { POPPED[r] = stackRead(cpu, sp, os); sp = spPlus(cpu, sp, os); }
  for (let r = 0; r < 8; r++) if (r !== RSP) cpu.setReg(r, os, POPPED[r]);
  setSP(cpu, sp);
}
register(['popa', 'popad'], popa);
