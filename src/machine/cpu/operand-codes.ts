// Compiles the ISA table's operand codes (SDM Appendix A letters) into numbers the decoder switches on.

/** Addressing method of an operand (the SDM's upper-case letter, or a fixed register). */
export const enum Addr {
  E, G, M, R, I, Ibs, J, O, Z, S, C, D, V, W, U, P, Q, N, X, Y, A,
  /** A fixed general register: `reg` field of the compiled operand. */
  FixedGpr,
  /** rAX / eAX: register 0 at the operand's own size. */
  FixedSeg,
  One, St0, Sti, Xmm0,
}

/** Operand size letter. */
export const enum Sz { None, B, W, D, Q, V, Z, Y, X, P, S, T, A }

/** A compiled operand: addressing method, size letter and, for fixed registers, the register number. */
export interface CompiledOperand { addr: Addr; size: Sz; reg: number; code: string }

const SIZE_LETTERS: Record<string, Sz> = {
  '': Sz.None, b: Sz.B, w: Sz.W, d: Sz.D, q: Sz.Q, v: Sz.V, z: Sz.Z, y: Sz.Y,
  x: Sz.X, dq: Sz.X, p: Sz.P, s: Sz.S, t: Sz.T, a: Sz.A,
};

const METHODS: Record<string, Addr> = {
  E: Addr.E, G: Addr.G, M: Addr.M, R: Addr.R, I: Addr.I, J: Addr.J, O: Addr.O, Z: Addr.Z, S: Addr.S,
  C: Addr.C, D: Addr.D, V: Addr.V, W: Addr.W, U: Addr.U, P: Addr.P, Q: Addr.Q, N: Addr.N, X: Addr.X, Y: Addr.Y, A: Addr.A,
};

const FIXED: Record<string, CompiledOperand> = {
  AL: { addr: Addr.FixedGpr, size: Sz.B, reg: 0, code: 'AL' },
  CL: { addr: Addr.FixedGpr, size: Sz.B, reg: 1, code: 'CL' },
  DX: { addr: Addr.FixedGpr, size: Sz.W, reg: 2, code: 'DX' },
  AX: { addr: Addr.FixedGpr, size: Sz.W, reg: 0, code: 'AX' },
  eAX: { addr: Addr.FixedGpr, size: Sz.Z, reg: 0, code: 'eAX' },
  rAX: { addr: Addr.FixedGpr, size: Sz.V, reg: 0, code: 'rAX' },
  '1': { addr: Addr.One, size: Sz.B, reg: 0, code: '1' },
  ES: { addr: Addr.FixedSeg, size: Sz.W, reg: 0, code: 'ES' },
  CS: { addr: Addr.FixedSeg, size: Sz.W, reg: 1, code: 'CS' },
  SS: { addr: Addr.FixedSeg, size: Sz.W, reg: 2, code: 'SS' },
  DS: { addr: Addr.FixedSeg, size: Sz.W, reg: 3, code: 'DS' },
  FS: { addr: Addr.FixedSeg, size: Sz.W, reg: 4, code: 'FS' },
  GS: { addr: Addr.FixedSeg, size: Sz.W, reg: 5, code: 'GS' },
  ST0: { addr: Addr.St0, size: Sz.T, reg: 0, code: 'ST0' },
  STi: { addr: Addr.Sti, size: Sz.T, reg: 0, code: 'STi' },
  XMM0: { addr: Addr.Xmm0, size: Sz.X, reg: 0, code: 'XMM0' },
  Ibs: { addr: Addr.Ibs, size: Sz.V, reg: 0, code: 'Ibs' },
};

/** Compiles one operand code such as 'Ev', 'Gb', 'Ibs', 'rAX', 'Mdq'. Throws on an unknown code. */
export function compileOperand(code: string): CompiledOperand {
  const fixed = FIXED[code];
  if (fixed) return fixed;
  const addr = METHODS[code[0]];
  const size = SIZE_LETTERS[code.slice(1)];
  if (addr === undefined || size === undefined) throw new Error(`unknown operand code ${code}`);
  return { addr, size, reg: 0, code };
}

/** True for operands that read ModRM (and so force a ModRM byte). */
export function usesModrm(a: Addr): boolean {
  switch (a) {
    case Addr.E: case Addr.G: case Addr.M: case Addr.R: case Addr.S: case Addr.C: case Addr.D:
    case Addr.V: case Addr.W: case Addr.U: case Addr.P: case Addr.Q: case Addr.N: case Addr.Sti:
      return true;
    default:
      return false;
  }
}

/** True for MMX/XMM operands: forms using them take their 66/F2/F3 prefixes as mandatory. */
export function isVectorOperand(a: Addr): boolean {
  return a === Addr.V || a === Addr.W || a === Addr.U || a === Addr.P || a === Addr.Q || a === Addr.N || a === Addr.Xmm0;
}
