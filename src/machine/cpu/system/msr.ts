// Model-specific registers: RDMSR/WRMSR semantics for EFER, the SYSCALL/SYSENTER MSRs, FS/GS bases, TSC, APIC base, PAT, MTRRs.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { Seg } from '../instr';
import {
  CR0_PG, EFER_LMA, EFER_LME, EFER_NXE, EFER_SCE, MSR_APIC_BASE, MSR_CSTAR, MSR_EFER, MSR_FS_BASE, MSR_GS_BASE,
  MSR_KERNEL_GS_BASE, MSR_LSTAR, MSR_PAT, MSR_SFMASK, MSR_STAR, MSR_SYSENTER_CS, MSR_SYSENTER_EIP,
  MSR_SYSENTER_ESP, MSR_TSC, MSR_TSC_AUX,
} from '../registers';
import { MAXPHYADDR } from '../../mmu/paging';

const TWO32 = 4294967296;
const CANON = 140737488355328; // 2^47

/** EFER.FFXSR (fast FXSAVE/FXRSTOR), writable but without effect here. */
const EFER_FFXSR = 1 << 14;
const EFER_WRITABLE = EFER_SCE | EFER_LME | EFER_NXE | EFER_FFXSR;

/** MTRR and miscellaneous MSRs that read back what was written (initially the values shown). */
const PLAIN_MSRS: Record<number, [number, number]> = {
  0x1a0: [1, 0],           // IA32_MISC_ENABLE: fast strings
  0x2ff: [0, 0],           // IA32_MTRR_DEF_TYPE
  0x250: [0, 0], 0x258: [0, 0], 0x259: [0, 0],
  0x268: [0, 0], 0x269: [0, 0], 0x26a: [0, 0], 0x26b: [0, 0], 0x26c: [0, 0], 0x26d: [0, 0], 0x26e: [0, 0], 0x26f: [0, 0],
};
for (let k = 0x200; k < 0x210; k++) PLAIN_MSRS[k] = [0, 0];
/** IA32_MTRRCAP: 8 variable ranges, fixed ranges, write-combining (as QEMU reports). Read-only. */
const MTRRCAP: [number, number] = [0x508, 0];

/** A signed-canonical 64-bit number from lo/hi halves (exact for canonical values). */
export function toNumber64(lo: number, hi: number): number { return (hi | 0) * TWO32 + (lo >>> 0); }
/** True when the 64-bit value lo/hi is a canonical linear address (bits 63:47 all equal). */
export function isCanonical(lo: number, hi: number): boolean {
  const h = hi | 0;
  void lo;
  return h >= -0x8000 && h < 0x8000;
}
function splitLo(v: number): number { return v % TWO32 | 0; }
function splitHi(v: number): number { return Math.floor(v / TWO32) | 0; }

/** The time-stamp counter: virtual time (cpu.icount) plus the offset WRMSR(TSC) established. */
export function readTsc(cpu: Cpu): [number, number] {
  const off = cpu.msrs.get(MSR_TSC);
  const v = cpu.icount + (off ? toNumber64(off[0], off[1]) : 0);
  const t = v < 0 ? v + 2 ** 64 : v;
  return [t % TWO32 | 0, Math.floor(t / TWO32) | 0];
}

/** RDMSR: returns [lo, hi]; unknown MSRs raise #GP(0). */
export function readMsr(cpu: Cpu, index: number): [number, number] {
  const n = index >>> 0;
  switch (n) {
    case MSR_EFER: return [cpu.efer, 0];
    case MSR_STAR: return [cpu.star[0], cpu.star[1]];
    case MSR_LSTAR: return [splitLo(cpu.lstar), splitHi(cpu.lstar)];
    case MSR_CSTAR: return [splitLo(cpu.cstar), splitHi(cpu.cstar)];
    case MSR_SFMASK: return [cpu.sfmask, 0];
    case MSR_FS_BASE: return [splitLo(cpu.segs[Seg.FS].base), splitHi(cpu.segs[Seg.FS].base)];
    case MSR_GS_BASE: return [splitLo(cpu.segs[Seg.GS].base), splitHi(cpu.segs[Seg.GS].base)];
    case MSR_KERNEL_GS_BASE: return [splitLo(cpu.kernelGsBase), splitHi(cpu.kernelGsBase)];
    case MSR_TSC_AUX: return [cpu.tscAux, 0];
    case MSR_TSC: return readTsc(cpu);
    case MSR_APIC_BASE: return [cpu.apicBase[0], cpu.apicBase[1]];
    case MSR_SYSENTER_CS: return [cpu.sysenterCs, 0];
    case MSR_SYSENTER_ESP: return [splitLo(cpu.sysenterEsp), splitHi(cpu.sysenterEsp)];
    case MSR_SYSENTER_EIP: return [splitLo(cpu.sysenterEip), splitHi(cpu.sysenterEip)];
    case MSR_PAT: return [cpu.pat[0], cpu.pat[1]];
    case 0xfe: return [MTRRCAP[0], MTRRCAP[1]];
  }
  const v = cpu.msrs.get(n) ?? PLAIN_MSRS[n];
  if (!v) throw new CpuFault(13, 0);
  return [v[0], v[1]];
}

