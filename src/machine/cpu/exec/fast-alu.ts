// Register-destination ALU forms with one routine per operation, so that each is monomorphic and needs no dispatch on the operation.
import type { Cpu } from '../cpu';
import { type Instr, OpKind } from '../instr';
import { getCF, LOP_ADC, LOP_ADD, LOP_LOGIC, LOP_SBB, LOP_SUB } from '../flags';
import { ARITH_FLAGS } from '../registers';
import { registerBinder } from './registry';

const TWO32 = 4294967296;
type Exec = (cpu: Cpu, i: Instr) => void;

/** ADD r32/r64 with a register or immediate source. */
function addForms(i: Instr): Exec | undefined {
  const d = i.r0 << 1, s = i.r1 << 1, b32 = i.immLo | 0, bh64 = i.immHi | 0;
  if (i.s0 === 4 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], b = R[s]; const r = (a + b) | 0; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_ADD; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 4 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], b = b32; const r = (a + b) | 0; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_ADD; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = R[s], bh = R[s + 1]; const t = (a >>> 0) + (b >>> 0); const r = t | 0; const rh = (ah + bh + (t >= TWO32 ? 1 : 0)) | 0; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_ADD; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = b32, bh = bh64; const t = (a >>> 0) + (b >>> 0); const r = t | 0; const rh = (ah + bh + (t >= TWO32 ? 1 : 0)) | 0; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_ADD; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  return undefined;
}

/** SUB r32/r64 with a register or immediate source. */
function subForms(i: Instr): Exec | undefined {
  const d = i.r0 << 1, s = i.r1 << 1, b32 = i.immLo | 0, bh64 = i.immHi | 0;
  if (i.s0 === 4 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], b = R[s]; const r = (a - b) | 0; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_SUB; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 4 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], b = b32; const r = (a - b) | 0; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_SUB; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = R[s], bh = R[s + 1]; const t = (a >>> 0) - (b >>> 0); const r = t | 0; const rh = (ah - bh - (t < 0 ? 1 : 0)) | 0; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_SUB; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = b32, bh = bh64; const t = (a >>> 0) - (b >>> 0); const r = t | 0; const rh = (ah - bh - (t < 0 ? 1 : 0)) | 0; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_SUB; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  return undefined;
}

/** CMP r32/r64 with a register or immediate source. */
function cmpForms(i: Instr): Exec | undefined {
  const d = i.r0 << 1, s = i.r1 << 1, b32 = i.immLo | 0, bh64 = i.immHi | 0;
  if (i.s0 === 4 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], b = R[s]; const r = (a - b) | 0; cpu.lop = LOP_SUB; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 4 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], b = b32; const r = (a - b) | 0; cpu.lop = LOP_SUB; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = R[s], bh = R[s + 1]; const t = (a >>> 0) - (b >>> 0); const r = t | 0; const rh = (ah - bh - (t < 0 ? 1 : 0)) | 0; cpu.lop = LOP_SUB; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = b32, bh = bh64; const t = (a >>> 0) - (b >>> 0); const r = t | 0; const rh = (ah - bh - (t < 0 ? 1 : 0)) | 0; cpu.lop = LOP_SUB; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  return undefined;
}

/** AND r32/r64 with a register or immediate source. */
function andForms(i: Instr): Exec | undefined {
  const d = i.r0 << 1, s = i.r1 << 1, b32 = i.immLo | 0, bh64 = i.immHi | 0;
  if (i.s0 === 4 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], b = R[s]; const r = a & b; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_LOGIC; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 4 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], b = b32; const r = a & b; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_LOGIC; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = R[s], bh = R[s + 1]; const r = a & b, rh = ah & bh; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_LOGIC; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = b32, bh = bh64; const r = a & b, rh = ah & bh; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_LOGIC; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  return undefined;
}

/** OR r32/r64 with a register or immediate source. */
function orForms(i: Instr): Exec | undefined {
  const d = i.r0 << 1, s = i.r1 << 1, b32 = i.immLo | 0, bh64 = i.immHi | 0;
  if (i.s0 === 4 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], b = R[s]; const r = a | b; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_LOGIC; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 4 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], b = b32; const r = a | b; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_LOGIC; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = R[s], bh = R[s + 1]; const r = a | b, rh = ah | bh; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_LOGIC; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = b32, bh = bh64; const r = a | b, rh = ah | bh; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_LOGIC; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  return undefined;
}

