// Floating-point instruction forms checked against the host CPU (SSE/SSE2/SSE3/SSE4.1 float, conversions, x87): assembly, operand value generators, MXCSR variants and comparison rules.
import { Rng } from './host-cpu-forms';

/** What fills XMM registers and memory for a form: lanes of single, double, int32, int64, or raw bits. */
export type Lanes = 'ps' | 'pd' | 'dq' | 'qq' | 'bits';

/** One floating-point form. */
export interface FloatForm {
  name: string;
  family: string;
  /** GNU as Intel syntax; xmm0..15, rax..r13 are inputs; [r14] is 64 bytes of scratch memory (16-byte aligned). */
  asm: string;
  count: number;
  /** Lane type of XMM registers and memory. */
  lanes: Lanes;
  /** Lane type of the general registers (integer sources of CVTSI2SS...): 'int' edge integers, 'ps'/'pd' float bits. */
  gprs?: 'int' | 'ps' | 'pd';
  /** RFLAGS bits compared (COMIS/UCOMIS, PTEST...). */
  flags?: number;
  /** Results differ legitimately between processor models: compare XMM0 lanes within this relative error. */
  approx?: { lanes: 'ps'; relErr: number };
  /** Adjust the generated state (e.g. the x87 stack). */
  prep?: (s: FloatState, rng: Rng) => void;
  /**
   * Generate MXCSR values with every exception masked. DPPS/DPPD with unmasked exceptions: which
   * flags a processor reports when a later stage of the dot product faults is model-specific (the
   * AMD host reports some post-computation flags of the multiply stage along with DE/IE); Ringstep
   * checks after each stage and follows the SDM's pre-computation rule.
   */
  maskedOnly?: boolean;
  /** x87 form: compare ST registers, FSW condition codes and tags. */
  x87?: boolean;
}

/** A generated input: FXSAVE image, registers, flags, memory. */
export interface FloatState { fx: Uint8Array; regs: Int32Array; flags: number; mem: Uint8Array }

const N = 2000;
export const FLOAT_FORMS: FloatForm[] = [];
function add(f: Partial<FloatForm> & { name: string; family: string; asm: string; lanes: Lanes }): void {
  FLOAT_FORMS.push({ count: N, ...f } as FloatForm);
}

// ---------------------------------------------------------------- values

/** A single-precision bit pattern drawn from the interesting classes. */
export function genF32(rng: Rng): number {
  const s = rng.below(2) ? 0x80000000 : 0;
  const r = rng.below(32);
  let v: number;
  if (r === 0) v = 0;
  else if (r === 1) v = [1, 0x7fffff, 0x400000, rng.below(0x800000)][rng.below(4)];
  else if (r === 2) v = 0x7f800000;
  else if (r === 3) v = 0x7fc00000 | rng.below(0x400000);
  else if (r === 4) v = 0x7f800000 | (1 + rng.below(0x3fffff));
  else if (r === 5) v = (254 << 23) | [0x7fffff, rng.below(0x800000), 0][rng.below(3)];
  else if (r === 6) v = ((1 + rng.below(2)) << 23) | [0, 1, rng.below(0x800000)][rng.below(3)];
  else if (r === 7) { const f = new Float32Array([[1, 2, 0.5, 1.5, 2.5, 3.5, -0.5, 4, 10, 0.1][rng.below(10)]]); v = new Int32Array(f.buffer)[0] & 0x7fffffff; }
  else if (r === 8) { // conversion boundaries: 2^31, 2^63 and neighbours
    const e = [31, 63, 32, 30, 62, 64][rng.below(6)];
    v = ((e + 127) << 23) + rng.below(3) - 1;
  } else if (r === 9) v = ((rng.below(8) + 127) << 23) | (rng.below(0x800000) & ~0xfff); // small integers and halves
  else if (r < 14) v = (rng.below(254) + 1) << 23 | rng.below(0x800000); // any exponent
  else if (r < 16) v = ((rng.below(30) + 1) << 23) | rng.below(0x800000); // near underflow
  else if (r < 18) v = ((rng.below(30) + 225) << 23) | rng.below(0x800000); // near overflow
  else v = ((rng.below(40) + 107) << 23) | rng.below(0x800000);
  return (s | v) | 0;
}

