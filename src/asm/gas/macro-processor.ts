// GNU as's own source layer: comments, ';' separators, .macro/.rept/.irp/.irpc, .if family and .include, producing located statements.

import type { DiagnosticSink } from '../diagnostics';
import type { SourceLoc } from '../types';
import { dirOf, joinPath, stripComments } from './c-preprocessor';

/** One source line as the macro processor receives it. `expanded`: its text differs from the file (C-preprocessor expansion). */
export interface SourceLine { text: string; file: string; line: number; expanded: boolean }

/**
 * One statement for the statement parser. `loc` covers the statement in the source line (or the
 * macro invocation, with `body` set to the macro body line); `colBase` is the column offset of
 * `text[0]` in the source line, or -1 when the text came from an expansion and columns inside it
 * do not correspond to the file.
 */
export interface RawStatement { text: string; loc: SourceLoc; colBase: number }

/** What the macro processor needs from the statement parser. */
export interface StatementSink {
  statement(s: RawStatement): void;
  /** Evaluates an absolute expression now (for .if, .rept); undefined after reporting a problem. */
  evaluate(text: string, s: RawStatement): bigint | undefined;
  /** True when the symbol is defined at this point (.ifdef). */
  isDefined(name: string): boolean;
}

interface MacroParam { name: string; def: string; req: boolean; vararg: boolean }
interface Macro { name: string; params: MacroParam[]; body: RawStatement[] }
interface Cond { active: boolean; taken: boolean; parentActive: boolean; loc: SourceLoc }

/** Limits that stop runaway macros quickly (GNU as stops at a nesting depth of 100). */
const MAX_EXPANSION = 50_000;
const MAX_DEPTH = 100;

/** Splits a line into statements at ';' outside strings and character constants, after removing '#' comments. */
export function splitStatements(text: string): { text: string; col: number }[] {
  const out: { text: string; col: number }[] = [];
  let start = 0;
  let i = 0;
  const push = (end: number) => {
    const piece = text.slice(start, end);
    const lead = piece.length - piece.trimStart().length;
    const t = piece.trim();
    if (t) out.push({ text: t, col: start + lead });
  };
  // '/' as the first non-blank character starts a comment line (x86 GNU as line comment character).
  if (/^\s*\/(?![*/])/.test(text)) return out;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      i++; continue;
    }
    if (c === "'") { i += text[i + 1] === '\\' ? 3 : 2; continue; }
    if (c === '#') { push(i); return out; }
    if (c === ';') { push(i); start = i + 1; }
    i++;
  }
  push(text.length);
  return out;
}

/** The macro processor: feed it the lines of a file; it calls the sink for each statement in order. */
export class MacroProcessor {
  private macros = new Map<string, Macro>();
  private conds: Cond[] = [];
  private expansions = 0;
  private counter = 0;
  private ended = false;
  private includeDepth = 0;
  private exitDepth = -1;
  private macroDepth = 0;
  /** Set once a macro ran away: later expansions are skipped instead of failing one by one. */
  private runaway = false;

  constructor(
    private readonly sink: StatementSink,
    private readonly diag: DiagnosticSink,
    private readonly opts: { includePaths: string[]; readFile?: (p: string) => string | undefined },
    readonly sources: Map<string, string>,
  ) {}

  /** Processes the lines of one file (comments in C style are removed first, keeping line numbers). */
  runFile(lines: SourceLine[]): void {
    const stmts: RawStatement[] = [];
    for (const l of lines) {
      for (const p of splitStatements(l.text)) {
        const col = l.expanded ? -1 : p.col;
        const loc: SourceLoc = l.expanded
          ? { file: l.file, line: l.line, column: 1, endColumn: Math.max(2, l.text.length + 1) }
          : { file: l.file, line: l.line, column: p.col + 1, endColumn: p.col + p.text.length + 1 };
        stmts.push({ text: p.text, loc, colBase: col });
      }
    }
    this.feed(stmts);
    if (this.includeDepth === 0) {
      for (const c of this.conds) this.diag.error(c.loc, "'.if' without a matching '.endif'");
      this.conds = [];
    }
  }

