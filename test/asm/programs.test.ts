// Real-world style NASM programs (boot sector, GDT, long mode, context switch, macros, struc, frames) compared with nasm byte for byte.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nasmAvailable, runNasm, runOurs, hex } from './nasm-run';

const dir = join(import.meta.dirname, 'programs', 'nasm');
const programs = readdirSync(dir).filter((f) => f.endsWith('.asm')).sort();
const have = nasmAvailable();

test('the program corpus has at least 10 programs', () => {
  assert.ok(programs.length >= 10, `only ${programs.length}`);
});

for (const name of programs) {
  test(`${name} assembles to the same bytes as nasm`, { skip: !have && 'nasm is not installed' }, () => {
    const file = join(dir, name);
    const src = readFileSync(file, 'utf8');
    const ours = runOurs(src, file, [dir]);
    const errors = ours.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors, []);
    const ref = runNasm(src, [dir], name);
    assert.equal(ref.error, undefined, ref.error);
    assert.equal(hex(ours.image), hex(ref.bytes));
  });
}

test('struc and %arg/%local produce debug information', () => {
  const s = runOurs(readFileSync(join(dir, 'struc-usage.asm'), 'utf8'), join(dir, 'struc-usage.asm'));
  const task = s.debugInfo.strucs.find((x) => x.name === 'task');
  assert.ok(task);
  assert.equal(task.size, 2 + 2 + 8 + 16 + 4);
  assert.deepEqual(task.fields.map((f) => [f.name, f.offset, f.size]), [['id', 0, 2], ['flags', 2, 2], ['pos', 4, 8], ['name', 12, 16], ['next', 28, 4]]);
  const f = runOurs(readFileSync(join(dir, 'arg-local-frames.asm'), 'utf8'), join(dir, 'arg-local-frames.asm'));
  const swap = f.debugInfo.frames.find((x) => x.proc === 'swap_words');
  assert.ok(swap);
  assert.equal(swap.frameRegister, 'ebp');
  assert.deepEqual(swap.args, [{ name: 'p', offset: 8, size: 4 }, { name: 'q', offset: 12, size: 4 }]);
  assert.deepEqual(swap.locals, [{ name: 'tmp', offset: -4, size: 4 }, { name: 'count', offset: -8, size: 2 }]);
  const scale = f.debugInfo.frames.find((x) => x.proc === 'scale64');
  assert.equal(scale?.frameRegister, 'rbp');
  assert.deepEqual(scale?.args.map((a) => a.offset), [16, 24]);
  assert.ok(swap.start < swap.end && swap.end <= scale!.start);
});
