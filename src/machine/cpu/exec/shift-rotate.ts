// SHL/SAL, SHR, SAR, ROL, ROR, RCL, RCR, SHLD and SHRD: count masking and the flags of counts 0, 1 and more as the SDM defines.
import type { Cpu } from '../cpu';
import { type Instr, OpKind } from '../instr';
import { getCF } from '../flags';
import { readDest, readOperand, writeDest } from '../operands';
import { ARITH_FLAGS, CF, OF } from '../registers';
import { SIZE_MASK, WIDTH, msb, putFlags, szp } from './result-flags';
import { register, registerBinder } from './registry';

const TWO32 = 4294967296;

/** High half of the last 64-bit helper result. */
let H = 0;

/** 64-bit shift left by n (any n >= 0; n >= 64 gives 0). Returns the low half, high half in H. */
function shl64(lo: number, hi: number, n: number): number {
  if (n === 0) { H = hi; return lo; }
  if (n >= 64) { H = 0; return 0; }
  if (n >= 32) { H = lo << (n - 32); return 0; }
  H = (hi << n) | (lo >>> (32 - n));
  return lo << n;
}
/** 64-bit logical shift right by n (n >= 64 gives 0). */
function shr64(lo: number, hi: number, n: number): number {
  if (n === 0) { H = hi; return lo; }
  if (n >= 64) { H = 0; return 0; }
  if (n >= 32) { H = 0; return hi >>> (n - 32) | 0; }
  H = hi >>> n | 0;
  return (lo >>> n) | (hi << (32 - n));
}
/** 64-bit arithmetic shift right by n (n >= 63 gives the sign). */
function sar64(lo: number, hi: number, n: number): number {
  if (n === 0) { H = hi; return lo; }
  if (n >= 63) { H = hi >> 31; return H; }
  if (n >= 32) { const r = hi >> (n - 32); H = hi >> 31; return r; }
  H = hi >> n;
  return (lo >>> n) | (hi << (32 - n));
}
/** Bit n (0..63) of a 64-bit value. */
function bit64(lo: number, hi: number, n: number): number {
  return n >= 32 ? (hi >>> (n - 32)) & 1 : (lo >>> n) & 1;
}

/** Set all six arithmetic flags eagerly from a shift result. */
function shiftFlags(cpu: Cpu, size: number, lo: number, hi: number, cf: number, of: number): void {
  cpu.flags = (cpu.flags & ~ARITH_FLAGS) | szp(size, lo, hi) | (cf ? CF : 0) | (of ? OF : 0);
  cpu.lazy = 0;
}

const SHL = 0, SHR = 1, SAR = 2, ROL = 3, ROR = 4, RCL = 5, RCR = 6;

/** The masked count: 5 bits, or 6 bits for 64-bit operands (SDM: "count is masked to 5 bits (6 in 64-bit mode with REX.W)"). */
function countOf(cpu: Cpu, i: Instr, n: number, size: number): number {
  const v = n === 1 ? (i.k1 === OpKind.Imm ? i.immLo : cpu.regs[2] /* CL */) : (i.k2 === OpKind.Imm ? i.immLo : cpu.regs[2]);
  return v & (size === 8 ? 0x3f : 0x1f);
}

