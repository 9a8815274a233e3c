// Plain-data copy of every architectural and execution-control field of the CPU, for snapshots.
import type { Cpu } from './cpu';
import type { SegmentCache } from './segment';

/** A segment cache as plain data. */
export interface SegmentState { selector: number; base: number; limit: number; attr: number; valid: boolean }

/** Everything the CPU holds, as structured-cloneable data. */
export interface CpuState {
  regs: Int32Array; rip: number; curRip: number;
  flags: number; lazy: number; lop: number; lsize: number; la: number; lb: number; lr: number; laHi: number; lbHi: number; lrHi: number;
  segs: SegmentState[]; ldtr: SegmentState; tr: SegmentState;
  gdtrBase: number; gdtrLimit: number; idtrBase: number; idtrLimit: number;
  cr0: number; cr2: number; cr3: number; cr4: number; cr8: number; efer: number;
  msrs: [number, [number, number]][];
  star: number[]; lstar: number; cstar: number; sfmask: number; kernelGsBase: number;
  sysenterCs: number; sysenterEsp: number; sysenterEip: number; tscAux: number; pat: number[]; apicBase: number[];
  dr: number[];
  fpuControl: number; fpuStatus: number; fpuTag: number; fpuTop: number; fpuRegs: Float64Array; xmm: Int32Array; mxcsr: number;
  icount: number; skippedTime: number; halted: boolean; shadowUntil: number; nmiPending: boolean; tripleFault: string[] | null;
  extra: Record<string, unknown>;
}

function seg(s: SegmentCache): SegmentState { return { selector: s.selector, base: s.base, limit: s.limit, attr: s.attr, valid: s.valid }; }
function setSeg(d: SegmentCache, s: SegmentState): void { d.selector = s.selector; d.base = s.base; d.limit = s.limit; d.attr = s.attr; d.valid = s.valid; }

/**
 * Fields added to the CPU by other modules (e.g. a TSC offset) register here so that snapshots
 * carry them without this file knowing them.
 */
export const extraCpuFields: { name: string; save(cpu: Cpu): unknown; restore(cpu: Cpu, v: unknown): void }[] = [];

/** Copy the CPU state out. */
export function saveCpu(cpu: Cpu): CpuState {
  const extra: Record<string, unknown> = {};
  for (const f of extraCpuFields) extra[f.name] = f.save(cpu);
  return {
    regs: cpu.regs.slice(), rip: cpu.rip, curRip: cpu.curRip,
    flags: cpu.flags, lazy: cpu.lazy, lop: cpu.lop, lsize: cpu.lsize, la: cpu.la, lb: cpu.lb, lr: cpu.lr, laHi: cpu.laHi, lbHi: cpu.lbHi, lrHi: cpu.lrHi,
    segs: cpu.segs.map(seg), ldtr: seg(cpu.ldtr), tr: seg(cpu.tr),
    gdtrBase: cpu.gdtrBase, gdtrLimit: cpu.gdtrLimit, idtrBase: cpu.idtrBase, idtrLimit: cpu.idtrLimit,
    cr0: cpu.cr0, cr2: cpu.cr2, cr3: cpu.cr3, cr4: cpu.cr4, cr8: cpu.cr8, efer: cpu.efer,
    msrs: [...cpu.msrs.entries()].map(([k, v]) => [k, [v[0], v[1]]]),
    star: [...cpu.star], lstar: cpu.lstar, cstar: cpu.cstar, sfmask: cpu.sfmask, kernelGsBase: cpu.kernelGsBase,
    sysenterCs: cpu.sysenterCs, sysenterEsp: cpu.sysenterEsp, sysenterEip: cpu.sysenterEip, tscAux: cpu.tscAux, pat: [...cpu.pat], apicBase: [...cpu.apicBase],
    dr: [...cpu.dr],
    fpuControl: cpu.fpuControl, fpuStatus: cpu.fpuStatus, fpuTag: cpu.fpuTag, fpuTop: cpu.fpuTop, fpuRegs: cpu.fpuRegs.slice(), xmm: cpu.xmm.slice(), mxcsr: cpu.mxcsr,
    icount: cpu.icount, skippedTime: cpu.skippedTime, halted: cpu.halted, shadowUntil: cpu.shadowUntil, nmiPending: cpu.nmiPending,
    tripleFault: cpu.tripleFault ? [...cpu.tripleFault] : null,
    extra,
  };
}

/** Put a saved state back. The caller restores memory first; cached translations and decoded code are dropped. */
export function restoreCpu(cpu: Cpu, s: CpuState): void {
  cpu.regs.set(s.regs); cpu.rip = s.rip; cpu.curRip = s.curRip;
  cpu.flags = s.flags; cpu.lazy = s.lazy; cpu.lop = s.lop; cpu.lsize = s.lsize; cpu.la = s.la; cpu.lb = s.lb; cpu.lr = s.lr;
  cpu.laHi = s.laHi; cpu.lbHi = s.lbHi; cpu.lrHi = s.lrHi;
  s.segs.forEach((v, n) => setSeg(cpu.segs[n], v)); setSeg(cpu.ldtr, s.ldtr); setSeg(cpu.tr, s.tr);
  cpu.gdtrBase = s.gdtrBase; cpu.gdtrLimit = s.gdtrLimit; cpu.idtrBase = s.idtrBase; cpu.idtrLimit = s.idtrLimit;
  cpu.cr0 = s.cr0; cpu.cr2 = s.cr2; cpu.cr3 = s.cr3; cpu.cr4 = s.cr4; cpu.cr8 = s.cr8; cpu.efer = s.efer;
  cpu.msrs.clear(); for (const [k, v] of s.msrs) cpu.msrs.set(k, [v[0], v[1]]);
  cpu.star = [...s.star]; cpu.lstar = s.lstar; cpu.cstar = s.cstar; cpu.sfmask = s.sfmask; cpu.kernelGsBase = s.kernelGsBase;
  cpu.sysenterCs = s.sysenterCs; cpu.sysenterEsp = s.sysenterEsp; cpu.sysenterEip = s.sysenterEip; cpu.tscAux = s.tscAux;
  cpu.pat = [...s.pat]; cpu.apicBase = [...s.apicBase];
  s.dr.forEach((v, n) => { cpu.dr[n] = v; });
  cpu.fpuControl = s.fpuControl; cpu.fpuStatus = s.fpuStatus; cpu.fpuTag = s.fpuTag; cpu.fpuTop = s.fpuTop;
  cpu.fpuRegs.set(s.fpuRegs); cpu.xmm.set(s.xmm); cpu.mxcsr = s.mxcsr;
  cpu.icount = s.icount; cpu.skippedTime = s.skippedTime; cpu.halted = s.halted; cpu.shadowUntil = s.shadowUntil; cpu.nmiPending = s.nmiPending;
  cpu.tripleFault = s.tripleFault ? [...s.tripleFault] : null;
  for (const f of extraCpuFields) if (f.name in s.extra) f.restore(cpu, s.extra[f.name]);
  cpu.invalidateAllCode();
  cpu.debugRegistersChanged();
  cpu.updateMode();
  cpu.flushTlb(false);
}
