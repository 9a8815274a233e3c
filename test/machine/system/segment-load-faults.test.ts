// Segment-register loads: the fault vector and error code for each descriptor check (SDM MOV Sreg), without changing the register.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Cpu } from '../../../src/machine/cpu/cpu';
import { PhysicalMemory } from '../../../src/machine/memory/physical';
import { PortBus } from '../../../src/machine/io';
import { CpuFault } from '../../../src/machine/cpu/fault';
import { Seg } from '../../../src/machine/cpu/instr';
import { startDirect32 } from '../../../src/machine/boot/direct';
import { loadSegment } from '../../../src/machine/cpu/system/segment-load';

const GDT = 0x2000;
/** Descriptors by selector: 0x08 code32, 0x10 data, 0x18 execute-only code, 0x20 data not present, 0x28 read-only data, 0x30 32-bit TSS, 0x38 data DPL 3. */
const DESCRIPTORS: [number, number][] = [
  [0, 0], [0x0000ffff, 0x00cf9b00], [0x0000ffff, 0x00cf9300], [0x0000ffff, 0x00cf9800],
  [0x0000ffff, 0x00cf1300], [0x0000ffff, 0x00cf9100], [0x20000067, 0x00008900], [0x0000ffff, 0x00cff300],
];

function cpuWithGdt(): Cpu {
  const cpu = new Cpu(new PhysicalMemory(4 << 20), new PortBus());
  startDirect32(cpu, 0x100000, 0x100000);
  DESCRIPTORS.forEach(([lo, hi], n) => { cpu.mem.write(GDT + n * 8, 4, lo); cpu.mem.write(GDT + n * 8 + 4, 4, hi); });
  cpu.gdtrBase = GDT; cpu.gdtrLimit = DESCRIPTORS.length * 8 - 1;
  return cpu;
}

function fault(seg: number, sel: number): [number, number] | null {
  const cpu = cpuWithGdt();
  const before = cpu.segs[seg].selector;
  try { loadSegment(cpu, seg, sel); return null; } catch (e) {
    assert.ok(e instanceof CpuFault);
    assert.equal(cpu.segs[seg].selector, before, 'the register is unchanged by a faulting load');
    return [e.vector, e.errorCode];
  }
}

test('data-segment loads: null allowed, then #GP/#NP with the selector as error code', () => {
  assert.equal(fault(Seg.DS, 0), null);
  assert.equal(fault(Seg.DS, 3), null, 'null with RPL 3');
  assert.equal(fault(Seg.DS, 0x10), null);
  assert.equal(fault(Seg.DS, 0x08), null, 'readable code is fine in DS');
  assert.deepEqual(fault(Seg.DS, 0x18), [13, 0x18], 'execute-only code');
  assert.deepEqual(fault(Seg.DS, 0x30), [13, 0x30], 'system descriptor (TSS)');
  assert.deepEqual(fault(Seg.DS, 0x20), [11, 0x20], 'not present');
  assert.deepEqual(fault(Seg.DS, 0x40), [13, 0x40], 'beyond the GDT limit');
  assert.deepEqual(fault(Seg.ES, 0x43), [13, 0x40], 'RPL bits are not in the error code');
  assert.deepEqual(fault(Seg.FS, 0x0c), [13, 0x0c], 'LDT selector with a null LDTR');
});

test('SS loads: null, RPL or DPL other than CPL, read-only or code are #GP; not present is #SS', () => {
  assert.deepEqual(fault(Seg.SS, 0), [13, 0]);
  assert.deepEqual(fault(Seg.SS, 0x13), [13, 0x10], 'RPL 3 at CPL 0');
  assert.deepEqual(fault(Seg.SS, 0x38), [13, 0x38], 'DPL 3 at CPL 0');
  assert.deepEqual(fault(Seg.SS, 0x28), [13, 0x28], 'read-only data');
  assert.deepEqual(fault(Seg.SS, 0x08), [13, 0x08], 'code');
  assert.deepEqual(fault(Seg.SS, 0x20), [12, 0x20], 'not present: #SS');
  assert.equal(fault(Seg.SS, 0x10), null);
});
