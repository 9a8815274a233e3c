// The C-preprocessor subset that .S files go through before GNU as sees them: #define, #include, #if family, with original line numbers kept.

import type { DiagnosticSink } from '../diagnostics';
import type { SourceLoc } from '../types';

/** One output line and where it came from. `expanded` is set when macro expansion changed its text. */
export interface CppLine { text: string; file: string; line: number; expanded: boolean }

/** Options of the preprocessor (the same include paths and reader as the assembler's). */
export interface CppOptions {
  includePaths: string[];
  readFile?: (path: string) => string | undefined;
  defines?: Record<string, string>;
}

interface Macro { params?: string[]; variadic?: boolean; body: string }

interface Cond { active: boolean; taken: boolean; sawElse: boolean; loc: SourceLoc }

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;

/** Joins a directory and a relative name without Node's path module (the assembler runs in browsers too). */
export function joinPath(dir: string, name: string): string {
  if (name.startsWith('/') || !dir) return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** The directory part of a path ('' when there is none). */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** Runs the preprocessor over a file; problems become diagnostics, never exceptions. */
export class CPreprocessor {
  readonly macros = new Map<string, Macro>();
  readonly out: CppLine[] = [];
  private depth = 0;

  constructor(private readonly opts: CppOptions, private readonly diag: DiagnosticSink, readonly sources: Map<string, string>) {
    this.macros.set('__ASSEMBLER__', { body: '1' });
    for (const [k, v] of Object.entries(opts.defines ?? {})) this.macros.set(k, { body: v });
  }

  /** Preprocesses `text` (the contents of `file`) and appends its lines to `out`. */
  run(text: string, file: string): void {
    if (this.depth > 40) { this.diag.error({ file, line: 1, column: 1, endColumn: 2 }, '#include nested too deeply (recursive include?)'); return; }
    this.depth++;
    const lines = stripComments(text).split('\n');
    const conds: Cond[] = [];
    const active = () => conds.every((c) => c.active);
    for (let i = 0; i < lines.length; i++) {
      const lineNo = i + 1;
      let raw = lines[i].replace(/\r$/, '');
      // Backslash-newline continues the line; the joined line keeps the first line's number.
      let joined = 0;
      while (raw.endsWith('\\') && i + 1 < lines.length) { raw = raw.slice(0, -1) + lines[++i].replace(/\r$/, ''); joined++; }
      const m = /^\s*#\s*([A-Za-z_]+)?(.*)$/.exec(raw);
      const loc = (col = 0, end = raw.length): SourceLoc => ({ file, line: lineNo, column: col + 1, endColumn: Math.max(col + 2, end + 1) });
      if (m && m[1] !== undefined && isDirective(m[1])) {
        const d = m[1];
        const rest = m[2].trim();
        this.directive(d, rest, conds, active, loc(), file);
      } else if (active()) {
        if (m && m[1] === undefined && /^\s*#\s*\d/.test(raw)) { /* line marker: a comment for GAS */ }
        const t = this.expandLine(raw, loc());
        this.out.push({ text: t, file, line: lineNo, expanded: t !== raw });
      } else this.out.push({ text: '', file, line: lineNo, expanded: false });
      for (let k = 0; k < joined; k++) this.out.push({ text: '', file, line: lineNo + k + 1, expanded: false });
    }
    for (const c of conds) this.diag.error(c.loc, 'unterminated #if (missing #endif)');
    this.depth--;
  }

  private directive(d: string, rest: string, conds: Cond[], active: () => boolean, loc: SourceLoc, file: string): void {
    const parentActive = () => conds.slice(0, -1).every((c) => c.active);
    switch (d) {
      case 'if': case 'ifdef': case 'ifndef': {
        const on = active();
        let v = false;
        if (on) {
          if (d === 'if') v = this.evalIf(rest, loc);
          else {
            const name = IDENT_AT(rest);
            if (!name) this.diag.error(loc, `#${d} needs a macro name`);
            v = this.macros.has(name ?? '') === (d === 'ifdef');
          }
        }
        conds.push({ active: on && v, taken: v, sawElse: false, loc });
        this.out.push({ text: '', file, line: loc.line, expanded: false });
        return;
      }
      case 'elif': case 'else': case 'endif': {
        const c = conds[conds.length - 1];
        if (!c) { this.diag.error(loc, `#${d} without #if`); this.out.push({ text: '', file, line: loc.line, expanded: false }); return; }
        if (d === 'endif') conds.pop();
        else if (c.sawElse) this.diag.error(loc, `#${d} after #else`);
        else if (d === 'else') { c.active = !c.taken && parentActive(); c.taken = true; c.sawElse = true; }
        else {
          const v = !c.taken && parentActive() ? this.evalIf(rest, loc) : false;
          c.active = v; if (v) c.taken = true;
        }
        this.out.push({ text: '', file, line: loc.line, expanded: false });
        return;
      }
    }
    this.out.push({ text: '', file, line: loc.line, expanded: false });
    if (!active()) return;
    switch (d) {
      case 'define': this.define(rest, loc); return;
      case 'undef': this.macros.delete(IDENT_AT(rest) ?? ''); return;
      case 'include': case 'include_next': this.include(rest, loc, file); return;
      case 'error': this.diag.error(loc, `#error ${rest}`); return;
      case 'warning': this.diag.warning(loc, `#warning ${rest}`); return;
      default: return; // #pragma, #line, #ident: nothing to do for a flat image
    }
  }

  private define(rest: string, loc: SourceLoc): void {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\(([^)]*)\))?\s*(.*)$/.exec(rest);
    if (!m) { this.diag.error(loc, '#define needs a macro name'); return; }
    const [, name, paren, plist, body] = m;
    if (paren !== undefined) {
      let params = plist.split(',').map((s) => s.trim()).filter((s) => s !== '');
      let variadic = false;
      if (params.length && params[params.length - 1] === '...') { params = [...params.slice(0, -1), '__VA_ARGS__']; variadic = true; }
      else if (params.length && params[params.length - 1].endsWith('...')) { params[params.length - 1] = params[params.length - 1].slice(0, -3); variadic = true; }
      this.macros.set(name, { params, variadic, body: body.trim() });
    } else this.macros.set(name, { body: body.trim() });
  }

  private include(rest: string, loc: SourceLoc, file: string): void {
    let spec = rest;
    if (!/^["<]/.test(spec)) spec = this.expandLine(spec, loc).trim();
    const m = /^"([^"]*)"|^<([^>]*)>/.exec(spec);
    if (!m) { this.diag.error(loc, '#include expects "file" or <file>'); return; }
    const name = m[1] ?? m[2];
    const dirs = m[1] !== undefined ? [dirOf(file), ...this.opts.includePaths] : [...this.opts.includePaths, dirOf(file)];
    for (const d of dirs) {
      const p = joinPath(d, name);
      const text = this.opts.readFile?.(p);
      if (text !== undefined) {
        this.sources.set(p, text);
        this.run(text, p);
        return;
      }
    }
    this.diag.error(loc, `cannot find include file '${name}' (searched: ${dirs.map((d) => d || '.').join(', ')})`);
  }

  /** Expands macros in one line of text, leaving strings and character constants alone. */
  expandLine(text: string, loc: SourceLoc, hidden: Set<string> = new Set(), depth = 0): string {
    if (depth > 64) { this.diag.error(loc, 'macro expansion nested too deeply'); return text; }
    let out = '';
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        let j = i + 1;
        while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
        out += text.slice(i, j + 1); i = j + 1; continue;
      }
      if (/[0-9]/.test(c)) {
        // A pp-number (1f, 0x1F, 2b): never expanded.
        let j = i + 1;
        while (j < text.length && /[A-Za-z0-9_.]/.test(text[j])) j++;
        out += text.slice(i, j); i = j; continue;
      }
      IDENT.lastIndex = i;
      const m = IDENT.exec(text);
      if (!m) { out += c; i++; continue; }
      const name = m[0];
      i += name.length;
      const mac = this.macros.get(name);
      if (name === '__LINE__') { out += String(loc.line); continue; }
      if (name === '__FILE__') { out += JSON.stringify(loc.file); continue; }
      if (!mac || hidden.has(name)) { out += name; continue; }
      if (!mac.params) {
        out += this.expandLine(mac.body, loc, new Set([...hidden, name]), depth + 1);
        continue;
      }
      // Function-like: needs '(' next (after blanks), otherwise it is a plain name.
      let j = i;
      while (j < text.length && /\s/.test(text[j])) j++;
      if (text[j] !== '(') { out += name; continue; }
      const args = splitArgs(text, j);
      if (!args) { this.diag.error(loc, `unterminated argument list invoking macro '${name}'`); out += name; continue; }
      i = args.end;
      const body = this.substitute(mac, args.list.map((a) => a.trim()), loc, hidden, depth, name);
      if (body !== undefined) out += this.expandLine(body, loc, new Set([...hidden, name]), depth + 1);
    }
    return out;
  }

  private substitute(mac: Macro, args: string[], loc: SourceLoc, hidden: Set<string>, depth: number, name: string): string | undefined {
    const params = mac.params!;
    if (args.length === 1 && args[0] === '' && params.length === 0) args = [];
    if (mac.variadic) {
      if (args.length >= params.length) args = [...args.slice(0, params.length - 1), args.slice(params.length - 1).join(',')];
    }
    if (args.length !== params.length && !(mac.variadic && args.length === params.length - 1)) {
      this.diag.error(loc, `macro '${name}' expects ${params.length} argument(s), ${args.length} given`);
      return undefined;
    }
    const val = (p: string, raw: boolean): string | undefined => {
      const k = params.indexOf(p);
      if (k < 0) return undefined;
      const a = args[k] ?? '';
      return raw ? a : this.expandLine(a, loc, hidden, depth + 1);
    };
    // Tokens of the body: stringify (#p), paste (a ## b), plain parameter use.
    let out = '';
    const b = mac.body;
    let i = 0;
    while (i < b.length) {
      if (b[i] === '#' && b[i + 1] === '#') {
        out = out.replace(/\s+$/, ''); i += 2;
        while (i < b.length && /\s/.test(b[i])) i++;
        IDENT.lastIndex = i;
        const m = IDENT.exec(b);
        if (m) { const v = val(m[0], true); out += v ?? m[0]; i += m[0].length; }
        continue;
      }
      if (b[i] === '#') {
        let j = i + 1;
        while (j < b.length && /\s/.test(b[j])) j++;
        IDENT.lastIndex = j;
        const m = IDENT.exec(b);
        if (m && params.includes(m[0])) { out += JSON.stringify(val(m[0], true) ?? ''); i = j + m[0].length; continue; }
        out += '#'; i++; continue;
      }
      if (b[i] === '"') {
        let j = i + 1;
        while (j < b.length && b[j] !== '"') j += b[j] === '\\' ? 2 : 1;
        out += b.slice(i, j + 1); i = j + 1; continue;
      }
      IDENT.lastIndex = i;
      const m = IDENT.exec(b);
      if (m) {
        // A parameter followed by ## is pasted unexpanded.
        const next = b.slice(i + m[0].length).trimStart();
        const v = val(m[0], next.startsWith('##'));
        out += v ?? m[0];
        i += m[0].length;
        continue;
      }
      out += b[i]; i++;
    }
    return out;
  }

  /** Evaluates a #if / #elif condition. */
  private evalIf(expr: string, loc: SourceLoc): boolean {
    // defined X / defined(X) first, then macro expansion, then remaining names are 0.
    const withDefined = expr.replace(/\bdefined\s*(\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*\)|([A-Za-z_][A-Za-z0-9_]*))/g, (_s, _a, p1, p2) => (this.macros.has(p1 ?? p2) ? '1' : '0'));
    const expanded = this.expandLine(withDefined, loc).replace(/\b[A-Za-z_][A-Za-z0-9_]*\b/g, '0');
    try {
      return new CondParser(expanded).parse() !== 0n;
    } catch (e) {
      this.diag.error(loc, `cannot evaluate #if expression '${expr}': ${(e as Error).message}`);
      return false;
    }
  }
}

