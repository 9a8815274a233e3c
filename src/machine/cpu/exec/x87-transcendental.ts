// x87 transcendental instructions: FSIN, FCOS, FSINCOS, FPTAN, FPATAN, F2XM1, FYL2X, FYL2XP1 — computed to about 200 bits and rounded once (per FCW.RC; precision control does not apply).
import type { Cpu } from '../cpu';
import { register } from './registry';
import {
  EXTENDED, FE_DENORMAL, FE_DIVZERO, FE_INEXACT, FE_INVALID, type Unpacked, packSpecial, roundPack, sf, unpack,
} from './softfloat';
import {
  type Big, HALF_PI, LN2, PI, atan, big, div, exp2m1, ln, ln1p, mul, mulInt, neg, sinCosSmall, sub, topExp,
} from './x87-transcendental-math';
import {
  INDEFINITE, SW_C1, SW_C2, isEmpty, pop, push, raise, setC1FromRounding, setSt, st, underflow,
} from './x87-stack';
import { pickNaN, x87Begin, x87Env } from './x87-values';

const ONE80 = (16383n << 64n) | (1n << 63n);

/** Exact value of a finite unpacked operand. */
const exact = (u: Unpacked): Big => (u.cls === 'zero' ? { m: 0n, e: 0 } : big(u.sign ? -u.m : u.m, u.e));

/** Round a computed (inexact) value to 80 bits in the FCW's rounding mode; flags go to sf.flags. */
function round80(cpu: Cpu, v: Big, exactValue = false): bigint {
  const env = x87Env(cpu, false);
  if (v.m === 0n) return packSpecial(EXTENDED, false, false);
  const s = v.m < 0n;
  let m = s ? -v.m : v.m, e = v.e;
  // The sticky bit only counts below the rounding position: give short values extra low bits.
  const short = 72 - m.toString(2).length;
  if (short > 0) { m <<= BigInt(short); e -= short; }
  const r = roundPack(s, m, e, !exactValue, EXTENDED, env);
  // The processor reports every computed transcendental result as inexact, exact ones (2^1 - 1, y * log2 2^k) included.
  sf.flags |= FE_INEXACT;
  return r;
}

/**
 * The constant the trigonometric instructions reduce their argument with: pi rounded to 66
 * bits, as the SDM documents for the x87 (Vol. 1 8.3.10). Results near multiples of pi follow
 * this approximation, as on the hardware, rather than the true pi.
 */
const PI66: Big = big((0xc90fdaa22168c234n << 2n) | 3n, -64);
const REDUCE: Big = { m: PI66.m, e: PI66.e - 1 };

/** sin and cos of a finite x with |x| < 2^63: x = k * pi/2 + r, |r| <= pi/4 (about). */
function sinCos(x: Big): { sin: Big; cos: Big } {
  const q = div(x, REDUCE);
  // Nearest integer k.
  let k = 0n;
  if (topExp(q) >= -1) {
    const half = q.e < 0 ? (q.m + (1n << BigInt(-q.e - 1))) >> BigInt(-q.e) : q.m << BigInt(q.e);
    k = half;
  }
  const r = k === 0n ? x : sub(x, mul(big(k), REDUCE));
  const { sin, cos } = sinCosSmall(r);
  switch (Number(((k % 4n) + 4n) % 4n)) {
    case 0: return { sin, cos };
    case 1: return { sin: cos, cos: neg(sin) };
    case 2: return { sin: neg(sin), cos: neg(cos) };
    default: return { sin: neg(cos), cos: sin };
  }
}

/** Result of a one-operand instruction: NaN and invalid handling shared by the trig group. */
type TrigOut = { ok: true; x: Big; zero: boolean; sign: boolean } | { ok: false; r: bigint };
function trigOperand(cpu: Cpu, a: bigint): TrigOut | null {
  const u = unpack(a, EXTENDED);
  if (u.unsupported) { sf.flags |= FE_INVALID; return { ok: false, r: INDEFINITE }; }
  if (u.cls === 'nan') { if (u.snan) sf.flags |= FE_INVALID; return { ok: false, r: a | (1n << 62n) }; }
  if (u.cls === 'inf') { sf.flags |= FE_INVALID; return { ok: false, r: INDEFINITE }; }
  if (u.cls === 'zero') return { ok: true, x: { m: 0n, e: 0 }, zero: true, sign: u.sign };
  // Out of range (|x| >= 2^63): C2 = 1 and the operand stays (SDM FSIN); the caller checks null.
  if (u.e + u.m.toString(2).length - 1 >= 63) return null;
  if (u.denormal) sf.flags |= FE_DENORMAL;
  return { ok: true, x: exact(u), zero: false, sign: u.sign };
}

