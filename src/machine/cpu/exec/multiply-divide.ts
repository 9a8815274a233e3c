// MUL, IMUL (one, two and three operands), DIV and IDIV, with #DE on a zero divisor or a quotient that does not fit.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { readOperand } from '../operands';
import { ARITH_FLAGS, CF, OF, RAX, RDX } from '../registers';
import { szp } from './result-flags';
import { REM, W, smul64, udiv128by64, udiv64by32, umul32, umul64 } from './wide-math';
import { register, registerBinder } from './registry';


/**
 * Flags after a multiply. The SDM defines CF = OF = "the upper half is significant" and leaves
 * SF, ZF, AF and PF undefined; like QEMU we derive SF/ZF/PF from the low half and clear AF.
 */
function mulFlags(cpu: Cpu, size: number, lo: number, hi: number, overflow: boolean): void {
  cpu.flags = (cpu.flags & ~ARITH_FLAGS) | szp(size, lo, hi) | (overflow ? CF | OF : 0);
  cpu.lazy = 0;
}

register('mul', (cpu: Cpu, i: Instr): void => {
  const size = i.s0;
  const src = readOperand(cpu, i, 0), srcHi = cpu.hi;
  const R = cpu.regs;
  switch (size) {
    case 1: {
      const p = (R[0] & 0xff) * (src & 0xff);
      cpu.set16(RAX, p);
      mulFlags(cpu, 1, p & 0xff, 0, p > 0xff);
      return;
    }
    case 2: {
      const p = (R[0] & 0xffff) * (src & 0xffff);
      cpu.set16(RAX, p); cpu.set16(RDX, p >>> 16);
      mulFlags(cpu, 2, p & 0xffff, 0, p > 0xffff);
      return;
    }
    case 4: {
      umul32(R[0], src);
      const lo = W[0], hi = W[1];
      cpu.set32(RAX, lo); cpu.set32(RDX, hi);
      mulFlags(cpu, 4, lo, 0, hi !== 0);
      return;
    }
    default: {
      umul64(R[0], R[1], src, srcHi);
      const r0 = W[0], r1 = W[1], r2 = W[2], r3 = W[3];
      cpu.set64(RAX, r0, r1); cpu.set64(RDX, r2, r3);
      mulFlags(cpu, 8, r0, r1, (r2 | r3) !== 0);
    }
  }
});

/** Signed product of two values of `size` bytes (1, 2, 4, 8): low half in W[0] (W[1] for size 8), full product limbs in W. */
function imulCore(size: number, a: number, aHi: number, b: number, bHi: number): void {
  if (size === 8) { smul64(a, aHi, b, bHi); return; }
  if (size === 4) {
    // Signed 32x32 -> 64: unsigned product corrected in the high half.
    umul32(a, b);
    let hi = W[1];
    if (a < 0) hi = (hi - b) | 0;
    if (b < 0) hi = (hi - a) | 0;
    W[1] = hi;
    return;
  }
  const sa = size === 1 ? (a << 24) >> 24 : (a << 16) >> 16;
  const sb = size === 1 ? (b << 24) >> 24 : (b << 16) >> 16;
  const p = sa * sb; // exact: |p| <= 2^30
  W[0] = p; W[1] = p < 0 ? -1 : 0;
}

/** True when the signed product in W does not fit in `size` bytes. */
function imulOverflow(size: number): boolean {
  switch (size) {
    case 1: return W[0] !== ((W[0] << 24) >> 24);
    case 2: return W[0] !== ((W[0] << 16) >> 16);
    case 4: return W[1] !== (W[0] >> 31);
    default: { const s = W[1] >> 31; return W[2] !== s || W[3] !== s; }
  }
}

register('imul', (cpu: Cpu, i: Instr): void => {
  const R = cpu.regs;
  if (i.nops === 1) {
    const size = i.s0;
    const src = readOperand(cpu, i, 0), srcHi = cpu.hi;
    imulCore(size, R[0], R[1], src, srcHi);
    const of = imulOverflow(size);
    switch (size) {
      case 1: cpu.set16(RAX, W[0]); mulFlags(cpu, 1, W[0] & 0xff, 0, of); return;
      case 2: cpu.set16(RAX, W[0]); cpu.set16(RDX, W[0] >> 16); mulFlags(cpu, 2, W[0] & 0xffff, 0, of); return;
      case 4: { const lo = W[0], hi = W[1]; cpu.set32(RAX, lo); cpu.set32(RDX, hi); mulFlags(cpu, 4, lo, 0, of); return; }
      default: {
        const r0 = W[0], r1 = W[1], r2 = W[2], r3 = W[3];
        cpu.set64(RAX, r0, r1); cpu.set64(RDX, r2, r3);
        mulFlags(cpu, 8, r0, r1, of);
        return;
      }
    }
  }
  // Two- and three-operand forms: dest = truncated product of op1 (or dest) and op2.
  const size = i.s0;
  let a: number, aHi: number, b: number, bHi: number;
  if (i.nops === 3) { a = readOperand(cpu, i, 1); aHi = cpu.hi; b = readOperand(cpu, i, 2); bHi = cpu.hi; }
  else { a = readOperand(cpu, i, 0); aHi = cpu.hi; b = readOperand(cpu, i, 1); bHi = cpu.hi; }
  imulCore(size, a, aHi, b, bHi);
  const of = imulOverflow(size);
  const lo = W[0], hi = W[1];
  cpu.setReg(i.r0, size, lo, hi);
  mulFlags(cpu, size, size === 1 ? lo & 0xff : size === 2 ? lo & 0xffff : lo, hi, of);
});

