// assemble() picks the dialect from the file name and content and runs the GNU as front ends, byte-exact with GNU as.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble, guessSyntax } from '../../src/asm/index';

function haveAs(): boolean {
  const ok = spawnSync('as', ['--version']).status === 0 && spawnSync('objcopy', ['--version']).status === 0;
  if (!ok && process.env.CI) throw new Error('GNU as and objcopy are required in CI (apt-get install binutils)');
  return ok;
}
const HAVE = haveAs();

function gnuAs(source: string, bits: 32 | 64): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ringstep-gas-'));
  writeFileSync(join(dir, 'a.s'), source);
  const a = spawnSync('as', [bits === 64 ? '--64' : '--32', '-o', join(dir, 'a.o'), join(dir, 'a.s')], { encoding: 'utf8' });
  assert.equal(a.status, 0, a.stderr);
  const o = spawnSync('objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'a.o'), join(dir, 'a.bin')], { encoding: 'utf8' });
  assert.equal(o.status, 0, o.stderr);
  return new Uint8Array(readFileSync(join(dir, 'a.bin')));
}

const XV6_SWTCH = `# Context switch (xv6)
.globl swtch
swtch:
  movl 4(%esp), %eax
  movl 8(%esp), %edx
  pushl %ebp
  pushl %ebx
  pushl %esi
  pushl %edi
  movl %esp, (%eax)
  movl %edx, %esp
  popl %edi
  popl %esi
  popl %ebx
  popl %ebp
  ret
`;

const INTEL_RETURN = `.intel_syntax noprefix
.global syscall_return
syscall_return:
  mov rsp, [rdi + 7*8]
  push qword ptr [rdi + 16*8]
  popfq
  mov rax, [rdi]
  mov rcx, [rdi + 16]
  mov r11, [rdi + 17*8]
  swapgs
  sysretq
`;

test('a .S file in AT&T syntax (xv6 swtch.S) assembles through assemble() exactly as GNU as', { skip: !HAVE }, () => {
  assert.equal(guessSyntax('swtch.S', XV6_SWTCH), 'att');
  const r = assemble(XV6_SWTCH, { file: 'swtch.S' });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(Buffer.from(r.image), Buffer.from(gnuAs(XV6_SWTCH, 32)));
});

test('a .s file with .intel_syntax noprefix assembles as GAS Intel syntax, exactly as GNU as', { skip: !HAVE }, () => {
  assert.equal(guessSyntax('trap.s', INTEL_RETURN), 'gas-intel');
  const r = assemble(INTEL_RETURN, { file: 'trap.s', bits: 64 });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(Buffer.from(r.image), Buffer.from(gnuAs(INTEL_RETURN, 64)));
});

test('errors in a GNU as file carry file, line and column', () => {
  const r = assemble('movl %eax, %ebx\n  movq $1, %rax, %rbx\n', { file: 'bad.s', bits: 64 });
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  assert.ok(errs.length >= 1);
  assert.equal(errs[0].file, 'bad.s');
  assert.equal(errs[0].line, 2);
  assert.ok(errs[0].column >= 1);
});
