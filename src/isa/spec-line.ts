// Parses the compact one-line instruction-form notation used by the ISA tables into OpForm records.
import type { OpForm } from './types';

/**
 * One line per form: `mnemonic  opcode-bytes [/digit | ModRM byte]  operands  [flags...]`.
 *
 * - opcode bytes are upper-case hex: an optional mandatory prefix (66, F2, F3) before `0F`,
 *   the escape `0F`, `0F 38` or `0F 3A`, then the opcode; a following `/0`..`/7` is the ModRM.reg
 *   extension and a following hex byte is an exact ModRM byte (`0F 01 F8` swapgs). `/r` is optional.
 * - operands are comma-separated SDM codes (see types.ts), or `-` for none.
 * - flags: i64 o64 d64 f64 lock rep repe mem reg nosize ovar np nfx osz16 osz32 osz64 asz16 asz32 asz64.
 *   Forms with an M operand are memory-only and forms with an R/U/N operand register-only unless
 *   `anymod` says the ModRM.mod field is ignored (MOV CRn/DRn).
 */
export function parseFormLine(line: string): OpForm {
  const t = line.trim().split(/\s+/);
  const m = t[0];
  let i = 1;
  const bytes: number[] = [];
  let ext: number | undefined;
  let modrm: number | undefined;
  for (; i < t.length; i++) {
    const w = t[i];
    if (/^[0-9A-F]{2}$/.test(w)) bytes.push(parseInt(w, 16));
    else if (/^\/[0-7]$/.test(w)) ext = +w[1];
    else if (w === '/r') continue;
    else break;
  }
  let pfx: 0x66 | 0xf2 | 0xf3 | undefined;
  if (bytes.length > 1 && (bytes[0] === 0x66 || bytes[0] === 0xf2 || bytes[0] === 0xf3)) {
    pfx = bytes.shift() as 0x66 | 0xf2 | 0xf3;
  }
  let map: 0 | 1 | 2 | 3 = 0;
  if (bytes[0] === 0x0f && bytes.length > 1) {
    bytes.shift();
    map = 1;
    const esc: number = bytes[0];
    if (bytes.length > 1 && esc === 0x38) { map = 2; bytes.shift(); }
    else if (bytes.length > 1 && esc === 0x3a) { map = 3; bytes.shift(); }
  }
  const op = bytes.shift();
  if (op === undefined) throw new Error(`ISA spec line without an opcode: ${line}`);
  if (bytes.length === 1) modrm = bytes[0];
  else if (bytes.length > 1) throw new Error(`ISA spec line with too many opcode bytes: ${line}`);
  const opsTok = t[i++];
  if (opsTok === undefined) throw new Error(`ISA spec line without operands: ${line}`);
  const ops = opsTok === '-' ? [] : opsTok.split(',');
  const f: OpForm = { m, map, op, ops };
  if (pfx !== undefined) f.pfx = pfx;
  if (ext !== undefined) f.ext = ext;
  if (modrm !== undefined) f.modrm = modrm;
  let anymod = false;
  for (; i < t.length; i++) {
    const w = t[i];
    switch (w) {
      case 'i64': case 'o64': f.mode = w; break;
      case 'd64': f.d64 = true; break;
      case 'f64': f.f64 = true; break;
      case 'lock': f.lock = true; break;
      case 'rep': case 'repe': f.rep = w; break;
      case 'mem': case 'reg': f.mod = w; break;
      case 'anymod': anymod = true; break;
      case 'nosize': f.nosize = true; break;
      case 'ovar': f.ovar = true; break;
      case 'np': f.np = true; break;
      case 'nfx': f.nfx = true; break;
      case 'osz16': f.osz = 16; break;
      case 'osz32': f.osz = 32; break;
      case 'osz64': f.osz = 64; break;
      case 'asz16': f.asz = 16; break;
      case 'asz32': f.asz = 32; break;
      case 'asz64': f.asz = 64; break;
      default: throw new Error(`ISA spec line with unknown flag ${w}: ${line}`);
    }
  }
  if (f.mod === undefined && !anymod && f.modrm === undefined) {
    if (ops.some((o) => o[0] === 'M')) f.mod = 'mem';
    else if (ops.some((o) => o[0] === 'R' || o[0] === 'U' || o[0] === 'N')) f.mod = 'reg';
  }
  return f;
}

/** Parses a block of form lines; blank lines and `#` comments are skipped. */
export function parseForms(text: string): OpForm[] {
  const out: OpForm[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line) out.push(parseFormLine(line));
  }
  return out;
}
