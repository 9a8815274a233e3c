// Real-world style GNU as programs (AT&T and GAS Intel): byte-exact against GNU as + ld, and the line map round trip.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { guessGasBits } from '../../../src/asm/gas/front-end';
import type { AsmResult } from '../../../src/asm/types';
import { assembleGasFile, haveGas, hex, runGnuAs, type GasDialect } from './gas-run';

const root = join(__dirname, '..', 'programs');
const available = haveGas();

function programs(dir: string): string[] {
  return readdirSync(join(root, dir)).filter((f) => /\.(s|S)$/.test(f)).sort().map((f) => join(root, dir, f));
}

/** Sections in the order our layout places them (.text, other progbits, then nobits). */
function sectionOrder(r: AsmResult): string[] {
  const list = Object.values(r.sections).filter((s) => s.size > 0 || s.name === '.text').sort((a, b) => a.start - b.start);
  return list.map((s) => s.name);
}

/** address -> line -> address: every emitted range maps to its line, and the line's first address maps back to it. */
export function checkLineMap(r: AsmResult): void {
  assert.ok(r.lineMap.length > 0, 'line map is empty');
  const byLine = new Map<string, number>();
  for (const e of r.lineMap) {
    const k = `${e.file}:${e.line}`;
    if (!byLine.has(k) || e.address < byLine.get(k)!) byLine.set(k, e.address);
  }
  const lineAt = (addr: number) => {
    const hit = r.lineMap.filter((e) => addr >= e.address && addr < e.address + e.length);
    return hit.length ? `${hit[0].file}:${hit[0].line}` : undefined;
  };
  for (const e of r.lineMap) {
    assert.equal(lineAt(e.address), `${e.file}:${e.line}`, `address 0x${e.address.toString(16)} maps to another line`);
    const src = r.sources.get(e.file);
    assert.ok(src !== undefined, `no source text kept for ${e.file}`);
    assert.ok(e.line >= 1 && e.line <= src!.split('\n').length, `line ${e.line} outside ${e.file}`);
  }
  for (const [k, addr] of byLine) assert.equal(lineAt(addr), k, `first address of ${k} maps back elsewhere`);
}

for (const [dir, dialect] of [['att', 'att'], ['gas-intel', 'gas-intel']] as [string, GasDialect][]) {
  for (const file of programs(dir)) {
    const name = `${dir}/${file.slice(file.lastIndexOf('/') + 1)}`;
    test(`${name} assembles byte-exact with GNU as and its line map round-trips`, { skip: available ? false : 'GNU as/ld not installed' }, () => {
      const source = readFileSync(file, 'latin1');
      const bits = guessGasBits(source);
      const ours = assembleGasFile(file, dialect, undefined, [join(root, dir)]);
      const errors = ours.diagnostics.filter((d) => d.severity === 'error');
      assert.deepEqual(errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`), [], 'our assembler reports errors');
      const oracle = runGnuAs(file, bits, sectionOrder(ours), [join(root, dir)]);
      assert.ok(oracle.bytes, `GNU as failed: ${oracle.error}`);
      assert.equal(hex(ours.image), hex(oracle.bytes), 'image differs from GNU as');
      for (const [sym, addr] of oracle.symbols) {
        const mine = ours.symbols.get(sym);
        if (mine && mine.kind === 'label') assert.equal(mine.value, addr, `symbol ${sym}`);
      }
      checkLineMap(ours);
    });
  }
}
