// Multi-precision reals (BigInt significand and binary exponent, about 200 bits) and the elementary functions the x87 transcendental instructions need: sin, cos, atan, ln, expm1.

/** A real number m * 2^e (m signed). Results carry roughly WORK bits, far beyond the 64 an 80-bit result keeps. */
export interface Big { m: bigint; e: number }

const WORK = 200;
const bitLength = (m: bigint): number => (m < 0n ? -m : m).toString(2).length;

/**
 * Drop bits below WORK significant bits, truncating toward zero: every approximation then lies
 * at or below the true magnitude, which is what rounding with a sticky bit assumes.
 */
export function norm(a: Big): Big {
  if (a.m === 0n) return { m: 0n, e: 0 };
  const extra = bitLength(a.m) - WORK;
  if (extra <= 0) return a;
  const x = BigInt(extra);
  return { m: a.m < 0n ? -((-a.m) >> x) : a.m >> x, e: a.e + extra };
}

export const big = (m: bigint, e = 0): Big => norm({ m, e });
export const neg = (a: Big): Big => ({ m: -a.m, e: a.e });
export const isZero = (a: Big): boolean => a.m === 0n;
/** Exponent of the leading bit (meaningless for zero). */
export const topExp = (a: Big): number => a.e + bitLength(a.m) - 1;

