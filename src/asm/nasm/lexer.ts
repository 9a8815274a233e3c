// NASM tokenizer: turns one source line into tokens (identifiers, numbers, strings, operators, % preprocessor forms).

/** Token kinds. */
export const enum T {
  Id = 1,
  Num = 2,
  Float = 3,
  Str = 4,
  Op = 5,
  /** `%name` at any place: a preprocessor directive or function. `s` is lower-cased with the %. */
  PpWord = 6,
  /** `%1`, `%0`, `%-1`, `%+1`: macro parameter. */
  PpParam = 7,
  /** `%%name`: macro-local label. `s` is the name without `%%`. */
  PpLocal = 8,
  /** `%$name`, `%$$name`: context-local name. `s` is the full text. */
  PpCtx = 9,
  /** `%{...}`: braced parameter or name. `s` is the inside text. */
  PpBrace = 10,
  /** `%+`: token pasting. */
  PpPaste = 11,
  /** Any other character that does not start a token (reported by the parser). */
  Bad = 12,
}

/** One token. Columns are 0-based offsets in the line; `end` is exclusive. */
export interface Token {
  t: T;
  /** Text: identifier name, operator, string contents, or the raw number text. */
  s: string;
  col: number;
  end: number;
  /** Value of a Num token. */
  v?: bigint;
  /** Value of a Float token. */
  f?: number;
  /** For Id: written with a leading `$` (never a keyword). For Str: the quote character. */
  q?: string;
  /** Whitespace precedes the token (needed to decide pasting after macro expansion). */
  sp?: boolean;
}

/** Result of lexing one line. */
export interface LexedLine {
  tokens: Token[];
  /** Error message for an unterminated string or a bad number, with its column. */
  error?: { message: string; col: number; end: number };
}

/**
 * Every token is made here, its fields always in one order: a few object shapes for the parsers to
 * read (at most one of `v`, `f`, `q` is given, and only then does the token have that field).
 */
function tok(t: T, s: string, col: number, end: number, sp: boolean | undefined, v?: bigint, f?: number, q?: string): Token {
  if (v !== undefined) return { t, s, col, end, sp, v };
  if (f !== undefined) return { t, s, col, end, sp, f };
  if (q !== undefined) return { t, s, col, end, sp, q };
  return { t, s, col, end, sp };
}

