// GNU as directives: data (.byte .. .quad, .ascii, .float), space (.fill .skip .zero), .align family, .org, sections, symbols, modes.

import type { Expr } from '../expression';
import type { DataItem, Statement } from '../statement';
import type { SourceLoc } from '../types';
import { Cursor } from './expression-parser';
import { T, type Token } from './lexer';
import { nopBytes, nopPaddingStatements } from './nop-padding';
import type { GasParser } from './statement-parser';

const DATA: Record<string, 1 | 2 | 4 | 8 | 16> = {
  '.byte': 1, '.short': 2, '.word': 2, '.hword': 2, '.value': 2, '.2byte': 2, '.long': 4, '.int': 4, '.4byte': 4,
  '.quad': 8, '.8byte': 8, '.octa': 16, '.dc.b': 1, '.dc.w': 2, '.dc.l': 4, '.dc.a': 8,
};
const FLOATS: Record<string, 4 | 8 | 10> = { '.float': 4, '.single': 4, '.double': 8, '.tfloat': 10, '.ldouble': 10, '.dc.s': 4, '.dc.d': 8 };
/** Directives that only matter for object files or debug sections: accepted without a message. */
const IGNORED = new Set([
  '.type', '.size', '.file', '.loc', '.ident', '.loc_mark_labels', '.arch', '.att_mnemonic', '.intel_mnemonic', '.extern',
  '.hidden', '.local', '.protected', '.internal', '.weakref', '.symver', '.addrsig', '.addrsig_sym', '.gnu_attribute',
  '.def', '.endef', '.scl', '.val', '.tag', '.dim', '.linkonce', '.list', '.nolist', '.psize', '.eject', '.title', '.sbttl',
  '.lflags', '.version', '.stabs', '.stabn', '.stabd', '.desc', '.vtable_entry', '.vtable_inherit', '.frame', '.note',
  '.sect', '.noopt', '.optim', '.mri', '.lsym', '.abort', '.appfile', '.appline', '.debug', '.uses', '.end_bundle',
]);
const HANDLED = new Set([
  ...Object.keys(DATA), ...Object.keys(FLOATS), '.ascii', '.asciz', '.string', '.zero', '.skip', '.space', '.fill',
  '.align', '.balign', '.p2align', '.balignw', '.balignl', '.p2alignw', '.p2alignl', '.org', '.section', '.text', '.data', '.bss',
  '.pushsection', '.popsection', '.previous', '.global', '.globl', '.weak', '.set', '.equ', '.equiv', '.eqv', '.code16',
  '.code16gcc', '.code32', '.code64', '.intel_syntax', '.att_syntax', '.comm', '.lcomm', '.incbin', '.err', '.error',
  '.warning', '.print', '.nops', '.uleb128', '.sleb128', '.rodata', '.subsection', '.bundle_align_mode', '.cfi', '.byte',
]);

/** True when `w` (lower case, with the dot) is a directive this front end knows. */
export function isDirective(w: string): boolean {
  return HANDLED.has(w) || IGNORED.has(w) || w.startsWith('.cfi_') || w.startsWith('.seh_');
}

