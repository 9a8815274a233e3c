// Generated sources are current: re-running their generator reproduces the checked-in file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

test('src/machine/cpu/exec/fast-mem.ts is what scripts/gen-fast-mem.py generates', () => {
  const r = spawnSync('python3', [join(root, 'scripts/gen-fast-mem.py')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(join(root, 'src/machine/cpu/exec/fast-mem.ts'), 'utf8'), r.stdout);
});
