// A small exact IEEE 754 binary floating-point core on BigInt (single, double, x87 extended): rounding in every mode with the exception flags, for the rare cases the fast JS-number paths cannot decide.

/** Exception flags, in the bit positions MXCSR and the x87 status word share. */
export const FE_INVALID = 1, FE_DENORMAL = 2, FE_DIVZERO = 4, FE_OVERFLOW = 8, FE_UNDERFLOW = 16, FE_INEXACT = 32;

/** Rounding control values (MXCSR.RC, x87 FCW.RC). */
export const RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;

/**
 * An interchange format: `p` significand bits including the integer bit, the exponent range
 * and whether the integer bit is stored (x87 extended) or implicit.
 */
export interface FloatFormat { readonly p: number; readonly ebits: number; readonly bias: number; readonly explicit: boolean }

export const SINGLE: FloatFormat = { p: 24, ebits: 8, bias: 127, explicit: false };
export const DOUBLE: FloatFormat = { p: 53, ebits: 11, bias: 1023, explicit: false };
export const EXTENDED: FloatFormat = { p: 64, ebits: 15, bias: 16383, explicit: true };

/** Flags raised by the operations below since the caller last cleared it; `up`: the last rounding increased the magnitude (x87 C1). */
export const sf = { flags: 0, up: false };

/** Rounding environment of one operation. */
export interface RoundEnv {
  rc: number;
  /** Flush tiny results to zero (MXCSR.FTZ), applied only when underflow is masked. */
  ftz: boolean;
  /** Underflow exception is masked (changes when UE is reported: tiny and inexact vs. tiny). */
  umMasked: boolean;
  /** Overflow exception is masked (false: the result goes to a handler, PE from the unbounded rounding). */
  oeMasked?: boolean;
  /** Precision of the rounded significand when narrower than the format (x87 precision control); 0 = the format's. */
  precision?: number;
}

/** A decoded value: class, sign, and for finite non-zero values m * 2^e with integer m. */
export interface Unpacked {
  cls: 'zero' | 'finite' | 'inf' | 'nan';
  sign: boolean;
  m: bigint;
  e: number;
  /** Finite and below the normal range (a denormal), or x87 pseudo-denormal. */
  denormal: boolean;
  /** Signalling NaN. */
  snan: boolean;
  /** x87 unsupported encodings (pseudo-NaN, pseudo-infinity, unnormal): invalid operands. */
  unsupported: boolean;
}

const ONE = 1n;

function bitLength(m: bigint): number { return m.toString(2).length; }

/** Fraction-field width (without a stored integer bit). */
function fracBits(f: FloatFormat): number { return f.p - 1; }
function totalBits(f: FloatFormat): number { return 1 + f.ebits + (f.explicit ? f.p : f.p - 1); }
function emax(f: FloatFormat): number { return f.bias; }
function emin(f: FloatFormat): number { return 1 - f.bias; }

/** Decode the bit pattern of a value of format f. */
export function unpack(bits: bigint, f: FloatFormat): Unpacked {
  const fb = fracBits(f);
  const sigBits = f.explicit ? f.p : fb;
  const sign = ((bits >> BigInt(totalBits(f) - 1)) & ONE) === ONE;
  const exp = Number((bits >> BigInt(sigBits)) & ((ONE << BigInt(f.ebits)) - ONE));
  const sig = bits & ((ONE << BigInt(sigBits)) - ONE);
  const frac = sig & ((ONE << BigInt(fb)) - ONE);
  const out: Unpacked = { cls: 'finite', sign, m: 0n, e: 0, denormal: false, snan: false, unsupported: false };
  const intBit = f.explicit ? (sig >> BigInt(fb)) & ONE : ONE;
  if (exp === (1 << f.ebits) - 1) {
    if (f.explicit && intBit === 0n) { out.unsupported = true; out.cls = 'nan'; return out; }
    if (frac === 0n) { out.cls = 'inf'; return out; }
    out.cls = 'nan';
    out.snan = ((frac >> BigInt(fb - 1)) & ONE) === 0n;
    return out;
  }
  if (exp === 0) {
    if (sig === 0n) { out.cls = 'zero'; return out; }
    out.denormal = true;
    out.m = sig; out.e = emin(f) - fb;
    return out;
  }
  if (f.explicit && intBit === 0n) {
    // Unnormal: an unsupported operand on the 387's successors.
    out.unsupported = true; out.cls = 'nan'; return out;
  }
  out.m = f.explicit ? sig : sig | (ONE << BigInt(fb));
  out.e = exp - f.bias - fb;
  return out;
}

