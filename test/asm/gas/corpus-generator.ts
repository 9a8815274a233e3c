// Generates the GNU as oracle corpus: every form of the shared instruction table, per mode, written in AT&T and in GAS Intel syntax.
import { FORMS } from '../../../src/isa/table';
import type { OpForm } from '../../../src/isa/types';

/** An operand before it is written in one syntax. */
type AbstractOp =
  | { k: 'reg'; name: string }
  | { k: 'st'; n: number }
  | { k: 'imm'; v: string }
  | { k: 'mem'; seg?: string; base?: string; index?: string; scale?: number; disp?: string; size: number; moffs?: boolean }
  | { k: 'jump'; target: string }
  | { k: 'far'; sel: string; off: string };

const INTEL_SIZE: Record<number, string> = { 1: 'byte', 2: 'word', 4: 'dword', 6: 'fword', 8: 'qword', 10: 'tbyte', 16: 'xmmword' };
const SUFFIX: Record<number, string> = { 1: 'b', 2: 'w', 4: 'l', 8: 'q' };

function regs(size: number, bits: number): string[] {
  const r: Record<number, string[]> = { 1: ['al', 'cl', 'bl', 'dh'], 2: ['ax', 'cx', 'si', 'bp'], 4: ['eax', 'edx', 'ebp', 'edi'], 8: ['rax', 'rsp', 'rbx'] };
  const x64: Record<number, string[]> = { 1: ['sil', 'r9b', 'r15b'], 2: ['r10w'], 4: ['r12d', 'r8d'], 8: ['r13', 'r8', 'r15'] };
  if (bits !== 64) return size === 8 ? [] : r[size] ?? [];
  return [...(r[size] ?? []), ...(x64[size] ?? [])];
}

function mems(bits: number, size: number): AbstractOp[] {
  const m = (base?: string, index?: string, scale?: number, disp?: string, seg?: string): AbstractOp => ({ k: 'mem', base, index, scale, disp, seg, size });
  if (bits === 16) return [m('bx'), m('bp', undefined, undefined, '6'), m('bx', 'si', 1, '0x1234'), m('di', undefined, undefined, '-2'), m(undefined, undefined, undefined, '0x1234'), m('bp', 'di'), m('si', undefined, undefined, '0x7f', 'es')];
  if (bits === 32) return [m('eax'), m('esp', undefined, undefined, '8'), m('ebp', undefined, undefined, '-0x80'), m('eax', 'ecx', 4, '0x12345'), m(undefined, undefined, undefined, '0x1234'), m(undefined, 'ebx', 8), m('esi', 'edi'), m('eax', undefined, undefined, '0x81', 'fs'), m('bx', 'si'), m('ebp')];
  return [m('rax'), m('rsp', undefined, undefined, '8'), m('rbp', undefined, undefined, '-0x81'), m('r12'), m('r13', 'r14', 2, '0x10'), m(undefined, undefined, undefined, '0x1234'), m('rax', 'rcx', 8), m('rip', undefined, undefined, '0x10'), m('eax', 'ebx'), m('rdx', undefined, undefined, undefined, 'gs'), m('r13')];
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
    case 'v': return osz === 64 ? ['0x123456789a', '-5', '0xffffffff', '0x80000000', '1', '0x7fffffff'] : osz === 16 ? ['0x1234', '7'] : ['0x12345678', '7', '-1'];
    default: return ['1'];
  }
}

const R = (name: string): AbstractOp => ({ k: 'reg', name });

function alternatives(f: OpForm, code: string, bits: number, osz: number, W: boolean): AbstractOp[] {
  const fixed: Record<string, string> = { AL: 'al', CL: 'cl', DX: 'dx', AX: 'ax', ES: 'es', CS: 'cs', SS: 'ss', DS: 'ds', FS: 'fs', GS: 'gs', XMM0: 'xmm0' };
  if (fixed[code]) return [R(fixed[code])];
  if (code === '1') return [{ k: 'imm', v: '1' }];
  if (code === 'ST0') return [{ k: 'st', n: 0 }];
  if (code === 'STi') return [{ k: 'st', n: 1 }, { k: 'st', n: 5 }];
  if (code === 'eAX') return [R(osz === 16 ? 'ax' : 'eax')];
  if (code === 'rAX') return [R(osz === 16 ? 'ax' : osz === 32 ? 'eax' : 'rax')];
  const cls = code[0];
  const sz = code.slice(1);
  const size = codeSize(sz, osz, W);
  const mm = (s: number) => mems(bits, s);
  switch (cls) {
    case 'E': return [...regs(size, bits).map(R), ...mm(size)];
    case 'G': case 'R': case 'Z': return regs(size, bits).map(R);
    case 'M':
      if (sz === 'p') return mm(osz / 8 + 2);
      return mm(f.nosize ? 0 : size);
    case 'I': return imms(sz, osz).map((v) => ({ k: 'imm', v }));
    case 'J': return (sz === 'b' ? ['.+2', '.+0x7f', '.-0x7e'] : ['.+0x1000', '.-0x2000']).map((target) => ({ k: 'jump', target }));
    case 'O': return [{ k: 'mem', disp: '0x1234', size, moffs: true }];
    case 'S': return ['es', 'ds', 'fs', 'gs', 'ss'].map(R);
    case 'C': return (bits === 64 ? ['cr0', 'cr3', 'cr4', 'cr8'] : ['cr0', 'cr3', 'cr4']).map(R);
    case 'D': return ['dr0', 'dr7'].map(R);
    case 'V': case 'U': return (bits === 64 ? ['xmm0', 'xmm7', 'xmm9', 'xmm15'] : ['xmm0', 'xmm7']).map(R);
    case 'W': return [...(bits === 64 ? ['xmm1', 'xmm12'] : ['xmm1']).map(R), ...mm(size)];
    case 'P': case 'N': return ['mm0', 'mm7'].map(R);
    case 'Q': return [R('mm1'), ...mm(size)];
    case 'A': return osz === 16 ? [{ k: 'far', sel: '0x10', off: '0x1234' }] : [{ k: 'far', sel: '0x10', off: '0x12345678' }];
  }
  return [];
}

