// x87 comparisons and classification: FCOM/FCOMP/FCOMPP, FUCOM/FUCOMP/FUCOMPP, FICOM/FICOMP, FCOMI/FUCOMI/FCOMIP/FUCOMIP, FTST, FXAM.
import type { Cpu } from '../cpu';
import { type Instr, OpKind } from '../instr';
import { memLinear } from '../operands';
import { ARITH_FLAGS, CF, PF, ZF } from '../registers';
import { putFlags } from './result-flags';
import { register } from './registry';
import { EXTENDED, compareValues, unpack } from './softfloat';
import { SW_C0, SW_C1, SW_C2, SW_C3, SW_DE, SW_IE, isEmpty, pop, raise, st, underflow } from './x87-stack';
import { readInteger, readReal, x87Begin } from './x87-values';

const UNORDERED = 2;

/** Compare a with b: -1, 0, 1 or UNORDERED; IE for SNaN (or any NaN when `signalQuiet`) and unsupported operands, DE for denormals. */
function compare80(a: bigint, b: bigint, signalQuiet: boolean, extraFlags: number): { c: number; flags: number } {
  const x = unpack(a, EXTENDED), y = unpack(b, EXTENDED);
  let flags = 0;
  if (x.cls === 'nan' || y.cls === 'nan') {
    if (signalQuiet || x.snan || y.snan || x.unsupported || y.unsupported) flags |= SW_IE;
    return { c: UNORDERED, flags };
  }
  flags |= extraFlags;
  if (x.denormal || y.denormal) flags |= SW_DE;
  return { c: compareValues(x, y), flags };
}

/** Condition codes C3 C2 C0 of a comparison (C1 cleared). */
function setCodes(cpu: Cpu, c: number): void {
  const cc = c === UNORDERED ? SW_C3 | SW_C2 | SW_C0 : c < 0 ? SW_C0 : c === 0 ? SW_C3 : 0;
  cpu.fpuStatus = (cpu.fpuStatus & ~(SW_C0 | SW_C1 | SW_C2 | SW_C3)) | cc;
}

/** FCOM family: compare ST(0) with a memory real/integer or ST(i), then pop `pops` times. */
function fcom(name: string, signalQuiet: boolean, pops: number, integer = false): void {
  register(name, (cpu: Cpu, i: Instr): void => {
    x87Begin(cpu);
    let src = 1, m = 0n, mFlags = 0;
    const mem = i.k0 === OpKind.Mem;
    if (mem) {
      const lin = memLinear(cpu, i, i.s0, false);
      if (integer) m = readInteger(cpu, lin, i.s0);
      else { const r = readReal(cpu, lin, i.s0); m = r.v; if (r.denormal) mFlags = SW_DE; }
    } else if (i.nops > 1) src = i.r1; else if (i.nops === 1) src = i.r0;
    if (isEmpty(cpu, 0) || (!mem && isEmpty(cpu, src))) {
      if (underflow(cpu)) setCodes(cpu, UNORDERED);
    } else {
      const { c, flags } = compare80(st(cpu, 0), mem ? m : st(cpu, src), signalQuiet, mFlags);
      if (raise(cpu, flags) && (flags & SW_IE)) return;
      setCodes(cpu, c);
    }
    for (let k = 0; k < pops; k++) pop(cpu);
  });
}
fcom('fcom', true, 0);
fcom('fcomp', true, 1);
fcom('fcompp', true, 2);
fcom('fucom', false, 0);
fcom('fucomp', false, 1);
fcom('fucompp', false, 2);
fcom('ficom', true, 0, true);
fcom('ficomp', true, 1, true);

/** FCOMI family: ZF, PF, CF from comparing ST(0) with ST(i); OF, SF, AF cleared; C1 cleared. */
function fcomi(name: string, signalQuiet: boolean, pops: number): void {
  register(name, (cpu: Cpu, i: Instr): void => {
    x87Begin(cpu);
    const src = i.nops > 1 ? i.r1 : 1;
    let c = UNORDERED;
    cpu.fpuStatus &= ~SW_C1;
    if (isEmpty(cpu, 0) || isEmpty(cpu, src)) { if (!underflow(cpu)) return; }
    else {
      const r = compare80(st(cpu, 0), st(cpu, src), signalQuiet, 0);
      if (raise(cpu, r.flags) && (r.flags & SW_IE)) return;
      c = r.c;
    }
    putFlags(cpu, ARITH_FLAGS, c === UNORDERED ? ZF | PF | CF : c < 0 ? CF : c === 0 ? ZF : 0);
    for (let k = 0; k < pops; k++) pop(cpu);
  });
}
fcomi('fcomi', true, 0);
fcomi('fucomi', false, 0);
fcomi('fcomip', true, 1);
fcomi('fucomip', false, 1);

register('ftst', (cpu: Cpu): void => {
  x87Begin(cpu);
  if (isEmpty(cpu, 0)) { if (underflow(cpu)) setCodes(cpu, UNORDERED); return; }
  const { c, flags } = compare80(st(cpu, 0), 0n, true, 0);
  if (raise(cpu, flags) && (flags & SW_IE)) return;
  setCodes(cpu, c);
});

// FXAM: class of ST(0) in C3 C2 C0 (unsupported 000, NaN 001, normal 010, infinity 011, zero 100, empty 101, denormal 110); C1 = sign.
register('fxam', (cpu: Cpu): void => {
  x87Begin(cpu);
  const v = st(cpu, 0);
  const sign = (v >> 79n) & 1n ? SW_C1 : 0;
  let cc: number;
  if (isEmpty(cpu, 0)) cc = SW_C3 | SW_C0;
  else {
    const u = unpack(v, EXTENDED);
    if (u.unsupported) cc = 0;
    else if (u.cls === 'nan') cc = SW_C0;
    else if (u.cls === 'inf') cc = SW_C2 | SW_C0;
    else if (u.cls === 'zero') cc = SW_C3;
    else if (u.denormal) cc = SW_C3 | SW_C2;
    else cc = SW_C2;
  }
  cpu.fpuStatus = (cpu.fpuStatus & ~(SW_C0 | SW_C1 | SW_C2 | SW_C3)) | cc | sign;
});
