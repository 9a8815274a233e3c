// Generates the NASM oracle corpus: every form of the shared instruction table in each mode, with varied operands.
import { FORMS } from '../../src/isa/table';
import type { OpForm } from '../../src/isa/types';

const SIZE_KW: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 10: 'tword', 16: 'oword' };

function regs(size: number, bits: number): string[] {
  const r: Record<number, string[]> = {
    1: ['al', 'cl', 'bl', 'dh'], 2: ['ax', 'cx', 'si', 'bp'], 4: ['eax', 'edx', 'ebp', 'edi'], 8: ['rax', 'rsp', 'rbx'],
  };
  const x64: Record<number, string[]> = { 1: ['sil', 'r9b', 'r15b'], 2: ['r10w'], 4: ['r12d', 'r8d'], 8: ['r13', 'r8', 'r15'] };
  if (bits !== 64) return size === 8 ? [] : r[size] ?? [];
  return [...(r[size] ?? []), ...(x64[size] ?? [])];
}

function mems(bits: number): string[] {
  if (bits === 16) return ['[bx]', '[bp+6]', '[bx+si+0x1234]', '[di-2]', '[0x1234]', '[bp+di]', '[es:si+0x7f]'];
  if (bits === 32) return ['[eax]', '[esp+8]', '[ebp-0x80]', '[eax+ecx*4+0x12345]', '[0x1234]', '[ebx*8]', '[esi+edi]', '[fs:eax+0x81]', '[bx+si]', '[ebp]'];
  return ['[rax]', '[rsp+8]', '[rbp-0x81]', '[r12]', '[r13+r14*2+0x10]', '[0x1234]', '[rax+rcx*8]', '[rel $+0x40]', '[eax+ebx]', '[gs:rdx]', '[rip+0x10]', '[r13]'];
}

function codeSize(sz: string, osz: number, W: boolean): number {
  switch (sz) {
    case 'b': return 1; case 'w': return 2; case 'd': return 4; case 'q': return 8;
    case 'v': return osz / 8; case 'z': return osz === 16 ? 2 : 4; case 'y': return W ? 8 : 4;
    case 'dq': case 'x': return 16; case 't': return 10;
    default: return 0;
  }
}

function imms(sz: string, osz: number): string[] {
  switch (sz) {
    case 'b': return ['0', '1', '0x7f', '0x80', '0xff', '-1', '-128'];
    case 'bs': return ['1', '-1', '0x7f', '-0x80', '0x80', '-0x81'];
    case 'w': return ['0x1234', '0xffff', '5'];
    case 'z': return osz === 16 ? ['0x1234', '-3', '0x7f'] : ['0x12345678', '-2', '0x7f', '0x80', '0x7fffffff'];
    case 'v': return osz === 64 ? ['0x123456789a', '-5', '0xffffffff', '0x80000000', '1'] : osz === 16 ? ['0x1234', '7'] : ['0x12345678', '7', '-1'];
    default: return ['1'];
  }
}

