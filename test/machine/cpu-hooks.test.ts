// The machine's hooks for the debugger: bounded slices, breakpoints, side-effect-free peeks, events, snapshots.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { haveNasm, nasm } from '../helpers/nasm';
import { directMachine } from '../helpers/machine';
import { Stop } from '../../src/machine/cpu/cpu';

const HAVE = haveNasm();

const COUNTER = `
bits 64
org 0x100000
  mov ecx, 10
  xor eax, eax
.l:
  add eax, ecx        ; 0x100007
  dec ecx
  jnz .l
  mov [0x200000], rax
  mov al, 'k'
  out 0xe9, al
  xor eax, eax
  out 0xf4, eax
`;

test('a slice runs exactly the instructions asked for and reports Budget', { skip: !HAVE }, () => {
  const { m } = directMachine(nasm(COUNTER));
  assert.equal(m.cpu.run(m.cpu.icount + 5), Stop.Budget);
  assert.equal(m.cpu.retired, 5);
  assert.equal(m.cpu.run(m.cpu.icount + 3), Stop.Budget);
  assert.equal(m.cpu.retired, 8);
});

test('a breakpoint stops before the instruction, every time it is reached, and resumes', { skip: !HAVE }, () => {
  const { m } = directMachine(nasm(COUNTER));
  m.cpu.addBreakpoint(0x100007);
  let hits = 0;
  for (;;) {
    const r = m.run(1000);
    if (r.reason !== 'breakpoint') { assert.equal(r.reason, 'exit'); break; }
    hits++;
    assert.equal(m.cpu.rip, 0x100007);
    m.cpu.skipBreakpointAt = 0x100007;
  }
  assert.equal(hits, 10);
  assert.equal(m.mem.view.getUint32(0x200000, true), 55);
});

test('breakpoints armed elsewhere do not change the run', { skip: !HAVE }, () => {
  const a = directMachine(nasm(COUNTER));
  const b = directMachine(nasm(COUNTER));
  for (let k = 0; k < 16; k++) b.m.cpu.addBreakpoint(0x300000 + k * 16);
  assert.deepEqual(a.m.run(1e6), b.m.run(1e6));
  assert.equal(a.m.cpu.retired, b.m.cpu.retired);
});

test('peeks neither fault nor set Accessed/Dirty bits', { skip: !HAVE }, () => {
  const { m } = directMachine(nasm(COUNTER));
  const pde = 0x3000 + (0x200000 >> 21) * 8;       // direct64's page directory entry for 0x200000
  const before = m.mem.read(pde, 4);
  assert.equal(before & 0x20, 0, 'fresh entry is not accessed');
  assert.equal(m.cpu.peekTranslate(0x200010), 0x200010);
  assert.deepEqual([...m.cpu.peekLinear(0x100000, 2)!], [0xb9, 0x0a]);
  assert.equal(m.mem.read(pde, 4), before, 'peek left the PDE alone');
  assert.equal(m.cpu.peekTranslate(0x7f00_0000_0000), -1, 'unmapped address: -1, no fault');
  assert.equal(m.cpu.peekLinear(0x7f00_0000_0000, 4), undefined);
  m.run(1e6);
  assert.equal(m.mem.read(pde, 4) & 0x60, 0x60, 'the guest store set Accessed and Dirty');
});

test('exceptions, HLT and mode changes are reported as events', { skip: !HAVE }, () => {
  const { m } = directMachine(nasm(`
bits 64
org 0x100000
  xor ecx, ecx
  div ecx          ; #DE, no IDT -> #GP -> #DF -> triple fault
`));
  const seen: string[] = [];
  m.cpu.events = { onDeliver: (v, e) => seen.push(`deliver ${v} ${e}`), onEvent: (n) => seen.push(n) };
  const r = m.run(100);
  assert.equal(r.reason, 'triple-fault');
  assert.ok(seen.includes('deliver 0 -1'), seen.join(','));
  assert.ok(seen.includes('triple-fault'));
  assert.match(m.cpu.tripleFault!.join('\n'), /#DE/);
});

test('a snapshot taken mid-run and restored reproduces the rest of the run bit for bit', { skip: !HAVE }, () => {
  const src = `
bits 64
org 0x100000
  mov rdi, 0x300000
  mov ecx, 5000
  mov rax, 0x12345
.l:
  imul rax, rax, 13
  add rax, rcx
  mov [rdi], rax
  add rdi, 8
  test ecx, 255
  jnz .n
  mov dl, cl
  and dl, 15
  add dl, 'a'
  mov al, dl
  out 0xe9, al
.n:
  dec ecx
  jnz .l
  xor eax, eax
  out 0xf4, eax
`;
  const t = directMachine(nasm(src));
  t.m.run(7000);
  const snap = t.m.snapshot();
  const outAtSnap = t.out.length;
  const r1 = t.m.run(1e7);
  const regs1 = t.m.cpu.regs.slice(), rip1 = t.m.cpu.rip, mem1 = hash(t.m.mem.ram), out1 = t.out.slice(outAtSnap);
  t.m.restore(snap);
  t.out.length = outAtSnap;
  const r2 = t.m.run(1e7);
  assert.deepEqual(r2, r1);
  assert.deepEqual(t.m.cpu.regs, regs1);
  assert.equal(t.m.cpu.rip, rip1);
  assert.equal(hash(t.m.mem.ram), mem1);
  assert.deepEqual(t.out.slice(outAtSnap), out1);
  assert.ok(out1.length > 5, 'output happened after the snapshot');
});

test('code written by the guest is re-decoded (self-modifying code)', { skip: !HAVE }, () => {
  const { m, text } = directMachine(nasm(`
bits 64
org 0x100000
  mov ecx, 2
.again:
  mov al, 'A'          ; the immediate is patched below
  out 0xe9, al
  mov byte [rel .again + 1], 'B'
  dec ecx
  jnz .again
  xor eax, eax
  out 0xf4, eax
`));
  assert.equal(m.run(1000).reason, 'exit');
  assert.equal(text(), 'AB');
});

test('data written next to code in the same page does not force re-decoding', { skip: !HAVE }, () => {
  const { m } = directMachine(nasm(`
bits 64
org 0x100000
  mov ecx, 10000
.l:
  inc qword [rel counter]
  dec ecx
  jnz .l
  mov rax, [rel counter]
  mov [0x200000], rax
  xor eax, eax
  out 0xf4, eax
  align 64
counter: dq 0
`));
  assert.equal(m.run(1e6).reason, 'exit');
  assert.equal(m.mem.view.getUint32(0x200000, true), 10000);
  assert.ok(m.cpu.decodeCount < 20, `decoded ${m.cpu.decodeCount} instructions for a 9-instruction program`);
});

function hash(b: Uint8Array): number {
  let h = 2166136261;
  for (let i = 0; i < b.length; i += 4) { h ^= b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24); h = Math.imul(h, 16777619); }
  return h >>> 0;
}
