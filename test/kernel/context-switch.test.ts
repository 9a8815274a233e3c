// The teaching kernel's context-switch demo: same transcript under Ringstep and QEMU, and the built-in assembler builds it byte for byte like nasm.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveNasm, nasm } from '../helpers/nasm';
import { haveQemu } from '../helpers/qemu';
import { Machine } from '../../src/machine/machine';
import { loadMultiboot } from '../../src/machine/boot/multiboot';
import { assemble } from '../../src/asm/index';

const root = new URL('../..', import.meta.url).pathname;
const SOURCE = readFileSync(join(root, 'kernel/context-switch.asm'), 'utf8');
const EXPECTED = readFileSync(join(root, 'kernel/context-switch.expected'), 'utf8');
const HAVE_NASM = haveNasm();

function runRingstep(image: Uint8Array): { text: string; exitCode?: number; reason: string; retired: number } {
  const out: number[] = [];
  const m = new Machine({ onOutput: (b) => out.push(b) });
  loadMultiboot(m.cpu, image, 'context-switch');
  let r;
  do r = m.run(1_000_000); while (r.reason === 'budget' && m.cpu.retired < 100_000_000);
  return { text: String.fromCharCode(...out), exitCode: r.exitCode, reason: r.reason, retired: m.cpu.retired };
}

test('the built-in assembler builds the kernel exactly as nasm does', { skip: !HAVE_NASM }, () => {
  const r = assemble(SOURCE, { file: 'kernel/context-switch.asm', syntax: 'nasm' });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(Buffer.from(r.image), Buffer.from(nasm(SOURCE)));
});

test('under Ringstep two ring-3 tasks take turns on timer interrupts and the kernel exits cleanly', () => {
  const r = assemble(SOURCE, { file: 'kernel/context-switch.asm', syntax: 'nasm' });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), []);
  const res = runRingstep(r.image);
  assert.equal(res.text, EXPECTED);
  assert.equal(res.reason, 'exit');
  assert.equal(res.exitCode, 1);
});

test('under QEMU the same kernel prints the same transcript', { skip: !HAVE_NASM || !haveQemu() }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ringstep-kernel-'));
  try {
    writeFileSync(join(dir, 'k.bin'), nasm(SOURCE));
    const q = spawnSync('qemu-system-x86_64', ['-cpu', 'max', '-kernel', join(dir, 'k.bin'), '-serial', 'stdio', '-display', 'none', '-no-reboot',
      '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'], { timeout: 60_000 });
    assert.equal(q.stdout.toString(), EXPECTED);
    assert.equal(q.status, 1);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
