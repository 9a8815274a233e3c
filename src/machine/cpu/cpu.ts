// The CPU: architectural state, memory access through segmentation and the TLB, the decode cache and the run loop.
import { CpuFault } from './fault';
import { Instr, OpKind, Seg } from './instr';
import { decode } from './decoder';
import { bindExec } from './exec/registry';
import { compileBlock, endsBlock, HOT_THRESHOLD, MAX_BLOCK, type Block } from './block-compiler';
import './exec/all';
import { SegmentCache, SEG_DB, SEG_L, SEG_P, SEG_S } from './segment';
import {
  CR0_PE, CR0_PG, CR0_ET, CR0_CD, CR0_NW, EFER_LMA, FLAGS_FIXED1, IF, VM, AC, CR0_AM, TF, RF,
} from './registers';
import { PhysicalMemory } from '../memory/physical';
import { PortBus } from '../io';
import {
  Tlb, TLB_MASK, T_R_SUP, T_R_USER, T_W_SUP, T_W_USER, T_X_SUP, T_X_USER, T_RAM, T_WFAST,
} from '../mmu/tlb';
import { pageWalk, ACC_READ, ACC_WRITE, ACC_EXEC, type Translation } from '../mmu/paging';
import { deliverEvent, EVT_EXCEPTION, EVT_EXTERNAL, EVT_NMI } from './system/delivery';
import { BreakpointSet, decodeBreakpoints, matchData, matchInstruction, reportDebug, DR6_BS } from './system/debug';

const TWO32 = 4294967296;
const INV4096 = 1 / 4096;

/** Why `Cpu.run` returned. */
export const enum Stop {
  /** The instruction budget was used up. */
  Budget = 0,
  /** A breakpoint address was reached (the instruction there has not executed). */
  Breakpoint = 1,
  /** HLT with nothing to wake the CPU inside this slice. */
  Halted = 2,
  /** Triple fault: the machine is dead (see `tripleFault`). */
  TripleFault = 3,
  /** Somebody called `requestStop()` (debugger pause, guest exit). */
  Requested = 4,
}

/** A listener for architectural events (the debugger builds on these; the machine knows nothing of debugging). */
export interface CpuEvents {
  /** An exception or interrupt is about to be delivered (vector, error code or -1, kind). */
  onDeliver?(vector: number, errorCode: number, kind: number): void;
  /** Any other architectural event: 'iret', 'syscall', 'sysret', 'cpl', 'mode', 'cr0', 'cr3', 'cr4', 'msr', 'lgdt', 'lidt', 'ltr', 'hlt'. */
  onEvent?(name: string, detail?: number): void;
}

/** The local APIC as the CPU sees it: IA32_APIC_BASE and CR8 (TPR[7:4]). Wired by the machine. */
export interface ApicLink {
  getBaseMsrLow(): number;
  getBaseMsrHigh(): number;
  setBaseMsr(lo: number, hi: number): void;
  getCr8(): number;
  setCr8(v: number): void;
}

/** Where an external interrupt comes from (the PIC/APIC router); NMI is optional. */
export interface IrqSource { hasInterrupt(): boolean; acknowledge(): number; readonly nmiPending?: boolean; acknowledgeNmi?(): boolean }

/** Vectors of fault-class exceptions: their EFLAGS image has RF set (SDM Vol. 3 18.3.1.1). */
const FAULT_CLASS = (1 << 0) | (1 << 1) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14) | (1 << 16) | (1 << 17) | (1 << 19) | (1 << 20);
/** A TLB permission bit no entry has: masks with it never hit the fast path (alignment checking). */
const T_NEVER = 256;

/**
 * The x86-64 processor. Registers are int32 lo/hi pairs in a typed array (no BigInt on the hot
 * path); RIP and linear addresses are JS numbers holding the signed-canonical value in 64-bit
 * mode (exact, since |addr| < 2^47) or the unsigned 32-bit value otherwise.
 */
export class Cpu {
  /** General registers: regs[2n] = low 32 bits, regs[2n+1] = high 32 bits of register n. */
  readonly regs = new Int32Array(32);
  /** Offset of the next instruction in CS (during execution: the END of the current instruction). */
  rip = 0;
  /** RIP of the instruction being executed (valid during exec and after a fault). */
  curRip = 0;
  /** Side channel for the high half of 64-bit values returned by read helpers. */
  hi = 0;

  // ---- RFLAGS: non-arithmetic bits live in `flags`; arithmetic bits listed in `lazy` derive from the last result ----
  flags = FLAGS_FIXED1;
  /** Which of CF/PF/AF/ZF/SF/OF must be computed from the lazy operation record below. */
  lazy = 0;
  /** Lazy operation record: kind, size in bytes, operands and result (lo and hi halves for 64-bit). */
  lop = 0; lsize = 4; la = 0; lb = 0; lr = 0; laHi = 0; lbHi = 0; lrHi = 0;

  // ---- segmentation ----
  readonly segs: SegmentCache[] = [0, 1, 2, 3, 4, 5].map(() => new SegmentCache());
  readonly ldtr = new SegmentCache();
  readonly tr = new SegmentCache();
  gdtrBase = 0; gdtrLimit = 0xffff;
  idtrBase = 0; idtrLimit = 0x3ff;

  // ---- control and model-specific registers ----
  cr0 = CR0_ET | CR0_CD | CR0_NW;
  cr2 = 0;
  cr3 = 0;
  cr4 = 0;
  cr8 = 0;
  efer = 0;
  /** Other MSRs by number: [lo, hi]. The named system MSRs have their own fields. */
  readonly msrs = new Map<number, [number, number]>();
  star = [0, 0]; lstar = 0; cstar = 0; sfmask = 0; kernelGsBase = 0;
  sysenterCs = 0; sysenterEsp = 0; sysenterEip = 0; tscAux = 0;
  pat = [0x00070406, 0x00070406];
  apicBase = [0xfee00900 | 0, 0];
  /** Debug registers DR0..DR7 (DR4/DR5 alias DR6/DR7). */
  readonly dr = [0, 0, 0, 0, 0xffff0ff0, 0x400, 0xffff0ff0, 0x400];

