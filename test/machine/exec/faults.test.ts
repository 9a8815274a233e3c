// Exceptions raised by general instructions: #DE delivered through the IDT, #GP for CMPXCHG16B alignment, #UD for LOCK misuse and UD0/UD1/UD2.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE, STACK, exec, machine, reg, setReg } from './exec-machine';
import { RAX, RCX, RDX, RSP } from '../../../src/machine/cpu/registers';

test('DIV by zero delivers #DE through the 64-bit IDT with RIP of the DIV on the stack and registers unchanged', () => {
  const cpu = machine();
  // IDT at 0x8000: vector 0 -> 64-bit interrupt gate to 0x101000 (an HLT).
  const idt = 0x8000, handler = 0x101000;
  cpu.mem.write(idt, 4, (0x08 << 16) | (handler & 0xffff));
  cpu.mem.write(idt + 4, 4, (handler & 0xffff0000) | 0x8e00);
  cpu.mem.write(idt + 8, 4, 0); cpu.mem.write(idt + 12, 4, 0);
  cpu.idtrBase = idt; cpu.idtrLimit = 0xfff;
  cpu.mem.load(CODE, Uint8Array.from([0xf7, 0xf1])); // div ecx
  cpu.mem.load(handler, Uint8Array.from([0xf4]));
  cpu.set64(RAX, 1234, 0); cpu.set64(RDX, 0, 0); cpu.set64(RCX, 0, 0);
  const vectors: number[] = [];
  cpu.events = { onDeliver: (v) => { vectors.push(v); } };
  cpu.run(cpu.icount + 2);
  assert.deepEqual(vectors, [0]);
  assert.equal(cpu.rip, handler + 1, 'the handler ran (HLT)');
  assert.equal(reg(cpu, RAX), 1234, 'RAX unchanged');
  const sp = reg(cpu, RSP);
  assert.equal(sp, STACK - 40, 'five quadwords pushed (no error code)');
  assert.equal(cpu.mem.read(sp, 4), CODE, 'saved RIP is the DIV itself (a fault)');
});

test('IDIV quotient overflow (INT_MIN / -1) raises #DE', () => {
  const cpu = machine();
  cpu.set64(RAX, 0x80000000 | 0, 0); cpu.set64(RDX, -1, 0); cpu.set64(RCX, -1, 0);
  assert.equal(exec(cpu, [0xf7, 0xf9])?.vector, 0);
  assert.equal(cpu.regs[0], 0x80000000 | 0);
});

test('AAM 0 raises #DE (32-bit mode)', () => {
  const cpu = machine(32);
  assert.equal(exec(cpu, [0xd4, 0x00])?.vector, 0);
});

test('CMPXCHG16B needs a 16-byte aligned operand (#GP(0)); CMPXCHG8B does not', () => {
  const cpu = machine();
  setReg(cpu, 3, 0x200008); // rbx? use [rsi]
  setReg(cpu, 6, 0x200008);
  const f = exec(cpu, [0x48, 0x0f, 0xc7, 0x0e]); // cmpxchg16b [rsi]
  assert.equal(f?.vector, 13);
  assert.equal(f?.errorCode, 0);
  setReg(cpu, 6, 0x200010);
  assert.equal(exec(cpu, [0x48, 0x0f, 0xc7, 0x0e]), null);
  setReg(cpu, 6, 0x200003);
  assert.equal(exec(cpu, [0x0f, 0xc7, 0x0e]), null); // cmpxchg8b [rsi]
});

test('LOCK on a register destination or a non-lockable instruction is #UD; on a memory RMW it is accepted', () => {
  const cpu = machine();
  setReg(cpu, 6, 0x200000);
  assert.equal(exec(cpu, [0xf0, 0x01, 0xd8])?.vector, 6, 'lock add eax, ebx');
  assert.equal(exec(cpu, [0xf0, 0x89, 0x06])?.vector, 6, 'lock mov [rsi], eax');
  assert.equal(exec(cpu, [0xf0, 0x01, 0x06]), null, 'lock add [rsi], eax');
  assert.equal(exec(cpu, [0xf0, 0x0f, 0xc1, 0x06]), null, 'lock xadd [rsi], eax');
  assert.equal(exec(cpu, [0xf0, 0x0f, 0xab, 0x06]), null, 'lock bts [rsi], eax');
});

test('UD2, UD0 and UD1 raise #UD', () => {
  const cpu = machine();
  assert.equal(exec(cpu, [0x0f, 0x0b])?.vector, 6);
  assert.equal(exec(cpu, [0x0f, 0xff, 0xc0])?.vector, 6);
  assert.equal(exec(cpu, [0x0f, 0xb9, 0xc0])?.vector, 6);
});

test('BCD instructions and SALC are invalid in 64-bit mode', () => {
  const cpu = machine();
  for (const b of [[0x27], [0x2f], [0x37], [0x3f], [0xd4, 0x0a], [0xd5, 0x0a], [0xd6]]) assert.equal(exec(cpu, b)?.vector, 6, b.toString());
});
