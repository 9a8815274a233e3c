// Differential test of the system-architecture corpus: each program's serial transcript and exit status under Ringstep equal QEMU's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { applyDiffs, assemble, firstDifference, programMeta, programNames, runQemu, runRingstep } from './harness';

const tools = spawnSync('qemu-system-x86_64', ['--version']).status === 0 && spawnSync('nasm', ['-v']).status === 0;
const only = process.env.RINGSTEP_SYSTEM_ONLY?.split(',');

for (const name of programNames()) {
  if (only && !only.includes(name)) continue;
  const meta = programMeta(name);
  test(`${name}: ${meta.description} — same transcript and exit status as QEMU`, { skip: !tools && 'qemu-system-x86_64 or nasm missing' }, () => {
    const bin = assemble(name);
    const q = runQemu(bin);
    const r = runRingstep(bin);
    assert.ok(q.transcript.includes('END failures=') || meta.exit !== undefined, `QEMU did not finish the program:\n${q.transcript}${q.stderr}`);
    const expected = applyDiffs(q.transcript, meta);
    assert.equal(r.transcript, expected, `transcripts differ at ${firstDifference(expected, r.transcript)}\n${r.stderr}`);
    assert.equal(q.status, meta.qemuExit ?? meta.exit ?? 1, 'QEMU exit status');
    assert.equal(r.status, meta.exit ?? 1, `Ringstep exit status\n${r.stderr}`);
  });
}
