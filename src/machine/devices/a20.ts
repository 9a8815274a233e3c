// The A20 gate: fast A20 at port 0x92 and the 8042 keyboard controller at 0x60/0x64 (output port, A20 commands, minimal keyboard replies).

import type { PortHandler } from '../io';
import { bytePorts } from './byte-ports';
import type { IrqLine } from './irq-line';

// 8042 status register bits.
const ST_OBF = 0x01;
const ST_SYSFLAG = 0x04;
const ST_CMD = 0x08;
const ST_UNLOCKED = 0x10;
const ST_AUX_OBF = 0x20;
// Controller command byte bits.
const CCB_KBD_INT = 0x01;
const CCB_AUX_INT = 0x02;
const CCB_KBD_DISABLED = 0x10;
const CCB_AUX_DISABLED = 0x20;
const CCB_XLATE = 0x40;
// Output port bits.
const OUT_RESET = 0x01;
const OUT_A20 = 0x02;

/** Plain-data state of the A20 logic and the keyboard controller. */
export interface A20State {
  a20: boolean;
  port92: number;
  status: number;
  /** Controller command byte ("mode"). */
  ccb: number;
  outport: number;
  /** Command waiting for its data byte on port 0x60 (0 if none). */
  pendingCommand: number;
  /** Keyboard command waiting for its parameter byte (0 if none). */
  pendingKbdCommand: number;
  /** Bytes waiting for the guest, with their source (true = auxiliary/mouse). */
  queue: Array<[number, boolean]>;
  /** Last byte delivered: port 0x60 reads it again when the buffer is empty, as in QEMU. */
  lastData: number;
}

/**
 * The A20 gate sources of a PC and the keyboard controller around them. The address line is
 * enabled by whichever of port 0x92 bit 1 and the 8042 output port bit 1 was written last.
 * Keyboard commands get QEMU's PS/2 replies (ACK 0xFA, reset 0xFA 0xAA, identify 0xFA 0xAB 0x41
 * when translating); host keystrokes enter through `pushKeyboardBytes` as set-1 scan codes.
 */
export class A20Gate {
  s: A20State;
  /** Called with the new state whenever A20 changes (the memory system masks bit 20 when false). */
  onA20Change: (enabled: boolean) => void = () => {};
  /** Called when the guest asks for a system reset (port 0x92 bit 0 rising, or 8042 pulse of output bit 0). */
  onReset: () => void = () => {};
  private irq1Level = false;
  private irq12Level = false;

  constructor(private readonly irq1: IrqLine, private readonly irq12: IrqLine) {
    // Power-on state as QEMU models it (A20 enabled).
    this.s = {
      a20: true, port92: 0, status: ST_CMD | ST_UNLOCKED, ccb: CCB_KBD_INT | CCB_AUX_INT,
      outport: 0xcc | OUT_RESET | OUT_A20, pendingCommand: 0, pendingKbdCommand: 0, queue: [], lastData: 0,
    };
  }

  /** Whether physical address bit 20 passes through. */
  get a20Enabled(): boolean {
    return this.s.a20;
  }

  private setA20(on: boolean): void {
    if (on === this.s.a20) return;
    this.s.a20 = on;
    this.onA20Change(on);
  }

  /** The state SeaBIOS leaves at the OS hand-off under QEMU (measured): A20 on, self-test passed, translation on. */
  applyFirmwareState(): void {
    this.s.port92 = OUT_A20;
    this.s.status = ST_SYSFLAG | ST_CMD | ST_UNLOCKED;
    this.s.ccb = CCB_XLATE | CCB_AUX_DISABLED | CCB_KBD_INT; // 0x61
    this.setA20(true);
  }

  // ---- output buffer ----

  private queue(b: number, aux = false): void {
    this.s.queue.push([b & 0xff, aux]);
    this.updateIrq();
  }

  /** Host keyboard input, as scan code set 1 bytes (what a translating 8042 delivers). */
  pushKeyboardBytes(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.s.queue.push([bytes[i] & 0xff, false]);
    this.updateIrq();
  }

  private updateIrq(): void {
    const s = this.s;
    s.status &= ~(ST_OBF | ST_AUX_OBF);
    let k = false;
    let m = false;
    if (s.queue.length > 0) {
      s.status |= ST_OBF;
      if (s.queue[0][1]) {
        s.status |= ST_AUX_OBF;
        m = (s.ccb & CCB_AUX_INT) !== 0;
      } else {
        k = (s.ccb & CCB_KBD_INT) !== 0;
      }
    }
    if (k !== this.irq1Level) { this.irq1Level = k; this.irq1(k); }
    if (m !== this.irq12Level) { this.irq12Level = m; this.irq12(m); }
  }

  private readData(): number {
    const s = this.s;
    const head = s.queue.shift();
    if (head) s.lastData = head[0];
    this.updateIrq();
    return s.lastData;
  }

  // ---- writes ----