  // ---- x87 / SSE (enough for FXSAVE/FXRSTOR and compiler-emitted moves) ----
  fpuControl = 0x37f; fpuStatus = 0; fpuTag = 0xffff; fpuTop = 0;
  readonly fpuRegs = new Float64Array(8);
  /**
   * The x87 physical registers R0..R7 in 80-bit form, 3 int32 each (significand low, high,
   * sign/exponent); `fpuRegs` is a float64 view of them kept for display. Declared here (not
   * attached on first use) so that every CPU object has the same shape for the engine.
   */
  readonly fpuExt = new Int32Array(24);
  /** XMM0..15 as 4 int32 lanes each (xmm[4n] is the lowest dword). */
  readonly xmm = new Int32Array(64);
  mxcsr = 0x1f80;

  // ---- derived mode state (recomputed by `updateMode`) ----
  /** Current privilege level. */
  cpl = 0;
  /** Code size of CS: 16, 32 or 64. */
  bits: 16 | 32 | 64 = 16;
  /** Default stack address size in bytes (2, 4 or 8). */
  stackSize = 2;
  /** TLB permission masks for the current CPL. */
  needR = T_R_SUP | T_RAM; needW = T_W_SUP | T_WFAST; needX = T_X_SUP | T_RAM;

  // ---- execution control ----
  /** Virtual time in ns: one per retired instruction, plus time skipped while halted. Drives TSC and devices. */
  icount = 0;
  /** Virtual time skipped while halted (so that `retired` = icount - skippedTime). */
  skippedTime = 0;
  /** Retired instructions (not counting halted time). */
  get retired(): number { return this.icount - this.skippedTime; }

  /** Let virtual time pass while halted, up to `t`. */
  skipTimeTo(t: number): void { if (t > this.icount) { this.skippedTime += t - this.icount; this.icount = t; } }
  /** The run loop leaves its hot loop when icount reaches this; lowered to request attention. */
  limit = 0;
  /** The slice end asked for by the caller of `run`. */
  private sliceEnd = 0;
  halted = false;
  stopReason = Stop.Budget;
  /** icount value at which the STI / MOV SS interrupt shadow ends (interrupts blocked while icount < it). */
  shadowUntil = -1;
  /** Pending NMI. */
  nmiPending = false;
  /** Description of the faults that led to a triple fault, outermost first. */
  tripleFault: string[] | null = null;
  /**
   * Return from `run` right after delivering an exception or interrupt, before the handler's
   * first instruction (single-stepping and traces see the handler entry as its own step, as
   * QEMU's `-d cpu -singlestep` logs it).
   */
  stopAfterDelivery = false;
  // ---- debug features: TF, RF, DR0-DR3 breakpoints, NMI blocking. The hot loop pays nothing while none is active ----
  /** The run loop executes one instruction per pass and checks debug conditions around it. */
  private stepping = false;
  /** icount, RFLAGS and delivery count at the start of the stepped instruction (-1: none). */
  private stepIcount = -1;
  private stepFlags = 0;
  private stepDeliveries = 0;
  /** Events delivered so far (to tell whether an instruction delivered one, e.g. INT n). */
  deliveries = 0;
  /** DR0-DR3 as decoded from DR7. */
  readonly breakpoints4 = new BreakpointSet();
  /** DR6.Bn bits of data breakpoints hit by the current instruction (a trap after it). */
  dataHits = 0;
  /** Debug traps held back by a MOV SS / POP SS (delivered after the next instruction). */
  private heldTraps = 0;
  /** IRET loaded RF = 1: keep it for the instruction it returns to. */
  rfLoaded = false;
  /** An NMI handler is running (blocked until the next IRET). */
  nmiBlocked = false;
  /** Alignment checking may apply (CR0.AM at CPL 3): the memory fast paths are off, readSlow checks RFLAGS.AC. */
  private alignArmed = false;
  /** Nesting of exception delivery, for #DF and triple fault (managed by system/delivery). */
  deliveryDepth = 0;
  firstFaultVector = -1;

  readonly mem: PhysicalMemory;
  readonly ports: PortBus;
  readonly tlb = new Tlb();
  irq: IrqSource | null = null;
  /** The local APIC for RDMSR/WRMSR 0x1B and MOV CR8, when the machine has one. */
  apic: ApicLink | null = null;
  events: CpuEvents = {};

  // ---- decode cache ----
  /** Decoded instructions per physical page (index = physical address >> 12), keyed by page offset. */
  private readonly codeCache: (Instr | undefined)[][] = [];
  /** Pages that hold tails of instructions starting in another page: page -> start pages. */
  private readonly codeSpill = new Map<number, number[]>();
  /** Compile hot runs of instructions into blocks (off: interpret every instruction; for differential tests). */
  blockTier = true;
  /** Instructions decoded so far (a decode-cache statistic: re-decoding shows up here). */
  decodeCount = 0;
  /** Bumped whenever a cached chain between instructions may be stale (code write, CR3/CR0/CR4, CS load, breakpoints). */
  epoch = 0;
  // ---- breakpoints (linear addresses); empty set = no cost ----
  private readonly breakpoints = new Set<number>();
  /** Armed breakpoint addresses (read-only view). */
  get breakpointAddresses(): ReadonlySet<number> { return this.breakpoints; }
  /** Set by the debugger to execute the instruction at a breakpoint once (resume). */
  skipBreakpointAt = NaN;

  /** The last `fetchInstr` returned an instruction at a breakpoint address (resumed once): not to be chained. */
  private atBreakpoint = false;

  /** Arm a breakpoint at a linear address (chains are dropped so the next fetch checks it). */
  addBreakpoint(lin: number): void { this.breakpoints.add(lin); this.epoch++; }
  removeBreakpoint(lin: number): void { this.breakpoints.delete(lin); this.epoch++; }
  clearBreakpoints(): void { this.breakpoints.clear(); this.epoch++; }