  /** Lines of a plain .s file (C comments removed like GNU as does). */
  static linesOf(text: string, file: string): SourceLine[] {
    return stripComments(text).split('\n').map((t, i) => ({ text: t.replace(/\r$/, ''), file, line: i + 1, expanded: false }));
  }

  private active(): boolean { return this.conds.length === 0 || this.conds[this.conds.length - 1].active; }

  private feed(stmts: RawStatement[]): void {
    for (let i = 0; i < stmts.length; i++) {
      if (this.ended || this.exitDepth >= 0) return;
      const s = stmts[i];
      const word = firstWord(s.text).toLowerCase();
      // Conditionals are tracked even while skipping.
      if (word.startsWith('.if')) { this.condIf(word, s); continue; }
      if (word === '.elseif' || word === '.else' || word === '.endif') { this.condElse(word, s); continue; }
      if (!this.active()) continue;
      if (word === '.macro') { i = this.defineMacro(stmts, i); continue; }
      if (word === '.endm' || word === '.endr') { this.diag.error(s.loc, `'${word}' without a matching '${word === '.endm' ? '.macro' : '.rept'}'`); continue; }
      if (word === '.rept' || word === '.irp' || word === '.irpc') { i = this.repeat(stmts, i, word); continue; }
      if (word === '.exitm') { if (this.macroDepth > 0) { this.exitDepth = this.macroDepth; return; } this.diag.error(s.loc, "'.exitm' outside a macro"); continue; }
      if (word === '.purgem') { this.macros.delete(restOf(s.text).trim().toLowerCase()); continue; }
      if (word === '.include') { this.include(s); continue; }
      if (word === '.end') { this.ended = true; return; }
      // Labels in front of a macro invocation are statements of their own.
      const lab = /^([A-Za-z_.$][A-Za-z0-9_.$]*|[0-9]+)\s*:(?!:)\s*/.exec(s.text);
      if (lab && lab[0].length < s.text.length) {
        const rest = s.text.slice(lab[0].length);
        const mw = firstWord(rest).toLowerCase();
        if (this.macros.has(mw)) {
          this.sink.statement(sub(s, 0, lab[0].trimEnd().length));
          this.invoke(this.macros.get(mw)!, sub(s, lab[0].length, s.text.length));
          continue;
        }
      }
      const m = this.macros.get(word);
      if (m) { this.invoke(m, s); continue; }
      this.sink.statement(s);
    }
  }

  // ---- conditionals ----

  private condIf(word: string, s: RawStatement): void {
    const parentActive = this.active();
    let v = false;
    if (parentActive) {
      const r = this.evalCond(word, restOf(s.text).trim(), s);
      if (r === undefined) return this.pushCond(false, parentActive, s.loc, true);
      v = r;
    }
    this.pushCond(v, parentActive, s.loc, false);
  }

  private pushCond(v: boolean, parentActive: boolean, loc: SourceLoc, failed: boolean): void {
    this.conds.push({ active: parentActive && v, taken: v || failed, parentActive, loc });
  }

