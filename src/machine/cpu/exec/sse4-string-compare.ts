// SSE4.2 packed string compares: PCMPESTRI, PCMPESTRM, PCMPISTRI, PCMPISTRM (SDM Vol. 2B 4.1, the imm8 control byte).
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { ARITH_FLAGS, CF, OF, RAX, RCX, RDX, SF, ZF } from '../registers';
import { putFlags } from './result-flags';
import { destXmm, readXmm, setXmm, sseCheck } from './sse-availability';
import { register } from './registry';

const AB = new ArrayBuffer(16), BB = new ArrayBuffer(16), RB = new ArrayBuffer(16);
const A32 = new Int32Array(AB), B32 = new Int32Array(BB), R32 = new Int32Array(RB);
const A8 = new Uint8Array(AB), B8 = new Uint8Array(BB), A8s = new Int8Array(AB), B8s = new Int8Array(BB);
const A16 = new Uint16Array(AB), B16 = new Uint16Array(BB), A16s = new Int16Array(AB), B16s = new Int16Array(BB);
const R8 = new Uint8Array(RB), R16 = new Uint16Array(RB);
/** Elements of the two operands as numbers (signed or unsigned per imm8[1]). */
const EA = new Int32Array(16), EB = new Int32Array(16);

/**
 * The explicit length in a register: its absolute value, saturated to the element count
 * (imm8[0]: 16 bytes or 8 words). With REX.W the register is read as 64 bits.
 */
function explicitLength(cpu: Cpu, reg: number, w64: boolean, n: number): number {
  const lo = cpu.regs[reg << 1], hi = cpu.regs[(reg << 1) + 1];
  if (w64) {
    // |v| > n unless the 64-bit value is within [-n, n]: hi is 0 (small positive) or -1 (small negative).
    if (hi === 0 && lo >= 0) return lo > n ? n : lo;
    if (hi === -1 && lo < 0) return lo < -n ? n : -lo;
    return n;
  }
  if (lo >= 0) return lo > n ? n : lo;
  return lo < -n ? n : -lo;
}

/** The implicit length: the index of the first null element, or the element count. */
function implicitLength(e: Int32Array, n: number): number {
  for (let k = 0; k < n; k++) if (e[k] === 0) return k;
  return n;
}

/**
 * IntRes1 of the aggregation (imm8[3:2]) for the string/set A (first operand, length la) and
 * B (second operand, length lb) of n elements, with the invalid-element overrides of SDM 4.1.5.
 */
function aggregate(mode: number, n: number, la: number, lb: number): number {
  let res = 0;
  switch (mode) {
    case 0: // equal any: B[i] is one of the valid elements of A
      for (let i = 0; i < lb; i++) for (let j = 0; j < la; j++) if (EB[i] === EA[j]) { res |= 1 << i; break; }
      break;
    case 1: // ranges: A holds pairs (low, high); B[i] lies in one of the valid pairs
      for (let i = 0; i < lb; i++) {
        for (let j = 0; j + 1 < la; j += 2) if (EB[i] >= EA[j] && EB[i] <= EA[j + 1]) { res |= 1 << i; break; }
      }
      break;
    case 2: // equal each: both invalid compares true, one invalid false
      for (let i = 0; i < n; i++) {
        const va = i < la, vb = i < lb;
        if (va && vb ? EA[i] === EB[i] : !va && !vb) res |= 1 << i;
      }
      break;
    default: // equal ordered: A (the needle) occurs in B at position j; an invalid A element matches anything
      for (let j = 0; j < n; j++) {
        let ok = true;
        for (let k = 0; j + k < n && k < la; k++) {
          if (j + k >= lb || EA[k] !== EB[j + k]) { ok = false; break; }
        }
        if (ok) res |= 1 << j;
      }
      break;
  }
  return res;
}

/** Shared front end: loads the operands, computes IntRes2 and the flags; returns IntRes2. */
function compareStrings(cpu: Cpu, i: Instr, explicit: boolean): number {
  if (i.k0 === OpKind.Mmx || i.k1 === OpKind.Mmx) throw new CpuFault(6);
  sseCheck(cpu);
  const d = destXmm(i), x = cpu.xmm, b = d << 2;
  A32[0] = x[b]; A32[1] = x[b + 1]; A32[2] = x[b + 2]; A32[3] = x[b + 3];
  readXmm(cpu, i, 1, B32, true); // no alignment requirement (SDM Vol. 2B PCMPESTRI exceptions)
  const imm = i.immLo & 0xff, words = (imm & 1) !== 0, signed = (imm & 2) !== 0, n = words ? 8 : 16;
  for (let k = 0; k < n; k++) {
    EA[k] = words ? (signed ? A16s[k] : A16[k]) : (signed ? A8s[k] : A8[k]);
    EB[k] = words ? (signed ? B16s[k] : B16[k]) : (signed ? B8s[k] : B8[k]);
  }
  let la: number, lb: number;
  if (explicit) {
    const w64 = (i.rex & 8) !== 0; // REX.W: RAX/RDX (PCMPESTRI64/PCMPESTRM64)
    la = explicitLength(cpu, RAX, w64, n);
    lb = explicitLength(cpu, RDX, w64, n);
  } else {
    la = implicitLength(EA, n);
    lb = implicitLength(EB, n);
  }
  const all = n === 16 ? 0xffff : 0xff;
  const r1 = aggregate((imm >> 2) & 3, n, la, lb);
  // Polarity (imm8[5:4]): negate all, or (masked negative) only the valid elements of the second operand.
  const pol = (imm >> 4) & 3;
  const r2 = pol === 1 ? ~r1 & all : pol === 3 ? r1 ^ ((1 << lb) - 1) : r1;
  putFlags(cpu, ARITH_FLAGS, (r2 !== 0 ? CF : 0) | (lb < n ? ZF : 0) | (la < n ? SF : 0) | (r2 & 1 ? OF : 0));
  return r2;
}

/** The index output: least (imm8[6] = 0) or most significant set bit of IntRes2, else the element count. */
function index(cpu: Cpu, i: Instr, explicit: boolean): void {
  const r2 = compareStrings(cpu, i, explicit), n = i.immLo & 1 ? 8 : 16;
  let at = n;
  if (r2 !== 0) at = i.immLo & 0x40 ? 31 - Math.clz32(r2) : 31 - Math.clz32(r2 & -r2);
  cpu.set32(RCX, at);
}

/** The mask output in XMM0: IntRes2 as bits (imm8[6] = 0) or expanded to byte/word masks. */
function mask(cpu: Cpu, i: Instr, explicit: boolean): void {
  const r2 = compareStrings(cpu, i, explicit);
  R32.fill(0);
  if (!(i.immLo & 0x40)) R32[0] = r2;
  else if (i.immLo & 1) for (let k = 0; k < 8; k++) R16[k] = (r2 >> k) & 1 ? 0xffff : 0;
  else for (let k = 0; k < 16; k++) R8[k] = (r2 >> k) & 1 ? 0xff : 0;
  setXmm(cpu, 0, R32);
}

register(['pcmpestri', 'pcmpestri64'], (cpu: Cpu, i: Instr): void => index(cpu, i, true));
register(['pcmpestrm', 'pcmpestrm64'], (cpu: Cpu, i: Instr): void => mask(cpu, i, true));
register('pcmpistri', (cpu: Cpu, i: Instr): void => index(cpu, i, false));
register('pcmpistrm', (cpu: Cpu, i: Instr): void => mask(cpu, i, false));
