// One SSE floating-point lane: add/sub/mul/div/sqrt, min/max, compare and conversions on single/double bit patterns, with MXCSR rounding, DAZ/FTZ and exception flags.
import {
  DOUBLE, FE_DENORMAL, FE_DIVZERO, FE_INEXACT, FE_INVALID, RC_DOWN, RC_NEAREST, RC_UP, RC_ZERO, SINGLE,
  type FloatFormat, type Unpacked, addFinite, compareValues, defaultNaN, divFinite, fromInteger, mulFinite, packSpecial,
  quietNaN, roundPack, roundToInteger, sf, sqrtFinite, unpack,
} from './softfloat';

/** The MXCSR-derived environment of the instruction being executed (set by `beginSse`). */
export const env = { rc: 0, ftz: false, daz: false, umMasked: true, oeMasked: true };

/** Latch MXCSR's rounding control, FTZ, DAZ and UM into `env` and clear the flag accumulator. */
export function beginSse(mxcsr: number): void {
  env.rc = (mxcsr >> 13) & 3;
  env.ftz = (mxcsr & 0x8000) !== 0;
  env.daz = (mxcsr & 0x40) !== 0;
  env.umMasked = (mxcsr & 0x800) !== 0;
  env.oeMasked = (mxcsr & 0x400) !== 0;
  sf.flags = 0;
}

export const OP_ADD = 0, OP_SUB = 1, OP_MUL = 2, OP_DIV = 3, OP_SQRT = 4;

const F32 = new Float32Array(1), I32 = new Int32Array(F32.buffer);
const F64 = new Float64Array(1), I64 = new Int32Array(F64.buffer);
const TWO_M126 = 2 ** -126, MAX32 = 3.4028234663852886e38;
const TWO_M1022 = 2 ** -1022, TWO_M968 = 2 ** -968, TWO_995 = 2 ** 995;
const SPLIT = 134217729; // 2^27 + 1 (Dekker's splitter)

/** Error term of the last `twoProd`: a * b = p + tpErr exactly (no overflow/underflow assumed). */
let tpErr = 0;
function twoProd(a: number, b: number): number {
  const p = a * b;
  let c = SPLIT * a;
  const ah = c - (c - a), al = a - ah;
  c = SPLIT * b;
  const bh = c - (c - b), bl = b - bh;
  tpErr = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  return p;
}

export const big64 = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
export const big32 = (v: number): bigint => BigInt(v >>> 0);
/** High half of the last double returned by a `*64` function (the low half is the return value). */
export let outHi = 0;

function ret64(b: bigint): number { outHi = Number(b >> 32n) | 0; return Number(b & 0xffffffffn) | 0; }

/** Apply DAZ to a denormal operand (treated as a signed zero), or flag DE. */
function denormalIn(u: Unpacked): void {
  if (!u.denormal) return;
  if (env.daz) { u.cls = 'zero'; u.denormal = false; } else sf.flags |= FE_DENORMAL;
}

/**
 * The exact operation on unpacked operands with the IEEE special cases; a is the first source
 * (destination), b the second (for SQRT the only) source.
 */