const ID_START = new Uint8Array(128);
const ID_CHAR = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_.?@]/.test(ch)) ID_START[c] = 1;
  if (/[A-Za-z0-9_$#@~.?]/.test(ch)) ID_CHAR[c] = 1;
}

/** True when `c` (a char code) can continue an identifier. */
export function isIdChar(c: number): boolean { return c < 128 ? ID_CHAR[c] === 1 : false; }
/** True when `c` (a char code) can start an identifier. */
export function isIdStart(c: number): boolean { return c < 128 ? ID_START[c] === 1 : false; }

/** Single-character operators, indexed by char code (undefined: not an operator). */
const OP1: (string | undefined)[] = [];
for (const ch of '+-*/|^&~!()[],:=<>{}?') OP1[ch.charCodeAt(0)] = ch;
/** Two-character operators by their first character code. */
const OP2: (string[] | undefined)[] = [];
for (const op of ['<<', '>>', '//', '==', '!=', '<>', '<=', '>=', '&&', '||', '^^']) (OP2[op.charCodeAt(0)] ??= []).push(op);

/** The operator at `i` (longest match: <<<, >>>, <=>, then two characters, then one), or undefined. */
function operatorAt(line: string, i: number, n: number): string | undefined {
  const c = line.charCodeAt(i);
  const d = i + 1 < n ? line.charCodeAt(i + 1) : 0;
  if (i + 2 < n) {
    const e = line.charCodeAt(i + 2);
    if (c === 60 && d === 60 && e === 60) return '<<<';
    if (c === 62 && d === 62 && e === 62) return '>>>';
    if (c === 60 && d === 61 && e === 62) return '<=>';
  }
  if (i + 1 < n) {
    const two = OP2[c];
    if (two) for (const op of two) if (op.charCodeAt(1) === d) return op;
  }
  return c < 128 ? OP1[c] : undefined;
}

/** Tokenizes one line (without its newline). Comments (from `;`) are dropped. */
export function lexLine(line: string): LexedLine {
  const tokens: Token[] = [];
  const n = line.length;
  let i = 0;
  let sp = false;
  let error: LexedLine['error'];
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) { i++; sp = true; continue; }
    if (c === 59) break; // ';' comment
    const start = i;
    // Identifiers (and $-escaped identifiers).
    if (c < 128 && ID_START[c]) {
      i++;
      while (i < n) { const d = line.charCodeAt(i); if (d < 128 && ID_CHAR[d]) i++; else break; }
      tokens.push(tok(T.Id, line.slice(start, i), start, i, sp));
      sp = false;
      continue;
    }
    if (c >= 48 && c <= 57) {
      i = lexNumber(line, i, tokens, sp);
      const last = tokens[tokens.length - 1];
      if (last.t === T.Bad && !error) error = { message: `invalid number '${last.s}'`, col: last.col, end: last.end };
      sp = false;
      continue;
    }
    if (c === 36) { // '$'
      const d = i + 1 < n ? line.charCodeAt(i + 1) : 0;
      if (d === 36) { tokens.push(tok(T.Op, '$$', i, i + 2, sp)); i += 2; sp = false; continue; }
      if (d >= 48 && d <= 57) {
        // $0F style hexadecimal number
        let j = i + 1;
        while (j < n && isIdChar(line.charCodeAt(j))) j++;
        const text = line.slice(i + 1, j).replace(/_/g, '');
        if (/^[0-9a-fA-F]+$/.test(text)) tokens.push(tok(T.Num, line.slice(i, j), i, j, sp, BigInt('0x' + text)));
        else { tokens.push(tok(T.Bad, line.slice(i, j), i, j, sp)); if (!error) error = { message: `invalid number '${line.slice(i, j)}'`, col: i, end: j }; }
        i = j; sp = false; continue;
      }
      if (d < 128 && ID_START[d]) {
        let j = i + 1;
        while (j < n && isIdChar(line.charCodeAt(j))) j++;
        tokens.push(tok(T.Id, line.slice(i + 1, j), i, j, sp, undefined, undefined, '$'));
        i = j; sp = false; continue;
      }
      tokens.push(tok(T.Op, '$', i, i + 1, sp)); i++; sp = false; continue;
    }
    if (c === 39 || c === 34 || c === 96) { // ' " `
      const r = lexString(line, i);
      if (r.error && !error) error = { message: r.error, col: i, end: n };
      tokens.push(tok(T.Str, r.text, i, r.end, sp, undefined, undefined, line[i]));
      i = r.end; sp = false; continue;
    }
    if (c === 37) { // '%'
      i = lexPercent(line, i, tokens, sp);
      sp = false;
      continue;
    }
    // Operators.
    const op = operatorAt(line, i, n);
    if (op !== undefined) { tokens.push(tok(T.Op, op, i, i + op.length, sp)); i += op.length; sp = false; continue; }
    // '\' and others: keep as Bad so the parser can report a located error.
    const ch = line[i];
    tokens.push(tok(T.Bad, ch, i, i + 1, sp));
    i++; sp = false;
  }
  return error ? { tokens, error } : { tokens };
}