/** Bit pattern of a zero or infinity of format f. */
export function packSpecial(f: FloatFormat, sign: boolean, inf: boolean): bigint {
  const sigBits = f.explicit ? f.p : fracBits(f);
  let b = sign ? ONE << BigInt(totalBits(f) - 1) : 0n;
  if (inf) { b |= BigInt((1 << f.ebits) - 1) << BigInt(sigBits); if (f.explicit) b |= ONE << BigInt(f.p - 1); }
  return b;
}

/** The largest finite value of format f (or of a narrower precision in that format). */
function packMax(f: FloatFormat, sign: boolean, p: number): bigint {
  const sigBits = f.explicit ? f.p : fracBits(f);
  let b = sign ? ONE << BigInt(totalBits(f) - 1) : 0n;
  b |= BigInt((1 << f.ebits) - 2) << BigInt(sigBits);
  // All ones in the top p significand bits.
  const ones = ((ONE << BigInt(p)) - ONE) << BigInt(f.p - p);
  b |= f.explicit ? ones : ones & ((ONE << BigInt(fracBits(f))) - ONE);
  return b;
}

/** The default NaN ("QNaN floating-point indefinite"): negative, quiet, zero payload. */
export function defaultNaN(f: FloatFormat): bigint {
  const sigBits = f.explicit ? f.p : fracBits(f);
  let b = (ONE << BigInt(totalBits(f) - 1)) | (BigInt((1 << f.ebits) - 1) << BigInt(sigBits));
  b |= ONE << BigInt(fracBits(f) - 1);
  if (f.explicit) b |= ONE << BigInt(f.p - 1);
  return b;
}

/** Set the quiet bit of a NaN's pattern. */
export function quietNaN(bits: bigint, f: FloatFormat): bigint { return bits | (ONE << BigInt(fracBits(f) - 1)); }

