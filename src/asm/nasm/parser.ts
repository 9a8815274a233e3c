// NASM statement parser: turns preprocessed token lines into dialect-neutral statements (labels, directives, instructions, data).

import { fold, isConstant, type Expr } from '../expression';
import type { DiagnosticSink } from '../diagnostics';
import { lookupRegister, RegClass, type Register } from '../registers';
import type { DataItem, MemOperand, Operand, SectionAttrs, SizeSpec, Statement } from '../statement';
import { didYouMean } from '../suggest';
import type { SourceLoc } from '../types';
import { Cursor, parseExpr, SyntaxError_, type ExprHooks } from './expression-parser';
import { stringBytes, T, type Token } from './lexer';
import type { PpLine } from './preprocessor';

const SIZE_WORDS: Record<string, SizeSpec> = { byte: 1, word: 2, dword: 4, qword: 8, tword: 10, oword: 16, yword: 32 };
const DATA_UNITS: Record<string, 1 | 2 | 4 | 8 | 10 | 16 | 32> = { db: 1, dw: 2, dd: 4, dq: 8, dt: 10, do: 16, dy: 32 };
const RES_UNITS: Record<string, number> = { resb: 1, resw: 2, resd: 4, resq: 8, rest: 10, reso: 16, resy: 32 };
const PREFIXES = new Set(['lock', 'rep', 'repe', 'repz', 'repne', 'repnz', 'o16', 'o32', 'o64', 'a16', 'a32', 'a64', 'es', 'cs', 'ss', 'ds', 'fs', 'gs', 'xacquire', 'xrelease', 'bnd', 'nobnd']);
const DIRECTIVES = new Set(['bits', 'use16', 'use32', 'use64', 'section', 'segment', 'org', 'global', 'extern', 'common', 'static', 'default', 'absolute', 'cpu', 'align', 'alignb', 'struc', 'endstruc', 'istruc', 'at', 'iend', 'incbin', 'sectalign', 'float', 'warning', 'list', 'map', 'required']);
/** Prefix of the synthetic symbol names that stand for registers inside memory-operand expressions. */
const REG_MARK = '\u0000reg:';
const NO_LOC: SourceLoc = { file: '', line: 0, column: 0, endColumn: 0 };

/** Marker expression for a register inside brackets (one shared node per register: the nodes are never changed). */
const REG_EXPRS = new Map<string, Expr>();
function regExpr(name: string): Expr {
  let e = REG_EXPRS.get(name);
  if (!e) { e = { k: 'sym', name: REG_MARK + name, loc: NO_LOC }; REG_EXPRS.set(name, e); }
  return e;
}

/** What a word can be, as bit flags (one table lookup instead of one set per kind). */
const W_MNEMONIC = 1, W_PREFIX = 2, W_DIRECTIVE = 4, W_DATA = 8, W_RES = 16, W_OTHER_KEYWORD = 32;
const W_KEYWORD = W_MNEMONIC | W_PREFIX | W_DIRECTIVE | W_DATA | W_RES | W_OTHER_KEYWORD;
const STATIC_WORDS = new Map<string, number>();
for (const w of PREFIXES) STATIC_WORDS.set(w, (STATIC_WORDS.get(w) ?? 0) | W_PREFIX);
for (const w of DIRECTIVES) STATIC_WORDS.set(w, (STATIC_WORDS.get(w) ?? 0) | W_DIRECTIVE);
for (const w of Object.keys(DATA_UNITS)) STATIC_WORDS.set(w, (STATIC_WORDS.get(w) ?? 0) | W_DATA);
for (const w of Object.keys(RES_UNITS)) STATIC_WORDS.set(w, (STATIC_WORDS.get(w) ?? 0) | W_RES);
for (const w of ['times', 'equ', 'incbin']) STATIC_WORDS.set(w, (STATIC_WORDS.get(w) ?? 0) | W_OTHER_KEYWORD);

/** A word as written and what it is: its lower-case spelling (shared by every occurrence) and its kinds. */
interface WordInfo { lower: string; flags: number }

/**
 * A constant instruction line as parsed once: what every later line with the same text becomes.
 * `cols`: column and end column of the instruction, then of each operand. `shared`: the statement
 * the later lines of one file share (layout learns their line numbers from `NasmParser.sharedLines`).
 */
interface ParsedInsn { mnem: string; prefixes: string[]; ops: Operand[]; cols: Int32Array; key: string | undefined; shared: Statement | undefined }

/** Instructions without prefixes share one (never modified) prefix list. */
const NO_PREFIXES: string[] = Object.freeze([]) as unknown as string[];

/** The statement of the lines with a known constant instruction text in `file`: located at `line`, the first of them. */
function sharedInsn(p: ParsedInsn, file: string, line: number): Statement {
  const cols = p.cols;
  const ops: Operand[] = new Array(p.ops.length);
  for (let i = 0; i < ops.length; i++) ops[i] = { ...p.ops[i], loc: { file, line, column: cols[2 + 2 * i], endColumn: cols[3 + 2 * i] } };
  return { k: 'insn', mnem: p.mnem, prefixes: p.prefixes, ops, loc: { file, line, column: cols[0], endColumn: cols[1] }, key: p.key, constant: true };
}

