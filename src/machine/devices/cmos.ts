// The MC146818 real-time clock and CMOS RAM at ports 0x70/0x71 (IRQ8), running on virtual time from a fixed epoch.

import type { PortHandler, VirtualClock } from '../io';
import { bytePorts } from './byte-ports';
import type { IrqLine } from './irq-line';
import { NS_PER_SECOND, nsAtTick, ticksAt, type TimedDevice } from './timed-device';

/** Default RTC epoch: 2000-01-01 00:00:00 UTC (run QEMU with `-rtc base=2000-01-01T00:00:00` to compare). */
export const DEFAULT_RTC_EPOCH = Date.UTC(2000, 0, 1) / 1000;
/** The RTC's time base: 32.768 kHz. */
export const RTC_HZ = 32768;
/** UIP is set for this long before each update (8 cycles of the 32.768 kHz clock; QEMU's UIP_HOLD_LENGTH). */
export const UIP_HOLD_NS = 244140;

export const REG_A = 0x0a;
export const REG_B = 0x0b;
export const REG_C = 0x0c;
export const REG_D = 0x0d;
const A_UIP = 0x80;
const B_SET = 0x80;
const B_PIE = 0x40;
const B_AIE = 0x20;
const B_UIE = 0x10;
const B_DM_BINARY = 0x04;
const B_24H = 0x02;
const C_IRQF = 0x80;
const C_PF = 0x40;
const C_AF = 0x20;
const C_UF = 0x10;
const CENTURY = 0x32;

/** Plain-data RTC state. */
export interface CmosState {
  data: number[];
  index: number;
  nmiDisabled: boolean;
  /** RTC seconds since 1970 at virtual time `baseTime` (second boundaries fall at baseTime + k s). */
  baseSeconds: number;
  baseTime: number;
  /** True while the clock is stopped (SET, or divider chain in reset); time registers hold their values. */
  stopped: boolean;
  /** Virtual ns of the next periodic interrupt, Infinity if none. */
  periodicAt: number;
  /** Second boundary up to which update/alarm flags have been computed. */
  flagsUpTo: number;
  irqLevel: boolean;
}

function toBcd(v: number): number { return ((v / 10) | 0) * 16 + (v % 10); }
function fromBcd(v: number): number { return (v >> 4) * 10 + (v & 0xf); }

/** Options for the CMOS contents that describe the board (QEMU's pc_cmos_init values). */
export interface CmosOptions {
  ramBytes: number;
  /** RTC seconds since 1970 at virtual time 0. */
  epochSeconds?: number;
}

/**
 * The RTC: registers 0x00-0x09 count from the epoch as virtual time advances, in BCD or binary
 * and 12- or 24-hour form per register B; UIP is set during the last 244 µs before each update;
 * periodic, alarm and update-ended interrupts set register C and IRQ8 until C is read.
 * Registers 0x0E-0x7F are battery-backed RAM preset with the memory sizes the firmware reads.
 */
export class Cmos implements TimedDevice {
  s: CmosState;
  onDeadlineChange: () => void = () => {};

  constructor(private readonly clock: VirtualClock, private readonly irq: IrqLine, opts: CmosOptions) {
    const data = new Array(128).fill(0);
    data[REG_A] = 0x26; // 32.768 kHz time base, 1024 Hz periodic rate
    data[REG_B] = B_24H; // 24-hour, BCD, no interrupts
    data[REG_D] = 0x80; // valid RAM and time
    fillBoardBytes(data, opts.ramBytes);
    this.s = {
      data, index: 0, nmiDisabled: false, baseSeconds: opts.epochSeconds ?? DEFAULT_RTC_EPOCH, baseTime: 0,
      stopped: false, periodicAt: Infinity, flagsUpTo: 0, irqLevel: false,
    };
    this.s.flagsUpTo = this.secondsAt(clock.now());
    data[0x37] = this.encode(Math.floor(new Date(this.secondsAt(clock.now()) * 1000).getUTCFullYear() / 100));
  }

  /** RTC time (seconds since 1970) at virtual time `now`. */
  secondsAt(now: number): number {
    if (this.s.stopped) return this.s.baseSeconds;
    return this.s.baseSeconds + Math.floor((now - this.s.baseTime) / NS_PER_SECOND);
  }

  private encode(v: number): number {
    return (this.s?.data[REG_B] ?? B_24H) & B_DM_BINARY ? v : toBcd(v);
  }
  private decode(v: number): number {
    return this.s.data[REG_B] & B_DM_BINARY ? v : fromBcd(v);
  }