  private writeOutport(v: number): void {
    this.s.outport = v;
    this.setA20((v & OUT_A20) !== 0);
    if (!(v & OUT_RESET)) this.onReset();
  }

  private writeCommand(cmd: number): void {
    const s = this.s;
    s.status |= ST_CMD;
    if (cmd >= 0xf0) {
      // Pulse output port bits low for 6 µs: bit 0 is the CPU reset line.
      if (!(cmd & 1)) this.onReset();
      return;
    }
    switch (cmd) {
      case 0x20: this.queue(s.ccb); break; // read command byte
      case 0x60: case 0xd1: case 0xd2: case 0xd3: case 0xd4: s.pendingCommand = cmd; break;
      case 0xa7: s.ccb |= CCB_AUX_DISABLED; break;
      case 0xa8: s.ccb &= ~CCB_AUX_DISABLED; break;
      case 0xa9: this.queue(0x00); break; // auxiliary interface test: OK
      case 0xaa: s.status |= ST_SYSFLAG; this.queue(0x55); break; // controller self test: OK
      case 0xab: this.queue(0x00); break; // keyboard interface test: OK
      case 0xad: s.ccb |= CCB_KBD_DISABLED; break;
      case 0xae: s.ccb &= ~CCB_KBD_DISABLED; break;
      case 0xc0: this.queue(0x80); break; // input port: keyboard not inhibited
      case 0xd0: this.queue(s.outport); break;
      case 0xdd: this.writeOutport(s.outport & ~OUT_A20); break;
      case 0xdf: this.writeOutport(s.outport | OUT_A20); break;
      default: break; // unknown commands are ignored (QEMU logs them)
    }
  }

  private writeData(v: number): void {
    const s = this.s;
    const cmd = s.pendingCommand;
    s.pendingCommand = 0;
    switch (cmd) {
      case 0x60:
        s.ccb = v;
        if (v & ST_SYSFLAG) s.status |= ST_SYSFLAG; else s.status &= ~ST_SYSFLAG;
        this.updateIrq();
        return;
      case 0xd1: this.writeOutport(v); return;
      case 0xd2: this.queue(v); return;
      case 0xd3: this.queue(v, true); return;
      case 0xd4: this.mouseCommand(v); return;
      default: this.keyboardCommand(v);
    }
  }

  /** Minimal PS/2 keyboard: acknowledge everything, answer reset, identify and echo. */
  private keyboardCommand(v: number): void {
    const s = this.s;
    if (s.pendingKbdCommand) {
      s.pendingKbdCommand = 0;
      this.queue(0xfa);
      return;
    }
    switch (v) {
      case 0xff: this.queue(0xfa); this.queue(0xaa); break; // reset and self test passed
      case 0xf2: this.queue(0xfa); this.queue(0xab); this.queue(s.ccb & CCB_XLATE ? 0x41 : 0x83); break;
      case 0xee: this.queue(0xee); break; // echo
      case 0xed: case 0xf0: case 0xf3: s.pendingKbdCommand = v; this.queue(0xfa); break; // take a parameter
      default: this.queue(0xfa);
    }
  }

  /** Minimal PS/2 mouse: acknowledge, and answer reset and identify. */
  private mouseCommand(v: number): void {
    this.queue(0xfa, true);
    if (v === 0xff) { this.queue(0xaa, true); this.queue(0x00, true); }
    else if (v === 0xf2) this.queue(0x00, true);
  }

  /** Ports 0x60 (data) and 0x64 (status / command). */
  readonly keyboardPorts: PortHandler = bytePorts(0x60, 5,
    (p) => (p === 0x60 ? this.readData() : p === 0x64 ? this.s.status : 0xff),
    (p, v) => { if (p === 0x60) this.writeData(v); else if (p === 0x64) this.writeCommand(v); });

  /** Port 0x92: bit 1 A20, bit 0 fast reset on a rising edge. */
  readonly port92: PortHandler = bytePorts(0x92, 1,
    () => this.s.port92,
    (_p, v) => {
      const old = this.s.port92;
      this.s.port92 = v;
      this.setA20((v & OUT_A20) !== 0);
      if ((v & 1) && !(old & 1)) this.onReset();
    });

  /** Plain-data copy of the state. */
  snapshot(): A20State & { irq1Level: boolean; irq12Level: boolean } {
    return { ...structuredClone(this.s), irq1Level: this.irq1Level, irq12Level: this.irq12Level };
  }
  /** Restore a snapshot taken by `snapshot()`. */
  restore(st: A20State & { irq1Level: boolean; irq12Level: boolean }): void {
    const { irq1Level, irq12Level, ...rest } = st;
    const a20Changed = rest.a20 !== this.s.a20;
    this.s = structuredClone(rest);
    this.irq1Level = irq1Level;
    this.irq12Level = irq12Level;
    if (a20Changed) this.onA20Change(this.s.a20);
  }
}
