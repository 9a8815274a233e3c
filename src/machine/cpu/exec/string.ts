// String instructions MOVS, STOS, LODS, SCAS, CMPS, INS, OUTS with REP/REPE/REPNE, DF and 16/32/64-bit rSI/rDI/rCX.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, Seg } from '../instr';
import { LOP_SUB, setLazy, setLazy64, getZF } from '../flags';
import { segLinear } from '../operands';
import { ACC_READ, ACC_WRITE } from '../../mmu/paging';
import { ARITH_FLAGS, DF, RAX, RCX, RDI, RDX, RSI } from '../registers';
import { checkIoPermission } from './control-misc';
import { register } from './registry';

const TWO32 = 4294967296;

/**
 * Work done by one execution of a REP instruction before it yields: the instruction then
 * restarts itself (RIP stays on it) with its registers already updated, so interrupts, the
 * debugger's pause and the instruction budget get a look in, and a fault midway leaves a state
 * from which it resumes exactly (SDM: "REP string operations are interruptible").
 */
const WORK_PER_EXEC = 2048;

/** Index register (rSI/rDI/rCX) with the address size; 64-bit values are signed numbers. */
function getIdx(cpu: Cpu, r: number, as: number): number {
  const R = cpu.regs;
  if (as === 8) return R[(r << 1) + 1] * TWO32 + (R[r << 1] >>> 0);
  if (as === 4) return R[r << 1] >>> 0;
  return R[r << 1] & 0xffff;
}
/** Write an index register with the address size (a 32-bit address size zero-extends, as any 32-bit register write). */
function setIdx(cpu: Cpu, r: number, as: number, v: number): void {
  if (as === 8) {
    let lo = v % TWO32; if (lo < 0) lo += TWO32;
    cpu.set64(r, lo | 0, Math.floor(v / TWO32) | 0);
  } else if (as === 4) cpu.set32(r, v | 0);
  else cpu.set16(r, v);
}
/** Advance an index by `d` bytes, wrapping to the address size. */
function step(as: number, v: number, d: number): number {
  const r = v + d;
  if (as === 8) return r >= 9223372036854775807 ? r - 18446744073709551616 : r < -9223372036854775808 ? r + 18446744073709551616 : r;
  if (as === 4) return r >= TWO32 ? r - TWO32 : r < 0 ? r + TWO32 : r;
  return r & 0xffff;
}
/** rCX as an unsigned count, capped at 2^53 (the loop only needs to know how much is left; rCX itself is updated exactly). */
function getCount(cpu: Cpu, as: number): number {
  const R = cpu.regs;
  if (as === 8) return Math.min((R[(RCX << 1) + 1] >>> 0) * TWO32 + (R[RCX << 1] >>> 0), 9007199254740992);
  if (as === 4) return R[RCX << 1] >>> 0;
  return R[RCX << 1] & 0xffff;
}
/** rCX -= k (k >= 1) with the address size, exactly (a 64-bit count can exceed 2^53). */
function decCount(cpu: Cpu, as: number, k: number): void {
  const R = cpu.regs, i = RCX << 1;
  if (as === 8) {
    const t = (R[i] >>> 0) - k;
    R[i] = t | 0;
    if (t < 0) R[i + 1] = (R[i + 1] - Math.ceil(-t / TWO32)) | 0;
  } else if (as === 4) cpu.set32(RCX, (R[i] - k) | 0);
  else cpu.set16(RCX, (R[i] - k) & 0xffff);
}

/** Record the flags of CMP a, b for element size `size` (a, b as read; size 8 uses the hi halves). */
function cmpFlags(cpu: Cpu, size: number, a: number, ah: number, b: number, bh: number): void {
  if (size === 8) {
    const t = (a >>> 0) - (b >>> 0);
    setLazy64(cpu, LOP_SUB, a, ah, b, bh, t | 0, (ah - bh - (t < 0 ? 1 : 0)) | 0, ARITH_FLAGS);
    return;
  }
  const m = size === 1 ? 0xff : size === 2 ? 0xffff : -1;
  if (size !== 4) { a &= m; b &= m; }
  setLazy(cpu, LOP_SUB, size, a, b, size === 4 ? (a - b) | 0 : (a - b) & m, ARITH_FLAGS);
}

