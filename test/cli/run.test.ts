// `ringstep run` as a user runs it: exit statuses from the guest, triple-fault reports, limits, traces, asm sources and bad input.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveNasm, nasm } from '../helpers/nasm';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'bin/ringstep');
const dir = mkdtempSync(join(tmpdir(), 'ringstep-cli-'));
const HAVE = haveNasm();

before(() => {
  if (!existsSync(join(root, 'dist/cli.js'))) {
    const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
    assert.equal(b.status, 0, 'build failed');
  }
});

function run(args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MB = (body: string) => `
bits 32
org 0x100000
hdr: dd 0x1BADB002, 0x10003, -(0x1BADB002 + 0x10003), hdr, hdr, end, end, start
start:
${body}
end:
`;

test('the guest exit value V written to port 0xF4 becomes status (V << 1) | 1, and COM1 output goes to stdout', { skip: !HAVE }, () => {
  const f = join(dir, 'exit.bin');
  writeFileSync(f, nasm(MB(`
  mov dx, 0x3f8
  mov al, 'h'
  out dx, al
  mov al, 10
  out dx, al
  mov dx, 0xf4
  mov eax, 21
  out dx, eax`)));
  const r = run(['run', f]);
  assert.equal(r.stdout, 'h\n');
  assert.equal(r.status, 43);
});

test('a triple fault exits 98 and prints the chain of faults', { skip: !HAVE }, () => {
  const f = join(dir, 'tf.bin');
  writeFileSync(f, nasm(MB(`
  lidt [idtr]
  ud2
idtr: dw 0
      dd 0`)));
  const r = run(['run', f]);
  assert.equal(r.status, 98);
  assert.match(r.stderr, /triple fault/);
  assert.match(r.stderr, /#UD/);
  assert.match(r.stderr, /#DF/);
});

test('--max-instructions stops a guest that never exits with status 124', { skip: !HAVE }, () => {
  const f = join(dir, 'loop.bin');
  writeFileSync(f, nasm(MB('  jmp $')));
  const r = run(['run', f, '--max-instructions', '10000']);
  assert.equal(r.status, 124);
  assert.match(r.stderr, /max-instructions/);
});

test('an asm source is assembled in-process and started with --boot direct64', () => {
  const f = join(dir, 'hello.asm');
  writeFileSync(f, `bits 64
org 0x100000
  lea rsi, [rel msg]
.next:
  lodsb
  test al, al
  jz .done
  out 0xe9, al
  jmp .next
.done:
  mov eax, 3
  out 0xf4, eax
msg: db "from asm", 10, 0
`);
  const r = run(['run', f, '--boot', 'direct64']);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'from asm\n');
  assert.equal(r.status, 7);
});

test('asm errors are reported as file:line:column and nothing runs', () => {
  const f = join(dir, 'bad.asm');
  writeFileSync(f, 'bits 64\n  mov rax, rbx\n  mvo rax, 1\n');
  const r = run(['run', f, '--boot', 'direct64']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /bad\.asm:3:\d+: error: /);
  assert.equal(r.stdout, '');
});

test('--trace writes one register line per executed instruction', { skip: !HAVE }, () => {
  const f = join(dir, 'trace.bin');
  const t = join(dir, 'trace.txt');
  writeFileSync(f, nasm(MB(`
  mov eax, 1
  mov ebx, 2
  mov dx, 0xf4
  xor eax, eax
  out dx, eax`)));
  const r = run(['run', f, '--trace', t]);
  assert.equal(r.status, 1);
  const lines = readFileSync(t, 'utf8').trim().split('\n');
  assert.equal(lines.length, 5);
  assert.match(lines[0], /^RIP=0000000000100020 RSP=0000000000006f08 RFLAGS=00000006 CS=0008 SS=0010 CR0=00000011 CR3=0000000000000000 EFER=0000000000000000$/);
  assert.match(lines[1], /^RIP=0000000000100025 /);
});

test('usage errors say what is wrong and exit 2', () => {
  assert.equal(run(['run']).status, 2);
  const r = run(['run', join(dir, 'missing.bin')]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /no such file/);
  assert.match(run(['run', 'x', '--boot', 'floppy']).stderr, /unknown boot method/);
  assert.match(run(['frobnicate']).stderr, /unknown command/);
});

test('an image with nothing to tell how to boot it asks for --boot', () => {
  const f = join(dir, 'raw.bin');
  writeFileSync(f, new Uint8Array([0x90, 0x90, 0xf4]));
  const r = run(['run', f]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /give --boot/);
});