function arithSlow(op: number, ab: bigint, bb: bigint, f: FloatFormat): bigint {
  const a = unpack(ab, f), b = unpack(bb, f);
  if (op === OP_SQRT) {
    if (b.cls === 'nan') { if (b.snan) sf.flags |= FE_INVALID; return quietNaN(bb, f); }
    // A negative denormal is an invalid operand, not a denormal one (no DE) unless DAZ makes it -0.
    if (b.denormal && b.sign && !env.daz) { sf.flags |= FE_INVALID; return defaultNaN(f); }
    denormalIn(b);
    if (b.cls === 'zero') return packSpecial(f, b.sign, false);
    if (b.sign) { sf.flags |= FE_INVALID; return defaultNaN(f); }
    if (b.cls === 'inf') return bb;
    return sqrtFinite(b, f, env);
  }
  if (a.cls === 'nan' || b.cls === 'nan') {
    if ((a.cls === 'nan' && a.snan) || (b.cls === 'nan' && b.snan)) sf.flags |= FE_INVALID;
    return a.cls === 'nan' ? quietNaN(ab, f) : quietNaN(bb, f);
  }
  denormalIn(b);
  // Division by zero is reported without DE for a denormal dividend (host behaviour).
  if (op === OP_DIV && b.cls === 'zero' && a.denormal && !env.daz) a.denormal = false;
  denormalIn(a);
  if (op === OP_SUB) b.sign = !b.sign;
  switch (op) {
    case OP_ADD: case OP_SUB:
      if (a.cls === 'inf' || b.cls === 'inf') {
        if (a.cls === 'inf' && b.cls === 'inf' && a.sign !== b.sign) { sf.flags |= FE_INVALID; return defaultNaN(f); }
        return packSpecial(f, a.cls === 'inf' ? a.sign : b.sign, true);
      }
      return addFinite(a, b, f, env);
    case OP_MUL:
      if (a.cls === 'inf' || b.cls === 'inf') {
        if (a.cls === 'zero' || b.cls === 'zero') { sf.flags |= FE_INVALID; return defaultNaN(f); }
        return packSpecial(f, a.sign !== b.sign, true);
      }
      return mulFinite(a, b, f, env);
    default: // OP_DIV
      if (a.cls === 'inf') {
        if (b.cls === 'inf') { sf.flags |= FE_INVALID; return defaultNaN(f); }
        return packSpecial(f, a.sign !== b.sign, true);
      }
      if (b.cls === 'inf') return packSpecial(f, a.sign !== b.sign, false);
      if (b.cls === 'zero') {
        if (a.cls === 'zero') { sf.flags |= FE_INVALID; return defaultNaN(f); }
        sf.flags |= FE_DIVZERO;
        return packSpecial(f, a.sign !== b.sign, true);
      }
      return divFinite(a, b, f, env);
  }
}

/** Directed-rounding step for a round-to-nearest result r whose exact value lies in direction dir (sign of exact - r): -1, 0 or +1 ulp of magnitude. */
function directedStep(r: number, dir: number): number {
  switch (env.rc) {
    case RC_ZERO: return (dir > 0) !== (r > 0) ? -1 : 0;
    case RC_DOWN: return dir < 0 ? (r > 0 ? -1 : 1) : 0;
    case RC_UP: return dir > 0 ? (r > 0 ? 1 : -1) : 0;
    default: return 0;
  }
}

/** A single-precision operation on bit patterns (int32). */
export function arith32(op: number, a: number, b: number): number {
  const ea = (a >>> 23) & 0xff, eb = (b >>> 23) & 0xff;
  if (eb !== 0 && eb !== 0xff && (op === OP_SQRT || (ea !== 0 && ea !== 0xff))) {
    I32[0] = a; const x0 = F32[0];
    I32[0] = b; const y = F32[0];
    let x: number, dir = 0;
    switch (op) {
      case OP_ADD: case OP_SUB: {
        const yy = op === OP_ADD ? y : -y;
        x = x0 + yy;
        const bv = x - x0;
        const err = (x0 - (x - bv)) + (yy - bv);
        dir = err > 0 ? 1 : err < 0 ? -1 : 0;
        if (x === 0) return env.rc === RC_DOWN ? 0x80000000 | 0 : 0;
        break;
      }
      case OP_MUL: x = x0 * y; break;
      case OP_DIV: {
        x = x0 / y;
        const p = twoProd(x, y);
        const rem = (x0 - p) - tpErr;
        dir = rem === 0 ? 0 : (rem > 0) === (y > 0) ? 1 : -1;
        break;
      }
      default: {
        if (y < 0) return arithFallback32(op, a, b);
        x = Math.sqrt(y);
        const p = twoProd(x, x);
        const rem = (y - p) - tpErr;
        dir = rem > 0 ? 1 : rem < 0 ? -1 : 0;
      }
    }
    const r = Math.fround(x), ar = Math.abs(r);
    if (ar > TWO_M126 && ar <= MAX32) {
      if (r !== x) dir = x > r ? 1 : -1;
      F32[0] = r;
      let bits = I32[0];
      if (dir !== 0) {
        sf.flags |= FE_INEXACT;
        const step = env.rc === RC_NEAREST ? 0 : directedStep(r, dir);
        if (step !== 0) {
          bits += step;
          if (((bits >>> 23) & 0xff) === 0xff) return arithFallback32(op, a, b);
        }
      }
      return bits;
    }
  }
  return arithFallback32(op, a, b);
}

function arithFallback32(op: number, a: number, b: number): number {
  return Number(arithSlow(op, big32(a), big32(b), SINGLE)) | 0;
}

