// The local APIC (xAPIC mode, MMIO at IA32_APIC_BASE, default 0xFEE00000): priorities, EOI, ICR self-IPIs, LVT, and the APIC timer.

import type { MmioHandler, VirtualClock } from '../io';
import type { TimedDevice } from './timed-device';

/** The APIC timer counts the virtual bus clock, 1 GHz (one tick per ns) before the divider, as in QEMU. */
export const APIC_BUS_HZ = 1_000_000_000;
/** Version register: version 0x14, six LVT entries (max LVT index 5), as QEMU reports. */
export const APIC_VERSION = 0x00050014;
/** IA32_APIC_BASE MSR number. */
export const MSR_IA32_APIC_BASE = 0x1b;
/** IA32_TSC_DEADLINE MSR number. */
export const MSR_IA32_TSC_DEADLINE = 0x6e0;

export const APIC_BASE_BSP = 0x100;
export const APIC_BASE_ENABLE = 0x800;

/** LVT indices, in register order from 0x320. */
export const LVT_TIMER = 0;
export const LVT_THERMAL = 1;
export const LVT_PERF = 2;
export const LVT_LINT0 = 3;
export const LVT_LINT1 = 4;
export const LVT_ERROR = 5;

export const LVT_MASKED = 0x10000;
const LVT_LEVEL = 0x8000;
/** Writable bits of each LVT (delivery status and remote IRR are read-only). */
const LVT_WRITABLE = [0x700ff, 0x107ff, 0x107ff, 0x1a7ff, 0x1a7ff, 0x100ff];

/** Delivery modes (ICR/LVT bits 10:8). */
export const DM_FIXED = 0;
export const DM_LOWEST = 1;
export const DM_SMI = 2;
export const DM_NMI = 4;
export const DM_INIT = 5;
export const DM_STARTUP = 6;
export const DM_EXTINT = 7;

/** Error status register bits. */
export const ESR_SEND_ILLEGAL_VECTOR = 0x20;
export const ESR_RECEIVE_ILLEGAL_VECTOR = 0x40;
export const ESR_ILLEGAL_REGISTER = 0x80;

const SVR_ENABLE = 0x100;
const TIMER_MODE_SHIFT = 17;
const TIMER_ONE_SHOT = 0;
const TIMER_PERIODIC = 1;
const TIMER_TSC_DEADLINE = 2;

/** Plain-data local APIC state. 256-bit registers are 8 words, word i holding vectors 32i..32i+31. */
export interface LocalApicState {
  baseLo: number; baseHi: number;
  id: number; tpr: number; ldr: number; dfr: number; svr: number;
  isr: number[]; tmr: number[]; irr: number[];
  /** ESR as last latched by a write to it, and errors seen since. */
  esr: number; esrPending: number;
  icrLo: number; icrHi: number;
  lvt: number[];
  initialCount: number; loadTime: number; divideConf: number;
  /** IA32_TSC_DEADLINE (0 = disarmed). */
  tscDeadline: number;
  /** Virtual ns of the next timer expiry, Infinity if none. */
  timerAt: number;
  /** Level last seen on LINT0/LINT1, for edge detection in fixed/NMI delivery. */
  lintLevel: boolean[];
}

function powerOnState(): LocalApicState {
  return {
    baseLo: 0xfee00000 | APIC_BASE_BSP | APIC_BASE_ENABLE, baseHi: 0,
    id: 0, tpr: 0, ldr: 0, dfr: 0xffffffff, svr: 0xff,
    isr: new Array(8).fill(0), tmr: new Array(8).fill(0), irr: new Array(8).fill(0),
    esr: 0, esrPending: 0, icrLo: 0, icrHi: 0,
    lvt: new Array(6).fill(LVT_MASKED),
    initialCount: 0, loadTime: 0, divideConf: 0, tscDeadline: 0, timerAt: Infinity, lintLevel: [false, false],
  };
}

function highestBit(words: number[]): number {
  for (let i = 7; i >= 0; i--) if (words[i] !== 0) return i * 32 + 31 - Math.clz32(words[i]);
  return -1;
}
function setBit(words: number[], v: number): void { words[v >> 5] = (words[v >> 5] | (1 << (v & 31))) >>> 0; }
function clearBit(words: number[], v: number): void { words[v >> 5] = (words[v >> 5] & ~(1 << (v & 31))) >>> 0; }
function testBit(words: number[], v: number): boolean { return (words[v >> 5] & (1 << (v & 31))) !== 0; }

