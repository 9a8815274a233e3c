// The 16550A UART (COM1 at 0x3F8-0x3FF, IRQ4): serial output to the host, host input to the guest.

import type { PortHandler, VirtualClock } from '../io';
import { bytePorts } from './byte-ports';
import type { IrqLine } from './irq-line';
import { NS_PER_SECOND, type TimedDevice } from './timed-device';

// Register bits (names as in the 16550A datasheet).
const IER_RDI = 0x01; // received data available
const IER_THRI = 0x02; // transmitter holding register empty
const IER_RLSI = 0x04; // receiver line status
const IER_MSI = 0x08; // modem status
const IIR_NO_INT = 0x01;
const IIR_ID = 0x0e;
const IIR_MSI = 0x00;
const IIR_THRI = 0x02;
const IIR_RDI = 0x04;
const IIR_RLSI = 0x06;
const IIR_CTI = 0x0c; // character timeout
const IIR_FIFO = 0xc0;
const LCR_DLAB = 0x80;
const MCR_LOOP = 0x10;
const LSR_DR = 0x01;
const LSR_OE = 0x02;
const LSR_BI = 0x10;
const LSR_THRE = 0x20;
const LSR_TEMT = 0x40;
const LSR_INT_ANY = 0x1e;
const MSR_ANY_DELTA = 0x0f;
const FCR_FE = 0x01;
const FCR_RFR = 0x02;
const FCR_XFR = 0x04;
const FIFO_SIZE = 16;

/** UART input clock divided by 16: the baud rate for divisor 1 (1.8432 MHz / 16). */
export const UART_BASE_BAUD = 115200;

/** Plain-data UART state. */
export interface UartState {
  rbr: number; ier: number; iir: number; lcr: number; mcr: number; lsr: number; msr: number; scr: number; fcr: number;
  divider: number;
  thrPending: boolean;
  /** Character-timeout interrupt pending (FIFO mode). */
  timeoutPending: boolean;
  /** Receive FIFO contents (FIFO mode). */
  rxFifo: number[];
  rxTrigger: number;
  /** Bytes from the host not yet taken in by the receiver. */
  hostQueue: number[];
  /** Virtual ns of the character-timeout check, Infinity if none. */
  timeoutAt: number;
}

/**
 * A 16550A whose transmitter is instantaneous: a byte written to THR goes straight to `onOutput`,
 * so LSR.THRE and LSR.TEMT read as set right after the write and a THRE interrupt follows at once
 * when enabled. Host input waits in a queue and enters the receiver as room appears (one byte in
 * RBR without FIFOs, up to 16 with), so the guest never sees an overrun from the host.
 */
export class Uart implements TimedDevice {
  s: UartState = Uart.resetState();
  private irqLevel = false;
  onDeadlineChange: () => void = () => {};

  constructor(
    private readonly clock: VirtualClock,
    private readonly irq: IrqLine,
    /** Receives each transmitted byte. */
    public onOutput: (byte: number) => void,
  ) {}

  private static resetState(): UartState {
    return {
      rbr: 0, ier: 0, iir: IIR_NO_INT, lcr: 0, mcr: 0x08, lsr: LSR_TEMT | LSR_THRE, msr: 0xb0, scr: 0, fcr: 0,
      divider: 12, thrPending: false, timeoutPending: false, rxFifo: [], rxTrigger: 1, hostQueue: [], timeoutAt: Infinity,
    };
  }

  /** Line speed in bits per second from the divisor latch. */
  get baud(): number {
    return this.s.divider === 0 ? UART_BASE_BAUD : UART_BASE_BAUD / this.s.divider;
  }

  /** Virtual ns to transmit one frame (start + data + parity + stop bits) at the programmed rate. */
  charTime(): number {
    const lcr = this.s.lcr;
    const bits = 1 + 5 + (lcr & 3) + ((lcr & 0x08) ? 1 : 0) + ((lcr & 0x04) ? 2 : 1);
    return Math.ceil((bits * NS_PER_SECOND) / this.baud);
  }

