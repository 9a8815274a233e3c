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
export interface TraceComparison { compared: number; agreeing: number; firstMismatch?: { index: number; field: string; qemu: TraceRecord; ringstep: TraceRecord } }

/**
 * Compare the first `count` records of both traces (repeats collapsed), each starting at its first
 * record with RIP = startRip (QEMU's log also holds the firmware's instructions when not filtered).
 */
export function compareTraces(qemuAll: TraceRecord[], ringstepAll: TraceRecord[], startRip: string, count: number): TraceComparison {
  const qemu = collapseRepeats(qemuAll), ringstep = collapseRepeats(ringstepAll);
  const qi = qemu.findIndex((r) => r.rip === startRip);
  const ri = ringstep.findIndex((r) => r.rip === startRip);
  const res: TraceComparison = { compared: 0, agreeing: 0 };
  if (qi < 0 || ri < 0) return res;
  for (let k = 0; k < count && qi + k < qemu.length && ri + k < ringstep.length; k++) {
    const a = qemu[qi + k], b = ringstep[ri + k];
    res.compared++;
    const bad = TRACE_FIELDS.find((f) => a[f] !== b[f]);
    if (bad === undefined) res.agreeing++;
    else if (!res.firstMismatch) res.firstMismatch = { index: k, field: bad, qemu: a, ringstep: b };
  }
  return res;
}
