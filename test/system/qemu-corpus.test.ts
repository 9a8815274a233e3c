// Differential test of the system-architecture corpus: each program's serial transcript and exit status under Ringstep equal QEMU's.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { applyDiffs, assemble, firstDifference, programMeta, programNames, ringstepMode, runQemu, runRingstep, systemToolsPresent } from './harness';

const only = process.env.RINGSTEP_SYSTEM_ONLY?.split(',');
// Under CI a missing QEMU or nasm throws here: the file fails instead of skipping.
const tools = systemToolsPresent();

// Two programs at a time: each runs QEMU and Ringstep side by side (QEMU's TCG thread and node share the two cores).
describe('system-architecture corpus against QEMU', { concurrency: 2, skip: !tools && 'qemu-system-x86_64 or nasm missing (a failure under CI)' }, () => {
  for (const name of programNames()) {
    if (only && !only.includes(name)) continue;
    const meta = programMeta(name);
    it(`${name}: ${meta.description} — same transcript and exit status as QEMU`, async () => {
      const bin = assemble(name);
      ringstepMode();
      const [q, r] = await Promise.all([runQemu(bin), runRingstep(bin)]);
      assert.ok(q.transcript.includes('END failures=') || meta.exit !== undefined, `QEMU did not finish the program (status ${q.status}):\n${q.transcript}${q.stderr}`);
      const expected = applyDiffs(q.transcript, meta);
      assert.equal(r.transcript, expected, `transcripts differ at ${firstDifference(expected, r.transcript)}\n${r.stderr}`);
      assert.equal(q.status, meta.qemuExit ?? meta.exit ?? 1, 'QEMU exit status');
      assert.equal(r.status, meta.exit ?? 1, `Ringstep exit status\n${r.stderr}`);
      if (meta.stderr) assert.ok(r.stderr.includes(meta.stderr), `Ringstep's stderr lacks ${JSON.stringify(meta.stderr)}:\n${r.stderr}`);
    });
  }
});