  private evalCond(word: string, arg: string, s: RawStatement): boolean | undefined {
    const num = (): bigint | undefined => this.sink.evaluate(arg, s);
    const two = (): [string, string] | undefined => {
      const parts = splitTopLevel(arg, ',');
      if (parts.length !== 2) { this.diag.error(s.loc, `'${word}' needs two strings separated by a comma`); return undefined; }
      return [parts[0].trim(), parts[1].trim()];
    };
    switch (word) {
      case '.if': case '.ifne': { const v = num(); return v === undefined ? undefined : v !== 0n; }
      case '.ifeq': { const v = num(); return v === undefined ? undefined : v === 0n; }
      case '.ifgt': { const v = num(); return v === undefined ? undefined : v > 0n; }
      case '.ifge': { const v = num(); return v === undefined ? undefined : v >= 0n; }
      case '.iflt': { const v = num(); return v === undefined ? undefined : v < 0n; }
      case '.ifle': { const v = num(); return v === undefined ? undefined : v <= 0n; }
      case '.ifdef': return this.sink.isDefined(arg);
      case '.ifndef': case '.ifnotdef': return !this.sink.isDefined(arg);
      case '.ifb': return arg === '';
      case '.ifnb': return arg !== '';
      case '.ifc': case '.ifnc': {
        const p = two(); if (!p) return undefined;
        const eq = unquote(p[0]) === unquote(p[1]);
        return word === '.ifc' ? eq : !eq;
      }
      case '.ifeqs': case '.ifnes': {
        const p = two(); if (!p) return undefined;
        const eq = unquote(p[0]) === unquote(p[1]);
        return word === '.ifeqs' ? eq : !eq;
      }
    }
    this.diag.error(s.loc, `unknown conditional directive '${word}'`);
    return undefined;
  }

  private condElse(word: string, s: RawStatement): void {
    const c = this.conds[this.conds.length - 1];
    if (!c) { this.diag.error(s.loc, `'${word}' without a matching '.if'`); return; }
    if (word === '.endif') { this.conds.pop(); return; }
    if (word === '.else') { c.active = c.parentActive && !c.taken; c.taken = true; return; }
    if (c.taken || !c.parentActive) { c.active = false; return; }
    const r = this.evalCond('.if', restOf(s.text).trim(), s);
    c.active = !!r; c.taken = r !== false;
  }

  // ---- macros ----

  /** Collects a .macro body up to its matching .endm; returns the index of the .endm. */
  private collect(stmts: RawStatement[], i: number, open: RegExp, close: RegExp, what: string): { body: RawStatement[]; end: number } | undefined {
    let depth = 1;
    const body: RawStatement[] = [];
    for (let j = i + 1; j < stmts.length; j++) {
      const w = firstWord(stmts[j].text).toLowerCase();
      if (open.test(w)) depth++;
      else if (close.test(w) && --depth === 0) return { body, end: j };
      body.push(stmts[j]);
    }
    this.diag.error(stmts[i].loc, `'${firstWord(stmts[i].text)}' without a matching '${what}'`);
    return undefined;
  }

  private defineMacro(stmts: RawStatement[], i: number): number {
    const s = stmts[i];
    const c = this.collect(stmts, i, /^\.macro$/, /^\.endm$/, '.endm');
    if (!c) return stmts.length;
    const head = restOf(s.text).trim();
    const nm = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*,?\s*(.*)$/.exec(head);
    if (!nm) { this.diag.error(s.loc, "'.macro' needs a name"); return c.end; }
    const params: MacroParam[] = [];
    for (const p of splitMacroArgs(nm[2])) {
      const pm = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*(?::\s*(req|vararg))?\s*(?:=\s*(.*))?$/s.exec(p.trim());
      if (!pm) { this.diag.error(s.loc, `invalid macro parameter '${p.trim()}'`); continue; }
      params.push({ name: pm[1], req: pm[2] === 'req', vararg: pm[2] === 'vararg', def: unquote(pm[3]?.trim() ?? '') });
    }
    this.macros.set(nm[1].toLowerCase(), { name: nm[1], params, body: c.body });
    return c.end;
  }

