// SSE/SSE2/SSSE3/SSE4.1 packed integer and bitwise instructions on XMM registers: logic, add/subtract (wrapping and saturating), compare, min/max, average, multiply, shifts, unpack, pack, shuffles, PALIGNR, PTEST.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { ARITH_FLAGS, CF, ZF } from '../registers';
import { putFlags } from './result-flags';
import { destXmm, readXmm, setXmm, sseCheck } from './sse-availability';
import { register } from './registry';

// Scratch vectors with lane views (little-endian hosts, as every JS engine that runs this is).
const DB = new ArrayBuffer(16), SB = new ArrayBuffer(16), RB = new ArrayBuffer(32);
const D32 = new Int32Array(DB), S32 = new Int32Array(SB);
const D8 = new Uint8Array(DB), S8 = new Uint8Array(SB), D8s = new Int8Array(DB), S8s = new Int8Array(SB);
const D16 = new Uint16Array(DB), S16 = new Uint16Array(SB), D16s = new Int16Array(DB), S16s = new Int16Array(SB);
const D32u = new Uint32Array(DB), S32u = new Uint32Array(SB);
const R8 = new Uint8Array(RB), R32 = new Int32Array(RB), R16 = new Uint16Array(RB);

/** Load destination register and source operand into the scratch vectors; returns the destination register. */
function load(cpu: Cpu, i: Instr): number {
  if (i.k0 === OpKind.Mmx || i.k1 === OpKind.Mmx) throw new CpuFault(6);
  sseCheck(cpu);
  const d = destXmm(i);
  const x = cpu.xmm, b = d << 2;
  D32[0] = x[b]; D32[1] = x[b + 1]; D32[2] = x[b + 2]; D32[3] = x[b + 3];
  readXmm(cpu, i, 1, S32);
  return d;
}

/** Register a two-operand packed op: `f` computes D from D and S in the scratch vectors. */
function packed(names: string | string[], f: () => void): void {
  register(names, (cpu: Cpu, i: Instr): void => {
    const d = load(cpu, i);
    f();
    setXmm(cpu, d, D32);
  });
}

// ---- bitwise (PAND/POR/PXOR/PANDN and the ps/pd twins; the bits are the same) ----
packed(['pand', 'andps', 'andpd'], () => { for (let k = 0; k < 4; k++) D32[k] &= S32[k]; });
packed(['por', 'orps', 'orpd'], () => { for (let k = 0; k < 4; k++) D32[k] |= S32[k]; });
packed(['pxor', 'xorps', 'xorpd'], () => { for (let k = 0; k < 4; k++) D32[k] ^= S32[k]; });
packed(['pandn', 'andnps', 'andnpd'], () => { for (let k = 0; k < 4; k++) D32[k] = ~D32[k] & S32[k]; });

