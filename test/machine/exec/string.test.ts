// String instructions: every REP form, DF, 16/32/64-bit address sizes, segment overrides, restart after a fault midway, and the bulk path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE, exec, machine, reg, setReg } from './exec-machine';
import { RAX, RCX, RDI, RSI, DF, ZF, CF } from '../../../src/machine/cpu/registers';
import { getFlags } from '../../../src/machine/cpu/flags';
import { DIRECT_PML4 } from '../../../src/machine/boot/direct';
import { Seg } from '../../../src/machine/cpu/instr';

const SRC = 0x200000, DST = 0x300000;

test('REP MOVSB copies RCX bytes forward and leaves RSI/RDI past the block and RCX = 0', () => {
  const cpu = machine();
  for (let k = 0; k < 100; k++) cpu.mem.ram[SRC + k] = k + 1;
  setReg(cpu, RSI, SRC); setReg(cpu, RDI, DST); setReg(cpu, RCX, 100);
  assert.equal(exec(cpu, [0xf3, 0xa4]), null);
  assert.deepEqual([...cpu.mem.ram.slice(DST, DST + 100)], [...cpu.mem.ram.slice(SRC, SRC + 100)]);
  assert.equal(cpu.mem.ram[DST + 100], 0);
  assert.deepEqual([reg(cpu, RSI), reg(cpu, RDI), reg(cpu, RCX)], [SRC + 100, DST + 100, 0]);
});

test('REP MOVSD with DF = 1 copies backwards, element by element', () => {
  const cpu = machine();
  for (let k = 0; k < 16; k++) cpu.mem.ram[SRC + k] = 0x10 + k;
  cpu.flags |= DF;
  setReg(cpu, RSI, SRC + 12); setReg(cpu, RDI, DST + 12); setReg(cpu, RCX, 4);
  assert.equal(exec(cpu, [0xf3, 0xa5]), null);
  assert.deepEqual([...cpu.mem.ram.slice(DST, DST + 16)], [...cpu.mem.ram.slice(SRC, SRC + 16)]);
  assert.deepEqual([reg(cpu, RSI), reg(cpu, RDI)], [SRC - 4, DST - 4]);
});

test('overlapping REP MOVSB (destination one byte ahead) replicates the first byte, as the element-by-element definition says', () => {
  const cpu = machine();
  cpu.mem.ram[SRC] = 0xab;
  for (let k = 1; k < 5000; k++) cpu.mem.ram[SRC + k] = k & 0xff;
  setReg(cpu, RSI, SRC); setReg(cpu, RDI, SRC + 1); setReg(cpu, RCX, 4999);
  assert.equal(exec(cpu, [0xf3, 0xa4]), null);
  assert.ok(cpu.mem.ram.slice(SRC, SRC + 5000).every((b) => b === 0xab));
});

test('REP STOSB/STOSW/STOSD/STOSQ fill with AL/AX/EAX/RAX', () => {
  for (const [bytes, size] of [[[0xf3, 0xaa], 1], [[0xf3, 0x66, 0xab], 2], [[0xf3, 0xab], 4], [[0xf3, 0x48, 0xab], 8]] as [number[], number][]) {
    const cpu = machine();
    cpu.set64(RAX, 0x44332211, 0x88776655);
    setReg(cpu, RDI, DST + 1); setReg(cpu, RCX, 10);
    assert.equal(exec(cpu, bytes), null);
    const pattern = [0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88].slice(0, size);
    for (let k = 0; k < 10 * size; k++) assert.equal(cpu.mem.ram[DST + 1 + k], pattern[k % size], `size ${size} byte ${k}`);
    assert.equal(cpu.mem.ram[DST + 1 + 10 * size], 0);
    assert.equal(reg(cpu, RDI), DST + 1 + 10 * size);
  }
});

test('a large REP STOSB / REP MOVSB (4 MiB) is fast and exact', () => {
  const cpu = machine();
  const n = 4 << 20;
  cpu.set64(RAX, 0x5a, 0);
  setReg(cpu, RDI, 0x800000); setReg(cpu, RCX, n);
  const t0 = performance.now();
  assert.equal(exec(cpu, [0xf3, 0xaa]), null);
  setReg(cpu, RSI, 0x800000); setReg(cpu, RDI, 0x400000); setReg(cpu, RCX, n);
  assert.equal(exec(cpu, [0xf3, 0xa4]), null);
  const ms = performance.now() - t0;
  assert.ok(cpu.mem.ram.slice(0x400000, 0x800000).every((b) => b === 0x5a));
  assert.equal(reg(cpu, RCX), 0);
  assert.ok(ms < 1500, `8 MiB of REP string work took ${ms.toFixed(0)} ms`);
});

