// Debug registers and single-stepping (SDM Vol. 3 ch. 18): DR7 breakpoint decoding, instruction and data breakpoint matching, DR6 updates.
import type { Cpu } from '../cpu';

/** DR6 status bits. */
export const DR6_B0 = 1, DR6_BD = 1 << 13, DR6_BS = 1 << 14;
/** DR6 bits 63:32 are reserved; bits 31:16 and 11:4 read as 1 (bit 16 is RTM, 1 = no RTM event). */
export const DR6_FIXED1 = 0xffff0ff0 | 0;

const TWO63 = 9223372036854775808;
const TWO64 = 18446744073709551616;

/** Breakpoint condition in DR7's R/W field. */
const RW_EXEC = 0, RW_WRITE = 1, RW_ACCESS = 3;

/**
 * The breakpoints DR7 enables, decoded once per change of DR0-DR3/DR7 (the run loop only looks at
 * the counts). Addresses are kept as the CPU keeps linear addresses: signed-canonical numbers.
 */
export class BreakpointSet {
  /** DR7 and DR0-DR3 as last decoded. */
  key7 = -1;
  execCount = 0;
  dataCount = 0;
  readonly execAddr = new Float64Array(4);
  readonly execMask = new Uint8Array(4);
  readonly dataAddr = new Float64Array(4);
  readonly dataLen = new Uint8Array(4);
  readonly dataMask = new Uint8Array(4);
  readonly dataWriteOnly = new Uint8Array(4);
  /** Linear page numbers holding watched bytes (a data breakpoint may straddle two pages). */
  readonly pages: number[] = [];

  /** True when a linear page holds bytes a data breakpoint watches. */
  watchesPage(page: number): boolean {
    for (let k = 0; k < this.pages.length; k++) if (this.pages[k] === page) return true;
    return false;
  }
}

/** Normalise a debug-register address to the form the CPU uses for linear addresses. */
function canonical(v: number): number { return v >= TWO63 ? v - TWO64 : v; }

/** Length in bytes encoded by a DR7 LEN field (00 1, 01 2, 11 4, 10 8). */
function lengthOf(field: number): number { return field === 0 ? 1 : field === 1 ? 2 : field === 3 ? 4 : 8; }

/**
 * Decode DR0-DR3 and DR7 into `b`. Returns true when the set of watched pages changed (the
 * caller then flushes the TLB so that accesses to those pages take the slow, checking path).
 */
export function decodeBreakpoints(cpu: Cpu, b: BreakpointSet): boolean {
  const dr7 = cpu.dr[7] >>> 0;
  const oldPages = b.pages.join(',');
  b.key7 = dr7; b.execCount = 0; b.dataCount = 0; b.pages.length = 0;
  for (let n = 0; n < 4; n++) {
    if (((dr7 >>> (2 * n)) & 3) === 0) continue;
    const rw = (dr7 >>> (16 + 4 * n)) & 3;
    const len = lengthOf((dr7 >>> (18 + 4 * n)) & 3);
    const addr = canonical(cpu.dr[n]);
    if (rw === RW_EXEC) {
      b.execAddr[b.execCount] = addr; b.execMask[b.execCount] = 1 << n; b.execCount++;
    } else if (rw === RW_WRITE || rw === RW_ACCESS) {
      // The address is aligned down to the length (SDM 18.2.5: the low bits are ignored).
      const lo = addr - (((addr % len) + len) % len);
      const k = b.dataCount++;
      b.dataAddr[k] = lo; b.dataLen[k] = len; b.dataMask[k] = 1 << n; b.dataWriteOnly[k] = rw === RW_WRITE ? 1 : 0;
      for (const p of [Math.floor(lo / 4096), Math.floor((lo + len - 1) / 4096)]) if (!b.watchesPage(p)) b.pages.push(p);
    }
    // RW_IO (I/O breakpoints with CR4.DE) is not modelled: such a breakpoint never matches.
  }
  return b.pages.join(',') !== oldPages;
}

/** DR6.Bn bits of the enabled instruction breakpoints at linear address `lin`. */
export function matchInstruction(b: BreakpointSet, lin: number): number {
  let hit = 0;
  for (let k = 0; k < b.execCount; k++) if (b.execAddr[k] === lin) hit |= b.execMask[k];
  return hit;
}

/** DR6.Bn bits of the enabled data breakpoints that an access of `size` bytes at `lin` touches. */
export function matchData(b: BreakpointSet, lin: number, size: number, write: boolean): number {
  let hit = 0;
  for (let k = 0; k < b.dataCount; k++) {
    if (b.dataWriteOnly[k] && !write) continue;
    const a = b.dataAddr[k];
    if (lin < a + b.dataLen[k] && a < lin + size) hit |= b.dataMask[k];
  }
  return hit;
}

/**
 * Record breakpoint hits in DR6 before delivering #DB: B0-B3 report the breakpoints of this
 * event (earlier B0-B3 are cleared, as processors do); BD and BS accumulate until software clears them.
 */
export function reportDebug(cpu: Cpu, bits: number): void {
  let dr6 = cpu.dr[6] | DR6_FIXED1;
  if (bits & 0xf) dr6 = (dr6 & ~0xf) | (bits & 0xf);
  cpu.dr[6] = (dr6 | (bits & ~0xf)) & ~0x1000;
}

