// `ringstep asm FILE -o OUT [--syntax nasm|gas-intel|att] [-I DIR]... [--listing FILE] [--bits N] [--origin ADDR]`: assembles a source file to a flat binary.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { assemble, writeListing } from '../asm/index';
import type { Syntax } from '../asm/types';
import { parseNumber, UsageError } from './args';
import { parseBits } from './load-program';

const USAGE = 'usage: ringstep asm FILE -o OUT [--syntax nasm|gas-intel|att] [-I DIR]... [--listing FILE] [--bits 16|32|64] [--origin ADDR]\n'
  + '  --bits and --origin give a GNU as source its start mode (as --32/--64) and address (ld -Ttext)';

/** Runs the asm command; returns the process exit code (1 on any error). */
export async function asmCommand(args: string[]): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  let listing: string | undefined;
  let syntax: Syntax | undefined;
  let bits: 16 | 32 | 64 | undefined;
  let origin: number | undefined;
  const includes: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string | undefined => {
      const eq = a.indexOf('=');
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      if (a.length > 2 && a.startsWith('-I')) return a.slice(2);
      return args[++i];
    };
    if (a === '-o' || a === '--output') output = value();
    else if (a === '--listing' || a.startsWith('--listing=') || a === '-l') listing = value();
    else if (a === '--syntax' || a.startsWith('--syntax=')) {
      const s = value();
      if (s !== 'nasm' && s !== 'gas-intel' && s !== 'att') { process.stderr.write(`ringstep asm: unknown syntax '${s}' (nasm, gas-intel or att)\n`); return 1; }
      syntax = s;
    } else if (a === '--bits' || a.startsWith('--bits=') || a === '--origin' || a.startsWith('--origin=')) {
      const v = value();
      try {
        if (a.startsWith('--bits')) bits = parseBits(v);
        else origin = parseNumber(v ?? '', '--origin');
      } catch (e) {
        if (e instanceof UsageError) { process.stderr.write(`ringstep asm: ${e.message}\n`); return 1; }
        throw e;
      }
    } else if (a === '-I' || (a.startsWith('-I') && a.length > 2)) {
      const d = value();
      if (d) includes.push(d);
    } else if (a === '-h' || a === '--help') { process.stdout.write(USAGE + '\n'); return 0; }
    else if (a.startsWith('-') && a !== '-') { process.stderr.write(`ringstep asm: unknown option '${a}'\n${USAGE}\n`); return 1; }
    else if (!input) input = a;
    else { process.stderr.write(`ringstep asm: more than one input file ('${input}', '${a}')\n`); return 1; }
  }
  if (!input || !output) { process.stderr.write(`${USAGE}\n`); return 1; }
  let source: string;
  try {
    source = readFileSync(input, 'utf8');
  } catch (e) {
    process.stderr.write(`ringstep asm: cannot read '${input}': ${(e as Error).message}\n`);
    return 1;
  }
  const result = assemble(source, {
    file: input,
    syntax,
    bits,
    origin,
    includePaths: [...includes, dirname(resolve(input))],
    readFile: (p) => { try { return readFileSync(p, 'latin1'); } catch { return undefined; } },
  });
  let errors = 0;
  for (const d of result.diagnostics) {
    if (d.severity === 'error') errors++;
    process.stderr.write(`${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}\n`);
  }
  if (listing) {
    try { writeFileSync(listing, writeListing(result, input)); } catch (e) { process.stderr.write(`ringstep asm: cannot write '${listing}': ${(e as Error).message}\n`); return 1; }
  }
  if (errors) return 1;
  try { writeFileSync(output, result.image); } catch (e) { process.stderr.write(`ringstep asm: cannot write '${output}': ${(e as Error).message}\n`); return 1; }
  return 0;
}
