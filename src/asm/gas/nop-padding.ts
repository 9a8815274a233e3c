// GNU as alignment padding: its multi-byte NOP patterns per mode, the jump over long padding, and the IR statements that reproduce them.

import type { Expr } from '../expression';
import type { Statement } from '../statement';
import type { SourceLoc } from '../types';

/**
 * NOP sequences GNU as 2.40 pads code with (tc-i386.c `alt_patt`, `f32_patt`, `f16_patt`),
 * index = length. Padding is `max`-sized NOPs followed by one shorter NOP for the rest; when
 * more than `maxNops` of the longest NOP would be needed, a jump over the padding comes first.
 */
interface NopTable { patterns: number[][]; maxNops: number }

const ALT: NopTable = {
  maxNops: 7,
  patterns: [[],
    [0x90], [0x66, 0x90], [0x0f, 0x1f, 0x00], [0x0f, 0x1f, 0x40, 0x00], [0x0f, 0x1f, 0x44, 0x00, 0x00],
    [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00], [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
    [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00], [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
    [0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00], [0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00]],
};
const F32: NopTable = {
  maxNops: 2,
  patterns: [[],
    [0x90], [0x66, 0x90], [0x8d, 0x76, 0x00], [0x8d, 0x74, 0x26, 0x00], [0x8d, 0x74, 0x26, 0x00, 0x90],
    [0x8d, 0xb6, 0x00, 0x00, 0x00, 0x00], [0x8d, 0xb4, 0x26, 0x00, 0x00, 0x00, 0x00]],
};
const F16: NopTable = {
  maxNops: 2,
  patterns: [[], [0x90], [0x66, 0x90], [0x8d, 0x74, 0x00], [0x8d, 0xb4, 0x00, 0x00]],
};

/** The NOP table GNU as uses: 16-bit code always the 16-bit one; 32-bit code the long NOPs only when assembling for x86-64. */
function table(bits: 16 | 32 | 64, x86_64: boolean): NopTable {
  if (bits === 16) return F16;
  if (bits === 32 && !x86_64) return F32;
  return ALT;
}

/** Exact bytes GNU as emits for `count` bytes of code padding (used by tests and for constant .nops). */
export function nopBytes(count: number, bits: 16 | 32 | 64, x86_64: boolean): number[] {
  const t = table(bits, x86_64);
  const max = t.patterns.length - 1;
  const out: number[] = [];
  let r = count;
  if (Math.floor(count / max) > t.maxNops) {
    if (count - 2 <= 127) { out.push(0xeb, count - 2); r = count - 2; } else {
      const jl = bits === 16 ? 2 : 1;
      if (bits === 16) out.push(0x66);
      out.push(0xe9);
      const d = count - jl - 4;
      out.push(d & 0xff, (d >>> 8) & 0xff, (d >>> 16) & 0xff, (d >>> 24) & 0xff);
      r = d;
    }
  }
  while (r >= max) { out.push(...t.patterns[max]); r -= max; }
  if (r) out.push(...t.patterns[r]);
  return out;
}

const num = (v: number | bigint): Expr => ({ k: 'num', v: BigInt(v) });
const sym = (name: string, loc: SourceLoc): Expr => ({ k: 'sym', name, loc });
const bin = (op: '+' | '-' | '*' | '/' | '%' | '&' | '>' | '<=' | '==' | '&&', a: Expr, b: Expr): Expr => ({ k: 'bin', op, a, b });

function bytesStmt(bytes: number[], count: Expr, loc: SourceLoc): Statement {
  return { k: 'times', count, body: { k: 'data', unit: 1, items: [{ k: 'bytes', b: new Uint8Array(bytes) }], loc }, loc };
}

/**
 * Statements that pad with GNU as's NOPs: `pad` names a symbol (defined just before) holding the
 * number of padding bytes. Each choice becomes a `times` whose count is 0 or 1, so the layout
 * passes reproduce GNU as's choice for whatever padding the final addresses need.
 */
export function nopPaddingStatements(pad: string, tmp: () => string, bits: 16 | 32 | 64, x86_64: boolean, loc: SourceLoc): Statement[] {
  const t = table(bits, x86_64);
  const max = t.patterns.length - 1;
  const p = sym(pad, loc);
  const out: Statement[] = [];
  const jump = tmp();
  out.push({ k: 'equ', name: jump, e: bin('>', bin('/', p, num(max)), num(t.maxNops)), loc });
  const j = sym(jump, loc);
  const short = bin('&&', j, bin('<=', bin('-', p, num(2)), num(127)));
  const near = bin('&&', j, { k: 'un', op: '!', a: short });
  out.push({ k: 'times', count: short, body: { k: 'data', unit: 1, items: [{ k: 'expr', e: num(0xeb), loc }, { k: 'expr', e: bin('-', p, num(2)), loc }], loc }, loc });
  const jl = bits === 16 ? 2 : 1;
  out.push(bytesStmt(bits === 16 ? [0x66, 0xe9] : [0xe9], near, loc));
  out.push({ k: 'times', count: near, body: { k: 'data', unit: 4, items: [{ k: 'expr', e: bin('-', p, num(jl + 4)), loc }], loc }, loc });
  const rest = tmp();
  out.push({ k: 'equ', name: rest, e: bin('-', bin('-', p, bin('*', short, num(2))), bin('*', near, num(jl + 4))), loc });
  const r = sym(rest, loc);
  out.push(bytesStmt(t.patterns[max], bin('/', r, num(max)), loc));
  for (let k = 1; k < max; k++) out.push(bytesStmt(t.patterns[k], bin('==', bin('%', r, num(max)), num(k)), loc));
  return out;
}