  /** Store the clock's current time into the time registers, in the current data mode. */
  private writeTimeRegisters(now: number): void {
    const d = this.s.data;
    const t = new Date(this.secondsAt(now) * 1000);
    d[0x00] = this.encode(t.getUTCSeconds());
    d[0x02] = this.encode(t.getUTCMinutes());
    const h = t.getUTCHours();
    if (d[REG_B] & B_24H) d[0x04] = this.encode(h);
    else d[0x04] = this.encode(h % 12 === 0 ? 12 : h % 12) | (h >= 12 ? 0x80 : 0);
    d[0x06] = this.encode(t.getUTCDay() + 1);
    d[0x07] = this.encode(t.getUTCDate());
    d[0x08] = this.encode(t.getUTCMonth() + 1);
    d[0x09] = this.encode(t.getUTCFullYear() % 100);
    d[CENTURY] = this.encode(Math.floor(t.getUTCFullYear() / 100));
  }

  /** Parse the time registers back into seconds since 1970. */
  private readTimeRegisters(): number {
    const d = this.s.data;
    let h = this.decode(d[0x04] & 0x7f);
    if (!(d[REG_B] & B_24H)) h = (h % 12) + (d[0x04] & 0x80 ? 12 : 0);
    const year = this.decode(d[CENTURY]) * 100 + this.decode(d[0x09]);
    return Date.UTC(year, this.decode(d[0x08]) - 1, this.decode(d[0x07]), h, this.decode(d[0x02]), this.decode(d[0x00])) / 1000;
  }

  private running(): boolean {
    const d = this.s.data;
    return !(d[REG_B] & B_SET) && (d[REG_A] & 0x70) <= 0x20;
  }

  /** Stop or restart the clock after a write to register A or B. */
  private syncRunning(now: number, dividerLeftReset: boolean): void {
    const run = this.running();
    if (run && this.s.stopped) {
      this.s.baseSeconds = this.readTimeRegisters();
      // Leaving divider reset, the first update comes 500 ms later (MC146818 datasheet).
      this.s.baseTime = dividerLeftReset ? now - NS_PER_SECOND / 2 : now;
      this.s.stopped = false;
      this.s.flagsUpTo = this.secondsAt(now);
    } else if (!run && !this.s.stopped) {
      this.writeTimeRegisters(now);
      this.s.baseSeconds = this.secondsAt(now);
      this.s.stopped = true;
    }
  }

  private uip(now: number): boolean {
    if (!this.running()) return false;
    const phase = (now - this.s.baseTime) % NS_PER_SECOND;
    return phase >= NS_PER_SECOND - UIP_HOLD_NS;
  }

  /** Periodic interrupt period in 32.768 kHz cycles (0 when off). */
  private periodCycles(): number {
    let rate = this.s.data[REG_A] & 0x0f;
    if (rate === 0 || !(this.s.data[REG_B] & B_PIE) || (this.s.data[REG_A] & 0x70) !== 0x20) return 0;
    if (rate <= 2) rate += 7;
    return 1 << (rate - 1);
  }

  private schedulePeriodic(now: number): void {
    const p = this.periodCycles();
    if (p === 0) this.s.periodicAt = Infinity;
    else this.s.periodicAt = nsAtTick((Math.floor(ticksAt(now, RTC_HZ) / p) + 1) * p, RTC_HZ);
    this.onDeadlineChange();
  }

  /** Set register C flags, and IRQF with IRQ8 when an enabled flag is among them. */
  private setFlags(flags: number): void {
    const d = this.s.data;
    d[REG_C] |= flags;
    if (d[REG_C] & d[REG_B] & (C_PF | C_AF | C_UF)) d[REG_C] |= C_IRQF;
    this.updateIrq();
  }

  private updateIrq(): void {
    const level = (this.s.data[REG_C] & C_IRQF) !== 0;
    if (level !== this.s.irqLevel) {
      this.s.irqLevel = level;
      this.irq(level);
    }
  }

  /** Does second `sec` match the alarm registers (0xC0-0xFF are "don't care")? */
  private alarmMatches(sec: number): boolean {
    const d = this.s.data;
    const t = new Date(sec * 1000);
    const match = (reg: number, v: number) => (d[reg] & 0xc0) === 0xc0 || d[reg] === this.encode(v);
    const h = t.getUTCHours();
    const hv = d[REG_B] & B_24H ? this.encode(h) : this.encode(h % 12 === 0 ? 12 : h % 12) | (h >= 12 ? 0x80 : 0);
    return match(0x01, t.getUTCSeconds()) && match(0x03, t.getUTCMinutes()) && ((d[0x05] & 0xc0) === 0xc0 || d[0x05] === hv);
  }

  /** Account for the second boundaries passed up to `now`: update-ended and alarm flags. */
  private catchUpSeconds(now: number): void {
    if (!this.running()) return;
    const sec = this.secondsAt(now);
    if (sec <= this.s.flagsUpTo) return;
    // Only the latest crossed second is checked against the alarm; earlier ones collapse.
    let flags = C_UF;
    if (this.alarmMatches(sec)) flags |= C_AF;
    this.s.flagsUpTo = sec;
    this.setFlags(flags);
  }

  private nextSecondBoundary(now: number): number {
    const since = now - this.s.baseTime;
    return this.s.baseTime + (Math.floor(since / NS_PER_SECOND) + 1) * NS_PER_SECOND;
  }

