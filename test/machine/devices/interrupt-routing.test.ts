// Tests for interrupt delivery on the assembled board: PIC through LINT0 ExtINT or INTR, the I/O APIC, the APIC timer, NMI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPcBoard, type PcBoard } from '../../../src/machine/devices/board';
import { FakeClock, ceilMulDiv } from './fake-clock';

function setup(firmware: 'seabios' | 'reset' = 'seabios') {
  const clock = new FakeClock();
  const b = createPcBoard({ ramBytes: 64 << 20, clock, onOutput: () => {}, onExit: () => {}, firmware });
  const out = (p: number, v: number) => b.ports.write(p, 1, v);
  const apicW = (off: number, v: number) => b.apic.write(off, 4, v);
  const ioapicW = (reg: number, v: number) => { b.ioapic.write(0, 4, reg); b.ioapic.write(0x10, 4, v); };
  /** The CPU run loop: run to each deadline, advance the devices, stop at `t`. */
  const runTo = (t: number) => {
    while (b.nextDeadline() <= t) { clock.t = b.nextDeadline(); b.advance(clock.t); }
    clock.t = t;
  };
  /** Run until the CPU would see an interrupt (IF = 1), return [time, vector]. */
  const nextInterrupt = (limit: number): [number, number] => {
    while (!b.interrupts.hasInterrupt()) {
      const d = b.nextDeadline();
      if (d > limit) throw new Error('no interrupt before the limit');
      clock.t = d;
      b.advance(d);
    }
    return [clock.t, b.interrupts.acknowledge()];
  };
  return { clock, b, out, apicW, ioapicW, runTo, nextInterrupt };
}

function remapPic(out: (p: number, v: number) => void, masterMask: number, slaveMask: number) {
  for (const [p, v] of [[0x20, 0x11], [0xa0, 0x11], [0x21, 0x20], [0xa1, 0x28], [0x21, 4], [0xa1, 2], [0x21, 1], [0xa1, 1], [0x21, masterMask], [0xa1, slaveMask]]) out(p, v);
}

const F = 1193182;

test('PIT 100 Hz through the remapped PIC and LINT0 ExtINT (virtual wire): vector 0x20 at each period', () => {
  const { clock, out, nextInterrupt } = setup();
  remapPic(out, 0xfe, 0xff);
  clock.t = 2000;
  out(0x43, 0x34); out(0x40, 11932 & 0xff); out(0x40, 11932 >> 8);
  const seen: Array<[number, number]> = [];
  for (let i = 0; i < 3; i++) {
    seen.push(nextInterrupt(1e9));
    out(0x20, 0x20);
  }
  assert.deepEqual(seen, [1, 2, 3].map((k) => [2000 + ceilMulDiv(k * 11932, 1e9, F), 0x20]));
});

test('with the APIC software-disabled the PIC reaches the CPU directly', () => {
  const { out, apicW, b, nextInterrupt } = setup();
  remapPic(out, 0xfe, 0xff);
  apicW(0xf0, 0xff);
  assert.equal(b.apic.softwareEnabled, false);
  out(0x43, 0x34); out(0x40, 100); out(0x40, 0);
  assert.equal(nextInterrupt(1e9)[1], 0x20);
});

test('LINT0 masked with the APIC enabled: PIC interrupts do not reach the CPU', () => {
  const { out, apicW, b, runTo } = setup();
  remapPic(out, 0xfe, 0xff);
  apicW(0x350, 0x18700);
  out(0x43, 0x34); out(0x40, 100); out(0x40, 0);
  runTo(1_000_000);
  assert.equal(b.pic.output, true);
  assert.equal(b.interrupts.hasInterrupt(), false);
});

test('I/O APIC routes the PIT (ISA IRQ0) from pin 2 and the keyboard from pin 1 to the local APIC', () => {
  const { out, ioapicW, b, nextInterrupt } = setup();
  remapPic(out, 0xff, 0xff); // PIC fully masked, as an APIC kernel leaves it
  ioapicW(0x10 + 2 * 2, 0x30); // pin 2 -> vector 0x30, edge, fixed, physical dest 0
  ioapicW(0x10 + 2 * 2 + 1, 0);
  ioapicW(0x10 + 2 * 1, 0x31); // pin 1 -> vector 0x31
  out(0x43, 0x34); out(0x40, 100); out(0x40, 0);
  const [t, v] = nextInterrupt(1e9);
  assert.equal(v, 0x30);
  assert.equal(t, ceilMulDiv(100, 1e9, F));
  b.apic.write(0xb0, 4, 0);
  b.a20.pushKeyboardBytes([0x1e]);
  assert.equal(b.interrupts.hasInterrupt(), true);
  assert.equal(b.interrupts.acknowledge(), 0x31);
});