/** Alternatives for one operand code of a form at one operand size. */
function alternatives(f: OpForm, code: string, bits: number, osz: number, W: boolean): string[] {
  const fixed: Record<string, string[]> = {
    AL: ['al'], CL: ['cl'], DX: ['dx'], AX: ['ax'], '1': ['1'], ES: ['es'], CS: ['cs'], SS: ['ss'], DS: ['ds'], FS: ['fs'], GS: ['gs'],
    ST0: ['st0'], STi: ['st1', 'st5'], XMM0: ['xmm0'],
  };
  if (fixed[code]) return fixed[code];
  if (code === 'eAX') return [osz === 16 ? 'ax' : 'eax'];
  if (code === 'rAX') return [osz === 16 ? 'ax' : osz === 32 ? 'eax' : 'rax'];
  const cls = code[0];
  const sz = code.slice(1);
  const size = codeSize(sz, osz, W);
  const memWith = (kw: boolean) => mems(bits).map((m) => (kw && SIZE_KW[size] ? `${SIZE_KW[size]} ${m}` : m));
  switch (cls) {
    case 'E': return [...regs(size, bits), ...memWith(true)];
    case 'G': case 'R': case 'Z': return regs(size, bits);
    case 'M':
      if (sz === 'p') return f.op === 0xff ? mems(bits).map((m) => `far ${m}`) : mems(bits);
      return memWith(!f.nosize && size > 0);
    case 'I': return imms(sz, osz);
    case 'J': return sz === 'b' ? ['$+2', '$+0x7f', '$-0x7e', 'short $+0x10'] : ['$+0x1000', '$-0x2000', 'near $+0x10'];
    case 'O': return bits === 64 ? ['[qword 0x1234]'] : ['[0x1234]', '[0xff00]'];
    case 'S': return ['es', 'ds', 'fs', 'gs', 'ss'];
    case 'C': return bits === 64 ? ['cr0', 'cr3', 'cr4', 'cr8'] : ['cr0', 'cr3', 'cr4'];
    case 'D': return ['dr0', 'dr7'];
    case 'V': case 'U': return bits === 64 ? ['xmm0', 'xmm7', 'xmm9', 'xmm15'] : ['xmm0', 'xmm7'];
    case 'W': return [...(bits === 64 ? ['xmm1', 'xmm12'] : ['xmm1']), ...memWith(true)];
    case 'P': case 'N': return ['mm0', 'mm7'];
    case 'Q': return ['mm1', ...memWith(true)];
    case 'A': return osz === 16 ? ['0x10:0x1234'] : ['0x10:0x12345678', 'dword 0x10:0x1234'];
    case 'X': case 'Y': return [];
  }
  return [];
}

function sizesFor(f: OpForm, bits: number): { osz: number; W: boolean; prefix: string }[] {
  const out: { osz: number; W: boolean; prefix: string }[] = [];
  const dflt = bits === 16 ? 16 : 32;
  const cand = bits === 64 ? (f.d64 || f.f64 ? [64, 16] : [32, 16, 64]) : [dflt, dflt === 16 ? 32 : 16];
  for (const osz of cand) {
    if (f.osz && f.osz !== osz) continue;
    if (f.f64 && bits === 64 && osz !== 64) continue;
    out.push({ osz, W: osz === 64, prefix: '' });
  }
  return out;
}

/** Corpus lines for one mode (without the `bits` line). */
export function corpusLines(bits: 16 | 32 | 64): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (l: string) => { if (!seen.has(l)) { seen.add(l); out.push(l); } };
  for (const f of FORMS) {
    if (f.mode === 'i64' && bits === 64) continue;
    if (f.mode === 'o64' && bits !== 64) continue;
    const explicit = f.ops.some((o) => o[0] === 'X' || o[0] === 'Y') ? [] : f.ops;
    for (const { osz, W } of sizesFor(f, bits)) {
      const alts = explicit.map((c) => alternatives(f, c, bits, osz, W));
      if (alts.some((a) => a.length === 0)) continue;
      // Vary one operand at a time, the others at their first alternative.
      const base = alts.map((a) => a[0]);
      const lines = new Set<string>([fmt(f.m, base)]);
      alts.forEach((a, i) => a.forEach((v) => { const ops = [...base]; ops[i] = v; lines.add(fmt(f.m, ops)); }));
      // A second pass with the last alternatives, to mix registers and memory.
      const last = alts.map((a) => a[a.length - 1]);
      lines.add(fmt(f.m, last));
      for (const l of lines) add(l);
      if (f.rep) add(`${f.rep === 'repe' ? 'repe' : 'rep'} ${f.m}`);
      if (f.lock && explicit.length && alts[0].some((x) => x.includes('['))) {
        const mem = alts[0].find((x) => x.includes('['))!;
        add(fmt(`lock ${f.m}`, [mem, ...base.slice(1)]));
      }
    }
  }
  return out;
}

function fmt(m: string, ops: string[]): string { return ops.length ? `${m} ${ops.join(', ')}` : m; }
