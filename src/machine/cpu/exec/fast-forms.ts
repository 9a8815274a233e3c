// Specialised routines for the hottest 64-bit-mode operand forms (ALU with memory, INC/DEC, LEA, MOVZX), bound at decode time.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind, Seg } from '../instr';
import { getCF, LOP_ADD, LOP_SUB } from '../flags';
import { effectiveOffset, memLinear } from '../operands';
import { ARITH_FLAGS, CF } from '../registers';
import { registerBinder } from './registry';
import { alu32, alu64, OP_ADD, OP_AND, OP_CMP, OP_OR, OP_SUB, OP_TEST, OP_XOR } from './arith';
import { effectiveOffset64 } from './effective-address';

const TWO32 = 4294967296;
const CANON = 140737488355328;

/**
 * Linear address of the memory operand of an instruction decoded in 64-bit mode: only FS and
 * GS have a base there, and the only check is the canonical form (#SS(0) for SS, else #GP(0)).
 */
function linear64(cpu: Cpu, i: Instr): number {
  let a = effectiveOffset(cpu, i);
  if (i.memSeg >= Seg.FS) a += cpu.segs[i.memSeg].base;
  if (a >= CANON || a < -CANON) throw new CpuFault(i.memSeg === Seg.SS ? 12 : 13, 0);
  return a;
}

const NAMES: [string, number][] = [['add', OP_ADD], ['or', OP_OR], ['and', OP_AND], ['sub', OP_SUB], ['xor', OP_XOR], ['cmp', OP_CMP], ['test', OP_TEST]];

for (const [m, op] of NAMES) {
  const writes = op !== OP_CMP && op !== OP_TEST;
  registerBinder(m, (i: Instr) => {
    if (i.lock) return undefined;
    if (i.bits !== 64) return legacyForms(i, op, writes);
    // op reg, [mem]
    if (i.k0 === OpKind.Reg && i.k1 === OpKind.Mem && i.r0 < 16) {
      const d = i.r0 << 1;
      if (i.s0 === 8) {
        return (cpu: Cpu, ins: Instr): void => {
          const lin = linear64(cpu, ins);
          const b = cpu.read64(lin), bh = cpu.hi, R = cpu.regs;
          const r = alu64(cpu, op, R[d], R[d + 1], b, bh);
          if (writes) { R[d] = r; R[d + 1] = cpu.hi; }
        };
      }
      if (i.s0 === 4) {
        return (cpu: Cpu, ins: Instr): void => {
          const b = cpu.read32(linear64(cpu, ins)), R = cpu.regs;
          const r = alu32(cpu, op, 4, R[d], b);
          if (writes) { R[d] = r; R[d + 1] = 0; }
        };
      }
    }
    // op [mem], reg  and  op [mem], imm
    if (i.k0 === OpKind.Mem && (i.k1 === OpKind.Reg || i.k1 === OpKind.Imm) && (i.s0 === 8 || i.s0 === 4) && !(i.k1 === OpKind.Reg && i.r1 >= 16)) {
      const fromReg = i.k1 === OpKind.Reg, s = i.r1 << 1, imm = i.immLo | 0, immHi = i.immHi | 0;
      if (i.s0 === 8) {
        return (cpu: Cpu, ins: Instr): void => {
          const lin = linear64(cpu, ins), R = cpu.regs;
          const a = cpu.read64(lin), ah = cpu.hi;
          const r = fromReg ? alu64(cpu, op, a, ah, R[s], R[s + 1]) : alu64(cpu, op, a, ah, imm, immHi);
          if (writes) cpu.write64(lin, r, cpu.hi);
        };
      }
      return (cpu: Cpu, ins: Instr): void => {
        const lin = linear64(cpu, ins);
        const a = cpu.read32(lin);
        const r = alu32(cpu, op, 4, a, fromReg ? cpu.regs[s] : imm);
        if (writes) cpu.write32(lin, r);
      };
    }
    return undefined;
  });
}

