// Fuzzing: mutated corpus programs never throw, and every rejected input carries located diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';

const dir = join(import.meta.dirname, 'programs', 'nasm');
const sources = readdirSync(dir).filter((f) => f.endsWith('.asm')).sort().map((f) => readFileSync(join(dir, f), 'utf8'));
const COUNT = process.env.RINGSTEP_FULL ? 100_000 : 10_000;

/** Deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ['[', ']', ',', ':', '%', '%%', '$', '$$', '(', ')', '+', '*', 'eax', 'rax', 'byte', 'qword', 'times', '%macro', '%endmacro', '%rep', '%if', '%endif', '0x', '"', '`', '\\', '.', 'equ', 'db', 'far', 'short', 'rel', '1/0', 'strict', '%define x x', 'struc', 'endstruc', 'istruc', 'at', '%push', '%pop', '%$x', '%1', 'org', 'bits 64', 'section .bss'];

function mutate(src: string, r: () => number): string {
  const lines = src.split('\n');
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(r() * lines.length);
    const line = lines[i];
    const op = Math.floor(r() * 6);
    const pos = Math.floor(r() * (line.length + 1));
    if (op === 0) lines[i] = line.slice(0, pos) + TOKENS[Math.floor(r() * TOKENS.length)] + line.slice(pos);
    else if (op === 1) lines[i] = line.slice(0, pos) + line.slice(pos + 1 + Math.floor(r() * 5));
    else if (op === 2) lines.splice(i, 1);
    else if (op === 3) lines.splice(i, 0, lines[Math.floor(r() * lines.length)]);
    else if (op === 4) lines[i] = line.slice(0, pos) + String.fromCharCode(32 + Math.floor(r() * 95)) + line.slice(pos);
    else lines[i] = line.replace(/\b\d+\b/, String(Math.floor(r() * 70000) - 1000));
  }
  return lines.join('\n');
}

test(`${COUNT} mutated programs: no exception, rejected inputs have located diagnostics`, () => {
  const r = rng(12345);
  let rejected = 0;
  const t0 = Date.now();
  for (let k = 0; k < COUNT; k++) {
    const src = mutate(sources[k % sources.length], r);
    const lineCount = src.split('\n').length;
    const res = assemble(src, { file: 'fuzz.asm', readFile: () => undefined });
    const errors = res.diagnostics.filter((d) => d.severity === 'error');
    for (const d of errors) {
      assert.ok(!d.message.startsWith('internal assembler error'), `internal error on input #${k}: ${d.message}\n${src}`);
      assert.ok(d.line >= 1 && d.column >= 1 && d.endColumn > d.column, `bad location ${JSON.stringify(d)}`);
      if (d.file === 'fuzz.asm') assert.ok(d.line <= lineCount + 1, `line ${d.line} beyond ${lineCount}`);
    }
    if (errors.length) rejected++;
  }
  console.log(`fuzz: ${COUNT} inputs, ${rejected} rejected with diagnostics, ${COUNT - rejected} accepted, ${Date.now() - t0} ms`);
});
