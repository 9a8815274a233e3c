// The ALU core of the block tier's inline templates: ADD, SUB, CMP, AND, OR, XOR and TEST on 32- or 64-bit values with their lazy-flag record.
import { LOP_ADD, LOP_LOGIC, LOP_SUB } from './flags';
import { ARITH_FLAGS } from './registers';

const TWO32 = 4294967296;

/** The operation of each mnemonic, its lazy-flag kind, and whether it writes its destination. */
export const ALU_OPS: Record<string, { op: string; lop: number; writes: boolean }> = {
  add: { op: 'add', lop: LOP_ADD, writes: true },
  sub: { op: 'sub', lop: LOP_SUB, writes: true },
  cmp: { op: 'sub', lop: LOP_SUB, writes: false },
  and: { op: '&', lop: LOP_LOGIC, writes: true },
  or: { op: '|', lop: LOP_LOGIC, writes: true },
  xor: { op: '^', lop: LOP_LOGIC, writes: true },
  test: { op: '&', lop: LOP_LOGIC, writes: false },
};

/**
 * Code for `mnem` on register pair d (index into R) and a source given as JS expressions
 * (`b`, and `bh` for 64 bits), as fast-alu.ts computes it; `flags` stores the lazy record.
 * Undefined for other mnemonics.
 */
export function aluCode(mnem: string, size: 4 | 8, d: number, b: string, bh: string): { code: string; flags: string } | undefined {
  const spec = ALU_OPS[mnem];
  if (spec === undefined) return undefined;
  if (size === 4) {
    const r = spec.op === 'add' ? '(a + b) | 0' : spec.op === 'sub' ? '(a - b) | 0' : `a ${spec.op} b`;
    return {
      code: `const a = R[${d}], b = ${b}, r = ${r};` + (spec.writes ? ` R[${d}] = r; R[${d + 1}] = 0;` : ''),
      flags: `cpu.lop = ${spec.lop}; cpu.lsize = 4; cpu.la = a; cpu.lb = b; cpu.lr = r; cpu.lazy = ${ARITH_FLAGS};`,
    };
  }
  let r: string;
  if (spec.op === 'add') r = `const t = (a >>> 0) + (b >>> 0), r = t | 0, rh = (ah + bh + (t >= ${TWO32} ? 1 : 0)) | 0;`;
  else if (spec.op === 'sub') r = 'const t = (a >>> 0) - (b >>> 0), r = t | 0, rh = (ah - bh - (t < 0 ? 1 : 0)) | 0;';
  else r = `const r = a ${spec.op} b, rh = ah ${spec.op} bh;`;
  return {
    code: `const a = R[${d}], ah = R[${d + 1}], b = ${b}, bh = ${bh}; ${r}` + (spec.writes ? ` R[${d}] = r; R[${d + 1}] = rh;` : ''),
    flags: `cpu.lop = ${spec.lop}; cpu.lsize = 8; cpu.la = a; cpu.laHi = ah; cpu.lb = b; cpu.lbHi = bh; cpu.lr = r; cpu.lrHi = rh; cpu.lazy = ${ARITH_FLAGS};`,
  };
}
