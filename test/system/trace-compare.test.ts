// Per-instruction register traces across mode switches and ring transitions agree with QEMU's (-d cpu -singlestep) for 5,000 instructions from each program's main routine.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble, CLI, QEMU_ARGS, ringstepMode, run, systemToolsPresent } from './harness';
import { collapseRepeats, compareTraces, formatRecord, parseQemuLog, parseRingstepTrace, transitions, type TraceRecord } from './trace';
import { traceInProcess } from './run-inprocess';

const COUNT = Number(process.env.RINGSTEP_TRACE_COUNT ?? 5000);
/** Instructions to trace from the entry: the frame's set-up loops (about 7,000) plus the compared window. */
const TRACE_BUDGET = 8000 + 2 * COUNT;
/**
 * Programs whose main routines cross real -> protected -> long mode (mode_switch), ring 0 -> 3 -> 0
 * through IRET/IRETQ, INT 0x80 with IST, call gates, SYSCALL/SYSRET and SYSENTER/SYSEXIT.
 */
const TRACED = ['mode_switch', 'ring3_iret32', 'ring3_iretq64', 'callgate64', 'iret_compat64', 'syscall64', 'sysexit64', 'sysenter32'];
/**
 * Extra QEMU options per program: `-cpu max` has AMD's vendor string, and QEMU then makes
 * SYSENTER/SYSEXIT #UD in IA-32e mode as AMD processors do; the SDM (Intel) allows them, so
 * sysexit64's trace runs QEMU with Intel's vendor string.
 */
const QEMU_EXTRA: Record<string, string[]> = { sysexit64: ['-cpu', 'max,vendor=GenuineIntel'] };
const tools = systemToolsPresent();

/** The address the comparison starts at: rstest.inc stores main32/main64 after the bytes "RSTRACE:". */
function traceStart(image: Uint8Array): string {
  const at = Buffer.from(image).indexOf('RSTRACE:');
  assert.ok(at >= 0, 'no RSTRACE: marker in the image');
  return Buffer.from(image).readUInt32LE(at + 8).toString(16);
}

/** QEMU's trace of the program, logging only instructions in the image and the low real-mode area. */
async function qemuTrace(bin: string, extra: string[]): Promise<TraceRecord[]> {
  const dir = mkdtempSync(join(tmpdir(), 'ringstep-trace-'));
  const log = join(dir, 'cpu.log');
  try {
    // A later -cpu option replaces the first.
    await run('qemu-system-x86_64', ['-kernel', bin, ...QEMU_ARGS.map((a) => (a === 'stdio' ? 'null' : a)), ...extra,
      '-d', 'cpu,nochain', '-singlestep', '-dfilter', '0x8000+0x8000,0x100000+0x700000', '-D', log], 120000);
    return parseQemuLog(readFileSync(log, 'latin1'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

/** Ringstep's trace: `ringstep run --trace` (or the same loop in-process when the CLI is not built). */
async function ringstepTrace(bin: string): Promise<TraceRecord[]> {
  if (ringstepMode() === 'in-process') return traceInProcess(readFileSync(bin), TRACE_BUDGET);
  const dir = mkdtempSync(join(tmpdir(), 'ringstep-trace-'));
  const file = join(dir, 'trace.txt');
  try {
    await run(process.execPath, [CLI, 'run', bin, '--boot', 'multiboot', '--max-instructions', String(TRACE_BUDGET), '--trace', file], 120000);
    return parseRingstepTrace(readFileSync(file, 'latin1'));
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

describe('per-instruction traces against QEMU', { concurrency: 2, skip: !tools && 'qemu-system-x86_64 or nasm missing (a failure under CI)' }, () => {
  for (const name of TRACED) {
    it(`${name}: RIP, RSP, RFLAGS, CS, SS, CR0, CR3, EFER agree with QEMU for ${COUNT} instructions from main, across its ring and mode transitions`, async () => {
      const bin = assemble(name);
      const image = readFileSync(bin);
      const start = traceStart(image);
      const [q, r] = await Promise.all([qemuTrace(bin, QEMU_EXTRA[name] ?? []), ringstepTrace(bin)]);
      const cmp = compareTraces(q, r, start, COUNT);
      const m = cmp.firstMismatch;
      assert.equal(m, undefined, m && `first mismatch at instruction ${m.index} after main (${m.field}):\n  qemu:     ${formatRecord(m.qemu)}\n  ringstep: ${formatRecord(m.ringstep)}`);
      const qs = collapseRepeats(q), rs = collapseRepeats(r);
      const available = Math.min(qs.length - qs.findIndex((x) => x.rip === start), rs.length - rs.findIndex((x) => x.rip === start));
      assert.ok((cmp.partedAt !== undefined || cmp.compared >= Math.min(COUNT, available)) && cmp.compared > 100, `only ${cmp.compared} records compared`);
      const t = transitions(rs.slice(rs.findIndex((x) => x.rip === start)).slice(0, cmp.compared));
      assert.ok(t.length > 0, 'no CS/SS/CR0/EFER transition inside the compared window');
      const parted = cmp.partedAt !== undefined ? `; QEMU branches away at record ${cmp.partedAt} on its known SYSCALL flags difference` : '';
      console.log(`# ${name}: ${cmp.agreeing}/${cmp.compared} records agree (${cmp.knownDifferences} with a known QEMU difference)${parted}; transitions at ${t.map((x) => `${x.index} ${x.what}`).join(', ')}`);
    });
  }
});
