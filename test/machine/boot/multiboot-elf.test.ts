// Multiboot ELF32 kernels with boot modules: `ringstep run --initrd` prints what `qemu -kernel -initrd` prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { haveNasm } from '../../helpers/nasm';
import { haveQemu } from '../../helpers/qemu';

const root = new URL('../../..', import.meta.url).pathname;
const HAVE = haveNasm() && spawnSync('ld', ['--version']).status === 0;

const KERNEL = `
bits 32
section .text
align 4
  dd 0x1BADB002, 0x00000003, -(0x1BADB002 + 0x00000003)
global _start
_start:
  mov esi, msg
  call puts
  mov eax, [ebx + 20]          ; mods_count
  add al, '0'
  call putc
  mov al, 10
  call putc
  mov edi, [ebx + 24]          ; mods_addr
  mov ecx, [ebx + 20]
.mod:
  push ecx
  mov esi, [edi]               ; mod_start
  mov ecx, [edi + 4]
  sub ecx, esi                 ; length
.byte:
  lodsb
  call putc
  loop .byte
  mov al, 10
  call putc
  add edi, 16
  pop ecx
  loop .mod
  mov eax, [ebx + 8]           ; mem_upper must be sane: at least 64 MiB
  cmp eax, 64 * 1024
  jb .bad
  mov dx, 0xf4
  mov eax, 5
  out dx, eax
.bad:
  mov dx, 0xf4
  mov eax, 9
  out dx, eax
puts:
  lodsb
  test al, al
  jz .r
  call putc
  jmp puts
.r: ret
putc:
  push edx
  mov dx, 0x3f8
  out dx, al
  pop edx
  ret
section .data
msg: db "elf kernel, modules: ", 0
`;

const EXPECTED = 'elf kernel, modules: 2\nfirst module\nsecond\n';

test('an ELF32 multiboot kernel gets its modules, under Ringstep and under QEMU alike', { skip: !HAVE }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'ringstep-elf-'));
  writeFileSync(join(dir, 'k.asm'), KERNEL);
  writeFileSync(join(dir, 'm1'), 'first module');
  writeFileSync(join(dir, 'm2'), 'second');
  assert.equal(spawnSync('nasm', ['-f', 'elf32', '-o', join(dir, 'k.o'), join(dir, 'k.asm')]).status, 0);
  const ld = spawnSync('ld', ['-m', 'elf_i386', '-Ttext=0x100000', '-o', join(dir, 'k.elf'), join(dir, 'k.o')], { encoding: 'utf8' });
  assert.equal(ld.status, 0, ld.stderr);
  if (!existsSync(join(root, 'dist/cli.js'))) assert.equal(spawnSync(process.execPath, [join(root, 'scripts/build.mjs')]).status, 0);
  const mods = `${join(dir, 'm1')},${join(dir, 'm2')}`;
  const r = spawnSync(process.execPath, [join(root, 'bin/ringstep'), 'run', join(dir, 'k.elf'), '--initrd', mods], { encoding: 'utf8' });
  assert.equal(r.stdout, EXPECTED, r.stderr);
  assert.equal(r.status, 11);
  if (haveQemu()) {
    const q = spawnSync('qemu-system-x86_64', ['-cpu', 'max', '-kernel', join(dir, 'k.elf'), '-initrd', mods, '-serial', 'stdio', '-display', 'none', '-no-reboot',
      '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(q.stdout, EXPECTED);
    assert.equal(q.status, 11);
  }
});
