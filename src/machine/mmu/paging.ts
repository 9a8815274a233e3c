// Page walks for 32-bit, PAE and 4-level paging, with Accessed/Dirty updates and exact #PF error codes.
import { CpuFault } from '../cpu/fault';
import { CR0_PG, CR0_WP, CR4_PAE, CR4_PGE, CR4_PSE, EFER_LMA, EFER_NXE } from '../cpu/registers';
import type { PhysicalMemory } from '../memory/physical';
import { T_GLOBAL, T_R_SUP, T_R_USER, T_W_SUP, T_W_USER, T_X_SUP, T_X_USER } from './tlb';

/** Kind of memory access, as the page walk needs it. */
export const ACC_READ = 0, ACC_WRITE = 1, ACC_EXEC = 2;

/** Physical-address width reported by CPUID 0x80000008 and used for reserved-bit checks (QEMU's TCG default). */
export const MAXPHYADDR = 40;

/** The registers a page walk depends on. */
export interface PagingRegs {
  cr0: number;
  cr3: number;
  cr4: number;
  efer: number;
  readonly mem: PhysicalMemory;
}

/** Result of a successful walk: physical base of the 4 KiB frame that holds the address, and TLB permission bits. */
export interface Translation { physPage: number; flags: number; level: number }

const PTE_P = 1, PTE_RW = 2, PTE_US = 4, PTE_A = 0x20, PTE_D = 0x40, PTE_PS = 0x80, PTE_G = 0x100;
const TWO32 = 4294967296;
/** Reserved physical-address bits 51:MAXPHYADDR in the high dword of a 64-bit entry. */
const HI_RSVD = (((1 << (52 - 32)) - 1) & ~((1 << (MAXPHYADDR - 32)) - 1));
/** Bits 62:52 are ignored by the processor (available to software); bit 63 is XD. */
const NX_BIT_HI = 0x80000000 | 0;

/** #PF error code bits. */
export const PFEC_P = 1, PFEC_W = 2, PFEC_U = 4, PFEC_RSVD = 8, PFEC_I = 16;

/** Fills `out` with the translation of linear address `lin`, or returns false when `sideEffects` is false and the walk would fault. */
export function pageWalk(r: PagingRegs, lin: number, access: number, user: boolean, sideEffects: boolean, out: Translation): boolean {
  const cr4 = r.cr4;
  if (r.efer & EFER_LMA) return walk64(r, lin, access, user, sideEffects, out);
  if (cr4 & CR4_PAE) return walkPae(r, lin >>> 0, access, user, sideEffects, out);
  return walk32(r, lin >>> 0, access, user, sideEffects, out);
}

function fault(lin: number, access: number, user: boolean, present: boolean, rsvd: boolean, r: PagingRegs, sideEffects: boolean): false {
  if (!sideEffects) return false;
  let code = 0;
  if (present) code |= PFEC_P;
  if (access === ACC_WRITE) code |= PFEC_W;
  if (user) code |= PFEC_U;
  if (rsvd) code |= PFEC_RSVD | PFEC_P;
  if (access === ACC_EXEC && (r.efer & EFER_NXE) && (r.cr4 & CR4_PAE)) code |= PFEC_I;
  throw new CpuFault(14, code, lin);
}

/** Decide permissions from the combined U/S, R/W, XD of all levels and finish the walk (A/D bits, TLB flags). */
function finish(r: PagingRegs, lin: number, access: number, user: boolean, sideEffects: boolean, us: boolean, rw: boolean, nx: boolean,
  dirty: boolean, global: boolean, out: Translation): boolean {
  const wp = (r.cr0 & CR0_WP) !== 0;
  if (user) {
    if (!us || (access === ACC_WRITE && !rw) || (access === ACC_EXEC && nx)) return fault(lin, access, user, true, false, r, sideEffects);
  } else {
    if ((access === ACC_WRITE && !rw && wp) || (access === ACC_EXEC && nx)) return fault(lin, access, user, true, false, r, sideEffects);
  }
  let f = T_R_SUP;
  if (us) f |= T_R_USER;
  if (dirty) {
    if (rw || !wp) f |= T_W_SUP;
    if (us && rw) f |= T_W_USER;
  }
  if (!nx) { f |= T_X_SUP; if (us) f |= T_X_USER; }
  if (global && (r.cr4 & CR4_PGE)) f |= T_GLOBAL;
  out.flags = f;
  return true;
}

function rd32(r: PagingRegs, a: number): number { return r.mem.read(a, 4); }
function wr32(r: PagingRegs, a: number, v: number): void { r.mem.write(a, 4, v); }

function walk32(r: PagingRegs, lin: number, access: number, user: boolean, se: boolean, out: Translation): boolean {
  const pdeAddr = (r.cr3 & 0xfffff000) + ((lin >>> 22) << 2);
  let pde = rd32(r, pdeAddr >>> 0);
  if (!(pde & PTE_P)) return fault(lin, access, user, false, false, r, se);
  if ((pde & PTE_PS) && (r.cr4 & CR4_PSE)) {
    const rw = (pde & PTE_RW) !== 0, us = (pde & PTE_US) !== 0;
    const write = access === ACC_WRITE;
    if (!finish(r, lin, access, user, se, us, rw, false, (pde & PTE_D) !== 0 || write, (pde & PTE_G) !== 0, out)) return false;
    if (se) {
      const np = pde | PTE_A | (write ? PTE_D : 0);
      if (np !== pde) wr32(r, pdeAddr >>> 0, np);
    }
    out.physPage = ((pde & 0xffc00000) >>> 0) + (lin & 0x3ff000);
    out.level = 2;
    return true;
  }
  const pteAddr = ((pde & 0xfffff000) >>> 0) + (((lin >>> 12) & 0x3ff) << 2);
  const pte = rd32(r, pteAddr);
  if (!(pte & PTE_P)) return fault(lin, access, user, false, false, r, se);
  const rw = (pde & pte & PTE_RW) !== 0, us = (pde & pte & PTE_US) !== 0;
  const write = access === ACC_WRITE;
  if (!finish(r, lin, access, user, se, us, rw, false, (pte & PTE_D) !== 0 || write, (pte & PTE_G) !== 0, out)) return false;
  if (se) {
    if (!(pde & PTE_A)) { pde |= PTE_A; wr32(r, pdeAddr >>> 0, pde); }
    const np = pte | PTE_A | (write ? PTE_D : 0);
    if (np !== pte) wr32(r, pteAddr, np);
  }
  out.physPage = (pte & 0xfffff000) >>> 0;
  out.level = 1;
  return true;
}

