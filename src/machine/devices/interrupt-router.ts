// Combines the 8259A pair and the local APIC into the single maskable-interrupt source the CPU polls.

import type { InterruptController } from '../io';
import { DM_EXTINT, LVT_MASKED, type LocalApic } from './apic';
import type { DualPic } from './pic';

/**
 * The CPU's INTR/APIC interface. The PIC's INT output reaches the CPU
 * - directly while the local APIC is globally or software-disabled (the INTR pin), and
 * - through LINT0 when the APIC is software-enabled: as ExtINT (virtual-wire mode: the vector
 *   comes from the PIC's INTA cycle and ignores the APIC priorities, as in QEMU), or as a
 *   fixed/NMI LVT interrupt on the rising edge.
 * APIC interrupts (timer, IPIs, I/O APIC messages) are taken when their class is above PPR.
 * A pending ExtINT is acknowledged before APIC interrupts, as QEMU does.
 *
 * `hasInterrupt()` returns a boolean kept up to date by the devices' change notifications, so
 * it costs one property read at each instruction boundary.
 */
export class InterruptRouter implements InterruptController {
  private pending = false;
  private picLevel = false;
  /** An NMI is waiting (LVT or IPI with delivery mode NMI, or an I/O APIC NMI entry). */
  nmiPending = false;
  /** Called whenever `hasInterrupt()` or `nmiPending` may have changed (e.g. to wake a halted CPU). */
  onChange: () => void = () => {};

  constructor(readonly pic: DualPic, readonly apic: LocalApic) {
    pic.onOutput = (level) => {
      if (level !== this.picLevel) {
        this.picLevel = level;
        apic.setLint(0, level);
      }
      this.update();
    };
    apic.onChange = () => this.update();
    apic.onNmi = () => this.raiseNmi();
    this.update();
  }

  /** Does the PIC's INT output currently reach the CPU as an ExtINT/INTR request? */
  private picReachesCpu(): boolean {
    if (!this.pic.output) return false;
    if (!this.apic.softwareEnabled) return true;
    const lvt = this.apic.lint0;
    return !(lvt & LVT_MASKED) && ((lvt >> 8) & 7) === DM_EXTINT;
  }

  /** Recompute the cached pending flag. */
  update(): void {
    const p = this.picReachesCpu() || this.apic.deliverableVector() >= 0;
    if (p !== this.pending) {
      this.pending = p;
      this.onChange();
    }
  }

  hasInterrupt(): boolean {
    return this.pending;
  }

  /** The INTA cycle: returns the vector and updates ISR/IRR in the controller that supplied it. */
  acknowledge(): number {
    let v: number;
    if (this.picReachesCpu() || !this.apic.softwareEnabled) v = this.pic.acknowledge();
    else v = this.apic.acknowledge();
    this.update();
    return v;
  }

  /** After restoring device snapshots: take the PIC output level as is (no LINT0 edge) and recompute. */
  resync(nmiPending = this.nmiPending): void {
    this.picLevel = this.pic.output;
    this.nmiPending = nmiPending;
    this.update();
  }

  /** Post an NMI. */
  raiseNmi(): void {
    this.nmiPending = true;
    this.onChange();
  }

  /** The CPU takes the pending NMI (it handles NMI blocking itself). Returns false if none was pending. */
  acknowledgeNmi(): boolean {
    const was = this.nmiPending;
    this.nmiPending = false;
    return was;
  }
}
