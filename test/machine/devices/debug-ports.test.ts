// Tests for QEMU's debug console (0xE9) and isa-debug-exit (0xF4) semantics.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DebugCon } from '../../../src/machine/devices/debugcon';
import { DebugExit, debugExitStatus } from '../../../src/machine/devices/debug-exit';

test('debugcon: writes reach the output callback, reads return 0xE9', () => {
  const out: number[] = [];
  const dc = new DebugCon((b) => out.push(b));
  dc.write(0xe9, 1, 0x48);
  dc.write(0xe9, 2, 0x1269); // a word write shows only its low byte (the port is 8 bits wide)
  assert.deepEqual(out, [0x48, 0x69]);
  assert.equal(dc.read(0xe9, 1), 0xe9);
});

test('debug-exit: a write of V exits with (V << 1) | 1, for every access size', () => {
  const codes: number[] = [];
  const de = new DebugExit((c) => codes.push(c));
  de.write(0xf4, 1, 0x00);
  de.write(0xf4, 1, 0x10);
  de.write(0xf4, 2, 0x1234);
  de.write(0xf4, 4, -1);
  assert.deepEqual(codes, [1, 0x21, 0x2469, 0x1ffffffff]);
  assert.equal(de.read(), 0);
  assert.equal(debugExitStatus(0x10), 33);
  assert.equal(debugExitStatus(0x80), 1, 'the shell sees the low 8 bits');
});