  private invoke(m: Macro, s: RawStatement): void {
    if (this.runaway) return;
    if (++this.expansions > MAX_EXPANSION || this.macroDepth >= MAX_DEPTH) {
      this.diag.error(s.loc, `macro '${m.name}' expands too many times or too deeply (recursive macro without an end condition?); later macro uses are skipped`);
      this.runaway = true;
      return;
    }
    const text = restOf(s.text);
    const args = splitMacroArgs(text);
    const values = new Map<string, string>();
    let pos = 0;
    for (const a of args) {
      const kw = /^([A-Za-z_.$][A-Za-z0-9_.$]*)\s*=(?!=)\s*(.*)$/s.exec(a);
      const p = kw ? m.params.find((x) => x.name === kw[1]) : undefined;
      if (kw && p) { values.set(p.name, unquote(kw[2])); continue; }
      const param = m.params[pos];
      if (!param) { this.diag.error(s.loc, `too many arguments for macro '${m.name}' (it takes ${m.params.length})`); return; }
      if (param.vararg) {
        values.set(param.name, [values.get(param.name), a].filter((x) => x !== undefined).join(', '));
        continue;
      }
      values.set(param.name, unquote(a));
      pos++;
    }
    for (const p of m.params) {
      if (!values.has(p.name) || values.get(p.name) === '') {
        if (p.req) { this.diag.error(s.loc, `missing value for required parameter '${p.name}' of macro '${m.name}'`); return; }
        if (!values.get(p.name)) values.set(p.name, p.def);
      }
    }
    const n = this.counter++;
    const expanded: RawStatement[] = [];
    for (const b of m.body) {
      const t = substitute(b.text, values, n);
      for (const piece of splitStatements(t)) {
        expanded.push({ text: piece.text, loc: { ...s.loc, body: b.loc.body ?? { file: b.loc.file, line: b.loc.line } }, colBase: -1 });
      }
    }
    this.macroDepth++;
    this.feed(expanded);
    if (this.exitDepth === this.macroDepth) this.exitDepth = -1;
    this.macroDepth--;
  }

  private repeat(stmts: RawStatement[], i: number, word: string): number {
    const s = stmts[i];
    const c = this.collect(stmts, i, /^\.(rept|irp|irpc)$/, /^\.endr$/, '.endr');
    if (!c) return stmts.length;
    const arg = restOf(s.text).trim();
    const runs: Map<string, string>[] = [];
    if (word === '.rept') {
      const v = this.sink.evaluate(arg, s);
      if (v === undefined) return c.end;
      if (v > 1_000_000n) { this.diag.error(s.loc, `'.rept' count ${v} is too large`); return c.end; }
      for (let k = 0n; k < v; k++) runs.push(new Map([['+', String(k)]]));
    } else {
      const parts = splitMacroArgs(arg);
      const name = (parts.shift() ?? '').trim();
      if (!/^[A-Za-z_.$][A-Za-z0-9_.$]*$/.test(name)) { this.diag.error(s.loc, `'${word}' needs a parameter name`); return c.end; }
      if (word === '.irp') {
        if (parts.length === 0) runs.push(new Map([[name, '']]));
        for (const p of parts) runs.push(new Map([[name, unquote(p)]]));
      } else {
        const chars = unquote(parts.join(''));
        for (const ch of chars) runs.push(new Map([[name, ch]]));
      }
    }
    for (const values of runs) {
      if (this.runaway) break;
      if (++this.expansions > MAX_EXPANSION) { this.diag.error(s.loc, 'too many repetitions (more than 50000 expansions in this file)'); this.runaway = true; break; }
      const n = this.counter++;
      const out: RawStatement[] = [];
      for (const b of c.body) {
        const t = word === '.rept' ? substitute(b.text, values, n, true) : substitute(b.text, values, n);
        const same = t === b.text;
        for (const piece of splitStatements(t)) {
          out.push(same && b.colBase >= 0 && piece.text === b.text ? b : { text: piece.text, loc: b.loc, colBase: -1 });
        }
      }
      this.feed(out);
      if (this.ended) break;
    }
    return c.end;
  }