test('a REP instruction yields after a slice of work with its registers updated, and resumes where it stopped', () => {
  const cpu = machine();
  setReg(cpu, RDI, DST); setReg(cpu, RCX, 100000);
  cpu.flags |= DF; // the element-by-element path
  setReg(cpu, RDI, DST + 100000);
  assert.equal(exec(cpu, [0xf3, 0xaa], 1), null);
  assert.equal(cpu.rip, CODE, 'RIP stays on the instruction');
  const left = reg(cpu, RCX);
  assert.ok(left > 0 && left < 100000);
  assert.equal(reg(cpu, RDI), DST + left, 'RDI moved by the elements done');
  assert.equal(exec(cpu, [0xf3, 0xaa]), null);
  assert.equal(reg(cpu, RCX), 0);
});

test('a page fault in the middle of REP MOVSB leaves RCX/RSI/RDI at the faulting element; the instruction then completes', () => {
  const cpu = machine();
  // Unmap the 2 MiB page at 0x400000 (page directory entry 2 of the first 1 GiB).
  const pde = DIRECT_PML4 + 0x2000 + 2 * 8;
  const saved = cpu.mem.read(pde, 4);
  cpu.mem.write(pde, 4, 0);
  cpu.flushTlb(false);
  for (let k = 0; k < 0x3000; k++) cpu.mem.ram[SRC + k] = (k * 7) & 0xff;
  setReg(cpu, RSI, SRC); setReg(cpu, RDI, 0x400000 - 0x1800); setReg(cpu, RCX, 0x3000);
  const f = exec(cpu, [0xf3, 0xa4]);
  assert.ok(f, 'faulted');
  assert.equal(f!.vector, 14);
  assert.equal(f!.address, 0x400000);
  assert.equal(f!.errorCode & 2, 2, 'a write fault');
  assert.deepEqual([reg(cpu, RCX), reg(cpu, RSI), reg(cpu, RDI)], [0x1800, SRC + 0x1800, 0x400000]);
  assert.deepEqual([...cpu.mem.ram.slice(0x400000 - 0x1800, 0x400000)], [...cpu.mem.ram.slice(SRC, SRC + 0x1800)]);
  cpu.mem.write(pde, 4, saved);
  cpu.flushTlb(false);
  assert.equal(exec(cpu, [0xf3, 0xa4]), null);
  assert.equal(reg(cpu, RCX), 0);
  assert.deepEqual([...cpu.mem.ram.slice(0x400000, 0x401800)], [...cpu.mem.ram.slice(SRC + 0x1800, SRC + 0x3000)]);
});

test('REPE CMPSB stops at the first difference with the flags of that comparison', () => {
  const cpu = machine();
  const a = [1, 2, 3, 4, 5], b = [1, 2, 3, 9, 5];
  a.forEach((v, k) => { cpu.mem.ram[SRC + k] = v; cpu.mem.ram[DST + k] = b[k]; });
  setReg(cpu, RSI, SRC); setReg(cpu, RDI, DST); setReg(cpu, RCX, 5);
  assert.equal(exec(cpu, [0xf3, 0xa6]), null);
  assert.deepEqual([reg(cpu, RCX), reg(cpu, RSI), reg(cpu, RDI)], [1, SRC + 4, DST + 4]);
  const fl = getFlags(cpu);
  assert.equal(fl & ZF, 0);
  assert.equal(fl & CF, CF, '4 - 9 borrows');
});

test('REPNE SCASB finds AL (strlen idiom) and leaves ZF = 1', () => {
  const cpu = machine();
  const s = 'hello, world';
  for (let k = 0; k < s.length; k++) cpu.mem.ram[DST + k] = s.charCodeAt(k);
  cpu.set64(RAX, 0, 0); setReg(cpu, RDI, DST); cpu.set64(RCX, -1, -1);
  assert.equal(exec(cpu, [0xf2, 0xae]), null);
  assert.equal(reg(cpu, RDI), DST + s.length + 1);
  assert.equal(cpu.regs[2], ~(s.length + 1) | 0, 'RCX = -1 - (length + 1)');
  assert.equal(getFlags(cpu) & ZF, ZF);
});

