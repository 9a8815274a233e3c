// Multiboot 1 loading: ELF32 or a flat image with the header's address fields, the boot information structure, and the entry state.
import type { Cpu } from '../cpu/cpu';
import { Seg } from '../cpu/instr';
import { loadCache } from '../cpu/system/descriptor';
import { CR0_ET, CR0_PE, FLAGS_FIXED1, PF, RAX, RBX, RCX, RDX, RSP, RDI } from '../cpu/registers';

export const MULTIBOOT_HEADER_MAGIC = 0x1badb002;
export const MULTIBOOT_BOOTLOADER_MAGIC = 0x2badb002;

/**
 * Where the loader puts its GDT, the information structure and the memory map. These, and the
 * entry register values, are the ones QEMU's multiboot loader leaves (measured with `-d cpu`), so
 * that a kernel sees the same machine and per-instruction traces compare equal.
 */
const GDT_ADDR = 0xcb2b8;
const INFO_ADDR = 0x9500;
const MMAP_ADDR = 0x9000;
/** RAM reserved at the top of memory by the firmware (QEMU's e820 table). */
const TOP_RESERVED = 0x20000;

/** A parsed multiboot header. */
export interface MultibootHeader {
  offset: number;
  flags: number;
  headerAddr?: number; loadAddr?: number; loadEndAddr?: number; bssEndAddr?: number; entryAddr?: number;
}

/** An error in the image that the user must fix (not an emulator failure). */
export class BootError extends Error {}

function u32(b: Uint8Array, o: number): number { return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0; }
function u16(b: Uint8Array, o: number): number { return b[o] | (b[o + 1] << 8); }

/** Find the multiboot header: 4-byte aligned within the first 8192 bytes, magic + flags + checksum summing to 0. */
export function findMultibootHeader(image: Uint8Array): MultibootHeader | undefined {
  const end = Math.min(image.length - 12, 8192 - 12);
  for (let o = 0; o <= end; o += 4) {
    if (u32(image, o) !== MULTIBOOT_HEADER_MAGIC) continue;
    const flags = u32(image, o + 4), sum = u32(image, o + 8);
    if (((MULTIBOOT_HEADER_MAGIC + flags + sum) >>> 0) !== 0) continue;
    const h: MultibootHeader = { offset: o, flags };
    if (flags & 0x10000) {
      if (o + 32 > image.length) throw new BootError('multiboot header with address fields is truncated');
      h.headerAddr = u32(image, o + 12); h.loadAddr = u32(image, o + 16); h.loadEndAddr = u32(image, o + 20);
      h.bssEndAddr = u32(image, o + 24); h.entryAddr = u32(image, o + 28);
    }
    return h;
  }
  return undefined;
}

/** A boot module given to the kernel (multiboot `mods`). */
export interface BootModule { data: Uint8Array; cmdline: string }

/** What the loader did, for messages and the debugger. */
export interface MultibootResult { entry: number; kernelStart: number; kernelEnd: number; infoAddr: number }

/**
 * Load a multiboot kernel into RAM and put the CPU in the state the specification defines:
 * 32-bit protected mode, flat segments, paging off, IF=0, EAX = 0x2BADB002, EBX = the info structure.
 */