// ---- add / subtract ----
packed('paddb', () => { for (let k = 0; k < 16; k++) D8[k] += S8[k]; });
packed('paddw', () => { for (let k = 0; k < 8; k++) D16[k] += S16[k]; });
packed('paddd', () => { for (let k = 0; k < 4; k++) D32[k] = (D32[k] + S32[k]) | 0; });
packed('psubb', () => { for (let k = 0; k < 16; k++) D8[k] -= S8[k]; });
packed('psubw', () => { for (let k = 0; k < 8; k++) D16[k] -= S16[k]; });
packed('psubd', () => { for (let k = 0; k < 4; k++) D32[k] = (D32[k] - S32[k]) | 0; });
function add64(sub: boolean): () => void {
  return () => {
    for (let k = 0; k < 4; k += 2) {
      const a = D32[k] >>> 0, b = S32[k] >>> 0;
      const t = sub ? a - b : a + b;
      D32[k] = t | 0;
      D32[k + 1] = (sub ? D32[k + 1] - S32[k + 1] - (t < 0 ? 1 : 0) : D32[k + 1] + S32[k + 1] + (t >= 4294967296 ? 1 : 0)) | 0;
    }
  };
}
packed('paddq', add64(false));
packed('psubq', add64(true));
const sat = (v: number, lo: number, hi: number): number => (v < lo ? lo : v > hi ? hi : v);
packed('paddsb', () => { for (let k = 0; k < 16; k++) D8s[k] = sat(D8s[k] + S8s[k], -128, 127); });
packed('paddsw', () => { for (let k = 0; k < 8; k++) D16s[k] = sat(D16s[k] + S16s[k], -32768, 32767); });
packed('paddusb', () => { for (let k = 0; k < 16; k++) D8[k] = sat(D8[k] + S8[k], 0, 255); });
packed('paddusw', () => { for (let k = 0; k < 8; k++) D16[k] = sat(D16[k] + S16[k], 0, 65535); });
packed('psubsb', () => { for (let k = 0; k < 16; k++) D8s[k] = sat(D8s[k] - S8s[k], -128, 127); });
packed('psubsw', () => { for (let k = 0; k < 8; k++) D16s[k] = sat(D16s[k] - S16s[k], -32768, 32767); });
packed('psubusb', () => { for (let k = 0; k < 16; k++) D8[k] = sat(D8[k] - S8[k], 0, 255); });
packed('psubusw', () => { for (let k = 0; k < 8; k++) D16[k] = sat(D16[k] - S16[k], 0, 65535); });

// ---- compare ----
packed('pcmpeqb', () => { for (let k = 0; k < 16; k++) D8[k] = D8[k] === S8[k] ? 0xff : 0; });
packed('pcmpeqw', () => { for (let k = 0; k < 8; k++) D16[k] = D16[k] === S16[k] ? 0xffff : 0; });
packed('pcmpeqd', () => { for (let k = 0; k < 4; k++) D32[k] = D32[k] === S32[k] ? -1 : 0; });
packed('pcmpeqq', () => { for (let k = 0; k < 4; k += 2) { const e = D32[k] === S32[k] && D32[k + 1] === S32[k + 1] ? -1 : 0; D32[k] = e; D32[k + 1] = e; } });
packed('pcmpgtb', () => { for (let k = 0; k < 16; k++) D8s[k] = D8s[k] > S8s[k] ? -1 : 0; });
packed('pcmpgtw', () => { for (let k = 0; k < 8; k++) D16s[k] = D16s[k] > S16s[k] ? -1 : 0; });
packed('pcmpgtd', () => { for (let k = 0; k < 4; k++) D32[k] = D32[k] > S32[k] ? -1 : 0; });
packed('pcmpgtq', () => {
  for (let k = 0; k < 4; k += 2) {
    const gt = D32[k + 1] > S32[k + 1] || (D32[k + 1] === S32[k + 1] && (D32[k] >>> 0) > (S32[k] >>> 0));
    D32[k] = D32[k + 1] = gt ? -1 : 0;
  }
});

