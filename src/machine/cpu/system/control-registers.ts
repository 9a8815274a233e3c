// Writes to CR0, CR3, CR4 and CR8 with the SDM's reserved-bit and mode checks, IA-32e activation and TLB flushes.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import {
  CR0_CD, CR0_ET, CR0_NW, CR0_PE, CR0_PG, CR0_WP, CR4_DE, CR4_FSGSBASE, CR4_MCE, CR4_OSFXSR, CR4_OSXMMEXCPT,
  CR4_OSXSAVE, CR4_PAE, CR4_PCE, CR4_PGE, CR4_PSE, CR4_PVI, CR4_SMAP, CR4_SMEP, CR4_TSD, CR4_UMIP, CR4_VME,
  EFER_LMA, EFER_LME,
} from '../registers';
import { MAXPHYADDR } from '../../mmu/paging';
import { SEG_L } from '../segment';

const TWO32 = 4294967296;

/** CR4 bits this processor implements; setting any other bit is #GP(0). */
export const CR4_SUPPORTED = CR4_VME | CR4_PVI | CR4_TSD | CR4_DE | CR4_PSE | CR4_PAE | CR4_MCE | CR4_PGE | CR4_PCE |
  CR4_OSFXSR | CR4_OSXMMEXCPT | CR4_UMIP | CR4_FSGSBASE | CR4_OSXSAVE | CR4_SMEP | CR4_SMAP;

/**
 * MOV CR0 (also used by LMSW and CLTS). `hi` is bits 63:32 (64-bit mode only; must be 0).
 * Checks: PG without PE, NW without CD, PG with EFER.LME but CR4.PAE clear, clearing PG in 64-bit
 * mode. Activates or deactivates IA-32e mode (EFER.LMA) when PG changes with LME set.
 */
export function writeCr0(cpu: Cpu, value: number, hi = 0): void {
  if (hi !== 0) throw new CpuFault(13, 0);
  const v = (value | CR0_ET) >>> 0;
  if ((v & CR0_PG) && !(v & CR0_PE)) throw new CpuFault(13, 0);
  if ((v & CR0_NW) && !(v & CR0_CD)) throw new CpuFault(13, 0);
  const old = cpu.cr0 >>> 0;
  const pgOn = (v & CR0_PG) !== 0 && !(old & CR0_PG);
  const pgOff = !(v & CR0_PG) && (old & CR0_PG) !== 0;
  if (pgOn && (cpu.efer & EFER_LME)) {
    if (!(cpu.cr4 & CR4_PAE)) throw new CpuFault(13, 0);
    if (cpu.segs[1].attr & SEG_L) throw new CpuFault(13, 0);
  }
  if (pgOff && cpu.bits === 64) throw new CpuFault(13, 0);
  cpu.cr0 = v | 0;
  if (pgOn && (cpu.efer & EFER_LME)) cpu.efer |= EFER_LMA;
  if (pgOff) cpu.efer &= ~EFER_LMA;
  if ((old ^ v) & (CR0_PG | CR0_WP | CR0_PE)) cpu.flushTlb(false);
  cpu.updateMode();
  cpu.emit('cr0', cpu.cr0);
}

/**
 * MOV CR3: in IA-32e mode bits above MAXPHYADDR are reserved (#GP(0)). Flushes the TLB except
 * global pages.
 */
export function writeCr3(cpu: Cpu, value: number, hi = 0): void {
  let v: number;
  if (cpu.efer & EFER_LMA) {
    if (hi >>> (MAXPHYADDR - 32)) throw new CpuFault(13, 0);
    v = (hi >>> 0) * TWO32 + (value >>> 0);
  } else v = value >>> 0;
  cpu.cr3 = v;
  cpu.flushTlb(true);
  cpu.emit('cr3');
}

/** MOV CR4: unsupported bits and clearing PAE in IA-32e mode are #GP(0); paging-mode bits flush the TLB. */
export function writeCr4(cpu: Cpu, value: number, hi = 0): void {
  if (hi !== 0 || (value & ~CR4_SUPPORTED)) throw new CpuFault(13, 0);
  if ((cpu.efer & EFER_LMA) && !(value & CR4_PAE)) throw new CpuFault(13, 0);
  const old = cpu.cr4;
  cpu.cr4 = value | 0;
  if ((old ^ value) & (CR4_PGE | CR4_PAE | CR4_PSE | CR4_SMEP | CR4_SMAP)) cpu.flushTlb(false);
  cpu.emit('cr4', cpu.cr4);
}

/** MOV CR8 (the task-priority register, 64-bit mode): bits 63:4 are reserved. */
export function writeCr8(cpu: Cpu, value: number, hi = 0): void {
  if (hi !== 0 || (value & ~0xf)) throw new CpuFault(13, 0);
  cpu.cr8 = value;
  // CR8 is the local APIC's TPR[7:4] (SDM Vol. 3 10.8.6.1).
  cpu.apic?.setCr8(value);
}
