// TLB semantics: a CR3 write keeps global translations (CR4.PGE), INVLPG drops one page, a CR4.PGE or paging-mode change drops everything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cpu } from '../../../src/machine/cpu/cpu';
import { PhysicalMemory } from '../../../src/machine/memory/physical';
import { PortBus } from '../../../src/machine/io';
import { startDirect32 } from '../../../src/machine/boot/direct';
import { writeCr0, writeCr3, writeCr4 } from '../../../src/machine/cpu/system/control-registers';
import { ACC_READ } from '../../../src/machine/mmu/paging';
import { CR0_PG, CR4_PGE, CR4_PSE } from '../../../src/machine/cpu/registers';

const PD = 0x10000, PT = 0x11000;

/** 32-bit paging: 0..4 MiB identity (4 MiB page); 0x400000 global -> 0x200000; 0x401000 non-global -> 0x201000. */
function pagedCpu(): Cpu {
  const cpu = new Cpu(new PhysicalMemory(16 << 20), new PortBus());
  startDirect32(cpu, 0x100000, 0x100000);
  const m = cpu.mem;
  m.write(PD, 4, 0x83);
  m.write(PD + 4, 4, PT | 3);
  m.write(PT, 4, 0x200103);
  m.write(PT + 4, 4, 0x201003);
  writeCr4(cpu, CR4_PSE | CR4_PGE);
  writeCr3(cpu, PD);
  writeCr0(cpu, cpu.cr0 | CR0_PG);
  return cpu;
}
const phys = (cpu: Cpu, lin: number) => cpu.translate(lin, ACC_READ, false);

test('a CR3 reload keeps the global page and drops the non-global one', () => {
  const cpu = pagedCpu();
  assert.equal(phys(cpu, 0x400010), 0x200010);
  assert.equal(phys(cpu, 0x401010), 0x201010);
  cpu.mem.write(PT, 4, 0x300103);
  cpu.mem.write(PT + 4, 4, 0x301003);
  writeCr3(cpu, PD);
  assert.equal(phys(cpu, 0x400010), 0x200010, 'global: the cached translation survives');
  assert.equal(phys(cpu, 0x401010), 0x301010, 'non-global: walked again');
});

test('INVLPG drops the global page too; toggling CR4.PGE drops every global entry', () => {
  const cpu = pagedCpu();
  phys(cpu, 0x400000);
  cpu.mem.write(PT, 4, 0x300103);
  cpu.tlb.flushPage(0x400);
  assert.equal(phys(cpu, 0x400000), 0x300000);
  cpu.mem.write(PT, 4, 0x200103);
  writeCr4(cpu, CR4_PSE);
  writeCr4(cpu, CR4_PSE | CR4_PGE);
  assert.equal(phys(cpu, 0x400000), 0x200000);
});

test('the INVLPG instruction flushes the page of its operand (and a walk sets A again)', () => {
  const cpu = pagedCpu();
  phys(cpu, 0x401000);
  cpu.mem.write(PT + 4, 4, 0x202003);
  assert.equal(phys(cpu, 0x401000), 0x201000, 'stale until invalidated');
  // invlpg [0x401000]; hlt
  cpu.mem.load(0x100000, new Uint8Array([0x0f, 0x01, 0x3d, 0x00, 0x10, 0x40, 0x00, 0xf4]));
  cpu.run(cpu.icount + 10);
  assert.equal(phys(cpu, 0x401000), 0x202000);
  assert.equal(cpu.mem.read(PT + 4, 4), 0x202023);
});