/** A double-precision bit pattern as [lo, hi]. */
export function genF64(rng: Rng): [number, number] {
  const s = rng.below(2) ? 0x80000000 : 0;
  const r = rng.below(32);
  const lo = rng.u32() | 0;
  let hi: number, l = lo;
  if (r === 0) { hi = 0; l = 0; } else if (r === 1) { hi = rng.below(0x100000); if (rng.below(4) === 0) { hi = 0; l = 1; } }
  else if (r === 2) { hi = 0x7ff00000; l = 0; } else if (r === 3) hi = 0x7ff80000 | rng.below(0x80000);
  else if (r === 4) { hi = 0x7ff00000 | rng.below(0x80000); if (hi === 0x7ff00000 && l === 0) l = 1; }
  else if (r === 5) hi = (2046 << 20) | rng.below(0x100000);
  else if (r === 6) hi = ((1 + rng.below(2)) << 20) | rng.below(0x100000);
  else if (r === 7) { const f = new Float64Array([[1, 2, 0.5, 1.5, 2.5, 3.5, 4, 10, 0.1, 3][rng.below(10)]]); const w = new Int32Array(f.buffer); hi = w[1]; l = w[0]; }
  else if (r === 8) { const e = [31, 63, 32, 30, 62, 64, 24, 53][rng.below(8)]; hi = ((e + 1023) << 20) | (rng.below(2) ? 0 : rng.below(0x100000)); l = rng.below(3) ? 0 : l; if (rng.below(3) === 0) { hi -= 1; l = -1; } }
  else if (r === 9) { hi = ((rng.below(12) + 1023) << 20) | rng.below(0x100000); l = 0; }
  else if (r < 14) hi = ((rng.below(2046) + 1) << 20) | rng.below(0x100000);
  else if (r < 16) hi = ((rng.below(60) + 1) << 20) | rng.below(0x100000);
  else if (r < 18) hi = ((rng.below(60) + 1987) << 20) | rng.below(0x100000);
  else if (r < 20) { hi = ((rng.below(40) + 863) << 20) | rng.below(0x100000); } // single-precision boundaries for CVTSD2SS
  else hi = ((rng.below(80) + 983) << 20) | rng.below(0x100000);
  return [l | 0, (s | hi) | 0];
}

/** An integer edge value or random, as [lo, hi]. */
export function genInt(rng: Rng): [number, number] {
  const r = rng.below(8);
  if (r === 0) return [[0, 1, -1, 0x7fffffff, 0x80000000 | 0, 0x1000001, 0xffffff][rng.below(7)], 0];
  if (r === 1) { const lo = [0, -1, 1, 0x400][rng.below(4)]; return [lo, [0x7fffffff, 0x80000000 | 0, 0, -1, 0x200000][rng.below(5)]]; }
  if (r < 4) { const v = rng.u32() | 0; return [v, v >> 31]; }
  if (r < 6) { const sh = rng.below(32); const hi = (rng.u32() | 0) >> sh; return [rng.u32() | 0, hi]; }
  return [rng.u32() | 0, rng.u32() | 0];
}

/** Fill 16 bytes at `off` of b with lanes of the given kind; with probability, make lanes of `like` equal/near to its lanes. */
export function fillLanes(rng: Rng, b: DataView, off: number, lanes: Lanes, like?: DataView, likeOff = 0): void {
  for (let k = 0; k < 4; k++) {
    if (lanes === 'ps' || lanes === 'bits') {
      let v = lanes === 'bits' ? rng.u32() | 0 : genF32(rng);
      if (like && rng.below(6) === 0) { const w = like.getInt32(likeOff + 4 * k, true); v = rng.below(2) ? w : (w + rng.below(5) - 2) ^ (rng.below(4) === 0 ? 0x80000000 : 0); }
      b.setInt32(off + 4 * k, v, true);
    } else if (lanes === 'dq') b.setInt32(off + 4 * k, genInt(rng)[0], true);
    else if (k % 2 === 0) {
      let [lo, hi] = lanes === 'pd' ? genF64(rng) : genInt(rng);
      if (lanes === 'pd' && like && rng.below(6) === 0) {
        lo = like.getInt32(likeOff + 4 * k, true); hi = like.getInt32(likeOff + 4 * k + 4, true);
        if (rng.below(2)) { lo = (lo + rng.below(5) - 2) | 0; if (rng.below(4) === 0) hi ^= 0x80000000; }
      }
      b.setInt32(off + 4 * k, lo, true); b.setInt32(off + 4 * k + 4, hi, true);
    }
  }
}