/**
 * The local APIC of the single virtual CPU. Interrupts reach the CPU through the interrupt
 * router, which listens to `onChange`. Departures from QEMU, following the SDM: LVT entries are
 * forced masked while the APIC is software-disabled; vectors 0-15 are refused with an ESR error;
 * ESR reads return what the last ESR write latched; the APIC can be re-enabled through the MSR
 * (it comes back in its power-on state).
 */
export class LocalApic implements MmioHandler, TimedDevice {
  s: LocalApicState = powerOnState();
  /** IRR, ISR, TPR, SVR or LINT0 changed: the router recomputes its pending flag. */
  onChange: () => void = () => {};
  /** An NMI was delivered (LVT or ICR with delivery mode NMI). */
  onNmi: () => void = () => {};
  /** EOI of a level-triggered vector: the I/O APIC clears remote IRR. */
  onEoiBroadcast: (vector: number) => void = () => {};
  /** The MMIO base moved (IA32_APIC_BASE write): the memory system remaps the 4 KiB page. */
  onBaseChange: (base: number) => void = () => {};
  onDeadlineChange: () => void = () => {};

  constructor(private readonly clock: VirtualClock) {}

  // ---- state queries used by the router and the CPU ----

  /** IA32_APIC_BASE[11]. */
  get globallyEnabled(): boolean { return (this.s.baseLo & APIC_BASE_ENABLE) !== 0; }
  /** SVR[8] (and the global enable). */
  get softwareEnabled(): boolean { return this.globallyEnabled && (this.s.svr & SVR_ENABLE) !== 0; }
  /** Physical address of the register page. */
  get baseAddress(): number { return (this.s.baseLo & 0xfffff000) >>> 0; }
  /** The LINT0 LVT entry. */
  get lint0(): number { return this.s.lvt[LVT_LINT0]; }

  /** Processor priority (PPR): the higher class of TPR and the highest in-service vector. */
  ppr(): number {
    const tpr = this.s.tpr & 0xff;
    let isrv = highestBit(this.s.isr);
    if (isrv < 0) isrv = 0;
    return (tpr >> 4) >= (isrv >> 4) ? tpr : isrv & 0xf0;
  }

  /** Highest vector in IRR whose class is above PPR's, or -1 (also -1 while software-disabled). */
  deliverableVector(): number {
    if (!this.softwareEnabled) return -1;
    const v = highestBit(this.s.irr);
    if (v < 0) return -1;
    return (v & 0xf0) <= (this.ppr() & 0xf0) ? -1 : v;
  }

  /**
   * INTA for an APIC interrupt: move the deliverable vector from IRR to ISR and return it, or
   * return the spurious vector (SVR[7:0]) without touching ISR when none is deliverable.
   */
  acknowledge(): number {
    const v = this.deliverableVector();
    if (v < 0) return this.s.svr & 0xff;
    clearBit(this.s.irr, v);
    setBit(this.s.isr, v);
    this.onChange();
    return v;
  }

  /** Accept an interrupt from the APIC bus (I/O APIC, IPI, LVT): set IRR, and TMR when level-triggered. */
  acceptInterrupt(vector: number, level: boolean): void {
    if (vector < 16) {
      this.error(ESR_RECEIVE_ILLEGAL_VECTOR);
      return;
    }
    setBit(this.s.irr, vector);
    if (level) setBit(this.s.tmr, vector); else clearBit(this.s.tmr, vector);
    this.onChange();
  }

  /** Does an interrupt message for `dest` (physical or logical) select this APIC? */
  matchesDestination(dest: number, logical: boolean): boolean {
    const s = this.s;
    if (!logical) return dest === 0xff || dest === s.id;
    const ldr = s.ldr & 0xff;
    if ((s.dfr >>> 28) === 0xf) return (dest & ldr) !== 0; // flat model
    return (dest & 0xf0) === (ldr & 0xf0) && (dest & ldr & 0x0f) !== 0; // cluster model
  }

  // ---- MSR and CR8 access for the CPU ----