/** XOR r32/r64 with a register or immediate source. */
function xorForms(i: Instr): Exec | undefined {
  const d = i.r0 << 1, s = i.r1 << 1, b32 = i.immLo | 0, bh64 = i.immHi | 0;
  if (i.s0 === 4 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], b = R[s]; const r = a ^ b; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_LOGIC; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 4 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], b = b32; const r = a ^ b; R[d] = r; R[d + 1] = 0; cpu.lop = LOP_LOGIC; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = R[s], bh = R[s + 1]; const r = a ^ b, rh = ah ^ bh; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_LOGIC; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = b32, bh = bh64; const r = a ^ b, rh = ah ^ bh; R[d] = r; R[d + 1] = rh; cpu.lop = LOP_LOGIC; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  return undefined;
}

/** TEST r32/r64 with a register or immediate source. */
function testForms(i: Instr): Exec | undefined {
  const d = i.r0 << 1, s = i.r1 << 1, b32 = i.immLo | 0, bh64 = i.immHi | 0;
  if (i.s0 === 4 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], b = R[s]; const r = a & b; cpu.lop = LOP_LOGIC; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 4 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], b = b32; const r = a & b; cpu.lop = LOP_LOGIC; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Reg) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = R[s], bh = R[s + 1]; const r = a & b, rh = ah & bh; cpu.lop = LOP_LOGIC; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  if (i.s0 === 8 && i.k1 === OpKind.Imm) return (cpu) => { const R = cpu.regs, a = R[d], ah = R[d + 1], b = b32, bh = bh64; const r = a & b, rh = ah & bh; cpu.lop = LOP_LOGIC; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS; };
  return undefined;
}

const FORMS: [string, (i: Instr) => Exec | undefined][] = [['add', addForms], ['sub', subForms], ['cmp', cmpForms], ['and', andForms], ['or', orForms], ['xor', xorForms], ['test', testForms]];
for (const [m, forms] of FORMS) {
  registerBinder(m, (i: Instr) => (i.k0 === OpKind.Reg && !i.lock && (i.k1 === OpKind.Reg || i.k1 === OpKind.Imm) ? forms(i) : undefined));
}

/** ADC/SBB r32/r64 with a register or immediate source: the carry comes from the previous operation. */
function carryForms(sub: boolean) {
  return (i: Instr): Exec | undefined => {
    if (i.k0 !== OpKind.Reg || i.lock || (i.k1 !== OpKind.Reg && i.k1 !== OpKind.Imm) || (i.s0 !== 4 && i.s0 !== 8)) return undefined;
    const d = i.r0 << 1, s = i.r1 << 1, reg = i.k1 === OpKind.Reg, b32 = i.immLo | 0, bh64 = i.immHi | 0;
    if (i.s0 === 4) {
      return (cpu) => {
        const R = cpu.regs, a = R[d], b = reg ? R[s] : b32, c = getCF(cpu) ? 1 : 0;
        const r = sub ? (a - b - c) | 0 : (a + b + c) | 0;
        R[d] = r; R[d + 1] = 0;
        cpu.lop = sub ? (c ? LOP_SBB : LOP_SUB) : (c ? LOP_ADC : LOP_ADD);
        cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ARITH_FLAGS;
      };
    }
    return (cpu) => {
      const R = cpu.regs, a = R[d], ah = R[d + 1], b = reg ? R[s] : b32, bh = reg ? R[s + 1] : bh64, c = getCF(cpu) ? 1 : 0;
      let r: number, rh: number;
      if (sub) { const t = (a >>> 0) - (b >>> 0) - c; r = t | 0; rh = (ah - bh - (t < 0 ? 1 : 0)) | 0; }
      else { const t = (a >>> 0) + (b >>> 0) + c; r = t | 0; rh = (ah + bh + (t >= TWO32 ? 1 : 0)) | 0; }
      R[d] = r; R[d + 1] = rh;
      cpu.lop = sub ? (c ? LOP_SBB : LOP_SUB) : (c ? LOP_ADC : LOP_ADD);
      cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS;
    };
  };
}
registerBinder('adc', carryForms(false));
registerBinder('sbb', carryForms(true));
