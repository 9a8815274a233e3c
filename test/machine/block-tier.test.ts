// The block tier changes nothing a guest can observe: the same programs run with and without it to identical state, output and instruction counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { haveNasm, nasm } from '../helpers/nasm';
import { directMachine } from '../helpers/machine';

const root = new URL('../..', import.meta.url).pathname;
const HAVE = haveNasm();

function hash(b: Uint8Array): number {
  let h = 2166136261;
  for (let i = 0; i < b.length; i += 4) { h ^= b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24); h = Math.imul(h, 16777619); }
  return h >>> 0;
}

function runBoth(image: Uint8Array, bits: 32 | 64) {
  const results = [true, false].map((blocks) => {
    const t = directMachine(image, bits);
    t.m.cpu.blockTier = blocks;
    let r;
    do r = t.m.run(1_000_000); while (r.reason === 'budget' && t.m.cpu.retired < 50_000_000);
    return { r, out: t.text(), icount: t.m.cpu.icount, rip: t.m.cpu.rip, regs: [...t.m.cpu.regs], flags: t.m.cpu.flags, mem: hash(t.m.mem.ram), t };
  });
  return results;
}

const GUESTS = join(root, 'test/guests/programs');
const PROGRAMS = readdirSync(GUESTS).filter((f) => f.endsWith('.asm')).sort();

for (const f of PROGRAMS) {
  test(`${f}: identical with and without compiled blocks`, { skip: !HAVE }, () => {
    const src = readFileSync(join(GUESTS, f), 'utf8');
    const bits = /^\s*%define\s+LIB32|^\s*bits\s+32/m.test(src) ? 32 : 64;
    const image = nasm(src.replace(/%include "([^"]+)"/g, (_m, inc: string) => `%include "${join(GUESTS, inc)}"`));
    const [withBlocks, without] = runBoth(image, bits);
    assert.deepEqual(withBlocks.r, without.r);
    assert.equal(withBlocks.out, without.out);
    assert.equal(withBlocks.icount, without.icount);
    assert.equal(withBlocks.rip, without.rip);
    assert.deepEqual(withBlocks.regs, without.regs);
    assert.equal(withBlocks.mem, without.mem);
  });
}

test('hot loops are compiled into blocks (the tier is actually used)', { skip: !HAVE }, () => {
  const image = nasm(`
bits 64
org 0x100000
  mov ecx, 100000
.l:
  add rax, rcx
  xor rbx, rax
  dec ecx
  jnz .l
  xor eax, eax
  out 0xf4, eax
`);
  const t = directMachine(image, 64);
  assert.equal(t.m.run(1e7).reason, 'exit');
  // The loop head instruction carries a compiled block after the run.
  const cache = (t.m.cpu as unknown as { codeCache: ({ block: unknown } | undefined)[][] }).codeCache;
  const ins = cache[0x100000 / 4096]?.[5];
  assert.ok(ins && ins.block, 'no block compiled at the loop head');
});