/** Round `(-1)^sign * (m * 2^e + sticky)` to format f in env; raises OE/UE/PE in sf.flags. `sticky`: a non-zero remainder below m's last bit. */
export function roundPack(sign: boolean, m: bigint, e: number, sticky: boolean, f: FloatFormat, env: RoundEnv): bigint {
  sf.up = false;
  if (m === 0n && !sticky) return packSpecial(f, sign, false);
  // Keep two extra bits so that a pure sticky case rounds correctly.
  m <<= 2n; e -= 2;
  if (sticky) m |= ONE;
  const p = env.precision || f.p;
  const n = bitLength(m);
  const E = e + n - 1; // exponent of the leading bit
  const eMin = emin(f), eMax = emax(f);
  // Tininess is detected after rounding (as x86 does): round to p bits with an unbounded exponent.
  let tiny = false;
  if (E < eMin - 1) tiny = true;
  else if (E === eMin - 1) {
    tiny = n - p <= 0 || bitLength(roundBits(sign, m, n - p, env.rc).q) <= p; // did not carry into 2^eMin
  }
  sf.up = false;
  // The last kept bit: p bits below the leading one, but never below the smallest denormal of a
  // p-bit format with this exponent range (x87 precision control rounds denormals at that position).
  const lsbExp = Math.max(E - p + 1, eMin - p + 1);
  const shift = lsbExp - e;
  let q: bigint, inexact: boolean;
  if (shift <= 0) { q = m << BigInt(-shift); inexact = false; } else { const r = roundBits(sign, m, shift, env.rc); q = r.q; inexact = r.inexact; }
  let rexp = lsbExp;
  if (bitLength(q) > f.p) { q >>= ONE; rexp++; }
  const qn = bitLength(q);
  const topExp = rexp + qn - 1;
  // An unmasked overflow or underflow delivers (to a trap handler) the significand rounded to p bits with an
  // unbounded exponent: PE then reports whether that rounding was inexact.
  if ((tiny && !env.umMasked) || (env.oeMasked === false && q !== 0n && topExp > eMax)) {
    const inexactP = n - p > 0 && roundBits(sign, m, n - p, env.rc).inexact;
    sf.flags |= (tiny ? FE_UNDERFLOW : FE_OVERFLOW) | (inexactP ? FE_INEXACT : 0);
    return packSpecial(f, sign, false);
  }
  if (q !== 0n && topExp > eMax) {
    sf.flags |= FE_OVERFLOW | FE_INEXACT;
    const toInf = env.rc === RC_NEAREST || (env.rc === RC_UP && !sign) || (env.rc === RC_DOWN && sign);
    sf.up = toInf;
    return toInf ? packSpecial(f, sign, true) : packMax(f, sign, p);
  }
  // Flush-to-zero replaces any tiny result (exact or not) by zero and reports UE and PE.
  if (tiny && env.ftz && env.umMasked) { sf.flags |= FE_UNDERFLOW | FE_INEXACT; return packSpecial(f, sign, false); }
  if (tiny && (inexact || !env.umMasked)) sf.flags |= FE_UNDERFLOW;
  if (inexact) sf.flags |= FE_INEXACT;
  if (q === 0n) return packSpecial(f, sign, false);
  const sigBits = f.explicit ? f.p : fracBits(f);
  let biased: number, sig: bigint;
  // Below the normal range: a denormal, exponent field 0, significand bits aligned to the smallest denormal.
  if (topExp < eMin) { biased = 0; sig = q << BigInt(rexp - (eMin - f.p + 1)); }
  else {
    // Normalise to f.p bits (precision control may have left fewer significant bits).
    sig = q << BigInt(f.p - qn);
    biased = topExp + f.bias;
    if (!f.explicit) sig &= (ONE << BigInt(fracBits(f))) - ONE;
  }
  let b = sign ? ONE << BigInt(totalBits(f) - 1) : 0n;
  b |= (BigInt(biased) << BigInt(sigBits)) | sig;
  return b;
}

/** Drop `shift` (> 0) low bits of m with rounding control rc. */
function roundBits(sign: boolean, m: bigint, shift: number, rc: number): { q: bigint; inexact: boolean } {
  const s = BigInt(shift);
  let q = m >> s;
  const rem = m & ((ONE << s) - ONE);
  if (rem === 0n) return { q, inexact: false };
  const half = ONE << (s - ONE);
  let up = false;
  switch (rc) {
    case RC_NEAREST: up = rem > half || (rem === half && (q & ONE) === ONE); break;
    case RC_DOWN: up = sign; break;
    case RC_UP: up = !sign; break;
    default: up = false;
  }
  if (up) q += ONE;
  sf.up = up;
  return { q, inexact: true };
}

/** Sign of an exact zero sum: +0 unless both operands are -0, or in round-down mode for opposite signs. */
function zeroSumSign(a: boolean, b: boolean, rc: number): boolean { return a === b ? a : rc === RC_DOWN; }

/** Exact (-1)^sign * m * 2^e of two finite-or-zero values combined: a + b. */
export function addFinite(a: Unpacked, b: Unpacked, f: FloatFormat, env: RoundEnv): bigint {
  if (a.cls === 'zero' && b.cls === 'zero') return packSpecial(f, zeroSumSign(a.sign, b.sign, env.rc), false);
  if (a.cls === 'zero') return roundPack(b.sign, b.m, b.e, false, f, env);
  if (b.cls === 'zero') return roundPack(a.sign, a.m, a.e, false, f, env);
  // Align to the smaller exponent; cap very large gaps with a sticky bit (the smaller operand only affects rounding).
  const [x, y] = a.e >= b.e ? [a, b] : [b, a];
  let gap = x.e - y.e;
  let ym = y.m, ye = y.e;
  const limit = f.p + 8 + bitLength(y.m);
  if (gap > limit) {
    // y is far below x's last bit: replace it by a tiny non-zero value of the same sign.
    ye = x.e - limit; ym = ONE; gap = limit;
  }
  const xm = x.m << BigInt(gap);
  const sx = x.sign ? -xm : xm, sy = y.sign ? -ym : ym;
  const s = sx + sy;
  if (s === 0n) return packSpecial(f, env.rc === RC_DOWN, false);
  return roundPack(s < 0n, s < 0n ? -s : s, ye, false, f, env);
}

