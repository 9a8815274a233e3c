// x87 packed BCD transfers: FBLD and FBSTP (18 decimal digits in bytes 0..8, the sign in bit 7 of byte 9; SDM Vol. 1 4.7).
import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { memLinear } from '../operands';
import { ACC_WRITE } from '../../mmu/paging';
import { register } from './registry';
import { EXTENDED, FE_INEXACT, FE_INVALID, fromInteger, packSpecial, roundToInteger, sf, unpack } from './softfloat';
import { isEmpty, pop, push, raise, setC1FromRounding, st, underflow } from './x87-stack';
import { x87Begin, x87Env } from './x87-values';

const LIMIT = 10n ** 18n;

// FBLD: the value is converted exactly (18 digits need fewer than 64 bits). Digits above 9 are
// "undefined" in the SDM; they are weighted as if valid, which is what the processors do.
register('fbld', (cpu: Cpu, i: Instr): void => {
  x87Begin(cpu);
  const lin = memLinear(cpu, i, 10, false);
  let v = 0n;
  for (let k = 8; k >= 0; k--) {
    const b = cpu.read8(cpu.linAdd(lin, k));
    v = v * 100n + BigInt((b >> 4) * 10 + (b & 15));
  }
  const neg = (cpu.read8(cpu.linAdd(lin, 9)) & 0x80) !== 0;
  push(cpu, v === 0n ? packSpecial(EXTENDED, neg, false) : fromInteger(neg ? -v : v, EXTENDED, { rc: 0, ftz: false, umMasked: true }));
});

// FBSTP: ST(0) rounded to an integer per RC; NaN, infinity or 18+ digits store the packed BCD indefinite (IE).
register('fbstp', (cpu: Cpu, i: Instr): void => {
  x87Begin(cpu);
  sf.flags = 0; sf.up = false;
  const lin = memLinear(cpu, i, 10, true);
  // Both ends of the 10 bytes are checked first so that a page fault leaves memory and the stack unchanged.
  cpu.translate(lin, ACC_WRITE, cpu.cpl === 3);
  cpu.translate(cpu.linAdd(lin, 9), ACC_WRITE, cpu.cpl === 3);
  let digits = -1n, neg = false;
  if (isEmpty(cpu, 0)) { if (!underflow(cpu)) return; }
  else {
    const u = unpack(st(cpu, 0), EXTENDED);
    neg = u.sign;
    if (u.cls === 'nan' || u.cls === 'inf') sf.flags |= FE_INVALID;
    else if (u.cls === 'zero') digits = 0n;
    else {
      const { v, inexact } = roundToInteger(u.sign, u.m, u.e, x87Env(cpu, false).rc);
      const mag = v < 0n ? -v : v;
      if (mag >= LIMIT) { sf.flags |= FE_INVALID; sf.up = false; }
      else { digits = mag; if (inexact) sf.flags |= FE_INEXACT; }
    }
    if (raise(cpu, sf.flags) && (sf.flags & FE_INVALID)) return;
    setC1FromRounding(cpu, sf.flags);
  }
  if (digits < 0n) {
    // The packed BCD indefinite: FFFF C000 0000 0000 0000h.
    for (let k = 0; k < 7; k++) cpu.write8(cpu.linAdd(lin, k), 0);
    cpu.write8(cpu.linAdd(lin, 7), 0xc0); cpu.write8(cpu.linAdd(lin, 8), 0xff); cpu.write8(cpu.linAdd(lin, 9), 0xff);
  } else {
    let d = digits;
    for (let k = 0; k < 9; k++) {
      const lo = Number(d % 10n); d /= 10n;
      const hi = Number(d % 10n); d /= 10n;
      cpu.write8(cpu.linAdd(lin, k), (hi << 4) | lo);
    }
    cpu.write8(cpu.linAdd(lin, 9), neg ? 0x80 : 0);
  }
  pop(cpu);
});
