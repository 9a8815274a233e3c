// The in-process fallback for `ringstep run` (the same Machine, loader and exit statuses), used when dist/cli.js is not built.
import { Machine } from '../../src/machine/machine';
import { loadMultiboot } from '../../src/machine/boot/multiboot';
import type { RunResult } from './harness';
import { type TraceRecord, cpuRecord } from './trace';

/** Build the PC (RAM, PIC, PIT, APIC, COM1, isa-debug-exit) and load a multiboot image, as `ringstep run --boot multiboot` does. */
export function bootInProcess(image: Uint8Array): { m: Machine; out: number[] } {
  const out: number[] = [];
  const m = new Machine({ onOutput: (b) => out.push(b) });
  loadMultiboot(m.cpu, image);
  return { m, out };
}

/** Run an image to its end; the status is the one `ringstep run` gives (98 triple fault, 124 budget or halted for good). */
export function runInProcess(image: Uint8Array, maxInstructions: number): RunResult {
  const { m, out } = bootInProcess(image);
  let left = maxInstructions;
  let r = m.run(0);
  while (left > 0) {
    const slice = Math.min(left, 1_000_000);
    r = m.run(slice);
    if (r.reason !== 'budget') break;
    left -= slice;
  }
  const transcript = Buffer.from(out).toString('latin1');
  switch (r.reason) {
    case 'exit': return { transcript, status: r.exitCode! & 0xff, stderr: '' };
    case 'triple-fault': return { transcript, status: 98, stderr: `triple fault:\n  ${(m.cpu.tripleFault ?? []).join('\n  ')}\n` };
    default: return { transcript, status: 124, stderr: `stopped: ${r.reason}\n` };
  }
}

/**
 * Per-instruction trace with the same rule as `ringstep run --trace`: a record before each
 * instruction and one at the first instruction of every exception or interrupt handler.
 */
export function traceInProcess(image: Uint8Array, count: number): TraceRecord[] {
  const { m } = bootInProcess(image);
  const cpu = m.cpu;
  cpu.stopAfterDelivery = true;
  const recs: TraceRecord[] = [];
  let lastIcount = -1, lastRip = NaN;
  while (recs.length < count) {
    if (cpu.icount !== lastIcount || cpu.rip !== lastRip) {
      recs.push(cpuRecord(cpu));
      lastIcount = cpu.icount; lastRip = cpu.rip;
    }
    const r = m.run(1);
    if (r.reason !== 'budget') break;
  }
  return recs;
}