function shiftRotate(kind: number) {
  return (cpu: Cpu, i: Instr): void => {
    const size = i.s0;
    const c = countOf(cpu, i, 1, size);
    let a = readDest(cpu, i);
    const W_ = WIDTH[size];
    if (size === 8) { exec64(cpu, i, kind, a, cpu.hi, c); return; }
    const m = SIZE_MASK[size];
    if (size !== 4) a &= m;
    let r: number, cf: number, of: number;
    switch (kind) {
      case SHL:
        if (c === 0) { writeDest(cpu, i, a); return; }
        r = (a << c) & m;
        cf = c <= W_ ? (a >>> (W_ - c)) & 1 : 0;
        of = msb(size, r, 0) ^ cf;
        break;
      case SHR:
        if (c === 0) { writeDest(cpu, i, a); return; }
        r = (a >>> c) & m;
        cf = c <= W_ ? (a >>> (c - 1)) & 1 : 0;
        // OF: MSB of the operand for a 1-bit shift; QEMU's MSB(value >> (count-1)) XOR MSB(result) otherwise.
        of = msb(size, (a >>> (c - 1)) & m, 0) ^ msb(size, r, 0);
        break;
      case SAR: {
        if (c === 0) { writeDest(cpu, i, a); return; }
        const sa = size === 1 ? (a << 24) >> 24 : size === 2 ? (a << 16) >> 16 : a;
        r = (sa >> c) & m;
        cf = (sa >> (c - 1)) & 1;
        of = 0;
        break;
      }
      case ROL: case ROR: {
        if (c === 0) { writeDest(cpu, i, a); return; }
        const n = c & (W_ - 1);
        r = n === 0 ? a : kind === ROL ? ((a << n) | (a >>> (W_ - n))) & m : ((a >>> n) | (a << (W_ - n))) & m;
        if (size === 4) r |= 0;
        writeDest(cpu, i, r);
        if (kind === ROL) { cf = r & 1; of = msb(size, r, 0) ^ cf; }
        else { cf = msb(size, r, 0); of = cf ^ ((r >>> (W_ - 2)) & 1); }
        putFlags(cpu, CF | OF, (cf ? CF : 0) | (of ? OF : 0));
        return;
      }
      default: { // RCL, RCR through CF: a (W+1)-bit rotate
        const n = size === 1 ? c % 9 : size === 2 ? c % 17 : c;
        if (n === 0) { writeDest(cpu, i, a); return; }
        const cin = getCF(cpu) ? 1 : 0;
        if (size === 4) {
          // 33-bit value in a double; multiplying by powers of two is exact.
          const v = cin * TWO32 + (a >>> 0);
          const M = 2 * TWO32;
          const rot = kind === RCL ? (v * 2 ** n) % M + Math.floor(v / 2 ** (33 - n)) : Math.floor(v / 2 ** n) + (v * 2 ** (33 - n)) % M;
          r = rot % TWO32 | 0;
          cf = rot >= TWO32 ? 1 : 0;
        } else {
          const v = (cin << W_) | a, vm = (m << 1) | 1;
          const rot = kind === RCL ? ((v << n) | (v >>> (W_ + 1 - n))) & vm : ((v >>> n) | (v << (W_ + 1 - n))) & vm;
          r = rot & m;
          cf = (rot >>> W_) & 1;
        }
        writeDest(cpu, i, r);
        // OF (defined for 1-bit rotates): RCL: MSB(result) XOR CF; RCR: MSB(operand) XOR old CF.
        of = kind === RCL ? msb(size, r, 0) ^ cf : msb(size, a, 0) ^ cin;
        putFlags(cpu, CF | OF, (cf ? CF : 0) | (of ? OF : 0));
        return;
      }
    }
    if (size === 4) r |= 0;
    writeDest(cpu, i, r);
    shiftFlags(cpu, size, r, 0, cf, of);
  };
}

function exec64(cpu: Cpu, i: Instr, kind: number, lo: number, hi: number, c: number): void {
  if (c === 0) { writeDest(cpu, i, lo, hi); return; }
  let rl: number, rh: number, cf: number, of: number;
  switch (kind) {
    case SHL:
      rl = shl64(lo, hi, c); rh = H;
      cf = bit64(lo, hi, 64 - c);
      of = (rh >>> 31) ^ cf;
      break;
    case SHR: {
      rl = shr64(lo, hi, c); rh = H;
      cf = bit64(lo, hi, c - 1);
      shr64(lo, hi, c - 1);
      of = (H >>> 31) ^ (rh >>> 31);
      break;
    }
    case SAR:
      rl = sar64(lo, hi, c); rh = H;
      cf = bit64(lo, hi, c - 1);
      of = 0;
      break;
    case ROL: case ROR: {
      const n = kind === ROL ? c : 64 - c;
      const al = shl64(lo, hi, n), ah = H;
      const bl = shr64(lo, hi, 64 - n), bh = H;
      rl = al | bl; rh = ah | bh;
      writeDest(cpu, i, rl, rh);
      if (kind === ROL) { cf = rl & 1; of = (rh >>> 31) ^ cf; }
      else { cf = rh >>> 31; of = cf ^ ((rh >>> 30) & 1); }
      putFlags(cpu, CF | OF, (cf ? CF : 0) | (of ? OF : 0));
      return;
    }
    default: {
      const cin = getCF(cpu) ? 1 : 0;
      if (kind === RCL) {
        // (x << n) | (cf << (n-1)) | (x >>> (65-n)); new CF = bit 64-n of x.
        const al = shl64(lo, hi, c), ah = H;
        const bl = shr64(lo, hi, 65 - c), bh = H;
        const cl = shl64(cin, 0, c - 1), ch = H;
        rl = al | bl | cl; rh = ah | bh | ch;
        cf = bit64(lo, hi, 64 - c);
        of = (rh >>> 31) ^ cf;
      } else {
        // (x >>> n) | (cf << (64-n)) | (x << (65-n)); new CF = bit n-1 of x.
        const al = shr64(lo, hi, c), ah = H;
        const bl = shl64(lo, hi, 65 - c), bh = H;
        const cl = shl64(cin, 0, 64 - c), ch = H;
        rl = al | bl | cl; rh = ah | bh | ch;
        cf = bit64(lo, hi, c - 1);
        of = (hi >>> 31) ^ cin;
      }
      writeDest(cpu, i, rl, rh);
      putFlags(cpu, CF | OF, (cf ? CF : 0) | (of ? OF : 0));
      return;
    }
  }
  writeDest(cpu, i, rl, rh);
  shiftFlags(cpu, 8, rl, rh, cf, of);
}

const NAMES: [string, number][] = [['shl', SHL], ['sal', SHL], ['shr', SHR], ['sar', SAR], ['rol', ROL], ['ror', ROR], ['rcl', RCL], ['rcr', RCR]];
for (const [m, k] of NAMES) register(m, shiftRotate(k));

