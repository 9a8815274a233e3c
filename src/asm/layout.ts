// Multi-pass layout of dialect-neutral statements: sections, symbols, sizes until they converge, then the flat image.

import { DiagnosticSink } from './diagnostics';
import {
  encodePrepared, evaluateOperands, lengthIgnoresAddress, prepareInstruction, sameOperandValues,
  type EncodeEnv, type EncodeResult, type OpVals, type PreparedInstruction, type Value,
} from './encoder';
import { evaluate, isConstant, type EvalContext, type Expr, type SymExpr } from './expression';
import { floatBytes } from './float-data';
import { LengthCache } from './length-cache';
import { LineRecords } from './line-records';
import { layoutResult } from './layout-output';
import { relativeOperands, RelativeEncodingCache } from './relative-encoding';
import { SectionBytes } from './section-bytes';
import { gnuLegacyPrefixOrder } from './gas/encoding-preferences';
import type { Statement, MemOperand, Operand } from './statement';
import { didYouMean } from './suggest';
import type { AsmResult, Diagnostic, FrameInfo, SourceLoc, StrucInfo } from './types';

interface Section {
  name: string;
  nobits: boolean;
  align: number;
  explicitAlign: boolean;
  start: number;
  size: number;
  offset: number;
  order: number;
  startExpr?: Expr;
  /** Emitted bytes (final pass). */
  bytes: SectionBytes;
}

interface Sym {
  kind: 'label' | 'equ' | 'extern';
  /** Section (null for equ/absolute-space labels). */
  section: Section | null;
  value: bigint;
  reloc: boolean;
  pass: number;
  /** The pass in which a label/equ statement last defined it (an `extern` alone does not count). */
  defPass: number;
  /** The pass whose convergence check recorded `recordedValue` (the value the next pass compares with). */
  recorded: number;
  recordedValue: bigint;
  loc: SourceLoc;
  global?: boolean;
}

const MAX_PASSES = 40;
/** Encodings kept for sharing between instructions (most programs need a few hundred). */
const MAX_SHARED_ENCODINGS = 8192;

/** The warnings of an instruction without any (shared, never changed). */
const NO_WARNINGS: string[] = [];
const NO_LOC: SourceLoc = { file: '', line: 1, column: 1, endColumn: 2 };

/** Numbers layout runs, so that a symbol node's cached entry is only trusted by the run that stored it. */
let layoutRuns = 0;

/** A symbol node with the entry it resolved to in a layout run (entries are never replaced during a run). */
type ResolvedSym = SymExpr & { $run?: number; $sym?: Sym; $miss?: number };

/**
 * The last encoding of a symbol-dependent instruction and what it was computed from. Encoding is a
 * pure function of these inputs, so a pass that meets the same address and operand values (every
 * instruction in the final pass, and most in the others) reuses the bytes instead of encoding again.
 */
interface Memo { bits: number; defaultRel: boolean; address: number; vals: OpVals[]; r: EncodeResult; warnings: string[] }

/** Encoding choices that depend on the source dialect rather than on the statements. */
export interface LayoutOptions {
  /**
   * Order of an instruction's legacy prefixes: 'nasm' (the encoder's: F0/F2/F3, segment, 66, 67) or
   * 'gnu' (GNU as's: segment, 67, 66, F2/F3, F0). Default 'nasm'.
   */
  prefixOrder?: 'nasm' | 'gnu';
}

/**
 * Lays out and encodes statements into an AsmResult (everything but `sources`). A front end may let
 * lines share one statement object (equal constant instructions): `lines` then gives the line of
 * each statement index whose location is not the statement's own (0 elsewhere).
 */
export function layout(stmts: Statement[], diag: DiagnosticSink, options: LayoutOptions = {}, lines?: Int32Array): Omit<AsmResult, 'sources'> {
  return new Layout(stmts, diag, options.prefixOrder === 'gnu', lines ?? new Int32Array(0)).run();
}

/** What evaluating operands asks of the layout: their values at the current statement. */
class OperandValues {
  loc: SourceLoc = NO_LOC;
  constructor(private readonly l: Layout) {}
  value(e: Expr): Value { return this.l.value(e, this.loc); }
}

/** The encoder's view of the pass, one object for every instruction (warnings are collected only when there are some). */
class EncoderView implements EncodeEnv {
  bits: 16 | 32 | 64 = 16;
  defaultRel = false;
  address = 0;
  loc: SourceLoc = NO_LOC;
  warnings: string[] | null = null;
  constructor(private readonly l: Layout) {}
  value(e: Expr): Value { return this.l.value(e, this.loc); }
  warn(msg: string): void { (this.warnings ??= []).push(msg); }
}