function canonicalOrGp(lo: number, hi: number): number {
  if (!isCanonical(lo, hi)) throw new CpuFault(13, 0);
  return toNumber64(lo, hi);
}

/** A valid PAT memory type: 0 (UC), 1 (WC), 4 (WT), 5 (WP), 6 (WB), 7 (UC-). */
function patValid(x: number): boolean {
  for (let k = 0; k < 4; k++) { const t = (x >>> (8 * k)) & 0xff; if (t > 7 || t === 2 || t === 3) return false; }
  return true;
}

/**
 * WRMSR: checks reserved bits and canonical addresses (#GP(0)), then updates the state the MSR
 * controls (EFER's LME can only change with paging off; LMA is read-only).
 */
export function writeMsr(cpu: Cpu, index: number, lo: number, hi: number): void {
  const n = index >>> 0;
  switch (n) {
    case MSR_EFER: {
      if (hi !== 0 || (lo & ~(EFER_WRITABLE | EFER_LMA))) throw new CpuFault(13, 0);
      if ((cpu.cr0 & CR0_PG) && ((lo ^ cpu.efer) & EFER_LME)) throw new CpuFault(13, 0);
      const old = cpu.efer;
      cpu.efer = (lo & EFER_WRITABLE) | (old & EFER_LMA);
      if ((old ^ cpu.efer) & EFER_NXE) cpu.flushTlb(false);
      break;
    }
    case MSR_STAR: cpu.star = [lo | 0, hi | 0]; break;
    case MSR_LSTAR: cpu.lstar = canonicalOrGp(lo, hi); break;
    case MSR_CSTAR: cpu.cstar = canonicalOrGp(lo, hi); break;
    case MSR_SFMASK: cpu.sfmask = lo | 0; break;
    case MSR_FS_BASE: cpu.segs[Seg.FS].base = canonicalOrGp(lo, hi); break;
    case MSR_GS_BASE: cpu.segs[Seg.GS].base = canonicalOrGp(lo, hi); break;
    case MSR_KERNEL_GS_BASE: cpu.kernelGsBase = canonicalOrGp(lo, hi); break;
    case MSR_TSC_AUX: if (hi !== 0) throw new CpuFault(13, 0); cpu.tscAux = lo | 0; break;
    case MSR_TSC: {
      // Writes set the counter: keep the difference to virtual time as the offset.
      const want = (hi >>> 0) * TWO32 + (lo >>> 0);
      const off = want - cpu.icount;
      cpu.msrs.set(MSR_TSC, [splitLo(off), splitHi(off)]);
      break;
    }
    case MSR_APIC_BASE: {
      // Bits 7:0, 9 and those above MAXPHYADDR are reserved; BSP (bit 8) is read-only.
      if ((lo & 0x2ff) || (hi >>> (MAXPHYADDR - 32))) throw new CpuFault(13, 0);
      cpu.apicBase = [(lo & ~0x100) | (cpu.apicBase[0] & 0x100), hi | 0];
      break;
    }
    case MSR_SYSENTER_CS: cpu.sysenterCs = lo & 0xffff; break;
    case MSR_SYSENTER_ESP: cpu.sysenterEsp = canonicalOrGp(lo, hi); break;
    case MSR_SYSENTER_EIP: cpu.sysenterEip = canonicalOrGp(lo, hi); break;
    case MSR_PAT:
      if (!patValid(lo) || !patValid(hi)) throw new CpuFault(13, 0);
      cpu.pat = [lo | 0, hi | 0];
      break;
    case 0xfe: throw new CpuFault(13, 0);
    default: {
      if (!cpu.msrs.has(n) && !PLAIN_MSRS[n]) throw new CpuFault(13, 0);
      if (n === 0x2ff && ((lo & ~0xcff) || hi)) throw new CpuFault(13, 0);
      cpu.msrs.set(n, [lo | 0, hi | 0]);
    }
  }
  cpu.emit('msr', n);
}
