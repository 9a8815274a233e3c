// Tests for the A20 gate: the 8042 output-port sequence, 0xDD/0xDF, fast A20 at port 0x92, reset requests, keyboard replies.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { A20Gate } from '../../../src/machine/devices/a20';

function setup() {
  const irq1: boolean[] = [];
  const gate = new A20Gate((l) => irq1.push(l), () => {});
  const changes: boolean[] = [];
  let resets = 0;
  gate.onA20Change = (on) => changes.push(on);
  gate.onReset = () => resets++;
  const out = (p: number, v: number) => (p === 0x92 ? gate.port92 : gate.keyboardPorts).write(p, 1, v);
  const inb = (p: number) => (p === 0x92 ? gate.port92 : gate.keyboardPorts).read(p, 1);
  return { gate, changes, out, inb, irq1, resets: () => resets };
}

test('classic 8042 A20 enable: wait IBF clear, 0xD1, write output port 0xDF', () => {
  const { gate, changes, out, inb } = setup();
  out(0x64, 0xdd); // disable first so the enable is observable
  assert.equal(gate.a20Enabled, false);
  assert.equal(inb(0x64) & 0x02, 0, 'input buffer never full');
  out(0x64, 0xd1);
  out(0x60, 0xdf);
  assert.equal(gate.a20Enabled, true);
  assert.deepEqual(changes, [false, true]);
  out(0x64, 0xd0);
  assert.equal(inb(0x60) & 0x02, 0x02, 'output port reads back A20');
});

test('0xDD / 0xDF commands disable and enable A20', () => {
  const { gate, out } = setup();
  out(0x64, 0xdd);
  assert.equal(gate.a20Enabled, false);
  out(0x64, 0xdf);
  assert.equal(gate.a20Enabled, true);
});

test('fast A20: port 0x92 bit 1, read back; bit 0 rising requests a reset', () => {
  const { gate, out, inb, resets } = setup();
  out(0x92, 0x00);
  assert.equal(gate.a20Enabled, false);
  out(0x92, inb(0x92) | 0x02);
  assert.equal(gate.a20Enabled, true);
  assert.equal(inb(0x92), 0x02);
  assert.equal(resets(), 0);
  out(0x92, 0x03);
  assert.equal(resets(), 1);
});

test('8042 pulse command 0xFE resets the system', () => {
  const { out, resets } = setup();
  out(0x64, 0xfe);
  assert.equal(resets(), 1);
});

test('self test 0xAA answers 0x55 and sets the system flag; command byte read/write', () => {
  const { out, inb } = setup();
  out(0x64, 0xaa);
  assert.equal(inb(0x64) & 0x05, 0x05);
  assert.equal(inb(0x60), 0x55);
  assert.equal(inb(0x64) & 0x01, 0);
  out(0x64, 0x60);
  out(0x60, 0x45);
  out(0x64, 0x20);
  assert.equal(inb(0x60), 0x45);
});

test('keyboard commands get PS/2 replies and raise IRQ1 while data waits', () => {
  const { out, inb, irq1, gate } = setup();
  out(0x60, 0xff);
  assert.deepEqual(irq1, [true]);
  assert.equal(inb(0x60), 0xfa);
  assert.equal(inb(0x60), 0xaa);
  assert.deepEqual(irq1, [true, false]);
  out(0x60, 0xed); out(0x60, 0x07); // set LEDs + parameter
  assert.deepEqual([inb(0x60), inb(0x60)], [0xfa, 0xfa]);
  gate.pushKeyboardBytes([0x1e, 0x9e]);
  assert.deepEqual([inb(0x60), inb(0x60)], [0x1e, 0x9e]);
});