/** Parses NASM lines into statements; keeps the local-label base and struc/istruc state between lines. */
export class NasmParser {
  private lastLabel = '';
  private strucStack: { name: string; prevLabel: string }[] = [];
  private istrucStack: { name: string; start: string }[] = [];
  private uniq = 0;
  private line!: PpLine;
  /** Words seen so far, by their spelling in the source. */
  private readonly words = new Map<string, WordInfo>();
  /** Instruction keys, shared by every instruction with the same text. */
  private readonly keys = new Map<string, string>();
  /** One cursor for every line (lines are parsed one at a time). */
  private readonly cursor: Cursor;
  private readonly exprHooks: ExprHooks;
  private readonly memHooks: ExprHooks;
  private readonly opsBuf: Operand[] = [];
  private readonly suggestions = new Map<string, string>();
  /** See `sharedLines`. */
  private lines = new Int32Array(0);

  constructor(
    private readonly diag: DiagnosticSink,
    private readonly isMnemonic: (m: string) => boolean,
    private readonly mnemonics: () => Iterable<string>,
    private readonly readBinary?: (name: string) => Uint8Array | undefined,
  ) {
    this.cursor = new Cursor([], (t) => this.loc(t));
    this.exprHooks = this.hooks(false);
    this.memHooks = this.hooks(true);
  }

  /** " (did you mean 'x'?)" for a word that is not an instruction; the same word gets the same answer. */
  private suggestMnemonic(w: string): string {
    let s = this.suggestions.get(w);
    if (s === undefined) { s = didYouMean(w, this.mnemonics()); this.suggestions.set(w, s); }
    return s;
  }

  /** The lower-case spelling and kinds of a word. */
  private word(s: string): WordInfo {
    let w = this.words.get(s);
    if (w === undefined) {
      const lower = s.toLowerCase();
      const known = lower === s ? undefined : this.words.get(lower);
      if (known) w = known;
      else {
        let flags = STATIC_WORDS.get(lower) ?? 0;
        if (this.isMnemonic(lower)) flags |= W_MNEMONIC;
        w = { lower, flags };
        // Only keywords are kept: other words (labels, symbols) are mostly seen once or twice.
        if (flags === 0) return w;
        if (lower !== s) this.words.set(lower, w);
      }
      this.words.set(s, w);
    }
    return w;
  }

  private loc(t: Token | undefined, t2?: Token): SourceLoc {
    const l = this.line;
    const body = l.body;
    if (l.fixedCols) return { file: l.file, line: l.line, column: l.fixedCols.col + 1, endColumn: l.fixedCols.end + 1, body };
    if (!t) {
      const last = l.tokens[l.tokens.length - 1];
      const c = last ? last.end : 0;
      return { file: l.file, line: l.line, column: c + 1, endColumn: c + 2 };
    }
    return { file: l.file, line: l.line, column: t.col + 1, endColumn: (t2 ?? t).end + 1 };
  }

  /** Parses one preprocessed line and appends its statements. */
  parseLine(line: PpLine, out: Statement[]): void {
    this.line = line;
    if (line.frame) {
      out.push({ k: 'frame', reg: line.frame.reg, args: line.frame.args, locals: line.frame.locals, loc: this.loc(undefined) });
      return;
    }
    if (line.frameEnd) { out.push({ k: 'frameEnd', loc: this.loc(undefined) }); return; }
    const toks = line.tokens;
    if (toks.length === 0) return;
    // A line of source text (not a macro expansion) met before: the preprocessor's record of the text
    // keeps what the line became when it is a constant instruction (null when it is not). Only lines
    // that start with an instruction or prefix word are kept (labels and directives never are).
    const record = line.fixedCols === undefined ? line.plain : undefined;
    let known = record !== undefined ? record.parsed as ParsedInsn | null | undefined : null;
    if (known) { this.reuse(known, line, out); return; }
    if (known === undefined) {
      const t0 = toks[0];
      if (t0.t !== T.Id || (this.word(t0.s).flags & (W_MNEMONIC | W_PREFIX)) === 0) { record!.parsed = null; known = null; }
    }
    const c = this.cursor;
    c.toks = toks;
    c.pos = 0;
    const before = out.length;
    const diagBefore = this.diag.list.length;
    try {
      this.statement(c, out);
    } catch (e) {
      if (e instanceof SyntaxError_) this.diag.error(e.loc, e.message);
      else throw e;
    }
    if (known === undefined) record!.parsed = out.length === before + 1 && this.diag.list.length === diagBefore ? constantInsn(out[before]) : null;
  }

  /** Appends the statement of a known constant instruction line (shared with the other lines of its text). */
  private reuse(p: ParsedInsn, line: PpLine, out: Statement[]): void {
    let st = p.shared;
    if (st === undefined || st.loc.file !== line.file) { st = sharedInsn(p, line.file, line.line); p.shared = st; }
    const i = out.length;
    out.push(st);
    if (i >= this.lines.length) {
      const grown = new Int32Array(Math.max(1024, this.lines.length * 2, i + 1));
      grown.set(this.lines);
      this.lines = grown;
    }
    this.lines[i] = line.line;
  }

