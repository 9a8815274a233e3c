// A minimal machine for the system tests (CPU + RAM + COM1 output + isa-debug-exit) used until `ringstep run` exists, and for traces.
import { Cpu, Stop } from '../../src/machine/cpu/cpu';
import { PhysicalMemory } from '../../src/machine/memory/physical';
import { PortBus } from '../../src/machine/io';
import { loadMultiboot } from '../../src/machine/boot/multiboot';
import { CpuFault } from '../../src/machine/cpu/fault';
import type { RunResult } from './harness';
import { type TraceRecord, cpuRecord } from './trace';

/** Build the machine and load a multiboot image; `out` collects serial output; `exit` is set by port 0xF4. */
export function bootInProcess(image: Uint8Array, ramMiB = 64) {
  const mem = new PhysicalMemory(ramMiB << 20);
  const ports = new PortBus();
  const state = { out: [] as string[], exit: -1 };
  const cpu = new Cpu(mem, ports);
  const write = (_p: number, _s: number, v: number) => { state.out.push(String.fromCharCode(v & 0xff)); };
  ports.register(0x3f8, 1, { read: () => 0, write });
  ports.register(0x3fd, 1, { read: () => 0x60, write: () => {} });
  ports.register(0xe9, 1, { read: () => 0xe9, write });
  ports.register(0xf4, 4, {
    read: () => 0,
    write: (_p, size, v) => { const x = size === 1 ? v & 0xff : size === 2 ? v & 0xffff : v >>> 0; state.exit = (x * 2 + 1) % 256; cpu.requestStop(); },
  });
  loadMultiboot(cpu, image);
  return { cpu, state };
}

/** Run an image to its exit: status as `ringstep run` defines it (98 triple fault, 124 budget). */
export function runInProcess(image: Uint8Array, maxInstructions: number): RunResult {
  const { cpu, state } = bootInProcess(image);
  let stderr = '';
  let status = 124;
  for (;;) {
    const r = cpu.run(Math.min(cpu.icount + 1_000_000, maxInstructions));
    if (state.exit >= 0) { status = state.exit; break; }
    if (r === Stop.TripleFault) { status = 98; stderr = `triple fault:\n  ${(cpu.tripleFault ?? []).join('\n  ')}\n`; break; }
    if (r === Stop.Halted) { status = 99; stderr = 'halted with interrupts off\n'; break; }
    if (cpu.icount >= maxInstructions) break;
  }
  return { transcript: state.out.join(''), status, stderr };
}

/**
 * Per-instruction trace: the register record at each instruction boundary (before the next
 * instruction runs, and at the first instruction of an exception handler), as QEMU's
 * `-d cpu -singlestep` logs it.
 */
export function traceInProcess(image: Uint8Array, count: number): TraceRecord[] {
  const { cpu, state } = bootInProcess(image);
  const out: TraceRecord[] = [];
  // Return from run() right after an exception is delivered, so the handler's first instruction gets its own record.
  const raise = cpu.raise.bind(cpu);
  cpu.raise = (f: CpuFault) => { raise(f); cpu.requestStop(); };
  while (out.length < count && state.exit < 0 && !cpu.tripleFault) {
    out.push(cpuRecord(cpu));
    cpu.run(cpu.icount + 1);
  }
  return out;
}
