// ADD, OR, ADC, SBB, AND, SUB, XOR, CMP, TEST, INC, DEC, NEG, NOT: two's-complement arithmetic with lazy flags.
import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { getCF, LOP_ADC, LOP_ADD, LOP_LOGIC, LOP_SBB, LOP_SUB } from '../flags';
import { readDest, readOperand, writeDest } from '../operands';
import { ARITH_FLAGS, CF } from '../registers';
import { register } from './registry';

const TWO32 = 4294967296;
const MASK = [0, 0xff, 0xffff, 0, -1];

/** ALU operation numbers (the ModRM.reg extension of opcodes 80-83, with TEST as 8). */
export const OP_ADD = 0, OP_OR = 1, OP_ADC = 2, OP_SBB = 3, OP_AND = 4, OP_SUB = 5, OP_XOR = 6, OP_CMP = 7, OP_TEST = 8;

/** Compute a binary ALU operation on values of 1, 2 or 4 bytes and record the flags. Returns the result. */
export function alu32(cpu: Cpu, op: number, size: number, a: number, b: number): number {
  const m = MASK[size];
  if (size !== 4) { a &= m; b &= m; }
  let r: number, lop: number;
  switch (op) {
    case OP_ADD: r = a + b; lop = LOP_ADD; break;
    case OP_ADC: { const c = getCF(cpu) ? 1 : 0; r = a + b + c; lop = c ? LOP_ADC : LOP_ADD; break; }
    case OP_SUB: case OP_CMP: r = a - b; lop = LOP_SUB; break;
    case OP_SBB: { const c = getCF(cpu) ? 1 : 0; r = a - b - c; lop = c ? LOP_SBB : LOP_SUB; break; }
    case OP_OR: r = a | b; lop = LOP_LOGIC; break;
    case OP_AND: case OP_TEST: r = a & b; lop = LOP_LOGIC; break;
    default: r = a ^ b; lop = LOP_LOGIC; break;
  }
  r = size === 4 ? r | 0 : r & m;
  cpu.lop = lop; cpu.lsize = size; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS;
  return r;
}

/** 64-bit binary ALU operation on lo/hi pairs; returns the low half and leaves the high half in cpu.hi. */
export function alu64(cpu: Cpu, op: number, a: number, ah: number, b: number, bh: number): number {
  let r: number, rh: number, lop: number;
  switch (op) {
    case OP_ADD: case OP_ADC: {
      const c = op === OP_ADC && getCF(cpu) ? 1 : 0;
      const t = (a >>> 0) + (b >>> 0) + c;
      r = t | 0; rh = (ah + bh + (t >= TWO32 ? 1 : 0)) | 0;
      lop = c ? LOP_ADC : LOP_ADD;
      break;
    }
    case OP_SUB: case OP_CMP: case OP_SBB: {
      const c = op === OP_SBB && getCF(cpu) ? 1 : 0;
      const t = (a >>> 0) - (b >>> 0) - c;
      r = t | 0; rh = (ah - bh - (t < 0 ? 1 : 0)) | 0;
      lop = c ? LOP_SBB : LOP_SUB;
      break;
    }
    case OP_OR: r = a | b; rh = ah | bh; lop = LOP_LOGIC; break;
    case OP_AND: case OP_TEST: r = a & b; rh = ah & bh; lop = LOP_LOGIC; break;
    default: r = a ^ b; rh = ah ^ bh; lop = LOP_LOGIC; break;
  }
  cpu.lop = lop; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS;
  cpu.hi = rh;
  return r;
}

function binary(op: number) {
  const writes = op !== OP_CMP && op !== OP_TEST;
  return (cpu: Cpu, i: Instr): void => {
    const size = i.s0;
    const a = writes ? readDest(cpu, i) : readOperand(cpu, i, 0);
    if (size === 8) {
      const ah = cpu.hi;
      const b = readOperand(cpu, i, 1);
      const r = alu64(cpu, op, a, ah, b, cpu.hi);
      if (writes) writeDest(cpu, i, r, cpu.hi);
      return;
    }
    const r = alu32(cpu, op, size, a, readOperand(cpu, i, 1));
    if (writes) writeDest(cpu, i, r);
  };
}

const NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test'];
NAMES.forEach((m, op) => {
  register(m, binary(op));
});

/** Keep the current CF in `flags` before an operation that leaves CF unchanged (INC, DEC). */
function keepCF(cpu: Cpu): void {
  if (cpu.lazy & CF) cpu.flags = (cpu.flags & ~CF) | (getCF(cpu) ? CF : 0);
}

function incdec(dec: boolean) {
  return (cpu: Cpu, i: Instr): void => {
    keepCF(cpu);
    const size = i.s0;
    const a = readDest(cpu, i);
    if (size === 8) {
      const ah = cpu.hi;
      const r = alu64(cpu, dec ? OP_SUB : OP_ADD, a, ah, 1, 0);
      cpu.lazy = ARITH_FLAGS & ~CF;
      writeDest(cpu, i, r, cpu.hi);
      return;
    }
    const r = alu32(cpu, dec ? OP_SUB : OP_ADD, size, a, 1);
    cpu.lazy = ARITH_FLAGS & ~CF;
    writeDest(cpu, i, r);
  };
}
register('inc', incdec(false));
register('dec', incdec(true));

register('neg', (cpu: Cpu, i: Instr): void => {
  const size = i.s0;
  const a = readDest(cpu, i);
  if (size === 8) {
    const r = alu64(cpu, OP_SUB, 0, 0, a, cpu.hi);
    writeDest(cpu, i, r, cpu.hi);
    return;
  }
  writeDest(cpu, i, alu32(cpu, OP_SUB, size, 0, a));
});

register('not', (cpu: Cpu, i: Instr): void => {
  const a = readDest(cpu, i);
  writeDest(cpu, i, ~a, ~cpu.hi);
});