test('I/O APIC level-triggered entry: remote IRR until EOI, redelivered while the line stays asserted', () => {
  const { ioapicW, b } = setup();
  b.apic.write(0x350, 4, 0x18700); // LINT0 masked: only APIC interrupts
  ioapicW(0x10 + 2 * 11, 0x8000 | 0x4b);
  b.setIsaIrq(11, true);
  assert.equal(b.interrupts.acknowledge(), 0x4b);
  b.ioapic.write(0, 4, 0x10 + 2 * 11);
  assert.equal(b.ioapic.read(0x10, 4) & 0x4000, 0x4000, 'remote IRR set');
  assert.equal(b.interrupts.hasInterrupt(), false);
  b.apic.write(0xb0, 4, 0); // EOI: TMR bit set, broadcast to the I/O APIC
  assert.equal(b.interrupts.hasInterrupt(), true, 'still asserted: delivered again');
  assert.equal(b.interrupts.acknowledge(), 0x4b);
  b.setIsaIrq(11, false);
  b.apic.write(0xb0, 4, 0);
  assert.equal(b.interrupts.hasInterrupt(), false);
});

test('masked I/O APIC edge entries ignore the edge (82093AA)', () => {
  const { ioapicW, b } = setup();
  ioapicW(0x10 + 2 * 4, 0x10000 | 0x44);
  b.setIsaIrq(4, true);
  ioapicW(0x10 + 2 * 4, 0x44);
  assert.equal(b.apic.deliverableVector(), -1);
});

test('APIC timer periodic (divide 16) and PIT together: interrupts in time order with their vectors', () => {
  const { out, apicW, nextInterrupt } = setup();
  remapPic(out, 0xfe, 0xff);
  out(0x43, 0x34); out(0x40, 0x9c); out(0x40, 0x2e); // 11932: 10 ms
  apicW(0x3e0, 0x3);
  apicW(0x320, 0x20000 | 0x40);
  apicW(0x380, 250_000); // (250000 + 1) * 16 = 4.000016 ms
  const seen: Array<[number, number]> = [];
  while (seen.length < 4) {
    const [t, v] = nextInterrupt(1e9);
    seen.push([t, v]);
    if (v === 0x20) out(0x20, 0x20); else apicW(0xb0, 0);
  }
  assert.deepEqual(seen, [[4000016, 0x40], [8000032, 0x40], [ceilMulDiv(11932, 1e9, F), 0x20], [12000048, 0x40]]);
});

test('ExtINT is taken before APIC interrupts, as in QEMU', () => {
  const { out, b } = setup();
  remapPic(out, 0x00, 0x00);
  b.apic.acceptInterrupt(0xf0, false);
  b.pic.raiseIrq(3);
  assert.equal(b.interrupts.acknowledge(), 0x23);
  assert.equal(b.interrupts.acknowledge(), 0xf0);
});

test('NMI by self-IPI (delivery mode 4) sets nmiPending, independent of hasInterrupt', () => {
  const { b } = setup();
  b.apic.write(0x300, 4, 0x40000 | 0x400);
  assert.equal(b.interrupts.nmiPending, true);
  assert.equal(b.interrupts.hasInterrupt(), false);
  assert.equal(b.interrupts.acknowledgeNmi(), true);
  assert.equal(b.interrupts.nmiPending, false);
});

test('RTC periodic interrupt arrives as IRQ8 through the slave PIC (vector 0x28) and needs reg C read', () => {
  const { out, nextInterrupt, b, runTo, clock } = setup();
  remapPic(out, 0xfb, 0xfe);
  out(0x70, 0x0b); out(0x71, 0x42);
  const [t, v] = nextInterrupt(1e9);
  assert.deepEqual([t, v], [ceilMulDiv(32, 1e9, 32768), 0x28]);
  out(0xa0, 0x20); out(0x20, 0x20);
  runTo(clock.t + 3_000_000);
  assert.equal(b.interrupts.hasInterrupt(), false, 'no new edge until register C is read');
  out(0x70, 0x0c); b.ports.read(0x71, 1);
  assert.equal(nextInterrupt(1e9)[1], 0x28);
});

test('deadlineChanged is raised by a timer reprogramming port write', () => {
  const { out, b } = setup();
  b.deadlineChanged = false;
  out(0x43, 0x34); out(0x40, 10); out(0x40, 0);
  assert.equal(b.deadlineChanged, true);
});

export type { PcBoard };
