// Public entry of the assembler: assemble(source, options) and syntax guessing; explains how dialect front ends plug in.

/**
 * # Ringstep assembler
 *
 * The assembler runs in the browser as well as in Node: it never touches the file system
 * (`options.readFile` provides included files) and never throws (problems are diagnostics).
 *
 * ## Pipeline
 *
 * ```
 *  source ──▶ front end (per dialect) ──▶ Statement[] ──▶ layout.ts (passes) ──▶ AsmResult
 *             nasm/: lexer, preprocessor,        │              │
 *             expression parser, parser          │              └─ encoder.ts (FORMS from src/isa)
 *                                                 └─ statement.ts / expression.ts (the IR)
 * ```
 *
 * ## Adding a dialect (GAS Intel, AT&T)
 *
 * A front end is a function `(source, options, diag) => { statements, sources }` placed in
 * `src/asm/<dialect>/front-end.ts` and selected in `assemble` below. It produces the IR of
 * `statement.ts`, already macro-expanded and with fully qualified symbol names:
 *
 * - `label`, `equ` (a symbol and an `Expr`), `insn` (lower-case Intel mnemonic as in the form
 *   table or `mnemonic-aliases.ts`, prefix words such as `lock`/`rep`/`o16`/`fs`, operands in
 *   Intel order: destination first — an AT&T front end reverses them), `data` (unit 1/2/4/8/10
 *   and items: expressions, byte strings, floats), `res`, `times`, `align` (fill nop/zero/reserve),
 *   `section` (name + attrs; name '' returns to the section before `absolute`), `absolute`,
 *   `bits`, `org`, `default` (rel/abs), `global`, `extern`, `incbin`, and the debug markers
 *   `strucBegin`/`strucEnd`/`frame`/`frameEnd`.
 * - Operands: `reg` (a `Register` from `registers.ts`), `imm` (an `Expr`, size keyword, `strict`,
 *   `short`/`near`/`far`), `mem` (segment, base, index, scale, displacement `Expr`, explicit
 *   displacement size, `rel`/`abs`), `far` (selector:offset).
 * - Expressions (`expression.ts`) have `num`, `sym`, `here` ($ / GAS `.`), `base` ($$), unary
 *   and binary operators. Use `/` and `%` for unsigned, `//` and `%%` for signed division.
 * - Every statement and operand carries a `SourceLoc` (file, 1-based line, column range, and the
 *   macro body line for expansions): diagnostics and the line map come from it. A front end may let
 *   lines share one statement object (NASM does for repeated constant instructions); it then returns
 *   `lines`, the line of each statement index whose location is not the statement's own.
 *
 * The layout passes, the encoder (which picks NASM's encoding among equivalent forms), the line
 * map, symbols, sections and debug information are shared by every dialect. Where GNU as picks
 * other bytes, the GNU as front end rewrites the IR (`gas/encoding-preferences.ts`) or, for the
 * order of legacy prefixes, which the IR cannot express, asks layout for `prefixOrder: 'gnu'`.
 * GNU as has no `org`: `options.origin` gives a GNU as source its start address.
 */

import { DiagnosticSink } from './diagnostics';
import { layout } from './layout';
import { parseNasm } from './nasm/front-end';
import { GAS_LAYOUT_OPTIONS, parseGas } from './gas/front-end';
import type { Statement } from './statement';
import type { AsmOptions, AsmResult, Syntax } from './types';

export type { AsmOptions, AsmResult, Diagnostic, LineEntry, SymbolInfo, SectionInfo, StrucInfo, FrameInfo, Syntax, SourceLoc } from './types';
export { writeListing } from './listing';

/** Assembles a source file into a flat binary. Never throws: problems are in `diagnostics`. */
export function assemble(source: string, options: AsmOptions): AsmResult {
  const diag = new DiagnosticSink();
  const syntax = options.syntax ?? guessSyntax(options.file, source);
  try {
    if (syntax === 'nasm' && options.origin !== undefined) {
      diag.warning({ file: options.file, line: 1, column: 1, endColumn: 2 }, 'the origin option applies to GNU as sources: a NASM source sets its origin with org');
    }
    const fe: { statements: Statement[]; sources: Map<string, string>; lines?: Int32Array } = syntax === 'nasm' ? parseNasm(source, options, diag) : parseGas(source, options, diag, syntax);
    const r = layout(fe.statements, diag, syntax === 'nasm' ? {} : GAS_LAYOUT_OPTIONS, fe.lines);
    return { ...r, sources: fe.sources };
  } catch (e) {
    // A bug in the assembler must not take the debugger down: report it at the file start.
    diag.error({ file: options.file, line: 1, column: 1, endColumn: 2 }, `internal assembler error: ${(e as Error)?.message ?? String(e)}`);
    return empty(options, diag);
  }
}

function empty(options: AsmOptions, diag: DiagnosticSink): AsmResult {
  return {
    image: new Uint8Array(0), origin: 0, sections: {}, symbols: new Map(), lineMap: [],
    debugInfo: { strucs: [], frames: [] }, diagnostics: diag.list, sources: new Map([[options.file, '']]),
  };
}

/** Guesses the dialect: .asm/.nasm are NASM; .s/.S are GAS (Intel when `.intel_syntax` appears). */
export function guessSyntax(file: string, source: string): Syntax {
  const lower = file.toLowerCase();
  if (lower.endsWith('.s') || lower.endsWith('.sx')) {
    return /^\s*\.intel_syntax\b/m.test(source) ? 'gas-intel' : 'att';
  }
  if (lower.endsWith('.asm') || lower.endsWith('.nasm') || lower.endsWith('.inc')) return 'nasm';
  if (/^\s*\.intel_syntax\b/m.test(source)) return 'gas-intel';
  if (/^\s*\.(text|globl|section|code(16|32|64))\b/m.test(source) && !/^\s*(bits|section|org)\s/im.test(source)) return 'att';
  return 'nasm';
}
