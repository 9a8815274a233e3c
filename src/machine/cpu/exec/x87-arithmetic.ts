// x87 arithmetic in 80-bit extended precision: FADD/FSUB/FSUBR/FMUL/FDIV/FDIVR (register, memory, integer and popping forms), FSQRT, FRNDINT, FSCALE, FCHS, FABS.
import type { Cpu } from '../cpu';
import { type Instr, OpKind } from '../instr';
import { memLinear } from '../operands';
import { register } from './registry';
import {
  EXTENDED, FE_DENORMAL, FE_DIVZERO, FE_INEXACT, FE_INVALID, type RoundEnv, addFinite, divFinite, fromInteger, mulFinite,
  packSpecial, roundPack, roundToInteger, sf, sqrtFinite, unpack,
} from './softfloat';
import { INDEFINITE, isEmpty, pop, raise, setC1FromRounding, setSt, st, underflow } from './x87-stack';
import { pickNaN, readInteger, readReal, x87Begin, x87Env } from './x87-values';

const ADD = 0, SUB = 1, MUL = 2, DIV = 3;

/** a op b in 80 bits with the x87 special cases; flags accumulate in sf.flags. */
export function arith80(op: number, a: bigint, b: bigint, env: RoundEnv, bIsDest = false, memDenormal = false): bigint {
  const x = unpack(a, EXTENDED), y = unpack(b, EXTENDED);
  if (x.unsupported || y.unsupported) { sf.flags |= FE_INVALID; return INDEFINITE; }
  if (x.cls === 'nan' || y.cls === 'nan') {
    if ((x.cls === 'nan' && x.snan) || (y.cls === 'nan' && y.snan)) sf.flags |= FE_INVALID;
    return bIsDest ? pickNaN(b, y.cls === 'nan', a, x.cls === 'nan') : pickNaN(a, x.cls === 'nan', b, y.cls === 'nan');
  }
  // Division by zero is reported without DE for a denormal dividend (as the host does).
  if (x.denormal || y.denormal || memDenormal) if (!(op === DIV && y.cls === 'zero' && !y.denormal)) sf.flags |= FE_DENORMAL;
  if (op === SUB) y.sign = !y.sign;
  switch (op) {
    case ADD: case SUB:
      if (x.cls === 'inf' || y.cls === 'inf') {
        if (x.cls === 'inf' && y.cls === 'inf' && x.sign !== y.sign) { sf.flags |= FE_INVALID; return INDEFINITE; }
        return packSpecial(EXTENDED, x.cls === 'inf' ? x.sign : y.sign, true);
      }
      return addFinite(x, y, EXTENDED, env);
    case MUL:
      if (x.cls === 'inf' || y.cls === 'inf') {
        if (x.cls === 'zero' || y.cls === 'zero') { sf.flags |= FE_INVALID; return INDEFINITE; }
        return packSpecial(EXTENDED, x.sign !== y.sign, true);
      }
      return mulFinite(x, y, EXTENDED, env);
    default:
      if (x.cls === 'inf') {
        if (y.cls === 'inf') { sf.flags |= FE_INVALID; return INDEFINITE; }
        return packSpecial(EXTENDED, x.sign !== y.sign, true);
      }
      if (y.cls === 'inf') return packSpecial(EXTENDED, x.sign !== y.sign, false);
      if (y.cls === 'zero') {
        if (x.cls === 'zero') { sf.flags |= FE_INVALID; return INDEFINITE; }
        sf.flags |= FE_DIVZERO;
        return packSpecial(EXTENDED, x.sign !== y.sign, true);
      }
      return divFinite(x, y, EXTENDED, env);
  }
}

/** Finish an operation that writes `v` to ST(dest): flags, C1, the write unless an unmasked IE/ZE/DE stops it, then pops. */
function finish(cpu: Cpu, dest: number, v: bigint, pops: number): void {
  const flags = sf.flags;
  if (!raise(cpu, flags)) setSt(cpu, dest, v);
  setC1FromRounding(cpu, flags);
  for (let k = 0; k < pops; k++) pop(cpu);
}

/**
 * The arithmetic family: `reverse` for FSUBR/FDIVR. Forms: ST(0) op= m32/m64 or m16/m32 integer,
 * ST(0) op= ST(i), ST(i) op= ST(0) (and the popping forms).
 */
