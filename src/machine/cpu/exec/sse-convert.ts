// SSE/SSE2 conversions: CVTSI2SS/SD, CVT(T)SS2SI/SD2SI, CVTSS2SD/SD2SS, CVTPS2PD/PD2PS, CVTDQ2PS/PS2DQ/TPS2DQ, CVTDQ2PD/PD2DQ/TPD2DQ.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { readOperand } from '../operands';
import { destXmm, readXmm, setXmm, sseCheck } from './sse-availability';
import { register } from './registry';
import { commitSse } from './sse-float';
import {
  beginSse, cvtF32ToF64, cvtF32ToInt, cvtF64ToF32, cvtF64ToInt, cvtIntToF32, cvtIntToF64, outHi,
} from './sse-float-lane';

const S = new Int32Array(4), R = new Int32Array(4);

/** The destination register's current lanes (scalar conversions keep the upper ones). */
function destLanes(cpu: Cpu, d: number): void {
  const b = d << 2, x = cpu.xmm;
  R[0] = x[b]; R[1] = x[b + 1]; R[2] = x[b + 2]; R[3] = x[b + 3];
}

// CVTSI2SS/CVTSI2SD xmm, r/m32 or r/m64 (REX.W): the integer source is a general register or memory.
for (const double of [false, true]) {
  register(double ? 'cvtsi2sd' : 'cvtsi2ss', (cpu: Cpu, i: Instr): void => {
    if (i.k0 !== OpKind.Xmm) throw new CpuFault(6);
    sseCheck(cpu);
    const size = i.s1 === 8 ? 8 : 4;
    const lo = readOperand(cpu, i, 1), hi = size === 8 ? cpu.hi : 0;
    beginSse(cpu.mxcsr);
    destLanes(cpu, i.r0);
    if (double) { R[0] = cvtIntToF64(lo, hi, size); R[1] = outHi; } else R[0] = cvtIntToF32(lo, hi, size);
    commitSse(cpu);
    setXmm(cpu, i.r0, R);
  });
}

// CVT(T)SS2SI / CVT(T)SD2SI r32/r64, xmm/m: integer indefinite (80000000h...) on NaN or overflow.
for (const [name, double, truncate] of [['cvtss2si', false, false], ['cvttss2si', false, true], ['cvtsd2si', true, false], ['cvttsd2si', true, true]] as [string, boolean, boolean][]) {
  register(name, (cpu: Cpu, i: Instr): void => {
    if (i.k0 !== OpKind.Reg) throw new CpuFault(6);
    sseCheck(cpu);
    readXmm(cpu, i, 1, S);
    beginSse(cpu.mxcsr);
    const size = i.s0 === 8 ? 8 : 4;
    const lo = double ? cvtF64ToInt(S[0], S[1], size, truncate) : cvtF32ToInt(S[0], size, truncate);
    const hi = outHi;
    commitSse(cpu);
    cpu.setReg(i.r0, size, lo, hi);
  });
}

/** Checks, the source operand into S, the MXCSR environment; returns the destination register. */
function prep(cpu: Cpu, i: Instr): number {
  if (i.k1 === OpKind.Mmx || i.k0 === OpKind.Mmx) throw new CpuFault(6);
  sseCheck(cpu);
  const d = destXmm(i);
  readXmm(cpu, i, 1, S);
  beginSse(cpu.mxcsr);
  return d;
}

/** A conversion whose destination lanes are all computed from the source (packed forms). */
function packed(name: string, f: () => void): void {
  register(name, (cpu: Cpu, i: Instr): void => {
    const d = prep(cpu, i);
    f();
    commitSse(cpu);
    setXmm(cpu, d, R);
  });
}

register('cvtss2sd', (cpu: Cpu, i: Instr): void => {
  const d = prep(cpu, i);
  destLanes(cpu, d);
  R[0] = cvtF32ToF64(S[0]); R[1] = outHi;
  commitSse(cpu);
  setXmm(cpu, d, R);
});
register('cvtsd2ss', (cpu: Cpu, i: Instr): void => {
  const d = prep(cpu, i);
  destLanes(cpu, d);
  R[0] = cvtF64ToF32(S[0], S[1]);
  commitSse(cpu);
  setXmm(cpu, d, R);
});
packed('cvtps2pd', () => {
  const a = S[0], b = S[1];
  R[0] = cvtF32ToF64(a); R[1] = outHi; R[2] = cvtF32ToF64(b); R[3] = outHi;
});
packed('cvtpd2ps', () => { R[0] = cvtF64ToF32(S[0], S[1]); R[1] = cvtF64ToF32(S[2], S[3]); R[2] = 0; R[3] = 0; });
packed('cvtdq2ps', () => { for (let k = 0; k < 4; k++) R[k] = cvtIntToF32(S[k], 0, 4); });
packed('cvtps2dq', () => { for (let k = 0; k < 4; k++) R[k] = cvtF32ToInt(S[k], 4, false); });
packed('cvttps2dq', () => { for (let k = 0; k < 4; k++) R[k] = cvtF32ToInt(S[k], 4, true); });
packed('cvtdq2pd', () => {
  const a = S[0], b = S[1];
  R[0] = cvtIntToF64(a, 0, 4); R[1] = outHi; R[2] = cvtIntToF64(b, 0, 4); R[3] = outHi;
});
packed('cvtpd2dq', () => { R[0] = cvtF64ToInt(S[0], S[1], 4, false); R[1] = cvtF64ToInt(S[2], S[3], 4, false); R[2] = 0; R[3] = 0; });
packed('cvttpd2dq', () => { R[0] = cvtF64ToInt(S[0], S[1], 4, true); R[1] = cvtF64ToInt(S[2], S[3], 4, true); R[2] = 0; R[3] = 0; });