/**
 * The layout of one statement list: state kept across passes (symbols, sections, caches by statement)
 * and the state of the pass being run. Each pass walks every statement; passes repeat until no symbol
 * or section start changes. Its methods are the evaluation context of the statements' expressions.
 */
class Layout implements EvalContext {
  private readonly symbols = new Map<string, Sym>();
  private readonly externs = new Set<string>();
  private readonly globals = new Set<string>();
  private readonly sections = new Map<string, Section>();
  private readonly cache: (Uint8Array | number[] | undefined)[];
  /** Warnings of cached data statements (reported again in the final pass). */
  private readonly cacheWarnings = new Map<number, { loc: SourceLoc; message: string }[]>();
  /** Per statement: 1 when its bytes cannot depend on symbols or `$`, 2 when they can, 0 before it is first asked. */
  private readonly constantFlags: Uint8Array;
  /** Constant instructions with the same text encode alike in the same mode: encode each text once (one map per mode and default rel/abs). */
  private readonly textCaches: Map<string, number[]>[] = [];
  /** The value-independent part of every instruction's encoding, per statement (bits never change between passes). */
  private readonly prepared: (PreparedInstruction | { error: string } | undefined)[];
  /** The mode each `prepared` entry is for, as bits / 8 (0: none yet). */
  private readonly preparedBits: Uint8Array;
  /** Only instructions whose encoding is not shared (see `sharedEncodings`) have one. */
  private readonly memo = new Map<number, Memo>();
  /** Lengths of instructions whose operand values are all unknown, by shape and values. */
  private readonly lengthOf = new LengthCache();
  /** Encodings of symbol-dependent instructions, by shape and values relative to the address. */
  private readonly sharedEncodings = new RelativeEncodingCache();
  private sharedCount = 0;
  /** The symbol entry each label/equ statement defines (entries are updated in place, never replaced). */
  private readonly symOf: (Sym | undefined)[];
  /** Per label statement: 1 when it is a non-local label (no '.', not '..@'), 2 when not, 0 before the first pass computes it. */
  private readonly nonLocal: Uint8Array;
  private readonly runId = ++layoutRuns;
  /** Counts the entries added to `symbols` (a name not found stays so until it changes). */
  private symbolsAdded = 0;
  private origin = 0;
  private prevStarts = new Map<string, number>();
  private passDiag: Diagnostic[] = [];
  private readonly lineRecords = new LineRecords();
  private strucs: StrucInfo[] = [];
  private frames: FrameInfo[] = [];
  /**
   * True in the pass whose output is kept. From pass 2 on every pass records as if it were the final
   * one: when it changes nothing it is a fixed point, and the pass after it would compute the same
   * layout, bytes and diagnostics, so its output is kept instead of running that pass.
   */
  private finalPass = false;
  /** Set when the final pass is certain (not a speculation on pass 2+). */
  private realFinal = false;
  private orgSeen = false;
  /** The last address converted to a bigint and its value: consecutive statements mostly ask for the same one. */
  private lastNum = NaN;
  private lastBig = 0n;

  // ---- the pass being run ----
  private pass = 0;
  /** A speculative pass did something a final pass does differently (a `res` count it cannot know yet). */
  private speculationSpoiled = false;
  private sink = new DiagnosticSink();
  private bits: 16 | 32 | 64 = 16;
  private defaultRel = false;
  private sectionOrder = 0;
  private cur!: Section;
  private lastReal!: Section;
  private absolute: { base: number; offset: number } | null = null;
  private lastNonLocalName: string | null = null;
  private lastNonLocalAddress = 0;
  private openStruc: { name: string; base: number; fields: { name: string; offset: number }[] } | null = null;
  private openFrame: FrameInfo | null = null;
  private candidates: string[] | undefined;
  private suggestions = new Map<string, string>();

  // ---- the evaluation context (EvalContext) ----
  here = 0n;
  base = 0n;
  unknown = false;
  /** Where the expression being evaluated is (for extern and division errors). */
  private evalLoc: SourceLoc = NO_LOC;

  private readonly operandValues = new OperandValues(this);
  private readonly encoderView = new EncoderView(this);

  constructor(
    private readonly stmts: Statement[], private readonly diag: DiagnosticSink, private readonly gnuPrefixOrder: boolean,
    private readonly lines: Int32Array,
  ) {
    const n = stmts.length;
    this.cache = new Array(n);
    this.constantFlags = new Uint8Array(n);
    this.prepared = new Array(n);
    this.preparedBits = new Uint8Array(n);
    this.symOf = new Array(n);
    this.nonLocal = new Uint8Array(n);
    // The origin is needed from the first pass on: forward references would otherwise start far off and
    // the jump sizes would converge from above to a larger layout than NASM's.
    for (const st of stmts) {
      if (st.k === 'org' && st.e.k === 'num') { this.origin = Number(BigInt.asUintN(64, st.e.v)); break; }
    }
  }

