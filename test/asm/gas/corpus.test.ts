// GNU as oracle corpus: every form of the instruction table per mode, in AT&T and GAS Intel syntax, byte-exact with GNU as.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareGasCorpus } from './corpus-compare';
import { gasCorpusLines } from './corpus-generator';
import { haveGas, type GasDialect } from './gas-run';

const available = haveGas();

for (const syntax of ['att', 'gas-intel'] as GasDialect[]) {
  test(`the ${syntax} corpus has at least 5000 distinct lines`, () => {
    const all = new Set<string>();
    for (const bits of [16, 32, 64] as const) for (const l of gasCorpusLines(bits, syntax)) all.add(`${bits}|${l}`);
    assert.ok(all.size >= 5000, `only ${all.size} lines`);
  });
  for (const bits of [16, 32, 64] as const) {
    test(`${syntax} ${bits}-bit corpus: every line GNU as accepts has GNU as's bytes, legacy prefix order included`, { skip: available ? false : 'GNU as not installed' }, () => {
      const r = compareGasCorpus(bits, syntax, gasCorpusLines(bits, syntax));
      const accepted = r.total - r.gasRejected.length;
      const rejectedToo = r.gasRejected.filter((x) => x.weRejectToo).length;
      console.log(`# ${syntax} ${bits}: ${r.total} lines, GNU as accepts ${accepted}; byte-exact ${r.agree}; differ ${r.mismatches.length}; GNU as rejects ${r.gasRejected.length}, we reject ${rejectedToo} of them`);
      assert.deepEqual(r.mismatches.slice(0, 20).map((m) => `${m.text}: ours=${m.ours} gas=${m.gas} ${m.error ?? ''}`), []);
      assert.equal(r.agree, accepted);
      // GAS Intel: every line GNU as rejects is rejected here too (AT&T still accepts some; see the log line).
      if (syntax === 'gas-intel') assert.deepEqual(r.gasRejected.filter((x) => !x.weRejectToo).slice(0, 20).map((x) => `${x.text}: GNU as says ${x.message}`), []);
    });
  }
}
