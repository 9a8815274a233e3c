// ModRM/SIB/displacement encoding of memory operands in 16-, 32- and 64-bit addressing (Intel SDM Vol. 2, 2.1.5).

import type { MemOperand } from './statement';
import { RegClass } from './registers';

/** The address part of an encoding: ModRM mod/rm, optional SIB, displacement, REX bits, 67h need. */
export interface AddressEncoding {
  mod: number;
  rm: number;
  sib: number; // -1 when absent
  dispSize: 0 | 1 | 2 | 4;
  disp: bigint;
  rexX: boolean;
  rexB: boolean;
  /** Address size in bits (16, 32, 64). */
  asize: 16 | 32 | 64;
  /** The displacement is RIP-relative: the final value is disp - (address of next instruction). */
  ripRel: boolean;
  error?: string;
}

const PAIRS16: Record<string, number> = { 'bx+si': 0, 'bx+di': 1, 'bp+si': 2, 'bp+di': 3, 'si': 4, 'di': 5, 'bp': 6, 'bx': 7 };

function fitsS8(v: bigint): boolean { return v >= -128n && v <= 127n; }

/**
 * Encodes a memory operand. `disp` is the evaluated displacement; `reloc` says it depends on a
 * label (NASM then keeps a full-size displacement); `rel` says RIP-relative was requested.
 */
export function encodeAddress(m: MemOperand, bits: 16 | 32 | 64, disp: bigint, reloc: boolean, rel: boolean, hasDisp: boolean): AddressEncoding {
  const base = m.base;
  const index = m.index;
  let asize: 16 | 32 | 64 = bits;
  const regSize = base ? base.size : index ? index.size : 0;
  if (base && base.cls === RegClass.Rip) asize = base.size === 8 ? 64 : 32;
  else if (regSize) asize = (regSize * 8) as 16 | 32 | 64;
  else if (m.dispSize === 2 && bits !== 64) asize = 16;
  else if (m.dispSize === 4 && bits === 16) asize = 32;
  const out: AddressEncoding = { mod: 0, rm: 0, sib: -1, dispSize: 0, disp: 0n, rexX: false, rexB: false, asize, ripRel: false };
  if (base && index && base.size !== index.size) return { ...out, error: 'base and index registers of different sizes' };
  if (asize === 64 && bits !== 64) return { ...out, error: '64-bit addressing is only available in 64-bit mode' };
  if (asize === 16 && bits === 64) return { ...out, error: '16-bit addressing is not available in 64-bit mode' };
  if (asize === 16) return address16(m, disp, reloc, hasDisp, out);
  const mask = asize === 64 ? (1n << 64n) - 1n : 0xffffffffn;
  let d = BigInt.asIntN(asize === 64 ? 64 : 32, disp & mask);
  if (base && base.cls === RegClass.Rip) {
    if (index) return { ...out, error: 'RIP-relative addressing cannot have an index register' };
    return { ...out, mod: 0, rm: 5, dispSize: 4, disp: d, ripRel: false };
  }
  let b = base;
  let x = index;
  let scale = m.scale;
  // ESP/RSP cannot be an index: swap when unscaled.
  if (x && (x.num === 4) && scale === 1 && (!b || b.num !== 4)) {
    if (b) { const t = b; b = x; x = t; }
    else { b = x; x = null; }
  }
  if (x && x.num === 4) return { ...out, error: `'${x.name}' cannot be used as an index register` };
  if (!b && !x) {
    if (bits === 64 && rel) {
      return { ...out, mod: 0, rm: 5, dispSize: 4, disp: d, ripRel: true };
    }
    if (bits === 64 || asize === 64) {
      if (d < -0x80000000n || d > 0xffffffffn) return { ...out, error: 'address does not fit in 32 bits (use a register or moffs qword form)' };
      return { ...out, mod: 0, rm: 4, sib: (4 << 3) | 5, dispSize: 4, disp: d };
    }
    return { ...out, mod: 0, rm: 5, dispSize: 4, disp: d };
  }
  const want = m.dispSize;
  let mod: number;
  let dispSize: 0 | 1 | 4;
  if (!b) {
    // index*scale with no base: SIB with base 101 and a 32-bit displacement.
    out.sib = (scaleBits(scale) << 6) | ((x!.num & 7) << 3) | 5;
    out.rexX = x!.num >= 8;
    return { ...out, mod: 0, rm: 4, dispSize: 4, disp: d };
  }
  if (want === 1) { mod = 1; dispSize = 1; }
  else if (want === 4 || want === 8) { mod = 2; dispSize = 4; }
  else if (!hasDisp || (d === 0n && !reloc)) {
    if ((b.num & 7) === 5) { mod = 1; dispSize = 1; } else { mod = 0; dispSize = 0; }
  } else if (!reloc && fitsS8(d)) { mod = 1; dispSize = 1; }
  else { mod = 2; dispSize = 4; }
  if (dispSize === 1) d = BigInt.asIntN(8, d);
  out.rexB = b.num >= 8;
  if (x || (b.num & 7) === 4) {
    const xi = x ? x.num & 7 : 4;
    out.rexX = x ? x.num >= 8 : false;
    out.sib = (scaleBits(x ? scale : 1) << 6) | (xi << 3) | (b.num & 7);
    return { ...out, mod, rm: 4, dispSize, disp: d };
  }
  return { ...out, mod, rm: b.num & 7, dispSize, disp: d };
}

function scaleBits(s: number): number { return s === 1 ? 0 : s === 2 ? 1 : s === 4 ? 2 : 3; }

function address16(m: MemOperand, disp: bigint, reloc: boolean, hasDisp: boolean, out: AddressEncoding): AddressEncoding {
  const names: string[] = [];
  if (m.base) names.push(m.base.name);
  if (m.index) {
    if (m.scale !== 1) return { ...out, error: 'scaled index is not available in 16-bit addressing' };
    names.push(m.index.name);
  }
  names.sort((a, b) => (a.startsWith('b') ? 0 : 1) - (b.startsWith('b') ? 0 : 1));
  const key = names.join('+');
  let d = BigInt.asIntN(16, disp & 0xffffn);
  if (!names.length) return { ...out, mod: 0, rm: 6, dispSize: 2, disp: d };
  const rm = PAIRS16[key];
  if (rm === undefined) return { ...out, error: `invalid 16-bit address [${key}] (use bx or bp, plus si or di)` };
  let mod: number; let dispSize: 0 | 1 | 2;
  if (m.dispSize === 1) { mod = 1; dispSize = 1; }
  else if (m.dispSize === 2 || m.dispSize === 4) { mod = 2; dispSize = 2; }
  else if (!hasDisp || (d === 0n && !reloc)) { if (rm === 6) { mod = 1; dispSize = 1; } else { mod = 0; dispSize = 0; } }
  else if (!reloc && fitsS8(d)) { mod = 1; dispSize = 1; }
  else { mod = 2; dispSize = 2; }
  if (dispSize === 1) d = BigInt.asIntN(8, d);
  return { ...out, mod, rm, dispSize, disp: d };
}
