// The 82093AA I/O APIC at 0xFEC00000: 24 redirection entries routing ISA and PCI interrupt pins to the local APIC.

import type { MmioHandler } from '../io';
import { DM_EXTINT, DM_FIXED, DM_LOWEST, DM_NMI, type LocalApic } from './apic';

export const IOAPIC_PINS = 24;
/** Version register: version 0x20, maximum redirection entry 23 (as QEMU reports). */
export const IOAPIC_VERSION = 0x00170020;

const RTE_MASKED = 0x10000;
const RTE_LEVEL = 0x8000;
const RTE_REMOTE_IRR = 0x4000;
const RTE_DELIVERY_STATUS = 0x1000;
const RTE_WRITABLE = 0x1afff;

/** Plain-data I/O APIC state. */
export interface IoApicState {
  id: number;
  ioregsel: number;
  /** Redirection entries, low and high dwords. */
  rteLo: number[];
  rteHi: number[];
  /** Pending requests (edge latched, or level asserted). */
  irr: number;
  /** Current pin levels, for edge detection. */
  levels: number;
}

/**
 * The I/O APIC. Every entry starts masked. Messages go to the local APIC when their destination
 * selects it (physical ID or logical LDR match, as QEMU checks). ExtINT entries are not delivered.
 */
export class IoApic implements MmioHandler {
  s: IoApicState = {
    id: 0, ioregsel: 0, rteLo: new Array(IOAPIC_PINS).fill(RTE_MASKED), rteHi: new Array(IOAPIC_PINS).fill(0), irr: 0, levels: 0,
  };

  constructor(private readonly lapic: LocalApic, private readonly onNmi: () => void = () => {}) {
    lapic.onEoiBroadcast = (v) => this.eoi(v);
  }

  /** Drive input pin `pin` (0-23). Edge entries latch on the rising edge (ignored while masked, per the 82093AA). */
  setPin(pin: number, level: boolean): void {
    if (pin < 0 || pin >= IOAPIC_PINS) return;
    const mask = 1 << pin;
    const was = (this.s.levels & mask) !== 0;
    this.s.levels = level ? this.s.levels | mask : this.s.levels & ~mask;
    const lo = this.s.rteLo[pin];
    if (lo & RTE_LEVEL) {
      if (level) {
        this.s.irr |= mask;
        if (!(lo & RTE_REMOTE_IRR)) this.service();
      } else {
        this.s.irr &= ~mask;
      }
    } else if (level && !was && !(lo & RTE_MASKED)) {
      this.s.irr |= mask;
      this.service();
    }
  }

  /** Send every pending unmasked request; level entries set remote IRR until the EOI. */
  private service(): void {
    const s = this.s;
    for (let pin = 0; pin < IOAPIC_PINS; pin++) {
      const mask = 1 << pin;
      if (!(s.irr & mask)) continue;
      const lo = s.rteLo[pin];
      if (lo & RTE_MASKED) continue;
      const level = (lo & RTE_LEVEL) !== 0;
      if (level) {
        if (lo & RTE_REMOTE_IRR) continue; // still waiting for the EOI of the previous one
        s.rteLo[pin] = lo | RTE_REMOTE_IRR;
      } else {
        s.irr &= ~mask;
      }
      const dm = (lo >> 8) & 7;
      const logical = (lo & 0x800) !== 0;
      if (!this.lapic.matchesDestination(s.rteHi[pin] >>> 24, logical)) continue;
      if (dm === DM_FIXED || dm === DM_LOWEST) this.lapic.acceptInterrupt(lo & 0xff, level);
      else if (dm === DM_NMI) this.onNmi();
      else if (dm === DM_EXTINT) { /* virtual-wire through the I/O APIC is not modelled */ }
    }
  }

  /** EOI for `vector` (broadcast by the local APIC, or written to the EOI register): clear remote IRR, resend if still asserted. */
  eoi(vector: number): void {
    const s = this.s;
    let again = false;
    for (let pin = 0; pin < IOAPIC_PINS; pin++) {
      const lo = s.rteLo[pin];
      if ((lo & 0xff) !== vector || !(lo & RTE_REMOTE_IRR)) continue;
      s.rteLo[pin] = lo & ~RTE_REMOTE_IRR;
      if ((lo & RTE_LEVEL) && (s.irr & (1 << pin))) again = true;
    }
    if (again) this.service();
  }

  private readIndirect(sel: number): number {
    const s = this.s;
    switch (sel) {
      case 0x00:
      case 0x02: // arbitration ID reads as the APIC ID, as in QEMU
        return (s.id & 0xf) << 24;
      case 0x01:
        return IOAPIC_VERSION;
      default: {
        const i = (sel - 0x10) >> 1;
        if (sel < 0x10 || i >= IOAPIC_PINS) return 0;
        return (sel & 1) ? s.rteHi[i] | 0 : s.rteLo[i] | 0;
      }
    }
  }

  private writeIndirect(sel: number, val: number): void {
    const s = this.s;
    if (sel === 0x00) {
      s.id = (val >>> 24) & 0xf;
      return;
    }
    const i = (sel - 0x10) >> 1;
    if (sel < 0x10 || i >= IOAPIC_PINS) return;
    if (sel & 1) {
      s.rteHi[i] = (val & 0xff000000) >>> 0;
    } else {
      const ro = s.rteLo[i] & (RTE_REMOTE_IRR | RTE_DELIVERY_STATUS);
      let lo = (val & RTE_WRITABLE) | ro;
      if (!(lo & RTE_LEVEL)) lo &= ~RTE_REMOTE_IRR; // an edge entry has no remote IRR
      s.rteLo[i] = lo >>> 0;
    }
    this.service();
  }

  /** MMIO read: IOREGSEL at 0x00, IOWIN at 0x10. */
  read(offset: number, size: number): number {
    let v = 0;
    if ((offset & ~3) === 0x00) v = this.s.ioregsel;
    else if ((offset & ~3) === 0x10) v = this.readIndirect(this.s.ioregsel) >>> 0;
    const sh = (offset & 3) * 8;
    if (size >= 4) return v | 0;
    return (v >>> sh) & (size === 2 ? 0xffff : 0xff);
  }

  /** MMIO write: IOREGSEL, IOWIN, and the EOI register at 0x40. */
  write(offset: number, _size: number, value: number): void {
    if (offset === 0x00) this.s.ioregsel = value & 0xff;
    else if (offset === 0x10) this.writeIndirect(this.s.ioregsel, value);
    else if (offset === 0x40) this.eoi(value & 0xff);
  }

  /** Plain-data copy of the state. */
  snapshot(): IoApicState { return structuredClone(this.s); }
  /** Restore a snapshot taken by `snapshot()`. */
  restore(st: IoApicState): void { this.s = structuredClone(st); }
}
