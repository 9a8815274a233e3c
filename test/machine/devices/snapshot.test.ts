// Tests that device state snapshots replay identically: the basis of deterministic reverse execution.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPcBoard, restoreBoard, snapshotBoard } from '../../../src/machine/devices/board';
import { FakeClock } from './fake-clock';

test('same program of port writes from a snapshot gives the same interrupts at the same virtual times', () => {
  const clock = new FakeClock();
  const out: number[] = [];
  const b = createPcBoard({ ramBytes: 32 << 20, clock, onOutput: (x) => out.push(x), onExit: () => {} });
  const o = (p: number, v: number) => b.ports.write(p, 1, v);
  for (const [p, v] of [[0x20, 0x11], [0x21, 0x20], [0x21, 4], [0x21, 1], [0x21, 0xee], [0x43, 0x36], [0x40, 0x00], [0x40, 0x10]]) o(p, v);
  b.apic.write(0x3e0, 4, 0x1);
  b.apic.write(0x320, 4, 0x20041);
  b.apic.write(0x380, 4, 30_000);
  o(0x3f9, 0x01);
  /** A scripted guest: take interrupts until `end`, EOI each, echo serial input; returns the trace. */
  const run = (end: number) => {
    const trace: string[] = [];
    while (true) {
      while (!b.interrupts.hasInterrupt()) {
        const d = b.nextDeadline();
        if (d > end) { clock.t = end; return trace; }
        clock.t = d;
        b.advance(d);
      }
      const v = b.interrupts.acknowledge();
      trace.push(`${clock.t}:${v.toString(16)}`);
      if (v === 0x24) o(0x3f8, b.ports.read(0x3f8, 1));
      if (v < 0x30) o(0x20, 0x20); else b.apic.write(0xb0, 4, 0);
    }
  };
  run(1_000_000);
  b.uart.pushInput([0x61, 0x62]);
  const snap = snapshotBoard(b);
  const t0 = clock.t;
  const first = run(3_000_000);
  const outFirst = out.splice(0);
  restoreBoard(b, snap);
  clock.t = t0;
  const second = run(3_000_000);
  assert.ok(first.length > 10, `interrupts seen: ${first.length}`);
  assert.deepEqual(second, first);
  assert.deepEqual(out, outFirst);
  assert.deepEqual(outFirst, [0x61, 0x62]);
});
