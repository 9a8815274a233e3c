// The direct32/direct64 starts: a raw image at a load address, entered at CPL 0 with flat segments (and identity paging for 64-bit).
import type { Cpu } from '../cpu/cpu';
import { Seg } from '../cpu/instr';
import { loadCache } from '../cpu/system/descriptor';
import { CR0_ET, CR0_NE, CR0_PE, CR0_PG, CR4_PAE, EFER_LMA, EFER_LME, FLAGS_FIXED1, RSP } from '../cpu/registers';

/** Where the direct starts put their GDT and page tables (below the conventional 0x7C00 boot area). */
export const DIRECT_GDT = 0x500;
export const DIRECT_PML4 = 0x1000;

/** Flat descriptors: null, 64-bit code (0x08), data (0x10), 32-bit code (0x18). */
const GDT: [number, number][] = [
  [0, 0],
  [0x0000ffff, 0x00af9b00], // code, L=1, DPL 0, accessed
  [0x0000ffff, 0x00cf9300], // data, 4 GiB, writable, accessed
  [0x0000ffff, 0x00cf9b00], // code, D=1 (32-bit)
];

function writeGdt(cpu: Cpu): void {
  GDT.forEach(([lo, hi], n) => { cpu.mem.write(DIRECT_GDT + n * 8, 4, lo); cpu.mem.write(DIRECT_GDT + n * 8 + 4, 4, hi); });
  cpu.gdtrBase = DIRECT_GDT;
  cpu.gdtrLimit = GDT.length * 8 - 1;
}

function loadFlatData(cpu: Cpu): void {
  for (const s of [Seg.ES, Seg.SS, Seg.DS, Seg.FS, Seg.GS]) loadCache(cpu.segs[s], 0x10, GDT[2][0], GDT[2][1]);
}

/** Start a 32-bit flat protected-mode image: CS=0x18 (32-bit code), data 0x10, paging off, IF=0, ESP=entry. */
export function startDirect32(cpu: Cpu, entry: number, stackTop: number): void {
  writeGdt(cpu);
  cpu.cr0 = CR0_PE | CR0_ET | CR0_NE;
  cpu.cr4 = 0; cpu.efer = 0;
  loadFlatData(cpu);
  loadCache(cpu.segs[Seg.CS], 0x18, GDT[3][0], GDT[3][1]);
  cpu.flags = FLAGS_FIXED1; cpu.lazy = 0;
  cpu.set32(RSP, stackTop);
  cpu.rip = entry >>> 0;
  cpu.updateMode();
  cpu.flushTlb(false);
}

/**
 * Start a 64-bit image: 4-level paging identity-mapping the first 4 GiB with 2 MiB pages
 * (PML4 at 0x1000, PDPT at 0x2000, four page directories at 0x3000..0x6FFF), CS=0x08, IF=0.
 */
export function startDirect64(cpu: Cpu, entry: number, stackTop: number): void {
  writeGdt(cpu);
  const m = cpu.mem;
  const pdpt = DIRECT_PML4 + 0x1000, pd0 = DIRECT_PML4 + 0x2000;
  for (let a = DIRECT_PML4; a < pd0 + 0x4000; a += 4) m.write(a, 4, 0);
  m.write(DIRECT_PML4, 4, pdpt | 0x3);
  for (let g = 0; g < 4; g++) {
    m.write(pdpt + g * 8, 4, (pd0 + g * 0x1000) | 0x3);
    for (let e = 0; e < 512; e++) {
      const phys = g * 0x40000000 + e * 0x200000;
      m.write(pd0 + g * 0x1000 + e * 8, 4, (phys | 0x83) | 0); // present, writable, 2 MiB page
    }
  }
  cpu.cr3 = DIRECT_PML4;
  cpu.cr4 = CR4_PAE;
  cpu.efer = EFER_LME | EFER_LMA;
  cpu.cr0 = CR0_PE | CR0_PG | CR0_ET | CR0_NE;
  loadFlatData(cpu);
  loadCache(cpu.segs[Seg.CS], 0x08, GDT[1][0], GDT[1][1]);
  cpu.flags = FLAGS_FIXED1; cpu.lazy = 0;
  cpu.set64(RSP, stackTop | 0, 0);
  cpu.rip = entry;
  cpu.updateMode();
  cpu.flushTlb(false);
}
