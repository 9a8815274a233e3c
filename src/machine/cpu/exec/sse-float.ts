// SSE/SSE2/SSE3 floating-point arithmetic: ADD/SUB/MUL/DIV/MIN/MAX/SQRT (SS/SD/PS/PD), RCP/RSQRT, CMPcc, (U)COMIS, ADDSUB, HADD/HSUB, MOVDDUP/MOVSLDUP/MOVSHDUP.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { ARITH_FLAGS, CF, CR4_OSXMMEXCPT, PF, ZF } from '../registers';
import { putFlags } from './result-flags';
import { destXmm, readXmm, setXmm, sseCheck } from './sse-availability';
import { register, registerBinder } from './registry';
import { sf } from './softfloat';
import {
  CMP_EQ, CMP_LT, CMP_UN, OP_ADD, OP_DIV, OP_MUL, OP_SQRT, OP_SUB, approx32, arith32, arith64, beginSse, compare32,
  compare64, minMax32, minMax64, outHi, predicate, signalsQuiet,
} from './sse-float-lane';

const D = new Int32Array(4), S = new Int32Array(4), R = new Int32Array(4);
/** The scratch lanes `loadFloat` fills (D destination, S source) and R for results, shared with the SSE4.1 float forms. */
export const floatScratch = { D, S, R };

/**
 * Finish an SSE floating-point instruction: OR the lane flags into MXCSR, or raise #XM (#UD
 * when CR4.OSXMMEXCPT = 0) if one is unmasked, leaving the destination unchanged. An unmasked
 * pre-computation exception (IE, DE, ZE) reports only those (SDM Vol. 1 11.5.1).
 */
export function commitSse(cpu: Cpu): void {
  const flags = sf.flags;
  const unmasked = flags & ~(cpu.mxcsr >> 7) & 0x3f;
  if (unmasked) {
    cpu.mxcsr |= unmasked & 7 ? flags & 7 : flags;
    throw new CpuFault(cpu.cr4 & CR4_OSXMMEXCPT ? 19 : 6);
  }
  cpu.mxcsr |= flags;
}

/** Read the destination register into D and the source operand into S; returns the destination register. */
export function loadFloat(cpu: Cpu, i: Instr): number {
  if (i.k1 === OpKind.Mmx) throw new CpuFault(6);
  sseCheck(cpu);
  const d = destXmm(i), x = cpu.xmm, b = d << 2;
  D[0] = x[b]; D[1] = x[b + 1]; D[2] = x[b + 2]; D[3] = x[b + 3];
  readXmm(cpu, i, 1, S);
  beginSse(cpu.mxcsr);
  return d;
}

/** Commit flags, then write R (all lanes) to the destination. */
function finish(cpu: Cpu, d: number): void { commitSse(cpu); setXmm(cpu, d, R); }

function arithmetic(base: string, op: number): void {
  register(`${base}ps`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    for (let k = 0; k < 4; k++) R[k] = arith32(op, D[k], S[k]);
    finish(cpu, d);
  });
  register(`${base}ss`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    R[0] = arith32(op, D[0], S[0]); R[1] = D[1]; R[2] = D[2]; R[3] = D[3];
    finish(cpu, d);
  });
  register(`${base}pd`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    for (let k = 0; k < 4; k += 2) { R[k] = arith64(op, D[k], D[k + 1], S[k], S[k + 1]); R[k + 1] = outHi; }
    finish(cpu, d);
  });
  register(`${base}sd`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    R[0] = arith64(op, D[0], D[1], S[0], S[1]); R[1] = outHi; R[2] = D[2]; R[3] = D[3];
    finish(cpu, d);
  });
}
arithmetic('add', OP_ADD);
arithmetic('sub', OP_SUB);
arithmetic('mul', OP_MUL);
arithmetic('div', OP_DIV);
arithmetic('sqrt', OP_SQRT);

for (const max of [false, true]) {
  const base = max ? 'max' : 'min';
  register(`${base}ps`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    for (let k = 0; k < 4; k++) R[k] = minMax32(D[k], S[k], max);
    finish(cpu, d);
  });
  register(`${base}ss`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    R[0] = minMax32(D[0], S[0], max); R[1] = D[1]; R[2] = D[2]; R[3] = D[3];
    finish(cpu, d);
  });
  register(`${base}pd`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    for (let k = 0; k < 4; k += 2) { R[k] = minMax64(D[k], D[k + 1], S[k], S[k + 1], max); R[k + 1] = outHi; }
    finish(cpu, d);
  });
  register(`${base}sd`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    R[0] = minMax64(D[0], D[1], S[0], S[1], max); R[1] = outHi; R[2] = D[2]; R[3] = D[3];
    finish(cpu, d);
  });
}

