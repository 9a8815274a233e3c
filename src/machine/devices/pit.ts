// The 8254 programmable interval timer (channels 0-2 at 0x40-0x42, control word at 0x43) and system control port B (0x61).

import type { PortHandler, VirtualClock } from '../io';
import { bytePorts } from './byte-ports';
import type { IrqLine } from './irq-line';
import { nsAtTick, ticksAt, type TimedDevice } from './timed-device';

/** Input clock of every 8254 channel on a PC: 1.193182 MHz (QEMU's PIT_FREQ). */
export const PIT_HZ = 1_193_182;

/** Read/write access states (control word bits 5:4, and the byte sequencing of lo/hi access). */
const RW_LSB = 1;
const RW_MSB = 2;
const RW_WORD0 = 3;
const RW_WORD1 = 4;

/** Plain-data state of one counter. */
export interface PitChannelState {
  /** Reload value, 1..0x10000 (a written 0 means 0x10000). */
  count: number;
  /** Virtual ns at which `count` was loaded (or the gate restarted the count). */
  loadTime: number;
  mode: number;
  bcd: number;
  /** Access mode from the control word: 1 lobyte, 2 hibyte, 3 lobyte then hibyte. */
  rwMode: number;
  readState: number;
  writeState: number;
  writeLatch: number;
  latchedCount: number;
  /** Read state of a latched count (0: none latched). */
  countLatched: number;
  status: number;
  statusLatched: boolean;
  gate: boolean;
  /** Channel 0 only: virtual ns of the next output transition, Infinity if none. */
  nextTransition: number;
}

function resetChannel(i: number, now: number): PitChannelState {
  // Power-on state as QEMU models it: mode 3, count 0x10000, counting from reset; gate 2 low.
  return {
    count: 0x10000, loadTime: now, mode: 3, bcd: 0, rwMode: 0, readState: 0, writeState: 0, writeLatch: 0,
    latchedCount: 0, countLatched: 0, status: 0, statusLatched: false, gate: i !== 2, nextTransition: Infinity,
  };
}

/** Output level of a counter `d` input clocks after it was loaded (QEMU's waveforms). */
export function pitOutput(mode: number, count: number, d: number): boolean {
  switch (mode) {
    case 1: return d < count;
    case 2: case 6: return d % count === 0 && d !== 0; // one-clock pulse at each reload
    case 3: case 7: return d % count < ((count + 1) >> 1); // square wave, high for the first half
    case 4: case 5: return d === count; // one-clock strobe at terminal count
    default: return d >= count; // mode 0: high at terminal count and stays high
  }
}

/** The next input-clock count after `d` at which the output changes, or -1 when it never will. */
export function pitNextTransition(mode: number, count: number, d: number): number {
  switch (mode) {
    case 2: case 6: {
      if (count === 1) return d < 1 ? 1 : -1;
      const base = d - (d % count);
      return d === base && d !== 0 ? d + 1 : base + count;
    }
    case 3: case 7: {
      if (count === 1) return -1;
      const base = d - (d % count);
      const half = (count + 1) >> 1;
      return d - base < half ? base + half : base + count;
    }
    case 4: case 5:
      return d < count ? count : d === count ? count + 1 : -1;
    default:
      return d < count ? count : -1;
  }
}

/** The counter value a read returns `d` input clocks after loading (QEMU's pit_get_count). */
export function pitCounter(mode: number, count: number, d: number): number {
  switch (mode) {
    case 0: case 1: case 4: case 5: return (count - d) & 0xffff;
    case 3: case 7: return (count - ((2 * d) % count)) & 0xffff; // counts down by two
    default: return (count - (d % count)) & 0xffff;
  }
}

/**
 * The 8254. Only channel 0 schedules events (its output is IRQ0); channels 1 and 2 are computed
 * when read, which is all that refresh polling and PC-speaker/port 0x61 calibration loops need.
 */
export class Pit implements TimedDevice {
  ch: PitChannelState[];
  /** Port 0x61 bit 1 (speaker data enable), kept for read-back. */
  speakerDataOn = false;
  /** Port 0x61 bit 4 toggles on every read, as QEMU's dummy refresh clock does. */
  refreshToggle = 0;
  private irq0Level = false;
  /** Called when channel 0's next deadline moved (the run loop re-reads nextDeadline()). */
  onDeadlineChange: () => void = () => {};

  constructor(private readonly clock: VirtualClock, private readonly irq0: IrqLine) {
    const now = clock.now();
    this.ch = [0, 1, 2].map((i) => resetChannel(i, now));
    this.updateIrq(0, now);
  }

  private elapsedTicks(c: PitChannelState, now: number): number {
    return ticksAt(now - c.loadTime, PIT_HZ);
  }

  /** Output pin of channel `i` now. */
  output(i: number): boolean {
    const c = this.ch[i];
    return pitOutput(c.mode, c.count, this.elapsedTicks(c, this.clock.now()));
  }

  /** Gate input of channel `i`; a rising edge restarts the count in modes 1, 2, 3 and 5. */
  setGate(i: number, level: boolean): void {
    const c = this.ch[i];
    if (!c.gate && level && c.mode !== 0 && c.mode !== 4) {
      c.loadTime = this.clock.now();
      this.updateIrq(i, c.loadTime);
    }
    c.gate = level;
  }

  /** Recompute channel 0's output and next transition as of time `t` (QEMU's pit_irq_timer_update). */
  private updateIrq(i: number, t: number): void {
    if (i !== 0) return;
    const c = this.ch[0];
    const d = this.elapsedTicks(c, t);
    const level = pitOutput(c.mode, c.count, d);
    const next = pitNextTransition(c.mode, c.count, d);
    c.nextTransition = next < 0 ? Infinity : c.loadTime + nsAtTick(next, PIT_HZ);
    if (level !== this.irq0Level) {
      this.irq0Level = level;
      this.irq0(level);
    }
    this.onDeadlineChange();
  }