// Fast two-operand 32-bit register IMUL (compiled index arithmetic).
registerBinder('imul', (i: Instr) => {
  if (i.nops !== 2 || i.s0 !== 4 || i.k1 !== OpKind.Reg) return undefined;
  const d = i.r0 << 1, s = i.r1 << 1;
  return (cpu: Cpu): void => {
    const R = cpu.regs, a = R[d], b = R[s];
    const lo = Math.imul(a, b);
    const p = a * b; // exact sign and magnitude are not needed: overflow iff |p| exceeds int32
    const of = p > 2147483647 || p < -2147483648;
    R[d] = lo; R[d + 1] = 0;
    mulFlags(cpu, 4, lo, 0, of);
  };
});

function divideError(): never { throw new CpuFault(0); }

register('div', (cpu: Cpu, i: Instr): void => {
  const size = i.s0;
  const d = readOperand(cpu, i, 0), dHi = cpu.hi;
  const R = cpu.regs;
  switch (size) {
    case 1: {
      const dv = d & 0xff, n = R[0] & 0xffff;
      if (dv === 0) divideError();
      const q = Math.floor(n / dv);
      if (q > 0xff) divideError();
      cpu.set16(RAX, ((n - q * dv) << 8) | q);
      return;
    }
    case 2: {
      const dv = d & 0xffff, n = (R[4] & 0xffff) * 65536 + (R[0] & 0xffff);
      if (dv === 0) divideError();
      const q = Math.floor(n / dv);
      if (q > 0xffff) divideError();
      cpu.set16(RAX, q); cpu.set16(RDX, n - q * dv);
      return;
    }
    case 4: {
      if (d === 0) divideError();
      if ((R[4] >>> 0) >= (d >>> 0)) divideError();
      const q = udiv64by32(R[4], R[0], d);
      cpu.set32(RAX, q | 0); cpu.set32(RDX, REM[0]);
      return;
    }
    default: {
      if ((d | dHi) === 0) divideError();
      if (!udiv128by64(R[5], R[4], R[1], R[0], d, dHi)) divideError();
      cpu.set64(RAX, W[0], W[1]); cpu.set64(RDX, REM[0], REM[1]);
    }
  }
});

register('idiv', (cpu: Cpu, i: Instr): void => {
  const size = i.s0;
  const d = readOperand(cpu, i, 0), dHi = cpu.hi;
  const R = cpu.regs;
  switch (size) {
    case 1: case 2: {
      const dv = size === 1 ? (d << 24) >> 24 : (d << 16) >> 16;
      if (dv === 0) divideError();
      const n = size === 1 ? (R[0] << 16) >> 16 : ((R[4] << 16) | (R[0] & 0xffff));
      const q = Math.trunc(n / dv);
      const lim = size === 1 ? 0x80 : 0x8000;
      if (q >= lim || q < -lim) divideError();
      const r = n - q * dv;
      if (size === 1) cpu.set16(RAX, ((r & 0xff) << 8) | (q & 0xff));
      else { cpu.set16(RAX, q); cpu.set16(RDX, r); }
      return;
    }
    case 4: {
      if (d === 0) divideError();
      // Magnitudes, unsigned division, then the signs (remainder takes the dividend's sign).
      let nHi = R[4], nLo = R[0];
      const nNeg = nHi < 0;
      if (nNeg) { const lo = (-nLo) | 0; nHi = (~nHi + (nLo === 0 ? 1 : 0)) | 0; nLo = lo; }
      const dNeg = d < 0;
      const dm = dNeg ? -d : d; // |-2^31| = 2^31 as a number
      if ((nHi >>> 0) >= dm) divideError();
      const q = udiv64by32(nHi, nLo, dm);
      const neg = nNeg !== dNeg;
      if (neg ? q > 0x80000000 : q > 0x7fffffff) divideError();
      const rem = REM[0] >>> 0;
      cpu.set32(RAX, neg ? -q | 0 : q | 0);
      cpu.set32(RDX, nNeg ? -rem | 0 : rem | 0);
      return;
    }
    default: {
      if ((d | dHi) === 0) divideError();
      let n3 = R[5], n2 = R[4], n1 = R[1], n0 = R[0];
      const nNeg = n3 < 0;
      if (nNeg) {
        // 128-bit negation: invert and add one with carry through the limbs.
        n0 = ~n0; n1 = ~n1; n2 = ~n2; n3 = ~n3;
        n0 = (n0 + 1) | 0;
        if (n0 === 0) { n1 = (n1 + 1) | 0; if (n1 === 0) { n2 = (n2 + 1) | 0; if (n2 === 0) n3 = (n3 + 1) | 0; } }
      }
      let dl = d, dh = dHi;
      const dNeg = dh < 0;
      if (dNeg) { const lo = (-dl) | 0; dh = (~dh + (dl === 0 ? 1 : 0)) | 0; dl = lo; }
      if (!udiv128by64(n3, n2, n1, n0, dl, dh)) divideError();
      let ql = W[0], qh = W[1];
      const neg = nNeg !== dNeg;
      // The quotient must fit in a signed 64-bit value: at most 2^63 - 1, or 2^63 when negative.
      if (qh < 0 && !(neg && qh === -2147483648 && ql === 0)) divideError();
      if (neg) { const lo = (-ql) | 0; qh = (~qh + (ql === 0 ? 1 : 0)) | 0; ql = lo; }
      let rl = REM[0], rh = REM[1];
      if (nNeg) { const lo = (-rl) | 0; rh = (~rh + (rl === 0 ? 1 : 0)) | 0; rl = lo; }
      cpu.set64(RAX, ql, qh); cpu.set64(RDX, rl, rh);
    }
  }
});