/** 32-bit ALU forms with a memory operand in 16/32-bit code: full segment checks through memLinear. */
function legacyForms(i: Instr, op: number, writes: boolean): ((cpu: Cpu, ins: Instr) => void) | undefined {
  if (i.s0 !== 4) return undefined;
  if (i.k0 === OpKind.Reg && i.k1 === OpKind.Mem) {
    const d = i.r0 << 1;
    return (cpu: Cpu, ins: Instr): void => {
      const b = cpu.read32(memLinear(cpu, ins, 4, false)), R = cpu.regs;
      const r = alu32(cpu, op, 4, R[d], b);
      if (writes) { R[d] = r; R[d + 1] = 0; }
    };
  }
  if (i.k0 === OpKind.Mem && (i.k1 === OpKind.Reg || i.k1 === OpKind.Imm)) {
    const fromReg = i.k1 === OpKind.Reg, s = i.r1 << 1, imm = i.immLo | 0;
    return (cpu: Cpu, ins: Instr): void => {
      const lin = memLinear(cpu, ins, 4, writes);
      const r = alu32(cpu, op, 4, cpu.read32(lin), fromReg ? cpu.regs[s] : imm);
      if (writes) cpu.write32(lin, r);
    };
  }
  return undefined;
}

/** INC/DEC of a 32- or 64-bit register: CF is kept (materialised from the previous operation). */
for (const [m, delta] of [['inc', 1], ['dec', -1]] as const) {
  registerBinder(m, (i: Instr) => {
    if (i.k0 !== OpKind.Reg || (i.s0 !== 4 && i.s0 !== 8) || i.lock) return undefined;
    const d = i.r0 << 1;
    const lop = delta === 1 ? LOP_ADD : LOP_SUB;
    if (i.s0 === 4) {
      return (cpu: Cpu): void => {
        if (cpu.lazy & CF) cpu.flags = (cpu.flags & ~CF) | (getCF(cpu) ? CF : 0);
        const R = cpu.regs, a = R[d], r = (a + delta) | 0;
        R[d] = r; R[d + 1] = 0;
        cpu.lop = lop; cpu.lsize = 4; cpu.la = a; cpu.lb = 1; cpu.lr = r; cpu.lazy = ARITH_FLAGS & ~CF;
      };
    }
    return (cpu: Cpu): void => {
      if (cpu.lazy & CF) cpu.flags = (cpu.flags & ~CF) | (getCF(cpu) ? CF : 0);
      const R = cpu.regs, a = R[d], ah = R[d + 1];
      const r = (a + delta) | 0;
      const rh = delta === 1 ? (r === 0 ? (ah + 1) | 0 : ah) : (a === 0 ? (ah - 1) | 0 : ah);
      R[d] = r; R[d + 1] = rh;
      cpu.lop = lop; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = 1; cpu.lbHi = 0; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ARITH_FLAGS & ~CF;
    };
  });
}

/** LEA r64/r32 with 64-bit addressing. */
registerBinder('lea', (i: Instr) => {
  if (i.asize !== 8 || i.k0 !== OpKind.Reg || (i.s0 !== 8 && i.s0 !== 4) || (i.k1 !== OpKind.Mem && i.k1 !== OpKind.Addr)) return undefined;
  const d = i.r0 << 1;
  if (i.s0 === 8) {
    // Exact pair arithmetic: effectiveOffset's number loses low bits above 2^53, which LEA must keep.
    return (cpu: Cpu, ins: Instr): void => {
      const lo = effectiveOffset64(cpu, ins), R = cpu.regs;
      R[d] = lo; R[d + 1] = cpu.hi;
    };
  }
  return (cpu: Cpu, ins: Instr): void => { const R = cpu.regs; R[d] = effectiveOffset64(cpu, ins); R[d + 1] = 0; };
});

/** MOVZX r32/r64, byte/word [mem] in 64-bit mode. */
registerBinder('movzx', (i: Instr) => {
  if (i.bits !== 64 || i.k0 !== OpKind.Reg || i.k1 !== OpKind.Mem || (i.s0 !== 4 && i.s0 !== 8)) return undefined;
  const d = i.r0 << 1;
  if (i.s1 === 1) return (cpu: Cpu, ins: Instr): void => { const v = cpu.read8(linear64(cpu, ins)); cpu.regs[d] = v; cpu.regs[d + 1] = 0; };
  if (i.s1 === 2) return (cpu: Cpu, ins: Instr): void => { const v = cpu.read16(linear64(cpu, ins)); cpu.regs[d] = v; cpu.regs[d + 1] = 0; };
  return undefined;
});