/** Executes one directive; the cursor stands after the directive word. */
export function directive(p: GasParser, w: string, t: Token, c: Cursor): void {
  const loc = p.loc(t, c.toks[c.toks.length - 1]);
  if (IGNORED.has(w) || w.startsWith('.cfi_') || w.startsWith('.seh_')) return;
  if (DATA[w]) {
    // `.` inside a data directive is the address of the item itself: one statement per item then.
    const st = data(p, c, DATA[w], loc) as Extract<Statement, { k: 'data' }>;
    if (st.items.length > 1 && st.items.some((it) => it.k === 'expr' && mentionsHere(it.e))) for (const it of st.items) p.emit({ ...st, items: [it] });
    else p.emit(st);
    return;
  }
  if (FLOATS[w]) { p.emit(floats(p, c, FLOATS[w], loc)); return; }
  switch (w) {
    case '.ascii': case '.asciz': case '.string': {
      const parts: number[] = [];
      do {
        const s = c.next();
        if (!s || s.t !== T.Str) c.fail(`'${w}' expects quoted strings`, s);
        parts.push(...s.b!);
        if (w !== '.ascii') parts.push(0);
        // Adjacent strings without a comma are accepted as GNU as does.
      } while (c.eatOp(',') || (c.peek()?.t === T.Str));
      end(c);
      p.emit({ k: 'data', unit: 1, items: [{ k: 'bytes', b: new Uint8Array(parts) }], loc });
      return;
    }
    case '.zero': case '.skip': case '.space': {
      const count = p.expr(c);
      let fill: Expr | null = null;
      if (c.eatOp(',')) fill = p.expr(c);
      end(c);
      if (fill && !(fill.k === 'num' && fill.v === 0n)) {
        p.emit({ k: 'times', count, body: { k: 'data', unit: 1, items: [{ k: 'expr', e: fill, loc }], loc }, loc });
      } else p.emit({ k: 'res', unit: 1, count, loc });
      return;
    }
    case '.fill': { fill(p, c, loc); return; }
    case '.align': case '.balign': case '.p2align': case '.balignw': case '.balignl': case '.p2alignw': case '.p2alignl': {
      align(p, c, w, loc);
      return;
    }
    case '.org': {
      const e = p.expr(c);
      let f: Expr = { k: 'num', v: 0n };
      if (c.eatOp(',')) f = p.expr(c);
      end(c);
      // Section-relative: pad from the current offset up to e.
      const count: Expr = { k: 'bin', op: '-', a: e, b: { k: 'bin', op: '-', a: { k: 'here' }, b: { k: 'base' } }, loc };
      p.emit({ k: 'times', count, body: { k: 'data', unit: 1, items: [{ k: 'expr', e: f, loc }], loc }, loc });
      return;
    }
    case '.text': case '.data': case '.bss': case '.rodata': {
      if (!c.atEnd()) p.expr(c); // subsection number: kept in one piece here
      p.switchSection(p.sectionState(w), loc);
      return;
    }
    case '.section': case '.pushsection': {
      const s = sectionArgs(p, c);
      if (w === '.pushsection') p.sectionStack.push({ cur: p.section, prev: p.previous });
      p.switchSection(p.sectionState(s.name, s.flags, s.type), loc);
      return;
    }
    case '.popsection': {
      const top = p.sectionStack.pop();
      if (!top) c.fail("'.popsection' without '.pushsection'", t);
      p.switchSection(top.cur, loc);
      p.previous = top.prev;
      return;
    }
    case '.previous': p.switchSection(p.previous, loc); return;
    case '.subsection': return;
    case '.global': case '.globl': case '.weak': {
      const names: string[] = [];
      while (!c.atEnd()) {
        const n = c.next()!;
        if (n.t !== T.Id) c.fail(`expected a symbol name, found '${n.s}'`, n);
        names.push(n.s);
        if (!c.eatOp(',')) break;
      }
      end(c);
      p.emit({ k: 'global', names, loc });
      return;
    }
    case '.set': case '.equ': case '.equiv': case '.eqv': {
      const n = c.next();
      if (!n || n.t !== T.Id) c.fail(`'${w}' needs a symbol name`, n);
      if (!c.eatOp(',')) c.fail(`expected ',' after the symbol name in '${w}'`);
      const e = p.expr(c);
      end(c);
      p.assign(n.s, e, n, w === '.equiv');
      return;
    }
    case '.code16': case '.code16gcc': p.setBits(16, loc); end(c); return;
    case '.code32': p.setBits(32, loc); end(c); return;
    case '.code64': p.setBits(64, loc); end(c); return;
    case '.intel_syntax': case '.att_syntax': {
      const a = c.next();
      const arg = a?.s.toLowerCase();
      if (arg !== undefined && arg !== 'prefix' && arg !== 'noprefix') c.fail(`'${w}' takes 'prefix' or 'noprefix'`, a);
      p.syntax = w === '.intel_syntax' ? 'intel' : 'att';
      p.intelPrefix = w === '.intel_syntax' && arg === 'prefix';
      if (w === '.att_syntax' && arg === 'noprefix') c.fail("'.att_syntax noprefix' is not supported: write registers with '%'", a);
      return;
    }
    case '.comm': case '.lcomm': { common(p, c, loc); return; }
    case '.incbin': {
      const f = c.next();
      if (!f || f.t !== T.Str) c.fail("'.incbin' expects a quoted file name", f);
      const name = String.fromCharCode(...f.b!);
      const bytes = p.readBinary?.(name, loc.file);
      if (!bytes) c.fail(`cannot read '${name}' for .incbin`, f);
      let skip = 0; let len = bytes.length;
      if (c.eatOp(',')) skip = Number(constant(p, c, "'.incbin' skip"));
      if (c.eatOp(',')) len = Number(constant(p, c, "'.incbin' count"));
      end(c);
      p.emit({ k: 'incbin', data: bytes.subarray(skip, skip + len), loc });
      return;
    }
    case '.err': p.diag.error(loc, '.err encountered'); return;
    case '.error': case '.warning': case '.print': {
      const s = c.peek();
      const msg = s && s.t === T.Str ? String.fromCharCode(...s.b!) : `${w} encountered`;
      if (w === '.error') p.diag.error(loc, msg);
      else if (w === '.warning') p.diag.warning(loc, msg);
      return;
    }
    case '.nops': {
      const n = Number(constant(p, c, "'.nops' size"));
      if (c.eatOp(',')) constant(p, c, "'.nops' limit");
      end(c);
      if (n < 0 || n > 1 << 20) c.fail(`'.nops' size ${n} is out of range`, t);
      p.emit({ k: 'data', unit: 1, items: [{ k: 'bytes', b: new Uint8Array(nopBytes(n, p.bits, p.x86_64)) }], loc });
      return;
    }
    case '.uleb128': case '.sleb128': {
      const bytes: number[] = [];
      do {
        let v = constant(p, c, `'${w}' value`);
        for (;;) {
          const b = Number(v & 0x7fn);
          v = w === '.sleb128' ? v >> 7n : BigInt.asUintN(64, v) >> 7n;
          const done = w === '.sleb128' ? (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0) : v === 0n;
          bytes.push(done ? b : b | 0x80);
          if (done) break;
        }
      } while (c.eatOp(','));
      end(c);
      p.emit({ k: 'data', unit: 1, items: [{ k: 'bytes', b: new Uint8Array(bytes) }], loc });
      return;
    }
    case '.bundle_align_mode': return;
  }
  c.fail(`directive '${w}' is not supported`, t);
}