/** A double-precision operation on bit patterns: returns the low half, high half in `outHi`. */
export function arith64(op: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
  const ea = (aHi >>> 20) & 0x7ff, eb = (bHi >>> 20) & 0x7ff;
  if (eb !== 0 && eb !== 0x7ff && (op === OP_SQRT || (ea !== 0 && ea !== 0x7ff))) {
    I64[0] = aLo; I64[1] = aHi; const x0 = F64[0];
    I64[0] = bLo; I64[1] = bHi; const y = F64[0];
    let x = NaN, dir = 0, ok = false;
    const ax = Math.abs(x0), ay = Math.abs(y);
    switch (op) {
      case OP_ADD: case OP_SUB: {
        const yy = op === OP_ADD ? y : -y;
        x = x0 + yy;
        const bv = x - x0;
        const err = (x0 - (x - bv)) + (yy - bv);
        dir = err > 0 ? 1 : err < 0 ? -1 : 0;
        if (x === 0) { outHi = env.rc === RC_DOWN ? 0x80000000 | 0 : 0; return 0; }
        ok = true;
        break;
      }
      case OP_MUL:
        if (ax < TWO_995 && ay < TWO_995) {
          x = twoProd(x0, y);
          ok = Math.abs(x) > TWO_M968;
          dir = tpErr > 0 ? 1 : tpErr < 0 ? -1 : 0;
        }
        break;
      case OP_DIV:
        if (ax > TWO_M968 && ay < TWO_995 && ay > TWO_M968) {
          x = x0 / y;
          if (Math.abs(x) < TWO_995) {
            const p = twoProd(x, y);
            const rem = (x0 - p) - tpErr;
            dir = rem === 0 ? 0 : (rem > 0) === (y > 0) ? 1 : -1;
            ok = true;
          }
        }
        break;
      default:
        if (y > TWO_M968) {
          x = Math.sqrt(y);
          const p = twoProd(x, x);
          const rem = (y - p) - tpErr;
          dir = rem > 0 ? 1 : rem < 0 ? -1 : 0;
          ok = true;
        }
    }
    const axr = Math.abs(x);
    if (ok && axr > TWO_M1022 && axr < Infinity) {
      F64[0] = x;
      let lo = I64[0], hi = I64[1];
      if (dir !== 0) {
        sf.flags |= FE_INEXACT;
        const step = env.rc === RC_NEAREST ? 0 : directedStep(x, dir);
        if (step > 0) { lo = (lo + 1) | 0; if (lo === 0) hi = (hi + 1) | 0; }
        else if (step < 0) { if (lo === 0) hi = (hi - 1) | 0; lo = (lo - 1) | 0; }
        if (((hi >>> 20) & 0x7ff) === 0x7ff) return arithFallback64(op, aLo, aHi, bLo, bHi);
      }
      outHi = hi;
      return lo;
    }
  }
  return arithFallback64(op, aLo, aHi, bLo, bHi);
}

function arithFallback64(op: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
  return ret64(arithSlow(op, big64(aLo, aHi), big64(bLo, bHi), DOUBLE));
}

// ---------------------------------------------------------------- min / max / compare

/** Compare result: less, equal, greater, unordered. */
export const CMP_LT = -1, CMP_EQ = 0, CMP_GT = 1, CMP_UN = 2;

/**
 * Compare a with b. IE when an operand is an SNaN, or any NaN if `signalQuiet`; DE for
 * denormal operands unless DAZ (then they compare as zero).
 */
function compareBits(ab: bigint, bb: bigint, f: FloatFormat, signalQuiet: boolean): number {
  const a = unpack(ab, f), b = unpack(bb, f);
  if (a.cls === 'nan' || b.cls === 'nan') {
    if (signalQuiet || (a.cls === 'nan' && a.snan) || (b.cls === 'nan' && b.snan)) sf.flags |= FE_INVALID;
    return CMP_UN;
  }
  denormalIn(a); denormalIn(b);
  return compareValues(a, b);
}

/** Compare two singles (bit patterns). */
export function compare32(a: number, b: number, signalQuiet: boolean): number {
  const ea = (a >>> 23) & 0xff, eb = (b >>> 23) & 0xff;
  if (ea !== 0 && ea !== 0xff && eb !== 0 && eb !== 0xff) {
    I32[0] = a; const x = F32[0]; I32[0] = b; const y = F32[0];
    return x < y ? CMP_LT : x > y ? CMP_GT : CMP_EQ;
  }
  return compareBits(big32(a), big32(b), SINGLE, signalQuiet);
}

