// An interrupt request wire between a device and an interrupt controller.

/**
 * Drives one interrupt input. Devices call it with the current level of their output; the
 * receiver detects edges itself (the 8259A and I/O APIC pins are edge- or level-triggered).
 */
export type IrqLine = (level: boolean) => void;

/** A line connected to nothing (for devices built without a controller, e.g. in tests). */
export const unconnectedIrq: IrqLine = () => {};
