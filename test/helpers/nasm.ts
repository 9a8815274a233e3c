// Test helper: assemble NASM source with the real nasm (an oracle and a fixture builder); CI fails when nasm is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** True when nasm can be run. Under CI a missing nasm is an error, never a skip. */
export function haveNasm(): boolean {
  const ok = spawnSync('nasm', ['-v']).status === 0;
  if (!ok && process.env.CI) throw new Error('nasm is required in CI (apt-get install nasm)');
  return ok;
}

/** Assemble `source` with `nasm -f bin`; throws with nasm's messages on errors. */
export function nasm(source: string): Uint8Array {
  const dir = mkdtempSync(join(tmpdir(), 'ringstep-nasm-'));
  try {
    writeFileSync(join(dir, 'a.asm'), source);
    execFileSync('nasm', ['-f', 'bin', '-o', join(dir, 'a.bin'), join(dir, 'a.asm')], { stdio: ['ignore', 'ignore', 'pipe'] });
    return new Uint8Array(readFileSync(join(dir, 'a.bin')));
  } finally { rmSync(dir, { recursive: true, force: true }); }
}