  /**
   * The line of each statement index that holds a shared statement (0 for the others): several lines
   * with the same constant instruction text share one statement object, whose location is the first's.
   */
  sharedLines(): Int32Array { return this.lines; }

  private qualify(name: string): string {
    if (name.startsWith('.') && !name.startsWith('..')) return this.lastLabel + name;
    return name;
  }

  private defineLabel(name: string, tok: Token, out: Statement[]): void {
    const q = this.qualify(name);
    if (!name.startsWith('.') && !name.startsWith('..@')) this.lastLabel = name;
    out.push({ k: 'label', name: q, loc: this.loc(tok) });
  }

  private hooks(mem: boolean): ExprHooks {
    return {
      symbol: (name, tok) => ({ k: 'sym', name: this.qualify(name), loc: this.loc(tok) }),
      register: (name, tok) => {
        const r = lookupRegister(name);
        if (!r) return undefined;
        if (!mem) throw new SyntaxError_(`register '${name}' cannot be used in an expression here`, this.loc(tok));
        return regExpr(name);
      },
    };
  }

  private expr(c: Cursor): Expr { return fold(parseExpr(c, this.exprHooks)); }

  private statement(c: Cursor, out: Statement[]): void {
    const t0 = c.peek()!;
    // [directive ...] raw form
    if (t0.t === T.Op && t0.s === '[') {
      const t1 = c.peek(1);
      if (t1 && t1.t === T.Id && DIRECTIVES.has(t1.s.toLowerCase())) {
        const last = c.toks[c.toks.length - 1];
        if (!(last.t === T.Op && last.s === ']')) throw new SyntaxError_("missing ']' after directive", this.loc(last));
        const inner = new Cursor(c.toks.slice(1, -1), c.locOf);
        this.directive(inner, out);
        return;
      }
    }
    if (t0.t !== T.Id) {
      if (t0.t === T.PpParam || t0.t === T.PpLocal || t0.t === T.PpBrace) throw new SyntaxError_(`'${t0.s}' can only be used inside a macro`, this.loc(t0));
      throw new SyntaxError_(`expected a label or an instruction, found '${t0.s}'`, this.loc(t0));
    }
    const w0 = this.word(t0.s).lower;
    const keyword = !t0.q && this.isKeyword(w0);
    if (!keyword) {
      // A label, with or without colon, or an equ.
      c.next();
      const hasColon = c.eatOp(':');
      const nt = c.peek();
      if (nt && nt.t === T.Id && nt.s.length === 3 && nt.s.toLowerCase() === 'equ') {
        c.next();
        const e = this.expr(c);
        this.expectEnd(c);
        out.push({ k: 'equ', name: this.qualify(t0.s), e, loc: this.loc(t0) });
        return;
      }
      if (!hasColon && nt && !(nt.t === T.Id && this.isKeyword(this.word(nt.s).lower))) {
        if (lookupRegister(w0)) throw new SyntaxError_(`'${t0.s}' is a register, not an instruction`, this.loc(t0));
        throw new SyntaxError_(`unknown instruction '${t0.s}'${this.suggestMnemonic(w0)}`, this.loc(t0));
      }
      if (!hasColon && !nt && (lookupRegister(w0))) throw new SyntaxError_(`'${t0.s}' is a register, not a label or an instruction`, this.loc(t0));
      if (!hasColon && !nt) {
        const sugg = this.suggestMnemonic(w0);
        if (sugg) this.diag.warning(this.loc(t0), `label alone on a line without a colon: '${t0.s}'${sugg}`);
      }
      this.defineLabel(t0.s, t0, out);
      if (c.atEnd()) return;
    }
    this.afterLabel(c, out);
  }

  private isKeyword(w: string): boolean {
    return (this.word(w).flags & W_KEYWORD) !== 0;
  }

  private expectEnd(c: Cursor): void {
    if (!c.atEnd()) {
      const t = c.peek()!;
      throw new SyntaxError_(`unexpected '${t.s}' at end of line`, this.loc(t));
    }
  }

  private afterLabel(c: Cursor, out: Statement[]): void {
    const t = c.peek()!;
    if (t.t !== T.Id) throw new SyntaxError_(`expected an instruction, found '${t.s}'`, this.loc(t));
    const wi = this.word(t.s);
    const w = wi.lower;
    if ((wi.flags & W_MNEMONIC) !== 0 && (wi.flags & (W_DATA | W_RES | W_DIRECTIVE | W_OTHER_KEYWORD)) === 0) { this.instruction(c, out); return; }
    if (w === 'times') {
      c.next();
      const count = this.expr(c);
      const inner: Statement[] = [];
      if (c.atEnd()) throw new SyntaxError_("'times' needs an instruction or data to repeat", this.loc(t));
      this.afterLabel(c, inner);
      if (inner.length !== 1) throw new SyntaxError_("'times' repeats exactly one instruction or data directive", this.loc(t));
      out.push({ k: 'times', count, body: inner[0], loc: this.loc(t, c.toks[c.toks.length - 1]) });
      return;
    }
    if (w === 'equ') throw new SyntaxError_("'equ' needs a label in front of it", this.loc(t));
    if (w in DATA_UNITS) { c.next(); out.push(this.data(c, DATA_UNITS[w], t)); return; }
    if (w in RES_UNITS) {
      c.next();
      const count = this.expr(c);
      this.expectEnd(c);
      out.push({ k: 'res', unit: RES_UNITS[w], count, loc: this.loc(t, c.toks[c.toks.length - 1]) });
      return;
    }
    if (DIRECTIVES.has(w) && !this.isMnemonic(w)) { this.directive(c, out); return; }
    this.instruction(c, out);
  }