/** Compare two doubles (bit patterns). */
export function compare64(aLo: number, aHi: number, bLo: number, bHi: number, signalQuiet: boolean): number {
  const ea = (aHi >>> 20) & 0x7ff, eb = (bHi >>> 20) & 0x7ff;
  if (ea !== 0 && ea !== 0x7ff && eb !== 0 && eb !== 0x7ff) {
    I64[0] = aLo; I64[1] = aHi; const x = F64[0]; I64[0] = bLo; I64[1] = bHi; const y = F64[0];
    return x < y ? CMP_LT : x > y ? CMP_GT : CMP_EQ;
  }
  return compareBits(big64(aLo, aHi), big64(bLo, bHi), DOUBLE, signalQuiet);
}

/** True when a denormal operand is read as zero under DAZ (MIN/MAX then return the zero). */
function dazValue32(v: number): number { return env.daz && ((v >>> 23) & 0xff) === 0 ? v & (0x80000000 | 0) : v; }
function dazHi64(lo: number, hi: number): boolean { return env.daz && ((hi >>> 20) & 0x7ff) === 0 && ((hi & 0xfffff) | lo) !== 0; }

/** MINSS/MAXSS lane: a < b (or a > b) ? a : b; any NaN returns b (IE even for QNaN). */
export function minMax32(a: number, b: number, max: boolean): number {
  const c = compare32(a, b, true);
  return dazValue32(c !== CMP_UN && (max ? c === CMP_GT : c === CMP_LT) ? a : b);
}

/** MINSD/MAXSD lane (low half returned, high half in `outHi`). */
export function minMax64(aLo: number, aHi: number, bLo: number, bHi: number, max: boolean): number {
  const c = compare64(aLo, aHi, bLo, bHi, true);
  const useA = c !== CMP_UN && (max ? c === CMP_GT : c === CMP_LT);
  let lo = useA ? aLo : bLo, hi = useA ? aHi : bHi;
  if (dazHi64(lo, hi)) { lo = 0; hi &= 0x80000000 | 0; }
  outHi = hi;
  return lo;
}

/**
 * CMPPS/CMPSS predicate (imm8 0..7: EQ, LT, LE, UNORD, NEQ, NLT, NLE, ORD) of a compare
 * result; LT, LE, NLT, NLE signal on QNaN.
 */
export const signalsQuiet = (pred: number): boolean => pred === 1 || pred === 2 || pred === 5 || pred === 6;
export function predicate(pred: number, c: number): boolean {
  switch (pred & 7) {
    case 0: return c === CMP_EQ;
    case 1: return c === CMP_LT;
    case 2: return c === CMP_LT || c === CMP_EQ;
    case 3: return c === CMP_UN;
    case 4: return c !== CMP_EQ;
    case 5: return c !== CMP_LT;
    case 6: return !(c === CMP_LT || c === CMP_EQ);
    default: return c !== CMP_UN;
  }
}

// ---------------------------------------------------------------- conversions

/** Integer indefinite of the destination size: low half returned, high half in `outHi`. */
function indefinite(size: 4 | 8): number { sf.flags |= FE_INVALID; outHi = size === 8 ? 0x80000000 | 0 : 0; return size === 8 ? 0 : 0x80000000 | 0; }

/** Float (bit pattern as bigint) to a signed integer of `size` bytes with rounding control rc; low half returned, high in `outHi`. */
function floatToInt(bits: bigint, f: FloatFormat, size: 4 | 8, rc: number): number {
  const u = unpack(bits, f);
  if (u.cls === 'nan' || u.cls === 'inf') return indefinite(size);
  if (u.denormal && env.daz) { outHi = 0; return 0; }
  if (u.cls === 'zero') { outHi = 0; return 0; }
  const { v, inexact } = roundToInteger(u.sign, u.m, u.e, rc);
  const lim = size === 8 ? 1n << 63n : 1n << 31n;
  if (v >= lim || v < -lim) return indefinite(size);
  if (inexact) sf.flags |= FE_INEXACT;
  const w = BigInt.asUintN(64, v);
  outHi = Number(w >> 32n) | 0;
  return Number(w & 0xffffffffn) | 0;
}

