// Tests for the 16550A: the 115200 8N1 init sequence, output, THRE and receive interrupts, FIFO timeout, loopback.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Uart } from '../../../src/machine/devices/uart';
import { FakeClock, recordLine } from './fake-clock';

function setup() {
  const clock = new FakeClock();
  const rec = recordLine(clock);
  const output: number[] = [];
  const uart = new Uart(clock, rec.line, (b) => output.push(b));
  const ports = uart.portsAt(0x3f8);
  const out = (p: number, v: number) => ports.write(p, 1, v);
  const inb = (p: number) => ports.read(p, 1);
  return { clock, rec, output, uart, out, inb };
}

/** The usual kernel serial init: 115200 baud, 8N1, FIFO on with 14-byte threshold, DTR/RTS/OUT2. */
function init8n1(out: (p: number, v: number) => void): void {
  out(0x3f9, 0x00); // IER: no interrupts
  out(0x3fb, 0x80); // DLAB
  out(0x3f8, 0x01); // divisor 1 = 115200
  out(0x3f9, 0x00);
  out(0x3fb, 0x03); // 8N1
  out(0x3fa, 0xc7); // FIFO on, clear, 14 bytes
  out(0x3fc, 0x0b); // DTR, RTS, OUT2
}

test('reset values match QEMU (IIR 01, MCR 08, LSR 60, MSR B0)', () => {
  const { inb } = setup();
  assert.deepEqual([0x3f9, 0x3fa, 0x3fb, 0x3fc, 0x3fd, 0x3fe, 0x3ff].map(inb), [0x00, 0x01, 0x00, 0x08, 0x60, 0xb0, 0x00]);
});

test('115200 8N1 init: divisor reads back, FIFO shows in IIR, bytes go to the host at once', () => {
  const { out, inb, output, uart } = setup();
  init8n1(out);
  out(0x3fb, 0x83);
  assert.equal(inb(0x3f8), 1);
  assert.equal(inb(0x3f9), 0);
  out(0x3fb, 0x03);
  assert.equal(uart.baud, 115200);
  assert.equal(inb(0x3fa), 0xc1);
  for (const c of 'ok\n') out(0x3f8, c.charCodeAt(0));
  assert.equal(String.fromCharCode(...output), 'ok\n');
  assert.equal(inb(0x3fd) & 0x60, 0x60, 'THRE and TEMT set right after a write');
  assert.equal(uart.charTime(), Math.ceil(10e9 / 115200));
});

test('THRE interrupt: enabling IER.THRI raises IRQ4, reading IIR (0x02) clears it, each write re-arms it', () => {
  const { out, inb, rec } = setup();
  out(0x3f9, 0x02);
  assert.deepEqual(rec.events.map(([, l]) => l), [true]);
  assert.equal(inb(0x3fa), 0x02);
  assert.deepEqual(rec.events.map(([, l]) => l), [true, false]);
  assert.equal(inb(0x3fa), 0x01);
  out(0x3f8, 0x41);
  assert.equal(rec.events.at(-1)![1], true);
  assert.equal(inb(0x3fa), 0x02);
});

test('receive without FIFO: DR, RDI interrupt (IIR 0x04), bytes in order, host queue waits for room', () => {
  const { out, inb, rec, uart } = setup();
  out(0x3f9, 0x01);
  uart.pushInput([0x68, 0x69]);
  assert.equal(uart.pendingInput, 1);
  assert.equal(inb(0x3fd) & 1, 1);
  assert.equal(inb(0x3fa), 0x04);
  assert.equal(rec.events.at(-1)![1], true);
  assert.equal(inb(0x3f8), 0x68);
  assert.equal(inb(0x3f8), 0x69);
  assert.equal(inb(0x3fd) & 1, 0);
  assert.equal(rec.events.at(-1)![1], false);
  assert.equal(inb(0x3fd) & 0x02, 0, 'no overrun from host input');
});

test('FIFO below trigger level: character-timeout interrupt (IIR 0xCC) after four character times', () => {
  const { clock, out, inb, uart } = setup();
  init8n1(out);
  out(0x3f9, 0x01);
  clock.t = 1000;
  uart.pushInput([1, 2, 3]);
  assert.equal(inb(0x3fa), 0xc1, 'below the 14-byte threshold: no RDI yet');
  const due = 1000 + 4 * Math.ceil(10e9 / 115200);
  assert.equal(uart.nextDeadline(), due);
  clock.t = due - 1;
  uart.advance(clock.t);
  assert.equal(inb(0x3fa), 0xc1);
  clock.t = due;
  uart.advance(clock.t);
  assert.equal(inb(0x3fa), 0xcc);
  assert.deepEqual([inb(0x3f8), inb(0x3f8), inb(0x3f8)], [1, 2, 3]);
  assert.equal(inb(0x3fa), 0xc1);
});

test('FIFO at trigger level 1 gives RDI immediately', () => {
  const { out, inb, uart } = setup();
  out(0x3fa, 0x07); // FIFO on, trigger 1
  out(0x3f9, 0x01);
  uart.pushInput([0x41]);
  assert.equal(inb(0x3fa), 0xc4);
});

test('loopback (MCR bit 4): transmitted bytes are received, not output; MSR mirrors MCR', () => {
  const { out, inb, output } = setup();
  out(0x3fc, 0x1e);
  out(0x3f8, 0xae);
  assert.deepEqual(output, []);
  assert.equal(inb(0x3f8), 0xae);
  // RTS -> CTS (bit 4), OUT1 -> RI (bit 6), OUT2 -> DCD (bit 7); DTR is off so DSR (bit 5) is clear.
  assert.equal(inb(0x3fe), 0xd0);
});

test('scratch register holds a value', () => {
  const { out, inb } = setup();
  out(0x3ff, 0x5a);
  assert.equal(inb(0x3ff), 0x5a);
});
