// IEEE encodings of floating-point data (dd = single, dq = double, dt = x87 extended).

/** Little-endian bytes of `v` for a data unit of 4, 8 or 10 bytes; undefined for other units. */
export function floatBytes(v: number, unit: number): number[] | undefined {
  if (unit === 4) { const b = new DataView(new ArrayBuffer(4)); b.setFloat32(0, v, true); return [...new Uint8Array(b.buffer)]; }
  if (unit === 8) { const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, v, true); return [...new Uint8Array(b.buffer)]; }
  if (unit === 10) return extended(v);
  return undefined;
}

/** 80-bit extended precision: sign, 15-bit exponent, explicit integer bit, 63-bit fraction. */
function extended(v: number): number[] {
  const d = new DataView(new ArrayBuffer(8));
  d.setFloat64(0, v, true);
  const hi = d.getUint32(4, true);
  const lo = d.getUint32(0, true);
  const sign = hi >>> 31;
  const exp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e80: number;
  let m64: bigint;
  if (exp === 0 && mant === 0n) { e80 = 0; m64 = 0n; }
  else if (exp === 0x7ff) { e80 = 0x7fff; m64 = (1n << 63n) | (mant << 11n); }
  else if (exp === 0) {
    // subnormal double: normalize
    let e = -1022;
    while ((mant & (1n << 52n)) === 0n) { mant <<= 1n; e--; }
    e80 = e + 16383; m64 = mant << 11n;
  } else { e80 = exp - 1023 + 16383; m64 = (1n << 63n) | (mant << 11n); }
  const out: number[] = [];
  for (let i = 0; i < 8; i++) { out.push(Number(m64 & 0xffn)); m64 >>= 8n; }
  const se = (sign << 15) | e80;
  out.push(se & 0xff, se >> 8);
  return out;
}
