// GNU as statement parser: labels (named and numeric), assignments, symbol versions for .set, sections and modes; hands directives and instructions to their modules.

import type { DiagnosticSink } from '../diagnostics';
import { evaluate, fold, type EvalContext, type Expr } from '../expression';
import type { SectionAttrs, Statement } from '../statement';
import type { SourceLoc } from '../types';
import { directive, isDirective } from './directives';
import { Cursor, GasSyntaxError, parseExpr, type ExprHooks } from './expression-parser';
import { instruction } from './instruction';
import { LexError, T, tokenize, type Token } from './lexer';
import type { RawStatement, StatementSink } from './macro-processor';

/** Per-section facts the front end keeps: GNU as decides NOP padding by "code" sections and records alignment. */
interface SectionState { name: string; code: boolean; nobits: boolean; align: number; stmts: { attrs: SectionAttrs }[] }

/** Parses GNU as statements into the shared IR. */
export class GasParser implements StatementSink {
  readonly out: Statement[] = [];
  syntax: 'att' | 'intel' = 'att';
  /** Intel syntax with `prefix`: registers need '%'. */
  intelPrefix = false;
  bits: 16 | 32 | 64;
  /** The file is assembled as for `as --64` (selects GNU as's long NOPs in 32-bit code). */
  readonly x86_64: boolean;
  section: SectionState;
  readonly sections = new Map<string, SectionState>();
  sectionStack: { cur: SectionState; prev: SectionState }[] = [];
  previous: SectionState;
  /** Parse-time values of absolute symbols (by versioned name), for .if, .rept and operand sizing. */
  readonly consts = new Map<string, bigint>();
  private readonly versions = new Map<string, number>();
  readonly defined = new Set<string>();
  private readonly numeric = new Map<string, number>();
  private readonly forwardRefs = new Map<string, { n: string; loc: SourceLoc }>();
  private uniq = 0;
  raw!: RawStatement;

  constructor(readonly diag: DiagnosticSink, bits: 16 | 32 | 64, x86_64: boolean, readonly readBinary?: (name: string, from: string) => Uint8Array | undefined) {
    this.bits = bits;
    this.x86_64 = x86_64;
    this.section = this.sectionState('.text');
    this.previous = this.section;
    this.out.push({ k: 'bits', bits, loc: { file: '', line: 1, column: 1, endColumn: 2 } });
  }

  // ---- locations and errors ----

  /** Source range of a token (or token range) of the current statement. */
  loc(t?: Token, t2?: Token): SourceLoc {
    const r = this.raw;
    if (r.colBase < 0 || !t) return r.loc;
    return { file: r.loc.file, line: r.loc.line, column: r.colBase + t.col + 1, endColumn: r.colBase + (t2 ?? t).end + 1, body: r.loc.body };
  }

  /** A hidden, unique symbol name for values the front end computes (alignment padding). */
  tmp(): string { return `..@gas.${++this.uniq}`; }

  emit(st: Statement): void { this.out.push(st); }

  // ---- StatementSink ----

  statement(s: RawStatement): void {
    this.raw = s;
    try {
      const floats = /(^|:)\s*\.(float|single|double|tfloat|ldouble|dc\.[sd])\b/i.test(s.text);
      const toks = tokenize(s.text, true, floats);
      if (!toks.length) return;
      this.parse(new Cursor(toks, (t, t2) => this.loc(t, t2)));
    } catch (e) {
      if (e instanceof GasSyntaxError) this.diag.error(e.loc, e.message);
      else if (e instanceof LexError) this.diag.error(s.colBase < 0 ? s.loc : { ...s.loc, column: s.colBase + e.col + 1, endColumn: s.colBase + Math.max(e.end, e.col + 1) + 1 }, e.message);
      else throw e;
    }
  }