  private data(c: Cursor, unit: 1 | 2 | 4 | 8 | 10 | 16 | 32, t: Token): Statement {
    if (c.atEnd()) throw new SyntaxError_(`'${t.s}' needs at least one value`, this.loc(t));
    const bytes = literalBytes(c.toks, c.pos, unit);
    if (bytes !== null) {
      c.pos = c.toks.length;
      return { k: 'data', unit, items: [{ k: 'bytes', b: bytes }], loc: this.loc(t, c.toks[c.toks.length - 1]) };
    }
    const items: DataItem[] = [];
    for (;;) {
      const p = c.peek()!;
      const nx = c.peek(1);
      const endsItem = !nx || (nx.t === T.Op && nx.s === ',');
      if (p.t === T.Str && endsItem) {
        c.next();
        const b = stringBytes(p.s);
        // Strings are padded to a multiple of the unit size.
        const padded = unit > 1 && b.length % unit ? new Uint8Array(b.length + unit - (b.length % unit)) : b;
        if (padded !== b) padded.set(b);
        items.push({ k: 'bytes', b: padded });
      } else if (p.t === T.Float && endsItem) {
        c.next();
        items.push({ k: 'float', v: p.f!, loc: this.loc(p) });
      } else if (p.t === T.Op && p.s === '-' && nx && nx.t === T.Float && (!c.peek(2) || c.isOp(',', 2))) {
        c.next(); c.next();
        items.push({ k: 'float', v: -nx.f!, loc: this.loc(p, nx) });
      } else if (p.t === T.Op && p.s === '?') {
        c.next();
        items.push({ k: 'expr', e: { k: 'num', v: 0n }, loc: this.loc(p) });
      } else {
        const start = c.pos;
        const e = this.expr(c);
        items.push({ k: 'expr', e, loc: this.loc(c.toks[start], c.toks[c.pos - 1]) });
      }
      if (c.atEnd()) break;
      if (!c.eatOp(',')) throw new SyntaxError_(`expected ',' between values, found '${c.peek()!.s}'`, c.here());
      if (c.atEnd()) throw new SyntaxError_("expected a value after ','", c.here());
    }
    return { k: 'data', unit, items, loc: this.loc(t, c.toks[c.toks.length - 1]) };
  }

  // ---- directives ----

