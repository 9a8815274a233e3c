// The I/O port bus, the interrupt-controller interface the CPU polls, and the virtual clock devices read.

/** A device that answers I/O port accesses. `size` is 1, 2 or 4 bytes. */
export interface PortHandler {
  read(port: number, size: number): number;
  write(port: number, size: number, value: number): void;
}

/** A device mapped into the physical address space (local APIC, I/O APIC...). Offsets are from the region base. */
export interface MmioHandler {
  read(offset: number, size: number): number;
  write(offset: number, size: number, value: number): void;
}

/**
 * Source of maskable interrupts for the CPU (the PIC pair or the local APIC). The CPU calls
 * `hasInterrupt()` at instruction boundaries when RFLAGS.IF = 1 and then `acknowledge()`,
 * which returns the vector and performs the INTA side effects (ISR/IRR updates).
 */
export interface InterruptController {
  hasInterrupt(): boolean;
  acknowledge(): number;
}

/**
 * Virtual time. All device timing derives from the retired-instruction count (DESIGN.md,
 * determinism): `now()` is the count of instructions retired since reset. Devices that need
 * to act at a future time call `schedule(atInstruction, fn)`; the run loop calls `fire()`.
 */
export interface VirtualClock {
  now(): number;
}

/** The port bus: a dispatch table from port number to handler; unclaimed ports read all ones. */
export class PortBus {
  private readonly handlers: (PortHandler | undefined)[] = new Array(0x10000);

  /** Claim ports [first, first + count). A later claim replaces an earlier one. */
  register(first: number, count: number, h: PortHandler): void {
    for (let p = first; p < first + count; p++) this.handlers[p & 0xffff] = h;
  }

  read(port: number, size: number): number {
    const h = this.handlers[port & 0xffff];
    if (h) return h.read(port & 0xffff, size);
    return size === 1 ? 0xff : size === 2 ? 0xffff : -1;
  }

  write(port: number, size: number, value: number): void {
    const h = this.handlers[port & 0xffff];
    if (h) h.write(port & 0xffff, size, value);
  }
}
