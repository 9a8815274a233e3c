// PUSHF/POPF privilege rules, LAHF/SAHF, ENTER at every nesting level, LEAVE, PUSHA/POPA, POP of segment registers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { STACK, exec, machine, reg, setReg } from './exec-machine';
import { getFlags } from '../../../src/machine/cpu/flags';
import { AC, CF, IF, IOPL, RBP, RF, RSP, VIF, VIP, VM, ZF, SF, AF, PF } from '../../../src/machine/cpu/registers';
import { Seg } from '../../../src/machine/cpu/instr';

function popfd(cpu: ReturnType<typeof machine>, image: number, bytes = [0x9d]): ReturnType<typeof exec> {
  const sp = cpu.regs[RSP * 2] - 4;
  cpu.mem.write(sp >>> 0, 4, image);
  cpu.set32(RSP, sp);
  return exec(cpu, bytes);
}
const toCpl3 = (cpu: ReturnType<typeof machine>): void => { cpu.segs[Seg.CS].selector |= 3; cpu.updateMode(); };

test('POPFD at CPL 0 loads IOPL and IF, clears RF and leaves VM, VIF, VIP alone', () => {
  const cpu = machine(32);
  cpu.flags |= VIP | VIF;
  assert.equal(popfd(cpu, IOPL | IF | CF | VM | RF | AC | 2), null);
  const f = getFlags(cpu);
  assert.equal(f & (IOPL | IF | CF | AC), IOPL | IF | CF | AC);
  assert.equal(f & (VM | RF), 0);
  assert.equal(f & (VIP | VIF), VIP | VIF);
});

test('POPFD at CPL 3 with IOPL 0 changes neither IF nor IOPL, without faulting', () => {
  const cpu = machine(32);
  toCpl3(cpu);
  assert.equal(popfd(cpu, IOPL | IF | ZF | 2), null);
  const f = getFlags(cpu);
  assert.equal(f & (IOPL | IF), 0);
  assert.equal(f & ZF, ZF);
});

test('POPFD at CPL 3 with IOPL 3 changes IF but not IOPL', () => {
  const cpu = machine(32);
  cpu.flags |= IOPL;
  toCpl3(cpu);
  assert.equal(popfd(cpu, IF | 2), null);
  const f = getFlags(cpu);
  assert.equal(f & IF, IF);
  assert.equal(f & IOPL, IOPL);
});

test('16-bit POPF changes only the low word', () => {
  const cpu = machine(32);
  cpu.flags |= AC;
  const sp = cpu.regs[RSP * 2] - 2;
  cpu.mem.write(sp, 2, CF | 2);
  cpu.set32(RSP, sp);
  assert.equal(exec(cpu, [0x66, 0x9d]), null);
  assert.equal(getFlags(cpu) & (AC | CF), AC | CF);
  assert.equal(cpu.regs[RSP * 2], sp + 2);
});

test('PUSHF and POPF in virtual-8086 mode with IOPL < 3 raise #GP(0)', () => {
  const cpu = machine(32);
  cpu.flags |= VM;
  cpu.updateMode();
  assert.equal(exec(cpu, [0x9c])?.vector, 13);
  assert.equal(popfd(cpu, 2)?.vector, 13);
});

test('PUSHFQ stores RFLAGS with RF and VM cleared', () => {
  const cpu = machine();
  cpu.flags |= RF | CF;
  assert.equal(exec(cpu, [0x9c]), null);
  const sp = reg(cpu, RSP);
  assert.equal(sp, STACK - 8);
  assert.equal(cpu.mem.read(sp, 4), 2 | CF);
});

test('LAHF/SAHF move SF ZF AF PF CF through AH (valid in 64-bit mode)', () => {
  const cpu = machine();
  cpu.set64(0, 0xff00, 0);
  assert.equal(exec(cpu, [0x9e]), null);
  assert.equal(getFlags(cpu) & (SF | ZF | AF | PF | CF), SF | ZF | AF | PF | CF);
  cpu.set64(0, 0, 0);
  assert.equal(exec(cpu, [0x9f]), null);
  assert.equal((cpu.regs[0] >> 8) & 0xff, 0xd7);
});

