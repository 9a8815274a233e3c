// GNU as oracle corpus: every form of the instruction table per mode, in AT&T and GAS Intel syntax, byte-exact with GNU as.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gasPrefixOrder } from '../../../src/asm/gas/encoding-preferences';
import { compareGasCorpus } from './corpus-compare';
import { gasCorpusLines } from './corpus-generator';
import { haveGas, type GasDialect } from './gas-run';

const available = haveGas();
const LEGACY = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]);

/** Our bytes with the listed prefix-order preference applied (what the encoder gives once it takes GNU as's order). */
function withGasPrefixOrder(hexBytes: string): string {
  const b = [...Buffer.from(hexBytes, 'hex')];
  let n = 0;
  while (n < b.length && LEGACY.has(b[n])) n++;
  return Buffer.from(gasPrefixOrder(b, n)).toString('hex');
}

for (const syntax of ['att', 'gas-intel'] as GasDialect[]) {
  test(`the ${syntax} corpus has at least 5000 distinct lines`, () => {
    const all = new Set<string>();
    for (const bits of [16, 32, 64] as const) for (const l of gasCorpusLines(bits, syntax)) all.add(`${bits}|${l}`);
    assert.ok(all.size >= 5000, `only ${all.size} lines`);
  });
  for (const bits of [16, 32, 64] as const) {
    test(`${syntax} ${bits}-bit corpus: every line GNU as accepts has GNU as's bytes (prefix order is the one listed encoder preference)`, { skip: available ? false : 'GNU as not installed' }, () => {
      const r = compareGasCorpus(bits, syntax, gasCorpusLines(bits, syntax));
      const accepted = r.total - r.gasRejected.length;
      const orderOnly = r.mismatches.filter((m) => m.ours && withGasPrefixOrder(m.ours) === m.gas);
      const other = r.mismatches.filter((m) => !orderOnly.includes(m));
      const rejectedToo = r.gasRejected.filter((x) => x.weRejectToo).length;
      console.log(`# ${syntax} ${bits}: ${r.total} lines, GNU as accepts ${accepted}; byte-exact ${r.agree}; prefix order only ${orderOnly.length}; other ${other.length}; GNU as rejects ${r.gasRejected.length}, we reject ${rejectedToo} of them`);
      assert.deepEqual(other.slice(0, 20).map((m) => `${m.text}: ours=${m.ours} gas=${m.gas} ${m.error ?? ''}`), []);
      assert.ok(r.agree + orderOnly.length === accepted);
    });
  }
}
