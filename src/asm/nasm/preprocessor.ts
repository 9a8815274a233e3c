// NASM preprocessor: %define/%assign, %macro, %rep, %if family, %include, contexts, %arg/%local; yields expanded token lines.

import { evaluate, type EvalContext } from '../expression';
import type { DiagnosticSink } from '../diagnostics';
import type { FrameSlot } from '../statement';
import type { SourceLoc } from '../types';
import { Cursor, parseExpr, SyntaxError_ } from './expression-parser';
import { lexLine, T, type Token, isIdChar } from './lexer';

/** One output line of the preprocessor, ready for the statement parser. */
export interface PpLine {
  tokens: Token[];
  /** File and line the tokens are reported at (the outermost invocation for macro lines). */
  file: string;
  line: number;
  /** For macro/rep-in-macro lines: every token is reported at this column range of the invocation line. */
  fixedCols?: { col: number; end: number };
  /** The macro body line that produced this line. */
  body?: { file: string; line: number };
  /** The line text, when `tokens` are exactly its lexed tokens (no macro expansion changed them). */
  text?: string;
  /** For a text met before and kept as plain (see `Preprocessor.plainLines`): its shared record. */
  plain?: PlainLine;
  /** A frame description produced by %arg/%local (debug information), attached to an otherwise empty line. */
  frame?: { reg: string; args: FrameSlot[]; locals: FrameSlot[] };
  /** %pop of a context that carried a frame. */
  frameEnd?: boolean;
}

/**
 * A line text that came out of the preprocessor exactly as lexed, kept for the next lines with the
 * same text. `parsed` belongs to the statement parser: what it made of the text (undefined: not yet
 * asked; the parser keeps there only what depends on the text alone).
 */
export interface PlainLine { tokens: Token[]; parsed: unknown }

interface SMacro {
  params: string[] | null;
  body: Token[];
  /** Recursion guard. */
  busy?: boolean;
}

/**
 * Single-line macros by name, with a count of names per length: most identifiers have a length no
 * macro name has, and are passed over without a lookup.
 */
class SMacroTable {
  private readonly map = new Map<string, SMacro>();
  private readonly lengths = new Int32Array(64);
  /** Counts changes, so that results that depend on the table's contents can tell they are stale. */
  version = 0;
  get size(): number { return this.map.size; }
  get(name: string): SMacro | undefined { return this.map.get(name); }
  has(name: string): boolean { return this.map.has(name); }
  set(name: string, m: SMacro): void {
    if (!this.map.has(name)) this.lengths[Math.min(name.length, 63)]++;
    this.map.set(name, m);
    this.version++;
  }
  delete(name: string): boolean {
    if (!this.map.delete(name)) return false;
    this.lengths[Math.min(name.length, 63)]--;
    this.version++;
    return true;
  }
  /** False when no macro name has this length. */
  mayHave(length: number): boolean { return this.lengths[Math.min(length, 63)] !== 0; }
}

interface MMacro {
  name: string;
  min: number;
  max: number; // Infinity for *
  greedy: boolean;
  defaults: string[];
  lines: string[];
  lineNos: number[];
  file: string;
  nolist: boolean;
}

interface Frame {
  kind: 'file' | 'macro' | 'rep';
  file: string;
  lines: string[];
  lineNos: number[] | null;
  idx: number;
  /** Invocation location all lines are reported at (macro frames, and frames nested in them). */
  inv: { file: string; line: number; col: number; end: number } | null;
  params?: string[];
  rotate?: number;
  uniq?: number;
  macro?: MMacro;
  repLeft?: number;
  condDepth: number;
  /** Defining file of the lines (macro body file). */
  bodyFile: string;
  /** For %rep inside a macro: the macro frame whose parameters the lines use (read-time substitution keeps %rotate working). */
  paramsFrom?: Frame;
  /** File frames: some line ends with a backslash (a line continuation). */
  continued?: boolean;
}

interface Cond { state: 'true' | 'false' | 'done' | 'elsetrue' | 'elsefalse' | 'never' }

interface Context {
  name: string;
  num: number;
  frame?: { reg: string; args: FrameSlot[]; locals: FrameSlot[] };
}

/** Options of the preprocessor. */
export interface PpOptions {
  includePaths: string[];
  readFile?: (path: string) => string | undefined;
  defines?: Record<string, string>;
}

const MAX_EXPANSION_DEPTH = 200;
/** Plain lines remembered by text at most; the table starts over when full (kernels repeat a few hundred texts). */
const MAX_PLAIN_LINES = 4096;
const MAX_REP = 1_000_000;
/**
 * Source lines read at most, macro and %rep expansions included: a macro that invokes itself
 * more than once per level grows exponentially long before it reaches MAX_EXPANSION_DEPTH.
 */
const MAX_LINES = 2_000_000;

/** Turns NASM source into fully expanded token lines. */
export class Preprocessor {
  private frames: Frame[] = [];
  private smacros = new SMacroTable();
  private ismacros = new SMacroTable(); // case-insensitive (%idefine), keyed lower-case
  private mmacros = new Map<string, MMacro[]>();
  private immacros = new Map<string, MMacro[]>();
  /** Counts %macro/%unmacro changes (see `plainLines`). */
  private mmacroVersion = 0;
  /**
   * Lines that came out of the preprocessor exactly as lexed (no % form, no macro name, no lexing
   * error), by text: the same text gives the same tokens while no macro is defined or removed, so
   * repeated instruction lines skip lexing and macro lookup. The tokens are shared and never changed.
   */
  private readonly plainLines = new Map<string, PlainLine>();
  /** Plain line texts seen once so far (kept apart: the table of repeated texts stays small). */
  private readonly plainSeen = new Set<string>();
  /** The macro table versions `plainLines` was built under (single-line, case-insensitive, multi-line). */
  private plainS = 0;
  private plainI = 0;
  private plainM = 0;
  private conds: Cond[] = [];
  private contexts: Context[] = [];
  private uniq = 0;
  private stackSize = 4;
  private stackReg = 'ebp';
  private argOffset = 8;
  private localOffset = 0;
  private pendingFrame: PpLine[] = [];
  /** Lines read so far, expansions included (see MAX_LINES). */
  private linesRead = 0;
  readonly sources = new Map<string, string>();
  private includeDepth = 0;