  run(): Omit<AsmResult, 'sources'> {
    for (let pass = 1; pass <= MAX_PASSES + 1; pass++) {
      this.startPass(pass);
      const stmts = this.stmts;
      for (let i = 0; i < stmts.length; i++) this.statement(stmts[i], i);
      if (this.openFrame && this.openFrame.end < 0) this.openFrame.end = this.addr();
      const changed = this.placeSections();
      if (this.realFinal || (this.finalPass && !changed && !this.speculationSpoiled)) { this.passDiag = this.sink.list; break; }
      if (!changed || pass >= MAX_PASSES) {
        if (changed) this.diag.error({ file: stmts[0]?.loc.file ?? '', line: 1, column: 1, endColumn: 2 }, `layout did not converge after ${MAX_PASSES} passes (sizes keep changing)`);
        this.realFinal = true;
      }
    }
    return layoutResult({
      origin: this.origin, sections: this.sections, symbols: this.symbols, globals: this.globals,
      lineMap: this.lineRecords.entries(), strucs: this.strucs, frames: this.frames, passDiag: this.passDiag,
    }, this.diag);
  }

  private startPass(pass: number): void {
    this.pass = pass;
    this.finalPass = this.realFinal || pass > 1;
    this.speculationSpoiled = false;
    this.sink = new DiagnosticSink();
    this.lineRecords.clear();
    this.strucs = [];
    this.frames = [];
    this.bits = 16;
    this.defaultRel = false;
    for (const s of this.sections.values()) { s.size = 0; s.offset = 0; s.bytes.clear(); }
    this.sectionOrder = 0;
    this.cur = this.getSection('.text', this.sectionOrder++);
    if (pass === 1) this.cur.start = this.origin;
    this.lastReal = this.cur;
    this.absolute = null;
    this.lastNonLocalName = null;
    this.lastNonLocalAddress = 0;
    this.openStruc = null;
    this.openFrame = null;
    this.candidates = undefined;
    this.suggestions = new Map();
  }

  // ---- small helpers ----

  /** The line of statement `idx` when it is not the statement's own (a shared statement), else 0. */
  private lineOf(idx: number): number {
    return idx >= 0 && idx < this.lines.length ? this.lines[idx] : 0;
  }

  /** Where statement `idx` is. */
  private locOf(st: Statement, idx: number): SourceLoc {
    const line = this.lineOf(idx);
    return line === 0 ? st.loc : withLine(st.loc, line);
  }

  private constantStmt(idx: number): boolean {
    let f = this.constantFlags[idx];
    if (f === 0) this.constantFlags[idx] = f = isConstantStatement(this.stmts[idx]) ? 1 : 2;
    return f === 1;
  }

  private textCacheOf(bits: number, rel: boolean): Map<string, number[]> {
    const k = (bits >> 4) * 2 + (rel ? 1 : 0);
    return (this.textCaches[k] ??= new Map());
  }

  private bigOf(n: number): bigint {
    if (n !== this.lastNum) { this.lastNum = n; this.lastBig = BigInt(n); }
    return this.lastBig;
  }

  /** The entry of a symbol node: found by name once, then kept on the node for the later passes. */
  resolve(e: SymExpr): Sym | undefined {
    const r = e as ResolvedSym;
    if (r.$run === this.runId) {
      if (r.$sym !== undefined) return r.$sym;
      // Not found, and no symbol was added since: still not there.
      if (r.$miss === this.symbolsAdded) return undefined;
    }
    const s = this.symbols.get(e.name);
    r.$run = this.runId; r.$sym = s; r.$miss = this.symbolsAdded;
    return s;
  }

  private getSection(name: string, order: number): Section {
    let s = this.sections.get(name);
    if (!s) {
      const nobits = name === '.bss' || name.startsWith('.bss.');
      s = { name, nobits, align: name === '.text' ? 1 : 4, explicitAlign: false, start: 0, size: 0, offset: 0, order, bytes: new SectionBytes() };
      this.sections.set(name, s);
    }
    return s;
  }

  /** The current address (`$`). */
  private addr(): number {
    const a = this.absolute;
    return a ? a.base + a.offset : this.cur.start + this.cur.offset;
  }

  private advance(n: number): void {
    const a = this.absolute;
    if (a) a.offset += n; else this.cur.offset += n;
  }

  // ---- expression evaluation ----

  lookup(name: string): bigint | undefined {
    const s = this.symbols.get(name);
    if (!s) return undefined;
    return this.symbolValue(s, name);
  }

