// `npm run bench`: guest workloads on the emulator (MIPS by wall time, median of 11 runs; CPU-time MIPS beside) and assembler throughput (lines/s the same way).
import { Machine } from '../../src/machine/machine';
import { startDirect32, startDirect64 } from '../../src/machine/boot/direct';
import { assemble } from '../../src/asm/index';
import aluLoop from './guests/alu-loop.asm';
import memChecksum from './guests/mem-checksum.asm';
import callRet from './guests/call-ret.asm';
import mem16Flat32 from './guests/mem16-flat32.asm';
import mem16Paging64 from './guests/mem16-paging64.asm';
import timerIrq from './guests/timer-irq.asm';
import { generateAsmBenchSource } from './asm-source';

const RUNS = Number(process.env.RINGSTEP_BENCH_RUNS ?? 11);

interface Workload { name: string; source: string; bits: 32 | 64; breakpoints?: number }

const WORKLOADS: Workload[] = [
  { name: 'alu', source: aluLoop, bits: 64 },
  { name: 'memsum', source: memChecksum, bits: 64 },
  { name: 'callret', source: callRet, bits: 64 },
  { name: 'alu-bp16', source: aluLoop, bits: 64, breakpoints: 16 },
  { name: 'memsum-bp16', source: memChecksum, bits: 64, breakpoints: 16 },
  { name: 'callret-bp16', source: callRet, bits: 64, breakpoints: 16 },
  { name: 'mem16-nopaging', source: mem16Flat32, bits: 32 },
  { name: 'mem16-paging', source: mem16Paging64, bits: 64 },
  { name: 'timer-irq', source: timerIrq, bits: 64 },
];

function median(xs: number[]): number { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

function build(w: Workload): Uint8Array {
  const r = assemble(w.source, { file: `${w.name}.asm`, syntax: 'nasm' });
  const errs = r.diagnostics.filter((d) => d.severity === 'error');
  if (errs.length) throw new Error(`bench guest ${w.name} does not assemble: ${errs.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ')}`);
  return r.image;
}

/**
 * Milliseconds of CPU time this process used since `c0` (all threads: it includes the engine's
 * background compilation and GC, so it reads higher than wall time on an idle machine; it is
 * printed as cpu_mips to tell a loaded machine from a slow emulator).
 */
function cpuMs(c0: NodeJS.CpuUsage): number { const u = process.cpuUsage(c0); return (u.user + u.system) / 1000; }

/**
 * A full garbage collection before each timed run (when node runs with --expose-gc, as `npm run
 * bench` does), so that no run pays for collecting the machines and buffers of the runs before it.
 */
function collectGarbage(): void { (globalThis as { gc?: () => void }).gc?.(); }

/** One run: fresh machine, returns [instructions, CPU milliseconds, wall milliseconds]. */
function runOnce(w: Workload, image: Uint8Array): [number, number, number] {
  const m = new Machine({ ramBytes: 64 * 1024 * 1024 });
  m.mem.load(0x100000, image);
  (w.bits === 64 ? startDirect64 : startDirect32)(m.cpu, 0x100000, 0x100000);
  for (let k = 0; k < (w.breakpoints ?? 0); k++) m.cpu.addBreakpoint(0x3000000 + k * 0x40); // never executed
  collectGarbage();
  const t0 = performance.now(), c0 = process.cpuUsage();
  let r;
  do r = m.run(50_000_000); while (r.reason === 'budget' && m.cpu.retired < 2e9);
  const ms = cpuMs(c0), wall = performance.now() - t0;
  if (r.reason !== 'exit' || r.exitCode !== 1) throw new Error(`bench guest ${w.name} ended with ${r.reason} ${r.exitCode ?? ''} at rip 0x${m.cpu.rip.toString(16)}${m.cpu.tripleFault ? ': ' + m.cpu.tripleFault.join(' <- ') : ''}`);
  return [m.cpu.retired, ms, wall];
}

// Assembler throughput on a generated 100,000-line file, first, while the process holds nothing
// of the guest workloads: lines per second of wall time, as for the guest workloads, with the
// CPU-time figure (all threads, so it includes the engine's concurrent GC and compilation) beside it.
const src = generateAsmBenchSource(100_000);
const rates: number[] = [], cpuRates: number[] = [];
for (let k = 0; k < RUNS; k++) {
  // No forced collection here: it would shrink the heap the assembler has grown into and make
  // each run pay for growing it again, which a process that assembles repeatedly does not.
  const t0 = performance.now(), c0 = process.cpuUsage();
  const r = assemble(src, { file: 'bench.asm', syntax: 'nasm' });
  const ms = cpuMs(c0), wall = performance.now() - t0;
  if (r.diagnostics.some((d) => d.severity === 'error')) throw new Error(`bench asm source has errors: ${r.diagnostics[0].message} (line ${r.diagnostics[0].line})`);
  rates.push(100_000 / (wall / 1000));
  cpuRates.push(100_000 / (ms / 1000));
}
console.log(`bench asm lines_per_s=${Math.round(median(rates))} runs=${RUNS} lines=100000 min=${Math.round(Math.min(...rates))} max=${Math.round(Math.max(...rates))} cpu_lines_per_s=${Math.round(median(cpuRates))}`);

// Workloads that are compared with each other run interleaved (one run of each in turn, ABBA), so
// that warm-up and machine load weigh on both sides of a ratio alike.
const GROUPS = [['alu', 'alu-bp16'], ['memsum', 'memsum-bp16'], ['callret', 'callret-bp16'], ['mem16-nopaging', 'mem16-paging'], ['timer-irq']];
/** Per-run MIPS of each workload, in run order (runs of one group are adjacent in time). */
const runs = new Map<string, number[]>();
for (const group of GROUPS) {
  const ws = group.map((name) => WORKLOADS.find((w) => w.name === name)!);
  const images = ws.map(build);
  const mips = ws.map((): number[] => []), cpuMips = ws.map((): number[] => []), instructions = ws.map(() => 0);
  for (let k = 0; k < RUNS; k++) {
    // ABBA order: neither side always runs right after the other's garbage.
    const order = ws.map((_, j) => (k % 2 === 0 ? j : ws.length - 1 - j));
    order.forEach((j) => {
      const w = ws[j];
      const [n, ms, wall] = runOnce(w, images[j]);
      instructions[j] = n;
      mips[j].push(n / wall / 1000);
      cpuMips[j].push(n / ms / 1000);
    });
  }
  ws.forEach((w, j) => {
    const med = median(mips[j]);
    runs.set(w.name, mips[j]);
    console.log(`bench ${w.name} mips=${med.toFixed(1)} runs=${RUNS} instructions=${instructions[j]} min=${Math.min(...mips[j]).toFixed(1)} max=${Math.max(...mips[j]).toFixed(1)} cpu_mips=${median(cpuMips[j]).toFixed(1)}`);
  });
}
/**
 * B's speed relative to A: the median over runs of B_k / A_k. The two runs of a pair are adjacent
 * in time, so a change of the machine's speed during the benchmark (other load, the host) cancels
 * out; the ratio of the two medians is printed beside it.
 */
function ratio(a: string, b: string): string {
  const ra = runs.get(a)!, rb = runs.get(b)!;
  return `ratio=${median(ra.map((x, k) => rb[k] / x)).toFixed(3)} ratio_of_medians=${(median(rb) / median(ra)).toFixed(3)}`;
}
for (const base of ['alu', 'memsum', 'callret']) console.log(`bench ${base}-bp16-ratio ${ratio(base, `${base}-bp16`)}`);
console.log(`bench paging-ratio ${ratio('mem16-nopaging', 'mem16-paging')}`);
