// Tests for the RTC/CMOS: time from the fixed epoch in BCD/binary and 12/24-hour form, UIP, SET, interrupts, memory bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cmos, UIP_HOLD_NS } from '../../../src/machine/devices/cmos';
import { FakeClock, ceilMulDiv, recordLine } from './fake-clock';

const SEC = 1_000_000_000;

function setup(ramBytes = 128 * 1024 * 1024) {
  const clock = new FakeClock();
  const rec = recordLine(clock);
  const cmos = new Cmos(clock, rec.line, { ramBytes });
  const rd = (i: number) => { cmos.ports.write(0x70, 1, i); return cmos.ports.read(0x71, 1); };
  const wr = (i: number, v: number) => { cmos.ports.write(0x70, 1, i); cmos.ports.write(0x71, 1, v); };
  return { clock, rec, cmos, rd, wr };
}
const timeRegs = (rd: (i: number) => number) => [0x00, 0x02, 0x04, 0x06, 0x07, 0x08, 0x09, 0x32].map(rd);

test('epoch 2000-01-01 00:00:00 (a Saturday) in BCD, status A/B/D as QEMU leaves them', () => {
  const { rd } = setup();
  assert.deepEqual(timeRegs(rd), [0x00, 0x00, 0x00, 0x07, 0x01, 0x01, 0x00, 0x20]);
  assert.equal(rd(0x0a), 0x26);
  assert.equal(rd(0x0b), 0x02);
  assert.equal(rd(0x0d), 0x80);
});

test('time advances with virtual ns: 1 day 13:59:59.5 later reads in BCD, binary and 12-hour forms', () => {
  const { clock, rd, wr } = setup();
  clock.t = (86400 + 13 * 3600 + 59 * 60 + 59) * SEC + SEC / 2;
  assert.deepEqual(timeRegs(rd), [0x59, 0x59, 0x13, 0x01, 0x02, 0x01, 0x00, 0x20]);
  wr(0x0b, 0x06); // binary, 24 h
  assert.deepEqual(timeRegs(rd), [59, 59, 13, 1, 2, 1, 0, 20]);
  wr(0x0b, 0x00); // BCD, 12 h: 1 PM
  assert.equal(rd(0x04), 0x81);
});

test('UIP is set only in the last 244 µs of each second', () => {
  const { clock, rd } = setup();
  clock.t = 5 * SEC - UIP_HOLD_NS - 1;
  assert.equal(rd(0x0a) & 0x80, 0);
  clock.t = 5 * SEC - UIP_HOLD_NS;
  assert.equal(rd(0x0a) & 0x80, 0x80);
  clock.t = 5 * SEC;
  assert.equal(rd(0x0a) & 0x80, 0);
  assert.equal(rd(0x00), 0x05);
});

test('setting the time under SET freezes the clock and restarts it from the written values', () => {
  const { clock, rd, wr } = setup();
  clock.t = 10 * SEC;
  wr(0x0b, 0x82); // SET
  wr(0x00, 0x30); wr(0x02, 0x45); wr(0x04, 0x12); wr(0x07, 0x31); wr(0x08, 0x12); wr(0x09, 0x99); wr(0x32, 0x19);
  clock.t = 20 * SEC;
  assert.equal(rd(0x00), 0x30, 'frozen while SET');
  wr(0x0b, 0x02);
  clock.t = 20 * SEC + 30 * SEC;
  assert.deepEqual(timeRegs(rd), [0x00, 0x46, 0x12, 0x06, 0x31, 0x12, 0x99, 0x19]); // 1999-12-31 was a Friday
});

test('periodic interrupt at 1024 Hz: IRQ8 rises on the 32.768 kHz grid and stays up until C is read', () => {
  const { clock, rec, cmos, rd, wr } = setup();
  wr(0x0b, 0x42); // PIE
  const first = ceilMulDiv(32, 1e9, 32768);
  assert.equal(cmos.nextDeadline(), first);
  clock.t = first;
  cmos.advance(clock.t);
  assert.deepEqual(rec.events, [[first, true]]);
  assert.equal(cmos.nextDeadline(), ceilMulDiv(64, 1e9, 32768));
  assert.equal(rd(0x0c), 0xc0);
  assert.deepEqual(rec.events.at(-1), [first, false]);
  assert.equal(rd(0x0c), 0x00);
});

test('update-ended interrupt once per second when UIE is set; UF without UIE does not raise IRQ8', () => {
  const { clock, rec, cmos, rd, wr } = setup();
  clock.t = SEC / 4;
  assert.equal(rd(0x0c), 0x00);
  clock.t = SEC + 5;
  assert.equal(rd(0x0c), 0x10, 'UF set by the passed update, no IRQF');
  assert.equal(rec.events.length, 0);
  wr(0x0b, 0x12); // UIE
  assert.equal(cmos.nextDeadline(), 2 * SEC);
  clock.t = 2 * SEC;
  cmos.advance(clock.t);
  assert.deepEqual(rec.events, [[2 * SEC, true]]);
  assert.equal(rd(0x0c), 0x90);
});

test('alarm interrupt fires at the matching second (don\'t-care hours and minutes)', () => {
  const { clock, rec, cmos, wr } = setup();
  wr(0x01, 0x03); wr(0x03, 0xc0); wr(0x05, 0xc0);
  wr(0x0b, 0x22); // AIE
  for (let s = 1; s <= 3; s++) { clock.t = s * SEC; cmos.advance(clock.t); }
  assert.deepEqual(rec.events, [[3 * SEC, true]]);
});

test('memory size bytes for 128 MiB are the ones QEMU writes', () => {
  const { rd } = setup();
  const got = [0x10, 0x14, 0x15, 0x16, 0x17, 0x18, 0x30, 0x31, 0x34, 0x35, 0x5b, 0x5c, 0x5d].map(rd);
  assert.deepEqual(got, [0x50, 0x07, 0x80, 0x02, 0xff, 0xff, 0xff, 0xff, 0x00, 0x07, 0, 0, 0]);
});

test('memory size bytes for 8 MiB and 6 GiB', () => {
  let { rd } = setup(8 * 1024 * 1024);
  assert.deepEqual([0x17, 0x18, 0x34, 0x35].map(rd), [0x00, 0x1c, 0, 0]); // 7168 KiB above 1 MiB
  ({ rd } = setup(6 * 1024 * 1024 * 1024));
  // 3.5 GiB below 4 GiB: (0xE0000000 - 16 MiB) / 64 KiB = 0xDF00; 2.5 GiB above 4 GiB = 0xA000 blocks.
  assert.deepEqual([0x34, 0x35, 0x5b, 0x5c, 0x5d].map(rd), [0x00, 0xdf, 0x00, 0xa0, 0x00]);
});

test('index port bit 7 disables NMI and does not change the register selected', () => {
  const { cmos } = setup();
  cmos.ports.write(0x70, 1, 0x8f);
  assert.equal(cmos.s.nmiDisabled, true);
  cmos.ports.write(0x71, 1, 0x0a);
  cmos.ports.write(0x70, 1, 0x0f);
  assert.equal(cmos.ports.read(0x71, 1), 0x0a, 'shutdown status byte');
  assert.equal(cmos.s.nmiDisabled, false);
});
