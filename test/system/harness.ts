// Runs one system test program under QEMU (the oracle) and under Ringstep, and compares serial transcripts and exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './run-inprocess';

export const ROOT = new URL('../..', import.meta.url).pathname;
export const PROGRAMS = join(ROOT, 'test/system/programs');
export const INCLUDE = join(ROOT, 'test/system/include/');
const OUT = join(tmpdir(), 'ringstep-system-tests');

/** What one run produced. */
export interface RunResult { transcript: string; status: number; stderr: string }

/**
 * Expectations written in a program's header comments:
 * - `; QEMU-DIFF: <text QEMU prints> => <text the SDM requires>`: a known QEMU 7.2 departure; the
 *   substitution is applied to QEMU's transcript before comparing.
 * - `; QEMU-EXIT: n` / `; EXIT: n`: exit status under QEMU / under Ringstep when they must differ
 *   (a QEMU difference changes the failure count; a triple fault ends QEMU with 0 and Ringstep with 98).
 */
export interface ProgramMeta { diffs: [string, string][]; qemuExit?: number; exit?: number; description: string }

export function programMeta(name: string): ProgramMeta {
  const src = readFileSync(join(PROGRAMS, `${name}.asm`), 'utf8');
  const meta: ProgramMeta = { diffs: [], description: src.split('\n')[0].replace(/^;\s*/, '') };
  for (const line of src.split('\n')) {
    // An explanation may follow in parentheses starting with "(QEMU".
    let m = /^;\s*QEMU-DIFF:\s*(.*?)\s*=>\s*(.*?)\s*(\(QEMU.*\))?\s*$/.exec(line);
    if (m) meta.diffs.push([m[1], m[2]]);
    m = /^;\s*QEMU-EXIT:\s*(\d+)/.exec(line);
    if (m) meta.qemuExit = +m[1];
    m = /^;\s*EXIT:\s*(\d+)/.exec(line);
    if (m) meta.exit = +m[1];
  }
  return meta;
}

/** Assemble test/system/programs/NAME.asm with NASM into a flat multiboot image; returns its path. */
export function assemble(name: string): string {
  mkdirSync(OUT, { recursive: true });
  const src = join(PROGRAMS, `${name}.asm`);
  const bin = join(OUT, `${name}.bin`);
  const inc = join(INCLUDE, 'rstest.inc');
  if (existsSync(bin) && statSync(bin).mtimeMs > Math.max(statSync(src).mtimeMs, statSync(inc).mtimeMs)) return bin;
  // Assemble to a private name and rename: test files running in parallel may assemble the same program.
  const tmp = `${bin}.${process.pid}`;
  const r = spawnSync('nasm', ['-f', 'bin', '-I', INCLUDE, '-o', tmp, src], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nasm failed for ${name}:\n${r.stderr}`);
  renameSync(tmp, bin);
  return bin;
}

/** All program names in test/system/programs. */
export function programNames(): string[] {
  return spawnSync('ls', [PROGRAMS], { encoding: 'utf8' }).stdout.split('\n').filter((f) => f.endsWith('.asm')).map((f) => f.slice(0, -4)).sort();
}

export const QEMU_ARGS = ['-cpu', 'max', '-serial', 'stdio', '-display', 'none', '-no-reboot', '-device', 'isa-debug-exit,iobase=0xf4,iosize=0x04'];

/** Run an image under qemu-system-x86_64 (TCG). */
export function runQemu(bin: string, extra: string[] = [], timeoutMs = 30000): RunResult {
  const r = spawnSync('qemu-system-x86_64', ['-kernel', bin, ...QEMU_ARGS, ...extra], { encoding: 'latin1', timeout: timeoutMs, maxBuffer: 1 << 30 });
  return { transcript: r.stdout ?? '', status: r.status ?? -1, stderr: r.stderr ?? '' };
}

/** True when the `ringstep run` CLI has been built. */
export function cliAvailable(): boolean {
  const cli = join(ROOT, 'dist/cli.js');
  if (!existsSync(cli)) return false;
  const r = spawnSync(process.execPath, [cli, 'run', '--help'], { encoding: 'utf8', timeout: 10000 });
  return r.status === 0 || /run/.test(r.stdout + r.stderr);
}

export const MAX_INSTRUCTIONS = 20_000_000;

/** Run an image under Ringstep: the `ringstep run` CLI when built (RINGSTEP_INPROCESS=1 forces the in-process machine). */
export function runRingstep(bin: string): RunResult {
  if (!process.env.RINGSTEP_INPROCESS && cliAvailable()) {
    const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), 'run', bin, '--boot', 'multiboot', '--max-instructions', String(MAX_INSTRUCTIONS)],
      { encoding: 'latin1', timeout: 120000, maxBuffer: 1 << 30 });
    return { transcript: r.stdout ?? '', status: r.status ?? -1, stderr: r.stderr ?? '' };
  }
  return runInProcess(readFileSync(bin), MAX_INSTRUCTIONS);
}

/** Apply the program's known QEMU differences to QEMU's transcript. */
export function applyDiffs(transcript: string, meta: ProgramMeta): string {
  let t = transcript;
  for (const [from, to] of meta.diffs) t = t.split(from.replace(/\\n/g, '\n')).join(to.replace(/\\n/g, '\n'));
  return t;
}

/** First differing line of two transcripts, for messages. */
export function firstDifference(a: string, b: string): string {
  const x = a.split('\n'), y = b.split('\n');
  for (let k = 0; k < Math.max(x.length, y.length); k++) {
    if (x[k] !== y[k]) return `line ${k + 1}:\n  qemu:     ${JSON.stringify(x[k])}\n  ringstep: ${JSON.stringify(y[k])}`;
  }
  return 'no difference';
}