// ---- min / max / average / absolute value / sign ----
packed('pminub', () => { for (let k = 0; k < 16; k++) if (S8[k] < D8[k]) D8[k] = S8[k]; });
packed('pmaxub', () => { for (let k = 0; k < 16; k++) if (S8[k] > D8[k]) D8[k] = S8[k]; });
packed('pminsb', () => { for (let k = 0; k < 16; k++) if (S8s[k] < D8s[k]) D8s[k] = S8s[k]; });
packed('pmaxsb', () => { for (let k = 0; k < 16; k++) if (S8s[k] > D8s[k]) D8s[k] = S8s[k]; });
packed('pminuw', () => { for (let k = 0; k < 8; k++) if (S16[k] < D16[k]) D16[k] = S16[k]; });
packed('pmaxuw', () => { for (let k = 0; k < 8; k++) if (S16[k] > D16[k]) D16[k] = S16[k]; });
packed('pminsw', () => { for (let k = 0; k < 8; k++) if (S16s[k] < D16s[k]) D16s[k] = S16s[k]; });
packed('pmaxsw', () => { for (let k = 0; k < 8; k++) if (S16s[k] > D16s[k]) D16s[k] = S16s[k]; });
packed('pminud', () => { for (let k = 0; k < 4; k++) if (S32u[k] < D32u[k]) D32u[k] = S32u[k]; });
packed('pmaxud', () => { for (let k = 0; k < 4; k++) if (S32u[k] > D32u[k]) D32u[k] = S32u[k]; });
packed('pminsd', () => { for (let k = 0; k < 4; k++) if (S32[k] < D32[k]) D32[k] = S32[k]; });
packed('pmaxsd', () => { for (let k = 0; k < 4; k++) if (S32[k] > D32[k]) D32[k] = S32[k]; });
packed('pavgb', () => { for (let k = 0; k < 16; k++) D8[k] = (D8[k] + S8[k] + 1) >> 1; });
packed('pavgw', () => { for (let k = 0; k < 8; k++) D16[k] = (D16[k] + S16[k] + 1) >> 1; });
packed('pabsb', () => { for (let k = 0; k < 16; k++) D8[k] = Math.abs(S8s[k]); });
packed('pabsw', () => { for (let k = 0; k < 8; k++) D16[k] = Math.abs(S16s[k]); });
packed('pabsd', () => { for (let k = 0; k < 4; k++) D32[k] = Math.abs(S32[k]) | 0; });

// ---- multiply ----
packed('pmullw', () => { for (let k = 0; k < 8; k++) D16[k] = Math.imul(D16[k], S16[k]); });
packed('pmulhw', () => { for (let k = 0; k < 8; k++) D16s[k] = (D16s[k] * S16s[k]) >> 16; });
packed('pmulhuw', () => { for (let k = 0; k < 8; k++) D16[k] = (D16[k] * S16[k]) >>> 16; });
packed('pmulld', () => { for (let k = 0; k < 4; k++) D32[k] = Math.imul(D32[k], S32[k]); });
packed('pmaddwd', () => { for (let k = 0; k < 4; k++) D32[k] = (D16s[2 * k] * S16s[2 * k] + D16s[2 * k + 1] * S16s[2 * k + 1]) | 0; });
packed('pmuludq', () => {
  for (let k = 0; k < 4; k += 2) {
    const a = D32u[k], b = S32u[k];
    const al = a & 0xffff, ah = a >>> 16, bl = b & 0xffff, bh = b >>> 16;
    const ll = al * bl, mid = ah * bl + al * bh, hh = ah * bh;
    const lo = ll + (mid % 65536) * 65536;
    D32[k] = lo % 4294967296 | 0;
    D32[k + 1] = (hh + Math.floor(mid / 65536) + Math.floor(lo / 4294967296)) | 0;
  }
});
packed('psadbw', () => {
  for (let h = 0; h < 2; h++) {
    let s = 0;
    for (let k = 0; k < 8; k++) s += Math.abs(D8[h * 8 + k] - S8[h * 8 + k]);
    D32[h * 2] = s; D32[h * 2 + 1] = 0;
  }
});

// ---- unpack (interleave) ----
function unpack(lanes: number, laneBytes: number, high: boolean): () => void {
  return () => {
    const base = high ? 8 : 0;
    for (let k = 0; k < lanes / 2; k++) {
      for (let b = 0; b < laneBytes; b++) {
        R8[2 * k * laneBytes + b] = D8[base + k * laneBytes + b];
        R8[(2 * k + 1) * laneBytes + b] = S8[base + k * laneBytes + b];
      }
    }
    D32[0] = R32[0]; D32[1] = R32[1]; D32[2] = R32[2]; D32[3] = R32[3];
  };
}
packed('punpcklbw', unpack(16, 1, false)); packed('punpckhbw', unpack(16, 1, true));
packed('punpcklwd', unpack(8, 2, false)); packed('punpckhwd', unpack(8, 2, true));
packed(['punpckldq', 'unpcklps'], unpack(4, 4, false)); packed(['punpckhdq', 'unpckhps'], unpack(4, 4, true));
packed(['punpcklqdq', 'unpcklpd'], unpack(2, 8, false)); packed(['punpckhqdq', 'unpckhpd'], unpack(2, 8, true));

