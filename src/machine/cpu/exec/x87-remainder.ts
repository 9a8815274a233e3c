// x87 partial remainders and exponent extraction: FPREM, FPREM1 (SDM Vol. 2A FPREM/FPREM1) and FXTRACT.
import type { Cpu } from '../cpu';
import { register } from './registry';
import { EXTENDED, FE_DENORMAL, FE_DIVZERO, FE_INVALID, fromInteger, packSpecial, roundPack, sf, unpack } from './softfloat';
import {
  INDEFINITE, SW_C0, SW_C1, SW_C2, SW_C3, SW_IE, isEmpty, push, raise, setSt, st, underflow,
} from './x87-stack';
import { pickNaN, x87Begin } from './x87-values';

const bitLength = (m: bigint): number => m.toString(2).length;

/**
 * FPREM (truncating quotient) and FPREM1 (IEEE: quotient rounded to nearest even). When the
 * exponents differ by 64 or more only a partial reduction is done (C2 = 1): the exponent of
 * ST(0) drops by n = 32 + (D mod 32), the choice the host processors make within the SDM's
 * "implementation-dependent number between 32 and 63". The result is always exact.
 */
function remainder(ieee: boolean) {
  return (cpu: Cpu): void => {
    x87Begin(cpu);
    sf.flags = 0; sf.up = false;
    const CC = SW_C0 | SW_C1 | SW_C2 | SW_C3;
    if (isEmpty(cpu, 0) || isEmpty(cpu, 1)) {
      cpu.fpuStatus &= ~CC;
      if (underflow(cpu)) setSt(cpu, 0, INDEFINITE);
      return;
    }
    const a = st(cpu, 0), b = st(cpu, 1);
    const x = unpack(a, EXTENDED), y = unpack(b, EXTENDED);
    let r: bigint, cc = 0;
    if (x.unsupported || y.unsupported) { sf.flags |= FE_INVALID; r = INDEFINITE; }
    else if (x.cls === 'nan' || y.cls === 'nan') {
      if ((x.cls === 'nan' && x.snan) || (y.cls === 'nan' && y.snan)) sf.flags |= FE_INVALID;
      r = pickNaN(a, x.cls === 'nan', b, y.cls === 'nan');
    } else if (x.cls === 'inf' || y.cls === 'zero') {
      // Invalid without DE even when the other operand is a denormal (host behaviour).
      sf.flags |= FE_INVALID; r = INDEFINITE;
    } else {
      if (x.denormal || y.denormal) sf.flags |= FE_DENORMAL;
      if (x.cls === 'zero' || y.cls === 'inf') r = a;
      else {
        // Exponents of the leading bits.
        const ex = x.e + bitLength(x.m) - 1, ey = y.e + bitLength(y.m) - 1;
        const d = ex - ey;
        let scale = 0; // the divisor is y * 2^scale
        if (d >= 64) { scale = d - (32 + (d & 31)); cc = SW_C2; }
        // Align both on the smaller lsb exponent.
        const ye = y.e + scale, lo = Math.min(x.e, ye);
        const xm = x.m << BigInt(x.e - lo), ym = y.m << BigInt(ye - lo);
        let q = xm / ym, rm = xm - q * ym;
        if (ieee && !cc) {
          const twice = rm << 1n;
          if (twice > ym || (twice === ym && (q & 1n) === 1n)) { q += 1n; rm -= ym; }
        }
        let sign = x.sign;
        if (rm < 0n) { rm = -rm; sign = !sign; }
        if (!cc) cc = (q & 1n ? SW_C1 : 0) | (q & 2n ? SW_C3 : 0) | (q & 4n ? SW_C0 : 0);
        r = rm === 0n ? packSpecial(EXTENDED, x.sign, false)
          : roundPack(sign, rm, lo, false, EXTENDED, { rc: 0, ftz: false, umMasked: (cpu.fpuControl & 0x10) !== 0 });
      }
    }
    cpu.fpuStatus &= ~CC;
    if (!raise(cpu, sf.flags)) setSt(cpu, 0, r);
    if (!(sf.flags & FE_INVALID)) cpu.fpuStatus |= cc;
  };
}
register('fprem', remainder(false));
register('fprem1', remainder(true));

/** FXTRACT: ST(0) becomes its exponent (as a value) and the significand is pushed (exponent 0, same sign). */
register('fxtract', (cpu: Cpu): void => {
  x87Begin(cpu);
  sf.flags = 0; sf.up = false;
  if (isEmpty(cpu, 0)) {
    // Masked underflow: two indefinites, C1 = 0 even if the push also finds ST(7) in use.
    if (underflow(cpu)) { setSt(cpu, 0, INDEFINITE); push(cpu, INDEFINITE); cpu.fpuStatus &= ~SW_C1; }
    return;
  }
  if (!isEmpty(cpu, 7)) {
    // Stack overflow: IE|SF with C1 = 1; masked, both results are the indefinite.
    push(cpu, INDEFINITE);
    if (cpu.fpuControl & SW_IE) setSt(cpu, 1, INDEFINITE);
    return;
  }
  const a = st(cpu, 0), x = unpack(a, EXTENDED);
  let e: bigint, s: bigint;
  if (x.unsupported) { sf.flags |= FE_INVALID; e = INDEFINITE; s = INDEFINITE; }
  else if (x.cls === 'nan') { if (x.snan) sf.flags |= FE_INVALID; e = s = a | (1n << 62n); }
  else if (x.cls === 'inf') { e = packSpecial(EXTENDED, false, true); s = a; }
  else if (x.cls === 'zero') { sf.flags |= FE_DIVZERO; e = packSpecial(EXTENDED, true, true); s = a; }
  else {
    if (x.denormal) sf.flags |= FE_DENORMAL;
    const n = bitLength(x.m);
    e = fromInteger(BigInt(x.e + n - 1), EXTENDED, { rc: 0, ftz: false, umMasked: true });
    s = (x.sign ? 1n << 79n : 0n) | (16383n << 64n) | (x.m << BigInt(64 - n));
  }
  if (raise(cpu, sf.flags)) return;
  cpu.fpuStatus &= ~SW_C1;
  setSt(cpu, 0, e);
  push(cpu, s);
});