function sizesFor(f: OpForm, bits: number): { osz: number; W: boolean }[] {
  const out: { osz: number; W: boolean }[] = [];
  const dflt = bits === 16 ? 16 : 32;
  const cand = bits === 64 ? (f.d64 || f.f64 ? [64, 16] : [32, 16, 64]) : [dflt, dflt === 16 ? 32 : 16];
  for (const osz of cand) {
    if (f.osz && f.osz !== osz) continue;
    if (f.f64 && bits === 64 && osz !== 64) continue;
    out.push({ osz, W: osz === 64 });
  }
  return out;
}

// ---- writing in each syntax ----

function attOp(o: AbstractOp, star: boolean): string {
  switch (o.k) {
    case 'reg': return `${star ? '*' : ''}%${o.name}`;
    case 'st': return o.n === 0 ? '%st' : `%st(${o.n})`;
    case 'imm': return `$${o.v}`;
    case 'jump': return o.target;
    case 'far': return `$${o.sel}, $${o.off}`;
    case 'mem': {
      const seg = o.seg ? `%${o.seg}:` : '';
      const inner = o.base || o.index ? `(${o.base ? `%${o.base}` : ''}${o.index ? `,%${o.index}${o.scale && o.scale !== 1 ? `,${o.scale}` : ''}` : ''})` : '';
      return `${star ? '*' : ''}${seg}${o.disp ?? ''}${inner}`;
    }
  }
}

function intelOp(o: AbstractOp, sized: boolean): string {
  switch (o.k) {
    case 'reg': return o.name;
    case 'st': return o.n === 0 ? 'st' : `st(${o.n})`;
    case 'imm': return o.v;
    case 'jump': return o.target;
    case 'far': return `${o.sel}:${o.off}`;
    case 'mem': {
      const parts: string[] = [];
      if (o.base) parts.push(o.base);
      if (o.index) parts.push(o.scale && o.scale !== 1 ? `${o.index}*${o.scale}` : o.index);
      let s = parts.join('+');
      if (o.disp) s = s ? (o.disp.startsWith('-') ? `${s}${o.disp}` : `${s}+${o.disp}`) : o.disp;
      const seg = o.seg ? `${o.seg}:` : '';
      const kw = sized && o.size && INTEL_SIZE[o.size] ? `${INTEL_SIZE[o.size]} ptr ` : '';
      return `${kw}${seg}[${s}]`;
    }
  }
}

const X87_FLOAT: Record<number, string> = { 4: 's', 8: 'l', 10: 't' };
const X87_INT: Record<number, string> = { 2: 's', 4: 'l', 8: 'll' };
const ATT_NAMES: Record<string, string> = {
  cbw: 'cbtw', cwde: 'cwtl', cdqe: 'cltq', cwd: 'cwtd', cdq: 'cltd', cqo: 'cqto',
  movsd: 'movsl', cmpsd: 'cmpsl', stosd: 'stosl', lodsd: 'lodsl', scasd: 'scasl', insd: 'insl', outsd: 'outsl',
  pushfd: 'pushfl', popfd: 'popfl', pushad: 'pushal', popad: 'popal', iretd: 'iretl', retf: 'lret', xlatb: 'xlat',
};

