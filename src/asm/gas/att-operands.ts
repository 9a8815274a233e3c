// AT&T operand syntax: %reg, $imm, disp(base,index,scale), %seg:mem, *indirect, %st(i), (%dx).

import type { Expr } from '../expression';
import { lookupRegister, RegClass, type Register } from '../registers';
import type { MemOperand, Operand } from '../statement';
import { Cursor } from './expression-parser';
import { T, type Token } from './lexer';
import type { GasParser } from './statement-parser';

/** An operand as written, before the instruction decides what it means. */
export interface GasOperand {
  op: Operand;
  /** AT&T `*`: indirect branch operand. */
  star?: boolean;
  /** AT&T `$`: immediate. */
  dollar?: boolean;
  /** `(%dx)` of IN/OUT. */
  dxPort?: boolean;
  /** The value (immediate) or displacement is known while parsing. */
  constant: boolean;
  /** Intel: `offset sym`. */
  offset?: boolean;
  /** Intel: memory written without brackets or registers (a bare symbol). */
  bare?: boolean;
  first: Token;
  last: Token;
}

/** Looks up a register by name; `st` alone is st0. */
export function gasRegister(name: string): Register | undefined {
  if (name === 'st') return lookupRegister('st0');
  return lookupRegister(name);
}

/** Reads `%st(N)` / `st(N)` after the `st` token. */
export function stIndex(c: Cursor): Register | undefined {
  if (!c.isOp('(') || c.peek(1)?.t !== T.Num || !c.isOp(')', 2)) return undefined;
  c.next();
  const n = c.next()!;
  c.next();
  const r = Number(n.v);
  if (r < 0 || r > 7) c.fail(`there is no x87 register st(${r})`, n);
  return lookupRegister(`st${r}`);
}

/** Parses one AT&T operand up to the next top-level comma. */
export function parseAttOperand(p: GasParser, c: Cursor): GasOperand {
  const first = c.peek()!;
  const star = c.eatOp('*');
  const t = c.peek();
  if (!t) c.fail('expected an operand', first);
  if (t.t === T.Op && t.s === '$') {
    c.next();
    if (c.atEnd() || c.isOp(',')) c.fail("expected a value after '$'", t);
    const e = p.expr(c);
    return { op: { k: 'imm', expr: e, size: 0, strict: false, loc: p.loc(first, c.toks[c.pos - 1]) }, dollar: true, star, constant: p.constValue(e) !== undefined, first, last: c.toks[c.pos - 1] };
  }
  let seg = -1;
  if (t.t === T.Reg) {
    const r = gasRegister(t.s);
    if (!r) c.fail(`unknown register '%${t.s}'`, t);
    c.next();
    if (c.isOp(':')) {
      if (r.cls !== RegClass.Seg) c.fail(`'%${t.s}' is not a segment register`, t);
      c.next();
      seg = r.num;
    } else {
      let reg = r;
      if (t.s === 'st') reg = stIndex(c) ?? r;
      return { op: { k: 'reg', reg, loc: p.loc(first, c.toks[c.pos - 1]) }, star, constant: true, first, last: c.toks[c.pos - 1] };
    }
  }
  return memory(p, c, first, seg, star);
}

/** disp(base, index, scale), either part optional; `disp` alone is an absolute address. */
function memory(p: GasParser, c: Cursor, first: Token, seg: number, star: boolean): GasOperand {
  let disp: Expr | null = null;
  const groupStarts = () => c.isOp('(') && (c.peek(1)?.t === T.Reg || c.isOp(',', 1));
  if (!groupStarts()) {
    if (c.atEnd() || c.isOp(',')) c.fail('expected an address after the segment register', c.toks[c.pos - 1]);
    disp = p.expr(c);
  }
  let base: Register | null = null;
  let index: Register | null = null;
  let scale: 1 | 2 | 4 | 8 = 1;
  let dxPort = false;
  if (groupStarts()) {
    const open = c.next()!;
    const bt = c.peek();
    if (bt && bt.t === T.Reg) {
      c.next();
      base = regFor(c, bt);
    }
    if (c.eatOp(',')) {
      const it = c.peek();
      if (it && it.t === T.Reg) { c.next(); index = regFor(c, it); }
      else if (!c.isOp(',')) c.fail('expected an index register', it);
      if (c.eatOp(',')) {
        const st = c.peek();
        const e = p.expr(c);
        const v = p.constValue(e);
        if (v !== 1n && v !== 2n && v !== 4n && v !== 8n) c.fail('the scale must be 1, 2, 4 or 8', st);
        scale = Number(v) as 1 | 2 | 4 | 8;
      }
    }
    if (!c.eatOp(')')) c.fail("expected ')' to close the address", c.peek() ?? open);
    if (base && base.name === 'dx' && !index && !disp) dxPort = true;
  }
  if (!c.atEnd() && !c.isOp(',')) c.fail(`unexpected '${c.peek()!.s}' in the operand`);
  const last = c.toks[c.pos - 1];
  const loc = p.loc(first, last);
  if (base && base.cls === RegClass.Rip && index) c.fail('%rip cannot be used with an index register', first);
  if (index && index.cls === RegClass.Rip) c.fail('%rip cannot be an index register', first);
  const m: MemOperand = { k: 'mem', size: 0, seg, base, index, scale, disp, dispSize: 0, nosplit: true, far: false, strict: false, loc };
  return { op: m, star, dxPort, constant: disp === null || p.constValue(disp) !== undefined, first, last };
}

function regFor(c: Cursor, t: Token): Register {
  const r = gasRegister(t.s);
  if (!r) c.fail(`unknown register '%${t.s}'`, t);
  if (r.cls !== RegClass.Gpr && r.cls !== RegClass.Rip) c.fail(`'%${t.s}' cannot be used in an address`, t);
  if (r.cls === RegClass.Gpr && r.size === 1) c.fail(`8-bit register '%${t.s}' cannot be used in an address`, t);
  return r;
}