function IDENT_AT(s: string): string | undefined {
  return /^[A-Za-z_][A-Za-z0-9_]*/.exec(s)?.[0];
}

const DIRECTIVES = new Set(['define', 'undef', 'include', 'include_next', 'if', 'ifdef', 'ifndef', 'elif', 'else', 'endif', 'error', 'warning', 'pragma', 'line', 'ident']);
function isDirective(w: string): boolean { return DIRECTIVES.has(w); }

/** Splits a macro argument list starting at text[open] === '('; commas inside parentheses do not split. */
function splitArgs(text: string, open: number): { list: string[]; end: number } | undefined {
  let depth = 0;
  let cur = '';
  const list: string[] = [];
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      cur += text.slice(i, j + 1); i = j; continue;
    }
    if (c === '(') { if (depth++ > 0) cur += c; continue; }
    if (c === ')') {
      if (--depth === 0) { list.push(cur); return { list, end: i + 1 }; }
      cur += c; continue;
    }
    if (c === ',' && depth === 1) { list.push(cur); cur = ''; continue; }
    cur += c;
  }
  return undefined;
}

/** Removes C comments, keeping line breaks so that line numbers stay right. Strings are left alone. */
export function stripComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1); i = j + 1; continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const j = text.indexOf('*/', i + 2);
      const body = j < 0 ? text.slice(i) : text.slice(i, j + 2);
      out += ' ' + body.replace(/[^\n]/g, '').padEnd(0);
      i = j < 0 ? text.length : j + 2; continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    out += c; i++;
  }
  return out;
}