/** Common frame of FSIN/FCOS/FSINCOS/FPTAN: underflow, range check, C2, one or two results. */
function trig(name: string, twoResults: boolean, f: (cpu: Cpu, x: Big, zero: boolean, sign: boolean) => [bigint, bigint?]): void {
  register(name, (cpu: Cpu): void => {
    x87Begin(cpu);
    sf.flags = 0; sf.up = false;
    cpu.fpuStatus &= ~SW_C2;
    if (isEmpty(cpu, 0)) {
      if (underflow(cpu)) { setSt(cpu, 0, INDEFINITE); if (twoResults) { push(cpu, INDEFINITE); cpu.fpuStatus &= ~SW_C1; } }
      return;
    }
    if (twoResults && !isEmpty(cpu, 7)) {
      // Stack overflow: IE|SF, C1 = 1; masked, ST(0) and the pushed value are the indefinite.
      push(cpu, INDEFINITE);
      if (cpu.fpuControl & 1) setSt(cpu, 1, INDEFINITE);
      return;
    }
    const o = trigOperand(cpu, st(cpu, 0));
    if (o === null) { cpu.fpuStatus = (cpu.fpuStatus & ~SW_C1) | SW_C2; return; }
    let r0: bigint, r1: bigint | undefined;
    if (!o.ok) { r0 = o.r; r1 = twoResults ? o.r : undefined; }
    else [r0, r1] = f(cpu, o.x, o.zero, o.sign);
    const flags = sf.flags;
    if (raise(cpu, flags)) return;
    setSt(cpu, 0, r0);
    if (r1 !== undefined) push(cpu, r1);
    setC1FromRounding(cpu, flags);
  });
}

const zero80 = (sign: boolean): bigint => packSpecial(EXTENDED, sign, false);

trig('fsin', false, (cpu, x, zero, sign) => [zero ? zero80(sign) : round80(cpu, sinCos(x).sin)]);
trig('fcos', false, (cpu, x, zero) => [zero ? ONE80 : round80(cpu, sinCos(x).cos)]);
// FSINCOS: ST(0) = sin, then cos is pushed (ST(1) = sin, ST(0) = cos).
trig('fsincos', true, (cpu, x, zero, sign) => {
  if (zero) return [zero80(sign), ONE80];
  const sc = sinCos(x);
  const s = round80(cpu, sc.sin), up = sf.up;
  const c = round80(cpu, sc.cos);
  sf.up = sf.up || up;
  return [s, c];
});
// FPTAN: ST(0) = tan, then 1.0 is pushed.
trig('fptan', true, (cpu, x, zero, sign) => {
  if (zero) return [zero80(sign), ONE80];
  const sc = sinCos(x);
  return [round80(cpu, div(sc.sin, sc.cos)), ONE80];
});

/** Two-operand frame (ST(1) op ST(0), result in ST(1), pop): FPATAN, FYL2X, FYL2XP1. */
function binary(name: string, f: (cpu: Cpu, y: Unpacked, x: Unpacked, a: bigint, b: bigint) => bigint): void {
  register(name, (cpu: Cpu): void => {
    x87Begin(cpu);
    sf.flags = 0; sf.up = false;
    if (isEmpty(cpu, 0) || isEmpty(cpu, 1)) { if (underflow(cpu)) { setSt(cpu, 1, INDEFINITE); pop(cpu); } return; }
    const b = st(cpu, 0), a = st(cpu, 1);
    const x = unpack(b, EXTENDED), y = unpack(a, EXTENDED);
    let r: bigint;
    if (x.unsupported || y.unsupported) { sf.flags |= FE_INVALID; r = INDEFINITE; }
    else if (x.cls === 'nan' || y.cls === 'nan') {
      if ((x.cls === 'nan' && x.snan) || (y.cls === 'nan' && y.snan)) sf.flags |= FE_INVALID;
      r = pickNaN(b, x.cls === 'nan', a, y.cls === 'nan');
    } else r = f(cpu, y, x, a, b);
    const flags = sf.flags;
    if (raise(cpu, flags)) return;
    setSt(cpu, 1, r);
    setC1FromRounding(cpu, flags);
    pop(cpu);
  });
}

// FPATAN: ST(1) = atan2(ST(1), ST(0)), the angle of the point (ST(0), ST(1)) in (-pi, pi].
binary('fpatan', (cpu, y, x) => {
  if (x.denormal || y.denormal) sf.flags |= FE_DENORMAL;
  let angle: Big;
  if (y.cls === 'zero') {
    if (!x.sign) return zero80(y.sign); // x > 0 or +0
    angle = PI;
  } else if (y.cls === 'inf') {
    angle = x.cls === 'inf' ? (x.sign ? mulInt(div(PI, big(4n)), 3) : div(PI, big(4n))) : HALF_PI;
  } else if (x.cls === 'inf') {
    if (!x.sign) return zero80(y.sign);
    angle = PI;
  } else if (x.cls === 'zero') angle = HALF_PI;
  else {
    const ay = exact({ ...y, sign: false }), ax = exact({ ...x, sign: false });
    const t = atan(div(ay, ax));
    angle = x.sign ? sub(PI, t) : t;
  }
  return round80(cpu, y.sign ? neg(angle) : angle);
});

