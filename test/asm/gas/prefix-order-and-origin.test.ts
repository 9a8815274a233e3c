// GNU as sources through assemble(), `ringstep asm` and `ringstep run`: GNU as's legacy prefix order in the real output, and the origin/bits options.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../../src/asm/index';
import { gnuLegacyPrefixOrder } from '../../../src/asm/gas/encoding-preferences';
import { asmCommand } from '../../../src/cli/asm-command';
import { runCommand } from '../../../src/cli/run-command';
import { haveGas, hex, runGnuAs } from './gas-run';

const available = haveGas();

/** Bytes of one instruction line assembled by assemble() in the given dialect and mode. */
function bytesOf(line: string, syntax: 'att' | 'gas-intel' | 'nasm', bits: 16 | 32 | 64): string {
  const src = syntax === 'nasm' ? `bits ${bits}\n${line}\n` : `${syntax === 'gas-intel' ? '.intel_syntax noprefix\n' : ''}${line}\n`;
  const r = assemble(src, { file: syntax === 'nasm' ? 'p.asm' : 'p.s', syntax, bits });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error'), [], line);
  return Buffer.from(r.image).toString('hex');
}

// Expected bytes are GNU as 2.40's (and NASM 2.16's for the NASM lines); the corpus test checks thousands more against the installed GNU as.
const GAS_ORDER: [string, 'att' | 'gas-intel', 16 | 32 | 64, string][] = [
  ['lock add %ax,(%rax)', 'att', 64, '66f00100'],
  ['lock add word ptr [rax], ax', 'gas-intel', 64, '66f00100'],
  ['add %ax,(%eax,%ebx)', 'att', 64, '6766010418'],
  ['rep movsb %fs:(%esi),%es:(%edi)', 'att', 32, '64f3a4'],
  ['lock cmpxchg %ax,%fs:(%ebx)', 'att', 32, '6466f00fb103'],
  ['popcnt %ax,%bx', 'att', 32, '66f30fb8d8'],
  ['movdqa (%eax),%xmm1', 'att', 64, '67660f6f08'],
];

test('GNU as sources get GNU as\'s legacy prefix order (segment, 67, 66, F2/F3, F0) in the image', () => {
  for (const [line, syntax, bits, want] of GAS_ORDER) assert.equal(bytesOf(line, syntax, bits), want, `${syntax} ${bits}: ${line}`);
});

test('NASM sources keep NASM\'s prefix order (F0/F2/F3, segment, 66, 67)', () => {
  assert.equal(bytesOf('lock add [rax], ax', 'nasm', 64), 'f0660100');
  assert.equal(bytesOf('add [eax+ebx], ax', 'nasm', 64), '6667010418');
  assert.equal(bytesOf('fs rep movsb', 'nasm', 32), 'f364a4');
});

test('the prefix order matches the installed GNU as on the lines above', { skip: available ? false : 'GNU as not installed' }, () => {
  const d = mkdtempSync(join(tmpdir(), 'rs-gas-order-'));
  for (const [line, syntax, bits, want] of GAS_ORDER) {
    const f = join(d, 'o.s');
    writeFileSync(f, `${syntax === 'gas-intel' ? '.intel_syntax noprefix\n' : ''}.code${bits}\n${line}\n`);
    const r = runGnuAs(f, bits, ['.text']);
    assert.equal(r.error, undefined, r.stderr);
    assert.equal(hex(r.bytes), want, line);
  }
});

test('gnuLegacyPrefixOrder leaves instructions with fewer than two prefixes as they are (same array)', () => {
  const one = [0x66, 0x01, 0x00];
  assert.equal(gnuLegacyPrefixOrder(one), one);
  const none = [0x90];
  assert.equal(gnuLegacyPrefixOrder(none), none);
  assert.deepEqual(gnuLegacyPrefixOrder([0xf0, 0x64, 0x66, 0x67, 0x01, 0x00]), [0x64, 0x67, 0x66, 0xf0, 0x01, 0x00]);
});

/** A boot sector: prints "ok" on port 0xE9 from a string found by its absolute address, then exits with 0x21. */
const BOOT = (intel: boolean) => (intel ? `.intel_syntax noprefix
start:
  xor ax, ax
  mov ds, ax
  mov si, offset msg
next:
  lodsb
  test al, al
  jz done
  out 0xe9, al
  jmp next
done:
  mov al, 0x21
  out 0xf4, al
  hlt
msg: .asciz "ok\\n"
.org 510
.word 0xaa55
` : `start:
  xor %ax, %ax
  mov %ax, %ds
  mov $msg, %si
next:
  lodsb
  test %al, %al
  jz done
  out %al, $0xe9
  jmp next
done:
  mov $0x21, %al
  out %al, $0xf4
  hlt
msg: .asciz "ok\\n"
.org 510
.word 0xaa55
`);