/** Try to move a run of MOVS/STOS elements inside one page with typed-array copies; returns elements done (0 = take the slow path). */
function fastRun(cpu: Cpu, i: Instr, movs: boolean, size: number, n: number): number {
  const as = i.asize;
  const d = getIdx(cpu, RDI, as);
  const linD = segLinear(cpu, Seg.ES, d, size, true);
  let k = Math.min(n, Math.floor((4096 - (linD & 0xfff)) / size));
  let s = 0, linS = 0;
  if (movs) {
    s = getIdx(cpu, RSI, as);
    linS = segLinear(cpu, i.memSeg, s, size, false);
    k = Math.min(k, Math.floor((4096 - (linS & 0xfff)) / size));
  }
  if (k < 2) return 0;
  const bytes = k * size;
  // No index wrap-around inside the run, and the whole run inside the segment limits.
  const wrapAt = as === 8 ? Infinity : as === 4 ? TWO32 : 65536;
  if (d + bytes > wrapAt || (movs && s + bytes > wrapAt)) return 0;
  if (cpu.bits !== 64) {
    const sd = cpu.segs[Seg.ES];
    if (d + bytes - 1 > sd.limit) return 0;
    if (movs && s + bytes - 1 > cpu.segs[i.memSeg].limit) return 0;
    if ((sd.attr & 4) && !(sd.attr & 8)) return 0; // expand-down: leave it to the careful path
    if (movs && (cpu.segs[i.memSeg].attr & 0xc) === 4) return 0;
  }
  const user = cpu.cpl === 3;
  const mem = cpu.mem;
  // Source first, then destination: the same order (and so the same fault) as the element loop.
  const pS = movs ? cpu.translate(linS, ACC_READ, user) : 0;
  const pD = cpu.translate(linD, ACC_WRITE, user);
  if (!mem.isRamPage(pD - (pD & 0xfff)) || (movs && !mem.isRamPage(pS - (pS & 0xfff)))) return 0;
  if (mem.codePage[Math.floor(pD / 4096)] && mem.touchesCode(pD, bytes)) cpu.invalidateCodePage(Math.floor(pD / 4096));
  const ram = mem.ram;
  if (movs) {
    // Overlap with the destination ahead of the source changes the result of an element-by-element copy.
    if (pD > pS && pD < pS + bytes) return 0;
    ram.copyWithin(pD, pS, pS + bytes);
    setIdx(cpu, RSI, as, s + bytes);
  } else {
    const R = cpu.regs;
    if (size === 1) ram.fill(R[0] & 0xff, pD, pD + bytes);
    else {
      const v = mem.view, lo = R[0], hi = R[1];
      for (let o = 0; o < bytes; o += size) {
        if (size === 2) v.setUint16(pD + o, lo, true);
        else if (size === 4) v.setInt32(pD + o, lo, true);
        else { v.setInt32(pD + o, lo, true); v.setInt32(pD + o + 4, hi, true); }
      }
    }
  }
  setIdx(cpu, RDI, as, d + bytes);
  return k;
}

const MOVS = 0, STOS = 1, LODS = 2, SCAS = 3, CMPS = 4, INS = 5, OUTS = 6;

