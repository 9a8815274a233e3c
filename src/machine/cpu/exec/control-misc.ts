// HLT, CLI, STI, CLC/STC/CMC, CLD/STD, and port I/O (IN, OUT) with the I/O privilege checks.
import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { OpKind } from '../instr';
import { CpuFault } from '../fault';
import { getFlags, materialize } from '../flags';
import { CF, DF, IF, VM, CR0_PE, RAX, RDX } from '../registers';
import { register } from './registry';

/** IOPL of the current RFLAGS. */
function iopl(cpu: Cpu): number { return (cpu.flags >> 12) & 3; }

/** CPL > IOPL in protected mode (or virtual-8086 mode) means I/O needs the TSS bitmap. */
export function checkIoPermission(cpu: Cpu, port: number, size: number): void {
  if (!(cpu.cr0 & CR0_PE)) return;
  if (!(cpu.flags & VM) && cpu.cpl <= iopl(cpu)) return;
  // I/O permission bitmap in the TSS (a 32- or 64-bit available/busy TSS).
  const tr = cpu.tr;
  const type = tr.attr & 0xf;
  if (!tr.valid || (type !== 9 && type !== 0xb) || tr.limit < 0x67) throw new CpuFault(13, 0);
  const mapBase = cpu.readSys(tr.base + 0x66, 2);
  const byte = mapBase + (port >>> 3);
  if (byte + 1 > tr.limit) throw new CpuFault(13, 0);
  const bits = cpu.readSys(tr.base + byte, 2);
  const mask = ((1 << size) - 1) << (port & 7);
  if (bits & mask) throw new CpuFault(13, 0);
}

register('hlt', (cpu: Cpu): void => {
  if (cpu.cpl !== 0) throw new CpuFault(13, 0);
  cpu.halted = true;
  cpu.emit('hlt');
  cpu.attention();
});

register('cli', (cpu: Cpu): void => {
  if ((cpu.cr0 & CR0_PE) && cpu.cpl > iopl(cpu)) throw new CpuFault(13, 0);
  cpu.flags &= ~IF;
});
register('sti', (cpu: Cpu): void => {
  if ((cpu.cr0 & CR0_PE) && cpu.cpl > iopl(cpu)) throw new CpuFault(13, 0);
  if (!(cpu.flags & IF)) {
    cpu.flags |= IF;
    // Interrupts stay blocked until after the next instruction (the STI shadow).
    cpu.shadowUntil = cpu.icount + 2;
  }
  cpu.attention();
});

register('clc', (cpu: Cpu): void => { materialize(cpu); cpu.flags &= ~CF; });
register('stc', (cpu: Cpu): void => { materialize(cpu); cpu.flags |= CF; });
register('cmc', (cpu: Cpu): void => { cpu.flags = getFlags(cpu) ^ CF; cpu.lazy = 0; });
register('cld', (cpu: Cpu): void => { cpu.flags &= ~DF; });
register('std', (cpu: Cpu): void => { cpu.flags |= DF; });

function portOf(cpu: Cpu, i: Instr, n: number): number {
  const k = n === 0 ? i.k0 : i.k1;
  return k === OpKind.Imm ? i.immLo & 0xff : cpu.regs[RDX << 1] & 0xffff;
}

register('in', (cpu: Cpu, i: Instr): void => {
  const size = i.s0;
  const port = portOf(cpu, i, 1);
  checkIoPermission(cpu, port, size);
  cpu.setReg(RAX, size, cpu.ports.read(port, size));
});
register('out', (cpu: Cpu, i: Instr): void => {
  const size = i.s1;
  const port = portOf(cpu, i, 0);
  checkIoPermission(cpu, port, size);
  cpu.ports.write(port, size, cpu.getReg(RAX, size));
  // A port write may unmask or acknowledge an interrupt, or stop the machine.
  cpu.attention();
});