  /** Low half of IA32_APIC_BASE. */
  getBaseMsrLow(): number { return this.s.baseLo >>> 0; }
  /** High half of IA32_APIC_BASE (physical address bits 35:32). */
  getBaseMsrHigh(): number { return this.s.baseHi; }

  /** WRMSR IA32_APIC_BASE. BSP is read-only; clearing EN disables the APIC, setting it again resets it. */
  setBaseMsr(lo: number, hi: number): void {
    const wasEnabled = this.globallyEnabled;
    const oldBase = this.baseAddress;
    const enable = (lo & APIC_BASE_ENABLE) !== 0;
    if (enable && !wasEnabled) {
      this.s = powerOnState();
      this.onDeadlineChange();
    }
    this.s.baseLo = ((lo & 0xfffff000) | (this.s.baseLo & APIC_BASE_BSP) | (enable ? APIC_BASE_ENABLE : 0)) >>> 0;
    this.s.baseHi = hi & 0xf;
    if (!enable && wasEnabled) this.writeSvr(this.s.svr & ~SVR_ENABLE);
    if (this.baseAddress !== oldBase) this.onBaseChange(this.baseAddress);
    this.onChange();
  }

  /** TPR as CR8 sees it: TPR[7:4]. */
  getCr8(): number { return (this.s.tpr >> 4) & 0xf; }
  /** MOV CR8: TPR[7:4] = value[3:0], TPR[3:0] = 0. */
  setCr8(v: number): void { this.s.tpr = (v & 0xf) << 4; this.onChange(); }

  /** RDMSR IA32_TSC_DEADLINE. */
  getTscDeadline(): number { return this.s.tscDeadline; }
  /** WRMSR IA32_TSC_DEADLINE (TSC = virtual ns). Ignored unless the timer is in TSC-deadline mode; 0 disarms. */
  setTscDeadline(lo: number, hi: number): void {
    if (this.timerMode() !== TIMER_TSC_DEADLINE) return;
    this.s.tscDeadline = (hi >>> 0) * 2 ** 32 + (lo >>> 0);
    this.timerUpdate(this.clock.now());
  }

  // ---- LINT pins ----

  /** Level of the LINT0 (i = 0) or LINT1 (i = 1) pin; fixed and NMI modes act on the rising edge. */
  setLint(i: number, level: boolean): void {
    const was = this.s.lintLevel[i];
    this.s.lintLevel[i] = level;
    const lvt = this.s.lvt[LVT_LINT0 + i];
    const dm = (lvt >> 8) & 7;
    if (level && !was) {
      this.localDeliver(LVT_LINT0 + i);
    } else if (!level && was && dm === DM_FIXED && (lvt & LVT_LEVEL)) {
      clearBit(this.s.irr, lvt & 0xff);
      this.onChange();
    }
    if (i === 0 && dm === DM_EXTINT) this.onChange();
  }

  private localDeliver(n: number): void {
    const lvt = this.s.lvt[n];
    if (lvt & LVT_MASKED) return;
    switch ((lvt >> 8) & 7) {
      case DM_NMI:
        this.onNmi();
        break;
      case DM_FIXED: {
        const level = (n === LVT_LINT0 || n === LVT_LINT1) && (lvt & LVT_LEVEL) !== 0;
        this.acceptInterrupt(lvt & 0xff, level);
        break;
      }
      default: // ExtINT is handled by the router (it reads the PIC); SMI and INIT are not modelled.
        break;
    }
  }

  private error(bits: number): void {
    const fresh = bits & ~this.s.esrPending;
    this.s.esrPending |= bits;
    // The error LVT fires once per newly detected error kind (as hardware latches them).
    if (fresh) this.localDeliver(LVT_ERROR);
  }

  // ---- timer ----

  private timerMode(): number { return (this.s.lvt[LVT_TIMER] >> TIMER_MODE_SHIFT) & 3; }

  /** Divider shift from the divide configuration register: ÷2^shift, 0b111 meaning ÷1. */
  countShift(): number {
    const d = this.s.divideConf;
    return (((d & 3) | ((d >> 1) & 4)) + 1) & 7;
  }

