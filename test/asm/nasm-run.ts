// Test helper: runs the real nasm (the oracle) and our assembler on the same source.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { assemble } from '../../src/asm/index';
import type { AsmResult } from '../../src/asm/types';

/** True when nasm is on PATH. In CI a missing nasm is a failure, locally tests skip. */
export function nasmAvailable(): boolean {
  const r = spawnSync('nasm', ['-v'], { encoding: 'utf8' });
  const ok = r.status === 0;
  if (!ok && process.env.CI) throw new Error('nasm is required in CI (apt-get install nasm)');
  return ok;
}

/** Runs `nasm -f bin` on the source; returns the bytes or the error text. */
export function runNasm(source: string, includeDirs: string[] = [], fileName = 'in.asm'): { bytes?: Uint8Array; error?: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rs-nasm-'));
  try {
    const src = join(dir, fileName);
    writeFileSync(src, source);
    const out = join(dir, 'out.bin');
    const r = spawnSync('nasm', ['-f', 'bin', ...includeDirs.flatMap((d) => ['-I', d.endsWith('/') ? d : d + '/']), '-o', out, src], { encoding: 'utf8' });
    if (r.status !== 0) return { error: r.stderr };
    return { bytes: existsSync(out) ? new Uint8Array(readFileSync(out)) : new Uint8Array(0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Our assembler with a Node file reader for %include. */
export function runOurs(source: string, file: string, includeDirs: string[] = []): AsmResult {
  return assemble(source, {
    file, includePaths: [...includeDirs, dirname(file)],
    readFile: (p) => { try { return readFileSync(p, 'latin1'); } catch { return undefined; } },
  });
}

export function hex(b: Uint8Array | undefined): string {
  return b ? Buffer.from(b).toString('hex') : '(none)';
}
void execFileSync;
