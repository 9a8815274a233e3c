// SSE4.1 floating-point forms: ROUNDSS/ROUNDSD/ROUNDPS/ROUNDPD and the dot products DPPS/DPPD.
import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { setXmm } from './sse-availability';
import { sf } from './softfloat';
import { register } from './registry';
import { commitSse, loadFloat, floatScratch } from './sse-float';
import { OP_ADD, OP_MUL, arith32, arith64, env, outHi, round32, round64 } from './sse-float-lane';

const { D, S, R } = floatScratch;

/** Rounding control of ROUND*: imm[2] = 1 takes MXCSR.RC, else imm[1:0]; imm[3] suppresses PE. */
const roundRc = (imm: number): number => (imm & 4 ? env.rc : imm & 3);

register('roundps', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), imm = i.immLo;
  for (let k = 0; k < 4; k++) R[k] = round32(S[k], roundRc(imm), (imm & 8) !== 0);
  commitSse(cpu); setXmm(cpu, d, R);
});
register('roundss', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), imm = i.immLo;
  R[0] = round32(S[0], roundRc(imm), (imm & 8) !== 0); R[1] = D[1]; R[2] = D[2]; R[3] = D[3];
  commitSse(cpu); setXmm(cpu, d, R);
});
register('roundpd', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), imm = i.immLo;
  for (let k = 0; k < 4; k += 2) { R[k] = round64(S[k], S[k + 1], roundRc(imm), (imm & 8) !== 0); R[k + 1] = outHi; }
  commitSse(cpu); setXmm(cpu, d, R);
});
register('roundsd', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), imm = i.immLo;
  R[0] = round64(S[0], S[1], roundRc(imm), (imm & 8) !== 0); R[1] = outHi; R[2] = D[2]; R[3] = D[3];
  commitSse(cpu); setXmm(cpu, d, R);
});

/** The dot products check for unmasked exceptions after each stage (multiply, then each level of additions). */
function stage(cpu: Cpu): void {
  if (sf.flags & ~(cpu.mxcsr >> 7) & 0x3f) commitSse(cpu);
}

// DPPS: products of the lanes selected by imm[7:4] (others +0.0), summed as (t0 + t1) + (t2 + t3), broadcast to the lanes in imm[3:0].
const T = new Int32Array(4);
register('dpps', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), imm = i.immLo & 0xff;
  for (let k = 0; k < 4; k++) T[k] = (imm >> (4 + k)) & 1 ? arith32(OP_MUL, D[k], S[k]) : 0;
  stage(cpu);
  const a = arith32(OP_ADD, T[0], T[1]), b = arith32(OP_ADD, T[2], T[3]);
  stage(cpu);
  const sum = arith32(OP_ADD, a, b);
  for (let k = 0; k < 4; k++) R[k] = (imm >> k) & 1 ? sum : 0;
  commitSse(cpu); setXmm(cpu, d, R);
});
register('dppd', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), imm = i.immLo & 0xff;
  for (let k = 0; k < 4; k += 2) {
    if ((imm >> (4 + (k >> 1))) & 1) { T[k] = arith64(OP_MUL, D[k], D[k + 1], S[k], S[k + 1]); T[k + 1] = outHi; } else { T[k] = 0; T[k + 1] = 0; }
  }
  stage(cpu);
  const lo = arith64(OP_ADD, T[0], T[1], T[2], T[3]), hi = outHi;
  for (let k = 0; k < 4; k += 2) { const on = (imm >> (k >> 1)) & 1; R[k] = on ? lo : 0; R[k + 1] = on ? hi : 0; }
  commitSse(cpu); setXmm(cpu, d, R);
});