// RCPPS/RCPSS/RSQRTPS/RSQRTSS: approximations that raise no exceptions.
for (const rsqrt of [false, true]) {
  const base = rsqrt ? 'rsqrt' : 'rcp';
  register(`${base}ps`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    for (let k = 0; k < 4; k++) R[k] = approx32(S[k], rsqrt);
    setXmm(cpu, d, R);
  });
  register(`${base}ss`, (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    R[0] = approx32(S[0], rsqrt); R[1] = D[1]; R[2] = D[2]; R[3] = D[3];
    setXmm(cpu, d, R);
  });
}

// CMPPS/CMPSS/CMPPD/CMPSD with predicates 0..7 (imm8 bits 3..7 are ignored by the legacy encodings).
register('cmpps', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), p = i.immLo & 7, q = signalsQuiet(p);
  for (let k = 0; k < 4; k++) R[k] = predicate(p, compare32(D[k], S[k], q)) ? -1 : 0;
  finish(cpu, d);
});
register('cmpss', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), p = i.immLo & 7;
  R[0] = predicate(p, compare32(D[0], S[0], signalsQuiet(p))) ? -1 : 0; R[1] = D[1]; R[2] = D[2]; R[3] = D[3];
  finish(cpu, d);
});
register('cmppd', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), p = i.immLo & 7, q = signalsQuiet(p);
  for (let k = 0; k < 4; k += 2) R[k] = R[k + 1] = predicate(p, compare64(D[k], D[k + 1], S[k], S[k + 1], q)) ? -1 : 0;
  finish(cpu, d);
});
// CMPSD shares its mnemonic with the string compare (registered in string.ts): bind the SSE2 form by its operands.
const cmpsdXmm = (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i), p = i.immLo & 7;
  R[0] = R[1] = predicate(p, compare64(D[0], D[1], S[0], S[1], signalsQuiet(p))) ? -1 : 0; R[2] = D[2]; R[3] = D[3];
  finish(cpu, d);
};
registerBinder('cmpsd', (i: Instr) => (i.nops === 3 ? cmpsdXmm : undefined));

// COMISS/UCOMISS/COMISD/UCOMISD: ZF, PF, CF from the comparison; OF, SF, AF cleared. COMIS signals IE on QNaN too.
function comis(name: string, double: boolean, signalQuiet: boolean): void {
  register(name, (cpu: Cpu, i: Instr): void => {
    loadFloat(cpu, i);
    const c = double ? compare64(D[0], D[1], S[0], S[1], signalQuiet) : compare32(D[0], S[0], signalQuiet);
    commitSse(cpu);
    putFlags(cpu, ARITH_FLAGS, c === CMP_UN ? ZF | PF | CF : c === CMP_LT ? CF : c === CMP_EQ ? ZF : 0);
  });
}
comis('comiss', false, true);
comis('ucomiss', false, false);
comis('comisd', true, true);
comis('ucomisd', true, false);

// ---- SSE3 ----
register('addsubps', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i);
  for (let k = 0; k < 4; k++) R[k] = arith32(k & 1 ? OP_ADD : OP_SUB, D[k], S[k]);
  finish(cpu, d);
});
register('addsubpd', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i);
  R[0] = arith64(OP_SUB, D[0], D[1], S[0], S[1]); R[1] = outHi;
  R[2] = arith64(OP_ADD, D[2], D[3], S[2], S[3]); R[3] = outHi;
  finish(cpu, d);
});
for (const sub of [false, true]) {
  const op = sub ? OP_SUB : OP_ADD;
  register(sub ? 'hsubps' : 'haddps', (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    R[0] = arith32(op, D[0], D[1]); R[1] = arith32(op, D[2], D[3]);
    R[2] = arith32(op, S[0], S[1]); R[3] = arith32(op, S[2], S[3]);
    finish(cpu, d);
  });
  register(sub ? 'hsubpd' : 'haddpd', (cpu: Cpu, i: Instr): void => {
    const d = loadFloat(cpu, i);
    const lo = arith64(op, D[0], D[1], D[2], D[3]), hi = outHi;
    R[2] = arith64(op, S[0], S[1], S[2], S[3]); R[3] = outHi;
    R[0] = lo; R[1] = hi;
    finish(cpu, d);
  });
}
register('movddup', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i);
  R[0] = R[2] = S[0]; R[1] = R[3] = S[1];
  setXmm(cpu, d, R);
});
register('movsldup', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i);
  R[0] = R[1] = S[0]; R[2] = R[3] = S[2];
  setXmm(cpu, d, R);
});
register('movshdup', (cpu: Cpu, i: Instr): void => {
  const d = loadFloat(cpu, i);
  R[0] = R[1] = S[1]; R[2] = R[3] = S[3];
  setXmm(cpu, d, R);
});
