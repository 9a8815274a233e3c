// Runs one system test program under QEMU (the oracle) and under Ringstep, and compares serial transcripts and exit codes.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from './run-inprocess';
import { haveQemu } from '../helpers/qemu';
import { haveNasm } from '../helpers/nasm';

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
 * - `; STDERR: text`: a line Ringstep must print on stderr (the cause chain of a triple fault).
 */
export interface ProgramMeta { diffs: [string, string][]; qemuExit?: number; exit?: number; stderr?: string; description: string }

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
    m = /^;\s*STDERR:\s*(.*?)\s*$/.exec(line);
    if (m) meta.stderr = m[1];
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

/** True when QEMU and nasm can run; under CI a missing one throws (a failure, never a skip). */
export function systemToolsPresent(): boolean {
  const q = haveQemu(), n = haveNasm();
  return q && n;
}

/** Run a command to its end without blocking the event loop (so QEMU and Ringstep runs overlap). */
export function run(cmd: string, args: string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [], err: Buffer[] = [];
    p.stdout.on('data', (b: Buffer) => out.push(b));
    p.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => p.kill('SIGKILL'), timeoutMs);
    p.on('error', reject);
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ transcript: Buffer.concat(out).toString('latin1'), status: code ?? (signal ? -1 : -1), stderr: Buffer.concat(err).toString('latin1') });
    });
  });
}

/** Run an image under qemu-system-x86_64 (TCG). */
export function runQemu(bin: string, extra: string[] = [], timeoutMs = 60000): Promise<RunResult> {
  return run('qemu-system-x86_64', ['-kernel', bin, ...QEMU_ARGS, ...extra], timeoutMs);
}

/** Newest modification time of the files under a directory. */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** The CLI to test: dist/cli.js, or RINGSTEP_CLI (a path to another build of it). */
export const CLI = process.env.RINGSTEP_CLI ?? join(ROOT, 'dist/cli.js');
let cliState: 'cli' | 'in-process' | undefined;

/**
 * How Ringstep runs the programs: the `ringstep run` CLI (dist/cli.js, built by `npm test` /
 * `npm run build`) when it is at least as new as src/machine and src/cli. Under CI a missing or
 * stale CLI is an error. Locally, a missing or stale build falls back to the same Machine run
 * in-process (test/system/run-inprocess.ts), with a note; RINGSTEP_INPROCESS=1 forces that.
 * RINGSTEP_CLI=path tests another build of the CLI (used as given, without the age check).
 */
export function ringstepMode(): 'cli' | 'in-process' {
  if (cliState) return cliState;
  if (process.env.RINGSTEP_INPROCESS && !process.env.CI) return (cliState = 'in-process');
  const fresh = existsSync(CLI) && (!!process.env.RINGSTEP_CLI || statSync(CLI).mtimeMs >= Math.max(newest(join(ROOT, 'src/machine')), newest(join(ROOT, 'src/cli'))));
  if (fresh) return (cliState = 'cli');
  if (process.env.CI) throw new Error('dist/cli.js is missing or older than src/: run `npm run build` first (npm test does)');
  console.log('# dist/cli.js is missing or stale: running Ringstep in-process (npm run build to use the CLI)');
  return (cliState = 'in-process');
}

export const MAX_INSTRUCTIONS = 20_000_000;

/** Run an image under Ringstep (see ringstepMode). */
export async function runRingstep(bin: string): Promise<RunResult> {
  if (ringstepMode() === 'cli') {
    return run(process.execPath, [CLI, 'run', bin, '--boot', 'multiboot', '--max-instructions', String(MAX_INSTRUCTIONS)], 120000);
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
