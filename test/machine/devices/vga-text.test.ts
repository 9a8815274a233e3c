// Tests for the VGA text screen reader and the CRT controller cursor registers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CP437, VgaCrtc, readVgaCells, readVgaText } from '../../../src/machine/devices/vga-text';

function memoryWith(text: string, row: number, col: number, attr = 0x07): (a: number) => number {
  const mem = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    const at = 0xb8000 + (row * 80 + col + i) * 2;
    mem.set(at, text.charCodeAt(i));
    mem.set(at + 1, attr);
  }
  return (a) => mem.get(a) ?? 0;
}

test('reads 25 rows of 80 columns from 0xB8000, trailing blanks trimmed', () => {
  const lines = readVgaText(memoryWith('Hello, ring 3', 2, 5));
  assert.equal(lines.length, 25);
  assert.equal(lines[2], '     Hello, ring 3');
  assert.equal(lines[0], '');
});

test('code page 437 glyphs: box drawing and symbols', () => {
  assert.equal(CP437.length, 256);
  assert.equal(CP437[0x41], 'A');
  assert.equal(CP437[0xc9], '╔');
  assert.equal(CP437[0xdb], '█');
  assert.equal(CP437[0x01], '☺');
  const read = (a: number) => (a === 0xb8000 ? 0xc9 : a === 0xb8002 ? 0xcd : 0);
  assert.equal(readVgaText(read)[0], '╔═');
});

test('cells carry attributes; the start address selects the page', () => {
  const read = memoryWith('x', 1, 0, 0x1f);
  assert.deepEqual(readVgaCells(read)[1][0], { ch: 'x', attr: 0x1f });
  assert.equal(readVgaText(read, 80)[0], 'x');
});

test('CRT controller: cursor location registers 0x0E/0x0F set by the usual outb sequence', () => {
  const crtc = new VgaCrtc();
  const pos = 12 * 80 + 40;
  crtc.ports.write(0x3d4, 1, 0x0f); crtc.ports.write(0x3d5, 1, pos & 0xff);
  crtc.ports.write(0x3d4, 1, 0x0e); crtc.ports.write(0x3d5, 1, pos >> 8);
  assert.deepEqual(crtc.cursor, { row: 12, col: 40, visible: true });
  crtc.ports.write(0x3d4, 1, 0x0a); crtc.ports.write(0x3d5, 1, 0x20);
  assert.equal(crtc.cursor.visible, false);
  crtc.ports.write(0x3d4, 1, 0x0e);
  assert.equal(crtc.ports.read(0x3d5, 1), pos >> 8);
});

test('input status 1 (0x3DA) alternates retrace bits so wait-for-retrace loops end', () => {
  const crtc = new VgaCrtc();
  assert.equal(crtc.statusPort.read(0x3da, 1), 0x09);
  assert.equal(crtc.statusPort.read(0x3da, 1), 0x00);
});