  private directive(c: Cursor, out: Statement[]): void {
    const t = c.next()!;
    const w = t.s.toLowerCase();
    const loc = this.loc(t, c.toks[c.toks.length - 1]);
    switch (w) {
      case 'bits': {
        const e = this.expr(c);
        const v = e.k === 'num' ? Number(e.v) : 0;
        if (v !== 16 && v !== 32 && v !== 64) throw new SyntaxError_("'bits' must be 16, 32 or 64", loc);
        out.push({ k: 'bits', bits: v, loc });
        return;
      }
      case 'use16': out.push({ k: 'bits', bits: 16, loc }); return;
      case 'use32': out.push({ k: 'bits', bits: 32, loc }); return;
      case 'use64': out.push({ k: 'bits', bits: 64, loc }); return;
      case 'section': case 'segment': {
        const n = c.next();
        if (!n) throw new SyntaxError_(`'${w}' needs a section name`, loc);
        const attrs: SectionAttrs = {};
        while (!c.atEnd()) {
          const a = c.next()!;
          const an = a.s.toLowerCase();
          if (an === 'nobits') attrs.nobits = true;
          else if (an === 'progbits') attrs.nobits = false;
          else if ((an === 'align' || an === 'start' || an === 'vstart' || an === 'follows' || an === 'vfollows') && c.eatOp('=')) {
            if (an === 'follows' || an === 'vfollows') { attrs.follows = c.next()?.s; continue; }
            const e = this.expr(c);
            if (an === 'align') {
              if (e.k !== 'num' || e.v <= 0n || (e.v & (e.v - 1n)) !== 0n) throw new SyntaxError_('section alignment must be a power of two', this.loc(a));
              attrs.align = Number(e.v);
            } else if (an === 'start') attrs.start = e;
            else attrs.vstart = e;
          }
          // other attributes (exec, write, alloc...) mean nothing in a flat binary
        }
        out.push({ k: 'section', name: n.s, attrs, loc });
        this.lastLabel = this.lastLabel; // local-label base is kept across sections, as in NASM
        return;
      }
      case 'org': out.push({ k: 'org', e: this.expr(c), loc }); this.expectEnd(c); return;
      case 'global': case 'static': case 'common': case 'required':
        out.push({ k: 'global', names: this.nameList(c), loc });
        return;
      case 'extern':
        out.push({ k: 'extern', names: this.nameList(c), loc });
        return;
      case 'default': {
        const a = (c.next()?.s ?? '').toLowerCase();
        if (a === 'rel') out.push({ k: 'default', rel: true, loc });
        else if (a === 'abs') out.push({ k: 'default', rel: false, loc });
        else if (a === 'bnd' || a === 'nobnd') { /* MPX: nothing to do */ }
        else throw new SyntaxError_("'default' expects rel or abs", loc);
        return;
      }
      case 'absolute': out.push({ k: 'absolute', at: this.expr(c), loc }); return;
      case 'cpu': case 'warning': case 'list': case 'map': case 'float': case 'sectalign': return;
      case 'align': case 'alignb': {
        const to = this.expr(c);
        let fill: 'nop' | 'zero' | 'reserve' = w === 'alignb' ? 'reserve' : 'nop';
        if (c.eatOp(',')) {
          const f = (c.next()?.s ?? '').toLowerCase();
          if (f === 'db' || f === 'dw' || f === 'dd') {
            const v = c.atEnd() ? null : this.expr(c);
            if (v && !(v.k === 'num' && v.v === 0n)) throw new SyntaxError_('only zero or NOP fill is supported for align', loc);
            fill = 'zero';
          } else if (f === 'resb') fill = 'reserve';
          else if (f !== 'nop') throw new SyntaxError_(`unsupported fill '${f}' for align`, loc);
        }
        out.push({ k: 'align', to, fill, loc });
        return;
      }
      case 'struc': {
        const n = c.next();
        if (!n || n.t !== T.Id) throw new SyntaxError_("'struc' needs a structure name", loc);
        let at: Expr = { k: 'num', v: 0n };
        if (c.eatOp(',')) at = this.expr(c);
        this.strucStack.push({ name: n.s, prevLabel: this.lastLabel });
        out.push({ k: 'strucBegin', name: n.s, loc });
        out.push({ k: 'absolute', at, loc });
        this.defineLabel(n.s, n, out);
        return;
      }
      case 'endstruc': {
        const s = this.strucStack.pop();
        if (!s) throw new SyntaxError_("'endstruc' without 'struc'", loc);
        out.push({ k: 'equ', name: `${s.name}_size`, e: { k: 'bin', op: '-', a: { k: 'here' }, b: { k: 'sym', name: s.name, loc } }, loc });
        out.push({ k: 'strucEnd', name: s.name, loc });
        out.push({ k: 'section', name: '', attrs: {}, loc }); // back to the section before struc
        return;
      }
      case 'istruc': {
        const n = c.next();
        if (!n || n.t !== T.Id) throw new SyntaxError_("'istruc' needs a structure name", loc);
        const start = `..@istruc${++this.uniq}`;
        this.istrucStack.push({ name: n.s, start });
        out.push({ k: 'label', name: start, loc });
        return;
      }
      case 'at': {
        const s = this.istrucStack[this.istrucStack.length - 1];
        if (!s) throw new SyntaxError_("'at' outside 'istruc'", loc);
        const ft = c.peek();
        const field = this.expr(c);
        // times (field - struc) - ($ - start) db 0
        const pad: Expr = {
          k: 'bin', op: '-', a: { k: 'bin', op: '-', a: field, b: { k: 'sym', name: s.name, loc } },
          b: { k: 'bin', op: '-', a: { k: 'here' }, b: { k: 'sym', name: s.start, loc } }, loc: this.loc(ft),
        };
        out.push({ k: 'times', count: pad, body: { k: 'data', unit: 1, items: [{ k: 'expr', e: { k: 'num', v: 0n }, loc }], loc }, loc });
        if (c.eatOp(',')) { if (!c.atEnd()) this.afterLabel(c, out); }
        return;
      }
      case 'iend': {
        const s = this.istrucStack.pop();
        if (!s) throw new SyntaxError_("'iend' without 'istruc'", loc);
        const pad: Expr = { k: 'bin', op: '-', a: { k: 'sym', name: `${s.name}_size`, loc }, b: { k: 'bin', op: '-', a: { k: 'here' }, b: { k: 'sym', name: s.start, loc } }, loc };
        out.push({ k: 'times', count: pad, body: { k: 'data', unit: 1, items: [{ k: 'expr', e: { k: 'num', v: 0n }, loc }], loc }, loc });
        return;
      }
      case 'incbin': {
        const f = c.next();
        if (!f || f.t !== T.Str) throw new SyntaxError_("'incbin' expects a quoted file name", loc);
        const data = this.readBinary?.(f.s);
        if (!data) throw new SyntaxError_(`cannot read '${f.s}' for incbin`, loc);
        let skip = 0; let len = data.length;
        if (c.eatOp(',')) { const e = this.expr(c); skip = e.k === 'num' ? Number(e.v) : 0; }
        if (c.eatOp(',')) { const e = this.expr(c); len = e.k === 'num' ? Number(e.v) : len; }
        out.push({ k: 'incbin', data: data.subarray(skip, skip + len), loc });
        return;
      }
    }
    throw new SyntaxError_(`unsupported directive '${t.s}'`, loc);
  }