test('REP with RCX = 0 does nothing, not even flags', () => {
  const cpu = machine();
  setReg(cpu, RCX, 0); setReg(cpu, RDI, DST);
  cpu.flags |= ZF;
  assert.equal(exec(cpu, [0xf3, 0xae]), null);
  assert.equal(getFlags(cpu) & ZF, ZF);
  assert.equal(reg(cpu, RDI), DST);
});

test('LODSQ and LODSD: 32-bit loads zero-extend RAX', () => {
  const cpu = machine();
  cpu.mem.write(SRC, 4, 0x11223344); cpu.mem.write(SRC + 4, 4, 0x55667788);
  setReg(cpu, RSI, SRC); cpu.set64(RAX, -1, -1);
  assert.equal(exec(cpu, [0xad]), null);
  assert.deepEqual([cpu.regs[0], cpu.regs[1]], [0x11223344, 0]);
  setReg(cpu, RSI, SRC);
  assert.equal(exec(cpu, [0x48, 0xad]), null);
  assert.deepEqual([cpu.regs[0], cpu.regs[1]], [0x11223344, 0x55667788]);
});

test('a 32-bit address size (67h) in 64-bit mode uses ESI/EDI/ECX and zero-extends them', () => {
  const cpu = machine();
  cpu.set64(RSI, SRC, 0x1234); cpu.set64(RDI, DST, 0x5678); cpu.set64(RCX, 3, 0x9abc);
  cpu.mem.ram.set([7, 8, 9], SRC);
  assert.equal(exec(cpu, [0x67, 0xf3, 0xa4]), null);
  assert.deepEqual([...cpu.mem.ram.slice(DST, DST + 3)], [7, 8, 9]);
  assert.deepEqual([cpu.regs[RSI * 2], cpu.regs[RSI * 2 + 1], cpu.regs[RDI * 2 + 1], cpu.regs[RCX * 2], cpu.regs[RCX * 2 + 1]], [SRC + 3, 0, 0, 0, 0]);
});

test('a 16-bit address size wraps SI/DI at 64 KiB and keeps the upper halves of ESI/EDI', () => {
  const cpu = machine(32);
  cpu.set32(RSI, 0x1234ffff); cpu.set32(RDI, 0x0000fffe); cpu.set32(RCX, 0xabcd0003);
  cpu.mem.ram[0xffff] = 0xa1; cpu.mem.ram[0] = 0xa2; cpu.mem.ram[1] = 0xa3;
  // ESI's upper half is not part of a 16-bit address: DS:SI = 0xffff, 0x0000, 0x0001.
  assert.equal(exec(cpu, [0x67, 0xf3, 0xa4]), null);
  assert.deepEqual([cpu.mem.ram[0xfffe], cpu.mem.ram[0xffff], cpu.mem.ram[0]], [0xa1, 0xa2, 0xa3]);
  assert.equal(cpu.regs[RSI * 2] >>> 0, 0x12340002);
  assert.equal(cpu.regs[RDI * 2] >>> 0, 0x00000001);
  assert.equal(cpu.regs[RCX * 2] >>> 0, 0xabcd0000);
});

test('a segment override applies to the source (FS:ESI) but never to the destination (ES:EDI)', () => {
  const cpu = machine(32);
  cpu.segs[Seg.FS].base = 0x10000;
  cpu.mem.ram[0x10000 + 0x500] = 0x77;
  cpu.mem.ram[0x500] = 0x11;
  cpu.set32(RSI, 0x500); cpu.set32(RDI, 0x600);
  assert.equal(exec(cpu, [0x64, 0xa4]), null);
  assert.equal(cpu.mem.ram[0x600], 0x77);
});

test('REP OUTSB and REP INSW move data through the port bus', () => {
  const cpu = machine();
  const seen: number[] = [];
  let next = 0x100;
  cpu.ports.register(0x3f8, 2, { read: () => next++, write: (_p, _s, v) => { seen.push(v); } });
  cpu.mem.ram.set([1, 2, 3], SRC);
  cpu.set64(2, 0x3f8, 0); setReg(cpu, RSI, SRC); setReg(cpu, RCX, 3);
  assert.equal(exec(cpu, [0xf3, 0x6e]), null);
  assert.deepEqual(seen, [1, 2, 3]);
  setReg(cpu, RDI, DST); setReg(cpu, RCX, 2);
  assert.equal(exec(cpu, [0xf3, 0x66, 0x6d]), null);
  assert.deepEqual([cpu.mem.read(DST, 2), cpu.mem.read(DST + 2, 2)], [0x100, 0x101]);
});
