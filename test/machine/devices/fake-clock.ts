// A settable virtual clock for device tests.

import type { VirtualClock } from '../../../src/machine/io';

/** A clock whose time the test sets: `t` is the virtual ns (instruction count). */
export class FakeClock implements VirtualClock {
  t = 0;
  now(): number {
    return this.t;
  }
}

/** Exact ceil(a * b / c) with BigInt, independent of the device code's arithmetic. */
export function ceilMulDiv(a: number, b: number, c: number): number {
  const n = BigInt(a) * BigInt(b);
  const d = BigInt(c);
  return Number((n + d - 1n) / d);
}

/** Records the level changes of an interrupt line with their times. */
export function recordLine(clock: { now(): number }): { events: Array<[number, boolean]>; line: (l: boolean) => void } {
  const events: Array<[number, boolean]> = [];
  return { events, line: (l: boolean) => events.push([clock.now(), l]) };
}
