// MOV to CR0/CR3/CR4/CR8 checks that QEMU 7.2 cannot be compared on (it hangs or ignores them): each raises #GP(0) and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cpu } from '../../../src/machine/cpu/cpu';
import { PhysicalMemory } from '../../../src/machine/memory/physical';
import { PortBus } from '../../../src/machine/io';
import { CpuFault } from '../../../src/machine/cpu/fault';
import { startDirect32, startDirect64 } from '../../../src/machine/boot/direct';
import { writeCr0, writeCr3, writeCr4, writeCr8 } from '../../../src/machine/cpu/system/control-registers';
import { CR0_CD, CR0_NW, CR0_PE, CR0_PG, CR4_PAE } from '../../../src/machine/cpu/registers';

function cpuIn(bits: 32 | 64): Cpu {
  const cpu = new Cpu(new PhysicalMemory(16 << 20), new PortBus());
  (bits === 64 ? startDirect64 : startDirect32)(cpu, 0x100000, 0x100000);
  return cpu;
}

function gp0(fn: () => void): void {
  assert.throws(fn, (e: unknown) => e instanceof CpuFault && e.vector === 13 && e.errorCode === 0);
}

test('CR4: reserved and unsupported bits are #GP(0) and leave CR4 as it was', () => {
  const cpu = cpuIn(32);
  const before = cpu.cr4;
  for (const bit of [12, 13, 14, 15, 19, 22, 23, 24, 25, 31]) gp0(() => writeCr4(cpu, before | (1 << bit)));
  assert.equal(cpu.cr4, before);
  writeCr4(cpu, before | (1 << 7));
  assert.equal(cpu.cr4, before | (1 << 7), 'PGE is supported');
});

test('CR0: PG without PE, NW without CD and bits 63:32 are #GP(0)', () => {
  const cpu = cpuIn(32);
  const before = cpu.cr0;
  gp0(() => writeCr0(cpu, (before & ~CR0_PE) | CR0_PG));
  gp0(() => writeCr0(cpu, (before & ~CR0_CD) | CR0_NW));
  const c64 = cpuIn(64);
  gp0(() => writeCr0(c64, c64.cr0, 1));
  assert.equal(cpu.cr0, before);
});

test('64-bit mode: clearing CR0.PG or CR4.PAE, CR3 bits above MAXPHYADDR, CR8 bits 63:4 are #GP(0)', () => {
  const cpu = cpuIn(64);
  const cr0 = cpu.cr0, cr3 = cpu.cr3, cr4 = cpu.cr4;
  gp0(() => writeCr0(cpu, cr0 & ~CR0_PG));
  gp0(() => writeCr4(cpu, cr4 & ~CR4_PAE));
  gp0(() => writeCr3(cpu, cr3, 1 << 20));          // bit 52
  gp0(() => writeCr8(cpu, 0x10));
  assert.deepEqual([cpu.cr0, cpu.cr3, cpu.cr4], [cr0, cr3, cr4]);
  writeCr8(cpu, 0xf);
  assert.equal(cpu.cr8, 0xf);
});