  nextDeadline(): number {
    return this.ch[0].nextTransition;
  }

  advance(now: number): void {
    const c = this.ch[0];
    // If the caller fell far behind (e.g. a long HLT skip), the collapsed edges change nothing
    // in an edge-triggered PIC: restart from the period before `now`.
    if (c.nextTransition <= now && (c.mode === 2 || c.mode === 3 || c.mode === 6 || c.mode === 7)) {
      const dNow = this.elapsedTicks(c, now);
      const dNext = this.elapsedTicks(c, c.nextTransition);
      if (dNow - dNext > 3 * c.count) {
        const start = (Math.floor(dNow / c.count) - 1) * c.count;
        c.nextTransition = c.loadTime + nsAtTick(pitNextTransition(c.mode, c.count, start - 1), PIT_HZ);
      }
    }
    while (c.nextTransition <= now) this.updateIrq(0, c.nextTransition);
  }

  private loadCount(i: number, val: number): void {
    const c = this.ch[i];
    c.count = val === 0 ? 0x10000 : val;
    c.loadTime = this.clock.now();
    this.updateIrq(i, c.loadTime);
  }

  private latchCount(c: PitChannelState): void {
    if (c.countLatched) return;
    c.latchedCount = pitCounter(c.mode, c.count, this.elapsedTicks(c, this.clock.now()));
    c.countLatched = c.rwMode;
  }

  private writeControl(val: number): void {
    const sel = val >> 6;
    if (sel === 3) {
      // Read-back command: bit 5 = 0 latches counts, bit 4 = 0 latches status, bits 3:1 select channels.
      for (let i = 0; i < 3; i++) {
        if (!(val & (2 << i))) continue;
        const c = this.ch[i];
        if (!(val & 0x20)) this.latchCount(c);
        if (!(val & 0x10) && !c.statusLatched) {
          c.status = ((this.output(i) ? 1 : 0) << 7) | (c.rwMode << 4) | (c.mode << 1) | c.bcd;
          c.statusLatched = true;
        }
      }
      return;
    }
    const c = this.ch[sel];
    const access = (val >> 4) & 3;
    if (access === 0) {
      this.latchCount(c);
      return;
    }
    c.rwMode = access;
    c.readState = access;
    c.writeState = access;
    c.mode = (val >> 1) & 7;
    c.bcd = val & 1;
    // As in QEMU the running count is not disturbed: the new mode takes effect with the next count.
  }

  private writeCounter(i: number, val: number): void {
    const c = this.ch[i];
    switch (c.writeState) {
      case RW_MSB: this.loadCount(i, val << 8); break;
      case RW_WORD0: c.writeLatch = val; c.writeState = RW_WORD1; break;
      case RW_WORD1: this.loadCount(i, c.writeLatch | (val << 8)); c.writeState = RW_WORD0; break;
      default: this.loadCount(i, val); break; // RW_LSB (and the never-programmed state)
    }
  }

  private readCounter(i: number): number {
    const c = this.ch[i];
    if (c.statusLatched) {
      c.statusLatched = false;
      return c.status;
    }
    if (c.countLatched) {
      switch (c.countLatched) {
        case RW_MSB: c.countLatched = 0; return (c.latchedCount >> 8) & 0xff;
        case RW_WORD0: c.countLatched = RW_MSB; return c.latchedCount & 0xff;
        default: c.countLatched = 0; return c.latchedCount & 0xff;
      }
    }
    const count = pitCounter(c.mode, c.count, this.elapsedTicks(c, this.clock.now()));
    switch (c.readState) {
      case RW_MSB: return (count >> 8) & 0xff;
      case RW_WORD0: c.readState = RW_WORD1; return count & 0xff;
      case RW_WORD1: c.readState = RW_WORD0; return (count >> 8) & 0xff;
      default: return count & 0xff;
    }
  }

  /** Port handler for 0x40-0x43. */
  readonly ports: PortHandler = bytePorts(0x40, 4,
    (p) => ((p & 3) === 3 ? 0 : this.readCounter(p & 3)), // the control word register is write-only
    (p, v) => ((p & 3) === 3 ? this.writeControl(v) : this.writeCounter(p & 3, v)));

  /**
   * Port handler for 0x61 (system control port B): bit 0 gate 2, bit 1 speaker data,
   * bit 4 refresh toggle, bit 5 channel 2 output.
   */
  readonly portB: PortHandler = bytePorts(0x61, 1,
    () => {
      this.refreshToggle ^= 0x10;
      return (this.ch[2].gate ? 1 : 0) | (this.speakerDataOn ? 2 : 0) | this.refreshToggle | (this.output(2) ? 0x20 : 0);
    },
    (_p, v) => {
      this.speakerDataOn = (v & 2) !== 0;
      this.setGate(2, (v & 1) !== 0);
    });

  /** Plain-data copy of the timer state. */
  snapshot(): { ch: PitChannelState[]; speakerDataOn: boolean; refreshToggle: number; irq0Level: boolean } {
    return { ch: this.ch.map((c) => ({ ...c })), speakerDataOn: this.speakerDataOn, refreshToggle: this.refreshToggle, irq0Level: this.irq0Level };
  }

  /** Restore a snapshot taken by `snapshot()`. */
  restore(s: ReturnType<Pit['snapshot']>): void {
    this.ch = s.ch.map((c) => ({ ...c }));
    this.speakerDataOn = s.speakerDataOn;
    this.refreshToggle = s.refreshToggle;
    this.irq0Level = s.irq0Level;
    this.onDeadlineChange();
  }
}