  /**
   * Direct-mapped cache from RIP to decoded instruction for branch targets that the per-
   * instruction chains miss (returns, indirect jumps), valid while `jcacheEpoch` equals `epoch`.
   */
  private readonly jcache: (Instr | null)[] = new Array(4096).fill(null);
  private readonly jcacheRip = new Float64Array(4096).fill(NaN);
  /** Compiled blocks by RIP (direct-mapped; an entry is used only when its rip and epoch match): one block leads straight into the next. */
  private readonly blockCache: (Block | null)[] = new Array(4096).fill(null);
  private jcacheEpoch = -1;

  private readonly walkOut: Translation = { physPage: 0, flags: 0, level: 0 };
  private readonly decodeScratchFetch: (k: number) => number;
  private fetchBase = 0;

  constructor(mem: PhysicalMemory, ports: PortBus) {
    this.mem = mem;
    this.ports = ports;
    mem.onCodeWrite = (page) => this.invalidateCodePage(page);
    this.decodeScratchFetch = (k: number) => this.fetchByte(this.fetchBase + k);
    this.reset();
  }

  /** Power-on reset state (SDM Vol. 3 9.1.1), with CS:IP = F000:FFF0. */
  reset(): void {
    this.regs.fill(0);
    this.regs[2 * 2] = 0x600; // EDX = processor signature family 6
    this.flags = FLAGS_FIXED1; this.lazy = 0;
    for (const s of this.segs) { s.selector = 0; s.base = 0; s.limit = 0xffff; s.attr = SEG_P | SEG_S | 0x3; s.valid = true; }
    const cs = this.segs[1];
    cs.selector = 0xf000; cs.base = 0xffff0000; cs.attr = SEG_P | SEG_S | 0xb;
    this.rip = 0xfff0;
    this.ldtr.selector = 0; this.ldtr.base = 0; this.ldtr.limit = 0xffff; this.ldtr.attr = SEG_P | 0x2;
    this.tr.selector = 0; this.tr.base = 0; this.tr.limit = 0xffff; this.tr.attr = SEG_P | 0xb;
    this.gdtrBase = 0; this.gdtrLimit = 0xffff; this.idtrBase = 0; this.idtrLimit = 0x3ff;
    this.cr0 = CR0_ET | CR0_CD | CR0_NW; this.cr2 = 0; this.cr3 = 0; this.cr4 = 0; this.cr8 = 0; this.efer = 0;
    this.halted = false; this.tripleFault = null; this.deliveryDepth = 0; this.shadowUntil = -1;
    this.updateMode();
    this.flushTlb(false);
  }

  // =====================================================================================
  // Mode bookkeeping
  // =====================================================================================

  /** Recompute CPL, code size and TLB masks after CS, CR0, EFER or RFLAGS.VM changed. */
  updateMode(): void {
    const cs = this.segs[1];
    const oldBits = this.bits, oldCpl = this.cpl;
    if (!(this.cr0 & CR0_PE)) { this.cpl = 0; this.bits = (cs.attr & SEG_DB) ? 32 : 16; }
    else if (this.flags & VM) { this.cpl = 3; this.bits = 16; }
    else {
      this.cpl = cs.selector & 3;
      this.bits = (this.efer & EFER_LMA) && (cs.attr & SEG_L) ? 64 : (cs.attr & SEG_DB) ? 32 : 16;
    }
    // In real mode the CPL is 0 but CS.selector RPL is arbitrary; in protected mode CPL = CS.RPL (kept equal by loads).
    const ss = this.segs[2];
    this.stackSize = this.bits === 64 ? 8 : (ss.attr & SEG_DB) ? 4 : 2;
    const user = this.cpl === 3;
    this.alignArmed = user && (this.cr0 & CR0_AM) !== 0;
    const never = this.alignArmed ? T_NEVER : 0;
    this.needR = (user ? T_R_USER : T_R_SUP) | T_RAM | never;
    this.needW = (user ? T_W_USER : T_W_SUP) | T_WFAST | never;
    this.needX = (user ? T_X_USER : T_X_SUP) | T_RAM;
    if (oldBits !== this.bits) this.emit('mode', this.bits);
    if (oldCpl !== this.cpl) this.emit('cpl', this.cpl);
    this.epoch++;
  }

  /** Refresh only the stack size (after an SS load). */
  updateStackSize(): void {
    this.stackSize = this.bits === 64 ? 8 : (this.segs[2].attr & SEG_DB) ? 4 : 2;
  }

  emit(name: string, detail?: number): void { this.events.onEvent?.(name, detail); }

  /** Flush the TLB (all entries, or only non-global ones) and drop cached instruction chains. */
  flushTlb(keepGlobal: boolean): void { this.tlb.flush(keepGlobal); this.epoch++; }

  /** Ask the run loop to return at the next instruction boundary. */
  requestStop(): void { this.stopReason = Stop.Requested; this.limit = 0; }

  /** End the current `run` slice at the next instruction boundary (a device deadline moved). */
  endSlice(): void { this.sliceEnd = this.icount + 1; this.limit = 0; }

  /** Ask the run loop to re-examine interrupts/traps at the next instruction boundary. */
  attention(): void { this.limit = 0; }

  // =====================================================================================
  // Registers
  // =====================================================================================