function lexPercent(line: string, i: number, tokens: Token[], sp: boolean): number {
  const n = line.length;
  const start = i;
  const d = i + 1 < n ? line.charCodeAt(i + 1) : 0;
  if (d === 37) { // %%
    const e = i + 2 < n ? line.charCodeAt(i + 2) : 0;
    if (isIdChar(e)) {
      let j = i + 2;
      while (j < n && isIdChar(line.charCodeAt(j))) j++;
      tokens.push(tok(T.PpLocal, line.slice(i + 2, j), start, j, sp));
      return j;
    }
    tokens.push(tok(T.Op, '%%', start, i + 2, sp));
    return i + 2;
  }
  if (d >= 48 && d <= 57) {
    let j = i + 1;
    while (j < n && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    tokens.push(tok(T.PpParam, line.slice(i, j), start, j, sp));
    return j;
  }
  if ((d === 45 || d === 43) && i + 2 < n && line.charCodeAt(i + 2) >= 48 && line.charCodeAt(i + 2) <= 57) {
    let j = i + 2;
    while (j < n && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    tokens.push(tok(T.PpParam, line.slice(i, j), start, j, sp));
    return j;
  }
  if (d === 43) { tokens.push(tok(T.PpPaste, '%+', start, i + 2, sp)); return i + 2; }
  if (d === 36) { // %$name or %$$name
    let j = i + 1;
    while (j < n && line.charCodeAt(j) === 36) j++;
    while (j < n && isIdChar(line.charCodeAt(j))) j++;
    tokens.push(tok(T.PpCtx, line.slice(i, j), start, j, sp));
    return j;
  }
  if (d === 123) { // %{...}
    const close = line.indexOf('}', i + 2);
    const j = close < 0 ? n : close + 1;
    tokens.push(tok(T.PpBrace, line.slice(i + 2, close < 0 ? n : close), start, j, sp));
    return j;
  }
  if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122) || d === 95 || d === 63 || d === 33 || d === 91 || d === 42) {
    let j = i + 1;
    if (d === 63) { j++; if (j < n && line.charCodeAt(j) === 63) j++; }
    else if (d === 33 || d === 91 || d === 42) j++;
    else while (j < n && isIdChar(line.charCodeAt(j))) j++;
    tokens.push(tok(T.PpWord, line.slice(i, j).toLowerCase(), start, j, sp));
    return j;
  }
  tokens.push(tok(T.Op, '%', start, i + 1, sp));
  return i + 1;
}

function lexNumber(line: string, i: number, tokens: Token[], sp: boolean): number {
  const n = line.length;
  const start = i;
  let j = i;
  let isFloat = false;
  let digits = true;
  while (j < n) {
    const c = line.charCodeAt(j);
    if (c < 128 && ID_CHAR[c] && c !== 36 && c !== 63 && c !== 64 && c !== 35 && c !== 126) { // letters, digits, _ and .
      if (c === 46) isFloat = true;
      if (c < 48 || c > 57) digits = false;
      j++;
      continue;
    }
    // exponent sign in a decimal float: 1.5e+3
    if ((c === 43 || c === 45) && isFloat && (line[j - 1] === 'e' || line[j - 1] === 'E')) { j++; continue; }
    break;
  }
  const raw = line.slice(start, j);
  // Plain decimal numbers are the common case: skip the radix checks of parseNumber.
  if (digits && j - start < 16) { tokens.push(tok(T.Num, raw, start, j, sp, BigInt(Number(raw)))); return j; }
  const v = parseNumber(raw);
  if (v !== undefined) { tokens.push(tok(T.Num, raw, start, j, sp, v)); return j; }
  const f = parseFloatLiteral(raw);
  if (f !== undefined) { tokens.push(tok(T.Float, raw, start, j, sp, undefined, f)); return j; }
  tokens.push(tok(T.Bad, raw, start, j, sp));
  return j;
}

const RADIX_DIGITS: Record<number, RegExp> = {
  2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-f]+$/,
};

function digitsToBigInt(d: string, radix: number): bigint | undefined {
  if (!d || !RADIX_DIGITS[radix].test(d)) return undefined;
  let v: bigint;
  if (radix === 16) v = BigInt('0x' + d);
  else if (radix === 8) v = BigInt('0o' + d);
  else if (radix === 2) v = BigInt('0b' + d);
  else v = BigInt(d);
  return BigInt.asIntN(64, v);
}

