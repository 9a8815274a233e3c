// 64- and 128-bit integer multiply and divide on int32 limbs (no BigInt): the arithmetic behind MUL, IMUL, DIV and IDIV.

const TWO32 = 4294967296;

/** Result limbs of the last wide operation, least significant first (int32 each). */
export const W = new Int32Array(4);
/** Remainder of the last division: low and high halves. */
export const REM = new Int32Array(2);

/** Unsigned 32x32 -> 64 product; low half in W[0], high half in W[1]. */
export function umul32(a: number, b: number): void {
  const al = a & 0xffff, ah = a >>> 16, bl = b & 0xffff, bh = b >>> 16;
  const ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  W[0] = ((mid & 0xffff) << 16) | (ll & 0xffff);
  W[1] = (hh + (lh >>> 16) + (hl >>> 16) + Math.floor(mid / 65536)) | 0;
}

/** Unsigned 64x64 -> 128 product into W[0..3]. */
export function umul64(aLo: number, aHi: number, bLo: number, bHi: number): void {
  umul32(aLo, bLo); const p00l = W[0] >>> 0, p00h = W[1] >>> 0;
  umul32(aLo, bHi); const p01l = W[0] >>> 0, p01h = W[1] >>> 0;
  umul32(aHi, bLo); const p10l = W[0] >>> 0, p10h = W[1] >>> 0;
  umul32(aHi, bHi); const p11l = W[0] >>> 0, p11h = W[1] >>> 0;
  const t1 = p00h + p01l + p10l;
  const c1 = Math.floor(t1 / TWO32);
  const t2 = p01h + p10h + p11l + c1;
  const c2 = Math.floor(t2 / TWO32);
  W[0] = p00l | 0;
  W[1] = t1 | 0;
  W[2] = t2 | 0;
  W[3] = (p11h + c2) | 0;
}

/** Signed 64x64 -> 128 product into W[0..3] (two's complement). */
export function smul64(aLo: number, aHi: number, bLo: number, bHi: number): void {
  umul64(aLo, aHi, bLo, bHi);
  // Signed correction of the upper half: subtract b if a < 0, and a if b < 0 (mod 2^64).
  if (aHi < 0) sub64Upper(bLo, bHi);
  if (bHi < 0) sub64Upper(aLo, aHi);
}
function sub64Upper(lo: number, hi: number): void {
  const t = (W[2] >>> 0) - (lo >>> 0);
  W[2] = t | 0;
  W[3] = (W[3] - hi - (t < 0 ? 1 : 0)) | 0;
}

/**
 * Unsigned (nHi:nLo) / d for 32-bit limbs with nHi < d (so the quotient fits in 32 bits).
 * Returns the quotient as an unsigned number; the remainder goes to REM[0]. Exact: each step
 * divides a value below 2^48 whose quotient is below 2^16.
 */
export function udiv64by32(nHi: number, nLo: number, d: number): number {
  d = d >>> 0;
  let r = nHi >>> 0;
  let t = r * 65536 + (nLo >>> 16);
  const q1 = Math.floor(t / d); r = t - q1 * d;
  t = r * 65536 + (nLo & 0xffff);
  const q0 = Math.floor(t / d); r = t - q0 * d;
  REM[0] = r | 0;
  return q1 * 65536 + q0;
}

/**
 * Unsigned 128/64 division: (n3:n2:n1:n0) / (dHi:dLo). Returns false when the quotient does not
 * fit in 64 bits (the caller raises #DE); otherwise the quotient is in W[0], W[1] and the
 * remainder in REM[0], REM[1]. The divisor must not be zero.
 */
export function udiv128by64(n3: number, n2: number, n1: number, n0: number, dLo: number, dHi: number): boolean {
  const u3 = n3 >>> 0, u2 = n2 >>> 0, dl = dLo >>> 0, dh = dHi >>> 0;
  if (u3 > dh || (u3 === dh && u2 >= dl)) return false;
  if (dh === 0) {
    const q1 = udiv64by32(u2, n1, dl);
    const q0 = udiv64by32(REM[0], n0, dl);
    W[0] = q0 | 0; W[1] = q1 | 0; REM[1] = 0;
    return true;
  }
  // Bit-serial restoring division of the low 64 dividend bits into the 64-bit remainder (rh:rl).
  let rh = u3, rl = u2, qh = 0, ql = 0;
  let sh = n1 >>> 0, sl = n0 >>> 0;
  for (let k = 0; k < 64; k++) {
    const carry = rh >>> 31;
    rh = ((rh << 1) | (rl >>> 31)) >>> 0;
    rl = ((rl << 1) | (sh >>> 31)) >>> 0;
    sh = ((sh << 1) | (sl >>> 31)) >>> 0;
    sl = (sl << 1) >>> 0;
    qh = ((qh << 1) | (ql >>> 31)) >>> 0;
    ql = (ql << 1) >>> 0;
    if (carry || rh > dh || (rh === dh && rl >= dl)) {
      const t = rl - dl;
      rl = t >>> 0;
      rh = (rh - dh - (t < 0 ? 1 : 0)) >>> 0;
      ql = (ql | 1) >>> 0;
    }
  }
  W[0] = ql | 0; W[1] = qh | 0; REM[0] = rl | 0; REM[1] = rh | 0;
  return true;
}

/** Two's-complement negation of a 64-bit value; result in W[0], W[1]. */
export function neg64(lo: number, hi: number): void {
  W[0] = (-lo) | 0;
  W[1] = (~hi + (lo === 0 ? 1 : 0)) | 0;
}
