// CMPXCHG, CMPXCHG8B, CMPXCHG16B (16-byte alignment #GP) and XADD: the atomic read-modify-write instructions LOCK may prefix.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { LOP_ADD, LOP_SUB, setLazy, setLazy64 } from '../flags';
import { memLinear, readDest, readOperand, writeDest } from '../operands';
import { ARITH_FLAGS, RAX, RBX, RCX, RDX, ZF } from '../registers';
import { SIZE_MASK, putFlags } from './result-flags';
import { register } from './registry';

const TWO32 = 4294967296;

/** Record the flags of CMP a, b (or ADD when `add`) for a value of `size` bytes. */
function arithFlags(cpu: Cpu, add: boolean, size: number, a: number, ah: number, b: number, bh: number): void {
  if (size === 8) {
    let rl: number, rh: number;
    if (add) { const t = (a >>> 0) + (b >>> 0); rl = t | 0; rh = (ah + bh + (t >= TWO32 ? 1 : 0)) | 0; }
    else { const t = (a >>> 0) - (b >>> 0); rl = t | 0; rh = (ah - bh - (t < 0 ? 1 : 0)) | 0; }
    setLazy64(cpu, add ? LOP_ADD : LOP_SUB, a, ah, b, bh, rl, rh, ARITH_FLAGS);
    cpu.hi = rh;
    return;
  }
  const m = SIZE_MASK[size];
  if (size !== 4) { a &= m; b &= m; }
  const r = size === 4 ? (add ? (a + b) | 0 : (a - b) | 0) : (add ? a + b : a - b) & m;
  setLazy(cpu, add ? LOP_ADD : LOP_SUB, size, a, b, r, ARITH_FLAGS);
}

register('cmpxchg', (cpu: Cpu, i: Instr): void => {
  const size = i.s0;
  const d = readDest(cpu, i), dh = cpu.hi;
  const src = readOperand(cpu, i, 1), sh = cpu.hi;
  const acc = cpu.getReg(RAX, size), acch = cpu.hi;
  arithFlags(cpu, false, size, acc, acch, d, dh);
  const m = SIZE_MASK[size] || -1;
  const equal = size === 8 ? acc === d && acch === dh : ((acc ^ d) & m) === 0;
  if (equal) { writeDest(cpu, i, src, sh); return; }
  // Failure: a memory destination is written back with its own value (a locked cycle always writes); a register
  // destination is left alone, so a 32-bit one keeps its upper half (as the host CPU does). The accumulator is loaded.
  if (i.k0 !== OpKind.Reg) writeDest(cpu, i, d, dh);
  cpu.setReg(RAX, size, d, dh);
});

register('xadd', (cpu: Cpu, i: Instr): void => {
  const size = i.s0;
  const d = readDest(cpu, i), dh = cpu.hi;
  const s = readOperand(cpu, i, 1), sh = cpu.hi;
  arithFlags(cpu, true, size, d, dh, s, sh);
  const m = SIZE_MASK[size];
  const r = size === 8 ? cpu.lr : size === 4 ? cpu.lr : cpu.lr & m, rh = size === 8 ? cpu.lrHi : 0;
  if (i.k0 === OpKind.Reg) {
    // SRC <- DEST, then DEST <- sum (when both name one register the sum wins).
    cpu.setReg(i.r1, size, d, dh);
    cpu.setReg(i.r0, size, r, rh);
  } else {
    writeDest(cpu, i, r, rh);
    cpu.setReg(i.r1, size, d, dh);
  }
});

register('cmpxchg8b', (cpu: Cpu, i: Instr): void => {
  const lin = memLinear(cpu, i, 8, true);
  const lo = cpu.read64(lin), hi = cpu.hi;
  const R = cpu.regs;
  if (lo === R[RAX << 1] && hi === R[RDX << 1]) {
    cpu.write64(lin, R[RBX << 1], R[RCX << 1]);
    putFlags(cpu, ZF, ZF);
  } else {
    cpu.write64(lin, lo, hi);
    cpu.set32(RAX, lo); cpu.set32(RDX, hi);
    putFlags(cpu, ZF, 0);
  }
});

register('cmpxchg16b', (cpu: Cpu, i: Instr): void => {
  const lin = memLinear(cpu, i, 16, true);
  // The 16-byte operand must be aligned (SDM CMPXCHG16B: #GP(0) otherwise), whatever the alignment-check setting.
  if (lin % 16 !== 0) throw new CpuFault(13, 0);
  const l0 = cpu.read64(lin), h0 = cpu.hi;
  const l1 = cpu.read64(lin + 8), h1 = cpu.hi;
  const R = cpu.regs;
  if (l0 === R[0] && h0 === R[1] && l1 === R[4] && h1 === R[5]) {
    cpu.write64(lin, R[RBX << 1], R[(RBX << 1) + 1]);
    cpu.write64(lin + 8, R[RCX << 1], R[(RCX << 1) + 1]);
    putFlags(cpu, ZF, ZF);
  } else {
    cpu.write64(lin, l0, h0);
    cpu.write64(lin + 8, l1, h1);
    cpu.set64(RAX, l0, h0); cpu.set64(RDX, l1, h1);
    putFlags(cpu, ZF, 0);
  }
});
