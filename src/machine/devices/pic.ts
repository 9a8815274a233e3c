// The 8259A programmable interrupt controller pair (master at 0x20/0x21, slave at 0xA0/0xA1, ELCR at 0x4D0/0x4D1).

import type { PortHandler } from '../io';
import { bytePorts } from './byte-ports';

/** Plain-data state of one 8259A (snapshot-able). Field names follow the 8259A datasheet. */
export interface I8259State {
  /** Interrupt request register: requests latched and not yet acknowledged. */
  irr: number;
  /** Input levels seen last time, for edge detection. */
  lastLevel: number;
  /** Interrupt mask register (OCW1). */
  imr: number;
  /** In-service register. */
  isr: number;
  /** Priority rotation: the IR line with the highest priority is `priorityAdd`. */
  priorityAdd: number;
  /** Vector base from ICW2 (low 3 bits are the IR number). */
  vectorBase: number;
  /** OCW3 RR/RIS: the next read of the command port returns ISR (true) or IRR (false). */
  readIsr: boolean;
  /** OCW3 poll command pending for the next read. */
  poll: boolean;
  /** OCW3 special mask mode. */
  specialMask: boolean;
  /** 0: operational; 1: expecting ICW2; 2: expecting ICW3; 3: expecting ICW4. */
  initState: number;
  /** ICW4 AEOI. */
  autoEoi: boolean;
  /** OCW2 rotate in automatic EOI mode. */
  rotateOnAutoEoi: boolean;
  /** ICW4 SFNM. */
  specialFullyNested: boolean;
  /** ICW1 IC4. */
  icw4Needed: boolean;
  /** ICW1 SNGL. */
  single: boolean;
  /** ICW1 LTIM: all inputs level-triggered. */
  levelTriggered: boolean;
  /** Edge/level control register (PIIX ELCR): 1 bits are level-triggered inputs. */
  elcr: number;
}

function initialState(): I8259State {
  return {
    irr: 0, lastLevel: 0, imr: 0, isr: 0, priorityAdd: 0, vectorBase: 0, readIsr: false, poll: false,
    specialMask: false, initState: 0, autoEoi: false, rotateOnAutoEoi: false, specialFullyNested: false,
    icw4Needed: false, single: false, levelTriggered: false, elcr: 0,
  };
}

/**
 * One 8259A. Its INT output is reported through `onOutput` whenever it may have changed; the
 * master's INT goes to the CPU (through the interrupt router), the slave's INT to master IR2.
 */
export class I8259 {
  s: I8259State = initialState();
  /** Current level of the INT output pin. */
  output = false;

  constructor(
    /** True for the master, whose IR2 is the cascade input (matters for special fully nested mode). */
    readonly isMaster: boolean,
    /** Writable ELCR bits (0xf8 master: IRQ0-2 are always edge; 0xde slave: IRQ8 and IRQ13). */
    readonly elcrMask: number,
    private readonly onOutput: (level: boolean) => void,
  ) {}

  /** Number of the highest-priority set bit of `mask` counted from `priorityAdd` (8 if none). */
  private priorityOf(mask: number): number {
    if (mask === 0) return 8;
    let p = 0;
    while ((mask & (1 << ((p + this.s.priorityAdd) & 7))) === 0) p++;
    return p;
  }

  /** The IR line that would be acknowledged now, or -1: a request beats everything in service of lower or equal priority. */
  pendingIrq(): number {
    const s = this.s;
    const req = this.priorityOf(s.irr & ~s.imr);
    if (req === 8) return -1;
    let inService = s.isr;
    if (s.specialMask) inService &= ~s.imr;
    // Special fully nested mode lets a higher-priority slave request through while IR2 is in service.
    if (s.specialFullyNested && this.isMaster) inService &= ~(1 << 2);
    const cur = this.priorityOf(inService);
    return req < cur ? (req + s.priorityAdd) & 7 : -1;
  }

  private update(): void {
    const level = this.pendingIrq() >= 0;
    if (level !== this.output) {
      this.output = level;
      this.onOutput(level);
    } else if (level) {
      // The receiver may need to know that the pending IR changed even though INT stayed high.
      this.onOutput(level);
    }
  }

