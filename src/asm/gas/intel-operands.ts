// GNU as Intel-syntax operands: `dword ptr [base+index*scale+disp]`, `fs:48`, `offset sym`, `sym[rax]`, st(i), selector:offset.

import { fold, type Expr } from '../expression';
import { lookupRegister, RegClass, type Register } from '../registers';
import type { MemOperand, SizeSpec } from '../statement';
import type { SourceLoc } from '../types';
import { gasRegister, stIndex, type GasOperand } from './att-operands';
import { Cursor, GasSyntaxError } from './expression-parser';
import { T, type Token } from './lexer';
import type { GasParser } from './statement-parser';

const SIZES: Record<string, SizeSpec> = {
  byte: 1, word: 2, dword: 4, fword: 6, qword: 8, mmword: 8, tbyte: 10, oword: 16, xmmword: 16, ymmword: 32,
};
const REG_MARK = '\u0000reg:';

/** Reads a register token: a bare name (noprefix) or %name. */
function regToken(p: GasParser, t: Token | undefined): Register | undefined {
  if (!t) return undefined;
  if (t.t === T.Reg) return gasRegister(t.s);
  if (t.t === T.Id && !p.intelPrefix) return gasRegister(t.s.toLowerCase());
  return undefined;
}

/** Parses one Intel operand up to the next top-level comma. */
export function parseIntelOperand(p: GasParser, c: Cursor): GasOperand {
  const first = c.peek()!;
  let size: SizeSpec = 0;
  let offset = false;
  let jump: 'short' | 'near' | 'far' | undefined;
  for (;;) {
    const t = c.peek();
    if (!t || t.t !== T.Id) break;
    const w = t.s.toLowerCase();
    if (SIZES[w] !== undefined && c.isWord('ptr', 1)) { size = SIZES[w]; c.next(); c.next(); continue; }
    if (SIZES[w] !== undefined && (c.isOp('[', 1) || (c.peek(1) && regToken(p, c.peek(1))?.cls === RegClass.Seg))) c.fail(`write '${t.s} ptr' for a memory operand size`, t);
    if (w === 'offset') { offset = true; c.next(); if (c.isWord('flat') && c.isOp(':', 1)) { c.next(); c.next(); } continue; }
    if (w === 'short' || w === 'near') { jump = w; c.next(); if (c.isWord('ptr')) c.next(); continue; }
    if (w === 'far' && c.isWord('ptr', 1)) { jump = 'far'; c.next(); c.next(); continue; }
    break;
  }
  const t = c.peek();
  if (!t) c.fail('expected an operand', first);
  // A register alone.
  const r = regToken(p, t);
  if (r && (c.pos + 1 >= c.toks.length || c.isOp(',', 1) || (r.name === 'st0' && t.s.toLowerCase() === 'st' && c.isOp('(', 1)))) {
    c.next();
    let reg = r;
    if (t.s.toLowerCase() === 'st' || t.s === 'st') reg = stIndex(c) ?? r;
    if (!c.atEnd() && !c.isOp(',')) c.fail(`unexpected '${c.peek()!.s}' after the register`);
    return { op: { k: 'reg', reg, loc: p.loc(first, c.toks[c.pos - 1]) }, constant: true, first, last: c.toks[c.pos - 1] };
  }
  // The operand's tokens, to the next comma outside brackets and parentheses.
  let depth = 0;
  let endPos = c.pos;
  while (endPos < c.toks.length) {
    const x = c.toks[endPos];
    if (x.t === T.Op && (x.s === '[' || x.s === '(')) depth++;
    if (x.t === T.Op && (x.s === ']' || x.s === ')')) depth--;
    if (x.t === T.Op && x.s === ',' && depth <= 0) break;
    endPos++;
  }
  const toks = c.toks.slice(c.pos, endPos);
  const last = c.toks[endPos - 1];
  c.pos = endPos;
  const loc = p.loc(first, last);
  let seg = -1;
  let k = 0;
  // Segment override in front: fs:48, fs:[rax]
  const sr = regToken(p, toks[0]);
  if (sr && sr.cls === RegClass.Seg && toks[1]?.t === T.Op && toks[1].s === ':') { seg = sr.num; k = 2; }
  // selector:offset (far jump/call)
  const body = toks.slice(k);
  const colon = body.findIndex((x) => x.t === T.Op && x.s === ':');
  if (seg < 0 && colon > 0 && !body.some((x) => x.t === T.Op && x.s === '[')) {
    const noOffset = (l: Token[]) => l.filter((x) => !(x.t === T.Id && x.s.toLowerCase() === 'offset'));
    const a = new Cursor(noOffset(body.slice(0, colon)), c.locOf);
    const b = new Cursor(noOffset(body.slice(colon + 1)), c.locOf);
    const se = p.expr(a); const oe = p.expr(b);
    if (!a.atEnd() || !b.atEnd()) c.fail('invalid far pointer (write selector:offset)', first);
    return { op: { k: 'far', seg: se, off: oe, size, loc }, constant: p.constValue(se) !== undefined && p.constValue(oe) !== undefined, first, last };
  }
  // Brackets become parentheses; `x[...]` and `][` add.
  const conv: Token[] = [];
  let brackets = false;
  for (const x of body) {
    if (x.t === T.Op && x.s === '[') {
      brackets = true;
      const prev = conv[conv.length - 1];
      if (prev && (prev.t !== T.Op || prev.s === ')')) conv.push({ ...x, s: '+' });
      conv.push({ ...x, s: '(' });
      continue;
    }
    if (x.t === T.Op && x.s === ']') { conv.push({ ...x, s: ')' }); continue; }
    // Segment override inside brackets: [fs:rax]
    conv.push(x);
  }
  const inner: Token[] = [];
  for (let i = 0; i < conv.length; i++) {
    const r2 = regToken(p, conv[i]);
    if (r2 && r2.cls === RegClass.Seg && conv[i + 1]?.t === T.Op && conv[i + 1].s === ':') { seg = r2.num; i++; continue; }
    inner.push(conv[i]);
  }
  if (!inner.length) c.fail('expected an address', first);
  let sawReg = false;
  const ec = new Cursor(inner, c.locOf);
  const e = p.expr(ec, {
    register: (name, tok) => {
      const rr = tok.t === T.Reg ? gasRegister(name) : p.intelPrefix ? undefined : gasRegister(name);
      if (!rr) return undefined;
      sawReg = true;
      return { k: 'sym', name: REG_MARK + rr.name, loc: p.loc(tok) };
    },
  });
  if (!ec.atEnd()) ec.fail(`unexpected '${ec.peek()!.s}' in the operand`);
  if (!brackets && !sawReg && seg < 0) {
    const v = p.constValue(e);
    return {
      op: { k: 'imm', expr: e, size, strict: false, jump, loc }, constant: v !== undefined, offset, bare: !offset && v === undefined, first, last,
    };
  }
  if (offset) c.fail("'offset' cannot be used with a memory operand", first);
  const m = toMemory(e, size, seg, loc);
  if (jump === 'far') m.far = true;
  return { op: m, constant: m.disp === null || p.constValue(m.disp) !== undefined, first, last };
}