/** Parses a NASM integer literal (0x1f, 1fh, 0b101, 101b, 17q, 0o17, 99d, 0d99, with _ separators). */
export function parseNumber(raw: string): bigint | undefined {
  let s = raw.toLowerCase();
  if (s.includes('_')) s = s.replace(/_/g, '');
  if (s.length === 0) return undefined;
  if (/^[0-9]+$/.test(s)) {
    return s.length < 16 ? BigInt(Number(s)) : BigInt.asIntN(64, BigInt(s));
  }
  if (s[0] === '0' && s.length > 2) {
    const p = s[1];
    const rest = s.slice(2);
    if (p === 'x' || p === 'h') return digitsToBigInt(rest, 16);
    if (p === 'b' || p === 'y') return digitsToBigInt(rest, 2);
    if (p === 'o' || p === 'q') return digitsToBigInt(rest, 8);
    if (p === 'd' || p === 't') return digitsToBigInt(rest, 10);
  }
  const suf = s[s.length - 1];
  const body = s.slice(0, -1);
  if (suf === 'h' || suf === 'x') return digitsToBigInt(body, 16);
  if (suf === 'b' || suf === 'y') return digitsToBigInt(body, 2);
  if (suf === 'o' || suf === 'q') return digitsToBigInt(body, 8);
  if (suf === 'd' || suf === 't') return digitsToBigInt(body, 10);
  return undefined;
}

function parseFloatLiteral(raw: string): number | undefined {
  const s = raw.replace(/_/g, '');
  if (/^[0-9]+\.[0-9]*(e[+-]?[0-9]+)?$/i.test(s) || /^[0-9]+e[+-]?[0-9]+$/i.test(s)) return Number(s);
  return undefined;
}

function lexString(line: string, i: number): { text: string; end: number; error?: string } {
  const q = line[i];
  const n = line.length;
  if (q !== '`') {
    const close = line.indexOf(q, i + 1);
    if (close < 0) return { text: line.slice(i + 1), end: n, error: 'unterminated string' };
    return { text: line.slice(i + 1, close), end: close + 1 };
  }
  // Backquoted strings take C-style escapes.
  let out = '';
  let j = i + 1;
  while (j < n) {
    const ch = line[j];
    if (ch === '`') return { text: out, end: j + 1 };
    if (ch !== '\\') { out += ch; j++; continue; }
    j++;
    const e = line[j] ?? '';
    j++;
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'e': out += '\x1b'; break;
      case 'x': {
        let h = '';
        while (h.length < 2 && j < n && /[0-9a-fA-F]/.test(line[j])) h += line[j++];
        out += rawByte(h ? parseInt(h, 16) : 0);
        break;
      }
      case 'u': case 'U': {
        let h = '';
        const max = e === 'u' ? 4 : 8;
        while (h.length < max && j < n && /[0-9a-fA-F]/.test(line[j])) h += line[j++];
        const cp = h ? parseInt(h, 16) : 0;
        // UTF-8 encode into byte characters
        out += String.fromCodePoint(cp);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          let o = e;
          while (o.length < 3 && j < n && line[j] >= '0' && line[j] <= '7') o += line[j++];
          out += rawByte(parseInt(o, 8) & 0xff);
        } else out += e;
    }
  }
  return { text: out, end: n, error: 'unterminated string' };
}

/** Escaped bytes of backquoted strings are kept as private-use characters so that they are not UTF-8 encoded. */
const RAW_BASE = 0xf700;
function rawByte(b: number): string { return b < 0x80 ? String.fromCharCode(b) : String.fromCharCode(RAW_BASE + b); }

/** Converts string token text to bytes: source characters are UTF-8 encoded, escaped bytes are kept as they are. */
export function stringBytes(s: string): Uint8Array {
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 0x80) { ascii = false; break; }
  if (ascii) {
    const b = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    return b;
  }
  const out: number[] = [];
  const enc = new TextEncoder();
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c >= RAW_BASE && c < RAW_BASE + 0x100) out.push(c - RAW_BASE);
    else for (const b of enc.encode(ch)) out.push(b);
  }
  return Uint8Array.from(out);
}
