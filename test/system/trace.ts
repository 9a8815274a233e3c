// Per-instruction register traces: parsing QEMU's `-d cpu` log and Ringstep's `--trace` file, and comparing them.
import type { Cpu } from '../../src/machine/cpu/cpu';
import { getFlags } from '../../src/machine/cpu/flags';

/**
 * One instruction boundary: the state before the instruction at `rip` executes. Values are
 * lower-case hex strings without leading zeros (so both 64-bit and 32-bit dumps compare).
 */
export interface TraceRecord { rip: string; rsp: string; rflags: string; cs: string; ss: string; cr0: string; cr3: string; efer: string }

export const TRACE_FIELDS: (keyof TraceRecord)[] = ['rip', 'rsp', 'rflags', 'cs', 'ss', 'cr0', 'cr3', 'efer'];

function norm(hex: string): string { return BigInt('0x' + hex).toString(16); }
function hex(v: number | bigint): string { return (typeof v === 'bigint' ? v : BigInt(v)).toString(16); }
function u64(lo: number, hi: number): bigint { return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0); }
function num64(v: number): bigint { return v < 0 ? (1n << 64n) + BigInt(v) : BigInt(v); }

/**
 * Parse a QEMU `-d cpu` log (one register dump per instruction with `-singlestep`). Both the
 * 32-bit dump (EIP=, EFL=, ESP=) and the 64-bit dump (RIP=, RFL=, RSP=) are understood.
 */
export function parseQemuLog(text: string): TraceRecord[] {
  const out: TraceRecord[] = [];
  let cur: Partial<TraceRecord> = {};
  for (const line of text.split('\n')) {
    let m: RegExpExecArray | null;
    if ((m = /(?:^|\s)[ER]SP=([0-9a-f]+)/.exec(line))) cur.rsp = norm(m[1]);
    if ((m = /^[ER]IP=([0-9a-f]+) (?:EFL|RFL)=([0-9a-f]+)/.exec(line))) { cur.rip = norm(m[1]); cur.rflags = norm(m[2]); }
    if ((m = /^CS =([0-9a-f]{4})/.exec(line))) cur.cs = norm(m[1]);
    if ((m = /^SS =([0-9a-f]{4})/.exec(line))) cur.ss = norm(m[1]);
    if ((m = /^CR0=([0-9a-f]+) CR2=[0-9a-f]+ CR3=([0-9a-f]+)/.exec(line))) { cur.cr0 = norm(m[1]); cur.cr3 = norm(m[2]); }
    if ((m = /^EFER=([0-9a-f]+)/.exec(line))) {
      cur.efer = norm(m[1]);
      if (cur.rip !== undefined) out.push(cur as TraceRecord);
      cur = {};
    }
  }
  return out;
}

/**
 * Parse Ringstep's trace file: one line per instruction boundary, `key=hex` pairs separated by
 * spaces with at least the keys of TRACE_FIELDS (other keys and lines starting with '#' are ignored).
 */
export function parseRingstepTrace(text: string): TraceRecord[] {
  const out: TraceRecord[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const r: Partial<TraceRecord> = {};
    for (const tok of line.trim().split(/\s+/)) {
      const eq = tok.indexOf('=');
      if (eq < 0) continue;
      const k = tok.slice(0, eq).toLowerCase() as keyof TraceRecord;
      if (TRACE_FIELDS.includes(k)) r[k] = norm(tok.slice(eq + 1).replace(/^0x/, ''));
    }
    if (TRACE_FIELDS.every((k) => r[k] !== undefined)) out.push(r as TraceRecord);
  }
  return out;
}

/** The record for the CPU's current state (in-process traces). */
export function cpuRecord(cpu: Cpu): TraceRecord {
  const rsp = cpu.bits === 64 || cpu.longMode ? u64(cpu.regs[8], cpu.regs[9]) : BigInt(cpu.regs[8] >>> 0);
  return {
    rip: hex(num64(cpu.rip)), rsp: hex(rsp), rflags: hex(getFlags(cpu) >>> 0),
    cs: hex(cpu.segs[1].selector), ss: hex(cpu.segs[2].selector),
    cr0: hex(cpu.cr0 >>> 0), cr3: hex(num64(cpu.cr3)), efer: hex(cpu.efer >>> 0),
  };
}

/** Format a record as one line of the Ringstep trace format. */
export function formatRecord(r: TraceRecord): string {
  return TRACE_FIELDS.map((k) => `${k}=${r[k]}`).join(' ');
}

/**
 * Drop records that repeat the previous record's RIP. QEMU logs every iteration of a REP string
 * instruction (Ringstep retires it as one), and re-logs an instruction that wrote to its own
 * code page (self-modifying-code restart), so both traces are compared without such repeats.
 */
export function collapseRepeats(t: TraceRecord[]): TraceRecord[] {
  return t.filter((r, k) => k === 0 || r.rip !== t[k - 1].rip);
}

