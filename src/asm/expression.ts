// Dialect-neutral expression trees and their evaluation with 64-bit wrap-around arithmetic.

import type { SourceLoc } from './types';

/** Binary operators. Division and modulo come signed and unsigned, as in NASM. */
export type BinaryOp =
  | '|' | '^' | '&' | '<<' | '>>' | '>>>' | '+' | '-' | '*' | '/' | '//' | '%' | '%%'
  | '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||' | '^^' | '<=>';

/** Unary operators. */
export type UnaryOp = '-' | '+' | '~' | '!';

/** An expression node. `sym` names are already fully qualified (local labels resolved by the front end). */
export type Expr =
  | { k: 'num'; v: bigint }
  | { k: 'sym'; name: string; loc: SourceLoc }
  | { k: 'here' }
  | { k: 'base' }
  | { k: 'un'; op: UnaryOp; a: Expr }
  | { k: 'bin'; op: BinaryOp; a: Expr; b: Expr; loc?: SourceLoc }
  | { k: 'cond'; c: Expr; a: Expr; b: Expr };

/** The symbol-reference node of an expression. */
export type SymExpr = Extract<Expr, { k: 'sym' }>;

/** What an expression needs from the assembler while it is being evaluated. */
export interface EvalContext {
  /** Value of a symbol, or undefined when it is not (yet) defined. */
  lookup(name: string): bigint | undefined;
  /**
   * Optional: value of a symbol node, used instead of `lookup(node.name)` when present. Lets a caller that
   * evaluates the same trees many times (the layout passes) resolve each node once instead of by name.
   */
  lookupSym?(node: SymExpr): bigint | undefined;
  /** Address of the current statement (`$`). */
  here: bigint;
  /** Start address of the current section (`$$`). */
  base: bigint;
  /** Set to true when an undefined symbol was met (its value is then taken as 0). */
  unknown: boolean;
  /** Called for the first undefined symbol met; only in the final pass. */
  onUndefined?: (name: string, loc: SourceLoc) => void;
  /** Called for division by zero. */
  onError?: (message: string, loc: SourceLoc | undefined) => void;
}

const U64 = (1n << 64n) - 1n;

/** Wraps a value to a signed 64-bit integer. */
export function wrap64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** Evaluates an expression. Never throws; undefined symbols count as 0 and set `ctx.unknown`. */
export function evaluate(e: Expr, ctx: EvalContext): bigint {
  switch (e.k) {
    case 'num': return e.v;
    case 'here': return ctx.here;
    case 'base': return ctx.base;
    case 'sym': {
      const v = ctx.lookupSym !== undefined ? ctx.lookupSym(e) : ctx.lookup(e.name);
      if (v === undefined) {
        ctx.unknown = true;
        ctx.onUndefined?.(e.name, e.loc);
        return 0n;
      }
      return v;
    }
    case 'un': {
      const a = evaluate(e.a, ctx);
      switch (e.op) {
        case '-': return wrap64(-a);
        case '+': return a;
        case '~': return wrap64(~a);
        case '!': return a === 0n ? 1n : 0n;
      }
      return 0n;
    }
    case 'cond': return evaluate(e.c, ctx) !== 0n ? evaluate(e.a, ctx) : evaluate(e.b, ctx);
    case 'bin': {
      const a = evaluate(e.a, ctx);
      const b = evaluate(e.b, ctx);
      return binary(e.op, a, b, ctx, e.loc);
    }
  }
}

function binary(op: BinaryOp, a: bigint, b: bigint, ctx: EvalContext, loc: SourceLoc | undefined): bigint {
  switch (op) {
    case '+': return wrap64(a + b);
    case '-': return wrap64(a - b);
    case '*': return wrap64(a * b);
    case '|': return wrap64(a | b);
    case '^': return wrap64(a ^ b);
    case '&': return wrap64(a & b);
    case '<<': return b >= 64n || b < 0n ? 0n : wrap64(a << b);
    case '>>': return b >= 64n || b < 0n ? 0n : wrap64((a & U64) >> b);
    case '>>>': return wrap64(a >> (b >= 64n || b < 0n ? 63n : b));
    case '/': case '//': case '%': case '%%': {
      if (b === 0n) {
        // Unknown operands are 0 in early passes: only a known zero divisor is an error.
        if (!ctx.unknown) ctx.onError?.('division by zero', loc);
        return 0n;
      }
      if (op === '/') return wrap64((a & U64) / (b & U64));
      if (op === '%') return wrap64((a & U64) % (b & U64));
      if (op === '//') return wrap64(a / b);
      return wrap64(a % b);
    }
    case '==': return a === b ? 1n : 0n;
    case '!=': return a !== b ? 1n : 0n;
    case '<': return a < b ? 1n : 0n;
    case '>': return a > b ? 1n : 0n;
    case '<=': return a <= b ? 1n : 0n;
    case '>=': return a >= b ? 1n : 0n;
    case '<=>': return a < b ? -1n : a > b ? 1n : 0n;
    case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
    case '||': return a !== 0n || b !== 0n ? 1n : 0n;
    case '^^': return (a !== 0n) !== (b !== 0n) ? 1n : 0n;
  }
}

/** True when the expression mentions no symbol, `$` or `$$` (its value can be computed once). */
export function isConstant(e: Expr): boolean {
  switch (e.k) {
    case 'num': return true;
    case 'sym': case 'here': case 'base': return false;
    case 'un': return isConstant(e.a);
    case 'bin': return isConstant(e.a) && isConstant(e.b);
    case 'cond': return isConstant(e.c) && isConstant(e.a) && isConstant(e.b);
  }
}

/** Folds constant sub-trees so that later passes evaluate less. */
export function fold(e: Expr): Expr {
  if (e.k === 'num' || e.k === 'sym' || e.k === 'here' || e.k === 'base') return e;
  if (isConstant(e)) {
    const ctx: EvalContext = { lookup: () => undefined, here: 0n, base: 0n, unknown: false };
    let bad = false;
    ctx.onError = () => { bad = true; };
    const v = evaluate(e, ctx);
    if (!bad) return { k: 'num', v };
    return e;
  }
  if (e.k === 'un') return { ...e, a: fold(e.a) };
  if (e.k === 'bin') return { ...e, a: fold(e.a), b: fold(e.b) };
  return { ...e, c: fold(e.c), a: fold(e.a), b: fold(e.b) };
}

/** Names of the symbols an expression refers to. */
export function symbolsOf(e: Expr, out: string[] = []): string[] {
  switch (e.k) {
    case 'sym': out.push(e.name); break;
    case 'un': symbolsOf(e.a, out); break;
    case 'bin': symbolsOf(e.a, out); symbolsOf(e.b, out); break;
    case 'cond': symbolsOf(e.c, out); symbolsOf(e.a, out); symbolsOf(e.b, out); break;
  }
  return out;
}
