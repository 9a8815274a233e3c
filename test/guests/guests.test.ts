// The self-checking guest corpus: every program must pass in the in-process machine and under `ringstep run` (QEMU as oracle with RINGSTEP_FULL).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { haveNasm } from '../helpers/nasm';
import { guestPrograms, nasmImage, runInProcess, runCliAsync, cliBuilt, builtinAssembly, haveQemu, runQemu, qemuAsSdm, type GuestRun } from './guest-run';

/**
 * Programs that fail because the emulator (not the program) is wrong: name -> the bug. The program
 * and its `.expected` file stay correct; the test is reported as todo until the emulator is fixed.
 */
const EMULATOR_BUGS: Record<string, string> = {};

const nasmOk = haveNasm();
const programs = guestPrograms();
const noNasm = !nasmOk && 'nasm is not installed (apt-get install nasm); the guest corpus is assembled with it';

/** The assertions every run of a program must meet: clean exit, no FAIL line, the expected transcript. */
function assertPasses(r: GuestRun, expected: string, how: string): void {
  assert.doesNotMatch(r.transcript, /^FAIL/m, `${how}: a check failed:\n${r.transcript}${r.stderr}`);
  assert.equal(r.status, 1, `${how}: exit status ${r.status} (1 = every check passed):\n${r.transcript}${r.stderr}`);
  assert.equal(r.transcript, expected, `${how}: transcript differs from the .expected file`);
}

test('the corpus has at least 30 programs, each with an .expected transcript that ends in a pass line', () => {
  assert.ok(programs.length >= 30, `only ${programs.length} programs`);
  for (const p of programs) assert.match(p.expected, /^pass \d+ checks\n$/m, `${p.name}.expected`);
});

for (const p of programs) {
  test(`${p.name} (direct${p.bits}, in-process): ${p.description}`, { skip: noNasm, todo: EMULATOR_BUGS[p.name] }, () => {
    assertPasses(runInProcess(nasmImage(p.file), p.bits), p.expected, 'in-process machine');
  });
}

// `ringstep run FILE.asm --boot directNN`: the built-in assembler and the CLI, when dist/cli.js is built.
// Each run is a child process, so a few run at once.
const cliSkip = noNasm || (!cliBuilt() && 'dist/cli.js is not built (npm run build)');
describe('ringstep run (built-in assembler and CLI)', { concurrency: 3 }, () => {
  for (const p of programs) {
    test(`${p.name} under ringstep run --boot direct${p.bits}`, { skip: cliSkip, todo: EMULATOR_BUGS[p.name] }, async (t) => {
      const image = nasmImage(p.file);
      const asm = builtinAssembly(p.file, image);
      if (asm.errors.length) {
        t.diagnostic(`the built-in assembler rejects ${p.name}.asm:\n${asm.errors.join('\n')}`);
        t.skip(`built-in assembler rejects it: ${asm.errors[0]}`);
        return;
      }
      if (!asm.sameBytes) t.diagnostic(`the built-in assembler's image differs from nasm's at offset 0x${asm.firstDifference!.toString(16)}`);
      assertPasses(await runCliAsync(p.file, p.bits), p.expected, 'ringstep run');
    });
  }
});

// The oracle: the same bytes booted by QEMU through lib.inc's multiboot shim print the same transcript.
const qemuSkip = !process.env.RINGSTEP_FULL ? 'set RINGSTEP_FULL=1 to compare with QEMU' : !haveQemu() && 'qemu-system-x86_64 is not installed';
for (const p of programs) {
  test(`${p.name} prints the same transcript under QEMU (oracle)`, { skip: noNasm || qemuSkip }, () => {
    assertPasses(qemuAsSdm(p.name, runQemu(nasmImage(p.file))), p.expected, 'QEMU (with its known departures from the SDM replaced)');
  });
}