  lookupSym(e: SymExpr): bigint | undefined {
    const s = this.resolve(e);
    if (!s) return undefined;
    return this.symbolValue(s, e.name);
  }

  private symbolValue(s: Sym, name: string): bigint | undefined {
    if (s.kind === 'extern') {
      if (this.finalPass) this.sink.error(this.evalLoc, `'${name}' is declared extern, but a flat binary cannot refer to external symbols: define it in this file or %include its source`);
      return 0n;
    }
    const pass = this.pass;
    if (s.pass < pass && pass > 1 && s.recorded !== pass - 1) return undefined;
    return s.value;
  }

  onUndefined(name: string, loc: SourceLoc): void {
    if (!this.finalPass) return;
    // The symbol table does not change in the final pass: one suggestion per name is enough.
    let sugg = this.suggestions.get(name);
    if (sugg === undefined) {
      this.candidates ??= [...this.symbols.keys()].filter((k) => !k.startsWith('..@'));
      sugg = didYouMean(name, this.candidates);
      this.suggestions.set(name, sugg);
    }
    const shown = name.startsWith('..@') ? name.replace(/^\.\.@\d+\./, '%$') : name;
    this.sink.error(loc, `undefined symbol '${shown}'${sugg}`);
  }

  onError(m: string, loc: SourceLoc | undefined): void { if (this.finalPass) this.sink.error(loc ?? this.evalLoc, m); }

  /** The value of an expression at the current address. */
  value(e: Expr, loc: SourceLoc): Value {
    const absolute = this.absolute;
    this.here = this.bigOf(this.addr());
    this.base = this.bigOf(absolute ? absolute.base : this.cur.start);
    this.unknown = false;
    this.evalLoc = loc;
    const v = evaluate(e, this);
    return { v, unknown: this.unknown, reloc: relocOf(e, this, !!absolute) !== 0 };
  }

  // ---- symbols and bytes ----

  private defineSymbol(name: string, kind: 'label' | 'equ', section: Section | null, symValue: bigint, reloc: boolean, loc: SourceLoc, idx: number): void {
    const pass = this.pass;
    // Statements define the same symbol in every pass: find its entry by statement after the first time.
    let prev = this.symOf[idx];
    if (prev === undefined) { prev = this.symbols.get(name); if (prev) this.symOf[idx] = prev; }
    if (prev && prev.defPass === pass) {
      if (this.finalPass) this.sink.error(loc, `symbol '${name}' is defined more than once (first at line ${this.symbols.get(name)?.loc.line})`);
      return;
    }
    if (this.finalPass && this.externs.size !== 0 && this.externs.has(name)) this.sink.error(loc, `'${name}' is declared extern and defined here`);
    if (prev) {
      // Update in place: the same entry serves every pass.
      prev.kind = kind; prev.section = section; prev.value = symValue; prev.reloc = reloc; prev.loc = loc;
      prev.pass = pass; prev.defPass = pass; prev.global = prev.global || (this.globals.size !== 0 && this.globals.has(name));
    } else {
      const n: Sym = { kind, section, value: symValue, reloc, pass, defPass: pass, recorded: -1, recordedValue: 0n, loc, global: this.globals.has(name) };
      this.symbols.set(name, n);
      this.symbolsAdded++;
      this.symOf[idx] = n;
    }
  }

  /** Emits `count` copies of `bytes` for the statement at `loc` (at `line` instead of its line when not 0). */
  private emit(bytes: Uint8Array | number[], loc: SourceLoc, count: number, line = 0): void {
    const len = bytes.length * count;
    const cur = this.cur;
    if (this.absolute) {
      if (len && this.finalPass) this.sink.error(line ? withLine(loc, line) : loc, 'cannot emit code or data in absolute/struc space (use resb/resw/resd)');
      this.advance(len);
      return;
    }
    if (cur.nobits && len) {
      if (this.finalPass) this.sink.warning(line ? withLine(loc, line) : loc, `data in nobits section '${cur.name}' is ignored (use resb/resw/resd there)`);
      if (this.finalPass && len) this.lineRecords.add(this.addr(), len, loc, cur.name, true, line);
      this.advance(len);
      return;
    }
    if (this.finalPass && len) {
      cur.bytes.add(cur.offset, bytes, count);
      this.lineRecords.add(this.addr(), len, loc, cur.name, false, line);
    }
    this.advance(len);
  }

  /** `emit` for statement `idx`: its location is only read by a pass that is kept. */
  private emitFor(bytes: Uint8Array | number[], st: Statement, idx: number, count: number): void {
    if (this.finalPass) this.emit(bytes, st.loc, count, this.lineOf(idx));
    else this.advance(bytes.length * count);
  }