  /** 32-bit view of a general register (low half). */
  get32(r: number): number { return this.regs[r << 1]; }
  /** Write a 32-bit register: zero-extends into the high half, as in 64-bit mode. */
  set32(r: number, v: number): void { this.regs[r << 1] = v; this.regs[(r << 1) + 1] = 0; }
  get16(r: number): number { return this.regs[r << 1] & 0xffff; }
  set16(r: number, v: number): void { const i = r << 1; this.regs[i] = (this.regs[i] & ~0xffff) | (v & 0xffff); }
  /** 8-bit register: 0..15 low bytes, 16..19 AH, CH, DH, BH. */
  get8(r: number): number { return r < 16 ? this.regs[r << 1] & 0xff : (this.regs[(r - 16) << 1] >> 8) & 0xff; }
  set8(r: number, v: number): void {
    if (r < 16) { const i = r << 1; this.regs[i] = (this.regs[i] & ~0xff) | (v & 0xff); }
    else { const i = (r - 16) << 1; this.regs[i] = (this.regs[i] & ~0xff00) | ((v & 0xff) << 8); }
  }
  /** 64-bit register as a JS number (exact when it is a canonical address or small integer). */
  getNum64(r: number): number { return this.regs[(r << 1) + 1] * TWO32 + (this.regs[r << 1] >>> 0); }
  set64(r: number, lo: number, hi: number): void { this.regs[r << 1] = lo; this.regs[(r << 1) + 1] = hi; }
  /** Register of `size` bytes as a number (size 8: low half; high half in `this.hi`). */
  getReg(r: number, size: number): number {
    switch (size) {
      case 1: return this.get8(r);
      case 2: return this.get16(r);
      case 4: return this.regs[r << 1];
      default: this.hi = this.regs[(r << 1) + 1]; return this.regs[r << 1];
    }
  }
  /** Write a register of `size` bytes (size 8 takes `hi`). 32-bit writes zero-extend. */
  setReg(r: number, size: number, v: number, hi = 0): void {
    switch (size) {
      case 1: this.set8(r, v); return;
      case 2: this.set16(r, v); return;
      case 4: this.regs[r << 1] = v; this.regs[(r << 1) + 1] = 0; return;
      default: this.regs[r << 1] = v; this.regs[(r << 1) + 1] = hi; return;
    }
  }

  // =====================================================================================
  // Linear memory access (after segmentation). Fast path: TLB hit on a RAM page.
  // =====================================================================================

  read8(lin: number): number {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb;
    if (t.page[i] === page && (t.flags[i] & this.needR) === this.needR) return this.mem.ram[t.phys[i] + (lin & 0xfff)];
    return this.readSlow(lin, 1, this.cpl === 3);
  }
  read16(lin: number): number {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb, o = lin & 0xfff;
    if (t.page[i] === page && (t.flags[i] & this.needR) === this.needR && o <= 0xffe) return this.mem.view.getUint16(t.phys[i] + o, true);
    return this.readSlow(lin, 2, this.cpl === 3);
  }
  read32(lin: number): number {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb, o = lin & 0xfff;
    if (t.page[i] === page && (t.flags[i] & this.needR) === this.needR && o <= 0xffc) return this.mem.view.getInt32(t.phys[i] + o, true);
    return this.readSlow(lin, 4, this.cpl === 3);
  }
  /** 64-bit read: returns the low half, high half in `this.hi`. */
  read64(lin: number): number {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb, o = lin & 0xfff;
    if (t.page[i] === page && (t.flags[i] & this.needR) === this.needR && o <= 0xff8) {
      const p = t.phys[i] + o;
      this.hi = this.mem.view.getInt32(p + 4, true);
      return this.mem.view.getInt32(p, true);
    }
    if (this.alignArmed) this.checkAlignment(lin, 8);
    const lo = this.readSlow(lin, 4, this.cpl === 3);
    this.hi = this.readSlow(lin + 4, 4, this.cpl === 3);
    return lo;
  }
  write8(lin: number, v: number): void {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb;
    if (t.page[i] === page && (t.flags[i] & this.needW) === this.needW) { this.mem.ram[t.phys[i] + (lin & 0xfff)] = v; return; }
    this.writeSlow(lin, 1, v, this.cpl === 3);
  }
  write16(lin: number, v: number): void {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb, o = lin & 0xfff;
    if (t.page[i] === page && (t.flags[i] & this.needW) === this.needW && o <= 0xffe) { this.mem.view.setUint16(t.phys[i] + o, v, true); return; }
    this.writeSlow(lin, 2, v, this.cpl === 3);
  }
  write32(lin: number, v: number): void {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb, o = lin & 0xfff;
    if (t.page[i] === page && (t.flags[i] & this.needW) === this.needW && o <= 0xffc) { this.mem.view.setInt32(t.phys[i] + o, v, true); return; }
    this.writeSlow(lin, 4, v, this.cpl === 3);
  }
  write64(lin: number, lo: number, hi: number): void {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb, o = lin & 0xfff;
    if (t.page[i] === page && (t.flags[i] & this.needW) === this.needW && o <= 0xff8) {
      const p = t.phys[i] + o;
      this.mem.view.setInt32(p, lo, true); this.mem.view.setInt32(p + 4, hi, true);
      return;
    }
    if (this.alignArmed) this.checkAlignment(lin, 8);
    // Check both halves are writable before writing either (precise exceptions).
    this.translate(lin, ACC_WRITE, this.cpl === 3);
    this.translate(this.linAdd(lin, 7), ACC_WRITE, this.cpl === 3);
    this.writeSlow(lin, 4, lo, this.cpl === 3);
    this.writeSlow(this.linAdd(lin, 4), 4, hi, this.cpl === 3);
  }
  /** Read `size` bytes (1, 2, 4, 8) as a number (size 8: low half; high half in `hi`). */
  readSized(lin: number, size: number): number {
    switch (size) {
      case 1: return this.read8(lin);
      case 2: return this.read16(lin);
      case 4: return this.read32(lin);
      default: return this.read64(lin);
    }
  }
  writeSized(lin: number, size: number, v: number, hi = 0): void {
    switch (size) {
      case 1: this.write8(lin, v); return;
      case 2: this.write16(lin, v); return;
      case 4: this.write32(lin, v); return;
      default: this.write64(lin, v, hi); return;
    }
  }

