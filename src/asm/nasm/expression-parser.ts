// NASM expression grammar (precedence from the NASM manual, section 3.5) over a token cursor.

import type { BinaryOp, Expr } from '../expression';
import type { SourceLoc } from '../types';
import { T, type Token, stringBytes } from './lexer';

/** A cursor over the tokens of one line, with helpers the parsers share. */
export class Cursor {
  pos = 0;
  /** The tokens; a parser may reuse one cursor for many lines by setting `toks` and `pos`. */
  constructor(public toks: Token[], public readonly locOf: (t: Token | undefined) => SourceLoc) {}
  peek(o = 0): Token | undefined { return this.toks[this.pos + o]; }
  next(): Token | undefined { return this.toks[this.pos++]; }
  atEnd(): boolean { return this.pos >= this.toks.length; }
  isOp(s: string, o = 0): boolean { const t = this.toks[this.pos + o]; return t !== undefined && t.t === T.Op && t.s === s; }
  eatOp(s: string): boolean { if (this.isOp(s)) { this.pos++; return true; } return false; }
  /** Location of the current token (or the end of the line). */
  here(): SourceLoc { return this.locOf(this.toks[this.pos] ?? this.toks[this.toks.length - 1]); }
}

/** Raised for a syntax error at a location; caught per line by the parsers. */
export class SyntaxError_ extends Error {
  constructor(message: string, public readonly loc: SourceLoc) { super(message); }
}

/** What the expression parser asks of its caller. */
export interface ExprHooks {
  /** Turns an identifier into a symbol name (local labels get their parent's prefix), or returns a register/keyword marker. */
  symbol(name: string, tok: Token): Expr;
  /** Called for identifiers that are registers; returns an Expr node representing a register (memory operands) or throws. */
  register?(name: string, tok: Token): Expr | undefined;
}

const LEVELS: string[][] = [
  ['||'], ['^^'], ['&&'],
  ['==', '=', '!=', '<>', '<', '>', '<=', '>=', '<=>'],
  ['|'], ['^'], ['&'], ['<<', '>>', '<<<', '>>>'], ['+', '-'], ['*', '/', '//', '%', '%%'],
];

/** Precedence level of each binary operator (index into LEVELS; higher binds tighter). */
const LEVEL_OF = new Map<string, number>();
LEVELS.forEach((ops, level) => { for (const op of ops) LEVEL_OF.set(op, level); });

/** Parses a full expression (including the `?:` conditional operator). */
export function parseExpr(c: Cursor, h: ExprHooks): Expr {
  const cond = parseLevel(c, h, 0);
  if (c.isOp('?')) {
    c.next();
    const a = parseExpr(c, h);
    if (!c.eatOp(':')) throw new SyntaxError_("expected ':' in conditional expression", c.here());
    const b = parseExpr(c, h);
    return { k: 'cond', c: cond, a, b };
  }
  return cond;
}

/**
 * Binary operators of level `level` and tighter, left-associative, by precedence climbing: the same
 * trees as one recursive function per level, without ten calls for every operand.
 */
function parseLevel(c: Cursor, h: ExprHooks, level: number): Expr {
  let a = parseUnary(c, h);
  for (;;) {
    const t = c.peek();
    if (!t || t.t !== T.Op) return a;
    const l = LEVEL_OF.get(t.s);
    if (l === undefined || l < level) return a;
    c.next();
    const b = parseLevel(c, h, l + 1);
    let op = t.s as BinaryOp;
    if (t.s === '=') op = '==';
    else if (t.s === '<>') op = '!=';
    else if (t.s === '<<<') op = '<<';
    a = { k: 'bin', op, a, b, loc: c.locOf(t) };
  }
}

function parseUnary(c: Cursor, h: ExprHooks): Expr {
  const t = c.peek();
  if (t && t.t === T.Op && (t.s === '-' || t.s === '+' || t.s === '~' || t.s === '!')) {
    c.next();
    const a = parseUnary(c, h);
    if (a.k === 'num') {
      if (t.s === '-') return { k: 'num', v: BigInt.asIntN(64, -a.v) };
      if (t.s === '+') return a;
    }
    return { k: 'un', op: t.s, a };
  }
  if (t && t.t === T.Id && t.s.length === 3) {
    const l = t.s.toLowerCase();
    if ((l === 'seg' || l === 'wrt') && !t.q) {
      throw new SyntaxError_(`'${l}' is not supported: a flat binary has no segments (use the address directly)`, c.locOf(t));
    }
  }
  return parsePrimary(c, h);
}

function parsePrimary(c: Cursor, h: ExprHooks): Expr {
  const t = c.next();
  if (!t) throw new SyntaxError_('expected an expression', c.here());
  switch (t.t) {
    case T.Num: return { k: 'num', v: t.v! };
    case T.Str: return { k: 'num', v: stringValue(t.s) };
    case T.Float: throw new SyntaxError_('floating-point constant is not allowed in an integer expression', c.locOf(t));
    case T.Op:
      if (t.s === '(') {
        const e = parseExpr(c, h);
        if (!c.eatOp(')')) throw new SyntaxError_("expected ')'", c.here());
        return e;
      }
      if (t.s === '$') return { k: 'here' };
      if (t.s === '$$') return { k: 'base' };
      break;
    case T.Id: {
      if (!t.q && h.register) {
        const r = h.register(t.s.toLowerCase(), t);
        if (r) return r;
      }
      return h.symbol(t.s, t);
    }
  }
  throw new SyntaxError_(`unexpected '${t.s}' in expression`, c.locOf(t));
}

/** The little-endian integer value of a character constant ('ab' = 0x6261), as NASM computes it. */
export function stringValue(s: string): bigint {
  const b = stringBytes(s);
  let v = 0n;
  for (let i = Math.min(b.length, 8) - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  return BigInt.asIntN(64, v);
}
