// Decodes the memory form of a ModRM byte (with SIB and displacement) into the Instr memory fields, 16/32/64-bit addressing.
import type { ByteReader } from './byte-reader';
import { type Instr, REG_NONE, REG_RIP, Seg } from './instr';

/** 16-bit addressing (SDM Vol. 2, Table 2-1): base and index per ModRM.rm. */
const BASE16 = [3, 3, 5, 5, 6, 7, 5, 3]; // BX, BX, BP, BP, SI, DI, BP, BX
const INDEX16 = [6, 7, 6, 7, REG_NONE, REG_NONE, REG_NONE, REG_NONE]; // SI, DI

/**
 * Reads SIB and displacement for a ModRM with mod != 3 and fills memBase, memIndex, memScale,
 * dispLo/dispHi and the default memSeg (SS for rBP/rSP bases, else DS). `asize` is 2, 4 or 8.
 */
export function decodeModrmMemory(rd: ByteReader, modrm: number, asize: number, rex: number, out: Instr): void {
  const mod = modrm >> 6;
  const rm = modrm & 7;
  out.memIndex = REG_NONE;
  out.memScale = 0;
  out.dispHi = 0;
  let disp = 0;
  if (asize === 2) {
    if (mod === 0 && rm === 6) {
      out.memBase = REG_NONE;
      disp = rd.u16();
      out.memSeg = Seg.DS;
    } else {
      out.memBase = BASE16[rm];
      out.memIndex = INDEX16[rm];
      out.memSeg = out.memBase === 5 ? Seg.SS : Seg.DS;
      if (mod === 1) disp = (rd.u8() << 24) >> 24;
      else if (mod === 2) disp = (rd.u16() << 16) >> 16;
    }
    out.dispLo = disp;
    out.dispHi = disp < 0 ? -1 : 0;
    return;
  }
  let base: number;
  if (rm === 4) {
    const sib = rd.u8();
    const idx = ((sib >> 3) & 7) | ((rex & 2) << 2);
    out.memIndex = idx === 4 ? REG_NONE : idx;
    out.memScale = sib >> 6;
    base = (sib & 7) | ((rex & 1) << 3);
    if ((sib & 7) === 5 && mod === 0) {
      base = REG_NONE;
      disp = rd.i32();
    }
  } else if (rm === 5 && mod === 0) {
    // disp32 alone; in 64-bit mode (asize 8, or 4 with 67h) it is RIP/EIP-relative.
    base = asize === 8 || (asize === 4 && out.bits === 64) ? REG_RIP : REG_NONE;
    disp = rd.i32();
  } else {
    base = rm | ((rex & 1) << 3);
  }
  if (mod === 1) disp = (rd.u8() << 24) >> 24;
  else if (mod === 2) disp = rd.i32();
  out.memBase = base;
  out.memSeg = base === 4 || base === 5 ? Seg.SS : Seg.DS;
  out.dispLo = disp;
  out.dispHi = disp < 0 ? -1 : 0;
}
