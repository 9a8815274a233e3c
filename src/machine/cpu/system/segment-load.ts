// Loading data and stack segment registers (MOV/POP Sreg, LDS..LSS, returns to outer levels) with the SDM's checks and faults.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { Seg } from '../instr';
import { CR0_PE, VM } from '../registers';
import { SEG_CODE, SEG_DB, SEG_G, SEG_L, SEG_P, SEG_S, type SegmentCache } from '../segment';
import { descDpl, descIsCode, descPresent, descS, loadCache, readDescriptor, setAccessed, type RawDescriptor } from './descriptor';

/** Real-address or virtual-8086 mode: segment registers hold paragraph numbers. */
export function realSegments(cpu: Cpu): boolean {
  return !(cpu.cr0 & CR0_PE) || (cpu.flags & VM) !== 0;
}

/** Mark a data segment register unusable after a null selector load (the selector is kept, as `MOV r, Sreg` reads it back). */
export function loadNull(cache: SegmentCache, selector: number): void {
  cache.selector = selector & 0xffff;
  cache.base = 0;
  cache.limit = 0;
  cache.attr = 0;
  cache.valid = false;
}

/**
 * Check the descriptor for SS at privilege level `cpl` (SDM MOV, "IF SS is loaded"): the
 * selector's RPL and the descriptor's DPL must equal `cpl`, and it must be a writable data
 * segment (#GP(selector), or `vector` for the stack switches that raise #TS), present (#SS).
 */
export function checkStackDescriptor(cpu: Cpu, selector: number, cpl: number, vector = 13, ext = 0): RawDescriptor {
  const err = (selector & 0xfffc) | ext;
  const d = readDescriptor(cpu, selector, false, vector, ext);
  if ((selector & 3) !== cpl || !descS(d.hi) || descIsCode(d.hi) || !(d.hi & 0x200) || descDpl(d.hi) !== cpl) throw new CpuFault(vector, err);
  if (!descPresent(d.hi)) throw new CpuFault(12, err);
  return d;
}

/**
 * Load segment register `seg` (not CS) with `selector` as MOV Sreg, POP Sreg and LDS/LES/LFS/LGS/LSS
 * do. Real and virtual-8086 mode: base = selector * 16. Protected mode: the checks of the SDM's MOV
 * pseudocode, faulting with the selector as error code; a null selector makes DS/ES/FS/GS unusable
 * (and is #GP(0) for SS, except in 64-bit mode at CPL < 3 with RPL = CPL). Sets the descriptor's
 * Accessed bit. The caller arranges the MOV SS interrupt shadow.
 */
export function loadSegment(cpu: Cpu, seg: number, selector: number): void {
  selector &= 0xffff;
  const cache = cpu.segs[seg];
  if (realSegments(cpu)) {
    cache.loadReal(selector);
    if (cpu.flags & VM) { cache.limit = 0xffff; cache.attr = SEG_P | SEG_S | 0x3 | (3 << 5); }
    if (seg === Seg.SS) cpu.updateStackSize();
    return;
  }
  const index = selector & 0xfffc;
  if (seg === Seg.SS) {
    if (index === 0 && (selector & 4) === 0) {
      if (cpu.bits === 64 && cpu.cpl !== 3 && (selector & 3) === cpu.cpl) {
        // 64-bit mode allows a null SS below ring 3; it keeps flat attributes for the stack size.
        loadNull(cache, selector);
        cache.attr = SEG_P | SEG_S | 0x3 | (cpu.cpl << 5) | SEG_DB;
        cpu.updateStackSize();
        return;
      }
      throw new CpuFault(13, 0);
    }
    const d = checkStackDescriptor(cpu, selector, cpu.cpl);
    setAccessed(cpu, d);
    loadCache(cache, selector, d.lo, d.hi);
    cpu.updateStackSize();
    return;
  }
  if (index === 0 && (selector & 4) === 0) { loadNull(cache, selector); return; }
  const d = readDescriptor(cpu, selector);
  checkDataDescriptor(cpu, d, selector);
  setAccessed(cpu, d);
  loadCache(cache, selector, d.lo, d.hi);
}

/** DS/ES/FS/GS descriptor checks: data or readable code; privilege unless conforming code; present (#NP). */
function checkDataDescriptor(cpu: Cpu, d: RawDescriptor, selector: number): void {
  const err = selector & 0xfffc;
  if (!descS(d.hi)) throw new CpuFault(13, err);
  const code = descIsCode(d.hi);
  if (code && !(d.hi & 0x200)) throw new CpuFault(13, err); // execute-only code
  const conforming = code && (d.hi & 0x400) !== 0;
  if (!conforming) {
    const dpl = descDpl(d.hi);
    if ((selector & 3) > dpl || cpu.cpl > dpl) throw new CpuFault(13, err);
  }
  if (!descPresent(d.hi)) throw new CpuFault(11, err);
}

/**
 * After a return to an outer privilege level (RET far, IRET): DS, ES, FS and GS that the new
 * level may not use (data or non-conforming code with DPL < new CPL) are loaded with null.
 */
export function nullInvalidDataSegments(cpu: Cpu): void {
  for (const s of [Seg.ES, Seg.DS, Seg.FS, Seg.GS]) {
    const c = cpu.segs[s];
    if ((c.selector & 0xfffc) === 0 && !(c.selector & 4)) continue;
    const a = c.attr;
    const dataOrNonConforming = !(a & SEG_CODE) || !(a & 4);
    if (c.valid && (a & SEG_S) && dataOrNonConforming && ((a >> 5) & 3) < cpu.cpl) {
      // The hidden base survives (QEMU keeps it; in 64-bit mode FS/GS bases come from the MSRs).
      const base = c.base;
      loadNull(c, 0);
      c.base = base;
    }
  }
}

/** Attributes of the flat segments SYSCALL/SYSENTER load without reading the GDT. */
export function flatCodeAttr(dpl: number, long: boolean): number {
  return SEG_P | SEG_S | 0xb | (dpl << 5) | SEG_G | (long ? SEG_L : SEG_DB);
}
export function flatDataAttr(dpl: number): number {
  return SEG_P | SEG_S | 0x3 | (dpl << 5) | SEG_G | SEG_DB;
}

/** Load a segment cache with a flat 4 GiB segment of the given attributes (SYSCALL, SYSRET, SYSENTER, SYSEXIT). */
export function loadFlat(cache: SegmentCache, selector: number, attr: number): void {
  cache.selector = selector & 0xffff;
  cache.base = 0;
  cache.limit = 0xffffffff;
  cache.attr = attr;
  cache.valid = true;
}
