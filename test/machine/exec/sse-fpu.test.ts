// SSE availability (#UD/#NM), LDMXCSR/STMXCSR, x87 control words, FWAIT and the FXSAVE/FXRSTOR layout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec, machine, setReg } from './exec-machine';
import { CR0_EM, CR0_MP, CR0_TS, CR4_OSFXSR, RAX, RSI } from '../../../src/machine/cpu/registers';

const AREA = 0x200000;

test('SSE instructions raise #UD without CR4.OSFXSR or with CR0.EM, and #NM with CR0.TS', () => {
  const cpu = machine();
  const pxor = [0x66, 0x0f, 0xef, 0xc1];
  assert.equal(exec(cpu, pxor), null);
  cpu.cr0 |= CR0_TS;
  assert.equal(exec(cpu, pxor)?.vector, 7);
  cpu.cr0 &= ~CR0_TS; cpu.cr4 &= ~CR4_OSFXSR;
  assert.equal(exec(cpu, pxor)?.vector, 6);
  cpu.cr4 |= CR4_OSFXSR; cpu.cr0 |= CR0_EM;
  assert.equal(exec(cpu, pxor)?.vector, 6);
});

test('MOVDQA with a misaligned operand raises #GP(0); MOVDQU does not', () => {
  const cpu = machine();
  setReg(cpu, RSI, AREA + 8);
  assert.equal(exec(cpu, [0x66, 0x0f, 0x6f, 0x06])?.vector, 13);
  assert.equal(exec(cpu, [0xf3, 0x0f, 0x6f, 0x06]), null);
});

test('LDMXCSR rejects reserved bits with #GP(0); STMXCSR stores MXCSR', () => {
  const cpu = machine();
  setReg(cpu, RSI, AREA);
  cpu.mem.write(AREA, 4, 0x1f80 | 0x6000);
  assert.equal(exec(cpu, [0x0f, 0xae, 0x16]), null);
  assert.equal(cpu.mxcsr, 0x7f80);
  cpu.mem.write(AREA, 4, 0x10000);
  assert.equal(exec(cpu, [0x0f, 0xae, 0x16])?.vector, 13);
  assert.equal(cpu.mxcsr, 0x7f80);
  setReg(cpu, RSI, AREA + 4);
  assert.equal(exec(cpu, [0x0f, 0xae, 0x1e]), null);
  assert.equal(cpu.mem.read(AREA + 4, 4), 0x7f80);
});

test('FNINIT, FLDCW, FNSTCW and FNSTSW AX', () => {
  const cpu = machine();
  cpu.fpuControl = 0; cpu.fpuStatus = 0x81; cpu.fpuTop = 5;
  assert.equal(exec(cpu, [0x9b, 0xdf, 0xe0].slice(1)), null); // fnstsw ax
  assert.equal(cpu.regs[RAX * 2] & 0xffff, 0x81 | (5 << 11));
  assert.equal(exec(cpu, [0xdb, 0xe3]), null); // fninit
  assert.equal(cpu.fpuControl, 0x37f);
  setReg(cpu, RSI, AREA);
  cpu.mem.write(AREA, 2, 0x027f);
  assert.equal(exec(cpu, [0xd9, 0x2e]), null); // fldcw [rsi]
  setReg(cpu, RSI, AREA + 2);
  assert.equal(exec(cpu, [0xd9, 0x3e]), null); // fnstcw [rsi]
  assert.equal(cpu.mem.read(AREA + 2, 2), 0x027f);
  cpu.cr0 |= CR0_TS;
  assert.equal(exec(cpu, [0xdb, 0xe3])?.vector, 7, 'x87 with CR0.TS: #NM');
});

test('FWAIT raises #NM only when CR0.MP and CR0.TS are both set', () => {
  const cpu = machine();
  cpu.cr0 |= CR0_TS;
  assert.equal(exec(cpu, [0x9b]), null);
  cpu.cr0 |= CR0_MP;
  assert.equal(exec(cpu, [0x9b])?.vector, 7);
});

test('FXSAVE writes the 512-byte legacy layout (64-bit: XMM0-15) and FXRSTOR reads it back', () => {
  const cpu = machine();
  cpu.fpuControl = 0x27f; cpu.fpuStatus = 0x0001; cpu.fpuTop = 6; cpu.mxcsr = 0x1fa0;
  cpu.fpuTag = 0xffff & ~(3 << 12); // physical register 6 = ST(0) valid
  cpu.fpuRegs[6] = 1.0;
  for (let k = 0; k < 64; k++) cpu.xmm[k] = 0x01010101 * (k + 1);
  setReg(cpu, RSI, AREA);
  assert.equal(exec(cpu, [0x48, 0x0f, 0xae, 0x06]), null); // fxsave64 [rsi]
  const rd = (o: number, n: number): number => cpu.mem.read(AREA + o, n);
  assert.equal(rd(0, 2), 0x27f, 'FCW at 0');
  assert.equal(rd(2, 2), 0x0001 | (6 << 11), 'FSW with TOP at 2');
  assert.equal(rd(4, 1), 1 << 6, 'abridged tag at 4');
  assert.equal(rd(24, 4), 0x1fa0, 'MXCSR at 24');
  assert.equal(rd(28, 4), 0xffff, 'MXCSR_MASK at 28');
  assert.deepEqual([rd(32, 4), rd(36, 4) >>> 0, rd(40, 2)], [0, 0x80000000, 0x3fff], 'ST(0) = 1.0 in 80-bit format at 32');
  for (let r = 0; r < 16; r++) assert.equal(rd(160 + 16 * r, 4), 0x01010101 * (4 * r + 1), `XMM${r} at ${160 + 16 * r}`);
  // Restore into a clean state.
  cpu.fpuControl = 0x37f; cpu.fpuStatus = 0; cpu.fpuTop = 0; cpu.fpuTag = 0xffff; cpu.mxcsr = 0x1f80; cpu.xmm.fill(0); cpu.fpuRegs.fill(0);
  assert.equal(exec(cpu, [0x48, 0x0f, 0xae, 0x0e]), null); // fxrstor64 [rsi]
  assert.deepEqual([cpu.fpuControl, cpu.fpuTop, cpu.mxcsr, cpu.fpuRegs[6], cpu.xmm[63]], [0x27f, 6, 0x1fa0, 1.0, 0x01010101 * 64]);
  assert.equal((cpu.fpuTag >> 12) & 3, 0, 'ST(0) valid again');
  assert.equal(cpu.fpuTag & 0xfff, 0xfff, 'others empty');
});

test('FXSAVE/FXRSTOR: misaligned area #GP(0), CR0.TS #NM, reserved MXCSR bits in the image #GP(0)', () => {
  const cpu = machine();
  setReg(cpu, RSI, AREA + 8);
  assert.equal(exec(cpu, [0x0f, 0xae, 0x06])?.vector, 13);
  setReg(cpu, RSI, AREA);
  cpu.cr0 |= CR0_TS;
  assert.equal(exec(cpu, [0x0f, 0xae, 0x06])?.vector, 7);
  cpu.cr0 &= ~CR0_TS;
  assert.equal(exec(cpu, [0x0f, 0xae, 0x06]), null);
  cpu.mem.write(AREA + 24, 4, 0x20000);
  assert.equal(exec(cpu, [0x0f, 0xae, 0x0e])?.vector, 13);
});