  evaluate(text: string, s: RawStatement): bigint | undefined {
    this.raw = s;
    try {
      const toks = tokenize(text, true);
      // Columns: the expression follows the directive word in the statement.
      const off = s.text.indexOf(text);
      const c = new Cursor(toks.map((t) => ({ ...t, col: t.col + Math.max(0, off), end: t.end + Math.max(0, off) })), (t, t2) => this.loc(t, t2));
      if (c.atEnd()) { this.diag.error(s.loc, 'expected an expression'); return undefined; }
      const e = this.expr(c);
      if (!c.atEnd()) c.fail(`unexpected '${c.peek()!.s}' after the expression`);
      const v = this.constValue(e);
      if (v === undefined) { this.diag.error(s.loc, 'the expression must be a constant known at this point (no labels or later definitions)'); return undefined; }
      return v;
    } catch (e) {
      if (e instanceof GasSyntaxError) this.diag.error(e.loc, e.message);
      else if (e instanceof LexError) this.diag.error(s.loc, e.message);
      else throw e;
      return undefined;
    }
  }

  isDefined(name: string): boolean {
    return this.defined.has(name.trim());
  }

  /** Called once at the end: sets each section's alignment and reports dangling forward references. */
  finish(): void {
    for (const s of this.sections.values()) for (const st of s.stmts) st.attrs.align = s.align;
    for (const [name, r] of this.forwardRefs) {
      if (!this.defined.has(name)) this.diag.error(r.loc, `local label '${r.n}f' has no following definition of '${r.n}:'`);
    }
  }

  // ---- expressions ----

  /** Expression hooks: symbols get their current .set version, `.` is the location counter. */
  hooks(extra?: Partial<ExprHooks>): ExprHooks {
    return {
      symbol: (name, tok) => (name === '.' ? { k: 'here' } : { k: 'sym', name: this.current(name), loc: this.loc(tok) }),
      localRef: (tok) => this.localRef(tok),
      intel: this.syntax === 'intel',
      ...extra,
    };
  }

  expr(c: Cursor, extra?: Partial<ExprHooks>): Expr { return fold(parseExpr(c, this.hooks(extra))); }

  /** The value of an expression when it is known now (numbers and earlier absolute assignments). */
  constValue(e: Expr): bigint | undefined {
    const ctx: EvalContext = { lookup: (n) => this.consts.get(n), here: 0n, base: 0n, unknown: false };
    const has = (x: Expr): boolean => x.k === 'here' || x.k === 'base' || (x.k === 'un' && has(x.a)) || (x.k === 'bin' && (has(x.a) || has(x.b))) || (x.k === 'cond' && (has(x.c) || has(x.a) || has(x.b)));
    if (has(e)) return undefined;
    let bad = false;
    ctx.onError = () => { bad = true; };
    const v = evaluate(e, ctx);
    return ctx.unknown || bad ? undefined : v;
  }

  private current(name: string): string {
    const k = this.versions.get(name) ?? 0;
    return k <= 1 ? name : `..@set${k}.${name}`;
  }

  private localRef(tok: Token): Expr {
    const { n, dir } = tok.ref!;
    const count = this.numeric.get(n) ?? 0;
    if (dir === 'b') {
      if (count === 0) throw new GasSyntaxError(`local label '${n}b' refers back, but there is no '${n}:' before it`, this.loc(tok));
      return { k: 'sym', name: `..@L${n}.${count - 1}`, loc: this.loc(tok) };
    }
    const name = `..@L${n}.${count}`;
    if (!this.forwardRefs.has(name)) this.forwardRefs.set(name, { n, loc: this.loc(tok) });
    return { k: 'sym', name, loc: this.loc(tok) };
  }

  // ---- definitions ----

  defineLabel(name: string, tok: Token): void {
    if (this.defined.has(name) && !this.versions.has(name)) throw new GasSyntaxError(`symbol '${name}' is already defined`, this.loc(tok));
    this.defined.add(name);
    this.emit({ k: 'label', name, loc: this.loc(tok) });
  }

