// Guest physical memory: RAM in one ArrayBuffer, MMIO regions, and per-page code tracking for the decode cache.
import type { MmioHandler } from '../io';

/** A physical address range claimed by a memory-mapped device. */
export interface MmioRegion { base: number; size: number; handler: MmioHandler }

/**
 * Physical address space. RAM occupies [0, ramBytes); MMIO regions are checked first; any other
 * address reads as all ones and ignores writes (open bus, as on a PC). Multi-byte accesses are
 * little-endian.
 */
export class PhysicalMemory {
  readonly ram: Uint8Array;
  readonly view: DataView;
  readonly ramBytes: number;
  readonly mmio: MmioRegion[] = [];
  /** Per 4 KiB page: 1 if the decode cache holds instructions decoded from it. */
  readonly codePage: Uint8Array;
  /**
   * Per 64-byte line: 1 if a decoded instruction has bytes in it. A write to a code page only
   * drops the page's decoded code when it touches such a line, so data next to code (common in
   * small kernels) does not force re-decoding.
   */
  readonly codeLine: Uint8Array;
  /** Called when a write hits a page with decoded code (the CPU drops that page's decoded instructions). */
  onCodeWrite: (page: number) => void = () => {};

  constructor(ramBytes: number) {
    if (ramBytes % 4096 !== 0 || ramBytes <= 0 || ramBytes > 0x8000_0000) throw new RangeError(`RAM size must be a positive multiple of 4096 up to 2 GiB, got ${ramBytes}`);
    this.ramBytes = ramBytes;
    this.ram = new Uint8Array(ramBytes);
    this.view = new DataView(this.ram.buffer);
    this.codePage = new Uint8Array(ramBytes >>> 12);
    this.codeLine = new Uint8Array(ramBytes >>> 6);
  }

  /** Record that [addr, addr + len) holds decoded code (all within RAM). */
  markCode(addr: number, len: number): void {
    for (let l = addr >>> 6; l <= (addr + len - 1) >>> 6; l++) this.codeLine[l] = 1;
  }

  /** True if [addr, addr + len) touches a line with decoded code. */
  touchesCode(addr: number, len: number): boolean {
    for (let l = addr >>> 6; l <= (addr + len - 1) >>> 6; l++) if (this.codeLine[l]) return true;
    return false;
  }

  /** Forget the code lines of a page (its decoded code was dropped). */
  clearCodeLines(page: number): void { this.codeLine.fill(0, page << 6, (page + 1) << 6); }

  addMmio(region: MmioRegion): void { this.mmio.push(region); }

  /** The MMIO region covering a physical address, if any. */
  mmioAt(addr: number): MmioRegion | undefined {
    for (const r of this.mmio) if (addr >= r.base && addr < r.base + r.size) return r;
    return undefined;
  }

  /** True when the whole 4 KiB page at `pageBase` is plain RAM (no MMIO overlaps it). */
  isRamPage(pageBase: number): boolean {
    if (pageBase < 0 || pageBase + 4096 > this.ramBytes) return false;
    for (const r of this.mmio) if (r.base < pageBase + 4096 && r.base + r.size > pageBase) return false;
    return true;
  }

  read(addr: number, size: number): number {
    if (addr >= 0 && addr + size <= this.ramBytes) {
      const mm = this.mmio.length ? this.mmioAt(addr) : undefined;
      if (!mm) {
        switch (size) {
          case 1: return this.ram[addr];
          case 2: return this.view.getUint16(addr, true);
          default: return this.view.getInt32(addr, true);
        }
      }
    }
    const r = this.mmioAt(addr);
    if (r) return r.handler.read(addr - r.base, size);
    return size === 1 ? 0xff : size === 2 ? 0xffff : -1;
  }

  write(addr: number, size: number, value: number): void {
    if (addr >= 0 && addr + size <= this.ramBytes) {
      const mm = this.mmio.length ? this.mmioAt(addr) : undefined;
      if (!mm) {
        const p = addr >>> 12;
        if ((this.codePage[p] || this.codePage[(addr + size - 1) >>> 12]) && this.touchesCode(addr, size)) {
          this.onCodeWrite(p);
          if (((addr + size - 1) >>> 12) !== p) this.onCodeWrite(p + 1);
        }
        switch (size) {
          case 1: this.ram[addr] = value; return;
          case 2: this.view.setUint16(addr, value, true); return;
          default: this.view.setInt32(addr, value, true); return;
        }
      }
    }
    const r = this.mmioAt(addr);
    if (r) r.handler.write(addr - r.base, size, value);
  }

  /** Copy bytes into RAM (image loading); drops decoded code of the pages touched. */
  load(addr: number, bytes: Uint8Array): void {
    if (addr < 0 || addr + bytes.length > this.ramBytes) throw new RangeError(`image of ${bytes.length} bytes at 0x${addr.toString(16)} does not fit in ${this.ramBytes} bytes of RAM`);
    this.ram.set(bytes, addr);
    if (bytes.length === 0) return;
    for (let p = addr >>> 12; p <= (addr + bytes.length - 1) >>> 12; p++) if (this.codePage[p]) this.onCodeWrite(p);
  }
}
