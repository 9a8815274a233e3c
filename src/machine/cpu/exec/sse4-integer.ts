// SSSE3/SSE4.1 integer forms: PEXTR*/PINSR*, EXTRACTPS/INSERTPS, PMOVSX*/PMOVZX*, blends, PHADD*/PHSUB*, PMADDUBSW, PMULHRSW, PSIGN*, PMULDQ, PHMINPOSUW, MPSADBW, MASKMOVDQU, MOVNTDQA.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { memLinear, readOperand, segLinear } from '../operands';
import { RDI } from '../registers';
import { destXmm, readXmm, setXmm, sseCheck } from './sse-availability';
import { register } from './registry';
import { ACC_WRITE } from '../../mmu/paging';

const DB = new ArrayBuffer(16), SB = new ArrayBuffer(16), RB = new ArrayBuffer(16);
const D32 = new Int32Array(DB), S32 = new Int32Array(SB), R32 = new Int32Array(RB);
const D8 = new Uint8Array(DB), S8 = new Uint8Array(SB), R8 = new Uint8Array(RB), S8s = new Int8Array(SB), D8s = new Int8Array(DB);
const D16 = new Uint16Array(DB), S16 = new Uint16Array(SB), R16 = new Uint16Array(RB), D16s = new Int16Array(DB), S16s = new Int16Array(SB), R16s = new Int16Array(RB);
const S32u = new Uint32Array(SB);
const X0 = new Int32Array(4), X0b = new Uint8Array(X0.buffer);

function noMmx(i: Instr): void { if (i.k0 === OpKind.Mmx || i.k1 === OpKind.Mmx) throw new CpuFault(6); }

/** Destination into D, source operand into S; returns the destination register. */
function load(cpu: Cpu, i: Instr): number {
  noMmx(i);
  sseCheck(cpu);
  const d = destXmm(i), x = cpu.xmm, b = d << 2;
  D32[0] = x[b]; D32[1] = x[b + 1]; D32[2] = x[b + 2]; D32[3] = x[b + 3];
  readXmm(cpu, i, 1, S32);
  return d;
}

/** Register a form computing R from D, S (and the immediate). */
function packed(names: string | string[], f: (imm: number, cpu: Cpu) => void): void {
  register(names, (cpu: Cpu, i: Instr): void => {
    const d = load(cpu, i);
    f(i.immLo & 0xff, cpu);
    setXmm(cpu, d, R32);
  });
}

const sat16 = (v: number): number => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);

// ---- PMOVSX / PMOVZX: widen the low lanes of the source ----
const widen: [string, number, number, boolean][] = [
  ['pmovsxbw', 1, 2, true], ['pmovsxbd', 1, 4, true], ['pmovsxbq', 1, 8, true], ['pmovsxwd', 2, 4, true], ['pmovsxwq', 2, 8, true], ['pmovsxdq', 4, 8, true],
  ['pmovzxbw', 1, 2, false], ['pmovzxbd', 1, 4, false], ['pmovzxbq', 1, 8, false], ['pmovzxwd', 2, 4, false], ['pmovzxwq', 2, 8, false], ['pmovzxdq', 4, 8, false],
];
for (const [name, from, to, signed] of widen) {
  packed(name, () => {
    for (let k = 0; k < 16 / to; k++) {
      const v = from === 1 ? (signed ? S8s[k] : S8[k]) : from === 2 ? (signed ? S16s[k] : S16[k]) : (signed ? S32[k] : S32u[k]);
      if (to === 2) R16[k] = v;
      else if (to === 4) R32[k] = v;
      else { R32[2 * k] = v; R32[2 * k + 1] = signed && v < 0 ? -1 : 0; }
    }
  });
}

// ---- blends ----
packed('pblendw', (imm) => { for (let k = 0; k < 8; k++) R16[k] = (imm >> k) & 1 ? S16[k] : D16[k]; });
packed('blendps', (imm) => { for (let k = 0; k < 4; k++) R32[k] = (imm >> k) & 1 ? S32[k] : D32[k]; });
packed('blendpd', (imm) => { for (let k = 0; k < 4; k++) R32[k] = (imm >> (k >> 1)) & 1 ? S32[k] : D32[k]; });
/** The variable blends take their mask from XMM0's sign bits. */
function xmm0(cpu: Cpu): void { X0[0] = cpu.xmm[0]; X0[1] = cpu.xmm[1]; X0[2] = cpu.xmm[2]; X0[3] = cpu.xmm[3]; }
packed('pblendvb', (_, cpu) => { xmm0(cpu); for (let k = 0; k < 16; k++) R8[k] = X0b[k] & 0x80 ? S8[k] : D8[k]; });
packed('blendvps', (_, cpu) => { xmm0(cpu); for (let k = 0; k < 4; k++) R32[k] = X0[k] < 0 ? S32[k] : D32[k]; });
packed('blendvpd', (_, cpu) => { xmm0(cpu); for (let k = 0; k < 4; k++) R32[k] = X0[k | 1] < 0 ? S32[k] : D32[k]; });