/** A random MXCSR: every rounding mode, FTZ/DAZ, mostly masked, sometimes unmasked exceptions and sticky flags. */
export function genMxcsr(rng: Rng): number {
  const rc = rng.below(4);
  const ftz = rng.below(4) === 0 ? 0x8000 : 0, daz = rng.below(4) === 0 ? 0x40 : 0;
  const masks = rng.below(7) === 0 ? rng.below(64) : 0x3f;
  const flags = rng.below(4) === 0 ? rng.below(64) : 0;
  return flags | daz | (masks << 7) | (rc << 13) | ftz;
}

// ---------------------------------------------------------------- SSE floating-point forms

const mem16 = 'xmmword ptr [r14+16]', m32 = 'dword ptr [r14+4]', m64 = 'qword ptr [r14+8]';
for (const op of ['add', 'sub', 'mul', 'div', 'min', 'max', 'sqrt']) {
  add({ name: `${op}ps xmm, xmm`, family: 'sse float arithmetic', asm: `${op}ps xmm0, xmm1`, lanes: 'ps' });
  add({ name: `${op}ss xmm, xmm`, family: 'sse float arithmetic', asm: `${op}ss xmm0, xmm1`, lanes: 'ps' });
  add({ name: `${op}pd xmm, xmm`, family: 'sse float arithmetic', asm: `${op}pd xmm0, xmm1`, lanes: 'pd' });
  add({ name: `${op}sd xmm, xmm`, family: 'sse float arithmetic', asm: `${op}sd xmm0, xmm1`, lanes: 'pd' });
  add({ name: `${op}ps xmm, m128`, family: 'sse float arithmetic', asm: `${op}ps xmm2, ${mem16}`, lanes: 'ps', count: 300 });
  add({ name: `${op}ss xmm, m32`, family: 'sse float arithmetic', asm: `${op}ss xmm2, ${m32}`, lanes: 'ps', count: 300 });
  add({ name: `${op}sd xmm, m64`, family: 'sse float arithmetic', asm: `${op}sd xmm2, ${m64}`, lanes: 'pd', count: 300 });
}
add({ name: 'addps misaligned m128', family: 'sse float arithmetic', asm: 'addps xmm0, xmmword ptr [r14+8]', lanes: 'ps', count: 50 });
for (const op of ['addsubps', 'haddps', 'hsubps']) add({ name: `${op} xmm, xmm`, family: 'sse3 float', asm: `${op} xmm0, xmm1`, lanes: 'ps' });
for (const op of ['addsubpd', 'haddpd', 'hsubpd']) add({ name: `${op} xmm, xmm`, family: 'sse3 float', asm: `${op} xmm0, xmm1`, lanes: 'pd' });
for (const [n, asm, lanes] of [['movddup xmm, xmm', 'movddup xmm0, xmm1', 'pd'], ['movddup xmm, m64', 'movddup xmm0, qword ptr [r14+8]', 'pd'], ['movsldup', 'movsldup xmm0, xmm1', 'ps'],
  ['movshdup', 'movshdup xmm0, xmm1', 'ps'], ['lddqu', 'lddqu xmm0, [r14+3]', 'bits']] as [string, string, Lanes][]) add({ name: n, family: 'sse3 float', asm, lanes, count: 300 });