// Fast forms for 32-bit register shifts by an immediate (address arithmetic, hashing loops).
for (const [m, k] of NAMES) {
  if (k !== SHL && k !== SHR && k !== SAR) continue;
  registerBinder(m, (i: Instr) => {
    if (i.k0 !== OpKind.Reg || i.s0 !== 4 || i.k1 !== OpKind.Imm) return undefined;
    const c = i.immLo & 0x1f;
    if (c === 0) return undefined;
    const d = i.r0 << 1;
    return (cpu: Cpu): void => {
      const R = cpu.regs, a = R[d];
      let r: number, cf: number, of: number;
      if (k === SHL) { r = a << c; cf = (a >>> (32 - c)) & 1; of = (r >>> 31) ^ cf; }
      else if (k === SHR) { r = (a >>> c) | 0; cf = (a >>> (c - 1)) & 1; of = ((a >>> (c - 1)) >>> 31) ^ (r >>> 31); }
      else { r = a >> c; cf = (a >> (c - 1)) & 1; of = 0; }
      R[d] = r; R[d + 1] = 0;
      shiftFlags(cpu, 4, r, 0, cf, of);
    };
  });
}

// Fast forms for 64-bit register shifts by an immediate: the count is known at bind time.
for (const [m, k] of NAMES) {
  if (k !== SHL && k !== SHR && k !== SAR) continue;
  registerBinder(m, (i: Instr) => {
    if (i.k0 !== OpKind.Reg || i.s0 !== 8 || i.k1 !== OpKind.Imm) return undefined;
    const c = i.immLo & 0x3f;
    if (c === 0) return undefined;
    const d = i.r0 << 1;
    return (cpu: Cpu): void => {
      const R = cpu.regs, lo = R[d], hi = R[d + 1];
      let rl: number, rh: number, cf: number, of: number;
      if (k === SHL) {
        rl = shl64(lo, hi, c); rh = H;
        cf = bit64(lo, hi, 64 - c);
        of = (rh >>> 31) ^ cf;
      } else if (k === SHR) {
        rl = shr64(lo, hi, c); rh = H;
        cf = bit64(lo, hi, c - 1);
        shr64(lo, hi, c - 1);
        of = (H >>> 31) ^ (rh >>> 31);
      } else {
        rl = sar64(lo, hi, c); rh = H;
        cf = bit64(lo, hi, c - 1);
        of = 0;
      }
      R[d] = rl; R[d + 1] = rh;
      shiftFlags(cpu, 8, rl, rh, cf, of);
    };
  });
}

/** SHLD/SHRD: shift the destination, filling from the source register. */
function doubleShift(left: boolean) {
  return (cpu: Cpu, i: Instr): void => {
    const size = i.s0;
    const c = countOf(cpu, i, 2, size);
    const a = readDest(cpu, i), ah = cpu.hi;
    const b = readOperand(cpu, i, 1), bh = cpu.hi;
    if (c === 0) { writeDest(cpu, i, a, ah); return; }
    let r: number, rh = 0, cf: number;
    if (size === 8) {
      if (left) {
        const x = shl64(a, ah, c), xh = H, y = shr64(b, bh, 64 - c), yh = H;
        r = x | y; rh = xh | yh; cf = bit64(a, ah, 64 - c);
      } else {
        const x = shr64(a, ah, c), xh = H, y = shl64(b, bh, 64 - c), yh = H;
        r = x | y; rh = xh | yh; cf = bit64(a, ah, c - 1);
      }
      writeDest(cpu, i, r, rh);
      shiftFlags(cpu, 8, r, rh, cf, (rh >>> 31) ^ (ah >>> 31));
      return;
    }
    if (size === 4) {
      if (left) { r = (a << c) | (b >>> (32 - c)); cf = (a >>> (32 - c)) & 1; }
      else { r = (a >>> c) | (b << (32 - c)); cf = (a >>> (c - 1)) & 1; }
      r |= 0;
    } else {
      // 16-bit: counts above 16 have an undefined result; like Intel and QEMU, shift the 48-bit dest:src:dest chain.
      const d16 = a & 0xffff, s16 = b & 0xffff;
      if (left) {
        const t = d16 * TWO32 + s16 * 65536 + d16;
        r = Math.floor(t * 2 ** c / TWO32) % 65536;
        cf = Math.floor(t * 2 ** (c - 1) / (TWO32 * 32768)) % 2;
      } else {
        const v = c <= 16 ? s16 * 65536 + d16 : d16 * TWO32 + s16 * 65536 + d16;
        r = Math.floor(v / 2 ** c) % 65536;
        cf = Math.floor(v / 2 ** (c - 1)) % 2;
      }
    }
    writeDest(cpu, i, r);
    shiftFlags(cpu, size, r, 0, cf, msb(size, r, 0) ^ msb(size, a, 0));
  };
}
register('shld', doubleShift(true));
register('shrd', doubleShift(false));