  private nameList(c: Cursor): string[] {
    const names: string[] = [];
    while (!c.atEnd()) {
      const n = c.next()!;
      if (n.t === T.Id) names.push(this.qualify(n.s));
      // skip ":function" style qualifiers and commas
      if (c.eatOp(':')) c.next();
      c.eatOp(',');
    }
    return names;
  }

  // ---- instructions ----

  private instruction(c: Cursor, out: Statement[]): void {
    let prefixes: string[] = NO_PREFIXES;
    let t = c.next()!;
    let wi = this.word(t.s);
    let w = wi.lower;
    const first = t;
    const firstIndex = c.pos - 1;
    while ((wi.flags & W_PREFIX) !== 0) {
      if (prefixes === NO_PREFIXES) prefixes = [];
      prefixes.push(w);
      const n = c.peek();
      if (!n) {
        // A prefix alone on a line is emitted as a bare prefix byte.
        out.push({ k: 'insn', mnem: '', prefixes, ops: [], loc: this.loc(first, t) });
        return;
      }
      if (n.t !== T.Id) throw new SyntaxError_(`expected an instruction after prefix '${w}'`, this.loc(n));
      t = c.next()!;
      wi = this.word(t.s);
      w = wi.lower;
    }
    if ((wi.flags & W_MNEMONIC) === 0) {
      if (w in DATA_UNITS || w in RES_UNITS || w === 'times') throw new SyntaxError_(`'${w}' cannot follow an instruction prefix`, this.loc(t));
      throw new SyntaxError_(`unknown instruction '${t.s}'${this.suggestMnemonic(w)}`, this.loc(t));
    }
    const buf = this.opsBuf;
    buf.length = 0;
    if (!c.atEnd()) {
      for (;;) {
        buf.push(this.operand(c));
        if (c.atEnd()) break;
        if (!c.eatOp(',')) throw new SyntaxError_(`expected ',' between operands, found '${c.peek()!.s}'`, c.here());
      }
    }
    // An exact-size copy: statements live until the end of the assembly.
    const ops = buf.slice();
    const last = c.toks[c.toks.length - 1];
    // Layout only shares the encoding of constant instructions: others need no key.
    const key = ops.every(operandIsConstant) ? this.instructionKey(c.toks, firstIndex) : undefined;
    out.push({ k: 'insn', mnem: w, prefixes, ops, loc: this.loc(first, last), key });
  }

  /**
   * The text of the instruction for the layout's encoding cache. When the tokens are the source line's
   * own, the line text from the first token on is the key (a key never ends in a space); otherwise the
   * tokens joined with spaces (which always ends in one), so the two kinds never collide.
   */
  private instructionKey(toks: Token[], from: number): string {
    const text = this.line.text;
    let key: string;
    if (text !== undefined) key = text.slice(toks[from].col, toks[toks.length - 1].end);
    else {
      key = '';
      for (let k = from; k < toks.length; k++) { const tk = toks[k]; key += tk.t === T.Str ? tk.q! + tk.s + tk.q! : tk.s; key += ' '; }
    }
    const shared = this.keys.get(key);
    if (shared !== undefined) return shared;
    this.keys.set(key, key);
    return key;
  }

  private operand(c: Cursor): Operand {
    const start = c.peek()!;
    let size: SizeSpec = 0;
    let strict = false;
    let jump: 'short' | 'near' | 'far' | undefined;
    for (;;) {
      const t = c.peek();
      if (!t || t.t !== T.Id || t.q) break;
      const w = t.s.toLowerCase();
      if (maybeSizeWord(w) && w in SIZE_WORDS) { size = SIZE_WORDS[w]; c.next(); continue; }
      if (w === 'strict') { strict = true; c.next(); continue; }
      if (w === 'short' || w === 'near' || w === 'far') { jump = w; c.next(); continue; }
      if (w === 'to') { c.next(); continue; }
      break;
    }
    const t = c.peek();
    if (!t) throw new SyntaxError_('expected an operand', this.loc(start));
    // Segment override before brackets: fs:[rax]
    if (t.t === T.Id && !t.q) {
      const r = lookupRegister(t.s.toLowerCase());
      if (r && r.cls === RegClass.Seg && c.isOp(':', 1) && c.isOp('[', 2)) {
        c.next(); c.next();
        const m = this.memory(c, size, strict, jump === 'far', start);
        m.seg = r.num;
        return m;
      }
      if (r && !c.isOp(':', 1)) {
        const nx = c.peek(1);
        if (!nx || (nx.t === T.Op && nx.s === ',')) {
          c.next();
          if (size && size !== r.size && r.cls === RegClass.Gpr) throw new SyntaxError_(`operand size mismatch: '${t.s}' is a ${r.size * 8}-bit register but ${sizeName(size)} was given`, this.loc(start, t));
          return { k: 'reg', reg: r, loc: this.loc(start, t) };
        }
      }
    }
    if (t.t === T.Op && t.s === '[') return this.memory(c, size, strict, jump === 'far', start);
    const e = this.expr(c);
    if (c.isOp(':')) {
      c.next();
      const off = this.expr(c);
      return { k: 'far', seg: e, off, size, loc: this.loc(start, c.toks[c.pos - 1]) };
    }
    return { k: 'imm', expr: e, size, strict, jump, loc: this.loc(start, c.toks[c.pos - 1]) };
  }

