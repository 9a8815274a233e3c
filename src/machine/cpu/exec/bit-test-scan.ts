// BT, BTS, BTR, BTC (register and memory bit strings with signed offsets), BSF, BSR, TZCNT, LZCNT and POPCNT.
import type { Cpu } from '../cpu';
import { type Instr, OpKind } from '../instr';
import { effectiveOffset, readOperand, segLinear } from '../operands';
import { ARITH_FLAGS, CF, ZF } from '../registers';
import { WIDTH, putFlags } from './result-flags';
import { register } from './registry';

const TWO32 = 4294967296;

const BT = 0, BTS = 1, BTR = 2, BTC = 3;

/** Offset wrapped to the address size (64-bit offsets stay signed numbers). */
function wrapOffset(asize: number, off: number): number {
  if (asize === 8) return off;
  if (asize === 4) return ((off % TWO32) + TWO32) % TWO32;
  return ((off % 65536) + 65536) % 65536;
}

function bitTest(kind: number) {
  return (cpu: Cpu, i: Instr): void => {
    const size = i.s0, w = WIDTH[size];
    let off = readOperand(cpu, i, 1);
    const offHi = cpu.hi;
    if (i.k0 === OpKind.Reg) {
      const bit = off & (w - 1);
      let lo = cpu.getReg(i.r0, size), hi = cpu.hi;
      const word = bit >= 32 ? hi : lo, b = bit & 31;
      const cf = (word >>> b) & 1;
      if (kind !== BT) {
        const m = 1 << b;
        const nw = kind === BTS ? word | m : kind === BTR ? word & ~m : word ^ m;
        if (bit >= 32) hi = nw; else lo = nw;
        cpu.setReg(i.r0, size, lo, hi);
      }
      putFlags(cpu, CF, cf ? CF : 0);
      return;
    }
    // Memory bit string: an immediate offset stays within the operand; a register offset is a
    // signed bit index that may address memory below or beyond it (SDM BT, "bit base").
    let delta = 0;
    if (i.k1 === OpKind.Imm) off &= w - 1;
    else {
      const s = size === 2 ? (off << 16) >> 16 : size === 4 ? off | 0 : (offHi | 0) * TWO32 + (off >>> 0);
      const unit = Math.floor(s / w);
      delta = unit * size;
      off = s - unit * w;
    }
    const lin = segLinear(cpu, i.memSeg, wrapOffset(i.asize, effectiveOffset(cpu, i) + delta), size, kind !== BT);
    // Only the addressed byte is tested or changed; the access width is the operand size.
    const v = cpu.readSized(lin, size), vh = cpu.hi;
    const word = off >= 32 ? vh : v, b = off & 31;
    const cf = (word >>> b) & 1;
    if (kind !== BT) {
      const m = 1 << b;
      const nw = kind === BTS ? word | m : kind === BTR ? word & ~m : word ^ m;
      if (off >= 32) cpu.writeSized(lin, size, v, nw); else cpu.writeSized(lin, size, nw, vh);
    }
    putFlags(cpu, CF, cf ? CF : 0);
  };
}
register('bt', bitTest(BT));
register('bts', bitTest(BTS));
register('btr', bitTest(BTR));
register('btc', bitTest(BTC));

/** Index of the lowest set bit of a nonzero value (size 8: lo/hi). */
function lowest(lo: number, hi: number): number {
  return lo !== 0 ? 31 - Math.clz32(lo & -lo) : 63 - Math.clz32(hi & -hi);
}
/** Index of the highest set bit of a nonzero value. */
function highest(lo: number, hi: number): number {
  return hi !== 0 ? 63 - Math.clz32(hi) : 31 - Math.clz32(lo);
}

/** Read the source of a scan, zero-extended to 64 bits in (lo, hi). */
let srcHi = 0;
function scanSource(cpu: Cpu, i: Instr): number {
  const size = i.s0;
  const v = readOperand(cpu, i, 1);
  srcHi = size === 8 ? cpu.hi : 0;
  return size === 2 ? v & 0xffff : v;
}

// BSF/BSR: ZF = source is zero, and then the destination is left unchanged (as Intel CPUs and
// QEMU do; the SDM calls it undefined). CF, OF, SF, AF, PF are undefined: cleared here.
register('bsf', (cpu: Cpu, i: Instr): void => {
  const lo = scanSource(cpu, i), hi = srcHi;
  if ((lo | hi) === 0) { putFlags(cpu, ARITH_FLAGS, ZF); return; }
  cpu.setReg(i.r0, i.s0, lowest(lo, hi), 0);
  putFlags(cpu, ARITH_FLAGS, 0);
});
register('bsr', (cpu: Cpu, i: Instr): void => {
  const lo = scanSource(cpu, i), hi = srcHi;
  if ((lo | hi) === 0) { putFlags(cpu, ARITH_FLAGS, ZF); return; }
  cpu.setReg(i.r0, i.s0, highest(lo, hi), 0);
  putFlags(cpu, ARITH_FLAGS, 0);
});

// TZCNT/LZCNT: CF = source is zero (result = operand width), ZF = result is zero.
register('tzcnt', (cpu: Cpu, i: Instr): void => {
  const lo = scanSource(cpu, i), hi = srcHi;
  const w = WIDTH[i.s0];
  const r = (lo | hi) === 0 ? w : lowest(lo, hi);
  cpu.setReg(i.r0, i.s0, r, 0);
  putFlags(cpu, ARITH_FLAGS, (r === w ? CF : 0) | (r === 0 ? ZF : 0));
});
register('lzcnt', (cpu: Cpu, i: Instr): void => {
  const lo = scanSource(cpu, i), hi = srcHi;
  const w = WIDTH[i.s0];
  const r = (lo | hi) === 0 ? w : w - 1 - highest(lo, hi);
  cpu.setReg(i.r0, i.s0, r, 0);
  putFlags(cpu, ARITH_FLAGS, (r === w ? CF : 0) | (r === 0 ? ZF : 0));
});

function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
// POPCNT: ZF = source is zero; OF, SF, AF, CF, PF are cleared.
register('popcnt', (cpu: Cpu, i: Instr): void => {
  const lo = scanSource(cpu, i), hi = srcHi;
  cpu.setReg(i.r0, i.s0, popcount32(lo) + popcount32(hi), 0);
  putFlags(cpu, ARITH_FLAGS, (lo | hi) === 0 ? ZF : 0);
});
