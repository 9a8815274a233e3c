// x87 data transfer and stack control: FLD/FST/FSTP (m32/m64/m80/ST(i)), FILD/FIST/FISTP/FISTTP, the constants FLD1...FLDLN2, FXCH, FCMOVcc, FFREE/FFREEP, FINCSTP/FDECSTP, FNOP.
import type { Cpu } from '../cpu';
import { getCF, getPF, getZF } from '../flags';
import { type Instr, OpKind } from '../instr';
import { memLinear } from '../operands';
import { register } from './registry';
import {
  DOUBLE, EXTENDED, FE_DENORMAL, FE_INEXACT, FE_INVALID, type FloatFormat, SINGLE, roundPack, roundToInteger, sf, unpack,
} from './softfloat';
import { INDEFINITE, SW_C1, SW_IE, free, isEmpty, pop, push, raise, setC1FromRounding, setSt, st, underflow } from './x87-stack';
import { readInteger, readReal, x87Begin, x87Env } from './x87-values';

// ---- loads ----
register('fld', (cpu: Cpu, i: Instr): void => {
  x87Begin(cpu);
  sf.flags = 0;
  if (i.k0 === OpKind.Mem) {
    const { v, denormal } = readReal(cpu, memLinear(cpu, i, i.s0, false), i.s0);
    // Stack overflow: nothing is loaded, so the value raises nothing of its own.
    if (!isEmpty(cpu, 7)) { push(cpu, v); return; }
    let r = v;
    if (i.s0 !== 10) {
      const u = unpack(v, EXTENDED);
      // Loading a single/double SNaN signals IE and pushes it quieted; a denormal signals DE.
      if (u.cls === 'nan' && u.snan) { sf.flags |= FE_INVALID; r = v | (1n << 62n); }
      if (denormal) sf.flags |= FE_DENORMAL;
    }
    if (raise(cpu, sf.flags)) return;
    push(cpu, r);
    return;
  }
  const src = i.nops > 1 ? i.r1 : i.r0;
  if (isEmpty(cpu, src)) { if (underflow(cpu)) { push(cpu, INDEFINITE); cpu.fpuStatus &= ~SW_C1; } return; }
  push(cpu, st(cpu, src));
});
register('fild', (cpu: Cpu, i: Instr): void => {
  x87Begin(cpu);
  push(cpu, readInteger(cpu, memLinear(cpu, i, i.s0, false), i.s0));
});

/** The constants as 96-bit significands (top bit = integer bit) and exponents; rounded per RC (SDM: FLD1/FLDL2T/...). */
const CONSTANTS: [string, bigint, number][] = [
  ['fld1', 1n << 95n, 0], ['fldz', 0n, 0],
  ['fldpi', 0xC90FDAA22168C234C4C6628Bn, 1], ['fldl2e', 0xB8AA3B295C17F0BBBE87FED0n, 0], ['fldl2t', 0xD49A784BCD1B8AFE492BF6FFn, 1],
  ['fldlg2', 0x9A209A84FBCFF7988F8959ACn, -2], ['fldln2', 0xB17217F7D1CF79ABC9E3B398n, -1],
];
for (const [name, m, exp] of CONSTANTS) {
  register(name, (cpu: Cpu): void => {
    x87Begin(cpu);
    const saved = sf.flags;
    const v = m === 0n ? 0n : roundPack(false, m, exp - 95, false, EXTENDED, { ...x87Env(cpu, false), precision: 0 });
    sf.flags = saved;
    push(cpu, v);
  });
}

// ---- stores ----
/** Round ST(0) to a memory real format; NaNs keep their top payload bits (quieted, IE for SNaN). */
function toFormat(cpu: Cpu, v: bigint, f: FloatFormat): bigint {
  const u = unpack(v, EXTENDED);
  const fb = f.p - 1, width = f === SINGLE ? 32 : 64;
  const sign = u.sign ? 1n << BigInt(width - 1) : 0n;
  const expAll = BigInt((1 << f.ebits) - 1) << BigInt(fb);
  if (u.unsupported) { sf.flags |= FE_INVALID; return (1n << BigInt(width - 1)) | expAll | (1n << BigInt(fb - 1)); }
  if (u.cls === 'nan') {
    if (u.snan) sf.flags |= FE_INVALID;
    const frac = ((v & 0x7fffffffffffffffn) >> BigInt(63 - fb)) | (1n << BigInt(fb - 1));
    return sign | expAll | frac;
  }
  if (u.cls === 'inf') return sign | expAll;
  if (u.cls === 'zero') return sign;
  // A denormal ST(0) is stored without DE (host behaviour).
  return roundPack(u.sign, u.m, u.e, false, f, x87Env(cpu, false));
}