export function loadMultiboot(cpu: Cpu, image: Uint8Array, cmdline = '', modules: BootModule[] = []): MultibootResult {
  const h = findMultibootHeader(image);
  if (!h) throw new BootError('no multiboot header (magic 0x1BADB002 with a valid checksum) in the first 8192 bytes');
  const mem = cpu.mem;
  let entry: number, start: number, end: number;
  const isElf = image.length >= 52 && image[0] === 0x7f && image[1] === 0x45 && image[2] === 0x4c && image[3] === 0x46;
  if (h.flags & 0x10000) {
    // a.out kludge: the header says where the file goes.
    const fileOff = h.offset - (h.headerAddr! - h.loadAddr!);
    if (fileOff < 0) throw new BootError('multiboot header_addr is below load_addr');
    const loadEnd = h.loadEndAddr ? h.loadEndAddr : h.loadAddr! + (image.length - fileOff);
    const size = loadEnd - h.loadAddr!;
    if (size < 0 || fileOff + size > image.length) throw new BootError('multiboot load_end_addr is beyond the end of the file');
    checkFits(mem.ramBytes, h.loadAddr!, Math.max(loadEnd, h.bssEndAddr ?? 0) - h.loadAddr!);
    mem.load(h.loadAddr!, image.subarray(fileOff, fileOff + size));
    if (h.bssEndAddr && h.bssEndAddr > loadEnd) mem.ram.fill(0, loadEnd, h.bssEndAddr);
    entry = h.entryAddr!; start = h.loadAddr!; end = Math.max(loadEnd, h.bssEndAddr ?? 0);
  } else if (isElf) {
    if (image[4] !== 1) throw new BootError('multiboot ELF kernels must be ELF32 (use the address fields for a 64-bit file)');
    const phoff = u32(image, 28), phentsize = u16(image, 42), phnum = u16(image, 44);
    entry = u32(image, 24); start = Infinity; end = 0;
    for (let k = 0; k < phnum; k++) {
      const p = phoff + k * phentsize;
      if (u32(image, p) !== 1) continue; // PT_LOAD
      const off = u32(image, p + 4), paddr = u32(image, p + 12), filesz = u32(image, p + 16), memsz = u32(image, p + 20);
      checkFits(mem.ramBytes, paddr, memsz);
      if (off + filesz > image.length) throw new BootError(`ELF program header ${k} points beyond the end of the file`);
      mem.load(paddr, image.subarray(off, off + filesz));
      if (memsz > filesz) mem.ram.fill(0, paddr + filesz, paddr + memsz);
      start = Math.min(start, paddr); end = Math.max(end, paddr + memsz);
    }
    if (start === Infinity) throw new BootError('ELF kernel has no loadable segment');
  } else {
    throw new BootError('multiboot header has no address fields (flag bit 16) and the file is not ELF32');
  }

  // Strings and the module list go in the page after the kernel, modules after that, page aligned.
  const strPage = Math.ceil(end / 4096) * 4096;
  let strAddr = strPage;
  const mods: { start: number; end: number; cmd: number }[] = [];
  const putString = (s: string): number => {
    const a = strAddr;
    const bytes = new TextEncoder().encode(s);
    mem.load(a, bytes); mem.ram[a + bytes.length] = 0;
    strAddr += bytes.length + 1;
    return a;
  };
  const cmdAddr = putString(cmdline);
  const loaderName = putString('Ringstep');
  const modsAddr = strAddr = Math.ceil(strAddr / 16) * 16;
  strAddr += modules.length * 16;
  let next = Math.ceil(strAddr / 4096) * 4096;
  for (const m of modules) {
    checkFits(mem.ramBytes, next, m.data.length);
    mem.load(next, m.data);
    mods.push({ start: next, end: next + m.data.length, cmd: putString(m.cmdline) });
    next = Math.ceil((next + m.data.length) / 4096) * 4096;
  }

  // Boot information structure: memory bounds, command line, modules, memory map.
  const ram = mem.ramBytes;
  const info = new DataView(new ArrayBuffer(88));
  const flags = 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x200;
  info.setUint32(4, 639, true);                                              // mem_lower (KiB)
  info.setUint32(8, Math.floor((ram - 0x100000 - TOP_RESERVED) / 1024), true); // mem_upper (KiB)
  info.setUint32(12, 0x8000ffff, true);                                      // boot_device
  info.setUint32(16, cmdAddr, true);                                         // cmdline
  info.setUint32(20, mods.length, true); info.setUint32(24, modsAddr, true);   // mods
  mods.forEach((m, n) => {
    mem.write(modsAddr + n * 16, 4, m.start); mem.write(modsAddr + n * 16 + 4, 4, m.end);
    mem.write(modsAddr + n * 16 + 8, 4, m.cmd); mem.write(modsAddr + n * 16 + 12, 4, 0);
  });
  const map: [number, number, number][] = [
    [0, 0x9fc00, 1], [0x9fc00, 0x400, 2], [0xf0000, 0x10000, 2],
    [0x100000, ram - 0x100000 - TOP_RESERVED, 1], [ram - TOP_RESERVED, TOP_RESERVED, 2], [0xfffc0000, 0x40000, 2],
  ];
  map.forEach(([base, len, type], n) => {
    const a = MMAP_ADDR + n * 24;
    mem.write(a, 4, 20); mem.write(a + 4, 4, base); mem.write(a + 8, 4, 0); mem.write(a + 12, 4, len); mem.write(a + 16, 4, 0); mem.write(a + 20, 4, type);
  });
  info.setUint32(44, map.length * 24, true); info.setUint32(48, MMAP_ADDR + 4, true);
  info.setUint32(64, loaderName, true);                                      // boot_loader_name
  info.setUint32(0, flags, true);
  mem.load(INFO_ADDR, new Uint8Array(info.buffer));

  // Entry state: flat 4 GiB code (0x08) and data (0x10) segments plus two 16-bit ones, as QEMU's loader leaves them.
  const gdt: [number, number][] = [[0, 0], [0x0000ffff, 0x00cf9a00], [0x0000ffff, 0x00cf9200], [0x0000ffff, 0x00009e00], [0x0000ffff, 0x00009200]];
  gdt.forEach(([lo, hi], n) => { mem.write(GDT_ADDR + n * 8, 4, lo); mem.write(GDT_ADDR + n * 8 + 4, 4, hi); });
  cpu.gdtrBase = GDT_ADDR; cpu.gdtrLimit = gdt.length * 8 - 1;
  cpu.cr0 = CR0_PE | CR0_ET;
  for (const s of [Seg.ES, Seg.SS, Seg.DS, Seg.FS, Seg.GS]) loadCache(cpu.segs[s], 0x10, gdt[2][0], gdt[2][1] | 0x100);
  loadCache(cpu.segs[Seg.CS], 0x08, gdt[1][0], gdt[1][1]);
  cpu.flags = FLAGS_FIXED1 | PF; cpu.lazy = 0;
  cpu.set32(RAX, MULTIBOOT_BOOTLOADER_MAGIC);
  cpu.set32(RBX, INFO_ADDR);
  cpu.set32(RCX, entry);
  cpu.set32(RDX, 0x00010511);
  cpu.set32(RSP, 0x6f08);
  cpu.set32(RDI, 0x1000);
  cpu.rip = entry >>> 0;
  cpu.updateMode();
  cpu.flushTlb(false);
  return { entry, kernelStart: start, kernelEnd: end, infoAddr: INFO_ADDR };
}

function checkFits(ram: number, addr: number, size: number): void {
  if (addr < 0 || addr + size > ram) throw new BootError(`kernel segment at 0x${addr.toString(16)} (+0x${size.toString(16)} bytes) does not fit in ${ram >> 20} MiB of RAM`);
}
