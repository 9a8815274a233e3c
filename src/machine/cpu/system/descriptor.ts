// Segment descriptors: reading them from the GDT/LDT and loading them into descriptor caches.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import type { SegmentCache } from '../segment';

const TWO32 = 4294967296;

/** Raw descriptor halves read by `readDescriptor` (lo = bytes 0..3, hi = bytes 4..7, hi2 = bytes 8..11 for 16-byte system descriptors). */
export interface RawDescriptor { lo: number; hi: number; hi2: number; address: number }

/** Descriptor type field helpers (bits 8..12 of the high dword: type + S). */
export function descType(hi: number): number { return (hi >>> 8) & 0xf; }
export function descS(hi: number): boolean { return (hi & 0x1000) !== 0; }
export function descDpl(hi: number): number { return (hi >>> 13) & 3; }
export function descPresent(hi: number): boolean { return (hi & 0x8000) !== 0; }
export function descIsCode(hi: number): boolean { return descS(hi) && (hi & 0x800) !== 0; }
export function descBase(lo: number, hi: number): number { return ((lo >>> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000)) >>> 0; }
export function descLimit(lo: number, hi: number): number {
  const raw = (lo & 0xffff) | (hi & 0xf0000);
  return hi & 0x800000 ? (raw * 4096 + 0xfff) : raw;
}
/** Attribute word as kept in SegmentCache.attr (descriptor bits 40..47 and 52..55). */
export function descAttr(hi: number): number { return ((hi >>> 8) & 0xff) | ((hi >>> 8) & 0xf000); }

/**
 * Read the 8-byte descriptor named by a selector from the GDT or LDT (16 bytes when `wide`,
 * for 64-bit system descriptors). Raises `faultVector` (#GP by default) with the selector's
 * index as error code when the selector is outside the table limit.
 */
export function readDescriptor(cpu: Cpu, selector: number, wide = false, faultVector = 13, ext = 0): RawDescriptor {
  const index = selector & 0xfff8;
  const ti = (selector & 4) !== 0;
  let base: number, limit: number;
  if (ti) {
    // After reset LDTR is usable (base 0, limit 0xFFFF, SDM Table 9-1); LLDT with a null selector makes it unusable.
    if (!cpu.ldtr.valid) throw new CpuFault(faultVector, (selector & 0xfffc) | ext);
    base = cpu.ldtr.base; limit = cpu.ldtr.limit;
  } else { base = cpu.gdtrBase; limit = cpu.gdtrLimit; }
  const size = wide ? 16 : 8;
  if (index + size - 1 > limit) throw new CpuFault(faultVector, (selector & 0xfffc) | ext);
  const address = cpu.linAdd(base, index);
  const lo = cpu.readSys(address, 4);
  const hi = cpu.readSys(cpu.linAdd(address, 4), 4);
  const hi2 = wide ? cpu.readSys(cpu.linAdd(address, 8), 4) : 0;
  return { lo, hi, hi2, address };
}

/** Load a descriptor into a segment cache (no checks; callers check first). */
export function loadCache(cache: SegmentCache, selector: number, lo: number, hi: number): void {
  cache.selector = selector & 0xffff;
  cache.base = descBase(lo, hi);
  cache.limit = descLimit(lo, hi);
  cache.attr = descAttr(hi);
  cache.valid = true;
}

/** Base of a 16-byte system descriptor (TSS/LDT in long mode): bits 63..32 come from bytes 8..11. */
export function wideBase(d: RawDescriptor): number {
  const hi32 = d.hi2 | 0;
  return hi32 * TWO32 + descBase(d.lo, d.hi);
}

/** Set the Accessed bit of a code/data descriptor in memory, as the processor does on a load. */
export function setAccessed(cpu: Cpu, d: RawDescriptor): void {
  if (d.hi & 0x100) return;
  d.hi |= 0x100;
  cpu.writeSys(cpu.linAdd(d.address, 4), 4, d.hi);
}

/** Set the Busy bit of a TSS descriptor in memory (LTR, task switch). */
export function setBusy(cpu: Cpu, d: RawDescriptor): void {
  d.hi |= 0x200;
  cpu.writeSys(cpu.linAdd(d.address, 4), 4, d.hi);
}