  constructor(source: string, file: string, private readonly opts: PpOptions, private readonly diag: DiagnosticSink) {
    this.sources.set(file, source);
    this.frames.push(fileFrame(source, file));
    for (const [k, v] of Object.entries(opts.defines ?? {})) {
      this.smacros.set(k, { params: null, body: lexLine(v).tokens });
    }
    this.smacros.set('__NASM_MAJOR__', { params: null, body: lexLine('2').tokens });
    this.smacros.set('__?NASM_MAJOR?__', { params: null, body: lexLine('2').tokens });
    this.smacros.set('__BITS__', { params: null, body: lexLine('16').tokens });
    this.smacros.set('__?BITS?__', { params: null, body: lexLine('16').tokens });
  }

  /** Returns the next expanded line, or null at the end of input. */
  next(): PpLine | null {
    for (;;) {
      if (this.pendingFrame.length) return this.pendingFrame.shift()!;
      const raw = this.readRaw();
      if (raw && ++this.linesRead > MAX_LINES) {
        this.diag.error(this.locOfRaw(raw, 0, 1), `more than ${MAX_LINES.toLocaleString('en')} lines after macro and %rep expansion (a macro that invokes itself?); assembly stopped here`);
        this.frames.length = 0;
        this.pendingFrame.length = 0;
        this.conds.length = 0;
        return null;
      }
      if (!raw) {
        if (this.conds.length) {
          this.diag.error({ file: this.frames[0]?.file ?? '', line: 1, column: 1, endColumn: 2 }, "unterminated '%if' (missing '%endif')");
          this.conds.length = 0;
        }
        return null;
      }
      const out = this.processLine(raw);
      if (out) { this.trackBits(out); return out; }
    }
  }

  /**
   * Keep `__?BITS?__` (and the old spelling `__BITS__`) equal to the code size in force, as nasm
   * does when it processes a `bits`, `[bits]` or `use16/32/64` line.
   */
  private trackBits(line: PpLine): void {
    const t = line.tokens;
    let k = 0;
    if (t.length !== 0 && t[0].s === '[') k++;
    // Only 'bits' and 'use16/32/64' matter: other lengths need no lower-casing.
    if (k >= t.length || (t[k].s.length !== 4 && t[k].s.length !== 5)) return;
    const w = t[k].s.toLowerCase();
    let bits: string | undefined;
    if (w === 'bits' && t[k + 1] && /^(16|32|64)$/.test(t[k + 1].s)) bits = t[k + 1].s;
    else if (w === 'use16' || w === 'use32' || w === 'use64') bits = w.slice(3);
    if (!bits) return;
    const body = lexLine(bits).tokens;
    this.smacros.set('__BITS__', { params: null, body });
    this.smacros.set('__?BITS?__', { params: null, body });
  }

  // ---- reading lines from the frame stack ----

  private readRaw(): { text: string; frame: Frame; lineNo: number } | null {
    for (;;) {
      const f = this.frames[this.frames.length - 1];
      if (!f) return null;
      if (f.idx >= f.lines.length) {
        if (f.kind === 'rep' && f.repLeft! > 1) { f.repLeft!--; f.idx = 0; continue; }
        this.popFrame();
        continue;
      }
      const i = f.idx++;
      let text = f.lines[i];
      let lineNo = f.lineNos ? f.lineNos[i] : i + 1;
      if (f.kind === 'file') {
        // Backslash line continuation.
        if (f.continued) while (text.length !== 0 && text.charCodeAt(text.length - 1) === 92 && f.idx < f.lines.length) text = text.slice(0, -1) + f.lines[f.idx++];
      } else if (f.kind === 'macro') {
        text = this.substituteParams(text, f);
      } else if (f.paramsFrom) {
        text = this.substituteParams(text, f.paramsFrom);
      }
      return { text, frame: f, lineNo };
    }
  }

  private popFrame(): void {
    const f = this.frames.pop()!;
    if (f.kind === 'file' && this.frames.length) this.includeDepth--;
    // Conditionals opened inside a macro/rep/file and not closed there are reported and dropped.
    if (this.conds.length > f.condDepth) {
      const loc = { file: f.file, line: f.lineNos ? f.lineNos[f.lineNos.length - 1] ?? 1 : f.lines.length, column: 1, endColumn: 2 };
      this.diag.error(loc, "unterminated '%if' (missing '%endif')");
      this.conds.length = f.condDepth;
    }
  }