/** Exact product of two finite non-zero values, rounded. */
export function mulFinite(a: Unpacked, b: Unpacked, f: FloatFormat, env: RoundEnv): bigint {
  const sign = a.sign !== b.sign;
  if (a.cls === 'zero' || b.cls === 'zero') return packSpecial(f, sign, false);
  return roundPack(sign, a.m * b.m, a.e + b.e, false, f, env);
}

/** Quotient of two finite non-zero values, rounded (enough quotient bits plus a sticky remainder). */
export function divFinite(a: Unpacked, b: Unpacked, f: FloatFormat, env: RoundEnv): bigint {
  const sign = a.sign !== b.sign;
  if (a.cls === 'zero') return packSpecial(f, sign, false);
  const k = f.p + 3 + bitLength(b.m) - bitLength(a.m) + 2;
  const num = k > 0 ? a.m << BigInt(k) : a.m;
  const q = num / b.m, r = num % b.m;
  return roundPack(sign, q, a.e - b.e - Math.max(k, 0), r !== 0n, f, env);
}

/** Square root of a finite positive value, rounded. */
export function sqrtFinite(a: Unpacked, f: FloatFormat, env: RoundEnv): bigint {
  if (a.cls === 'zero') return packSpecial(f, a.sign, false);
  // m * 2^e with e even and enough bits for p + 2 root bits.
  let m = a.m, e = a.e;
  const want = 2 * (f.p + 3);
  let sh = Math.max(0, want - bitLength(m));
  if ((e - sh) % 2 !== 0) sh++;
  m <<= BigInt(sh); e -= sh;
  const r = isqrt(m);
  return roundPack(false, r, e / 2, r * r !== m, f, env);
}

/** Integer square root (floor). */
export function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  if (x === 0n) x = ONE;
  // Newton iterations from a close estimate.
  for (;;) {
    const y = (x + n / x) >> ONE;
    if (y >= x) { if (x * x > n) { x--; continue; } while ((x + ONE) * (x + ONE) <= n) x++; return x; }
    x = y;
  }
}

/** Round an exact rational (-1)^sign * m * 2^e to an integer with rc; returns the integer and whether it was inexact. */
export function roundToInteger(sign: boolean, m: bigint, e: number, rc: number): { v: bigint; inexact: boolean } {
  if (e >= 0) return { v: (sign ? -ONE : ONE) * (m << BigInt(e)), inexact: false };
  const r = roundBits(sign, m, -e, rc);
  return { v: sign ? -r.q : r.q, inexact: r.inexact };
}

/** Exact conversion of an integer to format f with rounding. */
export function fromInteger(v: bigint, f: FloatFormat, env: RoundEnv): bigint {
  if (v === 0n) return packSpecial(f, false, false);
  return roundPack(v < 0n, v < 0n ? -v : v, 0, false, f, env);
}

/** Compare two unpacked non-NaN values: -1, 0, 1. */
export function compareValues(a: Unpacked, b: Unpacked): number {
  const va = a.cls === 'zero' ? 0 : a.cls === 'inf' ? 2 : 1, vb = b.cls === 'zero' ? 0 : b.cls === 'inf' ? 2 : 1;
  const sa = va === 0 ? 0 : a.sign ? -1 : 1, sb = vb === 0 ? 0 : b.sign ? -1 : 1;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  let mag: number;
  if (va === 2 || vb === 2) mag = va === vb ? 0 : va > vb ? 1 : -1;
  else {
    const ea = a.e + bitLength(a.m), eb = b.e + bitLength(b.m);
    if (ea !== eb) mag = ea > eb ? 1 : -1;
    else {
      const d = Math.min(a.e, b.e);
      const x = a.m << BigInt(a.e - d), y = b.m << BigInt(b.e - d);
      mag = x === y ? 0 : x > y ? 1 : -1;
    }
  }
  return sa > 0 ? mag : -mag;
}