/** ENTER frame check against the SDM pseudocode, for nesting levels 0..4 in 64-bit mode. */
test('ENTER builds the display of enclosing frame pointers for every nesting level', () => {
  for (let level = 0; level <= 4; level++) {
    const cpu = machine();
    const oldBp = 0x70000;
    for (let k = 1; k <= 4; k++) cpu.mem.write(oldBp - 8 * k, 4, 0x1000 * k);
    setReg(cpu, RBP, oldBp);
    assert.equal(exec(cpu, [0xc8, 0x20, 0x00, level]), null);
    const frame = STACK - 8;
    assert.equal(cpu.mem.read(frame, 4), oldBp, 'old RBP pushed');
    const extra = level === 0 ? 0 : level; // level-1 copied pointers plus the frame pointer itself
    for (let k = 1; k < level; k++) assert.equal(cpu.mem.read(frame - 8 * k, 4), 0x1000 * k, `display entry ${k}`);
    if (level > 0) assert.equal(cpu.mem.read(frame - 8 * level, 4), frame, 'frame pointer pushed last');
    assert.equal(reg(cpu, RBP), frame);
    assert.equal(reg(cpu, RSP), frame - 8 * extra - 0x20);
  }
});

test('ENTER with 16-bit operand size in 32-bit mode pushes words and sets BP only', () => {
  const cpu = machine(32);
  cpu.set32(RBP, 0xabcd7000);
  cpu.set32(RSP, 0x8000);
  cpu.mem.write(0x7000 - 2, 2, 0x1111);
  // With a 32-bit stack the display walk uses EBP: it reads [EBP - 2].
  cpu.set32(RBP, 0x7000);
  assert.equal(exec(cpu, [0x66, 0xc8, 0x04, 0x00, 0x02]), null);
  assert.equal(cpu.mem.read(0x7ffe, 2), 0x7000);
  assert.equal(cpu.mem.read(0x7ffc, 2), 0x1111);
  assert.equal(cpu.mem.read(0x7ffa, 2), 0x7ffe);
  assert.equal(cpu.regs[RBP * 2] & 0xffff, 0x7ffe);
  assert.equal(cpu.regs[RSP * 2], 0x7ffa - 4);
});

test('LEAVE restores RSP from RBP and pops RBP', () => {
  const cpu = machine();
  setReg(cpu, RBP, 0x70000); cpu.mem.write(0x70000, 4, 0x12345678);
  assert.equal(exec(cpu, [0xc9]), null);
  assert.equal(reg(cpu, RSP), 0x70008);
  assert.equal(reg(cpu, RBP), 0x12345678);
});

test('PUSHAD pushes the original ESP; POPAD skips it', () => {
  const cpu = machine(32);
  for (let r = 0; r < 8; r++) if (r !== RSP) cpu.set32(r, 0x100 + r);
  assert.equal(exec(cpu, [0x60]), null);
  assert.equal(cpu.regs[RSP * 2], STACK - 32);
  assert.equal(cpu.mem.read(STACK - 20, 4), STACK, 'ESP slot');
  assert.equal(cpu.mem.read(STACK - 4, 4), 0x100, 'EAX first');
  for (let r = 0; r < 8; r++) if (r !== RSP) cpu.set32(r, 0);
  cpu.mem.write(STACK - 20, 4, 0xdead);
  assert.equal(exec(cpu, [0x61]), null);
  for (let r = 0; r < 8; r++) if (r !== RSP) assert.equal(cpu.regs[r * 2], 0x100 + r);
  assert.equal(cpu.regs[RSP * 2], STACK);
});

test('POP DS in protected mode loads the descriptor; a bad selector faults with RSP unchanged', () => {
  const cpu = machine(32);
  const sp = STACK - 4;
  cpu.mem.write(sp, 4, 0x10); cpu.set32(RSP, sp);
  assert.equal(exec(cpu, [0x1f]), null);
  assert.equal(cpu.segs[Seg.DS].selector, 0x10);
  assert.equal(cpu.regs[RSP * 2], STACK);
  cpu.mem.write(sp, 4, 0x48); cpu.set32(RSP, sp);
  const f = exec(cpu, [0x1f]);
  assert.equal(f?.vector, 13);
  assert.equal(f?.errorCode, 0x48);
  assert.equal(cpu.regs[RSP * 2], sp);
});

test('POP SS blocks interrupts for one instruction', () => {
  const cpu = machine(32);
  const sp = STACK - 4;
  cpu.mem.write(sp, 4, 0x10); cpu.set32(RSP, sp);
  const before = cpu.icount;
  assert.equal(exec(cpu, [0x17]), null);
  assert.equal(cpu.shadowUntil, before + 2);
});