/** Round a JS number to an integer with rc (exact for doubles). */
function roundNumber(x: number, rc: number): number {
  switch (rc) {
    case RC_DOWN: return Math.floor(x);
    case RC_UP: return Math.ceil(x);
    case RC_ZERO: return Math.trunc(x);
    default: {
      const fl = Math.floor(x), d = x - fl;
      return d > 0.5 ? fl + 1 : d < 0.5 ? fl : (fl % 2 === 0 ? fl : fl + 1);
    }
  }
}

/** CVT(T)SS2SI / CVT(T)PS2DQ lane: single to int32/int64; `truncate` for the CVTT forms. */
export function cvtF32ToInt(a: number, size: 4 | 8, truncate: boolean): number {
  const rc = truncate ? RC_ZERO : env.rc;
  const e = (a >>> 23) & 0xff;
  if (e !== 0 && e !== 0xff) {
    I32[0] = a; const x = F32[0];
    const r = roundNumber(x, rc);
    const lim = size === 8 ? 9223372036854775808 : 2147483648;
    if (r >= lim || r < -lim) return indefinite(size);
    if (r !== x) sf.flags |= FE_INEXACT;
    outHi = size === 8 ? Math.floor(r / 4294967296) | 0 : 0;
    return size === 8 ? (r - Math.floor(r / 4294967296) * 4294967296) | 0 : r | 0;
  }
  return floatToInt(big32(a), SINGLE, size, rc);
}

/** CVT(T)SD2SI / CVT(T)PD2DQ lane: double to int32/int64. */
export function cvtF64ToInt(lo: number, hi: number, size: 4 | 8, truncate: boolean): number {
  const rc = truncate ? RC_ZERO : env.rc;
  const e = (hi >>> 20) & 0x7ff;
  if (e !== 0 && e !== 0x7ff) {
    I64[0] = lo; I64[1] = hi; const x = F64[0];
    const r = roundNumber(x, rc);
    const lim = size === 8 ? 9223372036854775808 : 2147483648;
    if (r >= lim || r < -lim) return indefinite(size);
    if (r !== x) sf.flags |= FE_INEXACT;
    outHi = size === 8 ? Math.floor(r / 4294967296) | 0 : 0;
    return size === 8 ? (r - Math.floor(r / 4294967296) * 4294967296) | 0 : r | 0;
  }
  return floatToInt(big64(lo, hi), DOUBLE, size, rc);
}

/** Signed integer (int32, or int64 as lo/hi) to single. */
export function cvtIntToF32(lo: number, hi: number, size: 4 | 8): number {
  const v = size === 4 ? lo : hi * 4294967296 + (lo >>> 0);
  if (size === 4 || (hi < 0x200000 && hi >= -0x200000)) { // |v| < 2^53: v is exact
    const r = Math.fround(v);
    if (r !== v) {
      sf.flags |= FE_INEXACT;
      if (env.rc !== RC_NEAREST) return Number(fromInteger(BigInt(v), SINGLE, env)) | 0;
    }
    F32[0] = r;
    return I32[0];
  }
  return Number(fromInteger(BigInt.asIntN(64, big64(lo, hi)), SINGLE, env)) | 0;
}

/** Signed integer to double (low half returned, high half in `outHi`). */
export function cvtIntToF64(lo: number, hi: number, size: 4 | 8): number {
  const v = size === 4 ? lo : hi * 4294967296 + (lo >>> 0);
  if (size === 4 || (hi < 0x200000 && hi >= -0x200000)) { // |v| < 2^53: exact
    F64[0] = v;
    outHi = I64[1];
    return I64[0];
  }
  return ret64(fromInteger(BigInt.asIntN(64, big64(lo, hi)), DOUBLE, env));
}

/** CVTSS2SD / CVTPS2PD lane (exact; SNaN quieted with IE; denormal DE or DAZ). */
export function cvtF32ToF64(a: number): number {
  const u = unpack(big32(a), SINGLE);
  if (u.cls === 'nan') {
    if (u.snan) sf.flags |= FE_INVALID;
    // The payload moves to the top of the wider fraction; the quiet bit is set.
    const frac = (a & 0x7fffff) | 0x400000;
    outHi = (a & (0x80000000 | 0)) | 0x7ff00000 | (frac >>> 3);
    return (frac << 29) | 0;
  }
  denormalIn(u);
  if (u.cls === 'zero') { outHi = a & (0x80000000 | 0); return 0; }
  if (u.cls === 'inf') { outHi = (a & (0x80000000 | 0)) | 0x7ff00000; return 0; }
  return ret64(roundPack(u.sign, u.m, u.e, false, DOUBLE, env));
}

