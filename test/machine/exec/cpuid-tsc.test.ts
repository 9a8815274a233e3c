// CPUID describes one coherent processor (every advertised instruction is implemented, nothing unimplemented is advertised); RDTSC/RDTSCP read the virtual clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exec, machine } from './exec-machine';
import { cpuidLeaf } from '../../../src/machine/cpu/exec/cpuid';
import { isImplemented } from '../../../src/machine/cpu/exec/registry';
import { decodeBytes } from '../../../src/machine/cpu/decoder';
import { CR4_TSD, RAX, RCX, RDX } from '../../../src/machine/cpu/registers';

const bit = (v: number, n: number): boolean => ((v >>> n) & 1) === 1;
const text = (regs: number[]): string => regs.map((r) => String.fromCharCode(r & 0xff, (r >>> 8) & 0xff, (r >>> 16) & 0xff, r >>> 24)).join('');

test('CPUID leaf 0 and 80000000h: GenuineIntel, max leaves 0Dh and 80000008h', () => {
  const l0 = cpuidLeaf(0, 0);
  assert.equal(text([l0[1], l0[3], l0[2]]), 'GenuineIntel');
  assert.equal(l0[0], 0xd);
  assert.equal(cpuidLeaf(0x80000000, 0)[0] >>> 0, 0x80000008);
});

test('CPUID brand string and address sizes', () => {
  const brand = [0x80000002, 0x80000003, 0x80000004].map((l) => text([...cpuidLeaf(l, 0)])).join('').replace(/\0+$/, '');
  assert.equal(brand, 'Ringstep virtual x86-64 CPU');
  const a = cpuidLeaf(0x80000008, 0)[0];
  assert.deepEqual([a & 0xff, (a >> 8) & 0xff], [40, 48]);
});

test('CPUID advertises exactly the implemented features and none of AVX, XSAVE, OSXSAVE, x2APIC, PCID, MMX', () => {
  const [, , ecx1, edx1] = cpuidLeaf(1, 0);
  for (const n of [0, 3, 4, 5, 6, 8, 9, 11, 13, 15, 16, 17, 19, 24, 25, 26]) assert.ok(bit(edx1, n), `leaf 1 EDX bit ${n}`);
  for (const n of [0, 9, 13, 19, 20, 22, 23]) assert.ok(bit(ecx1, n), `leaf 1 ECX bit ${n}`);
  for (const n of [17, 21, 26, 27, 28, 29, 30]) assert.ok(!bit(ecx1, n), `leaf 1 ECX bit ${n} must be clear`);
  assert.ok(!bit(edx1, 23), 'no MMX');
  const ebx7 = cpuidLeaf(7, 0)[1];
  assert.ok(bit(ebx7, 0) && bit(ebx7, 3), 'FSGSBASE, BMI1');
  assert.ok(!bit(ebx7, 5) && !bit(ebx7, 8), 'no AVX2, no BMI2');
  const [, , ecxE, edxE] = cpuidLeaf(0x80000001, 0);
  for (const n of [0, 5]) assert.ok(bit(ecxE, n), `80000001h ECX bit ${n}`);
  for (const n of [11, 20, 26, 27, 29]) assert.ok(bit(edxE, n), `80000001h EDX bit ${n}`);
});

test('every advertised instruction decodes and has an execution routine', () => {
  const samples: [string, number[], 16 | 32 | 64][] = [
    ['cmov', [0x0f, 0x44, 0xc1], 64], ['cmpxchg8b', [0x0f, 0xc7, 0x0e], 64], ['cmpxchg16b', [0x48, 0x0f, 0xc7, 0x0e], 64],
    ['fxsave', [0x0f, 0xae, 0x06], 64], ['sse', [0x0f, 0x57, 0xc1], 64], ['sse2', [0x66, 0x0f, 0xef, 0xc1], 64],
    ['ssse3', [0x66, 0x0f, 0x38, 0x00, 0xc1], 64], ['sse4.1', [0x66, 0x0f, 0x38, 0x17, 0xc1], 64], ['sse4.2', [0xf2, 0x0f, 0x38, 0xf1, 0xc1], 64],
    ['sse4.2 string compare', [0x66, 0x0f, 0x3a, 0x63, 0xc1, 0x0c], 64], ['sse4.2 explicit length', [0x66, 0x48, 0x0f, 0x3a, 0x60, 0xc1, 0x40], 64],
    ['popcnt', [0xf3, 0x0f, 0xb8, 0xc1], 64], ['movbe', [0x0f, 0x38, 0xf0, 0x06], 64], ['lzcnt', [0xf3, 0x0f, 0xbd, 0xc1], 64],
    ['tzcnt', [0xf3, 0x0f, 0xbc, 0xc1], 64], ['lahf', [0x9f], 64], ['rdtscp', [0x0f, 0x01, 0xf9], 64], ['rdtsc', [0x0f, 0x31], 64],
    ['syscall', [0x0f, 0x05], 64], ['rdfsbase', [0xf3, 0x48, 0x0f, 0xae, 0xc0], 64], ['clflush', [0x0f, 0xae, 0x3e], 64],
    ['sysenter', [0x0f, 0x34], 32], ['rdmsr', [0x0f, 0x32], 64], ['fninit', [0xdb, 0xe3], 64], ['cpuid', [0x0f, 0xa2], 64],
  ];
  for (const [feature, bytes, bits] of samples) {
    const i = decodeBytes(Uint8Array.from(bytes), 0, bits);
    assert.notEqual(i.mnem, '', `${feature} decodes`);
    assert.ok(isImplemented(i.mnem), `${feature}: ${i.mnem} is implemented`);
  }
});

test('the CPUID instruction writes EAX..EDX zero-extended', () => {
  const cpu = machine();
  cpu.set64(RAX, 0, -1); cpu.set64(3, -1, -1);
  assert.equal(exec(cpu, [0x0f, 0xa2]), null);
  assert.equal(cpu.regs[0], 0xd);
  assert.equal(cpu.regs[1], 0);
  assert.equal(cpu.regs[7], 0, 'RBX high half cleared');
});

test('RDTSC returns the instruction count; RDTSCP adds TSC_AUX; CR4.TSD makes both #GP at CPL 3', () => {
  const cpu = machine(32);
  cpu.icount = 0x123456789;
  assert.equal(exec(cpu, [0x0f, 0x31]), null);
  assert.deepEqual([cpu.regs[RAX * 2] >>> 0, cpu.regs[RDX * 2]], [0x23456789, 1]);
  cpu.tscAux = 7;
  assert.equal(exec(cpu, [0x0f, 0x01, 0xf9]), null);
  assert.equal(cpu.regs[RCX * 2], 7);
  cpu.cr4 |= CR4_TSD;
  assert.equal(exec(cpu, [0x0f, 0x31]), null, 'CPL 0 may still read it');
  cpu.segs[1].selector |= 3; cpu.updateMode();
  assert.equal(exec(cpu, [0x0f, 0x31])?.vector, 13);
  assert.equal(exec(cpu, [0x0f, 0x01, 0xf9])?.vector, 13);
});