const RCP_ERR = 1.5 * 2 ** -12;
for (const op of ['rcpps', 'rsqrtps', 'rcpss', 'rsqrtss']) add({ name: `${op} xmm, xmm`, family: 'sse rcp/rsqrt (within 1.5*2^-12)', asm: `${op} xmm0, xmm1`, lanes: 'ps', approx: { lanes: 'ps', relErr: RCP_ERR } });
for (let p = 0; p < 8; p++) {
  add({ name: `cmpps xmm, xmm, ${p}`, family: 'sse float compare', asm: `cmpps xmm0, xmm1, ${p}`, lanes: 'ps', count: 1000 });
  add({ name: `cmpss xmm, xmm, ${p}`, family: 'sse float compare', asm: `cmpss xmm0, xmm1, ${p}`, lanes: 'ps', count: 1000 });
  add({ name: `cmppd xmm, xmm, ${p}`, family: 'sse float compare', asm: `cmppd xmm0, xmm1, ${p}`, lanes: 'pd', count: 1000 });
  add({ name: `cmpsd xmm, xmm, ${p}`, family: 'sse float compare', asm: `cmpsd xmm0, xmm1, ${p}`, lanes: 'pd', count: 1000 });
}
const CF = 1, PF = 4, AF = 16, ZF = 64, SF = 128, OF = 2048, ALL6 = CF | PF | AF | ZF | SF | OF;
for (const op of ['comiss', 'ucomiss']) add({ name: `${op} xmm, xmm`, family: 'sse comis/ucomis', asm: `${op} xmm0, xmm1`, lanes: 'ps', flags: ALL6 });
for (const op of ['comisd', 'ucomisd']) add({ name: `${op} xmm, xmm`, family: 'sse comis/ucomis', asm: `${op} xmm0, xmm1`, lanes: 'pd', flags: ALL6 });
add({ name: 'comiss xmm, m32', family: 'sse comis/ucomis', asm: 'comiss xmm0, dword ptr [r14+4]', lanes: 'ps', flags: ALL6, count: 300 });
for (const op of ['andps', 'andnps', 'orps', 'xorps', 'unpcklps', 'unpckhps']) add({ name: `${op}`, family: 'sse float logic/shuffle', asm: `${op} xmm0, xmm1`, lanes: 'ps', count: 300 });
for (const op of ['andpd', 'andnpd', 'orpd', 'xorpd', 'unpcklpd', 'unpckhpd']) add({ name: `${op}`, family: 'sse float logic/shuffle', asm: `${op} xmm0, xmm1`, lanes: 'pd', count: 300 });
for (const imm of [0x1b, 0xe4, 0x4e, 0x00, 0xff]) add({ name: `shufps ${imm}`, family: 'sse float logic/shuffle', asm: `shufps xmm0, xmm1, ${imm}`, lanes: 'ps', count: 200 });
for (const imm of [0, 1, 2, 3]) add({ name: `shufpd ${imm}`, family: 'sse float logic/shuffle', asm: `shufpd xmm0, xmm1, ${imm}`, lanes: 'pd', count: 200 });
add({ name: 'movmskps r32', family: 'sse float logic/shuffle', asm: 'movmskps ebx, xmm1', lanes: 'ps', count: 300 });
add({ name: 'movmskpd r32', family: 'sse float logic/shuffle', asm: 'movmskpd ebx, xmm1', lanes: 'pd', count: 300 });