// ---- horizontal add / subtract ----
packed('phaddw', () => { for (let k = 0; k < 4; k++) { R16[k] = D16[2 * k] + D16[2 * k + 1]; R16[k + 4] = S16[2 * k] + S16[2 * k + 1]; } });
packed('phsubw', () => { for (let k = 0; k < 4; k++) { R16[k] = D16[2 * k] - D16[2 * k + 1]; R16[k + 4] = S16[2 * k] - S16[2 * k + 1]; } });
packed('phaddsw', () => { for (let k = 0; k < 4; k++) { R16s[k] = sat16(D16s[2 * k] + D16s[2 * k + 1]); R16s[k + 4] = sat16(S16s[2 * k] + S16s[2 * k + 1]); } });
packed('phsubsw', () => { for (let k = 0; k < 4; k++) { R16s[k] = sat16(D16s[2 * k] - D16s[2 * k + 1]); R16s[k + 4] = sat16(S16s[2 * k] - S16s[2 * k + 1]); } });
packed('phaddd', () => { R32[0] = (D32[0] + D32[1]) | 0; R32[1] = (D32[2] + D32[3]) | 0; R32[2] = (S32[0] + S32[1]) | 0; R32[3] = (S32[2] + S32[3]) | 0; });
packed('phsubd', () => { R32[0] = (D32[0] - D32[1]) | 0; R32[1] = (D32[2] - D32[3]) | 0; R32[2] = (S32[0] - S32[1]) | 0; R32[3] = (S32[2] - S32[3]) | 0; });

// ---- multiplies ----
// PMADDUBSW: unsigned bytes of the destination times signed bytes of the source, adjacent pairs added with signed saturation.
packed('pmaddubsw', () => { for (let k = 0; k < 8; k++) R16s[k] = sat16(D8[2 * k] * S8s[2 * k] + D8[2 * k + 1] * S8s[2 * k + 1]); });
// PMULHRSW: ((a * b >> 14) + 1) >> 1, the low 16 bits.
packed('pmulhrsw', () => { for (let k = 0; k < 8; k++) R16[k] = (((D16s[k] * S16s[k]) >> 14) + 1) >> 1; });
// PMULDQ: signed 32 x 32 -> 64 of dwords 0 and 2.
packed('pmuldq', () => {
  for (let k = 0; k < 4; k += 2) {
    const p = BigInt.asUintN(64, BigInt(D32[k]) * BigInt(S32[k]));
    R32[k] = Number(p & 0xffffffffn) | 0; R32[k + 1] = Number(p >> 32n) | 0;
  }
});
packed(['psignb'], () => { for (let k = 0; k < 16; k++) R8[k] = S8s[k] < 0 ? -D8s[k] : S8s[k] === 0 ? 0 : D8[k]; });
packed(['psignw'], () => { for (let k = 0; k < 8; k++) R16[k] = S16s[k] < 0 ? -D16s[k] : S16s[k] === 0 ? 0 : D16[k]; });
packed(['psignd'], () => { for (let k = 0; k < 4; k++) R32[k] = S32[k] < 0 ? -D32[k] | 0 : S32[k] === 0 ? 0 : D32[k]; });

// PHMINPOSUW: the smallest unsigned word of the source and its index (lowest index on ties); the rest zero.
packed('phminposuw', () => {
  let m = S16[0], at = 0;
  for (let k = 1; k < 8; k++) if (S16[k] < m) { m = S16[k]; at = k; }
  R32[0] = m | (at << 16); R32[1] = 0; R32[2] = 0; R32[3] = 0;
});

// MPSADBW: eight sums of absolute differences of 4-byte groups; imm[2] picks the destination offset, imm[1:0] the source block.
packed('mpsadbw', (imm) => {
  const a = ((imm >> 2) & 1) * 4, b = (imm & 3) * 4;
  for (let k = 0; k < 8; k++) {
    let s = 0;
    for (let j = 0; j < 4; j++) s += Math.abs(D8[a + k + j] - S8[b + j]);
    R16[k] = s;
  }
});