function mentionsHere(e: Expr): boolean {
  switch (e.k) {
    case 'here': return true;
    case 'un': return mentionsHere(e.a);
    case 'bin': return mentionsHere(e.a) || mentionsHere(e.b);
    case 'cond': return mentionsHere(e.c) || mentionsHere(e.a) || mentionsHere(e.b);
    default: return false;
  }
}

function end(c: Cursor): void {
  if (!c.atEnd()) c.fail(`unexpected '${c.peek()!.s}' at the end of the directive`);
}

function constant(p: GasParser, c: Cursor, what: string): bigint {
  const start = c.peek();
  const e = p.expr(c);
  const v = p.constValue(e);
  if (v === undefined) c.fail(`${what} must be a constant known at this point`, start);
  return v;
}

function data(p: GasParser, c: Cursor, unit: 1 | 2 | 4 | 8 | 16, loc: SourceLoc): Statement {
  const items: DataItem[] = [];
  if (c.atEnd()) return { k: 'data', unit, items, loc };
  for (;;) {
    const s = c.peek();
    if (!s) c.fail("expected a value after ','");
    if (s.t === T.Str && unit === 1 && (!c.peek(1) || c.isOp(',', 1))) {
      c.next();
      items.push({ k: 'bytes', b: s.b! });
    } else {
      const start = c.pos;
      const e = p.expr(c);
      items.push({ k: 'expr', e, loc: p.loc(c.toks[start], c.toks[c.pos - 1]) });
    }
    if (c.atEnd()) break;
    if (!c.eatOp(',')) c.fail(`expected ',' between values, found '${c.peek()!.s}'`);
  }
  return { k: 'data', unit, items, loc };
}