  /** Drive IR input `irq` (0-7) to `level`. Edge-triggered inputs latch a request on the rising edge. */
  setIrq(irq: number, level: boolean): void {
    const s = this.s;
    const mask = 1 << irq;
    if (s.levelTriggered || (s.elcr & mask)) {
      if (level) { s.irr |= mask; s.lastLevel |= mask; } else { s.irr &= ~mask; s.lastLevel &= ~mask; }
    } else if (level) {
      if ((s.lastLevel & mask) === 0) s.irr |= mask;
      s.lastLevel |= mask;
    } else {
      s.lastLevel &= ~mask;
    }
    this.update();
  }

  /** The INTA cycle for `irq`: set ISR (unless auto-EOI), clear an edge request. */
  intAck(irq: number): void {
    const s = this.s;
    if (s.autoEoi) {
      if (s.rotateOnAutoEoi) s.priorityAdd = (irq + 1) & 7;
    } else {
      s.isr |= 1 << irq;
    }
    // A level-triggered request stays in IRR until the device drops its line.
    if (!s.levelTriggered && !(s.elcr & (1 << irq))) s.irr &= ~(1 << irq);
    this.update();
  }

  /** ICW1 resets the controller (ELCR survives, as on the PIIX). */
  private initReset(): void {
    const elcr = this.s.elcr;
    const irr = this.s.irr & elcr;
    this.s = initialState();
    this.s.elcr = elcr;
    this.s.irr = irr;
    this.update();
  }

  /** Write to the command port (A0 = 0): ICW1, OCW2 or OCW3. */
  writeCommand(val: number): void {
    const s = this.s;
    if (val & 0x10) {
      this.initReset();
      const n = this.s;
      n.initState = 1;
      n.icw4Needed = (val & 1) !== 0;
      n.single = (val & 2) !== 0;
      n.levelTriggered = (val & 8) !== 0;
    } else if (val & 0x08) {
      // OCW3
      if (val & 0x04) s.poll = true;
      if (val & 0x02) s.readIsr = (val & 1) !== 0;
      if (val & 0x40) s.specialMask = ((val >> 5) & 1) !== 0;
      this.update();
    } else {
      // OCW2: R SL EOI in bits 7..5, level in bits 2..0.
      const cmd = val >> 5;
      switch (cmd) {
        case 0: // rotate in auto-EOI mode: clear
        case 4: // rotate in auto-EOI mode: set
          s.rotateOnAutoEoi = cmd === 4;
          break;
        case 1: // non-specific EOI
        case 5: { // rotate on non-specific EOI
          const p = this.priorityOf(s.isr);
          if (p !== 8) {
            const irq = (p + s.priorityAdd) & 7;
            s.isr &= ~(1 << irq);
            if (cmd === 5) s.priorityAdd = (irq + 1) & 7;
            this.update();
          }
          break;
        }
        case 3: // specific EOI
          s.isr &= ~(1 << (val & 7));
          this.update();
          break;
        case 6: // set priority: IR(val) becomes the lowest
          s.priorityAdd = ((val & 7) + 1) & 7;
          this.update();
          break;
        case 7: // rotate on specific EOI
          s.isr &= ~(1 << (val & 7));
          s.priorityAdd = ((val & 7) + 1) & 7;
          this.update();
          break;
        default: // 2: no operation
          break;
      }
    }
  }

  /** Write to the data port (A0 = 1): ICW2-ICW4 during initialisation, OCW1 (the mask) after. */
  writeData(val: number): void {
    const s = this.s;
    switch (s.initState) {
      case 0:
        s.imr = val;
        this.update();
        break;
      case 1:
        s.vectorBase = val & 0xf8;
        s.initState = s.single ? (s.icw4Needed ? 3 : 0) : 2;
        break;
      case 2: // ICW3: the cascade wiring is fixed on a PC, nothing to record.
        s.initState = s.icw4Needed ? 3 : 0;
        break;
      case 3:
        s.specialFullyNested = ((val >> 4) & 1) !== 0;
        s.autoEoi = ((val >> 1) & 1) !== 0;
        s.initState = 0;
        break;
    }
  }

  /** Read of the command port: poll byte, or IRR/ISR as selected by OCW3. */
  readCommand(): number {
    if (this.s.poll) return this.pollRead();
    return this.s.readIsr ? this.s.isr : this.s.irr;
  }

