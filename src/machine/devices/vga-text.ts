// The VGA colour text screen: reading the 80x25 buffer at 0xB8000, and the CRT controller ports (cursor, start address) at 0x3D4/0x3D5.

import type { PortHandler } from '../io';
import { bytePorts } from './byte-ports';

export const VGA_TEXT_BASE = 0xb8000;
export const VGA_COLUMNS = 80;
export const VGA_ROWS = 25;

/** Code page 437 as Unicode, for showing the screen the way the VGA font draws it. */
export const CP437 =
  '\u0000☺☻♥♦♣♠•◘○◙♂♀♪♫☼►◄↕‼¶§▬↨↑↓→←∟↔▲▼' +
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~⌂' +
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';

/** Plain-data CRT controller state. */
export interface CrtcState {
  index: number;
  regs: number[];
  /** Input status register 1 (0x3DA): QEMU toggles retrace and display-enable on every read. */
  st01: number;
}

/**
 * The CRT controller registers that text-mode code touches: cursor start/end (0x0A/0x0B),
 * start address (0x0C/0x0D) and cursor location (0x0E/0x0F). Other registers just hold values.
 * Also answers input status 1 at 0x3DA, whose retrace bits alternate on each read so that
 * "wait for vertical retrace" loops finish.
 */
export class VgaCrtc {
  s: CrtcState = { index: 0, regs: new Array(0x19).fill(0), st01: 0 };

  constructor() {
    this.s.regs[0x0a] = 0x0d; // cursor start line, as the VGA BIOS sets for mode 3
    this.s.regs[0x0b] = 0x0e; // cursor end line
  }

  /** Cursor position as a character offset from the start of video memory. */
  get cursorOffset(): number {
    return (this.s.regs[0x0e] << 8) | this.s.regs[0x0f];
  }

  /** Cursor row and column relative to the displayed page. */
  get cursor(): { row: number; col: number; visible: boolean } {
    const rel = this.cursorOffset - this.startAddress;
    return { row: Math.floor(rel / VGA_COLUMNS), col: ((rel % VGA_COLUMNS) + VGA_COLUMNS) % VGA_COLUMNS, visible: !(this.s.regs[0x0a] & 0x20) };
  }

  /** Display start address in characters. */
  get startAddress(): number {
    return (this.s.regs[0x0c] << 8) | this.s.regs[0x0d];
  }

  /** Ports 0x3D4 (index) and 0x3D5 (data). */
  readonly ports: PortHandler = bytePorts(0x3d4, 2,
    (p) => (p === 0x3d4 ? this.s.index : this.s.index < this.s.regs.length ? this.s.regs[this.s.index] : 0xff),
    (p, v) => {
      if (p === 0x3d4) this.s.index = v & 0x3f;
      else if (this.s.index < this.s.regs.length) this.s.regs[this.s.index] = v;
    });

  /** Port 0x3DA (input status 1). */
  readonly statusPort: PortHandler = bytePorts(0x3da, 1, () => {
    this.s.st01 ^= 0x09; // vertical retrace | display disabled
    return this.s.st01;
  }, () => {});

  /** Plain-data copy of the state. */
  snapshot(): CrtcState { return structuredClone(this.s); }
  /** Restore a snapshot taken by `snapshot()`. */
  restore(st: CrtcState): void { this.s = structuredClone(st); }
}

/** One text cell: the character (as Unicode) and its attribute byte. */
export interface TextCell { ch: string; attr: number }

/**
 * Read the 80x25 text screen from physical memory. `startAddress` (in characters, from the CRT
 * controller) selects the displayed page. Returns one string per row, trailing blanks removed;
 * NUL cells show as spaces.
 */
export function readVgaText(readByte: (addr: number) => number, startAddress = 0): string[] {
  const lines: string[] = [];
  for (let row = 0; row < VGA_ROWS; row++) {
    let line = '';
    for (let col = 0; col < VGA_COLUMNS; col++) {
      const addr = VGA_TEXT_BASE + (((startAddress + row * VGA_COLUMNS + col) * 2) & 0x7fff);
      const c = readByte(addr) & 0xff;
      line += c === 0 ? ' ' : CP437[c];
    }
    lines.push(line.replace(/[ \u00a0]+$/, ''));
  }
  return lines;
}

/** Read the text screen as cells with attributes (for a coloured rendering). */
export function readVgaCells(readByte: (addr: number) => number, startAddress = 0): TextCell[][] {
  const rows: TextCell[][] = [];
  for (let row = 0; row < VGA_ROWS; row++) {
    const cells: TextCell[] = [];
    for (let col = 0; col < VGA_COLUMNS; col++) {
      const addr = VGA_TEXT_BASE + (((startAddress + row * VGA_COLUMNS + col) * 2) & 0x7fff);
      const c = readByte(addr) & 0xff;
      cells.push({ ch: c === 0 ? ' ' : CP437[c], attr: readByte(addr + 1) & 0xff });
    }
    rows.push(cells);
  }
  return rows;
}