// ---- pack with saturation ----
packed('packsswb', () => {
  for (let k = 0; k < 8; k++) { R8[k] = sat(D16s[k], -128, 127) & 0xff; R8[k + 8] = sat(S16s[k], -128, 127) & 0xff; }
  for (let k = 0; k < 4; k++) D32[k] = R32[k];
});
packed('packuswb', () => {
  for (let k = 0; k < 8; k++) { R8[k] = sat(D16s[k], 0, 255); R8[k + 8] = sat(S16s[k], 0, 255); }
  for (let k = 0; k < 4; k++) D32[k] = R32[k];
});
packed('packssdw', () => {
  for (let k = 0; k < 4; k++) { R16[k] = sat(D32[k], -32768, 32767) & 0xffff; R16[k + 4] = sat(S32[k], -32768, 32767) & 0xffff; }
  for (let k = 0; k < 4; k++) D32[k] = R32[k];
});
packed('packusdw', () => {
  for (let k = 0; k < 4; k++) { R16[k] = sat(D32[k], 0, 65535); R16[k + 4] = sat(S32[k], 0, 65535); }
  for (let k = 0; k < 4; k++) D32[k] = R32[k];
});

// ---- byte shuffle, align ----
packed('pshufb', () => {
  for (let k = 0; k < 16; k++) R8[k] = S8[k] & 0x80 ? 0 : D8[S8[k] & 15];
  for (let k = 0; k < 4; k++) D32[k] = R32[k];
});

/** Three-operand forms with an immediate (PSHUFD, PSHUFLW/HW, SHUFPS, PALIGNR): `f` gets the immediate. */
function packedImm(names: string | string[], f: (imm: number) => void): void {
  register(names, (cpu: Cpu, i: Instr): void => {
    const d = load(cpu, i);
    f(i.immLo & 0xff);
    setXmm(cpu, d, D32);
  });
}
packedImm('pshufd', (imm) => { for (let k = 0; k < 4; k++) R32[k] = S32[(imm >> (2 * k)) & 3]; for (let k = 0; k < 4; k++) D32[k] = R32[k]; });
packedImm('pshuflw', (imm) => {
  for (let k = 0; k < 4; k++) R16[k] = S16[(imm >> (2 * k)) & 3];
  D32[0] = R32[0]; D32[1] = R32[1]; D32[2] = S32[2]; D32[3] = S32[3];
});
packedImm('pshufhw', (imm) => {
  for (let k = 0; k < 4; k++) R16[k] = S16[4 + ((imm >> (2 * k)) & 3)];
  D32[0] = S32[0]; D32[1] = S32[1]; D32[2] = R32[0]; D32[3] = R32[1];
});
packedImm('shufps', (imm) => {
  const a = D32[imm & 3], b = D32[(imm >> 2) & 3], c = S32[(imm >> 4) & 3], e = S32[(imm >> 6) & 3];
  D32[0] = a; D32[1] = b; D32[2] = c; D32[3] = e;
});
packedImm('shufpd', (imm) => {
  const a0 = D32[(imm & 1) * 2], a1 = D32[(imm & 1) * 2 + 1], b0 = S32[((imm >> 1) & 1) * 2], b1 = S32[((imm >> 1) & 1) * 2 + 1];
  D32[0] = a0; D32[1] = a1; D32[2] = b0; D32[3] = b1;
});
packedImm('palignr', (imm) => {
  // (dest:src) >> (imm * 8), low 16 bytes.
  for (let k = 0; k < 16; k++) {
    const n = k + imm;
    R8[k] = n < 16 ? S8[n] : n < 32 ? D8[n - 16] : 0;
  }
  for (let k = 0; k < 4; k++) D32[k] = R32[k];
});

