// Unit tests for the disassembler's NASM-style text: sizes, branch targets, symbols, RIP-relative, prefixes, invalid bytes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBytes } from '../../src/machine/cpu/decoder';
import { disassemble, formatInstr } from '../../src/machine/cpu/disasm';

const dis = (bits: 16 | 32 | 64, ip: number, ...bytes: number[]): string => disassemble(new Uint8Array(bytes), 0, bits, ip).text;

test('memory operands carry a size keyword and signed displacements', () => {
  assert.equal(dis(64, 0, 0x48, 0x8b, 0x45, 0xf8), 'mov rax, qword [rbp-0x8]');
  assert.equal(dis(64, 0, 0x83, 0x44, 0x8b, 0x10, 0x01), 'add dword [rbx+rcx*4+0x10], 0x1');
  assert.equal(dis(32, 0, 0x8b, 0x04, 0x8d, 0x00, 0x10, 0x00, 0x00), 'mov eax, dword [ecx*4+0x1000]');
  assert.equal(dis(16, 0, 0x8b, 0x00), 'mov ax, word [bx+si]');
  assert.equal(dis(64, 0, 0x8d, 0x04, 0x24), 'lea eax, [rsp]');
});

test('branch targets are absolute, wrap to the operand size, and use symbols when known', () => {
  assert.equal(dis(64, 0x401000, 0xe8, 0xfb, 0xff, 0xff, 0xff), 'call 0x401000');
  assert.equal(dis(32, 0x401000, 0x74, 0x05), 'je 0x401007');
  assert.equal(dis(16, 0xfff0, 0xeb, 0x20), 'jmp 0x12');
  const i = decodeBytes(new Uint8Array([0xe8, 0x00, 0x10, 0x00, 0x00]), 0, 64);
  assert.equal(formatInstr(i, { ip: 0x1000, symbol: (a) => (a === 0x2005 ? 'my_func' : undefined) }), 'call my_func');
  assert.equal(dis(64, -0x1000, 0xeb, 0xfe), 'jmp 0xfffffffffffff000'); // canonical negative addresses
});

test('RIP-relative addresses print the absolute target with rel; moffs in 64-bit mode with qword', () => {
  assert.equal(dis(64, 0x1000, 0x48, 0x8b, 0x05, 0x10, 0x00, 0x00, 0x00), 'mov rax, qword [rel 0x1017]');
  assert.equal(dis(64, 0, 0x64, 0x48, 0x8b, 0x04, 0x25, 0x28, 0, 0, 0), 'mov rax, qword [fs:0x28]');
  assert.equal(dis(64, 0, 0xa1, 0, 0x10, 0, 0, 0, 0, 0, 0), 'mov eax, dword [qword 0x1000]');
});

test('size-dependent mnemonics and NASM operand-size prefixes', () => {
  assert.equal(dis(64, 0, 0x48, 0xcf), 'iretq');
  assert.equal(dis(64, 0, 0xcf), 'iret');
  assert.equal(dis(16, 0, 0x66, 0x9c), 'pushfd');
  assert.equal(dis(64, 0, 0x48, 0x98), 'cdqe');
  assert.equal(dis(64, 0, 0xf3, 0x48, 0xab), 'rep stosq');
  assert.equal(dis(32, 0, 0xf3, 0xa6), 'repe cmpsb');
  assert.equal(dis(64, 0, 0x66, 0xc9), 'o16 leave');
  assert.equal(dis(64, 0, 0x48, 0x0f, 0x07), 'o64 sysret');
  assert.equal(dis(64, 0, 0x66, 0x6a, 0x80), 'o16 push 0xff80');
  assert.equal(dis(64, 0, 0x6a, 0x80), 'push 0xffffffffffffff80');
  assert.equal(dis(64, 0, 0xf0, 0x48, 0x0f, 0xb1, 0x0f), 'lock cmpxchg qword [rdi], rcx');
});

test('system, x87 and SSE instructions', () => {
  assert.equal(dis(64, 0, 0x0f, 0x01, 0x18), 'lidt [rax]');
  assert.equal(dis(64, 0, 0x0f, 0x22, 0xd8), 'mov cr3, rax');
  assert.equal(dis(32, 0, 0x0f, 0x00, 0xd8), 'ltr ax');
  assert.equal(dis(64, 0, 0xdb, 0xe3), 'fninit');
  assert.equal(dis(64, 0, 0xd9, 0x7d, 0xfe), 'fnstcw word [rbp-0x2]');
  assert.equal(dis(64, 0, 0xdc, 0xc1), 'fadd to st1');
  assert.equal(dis(64, 0, 0x66, 0x0f, 0x6f, 0x07), 'movdqa xmm0, oword [rdi]');
  assert.equal(dis(64, 0, 0x66, 0x0f, 0x3a, 0x0f, 0xc1, 0x08), 'palignr xmm0, xmm1, 0x8');
  assert.equal(dis(64, 0, 0xf2, 0x48, 0x0f, 0x38, 0xf1, 0xc1), 'crc32 rax, rcx');
});

test('invalid bytes come out as db with length 1; uppercase option', () => {
  assert.deepEqual(disassemble(new Uint8Array([0x0f, 0x04]), 0, 64, 0), { text: 'db 0x0f', len: 1 });
  assert.deepEqual(disassemble(new Uint8Array([0xc5, 0xf8, 0x77]), 0, 64, 0), { text: 'db 0xc5', len: 1 });
  const i = decodeBytes(new Uint8Array([0x48, 0x8b, 0x45, 0xf8]), 0, 64);
  assert.equal(formatInstr(i, { uppercase: true }), 'MOV RAX, QWORD [RBP-0x8]');
  assert.equal(formatInstr(decodeBytes(new Uint8Array([0x0f, 0x04]), 0, 64)), '(bad)');
});