test('origin places a GNU as source at its link address (what ld -Ttext 0x7c00 does)', () => {
  for (const intel of [false, true]) {
    const r = assemble(BOOT(intel), { file: 'boot.s', syntax: intel ? 'gas-intel' : 'att', bits: 16, origin: 0x7c00 });
    assert.deepEqual(r.diagnostics, []);
    assert.equal(r.origin, 0x7c00);
    assert.equal(r.image.length, 512);
    assert.equal(r.symbols.get('start')?.value, 0x7c00);
    const msg = r.symbols.get('msg')!.value;
    assert.ok(msg > 0x7c00 && msg < 0x7c00 + 510);
    // mov $msg, %si is BE imm16 at offset 4 (after xor and mov %ax,%ds).
    assert.equal(r.image[4], 0xbe);
    assert.equal(r.image[5] | (r.image[6] << 8), msg);
    assert.equal(r.image[510] | (r.image[511] << 8), 0xaa55);
    // Without the option the same source starts at 0.
    const r0 = assemble(BOOT(intel), { file: 'boot.s', syntax: intel ? 'gas-intel' : 'att', bits: 16 });
    assert.equal(r0.origin, 0);
    assert.equal(r0.symbols.get('msg')!.value, msg - 0x7c00);
  }
});

test('the origin option gives the bytes GNU as and ld -Ttext 0x7c00 give', { skip: available ? false : 'GNU as not installed' }, () => {
  const d = mkdtempSync(join(tmpdir(), 'rs-gas-origin-'));
  for (const intel of [false, true]) {
    const f = join(d, 'boot.s');
    writeFileSync(f, `.code16\n${BOOT(intel)}`);
    const g = runGnuAs(f, 16, ['.text'], [], 0x7c00);
    assert.equal(g.error, undefined, g.stderr);
    const r = assemble(readFileSync(f, 'utf8'), { file: f, syntax: intel ? 'gas-intel' : 'att', origin: 0x7c00 });
    assert.deepEqual(r.diagnostics, []);
    assert.equal(Buffer.from(r.image).toString('hex'), hex(g.bytes));
    assert.equal(r.symbols.get('msg')?.value, g.symbols.get('msg'));
  }
});

test('a NASM source given the origin option is told to use org', () => {
  const r = assemble('bits 16\nnop\n', { file: 'a.asm', syntax: 'nasm', origin: 0x7c00 });
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0].severity, 'warning');
  assert.match(r.diagnostics[0].message, /org/);
});

function capture(): { restore: () => string } {
  const orig = process.stderr.write.bind(process.stderr);
  let text = '';
  (process.stderr as any).write = (s: string) => { text += s; return true; };
  return { restore: () => { (process.stderr as any).write = orig; return text; } };
}

test('ringstep asm --bits 16 --origin 0x7c00 assembles a GNU as boot sector that has no .code16', async () => {
  const d = mkdtempSync(join(tmpdir(), 'rs-gas-cli-'));
  writeFileSync(join(d, 'boot.s'), BOOT(false));
  assert.equal(await asmCommand([join(d, 'boot.s'), '-o', join(d, 'boot.bin'), '--bits', '16', '--origin=0x7c00']), 0);
  const img = readFileSync(join(d, 'boot.bin'));
  assert.equal(img.length, 512);
  assert.equal(img.subarray(0, 4).toString('hex'), '31c08ed8'); // 16-bit xor %ax,%ax; mov %ax,%ds (64-bit would be 66 31 c0)
  assert.ok((img[5] | (img[6] << 8)) > 0x7c00);
  const c = capture();
  const bad = await asmCommand([join(d, 'boot.s'), '-o', join(d, 'x.bin'), '--bits', '8']);
  const bad2 = await asmCommand([join(d, 'boot.s'), '-o', join(d, 'x.bin'), '--origin', 'seven']);
  const err = c.restore();
  assert.equal(bad, 1);
  assert.equal(bad2, 1);
  assert.match(err, /--bits: '8' is not 16, 32 or 64/);
  assert.match(err, /--origin: 'seven' is not a number/);
});

/** Runs `ringstep run` in this process (the bundled CLI may predate the sources), capturing stdout and stderr. */
async function ringstepRun(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  let stdout = '';
  let stderr = '';
  (process.stdout as any).write = (s: string | Uint8Array) => { stdout += typeof s === 'string' ? s : Buffer.from(s).toString('latin1'); return true; };
  (process.stderr as any).write = (s: string | Uint8Array) => { stderr += typeof s === 'string' ? s : Buffer.from(s).toString('latin1'); return true; };
  try {
    const status = await runCommand(args);
    return { status, stdout, stderr };
  } finally {
    (process.stdout as any).write = out;
    (process.stderr as any).write = err;
  }
}

test('ringstep run --bits 16 --origin 0x7c00 boots a GNU as boot sector source', async () => {
  const d = mkdtempSync(join(tmpdir(), 'rs-gas-run-'));
  for (const intel of [false, true]) {
    const f = join(d, intel ? 'boot-intel.s' : 'boot.s');
    writeFileSync(f, BOOT(intel));
    const run = (extra: string[]) => ringstepRun([f, '--syntax', intel ? 'gas-intel' : 'att', '--max-instructions', '10000', ...extra]);
    const r = await run(['--bits', '16', '--origin', '0x7c00']);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'ok\n');
    assert.equal(r.status, (0x21 << 1) | 1);
    // Linked at 0, the string address is wrong: the guest prints something else.
    const r0 = await run(['--bits', '16', '--boot', 'bootsector']);
    assert.notEqual(r0.stdout, 'ok\n');
  }
  await assert.rejects(ringstepRun([join(d, 'boot.s'), '--bits', '15']), /--bits: '15' is not 16, 32 or 64/);
});