  private include(s: RawStatement): void {
    const arg = restOf(s.text).trim();
    const m = /^"([^"]*)"$/.exec(arg) ?? /^<([^>]*)>$/.exec(arg) ?? /^(\S+)$/.exec(arg);
    if (!m) { this.diag.error(s.loc, "'.include' expects a quoted file name"); return; }
    if (this.includeDepth > 40) { this.diag.error(s.loc, "'.include' nested too deeply (recursive include?)"); return; }
    const dirs = [dirOf(s.loc.file), ...this.opts.includePaths];
    for (const d of dirs) {
      const p = joinPath(d, m[1]);
      const text = this.opts.readFile?.(p);
      if (text === undefined) continue;
      this.sources.set(p, text);
      this.includeDepth++;
      this.runFile(MacroProcessor.linesOf(text, p));
      this.includeDepth--;
      return;
    }
    this.diag.error(s.loc, `cannot find include file '${m[1]}' (searched: ${dirs.map((d) => d || '.').join(', ')})`);
  }
}

function sub(s: RawStatement, from: number, to: number): RawStatement {
  const text = s.text.slice(from, to).trim();
  if (s.colBase < 0) return { text, loc: s.loc, colBase: -1 };
  const lead = s.text.slice(from, to).length - s.text.slice(from, to).trimStart().length;
  const col = s.colBase + from + lead;
  return { text, loc: { ...s.loc, column: col + 1, endColumn: col + text.length + 1 }, colBase: col };
}

/** The first word of a statement (a directive, mnemonic or macro name). */
export function firstWord(t: string): string {
  return /^[^\s,]*/.exec(t)![0];
}

function restOf(t: string): string {
  return t.slice(firstWord(t).length);
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) return t.slice(1, -1).replace(/\\(["\\])/g, '$1');
  return t;
}

/** Splits at a separator outside quotes and parentheses. */
function splitTopLevel(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0; let cur = ''; let q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' && s[i - 1] !== '\\') q = !q;
    if (!q && c === '(') depth++;
    if (!q && c === ')') depth--;
    if (!q && depth === 0 && c === sep) { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}

const ARG_END = /[A-Za-z0-9_.$)"'\]]/;
const ARG_START = /[A-Za-z0-9_.$("%\\'[]/;

/**
 * Splits macro arguments as GNU as does after its whitespace scrubbing: commas separate, and so
 * does whitespace between two operands (`two 1 2`), but not whitespace around an operator (`1 + 2`).
 */
export function splitMacroArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let depth = 0;
  let i = 0;
  const t = s.trim();
  if (!t) return out;
  let lastWasComma = false;
  while (i < t.length) {
    const c = t[i];
    if (c === '"') {
      let j = i + 1;
      while (j < t.length && t[j] !== '"') j += t[j] === '\\' ? 2 : 1;
      cur += t.slice(i, j + 1); i = j + 1; lastWasComma = false; continue;
    }
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if (depth <= 0 && c === ',') { out.push(cur.trim()); cur = ''; i++; lastWasComma = true; continue; }
    if (depth <= 0 && /\s/.test(c)) {
      let j = i;
      while (j < t.length && /\s/.test(t[j])) j++;
      const prev = cur.trimEnd().slice(-1);
      const next = t[j] ?? '';
      if (cur.trim() && next !== ',' && ARG_END.test(prev) && ARG_START.test(next)) { out.push(cur.trim()); cur = ''; }
      i = j; continue;
    }
    cur += c; i++; lastWasComma = false;
  }
  if (cur.trim() || lastWasComma) out.push(cur.trim());
  return out;
}

/** Replaces \name (parameters), \() and \@ in a macro body line. */
function substitute(text: string, values: Map<string, string>, counter: number, rept = false): string {
  if (!text.includes('\\')) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '\\') { out += c; continue; }
    const nx = text[i + 1];
    if (nx === '(' && text[i + 2] === ')') { i += 2; continue; }
    if (nx === '@') { out += String(counter); i++; continue; }
    if (nx === '+' && rept) { out += values.get('+') ?? ''; i++; continue; }
    const m = /^[A-Za-z_.$][A-Za-z0-9_.$]*/.exec(text.slice(i + 1));
    if (m) {
      // The longest parameter name that prefixes the word (GNU as matches whole identifiers).
      if (values.has(m[0])) { out += values.get(m[0]); i += m[0].length; continue; }
    }
    out += c;
  }
  return out;
}