// ---------------------------------------------------------------- conversions
for (const [dst, src, sz] of [['ss', 'ebx', 32], ['ss', 'rbx', 64], ['sd', 'ebx', 32], ['sd', 'rbx', 64]] as [string, string, number][]) {
  add({ name: `cvtsi2${dst} xmm, r${sz}`, family: 'sse conversions', asm: `cvtsi2${dst} xmm0, ${src}`, lanes: dst === 'ss' ? 'ps' : 'pd', gprs: 'int' });
}
add({ name: 'cvtsi2sd xmm, m32', family: 'sse conversions', asm: 'cvtsi2sd xmm0, dword ptr [r14+4]', lanes: 'dq', count: 300 });
add({ name: 'cvtsi2ss xmm, m64', family: 'sse conversions', asm: 'cvtsi2ss xmm0, qword ptr [r14+8]', lanes: 'qq', count: 300 });
for (const op of ['cvtss2si', 'cvttss2si']) for (const r of ['ebx', 'rbx']) add({ name: `${op} ${r}, xmm`, family: 'sse conversions', asm: `${op} ${r}, xmm1`, lanes: 'ps' });
for (const op of ['cvtsd2si', 'cvttsd2si']) for (const r of ['ebx', 'rbx']) add({ name: `${op} ${r}, xmm`, family: 'sse conversions', asm: `${op} ${r}, xmm1`, lanes: 'pd' });
add({ name: 'cvtss2si r64, m32', family: 'sse conversions', asm: 'cvtss2si rbx, dword ptr [r14+4]', lanes: 'ps', count: 300 });
for (const [op, lanes] of [['cvtss2sd', 'ps'], ['cvtsd2ss', 'pd'], ['cvtps2pd', 'ps'], ['cvtpd2ps', 'pd'], ['cvtdq2ps', 'dq'], ['cvtps2dq', 'ps'], ['cvttps2dq', 'ps'],
  ['cvtdq2pd', 'dq'], ['cvtpd2dq', 'pd'], ['cvttpd2dq', 'pd']] as [string, Lanes][]) add({ name: `${op} xmm, xmm`, family: 'sse conversions', asm: `${op} xmm0, xmm1`, lanes });
add({ name: 'cvtps2pd xmm, m64', family: 'sse conversions', asm: 'cvtps2pd xmm0, qword ptr [r14+8]', lanes: 'ps', count: 300 });
add({ name: 'cvtpd2ps xmm, m128', family: 'sse conversions', asm: 'cvtpd2ps xmm0, xmmword ptr [r14+16]', lanes: 'pd', count: 300 });