/** CVTSD2SS / CVTPD2PS lane: rounds per MXCSR. */
export function cvtF64ToF32(lo: number, hi: number): number {
  const e = (hi >>> 20) & 0x7ff;
  if (e !== 0 && e !== 0x7ff) {
    I64[0] = lo; I64[1] = hi; const x = F64[0];
    const r = Math.fround(x), ar = Math.abs(r);
    if (ar > TWO_M126 && ar <= MAX32) {
      F32[0] = r;
      let bits = I32[0];
      if (r !== x) {
        sf.flags |= FE_INEXACT;
        const step = env.rc === RC_NEAREST ? 0 : directedStep(r, x > r ? 1 : -1);
        bits += step;
        if (((bits >>> 23) & 0xff) === 0xff) return cvtF64ToF32Slow(lo, hi);
      }
      return bits;
    }
  }
  return cvtF64ToF32Slow(lo, hi);
}

function cvtF64ToF32Slow(lo: number, hi: number): number {
  const u = unpack(big64(lo, hi), DOUBLE);
  if (u.cls === 'nan') {
    if (u.snan) sf.flags |= FE_INVALID;
    return (hi & (0x80000000 | 0)) | 0x7fc00000 | ((hi & 0x7ffff) << 3) | (lo >>> 29);
  }
  denormalIn(u);
  if (u.cls === 'zero') return hi & (0x80000000 | 0);
  if (u.cls === 'inf') return (hi & (0x80000000 | 0)) | 0x7f800000;
  return Number(roundPack(u.sign, u.m, u.e, false, SINGLE, env)) | 0;
}

/** ROUNDSS/ROUNDPS lane: round to an integral single with rc; PE unless `noInexact`. */
export function round32(a: number, rc: number, noInexact: boolean): number {
  const u = unpack(big32(a), SINGLE);
  if (u.cls === 'nan') { if (u.snan) sf.flags |= FE_INVALID; return a | 0x400000; }
  if (u.cls !== 'finite') return a;
  if (u.denormal && env.daz) return a & (0x80000000 | 0);
  const { v, inexact } = roundToInteger(u.sign, u.m, u.e, rc);
  if (inexact && !noInexact) sf.flags |= FE_INEXACT;
  if (v === 0n) return a & (0x80000000 | 0);
  const saved = sf.flags;
  const r = Number(fromInteger(v, SINGLE, env)) | 0;
  sf.flags = saved;
  return r;
}

/** ROUNDSD/ROUNDPD lane. */
export function round64(lo: number, hi: number, rc: number, noInexact: boolean): number {
  const u = unpack(big64(lo, hi), DOUBLE);
  if (u.cls === 'nan') { if (u.snan) sf.flags |= FE_INVALID; outHi = hi | 0x80000; return lo; }
  if (u.cls !== 'finite') { outHi = hi; return lo; }
  if (u.denormal && env.daz) { outHi = hi & (0x80000000 | 0); return 0; }
  const { v, inexact } = roundToInteger(u.sign, u.m, u.e, rc);
  if (inexact && !noInexact) sf.flags |= FE_INEXACT;
  if (v === 0n) { outHi = hi & (0x80000000 | 0); return 0; }
  const saved = sf.flags;
  const r = ret64(fromInteger(v, DOUBLE, env));
  sf.flags = saved;
  return r;
}

/**
 * RCPSS/RSQRTSS lane: an approximation within the SDM's 1.5 * 2^-12 relative error. Ringstep
 * returns the correctly rounded single result (exact values differ between processor models).
 * Denormal inputs count as zero; tiny reciprocals are flushed to zero; no exception flags.
 */
export function approx32(a: number, rsqrt: boolean): number {
  const e = (a >>> 23) & 0xff, sign = a & (0x80000000 | 0);
  if (e === 0xff) {
    if (a & 0x7fffff) return a | 0x400000;
    if (rsqrt) return sign ? 0xffc00000 | 0 : 0;
    return sign;
  }
  if (e === 0) return sign | 0x7f800000; // ±0 and denormals: ±Inf
  I32[0] = a;
  const x = F32[0];
  if (rsqrt) {
    if (x < 0) return 0xffc00000 | 0;
    F32[0] = 1 / Math.sqrt(x);
    return I32[0];
  }
  const r = 1 / x;
  if (Math.abs(r) < TWO_M126) return sign;
  F32[0] = r;
  return I32[0];
}