  /** Replaces %1..%N, %0, %{N}, %%name in a macro body line (not inside strings or comments). */
  private substituteParams(text: string, f: Frame): string {
    if (text.indexOf('%') < 0) return text;
    const params = f.params!;
    const rot = f.rotate ?? 0;
    const np = params.length;
    const param = (n: number): string => {
      if (n === 0) return String(np);
      if (np === 0) return '';
      const idx = ((n - 1 + rot) % np + np) % np;
      return n <= np ? params[idx] : '';
    };
    let out = '';
    let i = 0;
    const n = text.length;
    while (i < n) {
      const ch = text[i];
      if (ch === ';') { out += text.slice(i); break; }
      if (ch === '"' || ch === "'" || ch === '`') {
        let j = i + 1;
        while (j < n && text[j] !== ch) { if (ch === '`' && text[j] === '\\') j++; j++; }
        out += text.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      if (ch !== '%') { out += ch; i++; continue; }
      const d = text[i + 1];
      if ((d === '-' || d === '+') && text[i + 2] >= '0' && text[i + 2] <= '9') {
        // %-1 is the inverse of a condition-code parameter, %+1 the parameter itself.
        let j = i + 2;
        while (j < n && text[j] >= '0' && text[j] <= '9') j++;
        const v = param(Number(text.slice(i + 2, j))).trim();
        out += d === '-' ? invertCondition(v) : v;
        i = j;
        continue;
      }
      if (d >= '0' && d <= '9') {
        let j = i + 1;
        while (j < n && text[j] >= '0' && text[j] <= '9') j++;
        out += param(Number(text.slice(i + 1, j)));
        i = j;
        continue;
      }
      if (d === '{') {
        const close = text.indexOf('}', i);
        const inner = close < 0 ? '' : text.slice(i + 2, close);
        if (/^\d+$/.test(inner)) { out += param(Number(inner)); i = close + 1; continue; }
        const m = /^(\d+):(\d+)$/.exec(inner);
        if (m) {
          const a = Number(m[1]); const b = Number(m[2]);
          const parts: string[] = [];
          for (let k = a; a <= b ? k <= b : k >= b; k += a <= b ? 1 : -1) parts.push(param(k));
          out += parts.join(',');
          i = close + 1;
          continue;
        }
        out += ch; i++; continue;
      }
      if (d === '%' && i + 2 < n && isIdChar(text.charCodeAt(i + 2))) {
        out += `..@${f.uniq}.`;
        i += 2;
        continue;
      }
      if (d === '%') { out += '%%'; i += 2; continue; }
      out += ch; i++;
    }
    return out;
  }

  // ---- one line ----

  private locOfRaw(raw: { frame: Frame; lineNo: number }, col = 0, end = col + 1): SourceLoc {
    const f = raw.frame;
    if (f.inv) return { file: f.inv.file, line: f.inv.line, column: f.inv.col + 1, endColumn: f.inv.end + 1, body: { file: f.bodyFile, line: raw.lineNo } };
    return { file: f.file, line: raw.lineNo, column: col + 1, endColumn: end + 1 };
  }

  private processLine(raw: { text: string; frame: Frame; lineNo: number }): PpLine | null {
    const text = raw.text;
    if (this.smacros.version !== this.plainS || this.ismacros.version !== this.plainI || this.mmacroVersion !== this.plainM) {
      this.plainLines.clear();
      this.plainS = this.smacros.version; this.plainI = this.ismacros.version; this.plainM = this.mmacroVersion;
    }
    const plain = this.plainLines.get(text);
    if (plain !== undefined) return this.emitting() ? this.makeLine(plain.tokens, raw, text, plain) : null;
    // Fast path: no directive possible and no macros defined that could apply.
    const lexed = lexLine(text);
    let toks = lexed.tokens;
    const first = toks[0];
    const active = this.emitting();
    if (first && first.t === T.PpWord) {
      const d = first.s;
      if (this.handleCondDirective(d, toks, raw)) return null;
      if (!active) return null;
      if (d === '%macro' || d === '%imacro' || d === '%rmacro' || d === '%irmacro') { this.defineMacro(toks, raw, d.startsWith('%i')); return null; }
      if (d === '%rep') { this.beginRep(toks, raw); return null; }
      if (d === '%endmacro' || d === '%endm') { this.diag.error(this.locOfRaw(raw, first.col, first.end), `'${d}' without '%macro'`); return null; }
      if (d === '%endrep') { this.diag.error(this.locOfRaw(raw, first.col, first.end), "'%endrep' without '%rep'"); return null; }
      this.directive(d, toks, raw, text);
      return null;
    }
    if (!active) return null;
    if (lexed.error) {
      this.diag.error(this.locOfRaw(raw, lexed.error.col, lexed.error.end), lexed.error.message);
    }
    if (toks.length === 0) return null;
    toks = this.resolveContextTokens(toks, raw);
    toks = this.expandSMacros(toks, raw, 0);
    // Multi-line macro invocation: the first token, or the token after a label (`name:` or `name`).
    if ((this.mmacros.size || this.immacros.size) && toks[0].t === T.Id) {
      const m0 = this.findMacro(toks[0]);
      if (m0) { this.invokeMacro(m0, toks, 0, raw); return null; }
      const colon = toks[1] && toks[1].t === T.Op && toks[1].s === ':' ? 1 : 0;
      const at = 1 + colon;
      const t2 = toks[at];
      if (t2 && t2.t === T.Id) {
        const m2 = this.findMacro(t2);
        if (m2) {
          const label = this.makeLine(toks.slice(0, at), raw);
          this.invokeMacro(m2, toks, at, raw);
          return label;
        }
      }
    }
    let record: PlainLine | undefined;
    if (toks === lexed.tokens && !lexed.error && isPlain(toks)) {
      // Kept from the second time on: most label and data lines occur once and would only fill the table.
      if (this.plainSeen.has(text)) {
        if (this.plainLines.size >= MAX_PLAIN_LINES) this.plainLines.clear();
        record = { tokens: toks, parsed: undefined };
        this.plainLines.set(text, record);
      } else {
        if (this.plainSeen.size >= MAX_PLAIN_LINES) this.plainSeen.clear();
        this.plainSeen.add(text);
      }
    }
    return this.makeLine(toks, raw, toks === lexed.tokens ? text : undefined, record);
  }

  private findMacro(t: Token): MMacro[] | undefined {
    if (t.q) return undefined;
    return this.mmacros.get(t.s) ?? this.immacros.get(t.s.toLowerCase());
  }

  private makeLine(tokens: Token[], raw: { frame: Frame; lineNo: number }, text?: string, plain?: PlainLine): PpLine {
    const f = raw.frame;
    if (f.inv) return { tokens, file: f.inv.file, line: f.inv.line, fixedCols: { col: f.inv.col, end: f.inv.end }, body: { file: f.bodyFile, line: raw.lineNo }, text, plain };
    return { tokens, file: f.file, line: raw.lineNo, text, plain };
  }

  private emitting(): boolean {
    const n = this.conds.length;
    if (n === 0) return true;
    const c = this.conds[n - 1];
    return c.state === 'true' || c.state === 'elsetrue';
  }

  // ---- conditionals ----

  private handleCondDirective(d: string, toks: Token[], raw: { frame: Frame; lineNo: number; text: string }): boolean {
    if (d.startsWith('%if')) {
      const parentActive = this.emitting();
      if (!parentActive) { this.conds.push({ state: 'never' }); return true; }
      const v = this.condition(d.slice(3), toks, raw);
      this.conds.push({ state: v ? 'true' : 'false' });
      return true;
    }
    if (d.startsWith('%elif')) {
      const c = this.conds[this.conds.length - 1];
      if (!c) { this.diag.error(this.locOfRaw(raw, toks[0].col, toks[0].end), `'${d}' without '%if'`); return true; }
      if (c.state === 'true') c.state = 'done';
      else if (c.state === 'false') c.state = this.condition(d.slice(5), toks, raw) ? 'true' : 'false';
      else if (c.state === 'elsetrue' || c.state === 'elsefalse') { this.diag.error(this.locOfRaw(raw, toks[0].col, toks[0].end), `'${d}' after '%else'`); c.state = 'never'; }
      return true;
    }
    if (d === '%else') {
      const c = this.conds[this.conds.length - 1];
      if (!c) { this.diag.error(this.locOfRaw(raw, toks[0].col, toks[0].end), "'%else' without '%if'"); return true; }
      if (c.state === 'true' || c.state === 'done') c.state = 'elsefalse';
      else if (c.state === 'false') c.state = 'elsetrue';
      else if (c.state !== 'never') { this.diag.error(this.locOfRaw(raw, toks[0].col, toks[0].end), "'%else' after '%else'"); c.state = 'never'; }
      return true;
    }
    if (d === '%endif') {
      const f = this.frames[this.frames.length - 1];
      if (this.conds.length <= (f ? f.condDepth : 0)) { this.diag.error(this.locOfRaw(raw, toks[0].col, toks[0].end), "'%endif' without '%if'"); return true; }
      this.conds.pop();
      return true;
    }
    return false;
  }

  private condition(kind: string, toks: Token[], raw: { frame: Frame; lineNo: number; text: string }): boolean {
    let neg = false;
    // %ifn, %ifndef, %ifnidn, %ifnmacro, %ifnctx, %ifnnum...: a leading n negates (but %ifnum is itself).
    if (kind.startsWith('n') && kind !== 'num') { neg = true; kind = kind.slice(1); }
    const rest = toks.slice(1);
    const loc = this.locOfRaw(raw, toks[0].col, toks[toks.length - 1].end);
    let v = false;
    switch (kind) {
      case '': {
        const e = this.resolveContextTokens(rest, raw);
        v = this.evalCritical(this.expandSMacros(e, raw, 0), raw, loc) !== 0n;
        break;
      }
      case 'def': {
        const r = this.resolveContextTokens(rest, raw);
        const name = r[0]?.s ?? '';
        v = this.smacros.has(name) || this.ismacros.has(name.toLowerCase());
        break;
      }
      case 'macro': {
        const name = rest[0]?.s ?? '';
        v = this.mmacros.has(name) || this.immacros.has(name.toLowerCase());
        break;
      }
      case 'ctx': v = rest.some((t) => this.contexts.length > 0 && this.contexts[this.contexts.length - 1].name === t.s); break;
      case 'idn': case 'idni': {
        const e = this.expandSMacros(this.resolveContextTokens(rest, raw), raw, 0);
        const comma = e.findIndex((t) => t.t === T.Op && t.s === ',');
        if (comma < 0) { this.diag.error(loc, `'%if${kind}' expects two comma-separated arguments`); break; }
        const a = detokenize(e.slice(0, comma)).replace(/\s+/g, '');
        const b = detokenize(e.slice(comma + 1)).replace(/\s+/g, '');
        v = kind === 'idn' ? a === b : a.toLowerCase() === b.toLowerCase();
        break;
      }
      case 'num': case 'str': case 'id': case 'empty': case 'token': {
        const e = this.expandSMacros(rest, raw, 0);
        if (kind === 'empty') v = e.length === 0;
        else if (kind === 'token') v = e.length === 1;
        else v = e.length === 1 && e[0].t === (kind === 'num' ? T.Num : kind === 'str' ? T.Str : T.Id);
        break;
      }
      case 'env': v = false; break;
      default:
        this.diag.error(loc, `unknown conditional directive '%if${neg ? 'n' : ''}${kind}'`);
    }
    return neg ? !v : v;
  }

  /** Evaluates a preprocessor-time expression: only numbers, no labels. */
  private evalCritical(toks: Token[], raw: { frame: Frame; lineNo: number }, loc: SourceLoc): bigint {
    const c = new Cursor(toks, (t) => (t ? this.locOfRaw(raw, t.col, t.end) : loc));
    try {
      const e = parseExpr(c, {
        symbol: (name, tok) => {
          throw new SyntaxError_(`'${name}' is not defined at preprocessing time (only numbers and %define/%assign names are allowed here)`, this.locOfRaw(raw, tok.col, tok.end));
        },
      });
      if (!c.atEnd()) throw new SyntaxError_(`unexpected '${c.peek()!.s}' after expression`, c.here());
      const ctx: EvalContext = { lookup: () => undefined, here: 0n, base: 0n, unknown: false, onError: (m, l) => this.diag.error(l ?? loc, m) };
      return evaluate(e, ctx);
    } catch (err) {
      if (err instanceof SyntaxError_) { this.diag.error(err.loc, err.message); return 0n; }
      throw err;
    }
  }

  // ---- directives ----

  private directive(d: string, toks: Token[], raw: { frame: Frame; lineNo: number }, text: string): void {
    const loc = this.locOfRaw(raw, toks[0].col, toks[toks.length - 1].end);
    const rest = toks.slice(1);
    switch (d) {
      case '%define': case '%xdefine': case '%idefine': case '%xidefine': this.defineSMacro(d, rest, raw, loc); return;
      case '%undef': case '%undefalias': {
        const r = this.resolveContextTokens(rest, raw);
        if (r[0]) { this.smacros.delete(r[0].s); this.ismacros.delete(r[0].s.toLowerCase()); }
        return;
      }
      case '%assign': case '%iassign': {
        const r = this.resolveContextTokens(rest, raw);
        const name = r[0];
        if (!name || name.t !== T.Id) { this.diag.error(loc, "'%assign' expects a macro name"); return; }
        const v = this.evalCritical(this.expandSMacros(r.slice(1), raw, 0), raw, loc);
        const body: Token[] = [{ t: T.Num, s: v.toString(), v, col: name.col, end: name.end }];
        if (v < 0n) body.unshift({ t: T.Op, s: '-', col: name.col, end: name.end }), body[1] = { t: T.Num, s: (-v).toString(), v: -v, col: name.col, end: name.end };
        const m: SMacro = { params: null, body: v < 0n ? [{ t: T.Op, s: '(', col: 0, end: 0 }, ...body, { t: T.Op, s: ')', col: 0, end: 0 }] : body };
        if (d === '%iassign') this.ismacros.set(name.s.toLowerCase(), m); else this.smacros.set(name.s, m);
        return;
      }
      case '%strlen': {
        const r = this.resolveContextTokens(rest, raw);
        const name = r[0];
        const e = this.expandSMacros(r.slice(1), raw, 0);
        if (!name || e.length !== 1 || e[0].t !== T.Str) { this.diag.error(loc, "'%strlen' expects a name and a string"); return; }
        const v = BigInt(e[0].s.length);
        this.smacros.set(name.s, { params: null, body: [{ t: T.Num, s: v.toString(), v, col: 0, end: 0 }] });
        return;
      }
      case '%defstr': {
        const r = this.resolveContextTokens(rest, raw);
        const name = r[0];
        if (!name) { this.diag.error(loc, "'%defstr' expects a name"); return; }
        const s = detokenize(this.expandSMacros(r.slice(1), raw, 0)).trim();
        this.smacros.set(name.s, { params: null, body: [{ t: T.Str, s, q: "'", col: 0, end: 0 }] });
        return;
      }
      case '%strcat': {
        const r = this.resolveContextTokens(rest, raw);
        const name = r[0];
        if (!name) { this.diag.error(loc, "'%strcat' expects a name"); return; }
        const parts = this.expandSMacros(r.slice(1), raw, 0).filter((t) => t.t === T.Str).map((t) => t.s);
        this.smacros.set(name.s, { params: null, body: [{ t: T.Str, s: parts.join(''), q: "'", col: 0, end: 0 }] });
        return;
      }
      case '%substr': {
        const r = this.resolveContextTokens(rest, raw);
        const name = r[0];
        const e = this.expandSMacros(r.slice(1), raw, 0);
        if (!name || !e[0] || e[0].t !== T.Str) { this.diag.error(loc, "'%substr' expects a name, a string and a position"); return; }
        const argToks = e.slice(1).filter((t) => !(t.t === T.Op && t.s === ','));
        const start = Number(argToks[0]?.v ?? 1n);
        const len = argToks[1] ? Number(argToks[1].v ?? 1n) : 1;
        const s = e[0].s.substr(start - 1, len < 0 ? e[0].s.length - start + 1 + len + 1 : len);
        this.smacros.set(name.s, { params: null, body: [{ t: T.Str, s, q: "'", col: 0, end: 0 }] });
        return;
      }
      case '%include': {
        const e = this.expandSMacros(rest, raw, 0);
        if (!e[0] || e[0].t !== T.Str) { this.diag.error(loc, "'%include' expects a quoted file name"); return; }
        this.include(e[0].s, loc);
        return;
      }
      case '%push': {
        const name = rest[0]?.s ?? '';
        this.contexts.push({ name, num: ++this.uniq });
        return;
      }
      case '%repl': {
        const c = this.contexts[this.contexts.length - 1];
        if (!c) { this.diag.error(loc, "'%repl': context stack is empty"); return; }
        c.name = rest[0]?.s ?? '';
        return;
      }
      case '%pop': {
        const c = this.contexts[this.contexts.length - 1];
        if (!c) { this.diag.error(loc, "'%pop': context stack is already empty"); return; }
        if (rest[0] && rest[0].s !== c.name) { this.diag.error(loc, `'%pop' in wrong context: ${c.name || 'anonymous'}, expected ${rest[0].s}`); return; }
        this.contexts.pop();
        if (c.frame) this.pendingFrame.push({ ...this.makeLine([], raw), frameEnd: true });
        return;
      }
      case '%rotate': {
        const f = this.innermostMacro();
        if (!f) { this.diag.error(loc, "'%rotate' outside a macro"); return; }
        const v = Number(this.evalCritical(this.expandSMacros(this.resolveContextTokens(rest, raw), raw, 0), raw, loc));
        const np = f.params!.length;
        if (np) f.rotate = (((f.rotate ?? 0) + v) % np + np) % np;
        return;
      }
      case '%exitmacro': {
        const idx = this.frames.map((f) => f.kind).lastIndexOf('macro');
        if (idx < 0) { this.diag.error(loc, "'%exitmacro' outside a macro"); return; }
        this.conds.length = this.frames[idx].condDepth;
        this.frames.length = idx;
        return;
      }
      case '%exitrep': {
        const idx = this.frames.map((f) => f.kind).lastIndexOf('rep');
        if (idx < 0) { this.diag.error(loc, "'%exitrep' outside '%rep'"); return; }
        this.conds.length = this.frames[idx].condDepth;
        this.frames.length = idx;
        return;
      }
      case '%unmacro': case '%unimacro': {
        const name = rest[0]?.s ?? '';
        this.mmacros.delete(name); this.immacros.delete(name.toLowerCase());
        this.mmacroVersion++;
        return;
      }
      case '%error': case '%fatal': case '%warning': {
        const e = this.expandSMacros(rest, raw, 0);
        const msg = e.length === 1 && e[0].t === T.Str ? e[0].s : detokenize(e).trim();
        if (d === '%warning') this.diag.warning(loc, msg); else this.diag.error(loc, msg);
        return;
      }
      case '%stacksize': {
        const w = (rest[0]?.s ?? '').toLowerCase();
        if (w === 'flat') { this.stackSize = 4; this.stackReg = 'ebp'; this.argOffset = 8; }
        else if (w === 'flat64') { this.stackSize = 8; this.stackReg = 'rbp'; this.argOffset = 16; }
        else if (w === 'large') { this.stackSize = 2; this.stackReg = 'bp'; this.argOffset = 4; }
        else if (w === 'small') { this.stackSize = 2; this.stackReg = 'bp'; this.argOffset = 6; }
        else { this.diag.error(loc, "'%stacksize' expects flat, flat64, large or small"); return; }
        this.localOffset = 0;
        return;
      }
      case '%arg': case '%local': this.frameDirective(d, rest, raw, loc); return;
      case '%line': case '%pragma': case '%depend': case '%clear': return;
      case '%use':
        this.diag.warning(loc, `'%use ${rest[0]?.s ?? ''}' is not supported and is ignored`);
        return;
      default: {
        this.diag.error(loc, `unknown preprocessor directive '${d}'`);
      }
    }
  }

  private innermostMacro(): Frame | undefined {
    for (let i = this.frames.length - 1; i >= 0; i--) if (this.frames[i].kind === 'macro') return this.frames[i];
    return undefined;
  }

  private include(name: string, loc: SourceLoc): void {
    if (this.includeDepth > 50) { this.diag.error(loc, `'%include' nested too deeply (including '${name}')`); return; }
    const tried: string[] = [];
    const cur = this.frames.filter((f) => f.kind === 'file').pop();
    const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/') + 1) : '');
    const candidates = [name, ...(cur ? [dirOf(cur.file) + name] : []), ...this.opts.includePaths.map((d) => (d.endsWith('/') ? d : d + '/') + name)];
    for (const p of candidates) {
      if (tried.includes(p)) continue;
      tried.push(p);
      const text = this.opts.readFile?.(p);
      if (text !== undefined) {
        this.sources.set(p, text);
        const f = fileFrame(text, p);
        f.condDepth = this.conds.length;
        this.frames.push(f);
        this.includeDepth++;
        return;
      }
    }
    this.diag.error(loc, `cannot find include file '${name}' (searched: ${tried.join(', ')})`);
  }

  private frameDirective(d: string, rest: Token[], raw: { frame: Frame; lineNo: number }, loc: SourceLoc): void {
    const slots: FrameSlot[] = [];
    let i = 0;
    let offset = d === '%arg' ? this.argOffset : this.localOffset;
    while (i < rest.length) {
      const name = rest[i];
      if (!name || name.t !== T.Id || !rest[i + 1] || rest[i + 1].s !== ':' || !rest[i + 2] || rest[i + 2].t !== T.Id) {
        this.diag.error(loc, `'${d}' expects name:type pairs, e.g. ${d} x:dword`);
        return;
      }
      const typeToks = this.expandSMacros([rest[i + 2]], raw, 0);
      const size = sizeOfType(typeToks[0]?.s ?? '');
      if (!size) { this.diag.error(this.locOfRaw(raw, rest[i + 2].col, rest[i + 2].end), `invalid size type '${rest[i + 2].s}' (expected byte, word, dword, qword or tword)`); return; }
      const slot = Math.ceil(size / this.stackSize) * this.stackSize;
      if (d === '%arg') {
        this.smacros.set(name.s, { params: null, body: lexLine(`(${this.stackReg}+${offset})`).tokens });
        slots.push({ name: name.s, offset, size });
        offset += slot;
      } else {
        offset += slot;
        this.smacros.set(name.s, { params: null, body: lexLine(`(${this.stackReg}-${offset})`).tokens });
        slots.push({ name: name.s, offset: -offset, size });
        const ctx = this.contexts[this.contexts.length - 1];
        if (ctx) {
          const key = `..@${ctx.num}.localsize`;
          const cur = this.smacros.get(key);
          const prev = cur && cur.body.length === 1 && cur.body[0].v !== undefined ? cur.body[0].v : 0n;
          const v = prev + BigInt(slot);
          this.smacros.set(key, { params: null, body: [{ t: T.Num, s: v.toString(), v, col: 0, end: 0 }] });
        }
      }
      i += 3;
      if (rest[i] && rest[i].s === ',') i++;
      else break;
    }
    if (d === '%arg') this.argOffset = offset; else this.localOffset = offset;
    const ctx = this.contexts[this.contexts.length - 1];
    const info = ctx ? (ctx.frame ??= { reg: this.stackReg, args: [], locals: [] }) : { reg: this.stackReg, args: [], locals: [] };
    if (d === '%arg') info.args.push(...slots); else info.locals.push(...slots);
    this.pendingFrame.push({ ...this.makeLine([], raw), frame: { reg: info.reg, args: slots.filter(() => d === '%arg'), locals: slots.filter(() => d === '%local') } });
  }

  // ---- single-line macros ----

  private defineSMacro(d: string, rest: Token[], raw: { frame: Frame; lineNo: number }, loc: SourceLoc): void {
    const r = this.resolveContextTokens(rest, raw);
    const name = r[0];
    if (!name || (name.t !== T.Id)) { this.diag.error(loc, `'${d}' expects a macro name`); return; }
    let i = 1;
    let params: string[] | null = null;
    if (r[1] && r[1].t === T.Op && r[1].s === '(' && !r[1].sp) {
      params = [];
      i = 2;
      while (i < r.length && !(r[i].t === T.Op && r[i].s === ')')) {
        if (r[i].t === T.Id) params.push(r[i].s);
        i++;
      }
      i++;
    }
    let body = r.slice(i);
    if (d === '%xdefine' || d === '%xidefine') body = this.expandSMacros(body, raw, 0);
    const m: SMacro = { params, body };
    if (d === '%idefine' || d === '%xidefine') this.ismacros.set(name.s.toLowerCase(), m);
    else this.smacros.set(name.s, m);
  }

  /** Turns %$name tokens into the context-unique identifiers they stand for. */
  private resolveContextTokens(toks: Token[], raw: { frame: Frame; lineNo: number }): Token[] {
    let has = false;
    for (const t of toks) if (t.t === T.PpCtx) { has = true; break; }
    if (!has) return toks;
    const out: Token[] = [];
    for (const t of toks) {
      if (t.t !== T.PpCtx) { out.push(t); continue; }
      let depth = 0;
      let j = 1;
      while (t.s[j] === '$') { depth++; j++; }
      const ctx = this.contexts[this.contexts.length - depth];
      if (!ctx) {
        this.diag.error(this.locOfRaw(raw, t.col, t.end), `'${t.s}': no context is active (missing %push)`);
        out.push({ ...t, t: T.Id, s: `..@0.${t.s.slice(j)}` });
        continue;
      }
      out.push({ ...t, t: T.Id, s: `..@${ctx.num}.${t.s.slice(j)}` });
    }
    return out;
  }

  /** Expands single-line macros; pastes %+ and resolves leftover % forms. */
  private expandSMacros(toks: Token[], raw: { frame: Frame; lineNo: number }, depth: number): Token[] {
    if (this.smacros.size === 0 && this.ismacros.size === 0 && !toks.some((t) => t.t === T.PpPaste)) return toks;
    if (depth > MAX_EXPANSION_DEPTH) {
      this.diag.error(this.locOfRaw(raw, toks[0]?.col ?? 0, toks[toks.length - 1]?.end ?? 1), 'single-line macro expansion is too deep (recursive %define?)');
      return toks;
    }
    // Most lines name no macro and paste nothing: return them as they are without copying.
    let candidate = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.t === T.PpPaste || (t.t === T.Id && !t.q && (this.smacros.mayHave(t.s.length) || this.ismacros.mayHave(t.s.length)))) { candidate = true; break; }
    }
    if (!candidate) return toks;
    let changed = false;
    const out: Token[] = [];
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      if (t.t !== T.Id || t.q) { out.push(t); continue; }
      const m = (this.smacros.mayHave(t.s.length) ? this.smacros.get(t.s) : undefined)
        ?? (this.ismacros.mayHave(t.s.length) ? this.ismacros.get(t.s.toLowerCase()) : undefined);
      if (!m || m.busy) { out.push(t); continue; }
      let body: Token[];
      if (m.params) {
        const open = toks[i + 1];
        if (!open || open.t !== T.Op || open.s !== '(') { out.push(t); continue; }
        // Collect arguments split on top-level commas.
        const args: Token[][] = [[]];
        let level = 0;
        let j = i + 2;
        for (; j < toks.length; j++) {
          const a = toks[j];
          if (a.t === T.Op && (a.s === '(' || a.s === '[' || a.s === '{')) level++;
          if (a.t === T.Op && (a.s === ')' || a.s === ']' || a.s === '}')) {
            if (level === 0 && a.s === ')') break;
            level--;
          }
          if (a.t === T.Op && a.s === ',' && level === 0) { args.push([]); continue; }
          args[args.length - 1].push(a);
        }
        if (j >= toks.length) { out.push(t); continue; }
        if (m.params.length === 0 && args.length === 1 && args[0].length === 0) args.length = 0;
        if (args.length !== m.params.length) { out.push(t); continue; }
        body = [];
        for (const b of m.body) {
          const pi = b.t === T.Id ? m.params.indexOf(b.s) : -1;
          if (pi >= 0) for (const a of args[pi]) body.push({ ...a, col: t.col, end: toks[j].end });
          else body.push({ ...b, col: t.col, end: toks[j].end });
        }
        i = j;
      } else {
        body = m.body.map((b) => ({ ...b, col: t.col, end: t.end }));
      }
      if (body.length) body[0] = { ...body[0], sp: t.sp };
      m.busy = true;
      const expanded = this.expandSMacros(body, raw, depth + 1);
      m.busy = false;
      for (const e of expanded) out.push(e);
      changed = true;
    }
    const result = changed ? out : toks;
    return pasteTokens(result);
  }

  // ---- multi-line macros ----

  private defineMacro(toks: Token[], raw: { frame: Frame; lineNo: number }, ci: boolean): void {
    const loc = this.locOfRaw(raw, toks[0].col, toks[toks.length - 1].end);
    const nameTok = toks[1];
    const body = this.collectBlock(raw.frame, ['%macro', '%imacro', '%rmacro', '%irmacro'], ['%endmacro', '%endm'], loc, '%endmacro');
    if (!nameTok || nameTok.t !== T.Id) { this.diag.error(loc, "'%macro' expects a name and a parameter count"); return; }
    let min = 0; let max = 0; let greedy = false; let nolist = false;
    let i = 2;
    const num = toks[i];
    if (num && num.t === T.Num) {
      min = max = Number(num.v);
      i++;
      if (toks[i] && toks[i].t === T.Op && toks[i].s === '-') {
        i++;
        if (toks[i] && toks[i].t === T.Num) { max = Number(toks[i].v); i++; }
        else if (toks[i] && toks[i].t === T.Op && toks[i].s === '*') { max = Infinity; i++; }
      }
      if (toks[i] && toks[i].t === T.Op && toks[i].s === '+') { greedy = true; i++; }
      if (toks[i] && toks[i].t === T.Id && toks[i].s.toLowerCase() === '.nolist') { nolist = true; i++; }
    } else if (num) {
      this.diag.error(this.locOfRaw(raw, num.col, num.end), "'%macro' expects a parameter count after the name");
    }
    // Default values for optional parameters.
    const defaults = i < toks.length ? splitParams(detokenize(toks.slice(i)), false) : [];
    const m: MMacro = { name: nameTok.s, min, max, greedy, defaults, lines: body.lines, lineNos: body.lineNos, file: body.file, nolist };
    const map = ci ? this.immacros : this.mmacros;
    const key = ci ? nameTok.s.toLowerCase() : nameTok.s;
    const list = map.get(key) ?? [];
    // A definition with the same parameter range replaces the previous one.
    const same = list.findIndex((x) => x.min === min && x.max === max);
    if (same >= 0) list[same] = m; else list.push(m);
    map.set(key, list);
    this.mmacroVersion++;
  }

  /** Reads raw lines up to the matching end directive, counting nested begin directives. */
  private collectBlock(f: Frame, begins: string[], ends: string[], loc: SourceLoc, endName: string, raw = false): { lines: string[]; lineNos: number[]; file: string; terminated: boolean } {
    const lines: string[] = [];
    const lineNos: number[] = [];
    let depth = 0;
    let terminated = true;
    for (;;) {
      if (f.idx >= f.lines.length) {
        this.diag.error(loc, `missing '${endName}'`);
        terminated = false;
        break;
      }
      const i = f.idx++;
      let text = f.lines[i];
      const lineNo = f.lineNos ? f.lineNos[i] : i + 1;
      if (f.kind === 'file') while (text.endsWith('\\') && f.idx < f.lines.length) text = text.slice(0, -1) + f.lines[f.idx++];
      else if (f.kind === 'macro' && !raw) text = this.substituteParams(text, f);
      else if (f.paramsFrom && !raw) text = this.substituteParams(text, f.paramsFrom);
      const w = firstWord(text);
      if (w && begins.includes(w)) depth++;
      else if (w && ends.includes(w)) {
        if (depth === 0) break;
        depth--;
      }
      lines.push(text);
      lineNos.push(lineNo);
    }
    return { lines, lineNos, file: f.kind === 'file' ? f.file : f.bodyFile, terminated };
  }

  private invokeMacro(cands: MMacro[], toks: Token[], k: number, raw: { frame: Frame; lineNo: number; text: string }): boolean {
    const nameTok = toks[k];
    // Argument text: from the raw line when the tokens are the source's own, else rebuilt.
    // Arguments come from the line after single-line macro expansion, as in NASM.
    const argText = detokenize(toks.slice(k + 1));
    let args = argText.trim() === '' ? [] : splitParams(argText, false);
    let m = cands.find((c) => args.length >= c.min && args.length <= c.max) ?? cands.find((c) => c.greedy && args.length >= c.max && c.max > 0);
    if (!m) {
      // A greedy macro takes a longer list; a too-short one may be filled from defaults.
      m = cands.find((c) => c.greedy && args.length > c.max);
    }
    if (!m) {
      const loc = this.locOfRaw(raw, nameTok.col, nameTok.end);
      const want = cands.map((c) => (c.max === Infinity ? `${c.min} or more` : c.min === c.max ? `${c.min}` : `${c.min} to ${c.max}`)).join(' or ');
      this.diag.error(loc, `macro '${nameTok.s}' expects ${want} parameter(s) but got ${args.length}`);
      return true;
    }
    if (m.greedy && args.length > m.max && m.max > 0) {
      // The last parameter takes the rest of the line, commas included.
      const parts = splitParams(argText, false);
      const head = parts.slice(0, m.max - 1);
      const tailStart = nthTopLevelComma(argText, m.max - 1);
      args = [...head, argText.slice(tailStart).trim()];
    }
    if (m.max !== Infinity) {
      for (let p = args.length; p < m.max; p++) {
        const dflt = m.defaults[p - m.min];
        args.push(dflt !== undefined ? dflt : '');
      }
      // NASM keeps %0 as the number of parameters actually given plus defaults filled in.
    }
    if (this.frames.length > MAX_EXPANSION_DEPTH) {
      this.diag.error(this.locOfRaw(raw, nameTok.col, nameTok.end), `macro '${m.name}' expands too deeply (recursive macro?)`);
      return true;
    }
    const f = raw.frame;
    const inv = f.inv ?? { file: f.file, line: raw.lineNo, col: toks[0].col, end: toks[toks.length - 1].end };
    this.frames.push({
      kind: 'macro', file: m.file, lines: m.lines, lineNos: m.lineNos, idx: 0, inv, params: args, rotate: 0,
      uniq: ++this.uniq, macro: m, condDepth: this.conds.length, bodyFile: m.file,
    });
    return true;
  }

  private beginRep(toks: Token[], raw: { frame: Frame; lineNo: number; text: string }): void {
    const loc = this.locOfRaw(raw, toks[0].col, toks[toks.length - 1].end);
    const count = Number(this.evalCritical(this.expandSMacros(this.resolveContextTokens(toks.slice(1), raw), raw, 0), raw, loc));
    // Inside a macro the body keeps its %1..%N: they are substituted when each line is read.
    const body = this.collectBlock(raw.frame, ['%rep'], ['%endrep'], loc, '%endrep', true);
    // Like nasm, an unterminated %rep (the file ended inside it) is an error and repeats nothing: repeating
    // the rest of the file would only multiply the follow-on errors.
    if (!body.terminated) return;
    if (count <= 0 || body.lines.length === 0) return;
    if (count > MAX_REP) { this.diag.error(loc, `'%rep' count ${count} is too large (limit ${MAX_REP})`); return; }
    const f = raw.frame;
    this.frames.push({
      kind: 'rep', file: f.file, lines: body.lines, lineNos: body.lineNos, idx: 0, inv: f.inv, repLeft: count,
      condDepth: this.conds.length, bodyFile: body.file, paramsFrom: f.kind === 'macro' ? f : f.paramsFrom,
    });
  }
}

