// Tokenizer for one GNU as statement (AT&T or Intel syntax): names, numbers, strings, character constants, %registers, operators.

/** Token kinds. */
export const enum T { Id, Num, Str, Reg, Op, LocalRef, Float }

/** One token; `col`/`end` are 0-based offsets into the statement text (end exclusive). */
export interface Token {
  t: T;
  /** Name, operator, register name (without %), or the raw text of a number. */
  s: string;
  /** Value of a number or character constant. */
  v?: bigint;
  /** Value of a floating-point literal. */
  f?: number;
  /** Bytes of a string literal. */
  b?: Uint8Array;
  /** Numeric local label reference: label number and direction. */
  ref?: { n: string; dir: 'b' | 'f' };
  col: number;
  end: number;
}

/** A problem found while tokenizing, with its column range. */
export class LexError extends Error {
  constructor(message: string, readonly col: number, readonly end: number) { super(message); }
}

const OPS3 = new Set(['<<=', '>>=']);
const OPS2 = new Set(['<<', '>>', '<=', '>=', '==', '!=', '<>', '&&', '||']);
const OPS1 = '()[],:+-*/%<>&|^!~=$@{}?';

/** True for characters that may continue a symbol name. */
export function isNameChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '.' || c === '$';
}

function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '.';
}

/** Decodes one backslash escape at text[i] (just after the backslash); returns the byte and the next index. */
function escape(text: string, i: number): [number, number] {
  const c = text[i];
  switch (c) {
    case 'n': return [10, i + 1];
    case 't': return [9, i + 1];
    case 'r': return [13, i + 1];
    case 'b': return [8, i + 1];
    case 'f': return [12, i + 1];
    case 'v': return [11, i + 1];
    case 'a': return [7, i + 1];
    case 'e': return [27, i + 1];
    case 'x': case 'X': {
      let j = i + 1; let v = 0;
      while (j < text.length && /[0-9a-fA-F]/.test(text[j])) { v = (v * 16 + parseInt(text[j], 16)) & 0xff; j++; }
      return [v, j];
    }
    default:
      if (c >= '0' && c <= '7') {
        let j = i; let v = 0;
        while (j < text.length && j < i + 3 && text[j] >= '0' && text[j] <= '7') { v = v * 8 + (text.charCodeAt(j) - 48); j++; }
        return [v & 0xff, j];
      }
      return [text.charCodeAt(i) & 0xff, i + 1];
  }
}

/** Reads a quoted string starting at text[i] === '"'; returns its bytes and the index after the closing quote. */
export function readString(text: string, i: number): [Uint8Array, number] {
  const out: number[] = [];
  let j = i + 1;
  while (j < text.length && text[j] !== '"') {
    if (text[j] === '\\' && j + 1 < text.length) {
      const [b, n] = escape(text, j + 1);
      out.push(b); j = n;
    } else { out.push(text.charCodeAt(j) & 0xff); j++; }
  }
  if (j >= text.length) throw new LexError('missing closing quote of the string', i, text.length);
  return [new Uint8Array(out), j + 1];
}

/** Parses a GAS integer literal: 0x hex, 0b binary, leading-0 octal, decimal. */
function parseInteger(s: string): bigint | undefined {
  const l = s.toLowerCase();
  let v: bigint;
  try {
    if (/^0x[0-9a-f]+$/.test(l)) v = BigInt(l);
    else if (/^0b[01]+$/.test(l)) v = BigInt(l);
    else if (/^0[0-7]+$/.test(l)) v = BigInt('0o' + l.slice(1));
    else if (/^[0-9]+$/.test(l)) v = BigInt(l);
    else return undefined;
  } catch { return undefined; }
  return BigInt.asIntN(64, v);
}

/**
 * Splits statement text into tokens. `%name` is a register token when `percentRegs` is set
 * (AT&T, and Intel syntax with `prefix`); a leading `$` is an operator (AT&T immediates).
 * Floating-point literals are only recognised when `floats` is set (.float/.double operands):
 * elsewhere `0f` is a reference to the next local label 0.
 */
