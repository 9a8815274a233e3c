// NASM front end: preprocessor + statement parser, producing the dialect-neutral statement list.

import type { DiagnosticSink } from '../diagnostics';
import { allMnemonics, isMnemonic } from '../encoder';
import type { Statement } from '../statement';
import type { AsmOptions } from '../types';
import { NasmParser } from './parser';
import { Preprocessor } from './preprocessor';

/** Result of a front end: statements in source order and the text of every file read. */
export interface FrontEndOutput {
  statements: Statement[];
  sources: Map<string, string>;
  /** For statements that several lines share: the line of each index (0: the statement's own; see `layout`). */
  lines?: Int32Array;
}

/** Preprocesses and parses NASM source. */
export function parseNasm(source: string, options: AsmOptions, diag: DiagnosticSink): FrontEndOutput {
  const pp = new Preprocessor(source, options.file, { includePaths: options.includePaths ?? [], readFile: options.readFile, defines: options.defines }, diag);
  let mnems: string[] | null = null;
  const parser = new NasmParser(diag, isMnemonic, () => (mnems ??= allMnemonics()), (name) => {
    const text = options.readFile?.(name);
    if (text === undefined) return undefined;
    const b = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) b[i] = text.charCodeAt(i) & 0xff;
    return b;
  });
  const statements: Statement[] = [];
  for (let line = pp.next(); line; line = pp.next()) parser.parseLine(line, statements);
  return { statements, sources: pp.sources, lines: parser.sharedLines() };
}