// ---------------------------------------------------------------- SSSE3 / SSE4.1 integer and float forms
const sse4 = (name: string, asm: string, lanes: Lanes = 'bits', count = 500): void => add({ name, family: 'ssse3/sse4.1', asm, lanes, count });
for (const w of ['bw', 'bd', 'bq', 'wd', 'wq', 'dq']) {
  for (const sx of ['sx', 'zx']) {
    sse4(`pmov${sx}${w} xmm, xmm`, `pmov${sx}${w} xmm0, xmm1`);
    const bytes = w === 'bq' ? 2 : w === 'bd' || w === 'wq' ? 4 : 8;
    sse4(`pmov${sx}${w} xmm, m${bytes * 8}`, `pmov${sx}${w} xmm0, ${bytes === 2 ? 'word' : bytes === 4 ? 'dword' : 'qword'} ptr [r14+6]`, 'bits', 200);
  }
}
for (const imm of [0x00, 0xa5, 0xff, 0x3c]) sse4(`pblendw ${imm}`, `pblendw xmm0, xmm1, ${imm}`, 'bits', 200);
for (const imm of [0, 5, 0xa, 0xf]) { sse4(`blendps ${imm}`, `blendps xmm0, xmm1, ${imm}`, 'ps', 200); sse4(`blendpd ${imm & 3}`, `blendpd xmm0, xmm1, ${imm & 3}`, 'pd', 200); }
for (const op of ['pblendvb', 'blendvps', 'blendvpd']) sse4(`${op} xmm, xmm, xmm0`, `${op} xmm2, xmm1, xmm0`);
for (const op of ['phaddw', 'phaddd', 'phaddsw', 'phsubw', 'phsubd', 'phsubsw', 'pmaddubsw', 'pmulhrsw', 'psignb', 'psignw', 'psignd', 'pmuldq', 'phminposuw', 'pabsb', 'pabsw', 'pabsd']) sse4(`${op} xmm, xmm`, `${op} xmm0, xmm1`, 'bits', 1000);
sse4('phaddw xmm, m128', 'phaddw xmm0, xmmword ptr [r14+16]');
sse4('psignw same', 'psignw xmm0, xmm0');
for (let imm = 0; imm < 8; imm++) sse4(`mpsadbw ${imm}`, `mpsadbw xmm0, xmm1, ${imm}`, 'bits', 300);
for (const [op, n] of [['pextrb', 16], ['pextrw', 8], ['pextrd', 4], ['pextrq', 2], ['extractps', 4]] as [string, number][]) {
  for (const imm of [0, n - 1, n >> 1, n + 1]) {
    const reg = op === 'pextrq' ? 'rbx' : 'ebx';
    sse4(`${op} r, xmm, ${imm}`, `${op} ${reg}, xmm1, ${imm}`, 'bits', 200);
    const ptr = op === 'pextrb' ? 'byte' : op === 'pextrw' ? 'word' : op === 'pextrq' ? 'qword' : 'dword';
    sse4(`${op} m, xmm, ${imm}`, `${op} ${ptr} ptr [r14+5], xmm1, ${imm}`, 'bits', 100);
  }
}
sse4('pextrw r32, xmm (0F C5)', '.byte 0x66, 0x0f, 0xc5, 0xd9, 0x03', 'bits', 200);
sse4('pextrb rbx (REX.W)', '.byte 0x66, 0x48, 0x0f, 0x3a, 0x14, 0xcb, 0x07', 'bits', 200);
for (const [op, n, reg, ptr] of [['pinsrb', 16, 'ebx', 'byte'], ['pinsrw', 8, 'ebx', 'word'], ['pinsrd', 4, 'ebx', 'dword'], ['pinsrq', 2, 'rbx', 'qword']] as [string, number, string, string][]) {
  for (const imm of [0, n - 1, n + 2]) {
    sse4(`${op} xmm, r, ${imm}`, `${op} xmm0, ${reg}, ${imm}`, 'bits', 200);
    sse4(`${op} xmm, m, ${imm}`, `${op} xmm0, ${ptr} ptr [r14+3], ${imm}`, 'bits', 100);
  }
}
for (const imm of [0x00, 0x1f, 0x4a, 0xb5, 0xff, 0x30, 0xc0]) {
  sse4(`insertps xmm, xmm, ${imm}`, `insertps xmm0, xmm1, ${imm}`, 'ps', 200);
  sse4(`insertps xmm, m32, ${imm}`, `insertps xmm0, dword ptr [r14+4], ${imm}`, 'ps', 100);
}
sse4('movntdqa xmm, m128', 'movntdqa xmm0, xmmword ptr [r14+16]', 'bits', 100);
sse4('movntdqa misaligned', 'movntdqa xmm0, xmmword ptr [r14+8]', 'bits', 20);
for (let imm = 0; imm < 16; imm++) {
  add({ name: `roundps ${imm}`, family: 'sse4.1 round/dp', asm: `roundps xmm0, xmm1, ${imm}`, lanes: 'ps', count: 400 });
  add({ name: `roundss ${imm}`, family: 'sse4.1 round/dp', asm: `roundss xmm0, xmm1, ${imm}`, lanes: 'ps', count: 400 });
  add({ name: `roundpd ${imm}`, family: 'sse4.1 round/dp', asm: `roundpd xmm0, xmm1, ${imm}`, lanes: 'pd', count: 400 });
  add({ name: `roundsd ${imm}`, family: 'sse4.1 round/dp', asm: `roundsd xmm0, xmm1, ${imm}`, lanes: 'pd', count: 400 });
}
for (const imm of [0xff, 0xf1, 0x31, 0x5a, 0x0f, 0xf0, 0x87]) add({ name: `dpps ${imm}`, family: 'sse4.1 round/dp', asm: `dpps xmm0, xmm1, ${imm}`, lanes: 'ps', count: 1000, maskedOnly: true });
for (const imm of [0x33, 0x31, 0x12, 0x23, 0x03, 0x30]) add({ name: `dppd ${imm}`, family: 'sse4.1 round/dp', asm: `dppd xmm0, xmm1, ${imm}`, lanes: 'pd', count: 1000, maskedOnly: true });