  /** Add a small offset to a linear address, wrapping at 4 GiB outside 64-bit mode. */
  linAdd(lin: number, k: number): number {
    const r = lin + k;
    return this.bits === 64 || (this.efer & EFER_LMA) ? r : r % TWO32;
  }

  /** Supervisor-mode (implicit) access to system structures: GDT, IDT, TSS, LDT — CPL does not matter. */
  readSys(lin: number, size: number): number { return this.readSlow(lin, size, false); }
  writeSys(lin: number, size: number, v: number): void { this.writeSlow(lin, size, v, false); }

  /** Access `size` bytes possibly crossing a page, through the full translation. */
  readSlow(lin: number, size: number, user: boolean): number {
    if (user && this.alignArmed) this.checkAlignment(lin, size);
    if (this.breakpoints4.dataCount !== 0) this.dataHits |= matchData(this.breakpoints4, lin, size, false);
    const o = lin & 0xfff;
    if (o + size <= 4096) {
      const p = this.translate(lin, ACC_READ, user);
      return this.mem.read(p, size);
    }
    // Split access: translate both pages first so a fault leaves nothing half done.
    const p0 = this.translate(lin, ACC_READ, user);
    const lin1 = this.linAdd(lin, 4096 - o);
    const p1 = this.translate(lin1, ACC_READ, user);
    let v = 0;
    for (let k = 0; k < size; k++) {
      const b = k < 4096 - o ? this.mem.read(p0 + k, 1) : this.mem.read(p1 + k - (4096 - o), 1);
      v |= b << (8 * k);
    }
    return size === 2 ? v & 0xffff : v;
  }

  writeSlow(lin: number, size: number, v: number, user: boolean): void {
    if (user && this.alignArmed) this.checkAlignment(lin, size);
    if (this.breakpoints4.dataCount !== 0) this.dataHits |= matchData(this.breakpoints4, lin, size, true);
    const o = lin & 0xfff;
    if (o + size <= 4096) {
      const p = this.translate(lin, ACC_WRITE, user);
      this.mem.write(p, size, v);
      return;
    }
    const p0 = this.translate(lin, ACC_WRITE, user);
    const lin1 = this.linAdd(lin, 4096 - o);
    const p1 = this.translate(lin1, ACC_WRITE, user);
    for (let k = 0; k < size; k++) {
      const b = (v >>> (8 * k)) & 0xff;
      if (k < 4096 - o) this.mem.write(p0 + k, 1, b); else this.mem.write(p1 + k - (4096 - o), 1, b);
    }
  }

  /** #AC(0) for a misaligned CPL-3 data access while CR0.AM and RFLAGS.AC are set. */
  private checkAlignment(lin: number, size: number): void {
    if ((this.flags & AC) !== 0 && (lin & (size - 1)) !== 0) throw new CpuFault(17, 0);
  }

  /**
   * Translate a linear address for an access, filling the TLB; raises #PF. Returns the
   * physical address.
   */
  translate(lin: number, access: number, user: boolean): number {
    const page = Math.floor(lin * INV4096), i = page & TLB_MASK, t = this.tlb;
    const need = access === ACC_READ ? (user ? T_R_USER : T_R_SUP) : access === ACC_WRITE ? (user ? T_W_USER : T_W_SUP) : (user ? T_X_USER : T_X_SUP);
    if (t.page[i] === page && (t.flags[i] & need)) return t.phys[i] + (lin & 0xfff);
    let physPage: number, flags: number;
    if (!(this.cr0 & CR0_PG)) {
      physPage = (page * 4096) % TWO32;
      if (physPage < 0) physPage += TWO32;
      flags = T_R_SUP | T_R_USER | T_W_SUP | T_W_USER | T_X_SUP | T_X_USER;
    } else {
      const w = this.walkOut;
      pageWalk(this, lin, access, user, true, w);
      physPage = w.physPage; flags = w.flags;
    }
    if (this.mem.isRamPage(physPage)) {
      flags |= T_RAM;
      // Pages with decoded code keep writes on the slow path, where the code-line check runs.
      if (!this.mem.codePage[physPage / 4096]) flags |= T_WFAST;
      // Pages a data breakpoint watches stay off the fast path, so that readSlow/writeSlow see every access.
      if (this.breakpoints4.dataCount !== 0 && this.breakpoints4.watchesPage(page)) flags &= ~(T_RAM | T_WFAST);
    }
    t.fill(page, physPage, flags);
    return physPage + (lin & 0xfff);
  }

  /**
   * Side-effect-free translation for the debugger: no fault, no Accessed/Dirty bits, no TLB
   * fill. Returns the physical address or -1 when not mapped (for the given privilege).
   */
  peekTranslate(lin: number, access = ACC_READ, user = false): number {
    if (!(this.cr0 & CR0_PG)) return lin % TWO32 < 0 ? lin % TWO32 + TWO32 : lin % TWO32;
    const w: Translation = { physPage: 0, flags: 0, level: 0 };
    if (!pageWalk(this, lin, access, user, false, w)) return -1;
    return w.physPage + (lin & 0xfff);
  }

  /** Side-effect-free read of linear memory for the debugger; undefined where unmapped. */
  peekLinear(lin: number, length: number): Uint8Array | undefined {
    const out = new Uint8Array(length);
    for (let k = 0; k < length; k++) {
      const p = this.peekTranslate(this.linAdd(lin, k));
      if (p < 0) return undefined;
      out[k] = p < this.mem.ramBytes ? this.mem.ram[p] : 0xff;
    }
    return out;
  }

  // =====================================================================================
  // Instruction fetch and the decode cache
  // =====================================================================================

  private fetchByte(lin: number): number {
    const p = this.translate(lin, ACC_EXEC, this.cpl === 3);
    return this.mem.read(p, 1);
  }

  /** Linear address of CS:offset. */
  codeLinear(offset: number): number {
    return this.bits === 64 ? offset : (this.segs[1].base + offset) % TWO32;
  }