function floats(p: GasParser, c: Cursor, unit: 4 | 8 | 10, loc: SourceLoc): Statement {
  const items: DataItem[] = [];
  while (!c.atEnd()) {
    const s = c.peek()!;
    let neg = false;
    if (c.isOp(',')) c.fail('expected a number');
    if (c.isOp('-')) { neg = true; c.next(); }
    else if (c.isOp('+')) c.next();
    const v = c.next();
    if (!v) c.fail('expected a number', s);
    let f: number;
    if (v.t === T.Float) f = v.f!;
    else if (v.t === T.Num) f = Number(v.v!);
    else c.fail(`expected a floating-point number, found '${v.s}'`, v);
    items.push({ k: 'float', v: neg ? -f : f, loc: p.loc(s, v) });
    if (c.atEnd()) break;
    if (!c.eatOp(',')) c.fail(`expected ',' between values, found '${c.peek()!.s}'`);
  }
  return { k: 'data', unit, items, loc };
}

/** .fill repeat, size, value: size is capped at 8; the value is a 4-byte number as in GNU as. */
function fill(p: GasParser, c: Cursor, loc: SourceLoc): void {
  const count = p.expr(c);
  let size = 1n;
  let value: Expr = { k: 'num', v: 0n };
  if (c.eatOp(',')) { if (!c.isOp(',')) size = constant(p, c, "'.fill' size"); }
  if (c.eatOp(',')) value = p.expr(c);
  end(c);
  if (size < 0n) c.fail("'.fill' size must not be negative");
  const n = size > 8n ? 8 : Number(size);
  if (n === 0) return;
  const v = p.constValue(value);
  let body: Statement;
  if (n === 1 || n === 2 || n === 4) body = { k: 'data', unit: n, items: [{ k: 'expr', e: value, loc }], loc };
  else if (v !== undefined) {
    const b = new Uint8Array(n);
    const x = BigInt.asUintN(32, v);
    for (let i = 0; i < Math.min(4, n); i++) b[i] = Number((x >> BigInt(8 * i)) & 0xffn);
    body = { k: 'data', unit: 1, items: [{ k: 'bytes', b }], loc };
  } else body = { k: 'data', unit: 8, items: [{ k: 'expr', e: { k: 'bin', op: '&', a: value, b: { k: 'num', v: 0xffffffffn } }, loc }], loc };
  p.emit({ k: 'times', count, body, loc });
}