  private memory(c: Cursor, size: SizeSpec, strict: boolean, far: boolean, start: Token): MemOperand {
    const open = c.next()!; // '['
    let seg = -1;
    let dispSize: 0 | 1 | 2 | 4 | 8 = 0;
    let rel: boolean | undefined;
    let nosplit = false;
    for (;;) {
      const t = c.peek();
      if (!t || t.t !== T.Id || t.q) break;
      const w = t.s.toLowerCase();
      if (w === 'byte') dispSize = 1;
      else if (w === 'word') dispSize = 2;
      else if (w === 'dword') dispSize = 4;
      else if (w === 'qword') dispSize = 8;
      else if (w === 'rel') rel = true;
      else if (w === 'abs') rel = false;
      else if (w === 'nosplit') nosplit = true;
      else {
        const r = lookupRegister(w);
        if (r && r.cls === RegClass.Seg && c.isOp(':', 1)) { seg = r.num; c.next(); c.next(); continue; }
        break;
      }
      c.next();
    }
    const e = parseExpr(c, this.memHooks);
    const close = c.next();
    if (!close || close.t !== T.Op || close.s !== ']') throw new SyntaxError_("expected ']' to close the memory operand", close ? this.loc(close) : this.loc(open));
    const loc = this.loc(start, close);
    const { lin, rest } = linearize(e, loc);
    let base: Register | null = null;
    let index: Register | null = null;
    let scale: 1 | 2 | 4 | 8 = 1;
    const regs: [string, number][] = [];
    for (let i = 0; i < lin.names.length; i++) if (lin.coefs[i] !== 0) regs.push([lin.names[i], lin.coefs[i]]);
    for (const [name, k] of regs) {
      const r = lookupRegister(name)!;
      if (r.cls !== RegClass.Gpr && r.cls !== RegClass.Rip) throw new SyntaxError_(`register '${name}' cannot be used in a memory address`, loc);
      if (r.size === 1) throw new SyntaxError_(`8-bit register '${name}' cannot be used in a memory address`, loc);
    }
    if (regs.length > 2) throw new SyntaxError_('too many registers in the memory address', loc);
    if (regs.length === 1) {
      const [name, k] = regs[0];
      const r = lookupRegister(name)!;
      if (k === 1 && !nosplit) base = r;
      else if (k === 1) { index = r; scale = 1; }
      else if (!nosplit && (k === 2 || k === 3 || k === 5 || k === 9)) { base = r; index = r; scale = (k - 1) as 1 | 2 | 4 | 8; }
      else if (k === 2 || k === 4 || k === 8) { index = r; scale = k; }
      else throw new SyntaxError_(`invalid scale ${k} (use 1, 2, 4 or 8)`, loc);
    } else if (regs.length === 2) {
      let [[n1, k1], [n2, k2]] = regs;
      if (k1 !== 1 && k2 === 1) { [n1, k1, n2, k2] = [n2, k2, n1, k1]; }
      if (k1 !== 1) throw new SyntaxError_('only one register of a memory address can be scaled', loc);
      if (k2 !== 1 && k2 !== 2 && k2 !== 4 && k2 !== 8) throw new SyntaxError_(`invalid scale ${k2} (use 1, 2, 4 or 8)`, loc);
      base = lookupRegister(n1)!;
      index = lookupRegister(n2)!;
      scale = k2 as 1 | 2 | 4 | 8;
    }
    if (regs.length && regs.some(([, k]) => k < 0)) throw new SyntaxError_('a register cannot be subtracted in a memory address', loc);
    return { k: 'mem', size, seg, base, index, scale, disp: rest ? fold(rest) : null, dispSize, rel, nosplit, far, strict, loc };
  }
}

/** True when an operand's value cannot depend on symbols or `$`. */
function operandIsConstant(o: Operand): boolean {
  if (o.k === 'reg') return true;
  if (o.k === 'imm') return isConstant(o.expr);
  if (o.k === 'far') return isConstant(o.seg) && isConstant(o.off);
  return o.disp === null || isConstant(o.disp);
}

/** The reusable form of an instruction statement whose operands hold no symbol, `$` or unfolded operation. */
function constantInsn(st: Statement): ParsedInsn | null {
  if (st.k !== 'insn' || st.loc.body !== undefined) return null;
  const cols = new Int32Array(2 + 2 * st.ops.length);
  cols[0] = st.loc.column; cols[1] = st.loc.endColumn;
  for (let i = 0; i < st.ops.length; i++) {
    const o = st.ops[i];
    if (o.k === 'imm') { if (o.expr.k !== 'num') return null; }
    else if (o.k === 'mem') { if (o.disp !== null && o.disp.k !== 'num') return null; }
    else if (o.k !== 'reg') return null;
    if (o.loc.body !== undefined) return null;
    cols[2 + 2 * i] = o.loc.column; cols[3 + 2 * i] = o.loc.endColumn;
  }
  return { mnem: st.mnem, prefixes: st.prefixes, ops: st.ops, cols, key: st.key, shared: undefined };
}