function family(base: string, op: number, reverse: boolean): void {
  const body = (cpu: Cpu, i: Instr, pops: number, integer: boolean): void => {
    x87Begin(cpu);
    sf.flags = 0;
    let dest: number, src: number;
    if (i.k0 === OpKind.Mem) {
      if (isEmpty(cpu, 0)) { if (underflow(cpu)) setSt(cpu, 0, INDEFINITE); return; }
      const lin = memLinear(cpu, i, i.s0, false);
      let m: bigint, memDenormal = false;
      if (integer) m = readInteger(cpu, lin, i.s0);
      else { const r = readReal(cpu, lin, i.s0); m = r.v; memDenormal = r.denormal; }
      const d = st(cpu, 0);
      const v = arith80(op, reverse ? m : d, reverse ? d : m, x87Env(cpu, true), reverse, memDenormal);
      finish(cpu, 0, v, 0);
      return;
    }
    if (i.nops === 0) { dest = 1; src = 0; } else { dest = i.r0; src = i.nops > 1 ? i.r1 : 0; }
    if (isEmpty(cpu, dest) || isEmpty(cpu, src)) {
      if (underflow(cpu)) setSt(cpu, dest, INDEFINITE);
      for (let k = 0; k < pops; k++) pop(cpu);
      return;
    }
    const d = st(cpu, dest), s = st(cpu, src);
    finish(cpu, dest, arith80(op, reverse ? s : d, reverse ? d : s, x87Env(cpu, true), reverse), pops);
  };
  register(base, (cpu: Cpu, i: Instr) => body(cpu, i, 0, false));
  register(`${base}p`, (cpu: Cpu, i: Instr) => body(cpu, i, 1, false));
  register(`fi${base.slice(1)}`, (cpu: Cpu, i: Instr) => body(cpu, i, 0, true));
}
family('fadd', ADD, false);
family('fsub', SUB, false);
family('fsubr', SUB, true);
family('fmul', MUL, false);
family('fdiv', DIV, false);
family('fdivr', DIV, true);

/** Unary operations on ST(0): `f` returns the result (flags in sf.flags). */
function unary(name: string, f: (cpu: Cpu, v: bigint) => bigint): void {
  register(name, (cpu: Cpu): void => {
    x87Begin(cpu);
    sf.flags = 0; sf.up = false;
    if (isEmpty(cpu, 0)) { if (underflow(cpu)) setSt(cpu, 0, INDEFINITE); return; }
    finish(cpu, 0, f(cpu, st(cpu, 0)), 0);
  });
}

unary('fchs', (_, v) => v ^ (1n << 79n));
unary('fabs', (_, v) => v & ~(1n << 79n));
unary('fsqrt', (cpu, v) => {
  const x = unpack(v, EXTENDED);
  if (x.unsupported) { sf.flags |= FE_INVALID; return INDEFINITE; }
  if (x.cls === 'nan') { if (x.snan) sf.flags |= FE_INVALID; return v | (1n << 62n); }
  if (x.cls === 'zero') return v;
  // A negative operand is invalid (no DE even when it is a denormal).
  if (x.sign) { sf.flags |= FE_INVALID; return INDEFINITE; }
  if (x.denormal) sf.flags |= FE_DENORMAL;
  if (x.cls === 'inf') return v;
  return sqrtFinite(x, EXTENDED, x87Env(cpu, true));
});
unary('frndint', (cpu, v) => {
  const x = unpack(v, EXTENDED);
  if (x.unsupported) { sf.flags |= FE_INVALID; return INDEFINITE; }
  if (x.cls === 'nan') { if (x.snan) sf.flags |= FE_INVALID; return v | (1n << 62n); }
  if (x.cls !== 'finite') return v;
  if (x.denormal) sf.flags |= FE_DENORMAL;
  const env = x87Env(cpu, false);
  const { v: n, inexact } = roundToInteger(x.sign, x.m, x.e, env.rc);
  const up = sf.up;
  if (inexact) sf.flags |= FE_INEXACT;
  if (n === 0n) { sf.up = up; return x.sign ? 1n << 79n : 0n; }
  const r = fromInteger(n, EXTENDED, env);
  sf.up = up;
  return r;
});

// FSCALE: ST(0) * 2^trunc(ST(1)).
register('fscale', (cpu: Cpu): void => {
  x87Begin(cpu);
  sf.flags = 0; sf.up = false;
  if (isEmpty(cpu, 0) || isEmpty(cpu, 1)) { if (underflow(cpu)) setSt(cpu, 0, INDEFINITE); return; }
  const a = st(cpu, 0), b = st(cpu, 1);
  const x = unpack(a, EXTENDED), y = unpack(b, EXTENDED);
  let r: bigint;
  if (x.unsupported || y.unsupported) { sf.flags |= FE_INVALID; r = INDEFINITE; }
  else if (x.cls === 'nan' || y.cls === 'nan') {
    if ((x.cls === 'nan' && x.snan) || (y.cls === 'nan' && y.snan)) sf.flags |= FE_INVALID;
    r = pickNaN(a, x.cls === 'nan', b, y.cls === 'nan');
  } else {
    if (x.denormal || y.denormal) sf.flags |= FE_DENORMAL;
    if (y.cls === 'inf') {
      if (x.cls === 'zero' && !y.sign) { sf.flags |= FE_INVALID; r = INDEFINITE; }
      else if (x.cls === 'inf' && y.sign) { sf.flags |= FE_INVALID; r = INDEFINITE; }
      else r = y.sign ? packSpecial(EXTENDED, x.sign, false) : x.cls === 'zero' ? a : packSpecial(EXTENDED, x.sign, true);
    } else if (x.cls !== 'finite') r = a;
    else {
      const t = y.cls === 'zero' ? 0n : roundToInteger(y.sign, y.m, y.e, 3).v;
      const n = t > 100000n ? 100000 : t < -100000n ? -100000 : Number(t);
      r = roundPack(x.sign, x.m, x.e + n, false, EXTENDED, x87Env(cpu, false));
    }
  }
  finish(cpu, 0, r, 0);
});