// ---- extract / insert ----
/** Write an extracted value to a register (zero-extended) or to memory of `bytes`. */
function putExtract(cpu: Cpu, i: Instr, v: number, hi: number, bytes: number): void {
  if (i.k0 === OpKind.Reg) { cpu.setReg(i.r0, i.s0 === 8 ? 8 : 4, bytes === 8 ? v : v & (bytes === 4 ? -1 : bytes === 2 ? 0xffff : 0xff), bytes === 8 ? hi : 0); return; }
  const lin = memLinear(cpu, i, bytes, true);
  if (bytes === 1) cpu.write8(lin, v); else if (bytes === 2) cpu.write16(lin, v); else if (bytes === 4) cpu.write32(lin, v); else cpu.write64(lin, v, hi);
}
function extract(name: string, bytes: number): void {
  register(name, (cpu: Cpu, i: Instr): void => {
    noMmx(i);
    sseCheck(cpu);
    const x = cpu.xmm, b = i.r1 << 2, n = 16 / bytes, k = i.immLo & (n - 1);
    if (i.k1 !== OpKind.Xmm) throw new CpuFault(6);
    D32[0] = x[b]; D32[1] = x[b + 1]; D32[2] = x[b + 2]; D32[3] = x[b + 3];
    const v = bytes === 1 ? D8[k] : bytes === 2 ? D16[k] : bytes === 4 ? D32[k] : D32[2 * k];
    putExtract(cpu, i, v, bytes === 8 ? D32[2 * k + 1] : 0, bytes);
  });
}
extract('pextrb', 1);
extract('pextrw', 2);
extract('pextrd', 4);
extract('pextrq', 8);
extract('extractps', 4);

function insert(name: string, bytes: number): void {
  register(name, (cpu: Cpu, i: Instr): void => {
    noMmx(i);
    sseCheck(cpu);
    const d = destXmm(i), x = cpu.xmm, b = d << 2;
    const v = readOperand(cpu, i, 1), hi = cpu.hi;
    R32[0] = x[b]; R32[1] = x[b + 1]; R32[2] = x[b + 2]; R32[3] = x[b + 3];
    const k = i.immLo & (16 / bytes - 1);
    if (bytes === 1) R8[k] = v; else if (bytes === 2) R16[k] = v; else if (bytes === 4) R32[k] = v; else { R32[2 * k] = v; R32[2 * k + 1] = hi; }
    setXmm(cpu, d, R32);
  });
}
insert('pinsrb', 1);
insert('pinsrw', 2);
insert('pinsrd', 4);
insert('pinsrq', 8);

// INSERTPS: imm[7:6] source dword (register source only), imm[5:4] destination dword, imm[3:0] lanes zeroed.
register('insertps', (cpu: Cpu, i: Instr): void => {
  const d = load(cpu, i), imm = i.immLo & 0xff;
  const v = i.k1 === OpKind.Xmm ? S32[(imm >> 6) & 3] : S32[0];
  for (let k = 0; k < 4; k++) R32[k] = D32[k];
  R32[(imm >> 4) & 3] = v;
  for (let k = 0; k < 4; k++) if ((imm >> k) & 1) R32[k] = 0;
  setXmm(cpu, d, R32);
});

// MOVNTDQA: an aligned 128-bit load (the non-temporal hint changes nothing here).
register('movntdqa', (cpu: Cpu, i: Instr): void => {
  sseCheck(cpu);
  const d = destXmm(i);
  readXmm(cpu, i, 1, S32);
  setXmm(cpu, d, S32);
});

// MASKMOVDQU: store the bytes of the first operand whose mask byte (second operand) has its top bit set, at DS:rDI.
register('maskmovdqu', (cpu: Cpu, i: Instr): void => {
  noMmx(i);
  sseCheck(cpu);
  if (i.k1 !== OpKind.Xmm) throw new CpuFault(6);
  const x = cpu.xmm, a = i.r0 << 2, m = i.r1 << 2;
  D32[0] = x[a]; D32[1] = x[a + 1]; D32[2] = x[a + 2]; D32[3] = x[a + 3];
  S32[0] = x[m]; S32[1] = x[m + 1]; S32[2] = x[m + 2]; S32[3] = x[m + 3];
  const R = cpu.regs, as = i.asize;
  const off = as === 8 ? R[(RDI << 1) + 1] * 4294967296 + (R[RDI << 1] >>> 0) : as === 4 ? R[RDI << 1] >>> 0 : R[RDI << 1] & 0xffff;
  const seg = i.segOverride >= 0 ? i.segOverride : 3;
  // Check every selected byte before writing any (precise faults).
  const lins: number[] = [];
  for (let k = 0; k < 16; k++) if (S8[k] & 0x80) lins.push(segLinear(cpu, seg, as === 8 ? off + k : (off + k) % (as === 4 ? 4294967296 : 65536), 1, true));
  for (const lin of lins) cpu.translate(lin, ACC_WRITE, cpu.cpl === 3);
  let n = 0;
  for (let k = 0; k < 16; k++) if (S8[k] & 0x80) cpu.write8(lins[n++], D8[k]);
});
