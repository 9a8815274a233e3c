// SSE/x87 floating-point behaviour the host-CPU oracle cannot observe: #XM versus #UD, MASKMOVDQU, 80-bit registers through FXSAVE/FXRSTOR and snapshots, pending x87 exceptions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec, machine, setReg } from './exec-machine';
import { CR0_NE, CR4_OSXMMEXCPT, RDI, RSI } from '../../../src/machine/cpu/registers';
import { restoreCpu, saveCpu } from '../../../src/machine/cpu/cpu-state';
import { x87Regs } from '../../../src/machine/cpu/exec/x87-stack';

const AREA = 0x200000;
const divss = [0xf3, 0x0f, 0x5e, 0xc1]; // divss xmm0, xmm1

test('an unmasked SIMD exception raises #XM with CR4.OSXMMEXCPT and #UD without, leaving the destination unchanged', () => {
  const cpu = machine();
  cpu.xmm[0] = 0x3f800000; cpu.xmm[4] = 0; // 1.0 / 0.0
  cpu.mxcsr = 0x1f80 & ~(1 << 9); // ZM clear
  cpu.cr4 |= CR4_OSXMMEXCPT;
  assert.equal(exec(cpu, divss)?.vector, 19);
  assert.equal(cpu.xmm[0], 0x3f800000, 'destination unchanged');
  assert.equal(cpu.mxcsr & 0x3f, 4, 'ZE recorded for the handler');
  cpu.cr4 &= ~CR4_OSXMMEXCPT;
  assert.equal(exec(cpu, divss)?.vector, 6);
  cpu.mxcsr = 0x1f80;
  assert.equal(exec(cpu, divss), null);
  assert.equal(cpu.xmm[0], 0x7f800000, 'masked: +Inf');
});

test('MASKMOVDQU stores only the bytes whose mask byte has its top bit set, at DS:RDI', () => {
  const cpu = machine();
  for (let k = 0; k < 16; k++) cpu.mem.write(AREA + k, 1, 0xee);
  cpu.xmm[0] = 0x44332211; cpu.xmm[1] = 0x88776655; cpu.xmm[2] = 0xccbbaa99 | 0; cpu.xmm[3] = 0x00ffeedd;
  cpu.xmm[4] = 0x80; cpu.xmm[5] = 0; cpu.xmm[6] = 0x80000000 | 0; cpu.xmm[7] = 0x7f7f7f80;
  setReg(cpu, RDI, AREA);
  assert.equal(exec(cpu, [0x66, 0x0f, 0xf7, 0xc1]), null); // maskmovdqu xmm0, xmm1
  const got = [...Array(16)].map((_, k) => cpu.mem.read(AREA + k, 1));
  assert.deepEqual(got, [0x11, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xee, 0xcc, 0xdd, 0xee, 0xee, 0xee]);
});

test('x87 registers keep 80 bits: FLDPI then FXSAVE stores the extended value, FXRSTOR and snapshots bring it back', () => {
  const cpu = machine();
  assert.equal(exec(cpu, [0xdb, 0xe3]), null); // fninit
  assert.equal(exec(cpu, [0xd9, 0xeb]), null); // fldpi
  setReg(cpu, RSI, AREA);
  assert.equal(exec(cpu, [0x48, 0x0f, 0xae, 0x06]), null); // fxsave64 [rsi]
  const rd = (o: number, n: number): number => cpu.mem.read(AREA + o, n) >>> 0;
  assert.deepEqual([rd(36, 4).toString(16), rd(32, 4).toString(16), rd(40, 2).toString(16)], ['c90fdaa2', '2168c235', '4000'], 'pi rounded to 64 bits');
  const snap = saveCpu(cpu);
  assert.equal(exec(cpu, [0xdb, 0xe3]), null); // fninit
  x87Regs(cpu).fill(0); cpu.fpuRegs.fill(0);
  assert.equal(exec(cpu, [0x48, 0x0f, 0xae, 0x0e]), null); // fxrstor64 [rsi]
  assert.equal((x87Regs(cpu)[3 * 7 + 1] >>> 0).toString(16), 'c90fdaa2');
  assert.equal(cpu.fpuRegs[7], Math.PI, 'the float64 view follows');
  x87Regs(cpu).fill(0);
  restoreCpu(cpu, snap);
  assert.equal((x87Regs(cpu)[3 * 7] >>> 0).toString(16), '2168c235', 'snapshots carry the 80-bit registers');
});

test('an unmasked x87 exception is held in the status word and reported as #MF by the next waiting x87 instruction', () => {
  const cpu = machine();
  cpu.cr0 |= CR0_NE;
  assert.equal(exec(cpu, [0xdb, 0xe3]), null); // fninit
  cpu.fpuControl = 0x37f & ~4; // ZM clear
  assert.equal(exec(cpu, [0xd9, 0xe8]), null); // fld1
  assert.equal(exec(cpu, [0xd9, 0xee]), null); // fldz
  assert.equal(exec(cpu, [0xde, 0xf9]), null); // fdivp st(1), st: 1 / 0
  assert.equal(cpu.fpuStatus & 0x80ff, 0x8084, 'ZE, ES and B set');
  assert.equal(exec(cpu, [0xd9, 0xe8])?.vector, 16, 'fld1 reports #MF');
  assert.equal(exec(cpu, [0xdb, 0xe2]), null, 'fnclex is not a waiting instruction');
  assert.equal(exec(cpu, [0xd9, 0xe8]), null);
});