/** Result of comparing two traces from the first record whose RIP is `startRip`. */
export interface TraceComparison {
  compared: number;
  /** Records that agree (including those that agree once a known QEMU difference is allowed for). */
  agreeing: number;
  /** Records that agree only thanks to a known QEMU difference. */
  knownDifferences: number;
  /**
   * Set when the comparison ended early because QEMU took another branch on flags that differ
   * by a known QEMU difference (a check in the program that QEMU fails): the paths part there.
   */
  partedAt?: number;
  firstMismatch?: { index: number; field: string; qemu: TraceRecord; ringstep: TraceRecord };
}

const RF = 0x10000n;
const ARITH = 0x8d5n;

/**
 * Known QEMU 7.2 differences in RFLAGS, where Ringstep follows the SDM:
 * - RF: Ringstep sets RF in the RFLAGS image of a fault, so the instruction an IRET returns to
 *   runs with RF = 1 (QEMU never sets it);
 * - SYSCALL: QEMU clears the arithmetic flags (it saves them in R11 but loses them in RFLAGS);
 *   the SDM only clears the IA32_FMASK bits. The difference lasts from the SYSCALL entry (CS and
 *   SS = CS + 8 loaded from STAR, coming from ring 3) until CS changes again (SYSRET reloads RFLAGS
 *   from R11, which both save correctly): in between, copies of the flags on the stack carry it.
 */
function flagsAgree(a: string, b: string, arithWindow: boolean): 'same' | 'known' | 'different' {
  if (a === b) return 'same';
  let x = BigInt('0x' + a) ^ BigInt('0x' + b);
  if ((BigInt('0x' + b) & RF) !== 0n && (BigInt('0x' + a) & RF) === 0n) x &= ~RF;
  if (arithWindow) x &= ~ARITH;
  return x === 0n ? 'known' : 'different';
}

/** A SYSCALL entry: from a ring-3 CS to a ring-0 CS with SS = CS + 8. */
function syscallEntry(prev: TraceRecord | undefined, r: TraceRecord): boolean {
  if (!prev) return false;
  const cs = parseInt(r.cs, 16), ss = parseInt(r.ss, 16), pcs = parseInt(prev.cs, 16);
  return (pcs & 3) === 3 && (cs & 3) === 0 && ss === cs + 8;
}

/**
 * Compare the first `count` records of both traces (repeats collapsed), each starting at its first
 * record with RIP = startRip (QEMU's log also holds the firmware's instructions when not filtered).
 */
export function compareTraces(qemuAll: TraceRecord[], ringstepAll: TraceRecord[], startRip: string, count: number): TraceComparison {
  const qemu = collapseRepeats(qemuAll), ringstep = collapseRepeats(ringstepAll);
  const qi = qemu.findIndex((r) => r.rip === startRip);
  const ri = ringstep.findIndex((r) => r.rip === startRip);
  const res: TraceComparison = { compared: 0, agreeing: 0, knownDifferences: 0 };
  if (qi < 0 || ri < 0) return res;
  let arithWindow = false;
  for (let k = 0; k < count && qi + k < qemu.length && ri + k < ringstep.length; k++) {
    const a = qemu[qi + k], b = ringstep[ri + k];
    res.compared++;
    const prev = qemu[qi + k - 1];
    if (syscallEntry(prev, a)) arithWindow = true;
    else if (prev && prev.cs !== a.cs) arithWindow = false;
    let bad = TRACE_FIELDS.find((f) => f !== 'rflags' && a[f] !== b[f]);
    const fl = flagsAgree(a.rflags, b.rflags, arithWindow);
    if (bad === undefined && fl === 'different') bad = 'rflags';
    if (bad === undefined) { res.agreeing++; if (fl === 'known') res.knownDifferences++; continue; }
    const before = k > 0 ? flagsAgree(qemu[qi + k - 1].rflags, ringstep[ri + k - 1].rflags, arithWindow) : 'same';
    if (bad === 'rip' && before === 'known') { res.compared--; res.partedAt = k; break; }
    res.firstMismatch = { index: k, field: bad, qemu: a, ringstep: b };
    break;
  }
  return res;
}

/** Where CS, SS, CR0 or EFER change in a trace: the ring and mode transitions it crosses. */
export function transitions(t: TraceRecord[]): { index: number; what: string }[] {
  const out: { index: number; what: string }[] = [];
  for (let k = 1; k < t.length; k++) {
    const a = t[k - 1], b = t[k];
    const what: string[] = [];
    if (a.cs !== b.cs) what.push(`cs ${a.cs}->${b.cs}`);
    if (a.cr0 !== b.cr0) what.push(`cr0 ${a.cr0}->${b.cr0}`);
    if (a.efer !== b.efer) what.push(`efer ${a.efer}->${b.efer}`);
    if (what.length) out.push({ index: k, what: what.join(' ') });
  }
  return out;
}