  private updateIrq(): void {
    const s = this.s;
    let id = IIR_NO_INT;
    if ((s.ier & IER_RLSI) && (s.lsr & LSR_INT_ANY)) id = IIR_RLSI;
    else if ((s.ier & IER_RDI) && s.timeoutPending) id = IIR_CTI;
    else if ((s.ier & IER_RDI) && (s.lsr & LSR_DR) && (!(s.fcr & FCR_FE) || s.rxFifo.length >= s.rxTrigger)) id = IIR_RDI;
    else if ((s.ier & IER_THRI) && s.thrPending) id = IIR_THRI;
    else if ((s.ier & IER_MSI) && (s.msr & MSR_ANY_DELTA)) id = IIR_MSI;
    s.iir = id | (s.iir & 0xf0);
    const level = id !== IIR_NO_INT;
    if (level !== this.irqLevel) {
      this.irqLevel = level;
      this.irq(level);
    }
  }

  /** Queue bytes typed by the host user for the guest to read. */
  pushInput(bytes: ArrayLike<number>): void {
    for (let i = 0; i < bytes.length; i++) this.s.hostQueue.push(bytes[i] & 0xff);
    this.fillReceiver();
  }

  /** Number of host bytes not yet accepted by the receiver. */
  get pendingInput(): number {
    return this.s.hostQueue.length;
  }

  /** Move host bytes into the receiver while it has room (never in loopback mode). */
  private fillReceiver(): void {
    const s = this.s;
    if (s.mcr & MCR_LOOP) return;
    let moved = false;
    while (s.hostQueue.length > 0) {
      if (s.fcr & FCR_FE) {
        if (s.rxFifo.length >= FIFO_SIZE) break;
      } else if (s.lsr & LSR_DR) {
        break;
      }
      this.receive(s.hostQueue.shift()!);
      moved = true;
    }
    if (moved) this.updateIrq();
  }

  /** One byte arrives at the receiver (from the host queue or the loopback transmitter). */
  private receive(b: number): void {
    const s = this.s;
    if (s.fcr & FCR_FE) {
      if (s.rxFifo.length >= FIFO_SIZE) s.lsr |= LSR_OE;
      else s.rxFifo.push(b);
      s.lsr |= LSR_DR;
      // A character-timeout interrupt follows four character times without a read.
      s.timeoutAt = this.clock.now() + 4 * this.charTime();
      this.onDeadlineChange();
    } else {
      if (s.lsr & LSR_DR) s.lsr |= LSR_OE;
      s.rbr = b;
      s.lsr |= LSR_DR;
    }
  }

  nextDeadline(): number {
    return this.s.timeoutAt;
  }

  advance(now: number): void {
    const s = this.s;
    if (s.timeoutAt <= now) {
      s.timeoutAt = Infinity;
      if (s.rxFifo.length > 0) {
        s.timeoutPending = true;
        this.updateIrq();
      }
    }
  }

  private transmit(b: number): void {
    const s = this.s;
    s.thrPending = false;
    s.lsr &= ~(LSR_THRE | LSR_TEMT);
    this.updateIrq();
    if (s.mcr & MCR_LOOP) this.receive(b);
    else this.onOutput(b);
    s.lsr |= LSR_THRE | LSR_TEMT;
    s.thrPending = true;
    this.updateIrq();
  }