/** AT&T spellings of one instruction (with and without a size suffix where both make sense). */
function attLines(f: OpForm, ops: AbstractOp[], osz: number, bits: number): string[] {
  let m = f.m;
  const isX87 = f.map === 0 && f.op >= 0xd8 && f.op <= 0xdf;
  const branch = (m === 'jmp' || m === 'call') && f.op === 0xff;
  const sized = ops.find((o) => o.k === 'mem' && o.size) as Extract<AbstractOp, { k: 'mem' }> | undefined;
  const hasGpr = ops.some((o) => o.k === 'reg' && !/^(es|cs|ss|ds|fs|gs|cr\d|dr\d|xmm\d+|mm\d)$/.test(o.name));
  if (f.map === 0 && (f.op === 0x9a || f.op === 0xea)) return [`l${m} ${attOp(ops[0], false)}`, `l${m}${SUFFIX[osz]} ${attOp(ops[0], false)}`];
  if (branch && f.ext !== undefined && (f.ext === 3 || f.ext === 5)) return [`l${m} *${attOp(ops[0], false)}`, `l${m}${SUFFIX[osz]} *${attOp(ops[0], false)}`];
  if (branch) return [`${m} ${attOp(ops[0], true)}`, `${m}${SUFFIX[osz]} ${attOp(ops[0], true)}`];
  if (m === 'movzx' || m === 'movsx') {
    const src = ops[1];
    const srcSize = src.k === 'reg' ? (/^(al|cl|bl|dh|sil|r9b|r15b)$/.test(src.name) ? 1 : 2) : (src as { size: number }).size;
    return [`mov${m[3]}${SUFFIX[srcSize]}${SUFFIX[osz]} ${attOp(ops[1], false)}, ${attOp(ops[0], false)}`];
  }
  if (m === 'movsxd' && osz === 64) m = 'movslq';
  if (isX87 && sized) {
    const table = /^fi/.test(m) ? X87_INT : X87_FLOAT;
    const suf = table[sized.size];
    if (suf) return [`${m}${suf} ${attOp(sized, false)}`];
  }
  const order = f.m === 'enter' || f.m === 'bound' ? ops : [...ops].reverse();
  const text = order.map((o) => attOp(o, false)).join(', ');
  const base = `${ATT_NAMES[m] ?? m}${text ? ' ' + text : ''}`;
  const out = [base];
  if (f.m === 'sysret' || f.m === 'sysexit') return osz === 64 ? [`${m}q`] : [m, `${m}l`];
  if (f.m === 'movsxd' || f.ops.some((o) => o[0] === 'X' || o[0] === 'Y')) return out;
  const wantsSuffix = f.ops.some((o) => /^[EMIZRG](v|z|b|y)$/.test(o) || o === 'Ibs' || o === 'rAX' || o === 'eAX') || f.ovar;
  const size = f.ops.some((o) => /^[EMIZRG]?b$/.test(o) && !/^I/.test(o)) ? 1 : f.ops.some((o) => o[1] === 'y') ? (osz === 64 ? 8 : 4) : osz;
  if (wantsSuffix && SUFFIX[size] && !(sized && !hasGpr && sized.size !== size && !f.ovar)) {
    const withSuffix = `${ATT_NAMES[m] ?? m}${SUFFIX[size]}${text ? ' ' + text : ''}`;
    if (hasGpr || !sized) out.push(withSuffix); else out[0] = withSuffix;
  }
  return out;
}

/** The GAS Intel spelling of one instruction. */
function intelLine(f: OpForm, ops: AbstractOp[], osz: number, bits: number): string {
  let m = f.m;
  if (f.map === 0 && (f.op === 0x9a || f.op === 0xea)) return `${m} ${intelOp(ops[0], false)}`;
  if ((m === 'jmp' || m === 'call') && f.op === 0xff && (f.ext === 3 || f.ext === 5)) {
    const mo = ops[0] as Extract<AbstractOp, { k: 'mem' }>;
    return `${m} ${intelOp({ ...mo, size: osz === 16 ? 4 : osz === 32 ? 6 : 10 }, true)}`;
  }
  if (f.m === 'sysret' || f.m === 'sysexit') return osz === 64 ? `${m}q` : m;
  if (ops.some((o) => o.k === 'mem' && o.moffs) && bits === 64) m = 'movabs';
  return `${m}${ops.length ? ' ' + ops.map((o) => intelOp(o, true)).join(', ') : ''}`;
}

/** Corpus lines for one mode and syntax (without the mode directive). */
export function gasCorpusLines(bits: 16 | 32 | 64, syntax: 'att' | 'gas-intel'): string[] {
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
      const base = alts.map((a) => a[0]);
      const combos: AbstractOp[][] = [base];
      alts.forEach((a, i) => a.forEach((v) => { const o = [...base]; o[i] = v; combos.push(o); }));
      combos.push(alts.map((a) => a[a.length - 1]));
      for (const ops of combos) {
        if (syntax === 'att') for (const l of attLines(f, ops, osz, bits)) add(l);
        else add(intelLine(f, ops, osz, bits));
      }
      if (f.rep) add(`${f.rep === 'repe' ? 'repe' : 'rep'} ${syntax === 'att' ? ATT_NAMES[f.m] ?? f.m : f.m}`);
      if (f.lock && explicit.length) {
        const mi = alts[0].findIndex((x) => x.k === 'mem');
        if (mi >= 0) {
          const ops = [alts[0][mi], ...base.slice(1)];
          if (syntax === 'att') for (const l of attLines(f, ops, osz, bits)) add(`lock ${l}`);
          else add(`lock ${intelLine(f, ops, osz, bits)}`);
        }
      }
    }
  }
  return out;
}
