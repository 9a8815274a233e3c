// Per-instruction register traces across mode switches and ring transitions agree with QEMU's (-d cpu -singlestep) for the first 5,000 instructions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble, QEMU_ARGS } from './harness';
import { collapseRepeats, compareTraces, formatRecord, parseQemuLog } from './trace';
import { traceInProcess } from './run-inprocess';

const COUNT = Number(process.env.RINGSTEP_TRACE_COUNT ?? 5000);
/** Programs whose first instructions cross protected→long mode, ring 0→3→0 (iretq, int 0x80 with IST, call gates) and syscall/sysret. */
const TRACED = ['ring3_iret32', 'ring3_iretq64', 'callgate64', 'iret_compat64', 'syscall64', 'sysexit64'];
const tools = spawnSync('qemu-system-x86_64', ['--version']).status === 0;

/** QEMU's trace of the program, logging only instructions in the image and the low real-mode area. */
function qemuTrace(bin: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ringstep-trace-'));
  const log = join(dir, 'cpu.log');
  spawnSync('qemu-system-x86_64', ['-kernel', bin, ...QEMU_ARGS.map((a) => (a === 'stdio' ? 'null' : a)),
    '-d', 'cpu,nochain', '-singlestep', '-dfilter', '0x8000+0x8000,0x100000+0x700000', '-D', log], { timeout: 60000 });
  const text = readFileSync(log, 'latin1');
  rmSync(dir, { recursive: true, force: true });
  return parseQemuLog(text);
}

for (const name of TRACED) {
  test(`${name}: RIP, RSP, RFLAGS, CS, SS, CR0, CR3, EFER agree with QEMU for the first ${COUNT} instructions`, { skip: !tools && 'qemu missing' }, () => {
    const bin = assemble(name);
    const image = readFileSync(bin);
    const entry = (image[28] | (image[29] << 8) | (image[30] << 16) | (image[31] << 24)) >>> 0;
    const q = qemuTrace(bin);
    const r = traceInProcess(image, COUNT + 10);
    const cmp = compareTraces(q, r, entry.toString(16), COUNT);
    const m = cmp.firstMismatch;
    assert.equal(m, undefined, m && `first mismatch at instruction ${m.index} (${m.field}):\n  qemu:     ${formatRecord(m.qemu)}\n  ringstep: ${formatRecord(m.ringstep)}`);
    const available = Math.min(collapseRepeats(q).length, collapseRepeats(r).length) - 1;
    assert.ok(cmp.compared >= Math.min(COUNT, available - 1) && cmp.compared > 100, `only ${cmp.compared} records compared`);
    console.log(`# ${name}: ${cmp.agreeing}/${cmp.compared} records agree`);
  });
}