// PTEST: ZF = (dest AND src) = 0, CF = (NOT dest AND src) = 0; AF, OF, PF, SF cleared.
register('ptest', (cpu: Cpu, i: Instr): void => {
  load(cpu, i);
  let z = 0, c = 0;
  for (let k = 0; k < 4; k++) { z |= D32[k] & S32[k]; c |= ~D32[k] & S32[k]; }
  putFlags(cpu, ARITH_FLAGS, (z === 0 ? ZF : 0) | (c === 0 ? CF : 0));
});

// ---- shifts: by an immediate (Ux,Ib) or by the low quadword of an XMM/m128 operand ----
function shiftCount(cpu: Cpu, i: Instr): number {
  if (i.k1 === OpKind.Imm) return i.immLo & 0xff;
  // The count is the whole low quadword: anything above 2^32 is "large" as well.
  return S32[1] !== 0 ? 0x7fffffff : S32[0] >>> 0;
}
function shifter(name: string, f: (n: number) => void): void {
  register(name, (cpu: Cpu, i: Instr): void => {
    if (i.k0 === OpKind.Mmx) throw new CpuFault(6);
    sseCheck(cpu);
    const d = destXmm(i);
    const x = cpu.xmm, b = d << 2;
    D32[0] = x[b]; D32[1] = x[b + 1]; D32[2] = x[b + 2]; D32[3] = x[b + 3];
    if (i.k1 !== OpKind.Imm) readXmm(cpu, i, 1, S32);
    f(shiftCount(cpu, i));
    setXmm(cpu, d, D32);
  });
}
shifter('psllw', (n) => { for (let k = 0; k < 8; k++) D16[k] = n > 15 ? 0 : D16[k] << n; });
shifter('psrlw', (n) => { for (let k = 0; k < 8; k++) D16[k] = n > 15 ? 0 : D16[k] >>> n; });
shifter('psraw', (n) => { for (let k = 0; k < 8; k++) D16s[k] = D16s[k] >> (n > 15 ? 15 : n); });
shifter('pslld', (n) => { for (let k = 0; k < 4; k++) D32[k] = n > 31 ? 0 : D32[k] << n; });
shifter('psrld', (n) => { for (let k = 0; k < 4; k++) D32[k] = n > 31 ? 0 : D32[k] >>> n; });
shifter('psrad', (n) => { for (let k = 0; k < 4; k++) D32[k] = D32[k] >> (n > 31 ? 31 : n); });
shifter('psllq', (n) => {
  for (let k = 0; k < 4; k += 2) {
    const lo = D32[k], hi = D32[k + 1];
    if (n > 63) { D32[k] = 0; D32[k + 1] = 0; }
    else if (n >= 32) { D32[k + 1] = lo << (n - 32); D32[k] = 0; }
    else if (n > 0) { D32[k + 1] = (hi << n) | (lo >>> (32 - n)); D32[k] = lo << n; }
  }
});
shifter('psrlq', (n) => {
  for (let k = 0; k < 4; k += 2) {
    const lo = D32[k], hi = D32[k + 1];
    if (n > 63) { D32[k] = 0; D32[k + 1] = 0; }
    else if (n >= 32) { D32[k] = hi >>> (n - 32); D32[k + 1] = 0; }
    else if (n > 0) { D32[k] = (lo >>> n) | (hi << (32 - n)); D32[k + 1] = hi >>> n; }
  }
});
shifter('pslldq', (n) => {
  const s = n > 16 ? 16 : n;
  for (let k = 15; k >= 0; k--) R8[k] = k >= s ? D8[k - s] : 0;
  for (let k = 0; k < 4; k++) D32[k] = R32[k];
});
shifter('psrldq', (n) => {
  const s = n > 16 ? 16 : n;
  for (let k = 0; k < 16; k++) R8[k] = k + s < 16 ? D8[k + s] : 0;
  for (let k = 0; k < 4; k++) D32[k] = R32[k];
});
