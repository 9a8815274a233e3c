// The software TLB: a direct-mapped cache from linear page to physical page with permission bits.

/** Permission bits of a TLB entry; an access proceeds on the fast path when all bits it needs are set. */
export const T_R_SUP = 1;
export const T_W_SUP = 2;
export const T_R_USER = 4;
export const T_W_USER = 8;
export const T_X_SUP = 16;
export const T_X_USER = 32;
/** The page is plain RAM (not MMIO): the fast path may index the RAM array directly. */
export const T_RAM = 64;
/** The translation came from a global page (survives CR3 reloads while CR4.PGE = 1). */
export const T_GLOBAL = 128;
/**
 * Writes may take the fast path: plain RAM with no decoded code in the page (and no data
 * breakpoint watching it). Kept apart from the W bits, so that a write to a page holding code
 * still translates without a page walk and only pays the code-line check of the slow path.
 */
export const T_WFAST = 512;

export const TLB_BITS = 12;
export const TLB_SIZE = 1 << TLB_BITS;
export const TLB_MASK = TLB_SIZE - 1;

/**
 * Direct-mapped TLB keyed by linear page number (linear address / 4096 as a JS number, so that
 * sign-extended 64-bit canonical addresses work). NaN marks an empty slot: it equals nothing.
 * Write permission is only granted once the page's Dirty bit is set, and fast writes (T_WFAST)
 * only while no decoded code lives in the page, so writes that need side effects take the slow path.
 */
export class Tlb {
  readonly page = new Float64Array(TLB_SIZE).fill(NaN);
  /** Physical byte address of the page. */
  readonly phys = new Float64Array(TLB_SIZE);
  readonly flags = new Uint16Array(TLB_SIZE);

  /** Drop every entry, or only the non-global ones. */
  flush(keepGlobal = false): void {
    if (!keepGlobal) { this.page.fill(NaN); return; }
    for (let i = 0; i < TLB_SIZE; i++) if (!(this.flags[i] & T_GLOBAL)) this.page[i] = NaN;
  }

  /** Drop the entry for one linear page (INVLPG). */
  flushPage(linPage: number): void {
    const i = linPage & TLB_MASK;
    if (this.page[i] === linPage) this.page[i] = NaN;
  }

  /** Take every entry that maps the physical page off the fast write path (it now holds decoded code). */
  protectPhysPage(physBase: number): void {
    for (let i = 0; i < TLB_SIZE; i++) {
      if (this.phys[i] === physBase && this.page[i] === this.page[i]) this.flags[i] &= ~T_WFAST;
    }
  }

  /** Put RAM entries of the physical page back on the fast write path (its decoded code is gone). */
  unprotectPhysPage(physBase: number): void {
    for (let i = 0; i < TLB_SIZE; i++) {
      if (this.phys[i] === physBase && this.page[i] === this.page[i] && (this.flags[i] & T_RAM)) this.flags[i] |= T_WFAST;
    }
  }

  fill(linPage: number, physBase: number, flags: number): void {
    const i = linPage & TLB_MASK;
    this.page[i] = linPage;
    this.phys[i] = physBase;
    this.flags[i] = flags;
  }
}