const CC_INVERSE: Record<string, string> = {
  o: 'no', no: 'o', b: 'nb', nb: 'b', c: 'nc', nc: 'c', ae: 'nae', nae: 'ae', e: 'ne', ne: 'e', z: 'nz', nz: 'z',
  be: 'nbe', nbe: 'be', a: 'na', na: 'a', s: 'ns', ns: 's', p: 'np', np: 'p', pe: 'po', po: 'pe',
  l: 'nl', nl: 'l', ge: 'nge', nge: 'ge', le: 'nle', nle: 'le', g: 'ng', ng: 'g',
};

function invertCondition(cc: string): string { return CC_INVERSE[cc.toLowerCase()] ?? cc; }

function fileFrame(source: string, file: string): Frame {
  const lines = splitLines(source);
  // A line ends with a backslash when one comes right before a line break or at the very end.
  const continued = /\\\r?\n/.test(source) || source.endsWith('\\');
  return { kind: 'file', file, lines, lineNos: null, idx: 0, inv: null, condDepth: 0, bodyFile: file, continued };
}

/** The lines of a text, as `text.split(/\r?\n/)` (without a regular expression). */
function splitLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
    const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    lines.push(text.slice(start, end));
    start = nl + 1;
  }
  lines.push(text.slice(start));
  return lines;
}

