// Effective addresses, segment checks and reading/writing the explicit operands of a decoded instruction.
import type { Cpu } from './cpu';
import { CpuFault } from './fault';
import { type Instr, OpKind, REG_RIP, REG_NONE, Seg } from './instr';
import { SEG_CODE, SEG_P, type SegmentCache } from './segment';
import { CR0_PE, VM } from './registers';

const TWO32 = 4294967296;
const CANON = 140737488355328; // 2^47

/**
 * Offset part of the memory operand, wrapped to the address size. In 64-bit address size the
 * result is the signed 64-bit value as a JS number (exact whenever it can be canonical).
 */
export function effectiveOffset(cpu: Cpu, i: Instr): number {
  const regs = cpu.regs;
  if (i.asize === 8) {
    // Fast path: every term is exact as a double when the register high halves are those of
    // 48-bit values (-32768..32767) and the displacement is a sign-extended disp32, so the sum
    // is the exact signed 64-bit offset. Anything else takes the exact lo/hi path.
    let ea = i.dispLo;
    if (i.dispHi !== (i.dispLo >> 31)) return effectiveOffset64(cpu, i);
    const b = i.memBase;
    if (b >= 0) {
      if (b === REG_RIP) ea += cpu.rip;
      else {
        const h = regs[(b << 1) + 1];
        if (((h + 32768) >>> 16) !== 0) return effectiveOffset64(cpu, i);
        ea += h * TWO32 + (regs[b << 1] >>> 0);
      }
    }
    const x = i.memIndex;
    if (x >= 0) {
      const h = regs[(x << 1) + 1];
      if (((h + 32768) >>> 16) !== 0) return effectiveOffset64(cpu, i);
      ea += (h * TWO32 + (regs[x << 1] >>> 0)) * (1 << i.memScale);
    }
    return ea;
  }
  let ea = i.dispLo;
  if (i.memBase >= 0) ea += i.memBase === REG_RIP ? cpu.rip : regs[i.memBase << 1];
  if (i.memIndex >= 0) ea += regs[i.memIndex << 1] << i.memScale;
  return i.asize === 4 ? ea >>> 0 : ea & 0xffff;
}

/**
 * Exact 64-bit effective address with lo/hi arithmetic (modulo 2^64), as a signed number. The
 * number is exact whenever it is within the canonical range; otherwise it is far outside it.
 */
function effectiveOffset64(cpu: Cpu, i: Instr): number {
  const regs = cpu.regs;
  let lo: number, hi: number;
  const b = i.memBase;
  if (b === REG_RIP) {
    const r = cpu.rip;
    lo = r | 0; hi = Math.floor(r / TWO32) | 0;
  } else if (b >= 0) { lo = regs[b << 1]; hi = regs[(b << 1) + 1]; } else { lo = 0; hi = 0; }
  const x = i.memIndex;
  if (x >= 0) {
    const s = i.memScale;
    let xl = regs[x << 1], xh = regs[(x << 1) + 1];
    if (s !== 0) { xh = (xh << s) | (xl >>> (32 - s)); xl = xl << s; }
    const t = (lo >>> 0) + (xl >>> 0);
    hi = (hi + xh + (t >= TWO32 ? 1 : 0)) | 0;
    lo = t | 0;
  }
  const t2 = (lo >>> 0) + (i.dispLo >>> 0);
  hi = (hi + i.dispHi + (t2 >= TWO32 ? 1 : 0)) | 0;
  return hi * TWO32 + (t2 >>> 0);
}

/** Segment actually used by the memory operand. */
export function memSegment(i: Instr): number { return i.memSeg; }

/**
 * Outside 64-bit mode, the fast path of segLinear: a present, writable, expand-up 4 GiB data
 * segment in protected mode (the flat model of most kernels) needs only the wrap-around check.
 * Returns the linear address, or -1 when the full checks are needed.
 */
export function flatLinear(cpu: Cpu, s: SegmentCache, offset: number, size: number): number {
  if (s.limit === 0xffffffff && (s.attr & 0x9e) === 0x92 && s.valid && offset <= TWO32 - size && (cpu.cr0 & CR0_PE) && !(cpu.flags & VM)) {
    return s.base === 0 ? offset : (s.base + offset) % TWO32;
  }
  return -1;
}

/**
 * Linear address of `size` bytes at `offset` in segment `seg`, with the checks of the current
 * mode: canonical form in 64-bit mode (#GP(0), or #SS(0) for SS), limit/type/presence checks in
 * protected and real mode.
 */