  /** Timer current-count register at time `now` (QEMU: the count spans initial..0, initial+1 ticks per period). */
  currentCount(now: number = this.clock.now()): number {
    const s = this.s;
    const mode = this.timerMode();
    if (mode === TIMER_TSC_DEADLINE) return 0;
    const d = Math.floor((now - s.loadTime) / 2 ** this.countShift());
    if (mode === TIMER_PERIODIC) return s.initialCount === 0 ? 0 : s.initialCount - (d % (s.initialCount + 1));
    return d >= s.initialCount ? 0 : s.initialCount - d;
  }

  /** Compute the next expiry as seen at time `t` (QEMU's apic_next_timer). */
  private timerUpdate(t: number): void {
    const s = this.s;
    const lvt = s.lvt[LVT_TIMER];
    let next = Infinity;
    const mode = this.timerMode();
    if (mode === TIMER_TSC_DEADLINE) {
      if (s.tscDeadline !== 0) next = Math.max(s.tscDeadline, t);
    } else if (!(lvt & LVT_MASKED)) {
      const unit = 2 ** this.countShift();
      const d = Math.floor((t - s.loadTime) / unit);
      if (mode === TIMER_PERIODIC) {
        if (s.initialCount !== 0) {
          const p = s.initialCount + 1;
          next = s.loadTime + (Math.floor(d / p) + 1) * p * unit;
        }
      } else if (d < s.initialCount) {
        next = s.loadTime + (s.initialCount + 1) * unit;
      }
    }
    s.timerAt = next;
    this.onDeadlineChange();
  }

  nextDeadline(): number { return this.s.timerAt; }

  advance(now: number): void {
    const s = this.s;
    while (s.timerAt <= now) {
      const t = s.timerAt;
      if (this.timerMode() === TIMER_TSC_DEADLINE) {
        s.tscDeadline = 0; // the deadline MSR reads 0 once it has fired
        this.localDeliver(LVT_TIMER);
        this.timerUpdate(t);
        continue;
      }
      this.localDeliver(LVT_TIMER);
      // Periodic expiries missed while the caller ran past them collapse into one IRR bit.
      const unit = 2 ** this.countShift();
      const p = (s.initialCount + 1) * unit;
      const last = now - ((now - s.loadTime) % p);
      this.timerUpdate(this.timerMode() === TIMER_PERIODIC && last > t ? last : t);
    }
  }

  // ---- registers ----

  private writeSvr(v: number): void {
    this.s.svr = v & 0x1ff;
    if (!(this.s.svr & SVR_ENABLE)) {
      for (let i = 0; i < 6; i++) this.s.lvt[i] |= LVT_MASKED;
      this.timerUpdate(this.clock.now());
    }
    this.onChange();
  }

  private eoi(): void {
    const v = highestBit(this.s.isr);
    if (v < 0) return;
    clearBit(this.s.isr, v);
    if (testBit(this.s.tmr, v)) this.onEoiBroadcast(v);
    this.onChange();
  }

  private sendIpi(): void {
    const s = this.s;
    const vector = s.icrLo & 0xff;
    const dm = (s.icrLo >> 8) & 7;
    const logical = (s.icrLo & 0x800) !== 0;
    const level = (s.icrLo & 0x8000) !== 0;
    const shorthand = (s.icrLo >> 18) & 3;
    if ((dm === DM_FIXED || dm === DM_LOWEST) && vector < 16) {
      this.error(ESR_SEND_ILLEGAL_VECTOR);
      return;
    }
    let toSelf: boolean;
    switch (shorthand) {
      case 1: toSelf = true; break; // self
      case 2: toSelf = true; break; // all including self
      case 3: toSelf = false; break; // all excluding self: there are no other processors
      default: toSelf = this.matchesDestination(s.icrHi >>> 24, logical);
    }
    if (!toSelf) return;
    if (dm === DM_FIXED || dm === DM_LOWEST) this.acceptInterrupt(vector, level);
    else if (dm === DM_NMI) this.onNmi();
    // INIT, STARTUP, SMI and ExtINT to this processor are not modelled.
  }

