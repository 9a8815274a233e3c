// Collects diagnostics with source locations; one sink per assembly run.

import type { Diagnostic, SourceLoc } from './types';

/** Gathers errors and warnings; keeps going after each so one run reports many problems. */
export class DiagnosticSink {
  readonly list: Diagnostic[] = [];
  private seen = new Set<string>();
  errorCount = 0;

  error(loc: SourceLoc, message: string): void { this.add('error', loc, message); }
  warning(loc: SourceLoc, message: string): void { this.add('warning', loc, message); }

  add(severity: 'error' | 'warning', loc: SourceLoc, message: string): void {
    const key = `${severity}|${loc.file}|${loc.line}|${loc.column}|${message}`;
    if (this.seen.has(key)) return; // macro/rep expansions repeat the same problem
    this.seen.add(key);
    if (severity === 'error') this.errorCount++;
    const line = Math.max(1, loc.line | 0);
    const column = Math.max(1, loc.column | 0);
    const endColumn = Math.max(column + 1, loc.endColumn | 0);
    const withBody = loc.body ? `${message} (in macro expanded from ${loc.body.file}:${loc.body.line})` : message;
    this.list.push({ severity, file: loc.file, line, column, endColumn, message: withBody });
  }
}
