// Reads what `ringstep run` was given: a binary image as is, or an asm source assembled in-process.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { assemble, guessSyntax } from '../asm/index';
import type { Syntax } from '../asm/types';
import { UsageError } from './args';

/** An image ready to load, with what the source said about it. */
export interface Program {
  image: Uint8Array;
  fromSource: boolean;
  /** Load address from `org` (sources only). */
  origin?: number;
  /** Entry point: the `_start` or `start` symbol when the source defines one. */
  entry?: number;
  /** `bits` in force at the start of the source. */
  bits?: number;
}

const SOURCE_EXT = /\.(asm|nasm|s|S|inc)$/;

/** Checks a `--bits` value: GNU as sources start in this mode (like `as --32`/`--64`, or `.code16`). */
export function parseBits(s: string | undefined, what = '--bits'): 16 | 32 | 64 {
  if (s !== '16' && s !== '32' && s !== '64') throw new UsageError(`${what}: '${s ?? ''}' is not 16, 32 or 64`);
  return Number(s) as 16 | 32 | 64;
}

/**
 * Load FILE; prints diagnostics and returns undefined when the source has errors. `bits` and
 * `origin` are the start mode and address of GNU as sources (which have no `bits`/`org`).
 */
export function loadProgram(file: string, opts: { syntax?: string; includePaths: string[]; bits?: 16 | 32 | 64; origin?: number }): Program | undefined {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const bytes = new Uint8Array(readFileSync(file));
  if (!SOURCE_EXT.test(file)) return { image: bytes, fromSource: false };
  const text = new TextDecoder().decode(bytes);
  if (opts.syntax && !['nasm', 'gas-intel', 'att'].includes(opts.syntax)) throw new UsageError(`--syntax: unknown dialect '${opts.syntax}' (nasm, gas-intel, att)`);
  const syntax = (opts.syntax as Syntax | undefined) ?? guessSyntax(file, text);
  const includePaths = [dirname(resolve(file)), ...opts.includePaths];
  const r = assemble(text, {
    file, syntax, includePaths, bits: opts.bits, origin: opts.origin,
    readFile: (p: string) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
  });
  let errors = 0;
  for (const d of r.diagnostics) {
    process.stderr.write(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
    if (d.severity === 'error') errors++;
  }
  if (errors) return undefined;
  const entrySym = r.symbols.get('_start') ?? r.symbols.get('start');
  return { image: r.image, fromSource: true, origin: r.origin, entry: entrySym?.value, bits: opts.bits ?? initialBits(text) };
}

/** The code size a source starts in: its first `bits N` / `[bits N]` / `.codeN` directive. */
function initialBits(text: string): number | undefined {
  const m = /^[ \t]*(?:\[\s*bits\s+(16|32|64)\s*\]|bits\s+(16|32|64)\b|\.code(16|32|64)\b)/im.exec(text);
  return m ? Number(m[1] ?? m[2] ?? m[3]) : undefined;
}