  /** Read the 32-bit register at `reg` (offset & ~0xf). */
  readRegister(reg: number): number {
    const s = this.s;
    const index = reg >> 4;
    if (index >= 0x10 && index <= 0x17) return s.isr[index & 7] | 0;
    if (index >= 0x18 && index <= 0x1f) return s.tmr[index & 7] | 0;
    if (index >= 0x20 && index <= 0x27) return s.irr[index & 7] | 0;
    if (index >= 0x32 && index <= 0x37) return s.lvt[index - 0x32];
    switch (index) {
      case 0x02: return (s.id << 24) | 0;
      case 0x03: return APIC_VERSION;
      case 0x08: return s.tpr;
      case 0x09: return 0; // arbitration priority: not modelled (single processor)
      case 0x0a: return this.ppr();
      case 0x0b: return 0; // EOI is write-only
      case 0x0d: return (s.ldr << 24) | 0;
      case 0x0e: return s.dfr | 0;
      case 0x0f: return s.svr;
      case 0x28: return s.esr;
      case 0x30: return s.icrLo & ~0x1000; // delivery is instantaneous: never "send pending"
      case 0x31: return s.icrHi | 0;
      case 0x38: return s.initialCount | 0;
      case 0x39: return this.currentCount() | 0;
      case 0x3e: return s.divideConf;
      default:
        this.error(ESR_ILLEGAL_REGISTER);
        return 0;
    }
  }

  /** Write the 32-bit register at `reg`. */
  writeRegister(reg: number, val: number): void {
    const s = this.s;
    const index = reg >> 4;
    if (index >= 0x32 && index <= 0x37) {
      const n = index - 0x32;
      let v = (s.lvt[n] & ~LVT_WRITABLE[n]) | (val & LVT_WRITABLE[n]);
      if (!(s.svr & SVR_ENABLE)) v |= LVT_MASKED; // SDM: masks cannot be cleared while software-disabled
      s.lvt[n] = v >>> 0;
      if (n === LVT_TIMER) this.timerUpdate(this.clock.now());
      if (n === LVT_LINT0) this.onChange();
      return;
    }
    if ((index >= 0x10 && index <= 0x27) || index === 0x03 || index === 0x09 || index === 0x0a || index === 0x39) return; // read-only
    switch (index) {
      case 0x02: s.id = val >>> 24; break;
      case 0x08: s.tpr = val & 0xff; this.onChange(); break;
      case 0x0b: this.eoi(); break;
      case 0x0d: s.ldr = val >>> 24; break;
      case 0x0e: s.dfr = (val | 0x0fffffff) >>> 0; break;
      case 0x0f: this.writeSvr(val); break;
      case 0x28: s.esr = s.esrPending; s.esrPending = 0; break;
      case 0x30: s.icrLo = val & 0x000cdfff; this.sendIpi(); break;
      case 0x31: s.icrHi = val & 0xff000000; break;
      case 0x38:
        s.initialCount = val >>> 0;
        s.loadTime = this.clock.now();
        if (this.timerMode() !== TIMER_TSC_DEADLINE) this.timerUpdate(s.loadTime);
        break;
      case 0x3e:
        // As in QEMU the elapsed time since the load is reinterpreted with the new divider.
        s.divideConf = val & 0xb;
        this.timerUpdate(this.clock.now());
        break;
      default:
        this.error(ESR_ILLEGAL_REGISTER);
    }
  }

  /** MMIO read: registers are 32 bits at 16-byte strides; narrower reads take the addressed bytes. */
  read(offset: number, size: number): number {
    const v = this.readRegister(offset & 0xff0) >>> 0;
    const sh = (offset & 3) * 8;
    if (size >= 4) return v | 0;
    return (v >>> sh) & (size === 2 ? 0xffff : 0xff);
  }

  /** MMIO write: only aligned 32-bit writes reach the registers (as in QEMU). */
  write(offset: number, size: number, value: number): void {
    if (size < 4 || (offset & 0xf) !== 0) return;
    this.writeRegister(offset & 0xff0, value);
  }

  /** The state SeaBIOS leaves at the OS hand-off under QEMU: software-enabled, LINT0 ExtINT (virtual wire), LINT1 NMI. */
  applyFirmwareState(): void {
    this.writeSvr(0x1ff);
    this.writeRegister(0x350, 0x8700);
    this.writeRegister(0x360, 0x8400);
    this.s.icrLo = 0x000c4610; // the last INIT/SIPI broadcast of its processor count probe
  }

  /** Plain-data copy of the APIC state. */
  snapshot(): LocalApicState { return structuredClone(this.s); }
  /** Restore a snapshot taken by `snapshot()`. */
  restore(st: LocalApicState): void { this.s = structuredClone(st); this.onChange(); this.onDeadlineChange(); }
}