/** C integer expressions for #if: ?:, ||, &&, |, ^, &, ==, !=, <, <=, >, >=, <<, >>, + -, * / %, unary. */
class CondParser {
  private toks: string[];
  private p = 0;
  constructor(s: string) {
    this.toks = s.match(/0[xX][0-9a-fA-F]+[uUlL]*|[0-9]+[uUlL]*|&&|\|\||==|!=|<=|>=|<<|>>|[-+*/%()!~<>&|^?:]|\S/g) ?? [];
  }
  parse(): bigint {
    const v = this.cond();
    if (this.p < this.toks.length) throw new Error(`unexpected '${this.toks[this.p]}'`);
    return v;
  }
  private peek(): string | undefined { return this.toks[this.p]; }
  private cond(): bigint {
    const c = this.bin(0);
    if (this.peek() === '?') {
      this.p++;
      const a = this.cond();
      if (this.toks[this.p++] !== ':') throw new Error("expected ':'");
      const b = this.cond();
      return c !== 0n ? a : b;
    }
    return c;
  }
  private static LEVELS = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];
  private bin(level: number): bigint {
    if (level >= CondParser.LEVELS.length) return this.unary();
    let a = this.bin(level + 1);
    while (CondParser.LEVELS[level].includes(this.peek() ?? '')) {
      const op = this.toks[this.p++];
      const b = this.bin(level + 1);
      a = apply(op, a, b);
    }
    return a;
  }
  private unary(): bigint {
    const t = this.toks[this.p++];
    if (t === undefined) throw new Error('unexpected end of expression');
    if (t === '-') return -this.unary();
    if (t === '+') return this.unary();
    if (t === '!') return this.unary() === 0n ? 1n : 0n;
    if (t === '~') return ~this.unary();
    if (t === '(') { const v = this.cond(); if (this.toks[this.p++] !== ')') throw new Error("expected ')'"); return v; }
    const n = t.replace(/[uUlL]+$/, '');
    if (/^0[xX][0-9a-fA-F]+$/.test(n)) return BigInt(n);
    if (/^0[0-7]+$/.test(n)) return BigInt('0o' + n.slice(1));
    if (/^[0-9]+$/.test(n)) return BigInt(n);
    throw new Error(`unexpected '${t}'`);
  }
}

function apply(op: string, a: bigint, b: bigint): bigint {
  const B = (x: boolean) => (x ? 1n : 0n);
  switch (op) {
    case '||': return B(a !== 0n || b !== 0n);
    case '&&': return B(a !== 0n && b !== 0n);
    case '|': return a | b;
    case '^': return a ^ b;
    case '&': return a & b;
    case '==': return B(a === b);
    case '!=': return B(a !== b);
    case '<': return B(a < b);
    case '<=': return B(a <= b);
    case '>': return B(a > b);
    case '>=': return B(a >= b);
    case '<<': return BigInt.asIntN(64, a << b);
    case '>>': return a >> b;
    case '+': return BigInt.asIntN(64, a + b);
    case '-': return BigInt.asIntN(64, a - b);
    case '*': return BigInt.asIntN(64, a * b);
    case '/': if (b === 0n) throw new Error('division by zero'); return a / b;
    case '%': if (b === 0n) throw new Error('division by zero'); return a % b;
  }
  throw new Error(`unknown operator ${op}`);
}