  /** `.set`, `.equ`, `=`: a new version of the symbol when it was assigned before. */
  assign(name: string, e: Expr, tok: Token, once = false): void {
    const loc = this.loc(tok);
    const k = this.versions.get(name) ?? 0;
    if (once && this.defined.has(name)) throw new GasSyntaxError(`symbol '${name}' is already defined`, loc);
    if (k === 0 && this.defined.has(name)) throw new GasSyntaxError(`symbol '${name}' is already defined as a label`, loc);
    this.versions.set(name, k + 1);
    const vname = this.current(name);
    this.defined.add(name);
    const v = this.constValue(e);
    if (v !== undefined) this.consts.set(vname, v);
    this.emit({ k: 'equ', name: vname, e, loc });
  }

  // ---- sections and modes ----

  sectionState(name: string, flags?: string, type?: string): SectionState {
    let s = this.sections.get(name);
    if (!s) {
      const nobits = type === 'nobits' || (type === undefined && (name === '.bss' || name.startsWith('.bss.') || name === '.tbss'));
      const code = flags !== undefined ? flags.includes('x') : name === '.text' || name.startsWith('.text.') || name === '.init' || name === '.fini';
      s = { name, code, nobits, align: 1, stmts: [] };
      this.sections.set(name, s);
    }
    return s;
  }

  /** Switches to a section, emitting the IR section statement. */
  switchSection(s: SectionState, loc: SourceLoc): void {
    this.previous = this.section;
    this.section = s;
    const attrs: SectionAttrs = { nobits: s.nobits };
    s.stmts.push({ attrs: attrs });
    this.emit({ k: 'section', name: s.name, attrs, loc });
  }

  setBits(bits: 16 | 32 | 64, loc: SourceLoc): void {
    this.bits = bits;
    this.emit({ k: 'bits', bits, loc });
  }

  // ---- statements ----

  private parse(c: Cursor): void {
    // Labels: `name:` and numeric `1:`, any number of them in front of a statement.
    for (;;) {
      const t = c.peek();
      const n = c.peek(1);
      if (!t || !n || n.t !== T.Op || n.s !== ':') break;
      if (t.t === T.Id && !(this.syntax === 'intel' && isSegmentName(t.s) && c.peek(2) && !c.isOp(':', 2))) {
        c.next(); c.next();
        this.defineLabel(t.s, t);
        continue;
      }
      if (t.t === T.Num && /^[0-9]+$/.test(t.s)) {
        c.next(); c.next();
        const key = String(BigInt(t.s));
        const k = this.numeric.get(key) ?? 0;
        this.numeric.set(key, k + 1);
        const name = `..@L${key}.${k}`;
        this.defined.add(name);
        this.emit({ k: 'label', name, loc: this.loc(t) });
        continue;
      }
      break;
    }
    if (c.atEnd()) return;
    const t = c.peek()!;
    // name = expr   /   name == expr
    if (t.t === T.Id && (c.isOp('=', 1) || c.isOp('==', 1))) {
      c.next(); const eqTok = c.next()!;
      if (c.atEnd()) c.fail(`'${t.s} ${eqTok.s}' needs a value`, eqTok);
      const e = this.expr(c);
      if (!c.atEnd()) c.fail(`unexpected '${c.peek()!.s}' after the value`);
      this.assign(t.s, e, t, eqTok.s === '==');
      return;
    }
    if (t.t === T.Id && t.s.startsWith('.') && t.s.length > 1) {
      const w = t.s.toLowerCase();
      if (isDirective(w)) { c.next(); directive(this, w, t, c); return; }
      c.fail(`unknown directive '${t.s}'`, t);
    }
    instruction(this, c);
  }
}

/** Segment register names (an Intel `es:` at the start of a statement is a prefix, not a label). */
function isSegmentName(s: string): boolean {
  return /^(es|cs|ss|ds|fs|gs)$/i.test(s);
}