  /** Find or decode the instruction at CS:rip. Returns null if a breakpoint stops execution there. */
  fetchInstr(rip: number): Instr | null {
    const lin = this.codeLinear(rip);
    this.atBreakpoint = false;
    if (this.breakpoints.size !== 0 && this.breakpoints.has(lin)) {
      if (lin !== this.skipBreakpointAt) { this.stopReason = Stop.Breakpoint; this.limit = 0; return null; }
      // Resuming from this breakpoint: execute it once, but never cache a path to it.
      this.atBreakpoint = true;
    }
    this.skipBreakpointAt = NaN;
    const phys = this.translate(lin, ACC_EXEC, this.cpl === 3);
    const pg = Math.floor(phys / 4096), off = phys & 0xfff;
    if (this.mem.isRamPage(pg * 4096)) {
      let arr = this.codeCache[pg];
      if (arr !== undefined) {
        const hit = arr[off];
        if (hit !== undefined && hit.bits === this.bits) return hit;
      }
      const ins = new Instr();
      this.fetchBase = lin;
      decode(this.decodeScratchFetch, this.bits, ins);
      this.decodeCount++;
      ins.phys = phys;
      ins.exec = bindExec(ins);
      if (arr === undefined) { arr = this.codeCache[pg] = []; }
      if (!this.mem.codePage[pg]) { this.mem.codePage[pg] = 1; this.tlb.protectPhysPage(pg * 4096); }
      arr[off] = ins;
      this.mem.markCode(phys, Math.min(ins.len, 4096 - off));
      if (off + ins.len > 4096) {
        const p2 = this.translate(this.linAdd(lin, ins.len - 1), ACC_EXEC, this.cpl === 3);
        const pg2 = Math.floor(p2 / 4096);
        if (pg2 * 4096 < this.mem.ramBytes) {
          if (!this.mem.codePage[pg2]) { this.mem.codePage[pg2] = 1; this.tlb.protectPhysPage(pg2 * 4096); }
          this.mem.markCode(pg2 * 4096, off + ins.len - 4096);
          const l = this.codeSpill.get(pg2);
          if (l) l.push(pg); else this.codeSpill.set(pg2, [pg]);
        }
      }
      return ins;
    }
    // Code outside RAM (ROM, MMIO): decode every time.
    const ins = new Instr();
    this.fetchBase = lin;
    decode(this.decodeScratchFetch, this.bits, ins);
    ins.phys = phys;
    ins.exec = bindExec(ins);
    return ins;
  }

  /** Drop every decoded instruction of a physical page (guest wrote to it). */
  invalidateCodePage(page: number): void {
    if (this.codeCache[page] !== undefined) this.codeCache[page] = undefined as unknown as (Instr | undefined)[];
    if (this.mem.codePage[page]) {
      this.mem.codePage[page] = 0;
      this.mem.clearCodeLines(page);
      this.tlb.unprotectPhysPage(page * 4096);
    }
    const spill = this.codeSpill.get(page);
    if (spill) {
      this.codeSpill.delete(page);
      for (const p of spill) this.invalidateCodePage(p);
    }
    this.epoch++;
  }

  /** Drop the whole decode cache (breakpoint or mode changes that affect binding). */
  invalidateAllCode(): void {
    this.codeCache.length = 0;
    this.codeSpill.clear();
    this.mem.codePage.fill(0);
    this.mem.codeLine.fill(0);
    this.tlb.flush(false);
    this.epoch++;
  }

  // =====================================================================================
  // The block tier
  // =====================================================================================

  /** Compile the fall-through run that starts with `first` at `rip` into a block (see block-compiler.ts). */
  private buildBlock(first: Instr, rip: number): void {
    const instrs = [first], starts = [rip], nexts: number[] = [];
    const page = Math.floor(this.codeLinear(rip) / 4096);
    let r = rip, ins = first;
    for (;;) {
      let next = r + ins.len;
      if (this.bits !== 64) next %= TWO32;
      // A direct JMP/CALL is followed when its target is in the same page.
      const direct = (ins.mnem === 'jmp' || ins.mnem === 'call') && ins.k0 === OpKind.Rel;
      if (direct) {
        const t = next + (ins.immLo | 0);
        next = ins.osize === 8 ? t : ins.osize === 4 ? t >>> 0 : t & 0xffff;
      } else if (endsBlock(ins)) break;
      nexts.push(next);
      if (instrs.length >= MAX_BLOCK) break;
      const lin = this.codeLinear(next);
      // Stay inside the page, clear of instructions that could cross into the next one.
      if (Math.floor(lin / 4096) !== page || (lin & 0xfff) > 4096 - 15) break;
      if (this.breakpoints.size !== 0 && this.breakpoints.has(lin)) break;
      let n: Instr | null;
      try { n = this.decodedAt(lin); } catch { break; }
      if (n === null) break;
      instrs.push(n); starts.push(next); r = next; ins = n;
    }
    if (nexts.length < instrs.length) nexts.push(r + ins.len);
    if (instrs.length < 2) return;
    const run = compileBlock(instrs, starts, nexts);
    if (!run) return;
    const phys = first.phys;
    first.block = {
      rip, epoch: this.epoch, bits: this.bits, phys, page: this.codeCache[Math.floor(phys / 4096)],
      n: instrs.length, end: Math.max(...starts.map((s2, k) => s2 + instrs[k].len)), cutRip: endsBlock(ins) ? NaN : nexts[nexts.length - 1], run,
    } satisfies Block;
  }