function sizeOfType(s: string): number {
  switch (s.toLowerCase()) {
    case 'byte': return 1;
    case 'word': return 2;
    case 'dword': return 4;
    case 'qword': return 8;
    case 'tword': return 10;
    case 'oword': return 16;
    default: return 0;
  }
}

/** First `%word` of a line, lower-cased, or undefined. */
function firstWord(text: string): string | undefined {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] !== '%') return undefined;
  let j = i + 1;
  while (j < text.length && /[A-Za-z]/.test(text[j])) j++;
  return text.slice(i, j).toLowerCase();
}

function stripComment(s: string): string {
  let q = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) { if (c === q) q = ''; else if (q === '`' && c === '\\') i++; continue; }
    if (c === '"' || c === "'" || c === '`') q = c;
    else if (c === ';') return s.slice(0, i);
  }
  return s;
}

function nthTopLevelComma(s: string, n: number): number {
  if (n <= 0) return 0;
  let q = ''; let level = 0; let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) { if (c === q) q = ''; else if (q === '`' && c === '\\') i++; continue; }
    if (c === '"' || c === "'" || c === '`') q = c;
    else if (c === '{') level++;
    else if (c === '}') level--;
    else if (c === ',' && level === 0) { count++; if (count === n) return i + 1; }
  }
  return s.length;
}