  /** Read of the data port: poll byte or the mask. */
  readData(): number {
    if (this.s.poll) return this.pollRead();
    return this.s.imr;
  }

  /** Poll command: acknowledge like an INTA cycle and return 0x80 | IR level (0 when nothing is pending). */
  private pollRead(): number {
    this.s.poll = false;
    const irq = this.pendingIrq();
    if (irq < 0) return 0;
    this.intAck(irq);
    return 0x80 | irq;
  }

  reset(): void {
    this.s = initialState();
    this.update();
  }
}

/**
 * The cascaded 8259A pair of the PC. IRQ 0-7 go to the master, 8-15 to the slave, whose INT
 * drives master IR2. `acknowledge()` performs the CPU's INTA cycle and returns the vector,
 * including the 8259A's spurious IRQ 7 / IRQ 15 behaviour.
 */
export class DualPic {
  readonly master: I8259;
  readonly slave: I8259;
  /** Called when the master's INT output may have changed (the interrupt router listens). */
  onOutput: (level: boolean) => void = () => {};

  constructor() {
    this.master = new I8259(true, 0xf8, (level) => this.onOutput(level));
    this.slave = new I8259(false, 0xde, (level) => this.master.setIrq(2, level));
  }

  /** Level of the master INT pin: an unmasked request outranks what is in service. */
  get output(): boolean {
    return this.master.output;
  }

  /** Drive ISA IRQ `n` (0-15) to `level`. */
  setIrq(n: number, level: boolean): void {
    if (n < 8) this.master.setIrq(n, level);
    else this.slave.setIrq(n - 8, level);
  }

  /** Raise (level high) and lower (level low) IRQ `n`; an edge-triggered input latches on raise. */
  raiseIrq(n: number): void { this.setIrq(n, true); }
  lowerIrq(n: number): void { this.setIrq(n, false); }

  /**
   * The INTA cycle. Returns the vector. If no request is pending any more (the request went away
   * between INT and INTA), the 8259A answers with IR7 of the master (or IR7 of the slave, with
   * the master's IR2 put in service) without setting ISR: the spurious interrupt.
   */
  acknowledge(): number {
    const m = this.master;
    const irq = m.pendingIrq();
    if (irq < 0) return m.s.vectorBase + 7;
    let vector: number;
    if (irq === 2) {
      const irq2 = this.slave.pendingIrq();
      if (irq2 >= 0) this.slave.intAck(irq2);
      vector = this.slave.s.vectorBase + (irq2 >= 0 ? irq2 : 7);
    } else {
      vector = m.s.vectorBase + irq;
    }
    m.intAck(irq);
    return vector;
  }

  /** Port handler for the master at 0x20-0x21. */
  readonly masterPorts: PortHandler = bytePorts(0x20, 2, (p) => this.readPort(p), (p, v) => this.writePort(p, v));
  /** Port handler for the slave at 0xA0-0xA1. */
  readonly slavePorts: PortHandler = bytePorts(0xa0, 2, (p) => this.readPort(p), (p, v) => this.writePort(p, v));

  /** Port handler for the ELCR at 0x4D0-0x4D1. */
  readonly elcrPorts: PortHandler = bytePorts(0x4d0, 2, (p) => (p === 0x4d0 ? this.master : this.slave).s.elcr,
    (p, v) => {
      const pic = p === 0x4d0 ? this.master : this.slave;
      pic.s.elcr = v & pic.elcrMask;
    });

  private readPort(port: number): number {
    const pic = (port & 0x80) ? this.slave : this.master;
    return (port & 1) ? pic.readData() : pic.readCommand();
  }

  private writePort(port: number, v: number): void {
    const pic = (port & 0x80) ? this.slave : this.master;
    if (port & 1) pic.writeData(v); else pic.writeCommand(v);
  }

  /** Plain-data copy of both controllers' state. */
  snapshot(): { master: I8259State; slave: I8259State } {
    return { master: { ...this.master.s }, slave: { ...this.slave.s } };
  }

  /** Restore a snapshot taken by `snapshot()`. Listeners are not notified: the board resynchronises the router. */
  restore(st: { master: I8259State; slave: I8259State }): void {
    this.master.s = { ...st.master };
    this.slave.s = { ...st.slave };
    this.master.output = this.master.pendingIrq() >= 0;
    this.slave.output = this.slave.pendingIrq() >= 0;
  }
}