  private reserve(n: number, loc: SourceLoc): void {
    if (n < 0) { if (this.finalPass) this.sink.error(loc, `negative size ${n}`); return; }
    const cur = this.cur;
    if (!this.absolute && this.finalPass && n) {
      if (!cur.nobits) {
        cur.bytes.zeros(cur.offset, n);
        this.lineRecords.add(this.addr(), n, loc, cur.name, false, 0);
      } else this.lineRecords.add(this.addr(), n, loc, cur.name, true, 0);
    }
    this.advance(n);
  }

  // ---- statements ----

  private statement(st: Statement, i: number): void {
    // An instruction or data statement whose bytes are known (constant): the same in every pass.
    const known = this.cache[i];
    if (known !== undefined) {
      if (!this.finalPass) { this.advance(known.length); return; }
      const cw = this.cacheWarnings.size !== 0 ? this.cacheWarnings.get(i) : undefined;
      if (cw) for (const w of cw) this.sink.warning(w.loc, w.message);
      this.emit(known, st.loc, 1, this.lineOf(i));
      return;
    }
    const finalPass = this.finalPass;
    const sink = this.sink;
    switch (st.k) {
      case 'label': {
        const isAbs = !!this.absolute;
        const here = this.addr();
        this.defineSymbol(st.name, 'label', isAbs ? null : this.cur, this.bigOf(here), !isAbs, st.loc, i);
        let nl = this.nonLocal[i];
        if (nl === 0) this.nonLocal[i] = nl = !st.name.includes('.') && !st.name.startsWith('..@') ? 1 : 2;
        if (nl === 1) {
          const openFrame = this.openFrame;
          if (openFrame && openFrame.end < 0 && this.lastNonLocalName !== null && st.name !== this.lastNonLocalName) openFrame.end = here;
          this.lastNonLocalName = st.name;
          this.lastNonLocalAddress = here;
        }
        const openStruc = this.openStruc;
        if (openStruc) {
          if (st.name.startsWith(openStruc.name + '.')) openStruc.fields.push({ name: st.name.slice(openStruc.name.length + 1), offset: here - openStruc.base });
          if (st.name === openStruc.name) openStruc.base = here;
        }
        return;
      }
      case 'equ': {
        const v = this.value(st.e, st.loc);
        this.defineSymbol(st.name, 'equ', null, v.v, v.reloc, st.loc, i);
        return;
      }
      case 'insn': case 'data': case 'res': case 'incbin':
        this.encodeStatement(st, i, 1);
        return;
      case 'times': {
        const v = this.value(st.count, st.loc);
        let n = Number(v.v);
        if (v.unknown) n = 0;
        if (n < 0) { if (finalPass) sink.error(st.loc, `'times' count is negative (${n})`); n = 0; }
        if (n > 16_000_000) { if (finalPass) sink.error(st.loc, `'times' count ${n} is too large`); n = 0; }
        if (n === 0) return;
        // NASM evaluates the repeated statement once, with $ at the start of the line.
        const start = this.addr();
        this.encodeStatement(st.body, -1, n);
        const records = this.lineRecords;
        if (finalPass && records.count && records.lastAddress() === start) records.setLastColumn(st.loc.column);
        return;
      }
      case 'align': {
        const v = this.value(st.to, st.loc);
        const a = Number(v.v);
        if (!v.unknown && (a <= 0 || (a & (a - 1)) !== 0)) { if (finalPass) sink.error(st.loc, `alignment ${a} is not a power of two`); return; }
        if (v.unknown) return;
        const absolute = this.absolute;
        const cur = this.cur;
        const rel = absolute ? absolute.offset : cur.offset;
        const pad = (a - (rel % a)) % a;
        if (!absolute && a > cur.align && !cur.explicitAlign) cur.align = a;
        if (pad === 0) return;
        if (st.fill === 'reserve' || absolute || cur.nobits) this.reserve(pad, st.loc);
        else this.emit(new Array<number>(pad).fill(st.fill === 'nop' ? 0x90 : 0), st.loc, 1);
        return;
      }
      case 'section': {
        if (st.name === '') { this.absolute = null; this.cur = this.lastReal; return; }
        this.absolute = null;
        const s = this.getSection(st.name, this.sectionOrder++);
        if (st.attrs.nobits !== undefined) s.nobits = st.attrs.nobits;
        if (st.attrs.align) { s.align = st.attrs.align; s.explicitAlign = true; }
        if (st.attrs.start) s.startExpr = st.attrs.start;
        else if (st.attrs.vstart) s.startExpr = st.attrs.vstart;
        this.cur = s; this.lastReal = s;
        return;
      }
      case 'absolute': {
        const v = this.value(st.at, st.loc);
        this.absolute = { base: Number(v.v), offset: 0 };
        return;
      }
      case 'bits': this.bits = st.bits; return;
      case 'default': this.defaultRel = st.rel; return;
      case 'org': {
        const v = this.value(st.e, st.loc);
        if (this.orgSeen && this.pass === 1) { sink.error(st.loc, "program origin redefined ('org' may appear only once)"); return; }
        this.orgSeen = true;
        this.origin = Number(BigInt.asUintN(64, v.v));
        return;
      }
      case 'global':
        for (const n of st.names) { this.globals.add(n); const s = this.symbols.get(n); if (s) s.global = true; }
        return;
      case 'extern':
        for (const n of st.names) {
          this.externs.add(n);
          const old = this.symbols.get(n);
          if (!old) { this.symbols.set(n, { kind: 'extern', section: null, value: 0n, reloc: true, pass: this.pass, defPass: 0, recorded: -1, recordedValue: 0n, loc: st.loc }); this.symbolsAdded++; }
          else if (old.kind === 'extern') {
            // A fresh extern entry (in place, so statements that hold the entry keep seeing it).
            old.section = null; old.value = 0n; old.reloc = true; old.pass = this.pass; old.defPass = 0; old.loc = st.loc; old.global = undefined;
          }
        }
        return;
      case 'strucBegin': this.openStruc = { name: st.name, base: 0, fields: [] }; return;
      case 'strucEnd': {
        const openStruc = this.openStruc;
        if (openStruc) {
          const size = Number(this.symbols.get(`${st.name}_size`)?.value ?? 0n);
          const base = Number(this.symbols.get(st.name)?.value ?? 0n);
          const fields = openStruc.fields.map((f, k, all) => ({ name: f.name, offset: f.offset - base, size: (k + 1 < all.length ? all[k + 1].offset : base + size) - f.offset }));
          this.strucs.push({ name: st.name, size, fields });
        }
        this.openStruc = null;
        return;
      }
      case 'frame': {
        let openFrame = this.openFrame;
        if (!openFrame || openFrame.end >= 0) {
          const lastName = this.lastNonLocalName;
          openFrame = { proc: lastName ?? '', start: lastName !== null ? this.lastNonLocalAddress : this.addr(), end: -1, frameRegister: st.reg, args: [], locals: [] };
          this.openFrame = openFrame;
          this.frames.push(openFrame);
        }
        openFrame.args.push(...st.args);
        openFrame.locals.push(...st.locals);
        return;
      }
      case 'frameEnd': if (this.openFrame && this.openFrame.end < 0) this.openFrame.end = this.addr(); return;
    }
  }

