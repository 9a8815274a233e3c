// Multi-pass layout of dialect-neutral statements: sections, symbols, sizes until they converge, then the flat image.

import { DiagnosticSink } from './diagnostics';
import { encodePrepared, evaluateOperands, prepareInstruction, sameOperandValues, type EncodeResult, type OpVals, type PreparedInstruction, type Value } from './encoder';
import { evaluate, isConstant, type EvalContext, type Expr, type SymExpr } from './expression';
import { floatBytes } from './float-data';
import { gnuLegacyPrefixOrder } from './gas/encoding-preferences';
import type { Statement, MemOperand, Operand } from './statement';
import { didYouMean } from './suggest';
import type { AsmResult, Diagnostic, FrameInfo, LineEntry, SectionInfo, SourceLoc, StrucInfo, SymbolInfo } from './types';

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
  /** Emitted bytes (final pass): parallel lists of section offset, bytes and repeat count. */
  chunkOffset: number[];
  chunkBytes: (Uint8Array | number[])[];
  chunkCount: number[];
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

/** Numbers layout runs, so that a symbol node's cached entry is only trusted by the run that stored it. */
let layoutRuns = 0;

/** A symbol node with the entry it resolved to in a layout run (entries are never replaced during a run). */
type ResolvedSym = SymExpr & { $run?: number; $sym?: Sym };

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