/** .align/.balign/.p2align to, fill, max: GNU as pads code sections with its NOP patterns. */
function align(p: GasParser, c: Cursor, w: string, loc: SourceLoc): void {
  let to = 1n;
  const start = c.peek();
  if (!c.atEnd() && !c.isOp(',')) to = constant(p, c, 'the alignment');
  if (w.startsWith('.p2align')) {
    if (to > 30n || to < 0n) c.fail(`alignment 2^${to} is too large`, start);
    to = 1n << to;
  }
  if (to === 0n) to = 1n;
  if ((to & (to - 1n)) !== 0n) c.fail(`alignment ${to} is not a power of 2`, start);
  let fillExpr: Expr | null = null;
  let max: bigint | null = null;
  if (c.eatOp(',')) {
    if (!c.isOp(',') && !c.atEnd()) fillExpr = p.expr(c);
    if (c.eatOp(',')) max = constant(p, c, 'the maximum padding');
  }
  end(c);
  if (to === 1n) return;
  const unitFill = w.endsWith('w') ? 2 : w.endsWith('l') ? 4 : 1;
  if (Number(to) > p.section.align) p.section.align = Number(to);
  const pad = p.tmp();
  const here: Expr = { k: 'bin', op: '&', a: { k: 'bin', op: '-', a: { k: 'base' }, b: { k: 'here' } }, b: { k: 'num', v: to - 1n } };
  let e: Expr = here;
  if (max !== null) e = { k: 'bin', op: '*', a: { k: 'bin', op: '<=', a: here, b: { k: 'num', v: max } }, b: here };
  p.emit({ k: 'equ', name: pad, e, loc });
  const padSym: Expr = { k: 'sym', name: pad, loc };
  if (p.section.nobits) { p.emit({ k: 'res', unit: 1, count: padSym, loc }); return; }
  if (fillExpr && unitFill > 1) {
    p.emit({ k: 'times', count: { k: 'bin', op: '/', a: padSym, b: { k: 'num', v: BigInt(unitFill) } }, body: { k: 'data', unit: unitFill as 2 | 4, items: [{ k: 'expr', e: fillExpr, loc }], loc }, loc });
    return;
  }
  if (fillExpr) { p.emit({ k: 'times', count: padSym, body: { k: 'data', unit: 1, items: [{ k: 'expr', e: fillExpr, loc }], loc }, loc }); return; }
  if (p.section.code) { for (const st of nopPaddingStatements(pad, () => p.tmp(), p.bits, p.x86_64, loc)) p.emit(st); return; }
  p.emit({ k: 'res', unit: 1, count: padSym, loc });
}

function sectionArgs(p: GasParser, c: Cursor): { name: string; flags?: string; type?: string } {
  // The name may contain dots and dashes; it runs to the first comma.
  let name = '';
  const first = c.peek();
  if (!first) c.fail("'.section' needs a section name");
  if (first.t === T.Str) { c.next(); name = String.fromCharCode(...first.b!); }
  else while (!c.atEnd() && !c.isOp(',')) name += c.next()!.s;
  let flags: string | undefined;
  let type: string | undefined;
  if (c.eatOp(',')) {
    const f = c.next();
    if (f && f.t === T.Str) flags = String.fromCharCode(...f.b!);
    else if (f && f.t === T.Op && f.s === '#') { flags = ''; c.next(); }
    if (c.eatOp(',')) {
      c.eatOp('@'); c.eatOp('%');
      const ty = c.next();
      if (ty) type = ty.s.toLowerCase();
    }
  }
  void p;
  return { name, flags, type: type === 'nobits' ? 'nobits' : type ? 'progbits' : undefined };
}

/** .comm / .lcomm name, size [, align]: space in .bss with a label, then back to the current section. */
function common(p: GasParser, c: Cursor, loc: SourceLoc): void {
  const n = c.next();
  if (!n || n.t !== T.Id) c.fail('expected a symbol name', n);
  if (!c.eatOp(',')) c.fail("expected ',' after the symbol name");
  const size = p.expr(c);
  let al = 0n;
  if (c.eatOp(',')) al = constant(p, c, 'the alignment');
  end(c);
  const back = p.section;
  const prev = p.previous;
  const bss = p.sectionState('.bss');
  p.switchSection(bss, loc);
  if (al > 1n) {
    if (Number(al) > bss.align) bss.align = Number(al);
    const pad = p.tmp();
    p.emit({ k: 'equ', name: pad, e: { k: 'bin', op: '&', a: { k: 'bin', op: '-', a: { k: 'base' }, b: { k: 'here' } }, b: { k: 'num', v: al - 1n } }, loc });
    p.emit({ k: 'res', unit: 1, count: { k: 'sym', name: pad, loc }, loc });
  }
  p.defineLabel(n.s, n);
  p.emit({ k: 'res', unit: 1, count: size, loc });
  p.switchSection(back, loc);
  p.previous = prev;
}