/** One element of a string operation; updates rSI/rDI (not rCX). Returns false to stop a REPE/REPNE loop. */
function element(cpu: Cpu, i: Instr, op: number, size: number, delta: number): void {
  const as = i.asize;
  switch (op) {
    case MOVS: {
      const s = getIdx(cpu, RSI, as), d = getIdx(cpu, RDI, as);
      const v = cpu.readSized(segLinear(cpu, i.memSeg, s, size, false), size), vh = cpu.hi;
      cpu.writeSized(segLinear(cpu, Seg.ES, d, size, true), size, v, vh);
      setIdx(cpu, RSI, as, step(as, s, delta));
      setIdx(cpu, RDI, as, step(as, d, delta));
      return;
    }
    case STOS: {
      const d = getIdx(cpu, RDI, as);
      cpu.writeSized(segLinear(cpu, Seg.ES, d, size, true), size, cpu.regs[0], cpu.regs[1]);
      setIdx(cpu, RDI, as, step(as, d, delta));
      return;
    }
    case LODS: {
      const s = getIdx(cpu, RSI, as);
      const v = cpu.readSized(segLinear(cpu, i.memSeg, s, size, false), size);
      cpu.setReg(RAX, size, v, cpu.hi);
      setIdx(cpu, RSI, as, step(as, s, delta));
      return;
    }
    case SCAS: {
      const d = getIdx(cpu, RDI, as);
      const v = cpu.readSized(segLinear(cpu, Seg.ES, d, size, false), size), vh = cpu.hi;
      cmpFlags(cpu, size, cpu.regs[0], cpu.regs[1], v, vh);
      setIdx(cpu, RDI, as, step(as, d, delta));
      return;
    }
    case CMPS: {
      const s = getIdx(cpu, RSI, as), d = getIdx(cpu, RDI, as);
      const a = cpu.readSized(segLinear(cpu, i.memSeg, s, size, false), size), ah = cpu.hi;
      const b = cpu.readSized(segLinear(cpu, Seg.ES, d, size, false), size), bh = cpu.hi;
      cmpFlags(cpu, size, a, ah, b, bh);
      setIdx(cpu, RSI, as, step(as, s, delta));
      setIdx(cpu, RDI, as, step(as, d, delta));
      return;
    }
    case INS: {
      const port = cpu.regs[RDX << 1] & 0xffff;
      checkIoPermission(cpu, port, size);
      const d = getIdx(cpu, RDI, as);
      const lin = segLinear(cpu, Seg.ES, d, size, true);
      // Check the destination is writable before the port read (which may have side effects).
      const user = cpu.cpl === 3;
      cpu.translate(lin, ACC_WRITE, user);
      cpu.translate(cpu.linAdd(lin, size - 1), ACC_WRITE, user);
      cpu.writeSized(lin, size, cpu.ports.read(port, size));
      setIdx(cpu, RDI, as, step(as, d, delta));
      return;
    }
    default: { // OUTS
      const port = cpu.regs[RDX << 1] & 0xffff;
      checkIoPermission(cpu, port, size);
      const s = getIdx(cpu, RSI, as);
      const v = cpu.readSized(segLinear(cpu, i.memSeg, s, size, false), size);
      cpu.ports.write(port, size, v);
      setIdx(cpu, RSI, as, step(as, s, delta));
      cpu.attention();
    }
  }
}

function stringOp(op: number, size: number) {
  const compares = op === SCAS || op === CMPS;
  const bulk = op === MOVS || op === STOS;
  return (cpu: Cpu, i: Instr): void => {
    const delta = cpu.flags & DF ? -size : size;
    if (i.rep === 0) { element(cpu, i, op, size, delta); return; }
    const as = i.asize;
    let n = getCount(cpu, as);
    let work = 0;
    while (n > 0) {
      if (work >= WORK_PER_EXEC) { cpu.rip = cpu.curRip; return; } // resume later
      if (bulk && delta > 0) {
        const k = fastRun(cpu, i, op === MOVS, size, n);
        if (k > 0) { n -= k; decCount(cpu, as, k); work += 16; continue; }
      }
      element(cpu, i, op, size, delta);
      n -= 1;
      decCount(cpu, as, 1);
      work++;
      if (compares) {
        // REPE stops on a difference (ZF = 0), REPNE on a match (ZF = 1).
        const zf = getZF(cpu);
        if (i.rep === 0xf3 ? !zf : zf) return;
      }
    }
  };
}

const FORMS: [string, number, number][] = [
  ['movsb', MOVS, 1], ['movsw', MOVS, 2], ['movsd', MOVS, 4], ['movsq', MOVS, 8],
  ['stosb', STOS, 1], ['stosw', STOS, 2], ['stosd', STOS, 4], ['stosq', STOS, 8],
  ['lodsb', LODS, 1], ['lodsw', LODS, 2], ['lodsd', LODS, 4], ['lodsq', LODS, 8],
  ['scasb', SCAS, 1], ['scasw', SCAS, 2], ['scasd', SCAS, 4], ['scasq', SCAS, 8],
  ['cmpsb', CMPS, 1], ['cmpsw', CMPS, 2], ['cmpsd', CMPS, 4], ['cmpsq', CMPS, 8],
  ['insb', INS, 1], ['insw', INS, 2], ['insd', INS, 4],
  ['outsb', OUTS, 1], ['outsw', OUTS, 2], ['outsd', OUTS, 4],
];
let movsdString: (cpu: Cpu, i: Instr) => void = () => {};
for (const [m, op, size] of FORMS) {
  const fn = stringOp(op, size);
  if (m === 'movsd') movsdString = fn;
  // CMPSD is also the SSE2 scalar-double compare (which has operands); that one is not implemented.
  else if (m === 'cmpsd') register(m, (cpu: Cpu, i: Instr): void => { if (i.nops !== 0) throw new CpuFault(6); fn(cpu, i); });
  else register(m, fn);
}
/** The string MOVSD routine: the mnemonic is shared with the SSE2 scalar move, which registers the combined routine. */
export const movsdStringRoutine = movsdString;
