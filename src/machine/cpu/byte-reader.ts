// Reads an instruction's bytes in order through the caller's fetch function and enforces the 15-byte limit.

/** Maximum length of an x86 instruction (SDM Vol. 2, 2.3.11): longer encodings raise #GP. */
export const MAX_INSTRUCTION_LENGTH = 15;

/** One reusable reader per decoder, so decoding allocates nothing. */
export class ByteReader {
  fetch: (k: number) => number = () => 0;
  /** Offset of the next byte. */
  pos = 0;
  /** Set when a byte beyond the 15th was needed; reads then return 0 and the decode is invalid. */
  overrun = false;

  reset(fetch: (k: number) => number): void {
    this.fetch = fetch;
    this.pos = 0;
    this.overrun = false;
  }

  u8(): number {
    if (this.pos >= MAX_INSTRUCTION_LENGTH) {
      this.overrun = true;
      this.pos++;
      return 0;
    }
    return this.fetch(this.pos++) & 0xff;
  }

  /** Little-endian 16-bit, zero-extended. */
  u16(): number {
    const lo = this.u8();
    return lo | (this.u8() << 8);
  }

  /** Little-endian 32-bit as a signed int32. */
  i32(): number {
    const a = this.u8(), b = this.u8(), c = this.u8();
    return a | (b << 8) | (c << 16) | (this.u8() << 24);
  }
}