function store(pops: boolean) {
  return (cpu: Cpu, i: Instr): void => {
    x87Begin(cpu);
    sf.flags = 0; sf.up = false;
    if (i.k0 !== OpKind.Mem) {
      // FST/FSTP ST(i): a plain copy (no exceptions besides stack underflow).
      if (isEmpty(cpu, 0)) { if (underflow(cpu)) { setSt(cpu, i.r0, INDEFINITE); if (pops) pop(cpu); } return; }
      cpu.fpuStatus &= ~SW_C1;
      setSt(cpu, i.r0, st(cpu, 0));
      if (pops) pop(cpu);
      return;
    }
    const size = i.s0;
    const lin = memLinear(cpu, i, size, true);
    let v: bigint;
    if (isEmpty(cpu, 0)) {
      if (!underflow(cpu)) return;
      v = size === 10 ? INDEFINITE : size === 8 ? 0xfff8000000000000n : 0xffc00000n;
    } else if (size === 10) v = st(cpu, 0);
    else {
      v = toFormat(cpu, st(cpu, 0), size === 4 ? SINGLE : DOUBLE);
      if (raise(cpu, sf.flags & ~FE_INEXACT) && (sf.flags & SW_IE)) return;
      raise(cpu, sf.flags & FE_INEXACT);
      setC1FromRounding(cpu, sf.flags);
    }
    if (size === 10) { cpu.write64(lin, Number(v & 0xffffffffn) | 0, Number((v >> 32n) & 0xffffffffn) | 0); cpu.write16(lin + 8, Number(v >> 64n) & 0xffff); }
    else if (size === 8) cpu.write64(lin, Number(v & 0xffffffffn) | 0, Number(v >> 32n) | 0);
    else cpu.write32(lin, Number(v) | 0);
    if (pops) pop(cpu);
  };
}
register('fst', store(false));
register(['fstp', 'fstpnce'], store(true));

/** FIST/FISTP/FISTTP: round (or truncate) ST(0) to a signed integer; NaN or out of range gives IE and the integer indefinite. */
function storeInt(pops: boolean, truncate: boolean) {
  return (cpu: Cpu, i: Instr): void => {
    x87Begin(cpu);
    sf.flags = 0; sf.up = false;
    const size = i.s0, lin = memLinear(cpu, i, size, true);
    const lim = 1n << BigInt(size * 8 - 1);
    let out: bigint;
    if (isEmpty(cpu, 0)) { if (!underflow(cpu)) return; out = lim; }
    else {
      const u = unpack(st(cpu, 0), EXTENDED);
      out = lim;
      if (u.cls === 'nan' || u.cls === 'inf') sf.flags |= FE_INVALID;
      else if (u.cls === 'zero') out = 0n;
      else {
        const { v, inexact } = roundToInteger(u.sign, u.m, u.e, truncate ? 3 : x87Env(cpu, false).rc);
        if (v >= lim || v < -lim) sf.flags |= FE_INVALID;
        else { out = v; if (inexact) sf.flags |= FE_INEXACT; }
      }
      if (sf.flags & FE_INVALID) { sf.flags &= ~FE_INEXACT; sf.up = false; }
      if (raise(cpu, sf.flags) && (sf.flags & FE_INVALID)) return;
      setC1FromRounding(cpu, sf.flags);
    }
    const w = BigInt.asUintN(64, out);
    if (size === 2) cpu.write16(lin, Number(w & 0xffffn));
    else if (size === 4) cpu.write32(lin, Number(w & 0xffffffffn) | 0);
    else cpu.write64(lin, Number(w & 0xffffffffn) | 0, Number(w >> 32n) | 0);
    if (pops) pop(cpu);
  };
}
register('fist', storeInt(false, false));
register('fistp', storeInt(true, false));
register('fisttp', storeInt(true, true));

// ---- stack control ----
register('fxch', (cpu: Cpu, i: Instr): void => {
  x87Begin(cpu);
  const j = i.nops > 1 ? i.r1 : i.nops === 1 ? i.r0 : 1;
  let a = INDEFINITE, b = INDEFINITE;
  if (isEmpty(cpu, 0) || isEmpty(cpu, j)) { if (!underflow(cpu)) return; }
  cpu.fpuStatus &= ~SW_C1;
  if (!isEmpty(cpu, 0)) a = st(cpu, 0);
  if (!isEmpty(cpu, j)) b = st(cpu, j);
  setSt(cpu, 0, b); setSt(cpu, j, a);
});

/** FCMOVcc ST(0), ST(i) with the condition read from RFLAGS. */
const CONDITIONS: [string, (cpu: Cpu) => boolean][] = [
  ['fcmovb', (c) => getCF(c)], ['fcmove', (c) => getZF(c)], ['fcmovbe', (c) => getCF(c) || getZF(c)], ['fcmovu', (c) => getPF(c)],
  ['fcmovnb', (c) => !getCF(c)], ['fcmovne', (c) => !getZF(c)], ['fcmovnbe', (c) => !getCF(c) && !getZF(c)], ['fcmovnu', (c) => !getPF(c)],
];
for (const [name, cond] of CONDITIONS) {
  register(name, (cpu: Cpu, i: Instr): void => {
    x87Begin(cpu);
    // Stack underflow delivers the indefinite to ST(0) whatever the condition (host behaviour).
    if (isEmpty(cpu, 0) || isEmpty(cpu, i.r1)) { if (underflow(cpu)) setSt(cpu, 0, INDEFINITE); return; }
    cpu.fpuStatus &= ~SW_C1;
    if (cond(cpu)) setSt(cpu, 0, st(cpu, i.r1));
  });
}

register('ffree', (cpu: Cpu, i: Instr): void => { x87Begin(cpu); free(cpu, i.r0); });
register('ffreep', (cpu: Cpu, i: Instr): void => { x87Begin(cpu); free(cpu, i.r0); pop(cpu); });
register('fincstp', (cpu: Cpu): void => { x87Begin(cpu); cpu.fpuStatus &= ~SW_C1; cpu.fpuTop = (cpu.fpuTop + 1) & 7; });
register('fdecstp', (cpu: Cpu): void => { x87Begin(cpu); cpu.fpuStatus &= ~SW_C1; cpu.fpuTop = (cpu.fpuTop - 1) & 7; });
register('fnop', (cpu: Cpu): void => { x87Begin(cpu); });
