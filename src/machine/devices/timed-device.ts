// Virtual time for devices: the TimedDevice contract and exact conversions between virtual nanoseconds and device clock ticks.

/**
 * Virtual time is the retired-instruction count, and one instruction is one nanosecond
 * (a 1 GHz, one-instruction-per-cycle virtual CPU whose TSC also counts one per instruction).
 * Devices never read the wall clock, so the same image and the same input give the same trace.
 */
export const NS_PER_SECOND = 1_000_000_000;

/** A device with timers. The run loop runs the CPU up to the earliest deadline, then calls `advance`. */
export interface TimedDevice {
  /** Earliest virtual time (instruction count) at which the device needs advance(); Infinity if none. */
  nextDeadline(): number;
  /** Bring the device up to time `now` (fire timers that are due, raise IRQs). */
  advance(now: number): void;
}

/**
 * Number of whole ticks of a `hz` clock that have elapsed after `ns` virtual nanoseconds:
 * floor(ns * hz / 1e9), computed exactly for any ns below 2^53 (the product itself would not be).
 */
export function ticksAt(ns: number, hz: number): number {
  const q = Math.floor(ns / NS_PER_SECOND);
  const r = ns - q * NS_PER_SECOND;
  return q * hz + Math.floor((r * hz) / NS_PER_SECOND);
}

/**
 * First virtual nanosecond at which `tick` ticks of a `hz` clock have elapsed: the least ns with
 * ticksAt(ns, hz) >= tick, i.e. ceil(tick * 1e9 / hz), exact for any clock below 9 MHz (r * 1e9 stays under 2^53).
 */
export function nsAtTick(tick: number, hz: number): number {
  const q = Math.floor(tick / hz);
  const r = tick - q * hz;
  return q * NS_PER_SECOND + Math.ceil((r * NS_PER_SECOND) / hz);
}