  nextDeadline(): number {
    let t = this.s.periodicAt;
    if (this.running() && (this.s.data[REG_B] & (B_UIE | B_AIE))) {
      t = Math.min(t, this.s.baseTime + (this.s.flagsUpTo - this.s.baseSeconds + 1) * NS_PER_SECOND);
    }
    return t;
  }

  advance(now: number): void {
    if (this.s.periodicAt <= now) {
      this.setFlags(C_PF);
      this.schedulePeriodic(now);
    }
    if (this.s.data[REG_B] & (B_UIE | B_AIE)) this.catchUpSeconds(now);
  }

  private readData(): number {
    const s = this.s;
    const i = s.index;
    const now = this.clock.now();
    if (i <= 9 || i === CENTURY) {
      if (!s.stopped && i !== 1 && i !== 3 && i !== 5) this.writeTimeRegisters(now);
      return s.data[i];
    }
    switch (i) {
      case REG_A:
        return (s.data[REG_A] & 0x7f) | (this.uip(now) ? A_UIP : 0);
      case REG_C: {
        this.catchUpSeconds(now);
        const v = s.data[REG_C];
        s.data[REG_C] = 0;
        this.updateIrq();
        return v;
      }
      case REG_D:
        return 0x80;
      default:
        return s.data[i];
    }
  }

  private writeData(val: number): void {
    const s = this.s;
    const i = s.index;
    const now = this.clock.now();
    if (i <= 9 || i === CENTURY) {
      if (!s.stopped && i !== 1 && i !== 3 && i !== 5) this.writeTimeRegisters(now);
      s.data[i] = val;
      // Writing a time register while the clock runs sets the time at once (QEMU's rtc_set_time).
      if (!s.stopped && i !== 1 && i !== 3 && i !== 5) {
        s.baseSeconds = this.readTimeRegisters();
        s.baseTime = now;
        s.flagsUpTo = s.baseSeconds;
      }
      return;
    }
    switch (i) {
      case REG_A: {
        const wasReset = (s.data[REG_A] & 0x70) > 0x20;
        s.data[REG_A] = val & 0x7f;
        this.syncRunning(now, wasReset && (val & 0x70) <= 0x20);
        this.schedulePeriodic(now);
        break;
      }
      case REG_B: {
        let v = val;
        if (v & B_SET) v &= ~B_UIE; // SET clears UIE (datasheet)
        if (!s.stopped) this.writeTimeRegisters(now);
        s.data[REG_B] = v;
        this.syncRunning(now, false);
        this.schedulePeriodic(now);
        this.setFlags(0); // an enable bit may now cover an already set flag
        this.onDeadlineChange();
        break;
      }
      case REG_C:
      case REG_D:
        break; // read-only
      default:
        s.data[i] = val;
    }
  }

  /** Ports 0x70 (index; bit 7 disables NMI) and 0x71 (data). */
  readonly ports: PortHandler = bytePorts(0x70, 2,
    (p) => (p === 0x70 ? 0xff : this.readData()),
    (p, v) => {
      if (p === 0x70) {
        this.s.index = v & 0x7f;
        this.s.nmiDisabled = (v & 0x80) !== 0;
      } else {
        this.writeData(v);
      }
    });

  /** Plain-data copy of the state. */
  snapshot(): CmosState { return structuredClone(this.s); }
  /** Restore a snapshot taken by `snapshot()`. */
  restore(st: CmosState): void { this.s = structuredClone(st); this.onDeadlineChange(); }
}

/** The CMOS bytes QEMU's PC board presets (memory sizes, equipment, boot order), for `ramBytes` of RAM. */
export function fillBoardBytes(d: number[], ramBytes: number): void {
  const MiB = 1024 * 1024;
  // The i440FX board keeps RAM above 3.5 GiB above 4 GiB.
  const below4g = ramBytes >= 0xe0000000 ? 0xe0000000 : ramBytes;
  const above4g = ramBytes - below4g;
  d[0x10] = 0x50; // floppy drive A type (QEMU's default drive)
  d[0x14] = 0x07; // equipment: one floppy, FPU, PS/2 mouse
  d[0x15] = 640 & 0xff; // base memory in KiB
  d[0x16] = 640 >> 8;
  const ext = Math.min(Math.max(0, Math.floor((below4g - MiB) / 1024)), 0xffff);
  d[0x17] = d[0x30] = ext & 0xff;
  d[0x18] = d[0x31] = ext >> 8;
  const above16 = below4g > 16 * MiB ? Math.min(Math.floor((below4g - 16 * MiB) / 65536), 0xffff) : 0;
  d[0x34] = above16 & 0xff;
  d[0x35] = above16 >> 8;
  const high = Math.floor(above4g / 65536);
  d[0x5b] = high & 0xff;
  d[0x5c] = (high >> 8) & 0xff;
  d[0x5d] = (high >> 16) & 0xff;
  d[0x5f] = 0; // processors - 1
  d[0x38] = 0x30; // boot order and floppy signature check, as QEMU leaves them
  d[0x3d] = 0x12;
}