/** A 64-bit paging-structure entry read as lo/hi halves. */
let eLo = 0, eHi = 0;
function readEntry(r: PagingRegs, a: number): void { eLo = r.mem.read(a, 4); eHi = r.mem.read(a + 4, 4); }

/** Physical address bits 51:12 of an entry as a JS number, masked to MAXPHYADDR. */
function entryAddr(lo: number, hi: number): number {
  return (hi & ((1 << (MAXPHYADDR - 32)) - 1)) * TWO32 + ((lo & 0xfffff000) >>> 0);
}

/** Reserved-bit check for a present entry at a given level ("large" = PS set at PDE/PDPTE). */
function reserved(r: PagingRegs, lo: number, hi: number, level: number, large: boolean, pdpte32: boolean): boolean {
  if (hi & HI_RSVD) return true;
  if ((hi & NX_BIT_HI) && !(r.efer & EFER_NXE)) return true;
  if (pdpte32) return (lo & 0x1e6) !== 0; // PAE PDPTE: bits 1,2,5..8 reserved
  if (level === 4 && (lo & PTE_PS)) return true;
  if (large) {
    if (level === 2 && (lo & 0x1fe000)) return true;            // 2 MiB page: bits 20:13
    if (level === 3 && (lo & 0x3fffe000)) return true;          // 1 GiB page: bits 29:13
  }
  return false;
}

function walkPae(r: PagingRegs, lin: number, access: number, user: boolean, se: boolean, out: Translation): boolean {
  const pdpteAddr = ((r.cr3 & 0xffffffe0) >>> 0) + ((lin >>> 30) << 3);
  readEntry(r, pdpteAddr);
  if (!(eLo & PTE_P)) return fault(lin, access, user, false, false, r, se);
  if (reserved(r, eLo, eHi, 3, false, true)) return fault(lin, access, user, true, true, r, se);
  return walkFrom(r, lin, access, user, se, out, entryAddr(eLo, eHi), 2, true, true, false, [], lin);
}

function walk64(r: PagingRegs, lin: number, access: number, user: boolean, se: boolean, out: Translation): boolean {
  const base = entryAddr(r.cr3 & 0xfffff000, 0) + Math.floor(r.cr3 / TWO32) % 256 * TWO32;
  return walkFrom(r, lin, access, user, se, out, base, 4, true, true, false, [], lin);
}

/** Linear-address bits for the index at a level (4 = PML4 ... 1 = PT), for a signed-canonical or 32-bit linear address. */
function indexAt(lin: number, level: number): number {
  const shift = 12 + 9 * (level - 1);
  return Math.floor(lin / 2 ** shift) & 0x1ff;
}

function walkFrom(r: PagingRegs, lin: number, access: number, user: boolean, se: boolean, out: Translation,
  table: number, level: number, us: boolean, rw: boolean, nx: boolean, touched: number[], addr: number): boolean {
  for (;;) {
    const ea = table + indexAt(addr, level) * 8;
    readEntry(r, ea);
    const lo = eLo, hi = eHi;
    if (!(lo & PTE_P)) return fault(lin, access, user, false, false, r, se);
    const large = (lo & PTE_PS) !== 0 && (level === 2 || level === 3);
    if (reserved(r, lo, hi, level, large, false)) return fault(lin, access, user, true, true, r, se);
    us = us && (lo & PTE_US) !== 0;
    rw = rw && (lo & PTE_RW) !== 0;
    nx = nx || (hi & NX_BIT_HI) !== 0;
    if (level === 1 || large) {
      const write = access === ACC_WRITE;
      if (!finish(r, lin, access, user, se, us, rw, nx, (lo & PTE_D) !== 0 || write, (lo & PTE_G) !== 0, out)) return false;
      if (se) {
        for (const t of touched) { const v = r.mem.read(t, 4); if (!(v & PTE_A)) r.mem.write(t, 4, v | PTE_A); }
        const nv = lo | PTE_A | (write ? PTE_D : 0);
        if (nv !== lo) r.mem.write(ea, 4, nv);
      }
      const frame = entryAddr(lo, hi);
      if (level === 1) out.physPage = frame;
      else {
        const span = level === 2 ? 0x200000 : 0x40000000;
        const within = ((lin % span) + span) % span;
        out.physPage = frame - (frame % span) + (within - (within % 4096));
      }
      out.level = level;
      return true;
    }
    touched.push(ea);
    table = entryAddr(lo, hi);
    level--;
  }
}

/** True when paging is on. */
export function pagingEnabled(r: PagingRegs): boolean { return (r.cr0 & CR0_PG) !== 0; }