  /** A block from an earlier epoch is still right if its page still maps to the same decoded code and no breakpoint landed in it. */
  private revalidateBlock(b: Block): boolean {
    const pg = Math.floor(b.phys / 4096);
    let ok = b.bits === this.bits && this.codeCache[pg] === b.page && b.page !== undefined;
    if (ok) {
      try { ok = this.translate(this.codeLinear(b.rip), ACC_EXEC, this.cpl === 3) === b.phys; } catch { ok = false; }
    }
    if (ok && this.breakpoints.size !== 0) {
      // The block lies within one page: any breakpoint in that page's part it covers disables it.
      const lo = this.codeLinear(b.rip), hi = this.codeLinear(b.end);
      const pageLo = Math.floor(lo / 4096) * 4096;
      for (const a of this.breakpoints) if (a >= pageLo && a < pageLo + 4096 && a >= Math.min(lo, hi - 4096) && a < hi) { ok = false; break; }
    }
    if (!ok) { b.epoch = -1; b.rip = NaN; return false; }
    b.epoch = this.epoch;
    return true;
  }

  /**
   * The instruction already decoded at linear address `lin`, or null. Blocks only take
   * instructions the interpreter has executed: decoding ahead could mistake data for code and
   * mark its lines as code.
   */
  private decodedAt(lin: number): Instr | null {
    const phys = this.translate(lin, ACC_EXEC, this.cpl === 3);
    const arr = this.codeCache[Math.floor(phys / 4096)];
    const hit = arr !== undefined ? arr[phys & 0xfff] : undefined;
    return hit !== undefined && hit.bits === this.bits ? hit : null;
  }

  // =====================================================================================
  // The run loop
  // =====================================================================================

  /**
   * Execute instructions until `icount` reaches `until`, a breakpoint, HLT, a stop request or a
   * triple fault. Exceptions are delivered at instruction boundaries.
   */
  run(until: number): Stop {
    this.stopReason = Stop.Budget;
    this.sliceEnd = until;
    if (this.tripleFault) return (this.stopReason = Stop.TripleFault);
    let prev: Instr | null = null;
    /** RIP just past `prev`: a fetch at it links `prev.next`, anything else `prev.taken`. */
    let prevEnd = NaN;
    /** RIP just after a block that ran to its end (see below). */
    let boostRip = NaN;
    for (;;) {
      // Boundary work: interrupts, traps, halt, stop requests.
      if (this.stopReason !== Stop.Budget) break;
      if (!this.boundary()) break;
      // Come back to the boundary when an interrupt shadow (STI, MOV SS) ends.
      this.limit = this.shadowUntil > this.icount ? Math.min(this.sliceEnd, this.shadowUntil) : this.sliceEnd;
      if (this.stepping) {
        // Debug features active: one instruction, then the trap checks (afterStep).
        this.limit = Math.min(this.limit, this.icount + 1);
        this.stepIcount = this.icount; this.stepFlags = this.flags; this.stepDeliveries = this.deliveries;
        this.rfLoaded = false;
        prev = null;
      }
      let rip: number = this.rip;
      try {
        while (this.icount < this.limit) {
          rip = this.rip;
          let ins: Instr | null = null;
          const epoch = this.epoch;
          this.curRip = rip;
          let sequential = false;
          if (prev !== null && prev.linkEpoch === epoch) {
            if (rip === prev.nextRip) { ins = prev.next; sequential = true; }
            else if (rip === prev.takenRip) ins = prev.taken;
          }
          if (ins === null) {
            const j: number = rip & 4095;
            if (this.jcacheEpoch === epoch && this.jcacheRip[j] === rip) ins = this.jcache[j]!;
            else {
              ins = this.fetchInstr(rip);
              if (ins === null) break;
              if (this.epoch === epoch && !this.atBreakpoint) {
                if (this.jcacheEpoch !== epoch) { this.jcacheEpoch = epoch; this.jcacheRip.fill(NaN); }
                this.jcache[j] = ins; this.jcacheRip[j] = rip;
              }
            }
            if (prev !== null && this.epoch === epoch && !this.atBreakpoint) {
              if (prev.linkEpoch !== epoch) { prev.linkEpoch = epoch; prev.next = null; prev.taken = null; prev.nextRip = NaN; prev.takenRip = NaN; }
              if (rip === prevEnd) { prev.next = ins; prev.nextRip = rip; }
              else { prev.taken = ins; prev.takenRip = rip; }
            }
          }
          // Block tier: run a compiled block starting here, or count entries towards compiling one.
          const blk: Block | null = ins.block;
          if (blk !== null) {
            if (blk.rip === rip && this.icount + blk.n <= this.limit && (blk.epoch === epoch || this.revalidateBlock(blk))) {
              blk.run(this);
              // Chain: run the block at the new RIP directly while nothing needs the boundary.
              let last: Block = blk;
              const bc = this.blockCache;
              bc[rip & 4095] = blk;
              for (;;) {
                const r2 = this.rip, b2 = bc[r2 & 4095];
                if (b2 === null || b2.rip !== r2 || b2.epoch !== this.epoch || this.icount + b2.n > this.limit) break;
                b2.run(this);
                last = b2;
              }
              // Straight-line code continues past a block cut at its maximum length or at the
              // page end: it is as hot as the block, so it gets a block of its own at once.
              if (this.rip === last.cutRip) boostRip = this.rip;
              prev = null;
              continue;
            }
          } else if (rip === boostRip && ins.hits < HOT_THRESHOLD) {
            ins.hits = HOT_THRESHOLD;
            if (!this.atBreakpoint && this.blockTier) this.buildBlock(ins, rip);
          } else if (!sequential && ++ins.hits === HOT_THRESHOLD && !this.atBreakpoint && this.blockTier) {
            this.buildBlock(ins, rip);
          }
          let n = rip + ins.len;
          if (n >= TWO32 && this.bits !== 64) n -= TWO32;
          this.rip = n;
          ins.exec(this, ins);
          this.icount++;
          prev = ins;
          prevEnd = n;
        }
      } catch (e) {
        if (!(e instanceof CpuFault)) throw e;
        // curRip is the faulting instruction (set before each fetch and each block step).
        this.rip = this.curRip;
        prev = null;
        this.raise(e);
        if (this.stepIcount >= 0) { this.stepIcount = -1; this.dataHits = 0; }
        if (this.stopAfterDelivery) break;
      }
      if (this.stepIcount >= 0 && this.afterStep(prev) && (this.stopAfterDelivery || this.tripleFault)) break;
      if (this.icount >= this.sliceEnd) break;
      prev = null;
    }
    return this.stopReason;
  }