/** Splits an address expression into base, index*scale and displacement. */
function toMemory(e: Expr, size: SizeSpec, seg: number, loc: SourceLoc): MemOperand {
  const regs = new Map<string, number>();
  const rest = walk(e, 1);
  let base: Register | null = null;
  let index: Register | null = null;
  let scale: 1 | 2 | 4 | 8 = 1;
  const list = [...regs.entries()].filter(([, k]) => k !== 0);
  for (const [name, k] of list) {
    const r = lookupRegister(name)!;
    if (r.cls !== RegClass.Gpr && r.cls !== RegClass.Rip) throw new GasSyntaxError(`register '${name}' cannot be used in an address`, loc);
    if (r.size === 1) throw new GasSyntaxError(`8-bit register '${name}' cannot be used in an address`, loc);
    if (k < 0) throw new GasSyntaxError('a register cannot be subtracted in an address', loc);
  }
  // Registers in written order: the first unscaled one is the base (GNU as keeps [eax+ebx] as base eax).
  if (list.length > 2) throw new GasSyntaxError('too many registers in the address', loc);
  if (list.length === 1) {
    const [name, k] = list[0];
    const r = lookupRegister(name)!;
    if (k === 1 && !scaledOnce.has(name)) base = r;
    else if (k === 1 || k === 2 || k === 4 || k === 8) { index = r; scale = k as 1 | 2 | 4 | 8; }
    else throw new GasSyntaxError(`invalid scale ${k} (use 1, 2, 4 or 8)`, loc);
  } else if (list.length === 2) {
    let [[n1, k1], [n2, k2]] = list;
    if ((k1 !== 1 || scaledOnce.has(n1)) && k2 === 1 && !scaledOnce.has(n2)) { [n1, k1, n2, k2] = [n2, k2, n1, k1]; }
    if (k1 !== 1) throw new GasSyntaxError('only one register of an address can be scaled', loc);
    if (k2 !== 1 && k2 !== 2 && k2 !== 4 && k2 !== 8) throw new GasSyntaxError(`invalid scale ${k2} (use 1, 2, 4 or 8)`, loc);
    base = lookupRegister(n1)!;
    index = lookupRegister(n2)!;
    scale = k2 as 1 | 2 | 4 | 8;
  }
  scaledOnce.clear();
  if (index && index.cls === RegClass.Rip) throw new GasSyntaxError('rip cannot be an index register', loc);
  return { k: 'mem', size, seg, base, index, scale, disp: rest ? fold(rest) : null, dispSize: 0, nosplit: true, far: false, strict: false, loc };

  function hasReg(x: Expr): boolean {
    switch (x.k) {
      case 'sym': return x.name.startsWith(REG_MARK);
      case 'un': return hasReg(x.a);
      case 'bin': return hasReg(x.a) || hasReg(x.b);
      case 'cond': return hasReg(x.c) || hasReg(x.a) || hasReg(x.b);
      default: return false;
    }
  }
  function walk(x: Expr, k: number): Expr | null {
    if (!hasReg(x)) return k === 1 ? x : k === -1 ? { k: 'un', op: '-', a: x } : { k: 'bin', op: '*', a: x, b: { k: 'num', v: BigInt(k) } };
    if (x.k === 'sym') {
      const n = x.name.slice(REG_MARK.length);
      regs.set(n, (regs.get(n) ?? 0) + k);
      return null;
    }
    if (x.k === 'un' && (x.op === '-' || x.op === '+')) return walk(x.a, x.op === '-' ? -k : k);
    if (x.k === 'bin' && (x.op === '+' || x.op === '-')) {
      const a = walk(x.a, k);
      const b = walk(x.b, x.op === '-' ? -k : k);
      if (!a) return b;
      if (!b) return a;
      return { k: 'bin', op: '+', a, b };
    }
    if (x.k === 'bin' && x.op === '*') {
      const [r, n] = hasReg(x.a) ? [x.a, x.b] : [x.b, x.a];
      if (hasReg(n)) throw new GasSyntaxError('registers cannot be multiplied together', loc);
      const f = fold(n);
      if (f.k !== 'num') throw new GasSyntaxError('a register scale must be a constant number', loc);
      if (r.k === 'sym') scaledOnce.add(r.name.slice(REG_MARK.length));
      return walk(r, k * Number(f.v));
    }
    throw new GasSyntaxError('invalid use of a register in an address', loc);
  }
}

/** Registers written with an explicit `*1` scale (then they are an index, not a base). */
const scaledOnce = new Set<string>();
