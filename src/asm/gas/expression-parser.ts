// GNU as expression syntax and precedence (multiplicative > bitwise > additive > comparison > && > ||), into the shared Expr tree.

import type { BinaryOp, Expr } from '../expression';
import type { SourceLoc } from '../types';
import { T, type Token } from './lexer';

/** A syntax error with the source range it refers to. */
export class GasSyntaxError extends Error {
  constructor(message: string, readonly loc: SourceLoc) { super(message); }
}

/** A read position in a token list, with a way to turn tokens into source locations. */
export class Cursor {
  pos = 0;
  constructor(readonly toks: Token[], readonly locOf: (t: Token | undefined, t2?: Token) => SourceLoc) {}
  peek(k = 0): Token | undefined { return this.toks[this.pos + k]; }
  next(): Token | undefined { return this.toks[this.pos++]; }
  atEnd(): boolean { return this.pos >= this.toks.length; }
  isOp(s: string, k = 0): boolean { const t = this.toks[this.pos + k]; return !!t && t.t === T.Op && t.s === s; }
  eatOp(s: string): boolean { if (this.isOp(s)) { this.pos++; return true; } return false; }
  isWord(w: string, k = 0): boolean { const t = this.toks[this.pos + k]; return !!t && t.t === T.Id && t.s.toLowerCase() === w; }
  /** Location of the current token, or of the end of the statement. */
  here(): SourceLoc { return this.locOf(this.peek() ?? this.toks[this.toks.length - 1]); }
  fail(message: string, t?: Token): never { throw new GasSyntaxError(message, this.locOf(t ?? this.peek() ?? this.toks[this.toks.length - 1])); }
}

/** What the expression parser asks the statement parser. */
export interface ExprHooks {
  /** A symbol name ('.' is the location counter and handled here). */
  symbol(name: string, tok: Token): Expr;
  /** A numeric local label reference such as 1f or 2b. */
  localRef(tok: Token): Expr;
  /** A register met inside an expression (Intel memory operands); undefined = not allowed here. */
  register?(name: string, tok: Token): Expr | undefined;
  /** Intel syntax: word operators (mod, shl, and, not...) are recognised. */
  intel?: boolean;
}

/** Binary operator ranks as in GNU as (expr.c): higher binds tighter. */
const RANK: Record<string, number> = {
  '*': 9, '/': 9, '%': 9, '<<': 9, '>>': 9,
  '|': 8, '!': 8, '^': 8, '&': 8,
  '+': 5, '-': 5,
  '==': 4, '!=': 4, '<>': 4, '<': 4, '<=': 4, '>': 4, '>=': 4,
  '&&': 3, '||': 2,
};

/** Intel-syntax word operators and the symbol operator they stand for. */
const INTEL_WORDS: Record<string, string> = {
  mod: '%', shl: '<<', shr: '>>', and: '&', or: '|', xor: '^', eq: '==', ne: '!=', lt: '<', le: '<=', gt: '>', ge: '>=',
};

function opOf(c: Cursor, hooks: ExprHooks): string | undefined {
  const t = c.peek();
  if (!t) return undefined;
  if (t.t === T.Op && RANK[t.s] !== undefined) return t.s;
  if (hooks.intel && t.t === T.Id) { const w = INTEL_WORDS[t.s.toLowerCase()]; if (w) return w; }
  return undefined;
}

/** Parses an expression at the cursor (stops before ',' ')' ']' or anything that cannot continue it). */
export function parseExpr(c: Cursor, hooks: ExprHooks, minRank = 1): Expr {
  let left = unary(c, hooks);
  for (;;) {
    const op = opOf(c, hooks);
    if (!op) return left;
    const r = RANK[op];
    if (r < minRank) return left;
    const opTok = c.next()!;
    const right = parseExpr(c, hooks, r + 1);
    left = build(op, left, right, c.locOf(opTok));
  }
}

function build(op: string, a: Expr, b: Expr, loc: SourceLoc): Expr {
  const bin = (o: BinaryOp, x: Expr, y: Expr): Expr => ({ k: 'bin', op: o, a: x, b: y, loc });
  const truth = (e: Expr): Expr => ({ k: 'un', op: '-', a: e }); // GAS comparisons give -1 for true
  switch (op) {
    case '/': return bin('//', a, b); // signed, as GAS
    case '%': return bin('%%', a, b);
    case '!': return bin('|', a, { k: 'un', op: '~', a: b }); // or-not
    case '<>': return truth(bin('!=', a, b));
    case '==': case '!=': case '<': case '<=': case '>': case '>=': return truth(bin(op, a, b));
    default: return bin(op as BinaryOp, a, b);
  }
}

function unary(c: Cursor, hooks: ExprHooks): Expr {
  const t = c.peek();
  if (!t) c.fail('expected an expression');
  if (t.t === T.Op) {
    if (t.s === '-' || t.s === '~' || t.s === '!' || t.s === '+') {
      c.next();
      const a = unary(c, hooks);
      return { k: 'un', op: t.s as '-' | '~' | '!' | '+', a };
    }
    if (t.s === '(') {
      c.next();
      const e = parseExpr(c, hooks);
      if (!c.eatOp(')')) c.fail("expected ')'");
      return e;
    }
    c.fail(`expected an expression, found '${t.s}'`, t);
  }
  if (hooks.intel && t.t === T.Id && t.s.toLowerCase() === 'not') {
    c.next();
    return { k: 'un', op: '~', a: unary(c, hooks) };
  }
  c.next();
  switch (t.t) {
    case T.Num: return { k: 'num', v: t.v! };
    case T.LocalRef: return hooks.localRef(t);
    case T.Id: {
      if (hooks.register) {
        const r = hooks.register(t.s.toLowerCase(), t);
        if (r) return r;
      }
      return hooks.symbol(t.s, t);
    }
    case T.Reg: {
      const r = hooks.register?.(t.s, t);
      if (r) return r;
      return c.fail(`register '%${t.s}' cannot be used in an expression`, t);
    }
    case T.Str: return c.fail('a string cannot be used as a number here', t);
    case T.Float: return c.fail('a floating-point number cannot be used here (only in .float/.double)', t);
  }
  return c.fail('expected an expression', t);
}