  private encodeStatement(st: Statement, idx: number, reps: number): void {
    const finalPass = this.finalPass;
    const cache = this.cache;
    switch (st.k) {
      case 'insn': {
        const bits = this.bits;
        const defaultRel = this.defaultRel;
        const c = idx >= 0 ? cache[idx] : undefined;
        if (c) { this.emitFor(c, st, idx, reps); return; }
        const key = st.key;
        const shared = key !== undefined && idx >= 0 && this.constantStmt(idx) ? this.textCacheOf(bits, defaultRel).get(key) : undefined;
        if (shared) { cache[idx] = shared; this.emitFor(shared, st, idx, reps); return; }
        let p: PreparedInstruction | { error: string } | undefined;
        if (idx >= 0 && this.preparedBits[idx] === bits >> 3) p = this.prepared[idx];
        else {
          p = prepareInstruction(st.mnem, st.prefixes, st.ops, bits);
          if (idx >= 0) { this.prepared[idx] = p; this.preparedBits[idx] = bits >> 3; }
        }
        let r: EncodeResult;
        let warnings: string[];
        if ('error' in p!) { r = p as { error: string }; warnings = NO_WARNINGS; }
        else {
          const pi = p as PreparedInstruction;
          const loc = this.locOf(st, idx);
          this.operandValues.loc = loc;
          const vals = evaluateOperands(pi, this.operandValues);
          const address = this.addr();
          const m = idx >= 0 && this.memo.size !== 0 ? this.memo.get(idx) : undefined;
          if (m && m.address === address && m.bits === bits && m.defaultRel === defaultRel && sameOperandValues(m.vals, vals)) {
            r = m.r; warnings = m.warnings;
          } else if (!finalPass && idx >= 0 && !this.constantStmt(idx) && lengthIgnoresAddress(vals)) {
            // A pass that emits nothing only needs the length, and with no operand value known yet
            // (forward references) the length is the same for every instruction of this shape.
            let len = this.lengthOf.get(pi, vals, defaultRel);
            if (len === undefined) {
              const x = encodePrepared(pi, vals, this.encoderAt(loc, address));
              len = 'error' in x ? -1 : x.bytes.length;
              this.lengthOf.set(pi, vals, defaultRel, len);
            }
            // As below for an error, else as `emit` in such a pass.
            this.advance((len < 0 ? (cache[idx] ? cache[idx]!.length : 0) : len) * reps);
            return;
          } else {
            // Another instruction of this shape at the same distances from its targets encodes alike.
            const mask = relativeOperands(pi, vals, defaultRel);
            const same = mask >= 0 ? this.sharedEncodings.get(pi, vals, defaultRel, mask, address) : undefined;
            let shared = same !== undefined;
            if (same !== undefined) {
              r = same.r; warnings = same.warnings;
            } else {
              const view = this.encoderAt(loc, address);
              r = encodePrepared(pi, vals, view);
              // The one place a dialect's prefix order applies: before the bytes are memoised, cached or emitted.
              if (this.gnuPrefixOrder && 'bytes' in r) r = { bytes: gnuLegacyPrefixOrder(r.bytes) };
              warnings = view.warnings ?? NO_WARNINGS;
              if (mask >= 0 && this.sharedCount < MAX_SHARED_ENCODINGS) {
                this.sharedEncodings.set(pi, vals, defaultRel, mask, address, r, warnings);
                this.sharedCount++;
                shared = true;
              }
            }
            // Shared encodings need no memo: the next pass finds them again by shape and distances.
            if (idx >= 0 && !shared) this.memo.set(idx, { bits, defaultRel, address, vals, r, warnings });
          }
        }
        if ('error' in r) {
          if (finalPass) this.sink.error(this.locOf(st, idx), r.error);
          // Keep a plausible size so later addresses stay meaningful.
          const guess = idx >= 0 && cache[idx] ? cache[idx]!.length : 0;
          this.advance(guess * reps);
          return;
        }
        if (finalPass) for (const w of warnings) this.sink.warning(this.locOf(st, idx), w);
        if (idx >= 0 && this.constantStmt(idx) && warnings.length === 0) {
          cache[idx] = r.bytes;
          if (key !== undefined) this.textCacheOf(bits, defaultRel).set(key, r.bytes);
        }
        this.emitFor(r.bytes, st, idx, reps);
        return;
      }
      case 'data': {
        const c = idx >= 0 ? cache[idx] : undefined;
        if (c) {
          const cw = this.cacheWarnings.get(idx);
          if (finalPass && cw) for (const w of cw) this.sink.warning(w.loc, w.message);
          this.emitFor(c, st, idx, reps);
          return;
        }
        const items = st.items;
        if (items.length === 1 && items[0].k === 'bytes') {
          // Bytes known from the source (literal data): emitted as they are.
          const b = items[0].b;
          if (idx >= 0) cache[idx] = b;
          this.emitFor(b, st, idx, reps);
          return;
        }
        const out: number[] = [];
        const dataWarnings: { loc: SourceLoc; message: string }[] = [];
        for (const it of items) {
          if (it.k === 'bytes') { for (const b of it.b) out.push(b); continue; }
          if (it.k === 'float') {
            const fb = floatBytes(it.v, st.unit);
            if (!fb) { if (finalPass) this.sink.error(it.loc, `floating-point constants need dd, dq or dt, not a ${st.unit}-byte unit`); for (let i = 0; i < st.unit; i++) out.push(0); continue; }
            for (const b of fb) out.push(b);
            continue;
          }
          const n = st.unit;
          const e = it.e;
          if (n <= 4 && e.k === 'num' && e.v >= -0x80000000n && e.v <= 0xffffffffn) {
            // A small number (most data): the same bytes and warning without bigint arithmetic.
            const x = Number(e.v);
            const lim = 2 ** (n * 8);
            if (x >= lim || x < -(lim / 2)) dataWarnings.push({ loc: it.loc, message: `value ${e.v} does not fit in ${n} byte(s) and is truncated` });
            for (let i = 0; i < n; i++) out.push((x >>> (8 * i)) & 0xff);
            continue;
          }
          const v = this.value(e, it.loc);
          if (n < 8 && !v.unknown) {
            const lim = 1n << BigInt(n * 8);
            if (v.v >= lim || v.v < -(lim >> 1n)) dataWarnings.push({ loc: it.loc, message: `value ${v.v} does not fit in ${n} byte(s) and is truncated` });
          }
          let x = BigInt.asUintN(Math.min(n, 8) * 8, v.v);
          for (let i = 0; i < n; i++) { out.push(i < 8 ? Number(x & 0xffn) : (v.v < 0n ? 0xff : 0)); if (i < 8) x >>= 8n; }
        }
        if (idx >= 0 && this.constantStmt(idx)) { cache[idx] = out; if (dataWarnings.length) this.cacheWarnings.set(idx, dataWarnings); }
        if (finalPass) for (const w of dataWarnings) this.sink.warning(w.loc, w.message);
        this.emitFor(out, st, idx, reps);
        return;
      }
      case 'res': {
        const v = this.value(st.count, st.loc);
        if (v.unknown && finalPass) {
          // A non-final pass reserves what it has; only a certain final pass leaves the space out.
          if (this.realFinal) return;
          this.speculationSpoiled = true;
        }
        this.reserve(Number(v.v) * st.unit * reps, st.loc);
        return;
      }
      case 'incbin': this.emit(st.data, st.loc, reps); return;
      default:
        if (finalPass) this.sink.error(st.loc, "'times' can only repeat an instruction or data");
    }
  }

