// The line map of a layout pass kept as compact records, turned into LineEntry objects once, for the kept pass.

import type { LineEntry, SourceLoc } from './types';

/**
 * Line map entries in order, as parallel arrays: address, length, the statement location, its line
 * and column when they differ from the location's (line 0, column -1: they do not), section,
 * reserved flag.
 * A pass that is not kept builds no objects, and the kept one builds them all at the end.
 */
export class LineRecords {
  private address = new Float64Array(1024);
  private length = new Float64Array(1024);
  private line = new Int32Array(1024);
  private column = new Int32Array(1024);
  private reserved = new Uint8Array(1024);
  private section = new Int32Array(1024);
  private locs: SourceLoc[] = [];
  /** Section names by index (`section` holds indexes). */
  private sectionNames: string[] = [];
  private n = 0;

  get count(): number { return this.n; }

  clear(): void { this.n = 0; this.locs = []; this.sectionNames = []; }

  /** Adds an entry for `loc` (at `line` instead of its line when not 0). */
  add(address: number, length: number, loc: SourceLoc, section: string, reserved: boolean, line: number): void {
    const j = this.n;
    if (j === this.address.length) this.grow();
    this.address[j] = address; this.length[j] = length;
    this.line[j] = line; this.column[j] = -1; this.reserved[j] = reserved ? 1 : 0;
    this.locs.push(loc);
    const names = this.sectionNames;
    let k = names.length - 1;
    if (k < 0 || names[k] !== section) { k = names.indexOf(section); if (k < 0) { k = names.length; names.push(section); } }
    this.section[j] = k;
    this.n = j + 1;
  }

  /** Address of the last entry (-1 when there is none). */
  lastAddress(): number { return this.n ? this.address[this.n - 1] : -1; }

  /** Reports the last entry at another column. */
  setLastColumn(column: number): void { if (this.n) this.column[this.n - 1] = column; }

  /** The entries as the result reports them. */
  entries(): LineEntry[] {
    const out: LineEntry[] = new Array(this.n);
    for (let j = 0; j < this.n; j++) {
      const loc = this.locs[j];
      const e: LineEntry = {
        address: this.address[j], length: this.length[j], file: loc.file, line: this.line[j] || loc.line,
        column: this.column[j] >= 0 ? this.column[j] : loc.column, section: this.sectionNames[this.section[j]],
      };
      if (loc.body) e.body = loc.body;
      if (this.reserved[j]) e.reserved = true;
      out[j] = e;
    }
    return out;
  }

  private grow(): void {
    const size = this.address.length * 2;
    const f64 = (a: Float64Array) => { const b = new Float64Array(size); b.set(a); return b; };
    this.address = f64(this.address); this.length = f64(this.length);
    const i32 = (a: Int32Array) => { const b = new Int32Array(size); b.set(a); return b; };
    this.line = i32(this.line); this.column = i32(this.column); this.section = i32(this.section);
    const r = new Uint8Array(size); r.set(this.reserved); this.reserved = r;
  }
}
