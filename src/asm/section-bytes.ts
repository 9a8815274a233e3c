// The bytes one layout pass emits into a section: a growing byte buffer and the list of emitted ranges, then copied into the image.

/**
 * Emitted bytes of one section, at section offsets. Every emission is kept as a range (offset, unit
 * length, repeat count) over one growing buffer: no object per emission, and the image gets exactly
 * the emitted ranges (gaps, such as lines with errors, write nothing).
 */
export class SectionBytes {
  private buf: Uint8Array<ArrayBuffer> = new Uint8Array(1024);
  private off: Float64Array<ArrayBuffer> = new Float64Array(256);
  private len: Float64Array<ArrayBuffer> = new Float64Array(256);
  private cnt: Int32Array<ArrayBuffer> = new Int32Array(256);
  private n = 0;

  /** Forgets what an earlier pass emitted. */
  clear(): void { this.n = 0; }

  /** Emits `count` copies of `bytes` at `offset` (offsets only grow within a pass). */
  add(offset: number, bytes: Uint8Array | number[], count: number): void {
    const len = bytes.length;
    this.range(offset, len, count);
    const end = offset + len * count;
    if (end > this.buf.length) this.growBuffer(end);
    const buf = this.buf;
    if (len <= 16) {
      for (let k = 0, o = offset; k < count; k++, o += len) for (let b = 0; b < len; b++) buf[o + b] = bytes[b];
    } else {
      for (let k = 0, o = offset; k < count; k++, o += len) buf.set(bytes, o);
    }
  }

  /** Emits `n` zero bytes at `offset`. */
  zeros(offset: number, n: number): void {
    this.range(offset, n, 1);
    if (offset + n > this.buf.length) this.growBuffer(offset + n);
    this.buf.fill(0, offset, offset + n);
  }

  /**
   * Copies the ranges into `image`, the section starting at image offset `at`. Each copy of a
   * repeated range is skipped when it does not lie inside the image.
   */
  copyTo(image: Uint8Array, at: number): void {
    const buf = this.buf;
    for (let j = 0; j < this.n; j++) {
      const len = this.len[j];
      const count = this.cnt[j];
      for (let k = 0, src = this.off[j]; k < count; k++, src += len) {
        const o = at + src;
        if (o < 0 || o + len > image.length) continue;
        if (len <= 16) for (let b = 0; b < len; b++) image[o + b] = buf[src + b];
        else image.set(buf.subarray(src, src + len), o);
      }
    }
  }

  private range(offset: number, len: number, count: number): void {
    if (this.n === this.off.length) {
      const size = this.n * 2;
      this.off = grow64(this.off, size); this.len = grow64(this.len, size); this.cnt = grow(this.cnt, size);
    }
    const j = this.n++;
    this.off[j] = offset; this.len[j] = len; this.cnt[j] = count;
  }

  private growBuffer(min: number): void {
    const b = new Uint8Array(Math.max(min, this.buf.length * 2));
    b.set(this.buf);
    this.buf = b;
  }
}

function grow(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function grow64(a: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}
