// Floating-point instruction forms checked against the host CPU (SSE/SSE2/SSE3/SSE4.1 float, conversions, x87): assembly, operand value generators, MXCSR variants and comparison rules.
import { Rng } from './host-cpu-forms';

/** What fills XMM registers and memory for a form: lanes of single, double, int32, int64, or raw bits. */
export type Lanes = 'ps' | 'pd' | 'dq' | 'qq' | 'bits';

/** One floating-point form. */
export interface FloatForm {
  name: string;
  family: string;
  /** GNU as Intel syntax; xmm0..15, rax..r13 are inputs; [r14] is 128 bytes of scratch memory (16-byte aligned). */
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
  /**
   * Transcendental x87 results may differ from the host by this many units in the last place of
   * the 64-bit significand (the hardware's results are not always correctly rounded); C1 (the
   * rounding direction) is then not compared for that vector.
   */
  x87Ulps?: number;
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

// ---------------------------------------------------------------- SSE4.2 string compares
/** A string element value: mostly from a small alphabet (so that compares hit), sign boundaries, or random. */
function strElem(rng: Rng, words: boolean): number {
  const r = rng.below(10);
  if (r < 5) return 0x41 + rng.below(4) + (words && rng.below(3) === 0 ? 0x100 * rng.below(3) : 0);
  if (r === 5) return words ? [0x7fff, 0x8000, 0xffff, 0x0001, 0x8041][rng.below(5)] : [0x7f, 0x80, 0xff, 0x01][rng.below(4)];
  return words ? rng.below(0x10000) : rng.below(0x100);
}

/** Fill 16 bytes with a string of bytes or words: alphabet elements, embedded nulls (none, one, several), sometimes a copy of `like`. */
function fillString(rng: Rng, b: DataView, off: number, words: boolean, like?: DataView, likeOff = 0): void {
  const n = words ? 8 : 16, nulls = rng.below(4);
  for (let k = 0; k < n; k++) {
    let v = strElem(rng, words);
    if (nulls === 1 && rng.below(n) === 0) v = 0;
    else if (nulls === 2 && rng.below(4) === 0) v = 0;
    if (words) b.setUint16(off + 2 * k, v, true); else b.setUint8(off + k, v);
  }
  // A substring of the other operand at some offset (equal ordered / equal each hits), or an ordered range pair.
  if (like && rng.below(3) === 0) {
    const from = rng.below(n), to = rng.below(n), len = 1 + rng.below(n - Math.max(from, to));
    for (let k = 0; k < len; k++) {
      if (words) b.setUint16(off + 2 * (to + k), like.getUint16(likeOff + 2 * (from + k), true), true);
      else b.setUint8(off + to + k, like.getUint8(likeOff + from + k));
    }
  }
  if (rng.below(8) === 0) { const at = rng.below(n); if (words) b.setUint16(off + 2 * at, 0, true); else b.setUint8(off + at, 0); }
}

/** An explicit length: small, near the element count, negative, the 32-bit sign boundaries, or random; 64-bit when `w64`. */
function strLength(rng: Rng, w64: boolean): [number, number] {
  const r = rng.below(10);
  let lo: number;
  if (r < 5) lo = rng.below(19);
  else if (r < 7) lo = -rng.below(19);
  else if (r === 7) lo = [0x7fffffff, 0x80000000 | 0, 0x80000001 | 0, -1, 16, 8, -16, -8, 9, 17][rng.below(10)];
  else lo = rng.u32() | 0;
  const sx = lo >> 31;
  if (!w64) return [lo, rng.u32() | 0]; // the upper half must be ignored
  const q = rng.below(4);
  return [lo, q < 2 ? sx : q === 2 ? ~sx : rng.u32() | 0];
}

/** Operands xmm1 (first), xmm2 and [r14] (second) as strings; RAX and RDX as lengths. */
function stringPrep(imm: number, w64: boolean) {
  return (s: FloatState, rng: Rng): void => {
    const fx = new DataView(s.fx.buffer), mem = new DataView(s.mem.buffer), words = (imm & 1) !== 0;
    fillString(rng, fx, 160 + 16, words);
    fillString(rng, fx, 160 + 32, words, fx, 160 + 16);
    for (let q = 0; q < 4; q++) fillString(rng, mem, 16 * q, words, fx, 160 + 16);
    // Misaligned memory operands at [r14+3] see a shifted string: copy xmm2's string there sometimes.
    if (rng.below(3) === 0) for (let k = 0; k < 16; k++) mem.setUint8(3 + k, fx.getUint8(160 + 32 + k));
    const [alo, ahi] = strLength(rng, w64), [dlo, dhi] = strLength(rng, w64);
    s.regs[0] = alo; s.regs[1] = ahi; s.regs[4] = dlo; s.regs[5] = dhi;
  };
}

const STR_OPS: [string, number][] = [['pcmpestrm', 0x60], ['pcmpestri', 0x61], ['pcmpistrm', 0x62], ['pcmpistri', 0x63]];
const strForm = (name: string, asm: string, imm: number, w64: boolean, count: number): void =>
  add({ name, family: 'sse4.2 string compare', asm, lanes: 'bits', count, prep: stringPrep(imm, w64) });
for (const [op, code] of STR_OPS) {
  // Every imm8 control value (bit 7 included, which the processor ignores), register operands.
  for (let imm = 0; imm < 256; imm++) strForm(`${op} xmm, xmm, ${imm}`, `${op} xmm1, xmm2, ${imm}`, imm, false, 8);
  // Memory operands need no alignment.
  for (let imm = 0; imm < 128; imm += 5) strForm(`${op} xmm, m128, ${imm}`, `${op} xmm1, xmmword ptr [r14+3], ${imm}`, imm, false, 40);
  // REX.W: 64-bit lengths in RAX/RDX for the explicit forms (ignored by the implicit ones).
  for (let imm = 0; imm < 128; imm += 3) {
    strForm(`${op} REX.W ${imm}`, `.byte 0x66, 0x48, 0x0f, 0x3a, 0x${code.toString(16)}, 0xca, ${imm}`, imm, true, op.startsWith('pcmpe') ? 60 : 20);
  }
}

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

/** After the usual x87 set-up, bring ST(1)'s exponent near ST(0)'s (partial remainders, complete and incomplete). */
function nearExponents(base: (s: FloatState, rng: Rng) => void) {
  return (s: FloatState, rng: Rng): void => {
    base(s, rng);
    if (rng.below(4) === 0) return;
    const fx = new DataView(s.fx.buffer);
    const e0 = fx.getUint16(40, true) & 0x7fff, sign = fx.getUint16(56, true) & 0x8000;
    if (e0 === 0 || e0 === 0x7fff) return;
    const d = [rng.below(4), rng.below(64), 60 + rng.below(10), rng.below(200)][rng.below(4)];
    const e1 = Math.max(1, e0 - d);
    fx.setUint16(56, sign | e1, true);
    fx.setInt32(52, fx.getInt32(52, true) | 0x80000000, true);
  };
}
for (const op of ['fprem', 'fprem1']) add({ name: op, family: 'x87 remainder/extract', asm: op, lanes: 'bits', count: 3000, x87: true, prep: nearExponents(x87Prep('none')) });
add({ name: 'fxtract', family: 'x87 remainder/extract', asm: 'fxtract', lanes: 'bits', count: 2000, x87: true, prep: x87Prep('none') });

/** Packed BCD at [r14+16]: valid digits of every length, both signs, -0, sometimes an invalid digit or junk in byte 9. */
function bcdPrep(base: (s: FloatState, rng: Rng) => void) {
  return (s: FloatState, rng: Rng): void => {
    base(s, rng);
    const n = rng.below(19);
    for (let k = 0; k < 9; k++) {
      const lo = 2 * k < n ? rng.below(10) : 0, hi = 2 * k + 1 < n ? rng.below(10) : 0;
      s.mem[16 + k] = (hi << 4) | lo;
    }
    if (rng.below(50) === 0) s.mem[16 + rng.below(9)] = rng.below(256);
    s.mem[25] = (rng.below(2) ? 0x80 : 0) | (rng.below(8) === 0 ? rng.below(128) : 0);
  };
}
/** ST(0) near the packed BCD range: integers and fractions up to 10^18 and just beyond. */
function bcdStorePrep(base: (s: FloatState, rng: Rng) => void) {
  return (s: FloatState, rng: Rng): void => {
    base(s, rng);
    if (rng.below(5) === 0) return;
    const fx = new DataView(s.fx.buffer);
    const e = rng.below(4) === 0 ? 59 + rng.below(3) : rng.below(62) - 2; // 10^18 is about 2^59.8
    const hi = (rng.u32() | 0x80000000) >>> 0, lo = rng.below(3) === 0 ? 0 : rng.u32();
    fx.setInt32(32, lo | 0, true); fx.setInt32(36, hi | 0, true); fx.setUint16(40, (rng.below(2) ? 0x8000 : 0) | (16383 + e), true);
    if (rng.below(10) === 0) { fx.setInt32(32, 0xfffc0000 | 0, true); fx.setInt32(36, 0xde0b6b3a | 0, true); fx.setUint16(40, 16383 + 59, true); } // 10^18 - 1 and neighbours
  };
}
add({ name: 'fbld m80', family: 'x87 bcd', asm: 'fbld tbyte ptr [r14+16]', lanes: 'bits', count: 2000, x87: true, prep: bcdPrep(x87Prep('none')) });
add({ name: 'fbstp m80', family: 'x87 bcd', asm: 'fbstp tbyte ptr [r14+16]', lanes: 'bits', count: 3000, x87: true, prep: bcdStorePrep(x87Prep('none')) });

/** An environment image at [r14+16] (16- or 32-bit format): a random FCW, an FSW without pending unmasked exceptions, any tags. */
function envPrep(base: (s: FloatState, rng: Rng) => void, w: 2 | 4, withRegs: boolean) {
  return (s: FloatState, rng: Rng): void => {
    base(s, rng);
    const m = new DataView(s.mem.buffer), put = (k: number, v: number): void => { if (w === 2) m.setUint16(16 + 2 * k, v, true); else m.setUint32(16 + 4 * k, v >>> 0, true); };
    const fcw = 0x7f | (rng.below(4) << 8) | (rng.below(4) << 10) | (rng.below(4) === 0 ? rng.below(0x10000) & 0xe0c0 : 0);
    put(0, fcw | (w === 4 ? 0xffff0000 : 0));
    put(1, (rng.below(8) << 11) | (rng.below(0x10000) & 0x477f & ~0x80));
    put(2, rng.below(0x10000));
    for (let k = 3; k < 7; k++) put(k, rng.below(4) === 0 ? rng.u32() : 0);
    if (withRegs) {
      for (let k = 0; k < 8; k++) {
        const [lo, hi, se] = genF80(rng), o = 16 + 7 * w + 10 * k;
        m.setInt32(o, lo, true); m.setInt32(o + 4, hi, true); m.setUint16(o + 8, se, true);
      }
    }
  };
}
const ENV = 'x87 environment/state';
for (const [w, o16] of [[4, ''], [2, 'data16 ']] as [2 | 4, string][]) {
  const fmt = w === 2 ? '16-bit' : '32-bit';
  add({ name: `fnstenv ${fmt}`, family: ENV, asm: `${o16}fnstenv [r14+16]`, lanes: 'bits', count: 1000, x87: true, prep: x87Prep('none') });
  add({ name: `fnsave ${fmt}`, family: ENV, asm: `${o16}fnsave [r14+16]`, lanes: 'bits', count: 1000, x87: true, prep: x87Prep('none') });
  add({ name: `fldenv ${fmt}`, family: ENV, asm: `${o16}fldenv [r14+16]`, lanes: 'bits', count: 1000, x87: true, prep: envPrep(x87Prep('none'), w, false) });
  add({ name: `frstor ${fmt}`, family: ENV, asm: `${o16}frstor [r14+16]`, lanes: 'bits', count: 1000, x87: true, prep: envPrep(x87Prep('none'), w, true) });
}

// ---------------------------------------------------------------- x87 transcendentals
/** Put an 80-bit value in ST(k) of the FXSAVE image (and mark it in use). */
function setSt80(s: FloatState, k: number, lo: number, hi: number, se: number): void {
  const fx = new DataView(s.fx.buffer);
  fx.setInt32(32 + 16 * k, lo | 0, true); fx.setInt32(36 + 16 * k, hi | 0, true); fx.setUint16(40 + 16 * k, se, true);
  const top = (fx.getUint16(2, true) >> 11) & 7;
  fx.setUint8(4, fx.getUint8(4) | (1 << ((top + k) & 7)));
}
/** An 80-bit value from a double (exact), with the low significand bits optionally randomised. */
function f80FromNumber(x: number, rng: Rng, jitter: boolean): [number, number, number] {
  const b = new DataView(new ArrayBuffer(8)); b.setFloat64(0, x);
  const hi = b.getUint32(0), lo = b.getUint32(4);
  const e = (hi >>> 20) & 0x7ff;
  if (e === 0) return [0, 0, hi >>> 31 ? 0x8000 : 0];
  const sigHi = (0x80000000 | ((hi & 0xfffff) << 11) | (lo >>> 21)) >>> 0, sigLo = (lo << 11) >>> 0;
  return [jitter ? (sigLo ^ (rng.u32() & 0x7ff)) : sigLo, sigHi, (hi >>> 31 ? 0x8000 : 0) | (e - 1023 + 16383)];
}
/** ST(k) = a value whose exponent is 16383 + lo..hi (random significand and sign unless `positive`). */
function stInRange(s: FloatState, rng: Rng, k: number, lo: number, hi: number, positive = false): void {
  setSt80(s, k, rng.u32(), rng.u32() | 0x80000000, (positive || rng.below(2) ? 0 : 0x8000) | (16383 + lo + rng.below(hi - lo + 1)));
}
const TRIG = 'x87 transcendental (within 1 ulp)';
/** Keep ST(0) if it is special (zero, denormal, infinity, NaN) or its exponent is at most `maxExp`; else replace it by a small value. */
function inDomainOrSpecial(s: FloatState, rng: Rng, maxExp: number): void {
  const fx = new DataView(s.fx.buffer), e = fx.getUint16(40, true) & 0x7fff;
  if (e !== 0x7fff && e > maxExp) stInRange(s, rng, 0, -40, maxExp - 16383);
}
function trigPrep(s: FloatState, rng: Rng): void {
  x87Prep('none')(s, rng);
  const r = rng.below(10);
  if (r < 5) stInRange(s, rng, 0, -20, 8);
  else if (r < 7) { const [lo, hi, se] = f80FromNumber((rng.below(2000) - 1000) * Math.PI / 2, rng, rng.below(2) === 0); setSt80(s, 0, lo, hi, se); }
  else if (r === 7) stInRange(s, rng, 0, 9, 64);
}
for (const op of ['fsin', 'fcos', 'fsincos', 'fptan']) add({ name: op, family: TRIG, asm: op, lanes: 'bits', count: 2500, x87: true, x87Ulps: 1, prep: trigPrep });
add({
  name: 'fpatan', family: TRIG, asm: 'fpatan', lanes: 'bits', count: 2500, x87: true, x87Ulps: 1,
  prep: (s, rng) => { x87Prep('none')(s, rng); if (rng.below(4)) { stInRange(s, rng, 0, -30, 30); stInRange(s, rng, 1, -30, 30); } },
});
add({
  name: 'f2xm1', family: TRIG, asm: 'f2xm1', lanes: 'bits', count: 2500, x87: true, x87Ulps: 1,
  // Only -1 <= x <= 1 (the SDM leaves other results undefined), plus zeros, denormals, infinities and NaNs.
  prep: (s, rng) => {
    x87Prep('none')(s, rng);
    const r = rng.below(10);
    if (r < 7) stInRange(s, rng, 0, -70, -1);
    else if (r === 7) setSt80(s, 0, 0, 0x80000000, (rng.below(2) ? 0x8000 : 0) | 16383); // +-1
    else inDomainOrSpecial(s, rng, 16382);
  },
});
add({
  name: 'fyl2x', family: TRIG, asm: 'fyl2x', lanes: 'bits', count: 2500, x87: true, x87Ulps: 1,
  prep: (s, rng) => {
    x87Prep('none')(s, rng);
    const r = rng.below(10);
    if (r < 5) stInRange(s, rng, 0, -100, 100, true);
    else if (r < 7) setSt80(s, 0, rng.below(2) ? rng.below(1 << 20) : -rng.below(1 << 20), rng.below(2) ? 0x80000000 : -1, 16383 - rng.below(2)); // near 1
    else if (r === 7) setSt80(s, 0, 0, 0x80000000, 16383 + rng.below(200) - 100); // powers of two
    if (rng.below(4)) stInRange(s, rng, 1, -30, 30);
  },
});
add({
  name: 'fyl2xp1', family: TRIG, asm: 'fyl2xp1', lanes: 'bits', count: 2500, x87: true, x87Ulps: 1,
  // Only |x| < 1 - sqrt(2)/2 (the SDM leaves other results undefined), plus zeros, denormals, infinities and NaNs.
  prep: (s, rng) => {
    x87Prep('none')(s, rng);
    if (rng.below(5)) stInRange(s, rng, 0, -80, -3); else inDomainOrSpecial(s, rng, 16380);
    if (rng.below(4)) stInRange(s, rng, 1, -30, 30);
  },
});