// ---------------------------------------------------------------- x87
/** Memory operand kinds of x87 forms, placed at [r14+16]. */
type X87Mem = 'm16i' | 'm32i' | 'm64i' | 'm32' | 'm64' | 'm80' | 'none';

/** A random 80-bit value as [sigLo, sigHi, signExp]: from doubles, any exponent, or special encodings. */
export function genF80(rng: Rng): [number, number, number] {
  const r = rng.below(16);
  const sign = rng.below(2) ? 0x8000 : 0;
  if (r < 6) {
    const [lo, hi] = genF64(rng);
    const e = (hi >>> 20) & 0x7ff, fracHi = hi & 0xfffff;
    const s = hi < 0 ? 0x8000 : 0;
    if (e === 0x7ff) return [(lo << 11) | 0, (0x80000000 | (fracHi << 11) | (lo >>> 21)) | 0, s | 0x7fff];
    if (e === 0 && (fracHi | lo) === 0) return [0, 0, s];
    if (e === 0) return [(lo << 11) | 0, ((fracHi << 11) | (lo >>> 21)) | 0, s | (0x3c01 - 1)]; // as an unnormal-free small value
    return [(lo << 11) | 0, (0x80000000 | (fracHi << 11) | (lo >>> 21)) | 0, s | (e - 1023 + 16383)];
  }
  if (r < 11) return [rng.u32() | 0, (rng.u32() | 0x80000000) | 0, sign | (16383 + rng.below(140) - 70)];
  if (r === 11) return [rng.u32() | 0, (rng.u32() | 0x80000000) | 0, sign | rng.below(0x7ffe) + 1];
  if (r === 12) return [rng.u32() | 0, rng.u32() & 0x7fffffff, sign]; // denormal
  if (r === 13) return [rng.u32() | 0, (0xc0000000 | rng.u32()) | 0, sign | 0x7fff]; // QNaN
  if (r === 14) return [[0, 1, -1][rng.below(3)], [0x80000000 | 0, 0x80000000 | 1, -1][rng.below(3)], sign | [1, 0x7ffe, 16383 + 63, 16383 + 31, 16383 + 15][rng.below(5)]];
  return [0, 0x80000000 | 0, sign | 16383 + rng.below(8)]; // powers of two
}

/** Set up the x87 part of the FXSAVE image: FCW (every RC and PC, exceptions masked), TOP, tags and ST values, and the memory operand. */
function x87Prep(mem: X87Mem) {
  return (s: FloatState, rng: Rng): void => {
    const fx = new DataView(s.fx.buffer);
    const pc = [0, 2, 3, 3][rng.below(4)], rc = rng.below(4);
    fx.setUint16(0, 0x7f | (pc << 8) | (rc << 10), true);
    const top = rng.below(8);
    fx.setUint16(2, top << 11, true);
    let ftw = 0;
    for (let n = 0; n < 8; n++) if (rng.below(10) !== 0) ftw |= 1 << n;
    fx.setUint8(4, ftw);
    for (let k = 0; k < 8; k++) {
      const [lo, hi, se] = genF80(rng);
      fx.setInt32(32 + 16 * k, lo, true); fx.setInt32(36 + 16 * k, hi, true); fx.setUint16(40 + 16 * k, se, true);
      // Empty registers keep zeros (the processor does not look at them).
      if (!(ftw & (1 << ((top + k) & 7)))) { fx.setInt32(32 + 16 * k, 0, true); fx.setInt32(36 + 16 * k, 0, true); fx.setUint16(40 + 16 * k, 0, true); }
    }
    const m = new DataView(s.mem.buffer);
    if (mem === 'm32') m.setInt32(16, genF32(rng), true);
    else if (mem === 'm64') { const [lo, hi] = genF64(rng); m.setInt32(16, lo, true); m.setInt32(20, hi, true); }
    else if (mem === 'm80') { const [lo, hi, se] = genF80(rng); m.setInt32(16, lo, true); m.setInt32(20, hi, true); m.setUint16(24, se, true); }
    else if (mem !== 'none') {
      const [lo, hi] = genInt(rng);
      const small = rng.below(3) === 0 ? rng.below(200) - 100 : lo;
      m.setInt32(16, mem === 'm16i' && rng.below(2) ? small : lo, true); m.setInt32(20, hi, true);
    }
  };
}