  private encoderAt(loc: SourceLoc, address: number): EncoderView {
    const v = this.encoderView;
    v.bits = this.bits; v.defaultRel = this.defaultRel; v.address = address; v.loc = loc;
    v.warnings = null;
    return v;
  }

  /** Places the sections after a pass; true when a symbol or section start changed since the pass before. */
  private placeSections(): boolean {
    const sections = this.sections;
    const origin = this.origin;
    const pass = this.pass;
    // Section placement: .text first at the origin, then progbits sections, then nobits ones.
    const list = [...sections.values()].sort((a, b) => a.order - b.order);
    const text = sections.get('.text')!;
    const progbits = [text, ...list.filter((s) => s !== text && !s.nobits)];
    const nobits = list.filter((s) => s.nobits);
    let addr = origin;
    const starts = new Map<string, number>();
    for (const s of [...progbits, ...nobits]) {
      s.size = s.offset;
      if (s.startExpr) {
        const v = this.value(s.startExpr, NO_LOC);
        addr = Number(v.v);
      } else if (s !== text || addr !== origin) addr = alignUp(addr, s.align);
      s.start = addr;
      starts.set(s.name, addr);
      addr += s.size;
    }
    // Convergence: every symbol and section start as in the previous pass.
    let changed = false;
    this.symbols.forEach((s) => {
      if (s.pass !== pass && s.kind !== 'extern') return;
      if (s.recorded !== pass - 1 || s.recordedValue !== s.value) changed = true;
      s.recorded = pass;
      s.recordedValue = s.value;
    });
    for (const [n, v] of starts) if (this.prevStarts.get(n) !== v) changed = true;
    this.prevStarts = starts;
    return changed;
  }
}