  /**
   * Handle what must happen between instructions: pending interrupts, halt. Returns false when
   * the run loop must return (halted with nothing to do, triple fault, stop request).
   */
  private boundary(): boolean {
    if (this.tripleFault) { this.stopReason = Stop.TripleFault; return false; }
    if (this.stopReason !== Stop.Budget) return false;
    const irq = this.irq;
    if (irq !== null && irq.nmiPending === true && !this.nmiBlocked && this.icount >= this.shadowUntil && irq.acknowledgeNmi?.()) {
      // NMI: not maskable by IF; further NMIs are held until the handler's IRET.
      this.halted = false;
      this.nmiBlocked = true;
      this.deliver(2, -1, EVT_NMI);
      if (this.tripleFault) { this.stopReason = Stop.TripleFault; return false; }
      if (this.stopAfterDelivery) return false;
    }
    const canIrq = (this.flags & IF) !== 0 && this.icount >= this.shadowUntil;
    if (canIrq && this.irq !== null && this.irq.hasInterrupt()) {
      const vector = this.irq.acknowledge();
      this.halted = false;
      this.deliver(vector, -1, EVT_EXTERNAL);
      if (this.tripleFault) { this.stopReason = Stop.TripleFault; return false; }
      if (this.stopAfterDelivery) return false;
    }
    if (this.halted) { this.stopReason = Stop.Halted; return false; }
    if (this.icount >= this.sliceEnd) return false;
    const bp = this.breakpoints4;
    if (bp.key7 !== (this.dr[7] >>> 0)) this.debugRegistersChanged();
    this.stepping = (this.flags & (TF | RF)) !== 0 || bp.execCount !== 0 || bp.dataCount !== 0 || this.heldTraps !== 0;
    if (this.stepping && bp.execCount !== 0 && !(this.flags & RF)) {
      // Instruction breakpoint: a fault before the instruction executes (the handler sets RF in the image to go on).
      const hit = matchInstruction(bp, this.codeLinear(this.rip));
      if (hit !== 0) {
        reportDebug(this, hit);
        this.curRip = this.rip;
        this.deliver(1, -1, EVT_EXCEPTION);
        if (this.tripleFault) { this.stopReason = Stop.TripleFault; return false; }
        if (this.stopAfterDelivery) return false;
        return this.boundary();
      }
    }
    return true;
  }

  /**
   * After an instruction ran in stepping mode: clear RF, then deliver the debug traps it caused
   * (single step with DR6.BS, data breakpoints with DR6.Bn). A MOV SS / POP SS holds them until
   * after the next instruction. Returns true when #DB was delivered.
   */
  private afterStep(ins: Instr | null): boolean {
    const start = this.stepIcount;
    this.stepIcount = -1;
    let bits = this.dataHits;
    this.dataHits = 0;
    if (this.icount !== start + 1) return false;
    if ((this.stepFlags & RF) !== 0 && !this.rfLoaded) this.flags &= ~RF;
    this.rfLoaded = false;
    // INT n, INT3, INTO clear TF on delivery: no single-step trap after them.
    if ((this.stepFlags & TF) !== 0 && this.deliveries === this.stepDeliveries) bits |= DR6_BS;
    bits |= this.heldTraps;
    this.heldTraps = 0;
    if (bits === 0) return false;
    if (ins !== null && ((ins.mnem === 'mov' && ins.k0 === OpKind.Seg) || (ins.mnem === 'pop' && ins.k0 === OpKind.Seg)) && ins.r0 === Seg.SS) {
      this.heldTraps = bits;
      return false;
    }
    reportDebug(this, bits);
    this.curRip = this.rip;
    this.deliver(1, -1, EVT_EXCEPTION);
    if (this.tripleFault) { this.stopReason = Stop.TripleFault; this.limit = 0; }
    return true;
  }

  /** Decode DR0-DR3/DR7 again (MOV DRn, state restore); flush the TLB when the watched pages change. */
  debugRegistersChanged(): void {
    if (decodeBreakpoints(this, this.breakpoints4)) this.flushTlb(false);
    this.attention();
  }

  /** Deliver a fault raised by an instruction (architectural state is as before it). */
  raise(f: CpuFault): void {
    if (f.vector === 14) this.cr2 = f.address;
    this.events.onDeliver?.(f.vector, f.errorCode, EVT_EXCEPTION);
    this.deliveries++;
    deliverEvent(this, f.vector, f.errorCode, EVT_EXCEPTION, ((FAULT_CLASS >> f.vector) & 1) !== 0);
    if (this.tripleFault) { this.stopReason = Stop.TripleFault; this.limit = 0; }
  }

  /** Deliver an interrupt or exception through the IVT/IDT (see system/delivery). */
  deliver(vector: number, errorCode: number, kind: number): void {
    this.events.onDeliver?.(vector, errorCode, kind);
    this.deliveries++;
    deliverEvent(this, vector, errorCode, kind);
  }

  // =====================================================================================
  // RFLAGS helpers used by many instructions (the lazy arithmetic part is in flags.ts)
  // =====================================================================================

  /** Alignment checking is active (CR0.AM, RFLAGS.AC, CPL 3). */
  alignmentCheck(): boolean { return (this.cr0 & CR0_AM) !== 0 && (this.flags & AC) !== 0 && this.cpl === 3; }

  /** True while single-stepping through the guest's own trap flag. */
  get trapFlag(): boolean { return (this.flags & TF) !== 0; }

  /** In 64-bit mode (IA-32e with a 64-bit code segment). */
  get longMode(): boolean { return (this.efer & EFER_LMA) !== 0; }
  /** In protected mode (CR0.PE = 1). */
  get protectedMode(): boolean { return (this.cr0 & CR0_PE) !== 0; }
}
