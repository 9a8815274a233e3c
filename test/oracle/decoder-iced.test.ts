// Differential test: our decoder and disassembler against iced-x86 on opcode-map sweeps and random bytes, 16/32/64-bit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HAS_MODRM } from '../../src/machine/cpu/dispatch';
import { Comparer, compareSlots, newTally, randomSlots, sweepSlots, type Tally } from './iced-compare';

const FULL = process.env.RINGSTEP_FULL === '1';
const RANDOM_PER_MODE = FULL ? 1_000_000 : 100_000;

/** Prefix variants for the opcode sweep: none, operand/address size, mandatory/REP, LOCK, segment, and REX in 64-bit mode. */
function prefixVariants(bits: 16 | 32 | 64): number[][] {
  const v = [[], [0x66], [0xf3], [0xf2], [0x67], [0xf0], [0x26], [0x66, 0xf3]];
  if (FULL) v.push([0x2e], [0x36], [0x3e], [0x64], [0x65], [0x67, 0x66], [0xf2, 0xf3], [0xf3, 0xf2], [0x66, 0xf2], [0xf0, 0x66], [0xf2, 0x66]);
  if (bits === 64) {
    v.push([0x48], [0x41], [0x44], [0x42], [0x4f], [0x66, 0x48]);
    if (FULL) v.push([0x40], [0x47], [0x45], [0x66, 0x4f], [0xf3, 0x48], [0xf2, 0x48], [0x48, 0x66], [0x64, 0x48]);
  }
  return v;
}

const hasModrm = (map: number, op: number): boolean => HAS_MODRM[map * 256 + op] === 1 || map >= 2;

function report(label: string, t: Tally): void {
  console.log(`${label}: compared ${t.compared}, agreed ${t.agreed}, allow-listed ${t.allowed}, disagreed ${t.disagreed}`);
  if (t.disagreements.length) console.log(t.disagreements.join('\n'));
}

for (const bits of [16, 32, 64] as const) {
  test(`${bits}-bit opcode-map sweep (one-byte, 0F, 0F38, 0F3A x prefixes x every ModRM) agrees with iced-x86`, () => {
    const c = new Comparer(bits);
    const t = newTally();
    for (const pv of prefixVariants(bits)) compareSlots(c, sweepSlots(bits, [pv], hasModrm), t);
    c.free();
    report(`${bits}-bit sweep`, t);
    assert.ok(t.compared > 1_000_000);
    assert.equal(t.disagreed, 0, t.disagreements.slice(0, 20).join('\n'));
  });

  test(`${bits}-bit random byte sequences (${RANDOM_PER_MODE}, fixed seed) agree with iced-x86`, () => {
    const c = new Comparer(bits);
    const t = newTally();
    const chunk = 100_000;
    for (let done = 0; done < RANDOM_PER_MODE; done += chunk) compareSlots(c, randomSlots(chunk, 0x5eed0000 + bits * 1000 + done / chunk), t);
    c.free();
    report(`${bits}-bit random`, t);
    assert.equal(t.compared, RANDOM_PER_MODE);
    assert.equal(t.disagreed, 0, t.disagreements.slice(0, 20).join('\n'));
  });
}