function alignUp(a: number, n: number): number { return n > 1 ? Math.ceil(a / n) * n : a; }

/** `loc` at another line. */
function withLine(loc: SourceLoc, line: number): SourceLoc {
  return loc.body ? { file: loc.file, line, column: loc.column, endColumn: loc.endColumn, body: loc.body } : { file: loc.file, line, column: loc.column, endColumn: loc.endColumn };
}


/** How many labels (with sign) an expression adds: non-zero means the value moves with the code. */
function relocOf(e: Expr, symbols: { resolve(e: SymExpr): Sym | undefined }, inAbsolute: boolean): number {
  switch (e.k) {
    case 'num': return 0;
    case 'sym': { const s = symbols.resolve(e); return s && s.reloc ? 1 : s ? 0 : 1; }
    case 'here': case 'base': return inAbsolute ? 0 : 1;
    case 'un': return e.op === '-' ? -relocOf(e.a, symbols, inAbsolute) : e.op === '+' ? relocOf(e.a, symbols, inAbsolute) : 0;
    case 'bin':
      if (e.op === '+') return relocOf(e.a, symbols, inAbsolute) + relocOf(e.b, symbols, inAbsolute);
      if (e.op === '-') return relocOf(e.a, symbols, inAbsolute) - relocOf(e.b, symbols, inAbsolute);
      return 0;
    case 'cond': return 0;
  }
}

function operandConstant(o: Operand): boolean {
  if (o.k === 'reg') return true;
  if (o.k === 'imm') return isConstant(o.expr);
  if (o.k === 'far') return isConstant(o.seg) && isConstant(o.off);
  return (o as MemOperand).disp === null || isConstant((o as MemOperand).disp!);
}

function isConstantStatement(st: Statement): boolean {
  if (st.k === 'insn') return st.constant === true || st.ops.every(operandConstant);
  if (st.k === 'data') return st.items.every((it) => it.k !== 'expr' || isConstant(it.e));
  return false;
}