/** Splits macro arguments on top-level commas; `{...}` groups an argument (braces removed). */
export function splitParams(s: string, keepBraces: boolean): string[] {
  const out: string[] = [];
  let cur = '';
  let q = ''; let level = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (q) { cur += c; if (c === q) q = ''; else if (q === '`' && c === '\\') { cur += s[i + 1] ?? ''; i++; } continue; }
    if (c === ';') break;
    if (c === '"' || c === "'" || c === '`') { q = c; cur += c; continue; }
    if (c === '{') { level++; if (level === 1 && !keepBraces) continue; }
    if (c === '}') { level--; if (level === 0 && !keepBraces) continue; }
    if (c === ',' && level === 0) { out.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

/** Rebuilds source text from tokens (used for macro arguments that came out of expansions). */
export function detokenize(toks: Token[]): string {
  let s = '';
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (i > 0 && t.sp) s += ' ';
    if (t.t === T.Str) {
      const q = t.q === '"' || t.q === "'" ? (t.s.includes(t.q) ? (t.s.includes("'") ? '"' : "'") : t.q) : '`';
      s += q === '`' ? '`' + t.s.replace(/[\\`]/g, (c) => '\\' + c) + '`' : q + t.s + q;
    } else if (t.t === T.Id && t.q === '$') s += '$' + t.s;
    else if (t.t === T.Num && t.v !== undefined && t.s === '') s += t.v.toString();
    else s += t.s;
  }
  return s;
}

/** True when no token is a preprocessor form (%name, %1, %%x, %$x, %{..}, %+): such lines may depend on more than their text. */
function isPlain(toks: Token[]): boolean {
  for (let i = 0; i < toks.length; i++) if (toks[i].t >= T.PpWord && toks[i].t <= T.PpPaste) return false;
  return true;
}

/** Applies %+ pasting and pastes identifier/number fragments that touch after expansion. */
function pasteTokens(toks: Token[]): Token[] {
  let has = false;
  for (const t of toks) if (t.t === T.PpPaste) { has = true; break; }
  if (!has) return toks;
  const out: Token[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.t === T.PpPaste && out.length && toks[i + 1]) {
      const a = out.pop()!;
      const b = toks[++i];
      const text = a.s + b.s;
      const re = lexLine(text).tokens;
      for (const r of re) out.push({ ...r, col: a.col, end: b.end, sp: a.sp });
      continue;
    }
    if (t.t === T.PpPaste) continue;
    out.push(t);
  }
  return out;
}
