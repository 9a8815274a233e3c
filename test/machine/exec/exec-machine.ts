// Test fixture: a small machine in 64-bit or 32-bit flat mode that executes single instructions given as bytes.
import { Cpu } from '../../../src/machine/cpu/cpu';
import { decodeBytes } from '../../../src/machine/cpu/decoder';
import { CpuFault } from '../../../src/machine/cpu/fault';
import { bindExec } from '../../../src/machine/cpu/exec/registry';
import { PhysicalMemory } from '../../../src/machine/memory/physical';
import { PortBus } from '../../../src/machine/io';
import { startDirect32, startDirect64 } from '../../../src/machine/boot/direct';
import { CR4_OSFXSR } from '../../../src/machine/cpu/registers';

export const CODE = 0x100000, STACK = 0x80000;

/** A fresh machine: 16 MiB of RAM, flat segments, CR4.OSFXSR set, RSP = 0x80000. */
export function machine(bits: 32 | 64 = 64): Cpu {
  const cpu = new Cpu(new PhysicalMemory(16 << 20), new PortBus());
  if (bits === 64) startDirect64(cpu, CODE, STACK); else startDirect32(cpu, CODE, STACK);
  cpu.cr4 |= CR4_OSFXSR;
  return cpu;
}

/**
 * Execute one instruction (restarting it while it leaves RIP on itself, as a REP instruction
 * that yields does) and return the fault it raised, or null. RIP is left after the instruction,
 * or on it after a fault.
 */
export function exec(cpu: Cpu, bytes: number[], maxRestarts = 1 << 20): CpuFault | null {
  const ins = decodeBytes(Uint8Array.from(bytes), 0, cpu.bits);
  if (ins.mnem === '') { cpu.rip = CODE; return new CpuFault(6); }
  ins.exec = bindExec(ins);
  for (let k = 0; k < maxRestarts; k++) {
    cpu.curRip = CODE; cpu.rip = CODE + ins.len;
    try { ins.exec(cpu, ins); } catch (e) { if (e instanceof CpuFault) { cpu.rip = CODE; return e; } throw e; }
    cpu.icount++;
    if (cpu.rip !== CODE) return null;
  }
  return null;
}

/** 64-bit register as a number (exact below 2^53). */
export const reg = (cpu: Cpu, r: number): number => cpu.getNum64(r);
export const setReg = (cpu: Cpu, r: number, v: number): void => cpu.set64(r, v % 4294967296 | 0, Math.floor(v / 4294967296) | 0);
