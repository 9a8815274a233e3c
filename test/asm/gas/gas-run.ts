// Test utilities for the GNU as dialects: our front end + layout (as `assemble` does), and the real GNU as + ld as the oracle.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DiagnosticSink } from '../../../src/asm/diagnostics';
import { GAS_LAYOUT_OPTIONS, parseGas, type GasOptions } from '../../../src/asm/gas/front-end';
import { layout } from '../../../src/asm/layout';
import type { AsmResult } from '../../../src/asm/types';

export type GasDialect = 'gas-intel' | 'att';

/** True when GNU as, ld and objcopy can be run. Under CI a missing tool is an error, never a skip. */
export function haveGas(): boolean {
  const ok = ['as', 'ld', 'objcopy'].every((t) => spawnSync(t, ['--version'], { encoding: 'utf8' }).status === 0);
  if (!ok && process.env.CI) throw new Error('GNU binutils (as, ld, objcopy) are required in CI (apt-get install binutils)');
  return ok;
}

/** Our assembler on GNU as source, the way `assemble` in src/asm/index.ts runs a front end. Never throws. */
export function assembleGas(source: string, options: GasOptions, dialect: GasDialect): AsmResult {
  const diag = new DiagnosticSink();
  try {
    const fe = parseGas(source, options, diag, dialect);
    const r = layout(fe.statements, diag, GAS_LAYOUT_OPTIONS);
    return { ...r, sources: fe.sources };
  } catch (e) {
    diag.error({ file: options.file, line: 1, column: 1, endColumn: 2 }, `internal assembler error: ${(e as Error)?.stack ?? String(e)}`);
    return { image: new Uint8Array(0), origin: 0, sections: {}, symbols: new Map(), lineMap: [], debugInfo: { strucs: [], frames: [] }, diagnostics: diag.list, sources: new Map() };
  }
}

/** Our assembler with a Node file reader for .include / #include. */
export function assembleGasFile(file: string, dialect: GasDialect, bits?: 16 | 32 | 64, includeDirs: string[] = []): AsmResult {
  const source = readFileSync(file, 'latin1');
  return assembleGas(source, {
    file, bits, includePaths: [...includeDirs],
    readFile: (p) => { try { return readFileSync(p, 'latin1'); } catch { return undefined; } },
  }, dialect);
}

export interface GasOracleResult { bytes?: Uint8Array; error?: string; stderr: string; symbols: Map<string, number> }

/**
 * Runs the real toolchain: `gcc -E` style preprocessing is left to `as` via gcc for .S files,
 * then `ld` with a script placing sections in order of first appearance from `origin` (default 0)
 * (.text first, progbits, then nobits), and `objcopy -O binary`.
 */
export function runGnuAs(file: string, bits: 16 | 32 | 64, sectionOrder: string[], includeDirs: string[] = [], origin = 0): GasOracleResult {
  const dir = mkdtempSync(join(tmpdir(), 'rs-gas-'));
  try {
    const obj = join(dir, 'a.o');
    const x64 = bits === 64;
    let r;
    if (/\.S$/.test(file)) {
      r = spawnSync('gcc', ['-c', x64 ? '-m64' : '-m32', '-nostdinc', ...includeDirs.flatMap((d) => ['-I', d]), '-o', obj, file], { encoding: 'utf8' });
    } else {
      r = spawnSync('as', [x64 ? '--64' : '--32', ...includeDirs.flatMap((d) => ['-I', d]), '-I', dirname(file), '-o', obj, file], { encoding: 'utf8' });
    }
    if (r.status !== 0) return { error: r.stderr, stderr: r.stderr, symbols: new Map() };
    const script = ['SECTIONS {', `. = ${origin};`, ...sectionOrder.map((s) => `${s} : { *(${s}) }`), '/DISCARD/ : { *(.note*) *(.comment) *(.eh_frame) }', '}'].join('\n');
    writeFileSync(join(dir, 'l.ld'), script);
    const elf = join(dir, 'a.elf');
    const l = spawnSync('ld', [x64 ? '-melf_x86_64' : '-melf_i386', '-T', join(dir, 'l.ld'), '-o', elf, obj], { encoding: 'utf8' });
    if (l.status !== 0) return { error: l.stderr, stderr: r.stderr + l.stderr, symbols: new Map() };
    const bin = join(dir, 'a.bin');
    const o = spawnSync('objcopy', ['-O', 'binary', elf, bin], { encoding: 'utf8' });
    if (o.status !== 0) return { error: o.stderr, stderr: o.stderr, symbols: new Map() };
    const nm = spawnSync('nm', [elf], { encoding: 'utf8' });
    const symbols = new Map<string, number>();
    for (const line of (nm.stdout ?? '').split('\n')) {
      const m = /^([0-9a-f]+) \w (\S+)$/.exec(line);
      if (m) symbols.set(m[2], parseInt(m[1], 16));
    }
    return { bytes: existsSync(bin) ? new Uint8Array(readFileSync(bin)) : new Uint8Array(0), stderr: r.stderr, symbols };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function hex(b: Uint8Array | undefined): string {
  return b ? Buffer.from(b).toString('hex') : '(none)';
}