export function tokenize(text: string, percentRegs: boolean, floats = false): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') { i++; continue; }
    const start = i;
    if (c >= '0' && c <= '9' && floats) {
      // Floating point: 0f1.5, 0d2e3 (GAS), or 1.5 written in .float/.double.
      const fm = /^0[fFdDeErR][-+]?(?:[0-9]+\.?[0-9]*(?:[eE][-+]?[0-9]+)?|\.[0-9]+(?:[eE][-+]?[0-9]+)?|inf|nan)/i.exec(text.slice(i));
      if (fm && !/^0[bB][01]/.test(text.slice(i))) {
        const body = fm[0].slice(2);
        out.push({ t: T.Float, s: fm[0], f: /inf/i.test(body) ? (body.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(body) ? NaN : Number(body), col: start, end: i + fm[0].length });
        i += fm[0].length; continue;
      }
      const dm = /^[0-9]+(?:\.[0-9]*(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)/.exec(text.slice(i));
      if (dm && !/^0[xX]/.test(text.slice(i))) {
        out.push({ t: T.Float, s: dm[0], f: Number(dm[0]), col: start, end: i + dm[0].length });
        i += dm[0].length; continue;
      }
    }
    if (c >= '0' && c <= '9') {
      let j = i;
      while (j < n && isNameChar(text[j]) && text[j] !== '.' && text[j] !== '$') j++;
      const word = text.slice(i, j);
      const lm = /^([0-9]+)([bfBF])$/.exec(word);
      if (lm && !/^0[bB][01]+$/.test(word)) {
        out.push({ t: T.LocalRef, s: word, ref: { n: String(BigInt(lm[1])), dir: lm[2].toLowerCase() as 'b' | 'f' }, col: start, end: j });
        i = j; continue;
      }
      const v = parseInteger(word);
      if (v === undefined) throw new LexError(`invalid number '${word}'`, start, j);
      out.push({ t: T.Num, s: word, v, col: start, end: j });
      i = j; continue;
    }
    if (isNameStart(c)) {
      let j = i + 1;
      while (j < n && isNameChar(text[j])) j++;
      out.push({ t: T.Id, s: text.slice(i, j), col: start, end: j });
      i = j; continue;
    }
    if (c === '%' && percentRegs && i + 1 < n && /[a-zA-Z]/.test(text[i + 1])) {
      let j = i + 1;
      while (j < n && /[a-zA-Z0-9]/.test(text[j])) j++;
      out.push({ t: T.Reg, s: text.slice(i + 1, j).toLowerCase(), col: start, end: j });
      i = j; continue;
    }
    if (c === '"') {
      const [b, j] = readString(text, i);
      out.push({ t: T.Str, s: text.slice(i, j), b, col: start, end: j });
      i = j; continue;
    }
    if (c === "'") {
      // 'c  or  'c'  (GAS accepts both); backslash escapes allowed.
      if (i + 1 >= n) throw new LexError('character constant without a character', i, n);
      let v: number; let j: number;
      if (text[i + 1] === '\\' && i + 2 < n) [v, j] = escape(text, i + 2);
      else { v = text.charCodeAt(i + 1) & 0xff; j = i + 2; }
      if (text[j] === "'") j++;
      out.push({ t: T.Num, s: text.slice(i, j), v: BigInt(v), col: start, end: j });
      i = j; continue;
    }
    const three = text.slice(i, i + 3);
    if (OPS3.has(three)) { out.push({ t: T.Op, s: three, col: start, end: i + 3 }); i += 3; continue; }
    const two = text.slice(i, i + 2);
    if (OPS2.has(two)) { out.push({ t: T.Op, s: two, col: start, end: i + 2 }); i += 2; continue; }
    if (OPS1.includes(c) || c === '*' || c === '#') { out.push({ t: T.Op, s: c, col: start, end: i + 1 }); i++; continue; }
    if (c === '\\') throw new LexError("'\\' outside a macro body (macro arguments are written \\name inside .macro)", i, i + 1);
    throw new LexError(`unexpected character '${c}'`, i, i + 1);
  }
  return out;
}
