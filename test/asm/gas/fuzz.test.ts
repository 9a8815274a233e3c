// Fuzzing the GNU as front end with mutated corpus programs: it never throws and every rejected input has located diagnostics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleGas, type GasDialect } from './gas-run';

const root = join(__dirname, '..', 'programs');
const COUNT = process.env.RINGSTEP_FULL ? 100_000 : 10_000;
const TOKENS = ['%', '$', '(', ')', ',', ':', '[', ']', '*', '\\', '"', "'", '#', ';', '.', '1f', '2b', '.rept 3', '.endr', '.macro m a', '.endm', '.if 1', '.endif', '.else',
  '%rax', '%st(9)', 'qword ptr', 'offset', 'fs:', '0x', '99999999999999999999', '-', '<<', '!', '.section', '.org 0', '.align 3', '.p2align 40', '.fill -1', '#include "x"',
  '#define A(x) x', '#if', '#endif', '.code16', '.code64', '.intel_syntax noprefix', '.att_syntax', 'lock', 'rep', 'm 1', '.set x, x+1', 'x', '.include "nope"', '\n', '/*', '*/'];

/** A small deterministic PRNG (mulberry32), so that failures reproduce. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(src: string, r: () => number): string {
  const lines = src.split('\n');
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(r() * lines.length);
    const line = lines[i] ?? '';
    const at = Math.floor(r() * (line.length + 1));
    switch (Math.floor(r() * 7)) {
      case 0: lines[i] = line.slice(0, at) + line.slice(at + 1 + Math.floor(r() * 4)); break;
      case 1: lines[i] = line.slice(0, at) + TOKENS[Math.floor(r() * TOKENS.length)] + line.slice(at); break;
      case 2: lines.splice(i, 0, line); break;
      case 3: lines.splice(i, 1); break;
      case 4: { const j = Math.floor(r() * lines.length); [lines[i], lines[j]] = [lines[j], lines[i]]; break; }
      case 5: lines[i] = line.slice(0, at); break;
      default: lines[i] = line.slice(0, at) + String.fromCharCode(32 + Math.floor(r() * 95)) + line.slice(at);
    }
  }
  return lines.join('\n');
}

test(`${COUNT} mutated GNU as programs: no exception, and every rejected input has diagnostics with valid locations`, () => {
  const inputs: { file: string; text: string; dialect: GasDialect; dir: string }[] = [];
  for (const [dir, dialect] of [['att', 'att'], ['gas-intel', 'gas-intel']] as [string, GasDialect][]) {
    for (const f of readdirSync(join(root, dir)).filter((x) => /\.(s|S)$/.test(x))) inputs.push({ file: join(root, dir, f), text: readFileSync(join(root, dir, f), 'latin1'), dialect, dir });
  }
  const r = rng(0x5eed);
  let rejected = 0;
  for (let k = 0; k < COUNT; k++) {
    const base = inputs[k % inputs.length];
    const text = mutate(base.text, r);
    const files = new Map<string, string>([[base.file, text]]);
    const res = assembleGas(text, {
      file: base.file, includePaths: [join(root, base.dir)],
      readFile: (p) => { if (files.has(p)) return files.get(p); try { return readFileSync(p, 'latin1'); } catch { return undefined; } },
    }, base.dialect);
    const internal = res.diagnostics.find((d) => d.message.startsWith('internal assembler error'));
    assert.equal(internal, undefined, `input ${k} (${base.file}) crashed the front end: ${internal?.message}\n---\n${text}`);
    const errors = res.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) rejected++;
    for (const d of res.diagnostics) {
      const src = res.sources.get(d.file) ?? (d.file === base.file ? text : undefined);
      assert.ok(src !== undefined || d.file === '', `input ${k}: diagnostic in unknown file '${d.file}': ${d.message}`);
      const nLines = (src ?? '').split('\n').length;
      assert.ok(d.line >= 1 && d.line <= nLines + 1, `input ${k}: line ${d.line} outside 1..${nLines}: ${d.message}`);
      assert.ok(d.column >= 1 && d.endColumn > d.column, `input ${k}: bad column range ${d.column}-${d.endColumn}: ${d.message}`);
      assert.ok(d.message.length > 0);
    }
  }
  console.log(`# ${COUNT} mutated inputs, ${rejected} rejected with diagnostics, none crashed`);
});