export function add(a: Big, b: Big): Big {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  // An operand far below the other's last kept bit only nudges the sum: keep the larger one, one
  // unit smaller in magnitude at WORK bits when the tiny one has the opposite sign.
  if (topExp(a) - topExp(b) > WORK + 8) return nudge(a, b);
  if (topExp(b) - topExp(a) > WORK + 8) return nudge(b, a);
  const e = Math.min(a.e, b.e);
  return norm({ m: (a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e });
}
function nudge(big: Big, tiny: Big): Big {
  if ((big.m < 0n) === (tiny.m < 0n)) return big;
  const sh = WORK - bitLength(big.m);
  const m = big.m << BigInt(sh);
  return { m: m < 0n ? m + 1n : m - 1n, e: big.e - sh };
}
export const sub = (a: Big, b: Big): Big => add(a, neg(b));
export const mul = (a: Big, b: Big): Big => norm({ m: a.m * b.m, e: a.e + b.e });
export const mulInt = (a: Big, k: number): Big => norm({ m: a.m * BigInt(k), e: a.e });
/** a / b to WORK bits. */
export function div(a: Big, b: Big): Big {
  if (a.m === 0n) return a;
  const sh = WORK + 2 + bitLength(b.m) - bitLength(a.m);
  return norm({ m: (a.m << BigInt(Math.max(sh, 0))) / b.m, e: a.e - b.e - Math.max(sh, 0) });
}
export const divInt = (a: Big, k: number): Big => div(a, { m: BigInt(k), e: 0 });
/** Square root of a non-negative value. */
export function sqrt(a: Big): Big {
  if (a.m === 0n) return a;
  let m = a.m, e = a.e;
  let sh = 2 * WORK + 4 - bitLength(m);
  if ((e - sh) % 2 !== 0) sh++;
  m <<= BigInt(sh); e -= sh;
  // Integer square root by Newton's method from a float estimate scaled into range.
  let x = 1n << BigInt(Math.ceil(bitLength(m) / 2));
  for (;;) { const y = (x + m / x) >> 1n; if (y >= x) break; x = y; }
  return norm({ m: x, e: e / 2 });
}
/** a compared with b: -1, 0, 1. */
export function cmp(a: Big, b: Big): number { const d = sub(a, b).m; return d < 0n ? -1 : d > 0n ? 1 : 0; }

export const ONE: Big = { m: 1n, e: 0 };

/** atan(1/k) for an integer k > 1, by its Taylor series (used for pi). */
function atanInv(k: number): Big {
  const k2 = BigInt(k * k);
  let term = div(ONE, big(BigInt(k))), sum = term, n = 1;
  for (;;) {
    term = div(term, { m: -k2, e: 0 });
    n += 2;
    const t = divInt(term, n);
    if (t.m === 0n || topExp(t) < topExp(sum) - WORK - 4) break;
    sum = add(sum, t);
  }
  return sum;
}
/** pi to WORK bits (Machin: pi/4 = 4 atan(1/5) - atan(1/239)). */
export const PI: Big = mulInt(sub(mulInt(atanInv(5), 4), atanInv(239)), 4);
export const HALF_PI: Big = { m: PI.m, e: PI.e - 1 };

/** ln z for z > 0, reduced to [0.5, 2) by powers of two; uses ln z = 2 atanh((z-1)/(z+1)). */
export function ln(z: Big): Big {
  let k = topExp(z);
  let r: Big = { m: z.m, e: z.e - k }; // [1, 2)
  if (cmp(r, { m: 3n, e: -1 }) > 0) { r = { m: r.m, e: r.e - 1 }; k++; } // keep r in [0.75, 1.5)
  const d = sub(r, ONE), l = d.m === 0n ? d : twoAtanh(div(d, add(r, ONE)));
  return k === 0 ? l : add(l, mulInt(LN2, k));
}
/** 2 atanh u = ln((1 + u) / (1 - u)) by its series (fast for |u| <= 1/3). */
function twoAtanh(u: Big): Big {
  const u2 = mul(u, u);
  let p = u, sum = u;
  for (let n = 3; ; n += 2) {
    p = mul(p, u2);
    const t = divInt(p, n);
    if (t.m === 0n || topExp(t) < topExp(sum) - WORK - 4) break;
    sum = add(sum, t);
  }
  return { m: sum.m, e: sum.e + 1 };
}
/** ln 2 = 2 atanh(1/3). */
export const LN2: Big = twoAtanh(div(ONE, big(3n)));

/** ln(1 + x) for x > -1, accurate relative to x for tiny x: 2 atanh(x / (2 + x)). */
export function ln1p(x: Big): Big {
  if (x.m === 0n) return x;
  // Away from zero, 1 + x is formed (exactly for 80-bit operands) and reduced by powers of two: the series converges slowly as |x| grows.
  if (topExp(x) >= -2) return ln(add(ONE, x));
  return twoAtanh(div(x, add({ m: 2n, e: 0 }, x)));
}

/** e^x - 1 for |x| <= 1 by its Taylor series (relative accuracy for tiny x). */
export function expm1(x: Big): Big {
  if (x.m === 0n) return x;
  if (topExp(x) >= 0) throw new RangeError('expm1 needs |x| < 1');
  let term = x, sum = x;
  for (let n = 2; ; n++) {
    term = divInt(mul(term, x), n);
    if (term.m === 0n || topExp(term) < topExp(sum) - WORK - 4) break;
    sum = add(sum, term);
  }
  return sum;
}

/** sin and cos of |r| <= pi/4 by their Taylor series. */
export function sinCosSmall(r: Big): { sin: Big; cos: Big } {
  const r2 = mul(r, r);
  let s = r, c = ONE, ts = r, tc = ONE;
  for (let n = 1; ; n++) {
    ts = neg(divInt(mul(ts, r2), (2 * n) * (2 * n + 1)));
    tc = neg(divInt(mul(tc, r2), (2 * n - 1) * (2 * n)));
    const small = (t: Big, of: Big): boolean => t.m === 0n || (of.m !== 0n && topExp(t) < topExp(of) - WORK - 4);
    const done = small(ts, s) && small(tc, c);
    s = add(s, ts); c = add(c, tc);
    if (done || n > 200) break;
  }
  return { sin: s, cos: c };
}

/** atan x for any finite x (halving the argument until it is small, then the Taylor series). */
export function atan(x: Big): Big {
  if (x.m === 0n) return x;
  const negative = x.m < 0n;
  let a: Big = negative ? neg(x) : x;
  let invert = false;
  if (cmp(a, ONE) > 0) { a = div(ONE, a); invert = true; }
  // atan a = 2 atan(a / (1 + sqrt(1 + a^2))): three halvings bring a below tan(pi/32).
  let doublings = 0;
  for (; doublings < 3 && topExp(a) > -8; doublings++) a = div(a, add(ONE, sqrt(add(ONE, mul(a, a)))));
  const a2 = mul(a, a);
  let p = a, sum = a;
  for (let n = 3; ; n += 2) {
    p = neg(mul(p, a2));
    const t = divInt(p, n);
    if (t.m === 0n || topExp(t) < topExp(sum) - WORK - 4) break;
    sum = add(sum, t);
  }
  sum = { m: sum.m, e: sum.e + doublings };
  if (invert) sum = sub(HALF_PI, sum);
  return negative ? neg(sum) : sum;
}

/**
 * 2^x - 1 for any finite x: directly for |x| < 1, else as 2^n * 2^f - 1 with n the nearest
 * integer (clamped far beyond the 80-bit exponent range, where the result over- or underflows).
 */
export function exp2m1(x: Big): Big {
  if (x.m === 0n || topExp(x) < 0) return expm1(mul(x, LN2));
  if (topExp(x) > 20) return x.m < 0n ? neg(ONE) : { m: 1n, e: 40000 };
  const n = Number(x.e >= 0 ? x.m << BigInt(x.e) : (x.m + (1n << BigInt(-x.e - 1))) >> BigInt(-x.e));
  const f = sub(x, big(BigInt(n)));
  const p = add(ONE, expm1(mul(f, LN2)));
  return sub({ m: p.m, e: p.e + n }, ONE);
}
