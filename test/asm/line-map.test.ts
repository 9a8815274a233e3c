// Line map round trip: for every byte-emitting line of the program corpus, address -> line -> address is exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runOurs } from './nasm-run';

const dir = join(import.meta.dirname, 'programs', 'nasm');

for (const name of readdirSync(dir).filter((f) => f.endsWith('.asm')).sort()) {
  test(`${name}: every emitted byte maps to one line and back to the same address`, () => {
    const file = join(dir, name);
    const r = runOurs(readFileSync(file, 'utf8'), file, [dir]);
    const entries = r.lineMap.filter((e) => !e.reserved && e.length > 0);
    assert.ok(entries.length > 0);
    // address -> entry: entries never overlap
    for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1].address + entries[i - 1].length <= entries[i].address, `overlap at ${entries[i].address}`);
    const lookup = (addr: number) => entries.find((e) => addr >= e.address && addr < e.address + e.length);
    for (const e of entries) {
      assert.ok(e.line >= 1 && e.column >= 1);
      for (const addr of [e.address, e.address + e.length - 1]) {
        const hit = lookup(addr);
        assert.ok(hit, `no entry for ${addr}`);
        // line -> first address of that (file, line, body line) statement
        const back = entries.find((x) => x.file === hit.file && x.line === hit.line && x.body?.line === hit.body?.line && x.address === hit.address);
        assert.equal(back?.address, e.address);
      }
    }
    // every image byte that belongs to code/data is covered
    let covered = 0;
    for (const e of entries) covered += e.length;
    const padding = entries.length ? r.image.length - covered : 0;
    assert.ok(padding >= 0);
  });
}

test('macro expansions map to the invocation line and keep the macro body line', () => {
  const src = '%macro two 0\n  nop\n  hlt\n%endmacro\nbits 32\n  two\n';
  const r = runOurs(src, 'm.asm');
  assert.deepEqual(r.lineMap.map((e) => [e.address, e.line, e.body?.line]), [[0, 6, 2], [1, 6, 3]]);
});