/**
 * The bytes of a data list made only of numbers and strings (`1, 2, "ab", 0`) that all fit the unit
 * (values that would be truncated need their warning: they take the general path), or null.
 */
function literalBytes(toks: Token[], from: number, unit: number): number[] | null {
  if (unit !== 1 && unit !== 2 && unit !== 4 && unit !== 8) return null;
  const out: number[] = [];
  for (let i = from; i < toks.length; i += 2) {
    const t = toks[i];
    const sep = toks[i + 1];
    if (sep !== undefined && !(sep.t === T.Op && sep.s === ',' && i + 2 < toks.length)) return null;
    if (t.t === T.Num) {
      const v = t.v!;
      if (unit === 8) {
        let x = BigInt.asUintN(64, v);
        for (let k = 0; k < 8; k++) { out.push(Number(x & 0xffn)); x >>= 8n; }
        continue;
      }
      const lim = 2 ** (unit * 8);
      if (v < -0x80000000n || v > 0xffffffffn) return null;
      const x = Number(v);
      if (x >= lim || x < -(lim / 2)) return null;
      for (let k = 0; k < unit; k++) out.push((x >>> (8 * k)) & 0xff);
    } else if (t.t === T.Str) {
      const b = stringBytes(t.s);
      for (let k = 0; k < b.length; k++) out.push(b[k]);
      // Strings are padded to a multiple of the unit size.
      for (let k = b.length % unit ? unit - (b.length % unit) : 0; k > 0; k--) out.push(0);
    } else return null;
  }
  return out;
}

/**
 * False for words that cannot be `in SIZE_WORDS` (saves the lookup for registers and symbols): the
 * size words have 4 or 5 letters, and of the names `in` also finds on Object.prototype only
 * 'constructor' and '__proto__' are lower-case.
 */
function maybeSizeWord(w: string): boolean {
  const n = w.length;
  return n === 4 || n === 5 || n === 9 || n === 11;
}

function sizeName(s: number): string {
  return ({ 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 10: 'tword', 16: 'oword', 32: 'yword' } as Record<number, string>)[s] ?? `${s}-byte`;
}

/** Register coefficients of an address in first-seen order (parallel arrays), filled by `walk`. */
interface Linear { names: string[]; coefs: number[]; loc: SourceLoc }

/** Splits an address expression into register coefficients and the rest (the displacement). */
function linearize(e: Expr, loc: SourceLoc): { lin: Linear; rest: Expr | null } {
  const lin: Linear = { names: [], coefs: [], loc };
  const rest = walk(lin, e, 1);
  return { lin, rest };
}

function hasReg(x: Expr): boolean {
  switch (x.k) {
    case 'sym': return x.name.charCodeAt(0) === 0 && x.name.startsWith(REG_MARK);
    case 'un': return hasReg(x.a);
    case 'bin': return hasReg(x.a) || hasReg(x.b);
    case 'cond': return hasReg(x.c) || hasReg(x.a) || hasReg(x.b);
    default: return false;
  }
}

function addTerms(a: Expr | null, b: Expr | null): Expr | null {
  if (!b) return a;
  if (!a) return b;
  return { k: 'bin', op: '+', a, b };
}

function walk(lin: Linear, x: Expr, k: number): Expr | null {
  if (!hasReg(x)) return k === 1 ? x : k === -1 ? { k: 'un', op: '-', a: x } : { k: 'bin', op: '*', a: x, b: { k: 'num', v: BigInt(k) } };
  if (x.k === 'sym') {
    const n = x.name.slice(REG_MARK.length);
    const i = lin.names.indexOf(n);
    if (i < 0) { lin.names.push(n); lin.coefs.push(k); } else lin.coefs[i] += k;
    return null;
  }
  if (x.k === 'un' && (x.op === '-' || x.op === '+')) return walk(lin, x.a, x.op === '-' ? -k : k);
  if (x.k === 'bin' && (x.op === '+' || x.op === '-')) {
    const a = walk(lin, x.a, k);
    const b = walk(lin, x.b, x.op === '-' ? -k : k);
    return addTerms(a, b);
  }
  if (x.k === 'bin' && x.op === '*') {
    const ra = hasReg(x.a);
    const r = ra ? x.a : x.b;
    const n = ra ? x.b : x.a;
    if (hasReg(n)) throw new SyntaxError_('registers cannot be multiplied together', lin.loc);
    const f = fold(n);
    if (f.k !== 'num') throw new SyntaxError_('a register scale must be a constant number', lin.loc);
    return walk(lin, r, k * Number(f.v));
  }
  throw new SyntaxError_('invalid use of a register in a memory address', lin.loc);
}