const x87 = (name: string, asm: string, mem: X87Mem = 'none', count = 1000, flags = 0): void =>
  add({ name, family: 'x87', asm, lanes: 'bits', count, x87: true, prep: x87Prep(mem), flags });
const PTRS: Record<string, [string, X87Mem]> = { m16i: ['word', 'm16i'], m32i: ['dword', 'm32i'], m64i: ['qword', 'm64i'], m32: ['dword', 'm32'], m64: ['qword', 'm64'], m80: ['tbyte', 'm80'] };
const at = (k: string): string => `${PTRS[k][0]} ptr [r14+16]`;
for (const op of ['fadd', 'fsub', 'fsubr', 'fmul', 'fdiv', 'fdivr']) {
  x87(`${op} st, st(i)`, `${op} st, st(3)`, 'none', 1500);
  x87(`${op} st(i), st`, `${op} st(2), st`);
  x87(`${op}p st(i), st`, `${op}p st(1), st`);
  x87(`${op} m32`, `${op} ${at('m32')}`, 'm32');
  x87(`${op} m64`, `${op} ${at('m64')}`, 'm64');
  x87(`fi${op.slice(1)} m16`, `fi${op.slice(1)} ${at('m16i')}`, 'm16i', 500);
  x87(`fi${op.slice(1)} m32`, `fi${op.slice(1)} ${at('m32i')}`, 'm32i', 500);
}
for (const k of ['m32', 'm64', 'm80']) { x87(`fld ${k}`, `fld ${at(k)}`, k as X87Mem); x87(`fst ${k}`, `fst${k === 'm80' ? 'p' : ''} ${at(k)}`, k as X87Mem); }
x87('fstp m32', `fstp ${at('m32')}`, 'm32'); x87('fstp m64', `fstp ${at('m64')}`, 'm64');
x87('fld st(i)', 'fld st(3)'); x87('fst st(i)', 'fst st(2)'); x87('fstp st(i)', 'fstp st(3)');
for (const k of ['m16i', 'm32i', 'm64i']) {
  x87(`fild ${k}`, `fild ${at(k)}`, k as X87Mem, 500);
  x87(`fistp ${k}`, `fistp ${at(k)}`, k as X87Mem);
  x87(`fisttp ${k}`, `fisttp ${at(k)}`, k as X87Mem);
}
x87('fist m16', `fist ${at('m16i')}`, 'm16i'); x87('fist m32', `fist ${at('m32i')}`, 'm32i');
for (const c of ['fld1', 'fldz', 'fldpi', 'fldl2e', 'fldl2t', 'fldlg2', 'fldln2']) x87(c, c, 'none', 300);
for (const op of ['fchs', 'fabs', 'fsqrt', 'frndint', 'fscale', 'ftst', 'fxam', 'fincstp', 'fdecstp', 'fnop']) x87(op, op);
x87('fxch st(i)', 'fxch st(3)'); x87('ffree st(i)', 'ffree st(2)');
for (const op of ['fcom', 'fcomp', 'fucom', 'fucomp']) x87(`${op} st(i)`, `${op} st(2)`);
x87('fcompp', 'fcompp'); x87('fucompp', 'fucompp');
x87('fcom m32', `fcom ${at('m32')}`, 'm32'); x87('fcomp m64', `fcomp ${at('m64')}`, 'm64');
x87('ficom m16', `ficom ${at('m16i')}`, 'm16i', 500); x87('ficomp m32', `ficomp ${at('m32i')}`, 'm32i', 500);
for (const op of ['fcomi', 'fucomi', 'fcomip', 'fucomip']) x87(`${op} st, st(i)`, `${op} st, st(1)`, 'none', 1000, ALL6);
for (const cc of ['b', 'e', 'be', 'u', 'nb', 'ne', 'nbe', 'nu']) x87(`fcmov${cc}`, `fcmov${cc} st, st(2)`, 'none', 300);
