// A segment register with its hidden descriptor cache (selector, base, limit, attributes).

/** Attribute bits kept in `SegmentCache.attr`, laid out as in descriptor bytes 5..6 (type..G). */
export const SEG_TYPE_MASK = 0x0f;
export const SEG_S = 1 << 4;        // code/data (1) vs system (0)
export const SEG_DPL_SHIFT = 5;
export const SEG_P = 1 << 7;
export const SEG_AVL = 1 << 12;
export const SEG_L = 1 << 13;       // 64-bit code segment
export const SEG_DB = 1 << 14;      // default operation size / big
export const SEG_G = 1 << 15;
/** Code segment bit in the type field (S=1). */
export const SEG_CODE = 1 << 3;

/** The descriptor cache of one segment register, TR or LDTR. Plain numbers: cheap to snapshot. */
export class SegmentCache {
  selector = 0;
  /** Base as a JS number: up to 2^64 for FS/GS in 64-bit mode, stored signed-canonical. */
  base = 0;
  /** Effective limit in bytes (granularity already applied). */
  limit = 0xffff;
  /** Attributes: type, S, DPL, P, AVL, L, D/B, G as in the descriptor (bits 40..47 and 52..55 shifted down). */
  attr = SEG_P | SEG_S | 0x3;
  /** The segment register is usable (a null selector loaded in protected mode makes it unusable). */
  valid = true;

  /** Load the real-mode / virtual-8086 meaning of a selector value. */
  loadReal(selector: number): void {
    this.selector = selector & 0xffff;
    this.base = (selector & 0xffff) << 4;
    this.valid = true;
  }

  get dpl(): number { return (this.attr >> SEG_DPL_SHIFT) & 3; }

  copyFrom(o: SegmentCache): void {
    this.selector = o.selector; this.base = o.base; this.limit = o.limit; this.attr = o.attr; this.valid = o.valid;
  }
}
