// Tests for the 8254: IRQ0 edge times in virtual ns for modes 0, 2 and 3, counter latch and read-back, port 0x61.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pit, PIT_HZ } from '../../../src/machine/devices/pit';
import { FakeClock, ceilMulDiv, recordLine } from './fake-clock';

const F = 1193182;
/** Virtual ns at which `ticks` PIT input clocks have elapsed since `t0`. */
const at = (t0: number, ticks: number) => t0 + ceilMulDiv(ticks, 1e9, F);

function setup() {
  const clock = new FakeClock();
  const rec = recordLine(clock);
  const pit = new Pit(clock, rec.line);
  const out = (p: number, v: number) => pit.ports.write(p, 1, v);
  const inb = (p: number) => pit.ports.read(p, 1);
  /** Run the device to `t` the way the CPU run loop does: stop at each deadline. */
  const runTo = (t: number) => {
    while (pit.nextDeadline() <= t) {
      clock.t = pit.nextDeadline();
      pit.advance(clock.t);
    }
    clock.t = t;
    pit.advance(t);
  };
  return { clock, rec, pit, out, inb, runTo };
}

test('PIT input clock is 1.193182 MHz', () => {
  assert.equal(PIT_HZ, F);
});

test('100 Hz in mode 2 (0x34, count 11932): IRQ0 rises every 11932 input clocks, exact ns', () => {
  const { clock, rec, out, runTo, pit } = setup();
  clock.t = 1000;
  rec.events.length = 0;
  out(0x43, 0x34); out(0x40, 11932 & 0xff); out(0x40, 11932 >> 8);
  // At load the output is low (QEMU's mode 2 waveform: one-clock high pulse at each reload).
  assert.deepEqual(rec.events, [[1000, false]]);
  assert.equal(pit.nextDeadline(), at(1000, 11932));
  runTo(at(1000, 3 * 11932) + 1);
  const rises = rec.events.filter(([, l]) => l).map(([t]) => t);
  assert.deepEqual(rises, [at(1000, 11932), at(1000, 2 * 11932), at(1000, 3 * 11932)]);
  assert.deepEqual(rises.map((t) => t - 1000), [10000151, 20000302, 30000453]);
  const falls = rec.events.filter(([, l]) => !l).map(([t]) => t).slice(1);
  assert.deepEqual(falls, [at(1000, 11933), at(1000, 2 * 11932 + 1)]);
});

test('100 Hz in mode 3 (0x36): square wave, high for the first half, IRQ0 rising at each period', () => {
  const { clock, rec, out, runTo } = setup();
  clock.t = 0;
  out(0x43, 0x36); out(0x40, 11932 & 0xff); out(0x40, 11932 >> 8);
  rec.events.length = 0;
  runTo(at(0, 2 * 11932));
  assert.deepEqual(rec.events, [
    [at(0, 5966), false], [at(0, 11932), true], [at(0, 11932 + 5966), false], [at(0, 2 * 11932), true],
  ]);
});

test('mode 0 one-shot: output rises once at terminal count, then no more deadlines', () => {
  const { clock, rec, out, runTo, pit } = setup();
  clock.t = 500;
  out(0x43, 0x30); out(0x40, 0x00); out(0x40, 0x10); // count 0x1000
  runTo(10_000_000);
  assert.deepEqual(rec.events.filter(([t]) => t >= 500), [[500, false], [at(500, 0x1000), true]]);
  assert.equal(pit.nextDeadline(), Infinity);
});

test('counter latch (0x00) and lo/hi reads give the count at the latch time', () => {
  const { clock, out, inb } = setup();
  clock.t = 0;
  out(0x43, 0x34); out(0x40, 11932 & 0xff); out(0x40, 11932 >> 8);
  clock.t = 5_000_000; // 5965.91 input clocks: 5965 elapsed
  out(0x43, 0x00);
  clock.t = 6_000_000; // later reads still see the latched value
  const lo = inb(0x40);
  const hi = inb(0x40);
  assert.equal(lo | (hi << 8), 11932 - 5965);
  // Without a latch the lo/hi pair reads the live count.
  const lo2 = inb(0x40);
  const hi2 = inb(0x40);
  assert.equal(lo2 | (hi2 << 8), 11932 - Math.floor((6_000_000 * F) / 1e9));
});

test('read-back command latches status (output, access, mode) and count', () => {
  const { clock, out, inb } = setup();
  out(0x43, 0x34); out(0x40, 100); out(0x40, 0);
  clock.t = 1_000_000; // 1193 clocks: 1193 % 100 = 93, output low
  out(0x43, 0xc2); // read-back: count and status of channel 0
  assert.equal(inb(0x40), 0x34);
  assert.equal(inb(0x40), 100 - 93);
  assert.equal(inb(0x40), 0);
  clock.t = ceilMulDiv(1200, 1e9, F); // exactly on a reload: QEMU's mode 2 output pulse is high
  out(0x43, 0xe2);
  assert.equal(inb(0x40), 0xb4);
});

test('port 0x61: gate 2 and channel 2 output in mode 0 (the TSC calibration loop)', () => {
  const { clock, out, pit } = setup();
  const p61 = (v?: number) => (v === undefined ? pit.portB.read(0x61, 1) : pit.portB.write(0x61, 1, v));
  p61(0x01); // gate on, speaker off
  out(0x43, 0xb0); // channel 2, lo/hi, mode 0
  clock.t = 100;
  out(0x42, 0x9b); out(0x42, 0x2e); // 11931: 10 ms
  assert.equal((p61() as number) & 0x20, 0);
  clock.t = 100 + ceilMulDiv(11931, 1e9, F) - 1;
  assert.equal((p61() as number) & 0x20, 0);
  clock.t += 1;
  const v = p61() as number;
  assert.equal(v & 0x21, 0x21);
  // The refresh bit toggles on every read.
  assert.notEqual((p61() as number) & 0x10, v & 0x10);
});

test('a run loop that falls far behind still leaves the next deadline on the period grid', () => {
  const { clock, rec, out, pit } = setup();
  out(0x43, 0x34); out(0x40, 11932 & 0xff); out(0x40, 11932 >> 8);
  rec.events.length = 0;
  clock.t = 1_000_000_000 + 5; // one second later in a single step
  pit.advance(clock.t);
  const k = Math.floor(Math.floor((clock.t * F) / 1e9) / 11932);
  assert.equal(pit.nextDeadline(), at(0, (k + 1) * 11932));
  assert.ok(rec.events.some(([, l]) => l), 'at least one rising edge was delivered');
  assert.ok(rec.events.length <= 6, 'edges collapsed');
});

test('reset state: mode 3, count 65536, IRQ0 at 18.2 Hz from time 0 (QEMU)', () => {
  const { rec, runTo } = setup();
  runTo(at(0, 65536));
  assert.deepEqual(rec.events, [[0, true], [at(0, 32768), false], [at(0, 65536), true]]);
});