/** Lays out and encodes statements into an AsmResult (everything but `sources`). */
export function layout(stmts: Statement[], diag: DiagnosticSink, options: LayoutOptions = {}): Omit<AsmResult, 'sources'> {
  const gnuPrefixOrder = options.prefixOrder === 'gnu';
  const symbols = new Map<string, Sym>();
  const externs = new Set<string>();
  const globals = new Set<string>();
  const sections = new Map<string, Section>();
  const cache: (Uint8Array | number[] | undefined)[] = new Array(stmts.length);
  /** Warnings of cached data statements (reported again in the final pass). */
  const cacheWarnings: ({ loc: SourceLoc; message: string }[] | undefined)[] = new Array(stmts.length);
  /** Per statement: 1 when its bytes cannot depend on symbols or `$`, 2 when they can, 0 before it is first asked. */
  const constantFlags = new Uint8Array(stmts.length);
  const constantStmt = (idx: number): boolean => {
    let f = constantFlags[idx];
    if (f === 0) constantFlags[idx] = f = isConstantStatement(stmts[idx]) ? 1 : 2;
    return f === 1;
  };
  /** Constant instructions with the same text encode alike in the same mode: encode each text once (one map per mode and default rel/abs). */
  const textCaches: Map<string, number[]>[] = [];
  const textCacheOf = (bits: number, rel: boolean): Map<string, number[]> => {
    const k = (bits >> 4) * 2 + (rel ? 1 : 0);
    return (textCaches[k] ??= new Map());
  };
  /** The value-independent part of every instruction's encoding, per statement (bits never change between passes). */
  const prepared: (PreparedInstruction | { error: string } | undefined)[] = new Array(stmts.length);
  const preparedBits: number[] = new Array(stmts.length);
  const memo: (Memo | undefined)[] = new Array(stmts.length);
  /** The symbol entry each label/equ statement defines (entries are updated in place, never replaced). */
  const symOf: (Sym | undefined)[] = new Array(stmts.length);
  let origin = 0;
  let prevStarts = new Map<string, number>();
  let passDiag: Diagnostic[] = [];
  let lineMap: LineEntry[] = [];
  let strucs: StrucInfo[] = [];
  let frames: FrameInfo[] = [];
  /**
   * True in the pass whose output is kept. From pass 2 on every pass records as if it were the final
   * one: when it changes nothing it is a fixed point, and the pass after it would compute the same
   * layout, bytes and diagnostics, so its output is kept instead of running that pass.
   */
  let finalPass = false;
  /** Set when the final pass is certain (not a speculation on pass 2+). */
  let realFinal = false;
  let orgSeen = false;
  // The origin is needed from the first pass on: forward references would otherwise start far off and
  // the jump sizes would converge from above to a larger layout than NASM's.
  for (const st of stmts) {
    if (st.k === 'org' && st.e.k === 'num') { origin = Number(BigInt.asUintN(64, st.e.v)); break; }
  }

  const run = ++layoutRuns;
  /** Per label statement: 1 when it is a non-local label (no '.', not '..@'), 2 when not, 0 before the first pass computes it. */
  const nonLocal = new Uint8Array(stmts.length);
  /** The last address converted to a bigint and its value: consecutive statements mostly ask for the same one. */
  let lastNum = NaN;
  let lastBig = 0n;
  const bigOf = (n: number): bigint => {
    if (n !== lastNum) { lastNum = n; lastBig = BigInt(n); }
    return lastBig;
  };
  /** The entry of a symbol node: found by name once, then kept on the node for the later passes. */
  const resolve = (e: SymExpr): Sym | undefined => {
    const r = e as ResolvedSym;
    if (r.$run === run) return r.$sym;
    const s = symbols.get(e.name);
    if (s) { r.$run = run; r.$sym = s; }
    return s;
  };

  const getSection = (name: string, order: number): Section => {
    let s = sections.get(name);
    if (!s) {
      const nobits = name === '.bss' || name.startsWith('.bss.');
      s = { name, nobits, align: name === '.text' ? 1 : 4, explicitAlign: false, start: 0, size: 0, offset: 0, order, chunkOffset: [], chunkBytes: [], chunkCount: [] };
      sections.set(name, s);
    }
    return s;
  };

  for (let pass = 1; pass <= MAX_PASSES + 1; pass++) {
    finalPass = realFinal || pass > 1;
    /** A speculative pass did something a final pass does differently (a `res` count it cannot know yet). */
    let speculationSpoiled = false;
    const sink = new DiagnosticSink();
    const warnSink = sink;
    lineMap = [];
    strucs = [];
    frames = [];
    let bits: 16 | 32 | 64 = 16;
    let defaultRel = false;
    for (const s of sections.values()) { s.size = 0; s.offset = 0; s.chunkOffset = []; s.chunkBytes = []; s.chunkCount = []; }
    let sectionOrder = 0;
    let cur: Section = getSection('.text', sectionOrder++);
    if (pass === 1) cur.start = origin;
    let lastReal: Section = cur;
    let absolute: { base: number; offset: number } | null = null;
    let lastNonLocalName: string | null = null;
    let lastNonLocalAddress = 0;
    let openStruc: { name: string; base: number; fields: { name: string; offset: number }[] } | null = null;
    let openFrame: FrameInfo | null = null;

    let candidates: string[] | undefined;
    const suggestions = new Map<string, string>();
    const here = (): number => (absolute ? absolute.base + absolute.offset : cur.start + cur.offset);
    const advance = (n: number) => { if (absolute) absolute.offset += n; else cur.offset += n; };

    const ctx: EvalContext & { loc?: SourceLoc } = {
      here: 0n, base: 0n, unknown: false,
      lookup: (name) => {
        const s = symbols.get(name);
        if (!s) return undefined;
        if (s.kind === 'extern') {
          if (finalPass) sink.error(ctx.loc!, `'${name}' is declared extern, but a flat binary cannot refer to external symbols: define it in this file or %include its source`);
          return 0n;
        }
        if (s.pass < pass && pass > 1 && s.recorded !== pass - 1) return undefined;
        return s.value;
      },
      lookupSym: (e) => {
        const s = resolve(e);
        if (!s) return undefined;
        const name = e.name;
        if (s.kind === 'extern') {
          if (finalPass) sink.error(ctx.loc!, `'${name}' is declared extern, but a flat binary cannot refer to external symbols: define it in this file or %include its source`);
          return 0n;
        }
        if (s.pass < pass && pass > 1 && s.recorded !== pass - 1) return undefined;
        return s.value;
      },
      onUndefined: (name, loc) => {
        if (!finalPass) return;
        // The symbol table does not change in the final pass: one suggestion per name is enough.
        let sugg = suggestions.get(name);
        if (sugg === undefined) {
          candidates ??= [...symbols.keys()].filter((k) => !k.startsWith('..@'));
          sugg = didYouMean(name, candidates);
          suggestions.set(name, sugg);
        }
        const shown = name.startsWith('..@') ? name.replace(/^\.\.@\d+\./, '%$') : name;
        sink.error(loc, `undefined symbol '${shown}'${sugg}`);
      },
      onError: (m, loc) => { if (finalPass) sink.error(loc ?? ctx.loc!, m); },
    };

    const value = (e: Expr, loc: SourceLoc): Value => {
      ctx.here = bigOf(here());
      ctx.base = bigOf(absolute ? absolute.base : cur.start);
      ctx.unknown = false;
      ctx.loc = loc;
      const v = evaluate(e, ctx);
      return { v, unknown: ctx.unknown, reloc: relocOf(e, resolve, !!absolute) !== 0 };
    };

    const operandEnv = { loc: null as unknown as SourceLoc, value: (e: Expr): Value => value(e, operandEnv.loc) };

    const defineSymbol = (name: string, kind: 'label' | 'equ', section: Section | null, symValue: bigint, reloc: boolean, loc: SourceLoc, idx: number) => {
      // Statements define the same symbol in every pass: find its entry by statement after the first time.
      let prev = symOf[idx];
      if (prev === undefined) { prev = symbols.get(name); if (prev) symOf[idx] = prev; }
      if (prev && prev.defPass === pass) {
        if (finalPass) sink.error(loc, `symbol '${name}' is defined more than once (first at line ${symbols.get(name)?.loc.line})`);
        return;
      }
      if (finalPass && externs.size !== 0 && externs.has(name)) sink.error(loc, `'${name}' is declared extern and defined here`);
      if (prev) {
        // Update in place: the same entry serves every pass.
        prev.kind = kind; prev.section = section; prev.value = symValue; prev.reloc = reloc; prev.loc = loc;
        prev.pass = pass; prev.defPass = pass; prev.global = prev.global || (globals.size !== 0 && globals.has(name));
      } else {
        const n: Sym = { kind, section, value: symValue, reloc, pass, defPass: pass, recorded: -1, recordedValue: 0n, loc, global: globals.has(name) };
        symbols.set(name, n);
        symOf[idx] = n;
      }
    };

    const emit = (bytes: Uint8Array | number[], loc: SourceLoc, count = 1) => {
      const len = bytes.length * count;
      if (absolute) {
        if (len && finalPass) sink.error(loc, 'cannot emit code or data in absolute/struc space (use resb/resw/resd)');
        advance(len);
        return;
      }
      if (cur.nobits && len) {
        if (finalPass) sink.warning(loc, `data in nobits section '${cur.name}' is ignored (use resb/resw/resd there)`);
        if (finalPass && len) lineMap.push(entry(here(), len, loc, cur.name, true));
        advance(len);
        return;
      }
      if (finalPass && len) {
        cur.chunkOffset.push(cur.offset); cur.chunkBytes.push(bytes); cur.chunkCount.push(count);
        lineMap.push(entry(here(), len, loc, cur.name));
      }
      advance(len);
    };

    const reserve = (n: number, loc: SourceLoc) => {
      if (n < 0) { if (finalPass) sink.error(loc, `negative size ${n}`); return; }
      if (!absolute && finalPass && n) {
        if (!cur.nobits) {
          cur.chunkOffset.push(cur.offset); cur.chunkBytes.push(new Uint8Array(n)); cur.chunkCount.push(1);
          lineMap.push(entry(here(), n, loc, cur.name));
        } else lineMap.push(entry(here(), n, loc, cur.name, true));
      }
      advance(n);
    };

    const encodeStatement = (st: Statement, idx: number, reps: number): void => {
      switch (st.k) {
        case 'insn': {
          const c = idx >= 0 ? cache[idx] : undefined;
          if (c) { emit(c, st.loc, reps); return; }
          const shared = st.key !== undefined && idx >= 0 && constantStmt(idx) ? textCacheOf(bits, defaultRel).get(st.key) : undefined;
          if (shared) { cache[idx] = shared; emit(shared, st.loc, reps); return; }
          let p: PreparedInstruction | { error: string } | undefined;
          if (idx >= 0 && preparedBits[idx] === bits) p = prepared[idx];
          else {
            p = prepareInstruction(st.mnem, st.prefixes, st.ops, bits);
            if (idx >= 0) { prepared[idx] = p; preparedBits[idx] = bits; }
          }
          let r: EncodeResult;
          let warnings: string[];
          if ('error' in p!) { r = p as { error: string }; warnings = []; }
          else {
            const pi = p as PreparedInstruction;
            operandEnv.loc = st.loc;
            const vals = evaluateOperands(pi, operandEnv);
            const address = here();
            const m = idx >= 0 ? memo[idx] : undefined;
            if (m && m.address === address && m.bits === bits && m.defaultRel === defaultRel && sameOperandValues(m.vals, vals)) {
              r = m.r; warnings = m.warnings;
            } else {
              const w: string[] = [];
              r = encodePrepared(pi, vals, { bits, defaultRel, address, value: (e) => value(e, st.loc), warn: (msg) => w.push(msg) });
              // The one place a dialect's prefix order applies: before the bytes are memoised, cached or emitted.
              if (gnuPrefixOrder && 'bytes' in r) r = { bytes: gnuLegacyPrefixOrder(r.bytes) };
              warnings = w;
              if (idx >= 0) memo[idx] = { bits, defaultRel, address, vals, r, warnings };
            }
          }
          if ('error' in r) {
            if (finalPass) sink.error(st.loc, r.error);
            // Keep a plausible size so later addresses stay meaningful.
            const guess = idx >= 0 && cache[idx] ? cache[idx]!.length : 0;
            advance(guess * reps);
            return;
          }
          if (finalPass) for (const w of warnings) warnSink.warning(st.loc, w);
          if (idx >= 0 && constantStmt(idx) && warnings.length === 0) {
            cache[idx] = r.bytes;
            if (st.key !== undefined) textCacheOf(bits, defaultRel).set(st.key, r.bytes);
          }
          emit(r.bytes, st.loc, reps);
          return;
        }
        case 'data': {
          const c = idx >= 0 ? cache[idx] : undefined;
          if (c) {
            const cw = cacheWarnings[idx];
            if (finalPass && cw) for (const w of cw) sink.warning(w.loc, w.message);
            emit(c, st.loc, reps);
            return;
          }
          const out: number[] = [];
          const dataWarnings: { loc: SourceLoc; message: string }[] = [];
          for (const it of st.items) {
            if (it.k === 'bytes') { for (const b of it.b) out.push(b); continue; }
            if (it.k === 'float') {
              const fb = floatBytes(it.v, st.unit);
              if (!fb) { if (finalPass) sink.error(it.loc, `floating-point constants need dd, dq or dt, not a ${st.unit}-byte unit`); for (let i = 0; i < st.unit; i++) out.push(0); continue; }
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
            const v = value(e, it.loc);
            if (n < 8 && !v.unknown) {
              const lim = 1n << BigInt(n * 8);
              if (v.v >= lim || v.v < -(lim >> 1n)) dataWarnings.push({ loc: it.loc, message: `value ${v.v} does not fit in ${n} byte(s) and is truncated` });
            }
            let x = BigInt.asUintN(Math.min(n, 8) * 8, v.v);
            for (let i = 0; i < n; i++) { out.push(i < 8 ? Number(x & 0xffn) : (v.v < 0n ? 0xff : 0)); if (i < 8) x >>= 8n; }
          }
          if (idx >= 0 && constantStmt(idx)) { cache[idx] = out; if (dataWarnings.length) cacheWarnings[idx] = dataWarnings; }
          if (finalPass) for (const w of dataWarnings) sink.warning(w.loc, w.message);
          emit(out, st.loc, reps);
          return;
        }
        case 'res': {
          const v = value(st.count, st.loc);
          if (v.unknown && finalPass) {
            // A non-final pass reserves what it has; only a certain final pass leaves the space out.
            if (realFinal) return;
            speculationSpoiled = true;
          }
          reserve(Number(v.v) * st.unit * reps, st.loc);
          return;
        }
        case 'incbin': emit(st.data, st.loc, reps); return;
        default:
          if (finalPass) sink.error(st.loc, "'times' can only repeat an instruction or data");
      }
    };

    for (let i = 0; i < stmts.length; i++) {
      const st = stmts[i];
      switch (st.k) {
        case 'label': {
          const isAbs = !!absolute;
          defineSymbol(st.name, 'label', isAbs ? null : cur, bigOf(here()), !isAbs, st.loc, i);
          let nl = nonLocal[i];
          if (nl === 0) nonLocal[i] = nl = !st.name.includes('.') && !st.name.startsWith('..@') ? 1 : 2;
          if (nl === 1) {
            if (openFrame && openFrame.end < 0 && lastNonLocalName !== null && st.name !== lastNonLocalName) openFrame.end = here();
            lastNonLocalName = st.name;
            lastNonLocalAddress = here();
          }
          if (openStruc && st.name.startsWith(openStruc.name + '.')) openStruc.fields.push({ name: st.name.slice(openStruc.name.length + 1), offset: here() - openStruc.base });
          break;
        }
        case 'equ': {
          const v = value(st.e, st.loc);
          defineSymbol(st.name, 'equ', null, v.v, v.reloc, st.loc, i);
          break;
        }
        case 'insn': case 'data': case 'res': case 'incbin':
          encodeStatement(st, i, 1);
          break;
        case 'times': {
          const v = value(st.count, st.loc);
          let n = Number(v.v);
          if (v.unknown) n = 0;
          if (n < 0) { if (finalPass) sink.error(st.loc, `'times' count is negative (${n})`); n = 0; }
          if (n > 16_000_000) { if (finalPass) sink.error(st.loc, `'times' count ${n} is too large`); n = 0; }
          if (n === 0) break;
          // NASM evaluates the repeated statement once, with $ at the start of the line.
          const start = here();
          encodeStatement(st.body, -1, n);
          if (finalPass && lineMap.length && lineMap[lineMap.length - 1].address === start) lineMap[lineMap.length - 1].column = st.loc.column;
          break;
        }
        case 'align': {
          const v = value(st.to, st.loc);
          const a = Number(v.v);
          if (!v.unknown && (a <= 0 || (a & (a - 1)) !== 0)) { if (finalPass) sink.error(st.loc, `alignment ${a} is not a power of two`); break; }
          if (v.unknown) break;
          const rel = absolute ? absolute.offset : cur.offset;
          const pad = (a - (rel % a)) % a;
          if (!absolute && a > cur.align && !cur.explicitAlign) cur.align = a;
          if (pad === 0) break;
          if (st.fill === 'reserve' || absolute || cur.nobits) reserve(pad, st.loc);
          else emit(new Array<number>(pad).fill(st.fill === 'nop' ? 0x90 : 0), st.loc);
          break;
        }
        case 'section': {
          if (st.name === '') { absolute = null; cur = lastReal; break; }
          absolute = null;
          const s = getSection(st.name, sectionOrder++);
          if (st.attrs.nobits !== undefined) s.nobits = st.attrs.nobits;
          if (st.attrs.align) { s.align = st.attrs.align; s.explicitAlign = true; }
          if (st.attrs.start) s.startExpr = st.attrs.start;
          else if (st.attrs.vstart) s.startExpr = st.attrs.vstart;
          cur = s; lastReal = s;
          break;
        }
        case 'absolute': {
          const v = value(st.at, st.loc);
          absolute = { base: Number(v.v), offset: 0 };
          break;
        }
        case 'bits': bits = st.bits; break;
        case 'default': defaultRel = st.rel; break;
        case 'org': {
          const v = value(st.e, st.loc);
          if (orgSeen && pass === 1) { sink.error(st.loc, "program origin redefined ('org' may appear only once)"); break; }
          orgSeen = true;
          origin = Number(BigInt.asUintN(64, v.v));
          break;
        }
        case 'global': for (const n of st.names) { globals.add(n); const s = symbols.get(n); if (s) s.global = true; } break;
        case 'extern':
          for (const n of st.names) {
            externs.add(n);
            const old = symbols.get(n);
            if (!old) symbols.set(n, { kind: 'extern', section: null, value: 0n, reloc: true, pass, defPass: 0, recorded: -1, recordedValue: 0n, loc: st.loc });
            else if (old.kind === 'extern') {
              // A fresh extern entry (in place, so statements that hold the entry keep seeing it).
              old.section = null; old.value = 0n; old.reloc = true; old.pass = pass; old.defPass = 0; old.loc = st.loc; old.global = undefined;
            }
          }
          break;
        case 'strucBegin': openStruc = { name: st.name, base: 0, fields: [] }; break;
        case 'strucEnd': {
          if (openStruc) {
            const size = Number(symbols.get(`${st.name}_size`)?.value ?? 0n);
            const base = Number(symbols.get(st.name)?.value ?? 0n);
            const fields = openStruc.fields.map((f, k, all) => ({ name: f.name, offset: f.offset - base, size: (k + 1 < all.length ? all[k + 1].offset : base + size) - f.offset }));
            strucs.push({ name: st.name, size, fields });
          }
          openStruc = null;
          break;
        }
        case 'frame': {
          if (!openFrame || openFrame.end >= 0) {
            openFrame = { proc: lastNonLocalName ?? '', start: lastNonLocalName !== null ? lastNonLocalAddress : here(), end: -1, frameRegister: st.reg, args: [], locals: [] };
            frames.push(openFrame);
          }
          openFrame.args.push(...st.args);
          openFrame.locals.push(...st.locals);
          break;
        }
        case 'frameEnd': if (openFrame && openFrame.end < 0) openFrame.end = here(); break;
      }
      if (openStruc && st.k === 'label' && st.name === openStruc.name) openStruc.base = here();
    }
    if (openFrame && openFrame.end < 0) openFrame.end = here();

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
        const v = value(s.startExpr, { file: '', line: 1, column: 1, endColumn: 2 });
        addr = Number(v.v);
      } else if (s !== text || addr !== origin) addr = alignUp(addr, s.align);
      s.start = addr;
      starts.set(s.name, addr);
      addr += s.size;
    }

    // Convergence: every symbol and section start as in the previous pass.
    let changed = false;
    for (const s of symbols.values()) {
      if (s.pass !== pass && s.kind !== 'extern') continue;
      if (s.recorded !== pass - 1 || s.recordedValue !== s.value) changed = true;
      s.recorded = pass;
      s.recordedValue = s.value;
    }
    for (const [n, v] of starts) if (prevStarts.get(n) !== v) changed = true;
    // Labels are section-relative during a pass: refresh them with the new starts.
    for (const s of symbols.values()) if (s.kind === 'label' && s.section) void s;
    prevStarts = starts;
    if (realFinal || (finalPass && !changed && !speculationSpoiled)) { passDiag = sink.list; break; }
    if (!changed || pass >= MAX_PASSES) {
      if (changed) diag.error({ file: stmts[0]?.loc.file ?? '', line: 1, column: 1, endColumn: 2 }, `layout did not converge after ${MAX_PASSES} passes (sizes keep changing)`);
      realFinal = true;
    }
  }
  for (const d of passDiag) diag.list.push(d), d.severity === 'error' && diag.errorCount++;
  // Report in source order: front-end and layout problems interleave by line.
  const fileOrder = new Map<string, number>();
  for (const d of diag.list) if (!fileOrder.has(d.file)) fileOrder.set(d.file, fileOrder.size);
  diag.list.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : fileOrder.get(a.file)! - fileOrder.get(b.file)!));

  // The image: progbits sections at their addresses relative to the origin.
  const secInfo: Record<string, SectionInfo> = {};
  const progbits = [...sections.values()].filter((s) => !s.nobits);
  let end = origin;
  for (const s of progbits) if (s.size) end = Math.max(end, s.start + s.size);
  const imageSize = Math.max(0, end - origin);
  const image = new Uint8Array(imageSize);
  for (const s of sections.values()) {
    secInfo[s.name] = { name: s.name, start: s.start, size: s.size, nobits: s.nobits, align: s.align, fileOffset: s.nobits ? undefined : s.start - origin };
    if (s.nobits) continue;
    for (let j = 0; j < s.chunkOffset.length; j++) {
      const at = s.start - origin + s.chunkOffset[j];
      const n = s.chunkCount[j];
      const bytes = s.chunkBytes[j];
      const len = bytes.length;
      for (let k = 0; k < n; k++) {
        const o = at + k * len;
        if (o < 0 || o + len > image.length) continue;
        if (len <= 16) for (let b = 0; b < len; b++) image[o + b] = bytes[b];
        else image.set(bytes, o);
      }
    }
  }
  const outSyms = new Map<string, SymbolInfo>();
  for (const [n, s] of symbols) {
    if (n.startsWith('..@')) continue;
    const info: SymbolInfo = { value: Number(BigInt.asUintN(64, s.value)), section: s.section?.name ?? (s.kind === 'extern' ? '' : 'abs'), kind: s.kind };
    if (s.global || globals.has(n)) info.global = true;
    outSyms.set(n, info);
  }
  // Usually already in address order (one section, no org jumps back): the sort is stable, so skipping it then changes nothing.
  let ordered = true;
  for (let j = 1; j < lineMap.length; j++) if (lineMap[j - 1].address > lineMap[j].address) { ordered = false; break; }
  if (!ordered) lineMap.sort((a, b) => a.address - b.address);
  return { image, origin, sections: secInfo, symbols: outSyms, lineMap, debugInfo: { strucs, frames }, diagnostics: diag.list };
}

function alignUp(a: number, n: number): number { return n > 1 ? Math.ceil(a / n) * n : a; }

function entry(address: number, length: number, loc: SourceLoc, section: string, reserved = false): LineEntry {
  const e: LineEntry = { address, length, file: loc.file, line: loc.line, column: loc.column, section };
  if (loc.body) e.body = loc.body;
  if (reserved) e.reserved = true;
  return e;
}

/** How many labels (with sign) an expression adds: non-zero means the value moves with the code. */
function relocOf(e: Expr, symbols: (e: SymExpr) => Sym | undefined, inAbsolute: boolean): number {
  switch (e.k) {
    case 'num': return 0;
    case 'sym': { const s = symbols(e); return s && s.reloc ? 1 : s ? 0 : 1; }
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
