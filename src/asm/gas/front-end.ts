// GNU as front end (GAS Intel and AT&T syntax): C preprocessing of .S files, GNU as macros and conditionals, statements into the shared IR.

import type { DiagnosticSink } from '../diagnostics';
import type { LayoutOptions } from '../layout';
import type { Statement } from '../statement';
import type { AsmOptions } from '../types';
import { CPreprocessor, dirOf, joinPath } from './c-preprocessor';
import { MacroProcessor } from './macro-processor';
import { GasParser } from './statement-parser';

/** Result of a front end: statements in source order and the text of every file read. */
export interface FrontEndOutput { statements: Statement[]; sources: Map<string, string> }

/** Options of the GNU as front end: the assembler's options plus the mode `as --32`/`--64` would start in. */
export type GasOptions = AsmOptions & { bits?: 16 | 32 | 64 };

/**
 * The mode a file starts in when it has no .code16/.code32/.code64 before its first instruction.
 * GNU as starts in the mode of its command line (`--32` for xv6, `--64` for most kernels); the
 * source does not say, so the registers it uses decide: any 64-bit register means 64-bit, a
 * 32-bit register (or an l-suffixed push/pop/call) without any 64-bit one means 32-bit.
 */
export function guessGasBits(source: string): 16 | 32 | 64 {
  const text = source.replace(/#.*$/gm, '');
  const first = /^\s*\.code(16|32|64)\b/m.exec(text);
  const has64 = /(%|\b)(r[a-ds][xip]|r[sd]i|r[sb]p|r(8|9|1[0-5])[dwb]?|rip)\b/i.test(text) || /^\s*\.code64\b/m.test(text) || /\b(pushq|popq|callq|retq|iretq|sysretq|swapgs|syscall|movq|movabs[bwlq]?)\b/i.test(text);
  if (has64) return 64;
  if (/(%|\b)e([a-d]x|[sd]i|[sb]p)\b/i.test(text) || /\b(pushl|popl|calll|movl|addl|subl|iretl?)\b/.test(text)) return 32;
  if (first) return Number(first[1]) as 16 | 32 | 64;
  return 64;
}

/** How layout encodes GNU as sources: with GNU as's legacy prefix order (segment, 67, 66, F2/F3, F0). */
export const GAS_LAYOUT_OPTIONS: LayoutOptions = { prefixOrder: 'gnu' };

/** True when the file goes through the C preprocessor first (.S and .sx, as gcc does). */
export function usesCPreprocessor(file: string): boolean {
  return /\.(S|sx)$/.test(file);
}

/** Parses GNU as source (GAS Intel or AT&T syntax) into the shared statement IR. */
export function parseGas(source: string, options: GasOptions, diag: DiagnosticSink, dialect: 'gas-intel' | 'att'): FrontEndOutput {
  const sources = new Map<string, string>([[options.file, source]]);
  const bits = options.bits ?? guessGasBits(source);
  // `.code64` anywhere (or a 64-bit start) means the file is assembled as for x86-64.
  const x86_64 = bits === 64 || /^\s*\.code64\b/m.test(source);
  const readBinary = (name: string, from: string): Uint8Array | undefined => {
    for (const d of [dirOf(from), ...(options.includePaths ?? [])]) {
      const text = options.readFile?.(joinPath(d, name));
      if (text === undefined) continue;
      const b = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) b[i] = text.charCodeAt(i) & 0xff;
      return b;
    }
    return undefined;
  };
  const parser = new GasParser(diag, bits, x86_64, readBinary);
  // GNU as has no `org`: the address the image is linked at comes from the options (ld -Ttext).
  if (options.origin !== undefined) {
    parser.emit({ k: 'org', e: { k: 'num', v: BigInt(options.origin) }, loc: { file: options.file, line: 1, column: 1, endColumn: 2 } });
  }
  if (dialect === 'gas-intel') { parser.syntax = 'intel'; }
  const mp = new MacroProcessor(parser, diag, { includePaths: options.includePaths ?? [], readFile: options.readFile }, sources);
  if (usesCPreprocessor(options.file)) {
    const cpp = new CPreprocessor({ includePaths: options.includePaths ?? [], readFile: options.readFile, defines: options.defines }, diag, sources);
    cpp.run(source, options.file);
    mp.runFile(cpp.out);
  } else {
    mp.runFile(MacroProcessor.linesOf(source, options.file));
  }
  parser.finish();
  return { statements: parser.out, sources };
}