  private writeReg(off: number, val: number): void {
    const s = this.s;
    switch (off) {
      case 0:
        if (s.lcr & LCR_DLAB) s.divider = (s.divider & 0xff00) | val;
        else this.transmit(val);
        break;
      case 1:
        if (s.lcr & LCR_DLAB) {
          s.divider = (s.divider & 0x00ff) | (val << 8);
        } else {
          const changed = (s.ier ^ val) & 0x0f;
          s.ier = val & 0x0f;
          // Enabling THRI with THR empty raises the THRE interrupt again (QEMU, Bochs and real parts agree).
          if (changed & IER_THRI) s.thrPending = (s.ier & IER_THRI) !== 0 && (s.lsr & LSR_THRE) !== 0;
          if (changed) this.updateIrq();
        }
        break;
      case 2: {
        let v = val;
        if ((v ^ s.fcr) & FCR_FE) v |= FCR_XFR | FCR_RFR; // toggling FIFO enable clears both FIFOs
        if (v & FCR_RFR) {
          s.lsr &= ~(LSR_DR | LSR_BI);
          s.timeoutPending = false;
          s.timeoutAt = Infinity;
          s.rxFifo = [];
        }
        if (v & FCR_XFR) {
          s.lsr |= LSR_THRE;
          s.thrPending = true;
        }
        s.fcr = v & 0xc9;
        if (s.fcr & FCR_FE) {
          s.iir |= IIR_FIFO;
          s.rxTrigger = [1, 4, 8, 14][(s.fcr >> 6) & 3];
        } else {
          s.iir &= ~IIR_FIFO;
        }
        this.updateIrq();
        this.fillReceiver();
        break;
      }
      case 3:
        s.lcr = val;
        break;
      case 4:
        s.mcr = val & 0x1f;
        this.fillReceiver();
        break;
      case 7:
        s.scr = val;
        break;
      default: // LSR and MSR are read-only
        break;
    }
  }

  private readReg(off: number): number {
    const s = this.s;
    switch (off) {
      case 0: {
        if (s.lcr & LCR_DLAB) return s.divider & 0xff;
        let ret: number;
        if (s.fcr & FCR_FE) {
          ret = s.rxFifo.length > 0 ? s.rxFifo.shift()! : 0;
          if (s.rxFifo.length === 0) {
            s.lsr &= ~(LSR_DR | LSR_BI);
            s.timeoutAt = Infinity;
          } else {
            s.timeoutAt = this.clock.now() + 4 * this.charTime();
          }
          s.timeoutPending = false;
          this.onDeadlineChange();
        } else {
          ret = s.rbr;
          s.lsr &= ~(LSR_DR | LSR_BI);
        }
        this.updateIrq();
        this.fillReceiver();
        return ret;
      }
      case 1:
        return (s.lcr & LCR_DLAB) ? (s.divider >> 8) & 0xff : s.ier;
      case 2: {
        const ret = s.iir;
        // Reading IIR while it reports THRE clears that interrupt.
        if ((ret & IIR_ID) === IIR_THRI) {
          s.thrPending = false;
          this.updateIrq();
        }
        return ret;
      }
      case 3:
        return s.lcr;
      case 4:
        return s.mcr;
      case 5: {
        const ret = s.lsr;
        if (s.lsr & (LSR_BI | LSR_OE)) {
          s.lsr &= ~(LSR_BI | LSR_OE);
          this.updateIrq();
        }
        return ret;
      }
      case 6:
        if (s.mcr & MCR_LOOP) {
          // Loopback: RTS->CTS, DTR->DSR, OUT1->RI, OUT2->DCD.
          return ((s.mcr & 0x0c) << 4) | ((s.mcr & 0x02) << 3) | ((s.mcr & 0x01) << 5);
        }
        return s.msr;
      default:
        return s.scr;
    }
  }

  /** Port handler for the eight registers at `base` (0x3F8 for COM1). */
  portsAt(base: number): PortHandler {
    return bytePorts(base, 8, (p) => this.readReg(p - base), (p, v) => this.writeReg(p - base, v));
  }

  /** Plain-data copy of the UART state (host input queue included). */
  snapshot(): { s: UartState; irqLevel: boolean } {
    return { s: structuredClone(this.s), irqLevel: this.irqLevel };
  }

  /** Restore a snapshot taken by `snapshot()`. */
  restore(st: { s: UartState; irqLevel: boolean }): void {
    this.s = structuredClone(st.s);
    this.irqLevel = st.irqLevel;
    this.onDeadlineChange();
  }
}