/** y * log2-like factor with the x87 sign and invalid rules; `l` is the logarithm (null: infinite with sign `lInfNeg`). */
function scaleBy(cpu: Cpu, y: Unpacked, l: Big | null, lInfNeg: boolean, lZeroNeg: boolean, exactLog: boolean): bigint {
  if (l === null) {
    if (y.cls === 'zero') { sf.flags |= FE_INVALID; return INDEFINITE; }
    return packSpecial(EXTENDED, y.sign !== lInfNeg, true);
  }
  if (l.m === 0n) {
    if (y.cls === 'inf') { sf.flags |= FE_INVALID; return INDEFINITE; }
    return zero80(y.sign !== lZeroNeg);
  }
  if (y.cls === 'inf') return packSpecial(EXTENDED, y.sign !== l.m < 0n, true);
  if (y.cls === 'zero') return zero80(y.sign !== l.m < 0n);
  return round80(cpu, mul(exact(y), l), exactLog);
}

// FYL2X: ST(1) = ST(1) * log2 ST(0).
binary('fyl2x', (cpu, y, x) => {
  if (x.sign && x.cls !== 'zero') { sf.flags |= FE_INVALID; return INDEFINITE; }
  if (x.denormal || y.denormal) sf.flags |= FE_DENORMAL;
  if (x.cls === 'zero') {
    if (y.cls !== 'zero' && y.cls !== 'inf') sf.flags |= FE_DIVZERO;
    return scaleBy(cpu, y, null, true, false, false);
  }
  if (x.cls === 'inf') return scaleBy(cpu, y, null, false, false, false);
  // A power of two has an exact (integer) logarithm: the product is then rounded once, exactly.
  const pow2 = (x.m & (x.m - 1n)) === 0n;
  const k = x.e + x.m.toString(2).length - 1;
  const l = pow2 ? big(BigInt(k)) : div(ln(exact(x)), LN2);
  return scaleBy(cpu, y, l, false, false, pow2);
});

// FYL2XP1: ST(1) = ST(1) * log2(ST(0) + 1), for |ST(0)| < 1 - sqrt(2)/2 (outside the SDM leaves the result undefined).
binary('fyl2xp1', (cpu, y, x) => {
  if (x.denormal || y.denormal) sf.flags |= FE_DENORMAL;
  if (x.cls === 'inf') { if (x.sign) { sf.flags |= FE_INVALID; return INDEFINITE; } return scaleBy(cpu, y, null, false, false, false); }
  if (x.cls === 'zero') return scaleBy(cpu, y, { m: 0n, e: 0 }, false, x.sign, true);
  const ex = exact(x);
  if (x.sign && topExp(ex) >= 0) { sf.flags |= FE_INVALID; return INDEFINITE; } // x <= -1
  return scaleBy(cpu, y, div(ln1p(ex), LN2), false, false, false);
});

// F2XM1: ST(0) = 2^ST(0) - 1 for -1 <= ST(0) <= 1.
register('f2xm1', (cpu: Cpu): void => {
  x87Begin(cpu);
  sf.flags = 0; sf.up = false;
  if (isEmpty(cpu, 0)) { if (underflow(cpu)) setSt(cpu, 0, INDEFINITE); return; }
  const a = st(cpu, 0), u = unpack(a, EXTENDED);
  let r: bigint;
  if (u.unsupported) { sf.flags |= FE_INVALID; r = INDEFINITE; }
  else if (u.cls === 'nan') { if (u.snan) sf.flags |= FE_INVALID; r = a | (1n << 62n); }
  else if (u.cls === 'inf') r = u.sign ? ONE80 | (1n << 79n) : a;
  else if (u.cls === 'zero') r = a;
  else {
    if (u.denormal) sf.flags |= FE_DENORMAL;
    const x = exact(u);
    // 2^x - 1 is rational only for x = +-1 (1 and -1/2): those are exact, every other result is inexact.
    if ((u.m & (u.m - 1n)) === 0n && topExp(x) === 0) r = round80(cpu, u.sign ? big(-1n, -1) : big(1n), true);
    else r = round80(cpu, exp2m1(x)); // outside [-1, 1] the SDM leaves the result undefined
  }
  const flags = sf.flags;
  if (raise(cpu, flags)) return;
  setSt(cpu, 0, r);
  setC1FromRounding(cpu, flags);
});