export function segLinear(cpu: Cpu, seg: number, offset: number, size: number, write: boolean): number {
  if (cpu.bits === 64) {
    const lin = seg >= Seg.FS ? cpu.segs[seg].base + offset : offset;
    if (lin >= CANON || lin < -CANON) {
      throw new CpuFault(seg === Seg.SS ? 12 : 13, 0);
    }
    return lin;
  }
  const s = cpu.segs[seg];
  const flat = flatLinear(cpu, s, offset, size);
  if (flat >= 0) return flat;
  if (cpu.cr0 & CR0_PE && !(cpu.flags & VM)) {
    if (!s.valid) throw new CpuFault(seg === Seg.SS ? 12 : 13, 0);
    const attr = s.attr;
    if (write) {
      // Writable data segment required: S=1, code bit clear, W (type bit 1) set.
      if ((attr & SEG_CODE) || !(attr & 2)) throw new CpuFault(seg === Seg.SS ? 12 : 13, 0);
    } else if ((attr & SEG_CODE) && !(attr & 2)) {
      throw new CpuFault(seg === Seg.SS ? 12 : 13, 0); // execute-only code segment
    }
    if (!(attr & SEG_P)) throw new CpuFault(seg === Seg.SS ? 12 : 11, 0);
    checkLimit(s.limit, attr, offset, size, seg);
  } else if (offset + size - 1 > s.limit) {
    throw new CpuFault(seg === Seg.SS ? 12 : 13, 0);
  }
  return (s.base + offset) % TWO32;
}

function checkLimit(limit: number, attr: number, offset: number, size: number, seg: number): void {
  const expandDown = !(attr & SEG_CODE) && (attr & 4) !== 0;
  if (!expandDown) {
    if (offset + size - 1 > limit) throw new CpuFault(seg === Seg.SS ? 12 : 13, 0);
  } else {
    const upper = attr & (1 << 14) ? 0xffffffff : 0xffff;
    if (offset <= limit || offset + size - 1 > upper) throw new CpuFault(seg === Seg.SS ? 12 : 13, 0);
  }
}

/** Linear address of the instruction's memory operand for an access of `size` bytes. */
export function memLinear(cpu: Cpu, i: Instr, size: number, write: boolean): number {
  return segLinear(cpu, i.memSeg, effectiveOffset(cpu, i), size, write);
}

/** Read explicit operand n (0..2). Size-8 values return the low half; the high half is in cpu.hi. */
export function readOperand(cpu: Cpu, i: Instr, n: number): number {
  const k = n === 0 ? i.k0 : n === 1 ? i.k1 : i.k2;
  const s = n === 0 ? i.s0 : n === 1 ? i.s1 : i.s2;
  const r = n === 0 ? i.r0 : n === 1 ? i.r1 : i.r2;
  switch (k) {
    case OpKind.Reg: return cpu.getReg(r, s);
    case OpKind.Mem: return cpu.readSized(memLinear(cpu, i, s, false), s);
    case OpKind.Imm: cpu.hi = i.immHi; return i.immLo;
    default: throw new CpuFault(6);
  }
}

/** Write explicit operand n (register or memory). */
export function writeOperand(cpu: Cpu, i: Instr, n: number, v: number, hi = 0): void {
  const k = n === 0 ? i.k0 : n === 1 ? i.k1 : i.k2;
  const s = n === 0 ? i.s0 : n === 1 ? i.s1 : i.s2;
  const r = n === 0 ? i.r0 : n === 1 ? i.r1 : i.r2;
  if (k === OpKind.Reg) cpu.setReg(r, s, v, hi);
  else if (k === OpKind.Mem) cpu.writeSized(memLinear(cpu, i, s, true), s, v, hi);
  else throw new CpuFault(6);
}

/**
 * Read-modify-write destination (operand 0): reads the value and remembers the linear address in
 * `rmwLin` so that the write does not recompute (or re-check) it.
 */
export function readDest(cpu: Cpu, i: Instr): number {
  if (i.k0 === OpKind.Reg) return cpu.getReg(i.r0, i.s0);
  const lin = memLinear(cpu, i, i.s0, true);
  rmw.lin = lin;
  return cpu.readSized(lin, i.s0);
}

/** Write back operand 0 after `readDest`. */
export function writeDest(cpu: Cpu, i: Instr, v: number, hi = 0): void {
  if (i.k0 === OpKind.Reg) cpu.setReg(i.r0, i.s0, v, hi);
  else cpu.writeSized(rmw.lin, i.s0, v, hi);
}

/** Scratch for read-modify-write addresses (instructions do not nest). */
const rmw = { lin: 0 };

/** True if operand n is memory. */
export function isMem(i: Instr, n: number): boolean { return (n === 0 ? i.k0 : n === 1 ? i.k1 : i.k2) === OpKind.Mem; }

export { REG_NONE };
