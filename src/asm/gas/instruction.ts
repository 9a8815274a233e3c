// GNU as instructions: prefixes, mnemonic, operands in AT&T or Intel syntax, turned into the IR's Intel-order instruction with GNU as's sizing rules.

import { allMnemonics, isMnemonic } from '../encoder';
import { FORMS } from '../../isa/table';
import { canonicalMnemonic } from '../mnemonic-aliases';
import { lookupRegister, RegClass } from '../registers';
import type { ImmOperand, MemOperand, Operand, SizeSpec } from '../statement';
import { didYouMean } from '../suggest';
import { fixedAttMnemonic, isX87Integer, isX87Memory, resolveAtt, type AttMnemonic } from './att-mnemonics';
import { parseAttOperand, type GasOperand } from './att-operands';
import { applyGasPreferences } from './encoding-preferences';
import { Cursor } from './expression-parser';
import { gnuAsIntelRejection } from './intel-operand-rules';
import { parseIntelOperand } from './intel-operands';
import { T, type Token } from './lexer';
import type { GasParser } from './statement-parser';

const PREFIX_WORDS: Record<string, string> = {
  lock: 'lock', rep: 'rep', repe: 'repe', repz: 'repz', repne: 'repne', repnz: 'repnz',
  data16: 'o16', data32: 'o32', addr16: 'a16', addr32: 'a32', xacquire: 'xacquire', xrelease: 'xrelease', bnd: 'bnd',
  cs: 'cs', ds: 'ds', es: 'es', fs: 'fs', gs: 'gs', ss: 'ss', notrack: 'ds',
};
const STRING_OPS = /^(movs|cmps|stos|lods|scas|ins|outs)[bwdq]$/;
const SHIFTS = new Set(['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar']);
const X87_REVERSIBLE: Record<string, string> = { fsub: 'fsubr', fsubr: 'fsub', fdiv: 'fdivr', fdivr: 'fdiv', fsubp: 'fsubrp', fsubrp: 'fsubp', fdivp: 'fdivrp', fdivrp: 'fdivp' };
const X87_BARE_TO_POP: Record<string, string> = { fadd: 'faddp', fsub: 'fsubp', fsubr: 'fsubrp', fmul: 'fmulp', fdiv: 'fdivp', fdivr: 'fdivrp' };
/** Instructions whose register operands legitimately differ from the suffix size. */
const MIXED_SIZES = /^(movzx|movsx|movsxd|crc32|cvt|movd$|movq$|pextr|pinsr|movmsk|pmovmskb|lar$|lsl$|in$|out$|str$|sldt$|smsw$|lmsw$|mov$|rcl|rcr|rol|ror|shl|shr|sal|sar|shld|shrd|bt|lgdt|lidt|sgdt|sidt|enter$|ret|retf$|int$|push$|pop$)/;

function isBranch(m: string): boolean {
  return m === 'jmp' || m === 'call' || /^j(n?[abcegloprsz]|n?[abgl]e|p[eo]|[er]?cxz)$/.test(m) || /^loop(n?[ez])?$/.test(m);
}

/** Parses and emits one instruction statement. */
export function instruction(p: GasParser, c: Cursor): void {
  const first = c.peek()!;
  const prefixes: string[] = [];
  let t = c.next()!;
  for (;;) {
    if (t.t !== T.Id) c.fail(`expected an instruction, found '${t.s}'`, t);
    const w = t.s.toLowerCase();
    const pw = PREFIX_WORDS[w];
    if (!pw || (c.peek() && c.peek()!.t === T.Op && c.peek()!.s !== '*' && c.peek()!.s !== '$')) break;
    if (['cs', 'ds', 'es', 'fs', 'gs', 'ss'].includes(w) && c.peek()?.t !== T.Id) break;
    prefixes.push(pw);
    const n = c.peek();
    if (!n) { p.emit({ k: 'insn', mnem: '', prefixes, ops: [], loc: p.loc(first, t) }); return; }
    t = c.next()!;
  }
  const name = t.s.toLowerCase();
  const ops: GasOperand[] = [];
  if (!c.atEnd()) {
    for (;;) {
      ops.push(p.syntax === 'att' ? parseAttOperand(p, c) : parseIntelOperand(p, c));
      if (c.atEnd()) break;
      if (!c.eatOp(',')) c.fail(`expected ',' between operands, found '${c.peek()!.s}'`);
    }
  }
  const last = c.toks[c.toks.length - 1];
  const built = p.syntax === 'att' ? buildAtt(p, c, t, name, ops, prefixes) : buildIntel(p, c, t, name, ops, prefixes);
  if (!built) return;
  const insn = applyGasPreferences({ k: 'insn', mnem: built.mnem, prefixes: built.prefixes, ops: built.ops, loc: p.loc(first, last) }, p.bits);
  p.emit(insn);
}

interface Built { mnem: string; prefixes: string[]; ops: Operand[] }

function unknown(c: Cursor, t: Token, name: string): never {
  if (lookupRegister(name)) c.fail(`'${t.s}' is a register, not an instruction`, t);
  c.fail(`unknown instruction '${t.s}'${didYouMean(name, allMnemonics())}`, t);
}

/** Stack width in bytes for the current mode. */
function stackSize(bits: number): SizeSpec { return bits === 64 ? 8 : bits === 32 ? 4 : 2; }

/** GNU as's sizing of immediates and displacements it cannot see the value of while parsing. */
function sizeUnknowns(p: GasParser, o: GasOperand, branch: boolean): Operand {
  const op = o.op;
  // sym(%rip) / [rip + sym] address the symbol relative to the next instruction; a number is a plain displacement.
  if (op.k === 'mem' && op.base?.cls === RegClass.Rip && op.disp && !o.constant) return { ...op, base: null, rel: true, dispSize: 0 };
  if (op.k === 'imm' && !branch && !o.constant) return { ...op, strict: true };
  if (op.k === 'mem' && op.disp && !o.constant && (op.base || op.index) && op.base?.cls !== RegClass.Rip) {
    const r = op.base ?? op.index!;
    return { ...op, dispSize: r.size === 2 ? 2 : 4 };
  }
  void p;
  return op;
}

/** Whether the memory operand at `pos` needs a size GNU as would take from a suffix (several sizes possible). */
function memSizeAmbiguous(mnem: string, bits: 16 | 32 | 64, count: number, pos: number): boolean {
  const m = canonicalMnemonic(mnem, bits);
  const sizes = new Set<string>();
  for (const f of FORMS) {
    if (f.m !== m) continue;
    const explicit = f.ops.some((o) => o[0] === 'X' || o[0] === 'Y') ? [] : f.ops;
    if (explicit.length !== count) continue;
    const code = explicit[pos];
    if (!code || (code[0] !== 'E' && code[0] !== 'M' && code[0] !== 'W' && code[0] !== 'Q')) continue;
    const sz = code.slice(1);
    if (sz === 'v') { sizes.add('2'); sizes.add('4'); if (bits === 64) sizes.add('8'); } else if (sz === 'z' || sz === 'y') { sizes.add('4'); sizes.add(sz === 'y' ? '8' : '2'); } else sizes.add(sz || 'none');
  }
  return sizes.size > 1;
}

function buildAtt(p: GasParser, c: Cursor, t: Token, name: string, ops: GasOperand[], prefixes: string[]): Built | undefined {
  let m: AttMnemonic | undefined = resolveAtt(name);
  if (!m) unknown(c, t, name);
  // movq: the MMX/SSE move when an MMX or XMM register is involved, else mov with a q suffix.
  if (name === 'movq' && !ops.some((o) => o.op.k === 'reg' && (o.op.reg.cls === RegClass.Xmm || o.op.reg.cls === RegClass.Mmx))) m = { mnem: 'mov', size: 8 };
  const movabs = name.startsWith('movabs');
  let mnem = m.mnem;
  if (m.osz) prefixes.push(m.osz);
  const branch = isBranch(mnem);
  // Far branches: ljmp $sel, $off / ljmp *mem.
  if (m.far) {
    if (ops.length === 2 && ops[0].dollar && ops[1].dollar) {
      const loc = p.loc(ops[0].first, ops[1].last);
      return { mnem, prefixes, ops: [{ k: 'far', seg: (ops[0].op as ImmOperand).expr, off: (ops[1].op as ImmOperand).expr, size: m.size as SizeSpec, loc }] };
    }
    if (ops.length === 1 && ops[0].op.k === 'mem') {
      if (!ops[0].star) p.diag.warning(ops[0].op.loc, `indirect ${name} without '*'`);
      const mo = ops[0].op;
      const size = (m.size ? m.size + 2 : p.bits === 16 ? 4 : 6) as SizeSpec;
      farOperandSize(prefixes, size);
      return { mnem, prefixes, ops: [{ ...mo, far: true, size }] };
    }
    c.fail(`'${name}' takes $selector, $offset or *memory`, t);
  }
  if (branch) {
    if (ops.length !== 1) c.fail(`'${name}' takes one operand`, t);
    const o = ops[0];
    if (o.dollar) c.fail(`'${name}' needs a label or *address, not an immediate`, o.first);
    const size = m.size;
    if (!o.star && o.op.k === 'mem' && !o.op.base && !o.op.index && o.op.seg < 0) {
      // A direct branch to a label or address.
      const imm: ImmOperand = { k: 'imm', expr: o.op.disp!, size: 0, strict: false, loc: o.op.loc };
      if (size && size !== stackSize(p.bits) && !(p.bits === 64 && size === 8)) prefixes.push(size === 2 ? 'o16' : 'o32');
      return { mnem, prefixes, ops: [imm] };
    }
    if (!o.star && (mnem === 'jmp' || mnem === 'call')) p.diag.warning(o.op.loc, `indirect ${name} without '*'`);
    if (!o.star && mnem !== 'jmp' && mnem !== 'call') c.fail(`'${name}' cannot jump through a register or memory`, o.first);
    let op = sizeUnknowns(p, o, true);
    if (op.k === 'mem' && size) op = { ...op, size: size as SizeSpec };
    return { mnem, prefixes, ops: [op] };
  }
  if (ops.some((o) => o.star)) c.fail(`'*' is only used with jmp and call`, ops.find((o) => o.star)!.first);
  // Operand order: AT&T writes the destination last, except for enter/bound and two immediates.
  // xchg of two registers: GNU as puts the first AT&T operand in ModRM.reg, which the IR's first operand is.
  const xchgRegs = mnem === 'xchg' && ops.length === 2 && ops[0].op.k === 'reg' && ops[1].op.k === 'reg';
  const keep = xchgRegs || mnem === 'enter' || mnem === 'bound' || (ops.length === 2 && ops[0].dollar && ops[1].dollar);
  let list = keep ? [...ops] : [...ops].reverse();
  // (%dx) is the port register of in/out.
  list = list.map((o) => (o.dxPort && (mnem === 'in' || mnem === 'out' || /^(ins|outs)[bwd]$/.test(mnem)) ? { ...o, op: { k: 'reg', reg: lookupRegister('dx')!, loc: o.op.loc } } : o));
  let out: Operand[] = list.map((o) => sizeUnknowns(p, o, false));
  // Operand combinations GNU as rejects in either syntax (x87 `st, st(i)` pairs, far-pointer loads
  // into 64-bit registers, BSWAP of a 16-bit register...); the bare-name rule is Intel-only.
  // (AT&T's movsxd does take a 16-bit destination with a memory source.)
  const attAccepts = mnem === 'sysret' || mnem === 'sysexit' || (mnem === 'movsxd' && out[1]?.k === 'mem');
  const rejection = attAccepts ? undefined : gnuAsIntelRejection(mnem, out, p.bits, prefixes);
  if (rejection) c.fail(rejection, t);
  // x87: the AT&T mnemonics for the reversed subtract/divide are swapped when the destination is not st(0) (System V compatibility).
  if (X87_BARE_TO_POP[mnem] && out.length === 0) { p.diag.warning(p.loc(t), `translating to '${X87_BARE_TO_POP[mnem]}'`); mnem = X87_BARE_TO_POP[mnem]; }
  if (X87_REVERSIBLE[mnem]) {
    const popping = mnem.endsWith('p');
    const dest = out[0];
    if (popping || (out.length === 2 && dest.k === 'reg' && dest.reg.cls === RegClass.St && dest.reg.num !== 0)) {
      mnem = X87_REVERSIBLE[mnem];
      if (out.length === 0) out = [reg('st1', t, p), reg('st0', t, p)];
    }
  }
  if (mnem.startsWith('f') && out.length === 1 && out[0].k === 'reg' && out[0].reg.cls === RegClass.St && /p$/.test(mnem) && !['fstp', 'ffreep', 'fcomp', 'fucomp', 'fcomip', 'fucomip'].includes(mnem)) out = [out[0], reg('st0', t, p)];
  // One-operand shifts shift by 1; two-operand shld/shrd shift by %cl.
  if (SHIFTS.has(mnem) && out.length === 1) out.push({ k: 'imm', expr: { k: 'num', v: 1n }, size: 0, strict: false, loc: out[0].loc });
  if ((mnem === 'shld' || mnem === 'shrd') && out.length === 2) out.push(reg('cl', t, p));
  // String instructions written with their operands: keep only a segment override of the source.
  if (mnem === 'nop' && out.length > 1) c.fail("'nop' takes at most one operand", t);
  if ((STRING_OPS.test(mnem) || mnem === 'xlatb') && out.some((o) => o.k === 'reg' && o.reg.cls !== RegClass.Gpr)) c.fail(`operand type mismatch for '${name}'`, t);
  if (STRING_OPS.test(mnem) || mnem === 'xlatb') {
    for (const o of out) if (o.k === 'mem' && o.seg >= 0 && o.seg !== 0) prefixes.push(['es', 'cs', 'ss', 'ds', 'fs', 'gs'][o.seg]);
    out = [];
  }
  // Sizes from the suffix.
  const mems = out.filter((o): o is MemOperand => o.k === 'mem');
  // Registers that say the operand size (a shift count in %cl and the port %dx do not).
  const gprs = out.filter((o, i) => o.k === 'reg' && o.reg.cls === RegClass.Gpr && !(i > 0 && o.reg.name === 'cl' && (SHIFTS.has(mnem) || mnem === 'shld' || mnem === 'shrd')) && !(o.reg.name === 'dx' && (mnem === 'in' || mnem === 'out')));
  if (m.srcSize !== undefined || mnem === 'movzx' || mnem === 'movsx') {
    const src = out[1];
    if (src && src.k === 'mem' && !src.size) out[1] = { ...src, size: (m.srcSize ?? 1) as SizeSpec };
    if (m.size && out[0]?.k === 'reg' && out[0].reg.size !== m.size) c.fail(`incorrect register '%${out[0].reg.name}' used with '${name}'`, t);
  } else if (mnem === 'crc32' && out[1]?.k === 'mem' && !out[1].size && !m.size) {
    out[1] = { ...out[1], size: (out[0]?.k === 'reg' && out[0].reg.size === 8 ? 8 : p.bits === 16 ? 2 : 4) as SizeSpec };
  } else if (m.x87Size) {
    out = out.map((o) => (o.k === 'mem' && !o.size ? { ...o, size: m!.x87Size as SizeSpec } : o));
  } else if (m.size) {
    // The suffix of cvtss2si and friends sizes the destination register, not the memory operand.
    if (!/^cvtt?s[sd]2si$/.test(mnem)) out = out.map((o) => (o.k === 'mem' && !o.size && !o.far ? { ...o, size: m!.size as SizeSpec } : o));
    if (!mems.length && !gprs.length && !movabs) {
      if (m.size !== 1) prefixes.push(m.size === 2 ? 'o16' : m.size === 4 ? 'o32' : 'o64');
    }
    if (!MIXED_SIZES.test(mnem)) {
      for (const g of gprs) if (g.k === 'reg' && g.reg.size !== m.size) c.fail(`incorrect register '%${g.reg.name}' used with the '${name.slice(-1)}' suffix`, t);
    }
  } else if (mems.length && !gprs.length && !out.some((o) => o.k === 'reg' && (o.reg.cls === RegClass.Seg || o.reg.cls === RegClass.Xmm || o.reg.cls === RegClass.Mmx))) {
    const pos = out.findIndex((o) => o.k === 'mem');
    const mo = out[pos] as MemOperand;
    if (!mo.size && memSizeAmbiguous(mnem, p.bits, out.length, pos)) {
      let size: SizeSpec;
      if (mnem === 'push' || mnem === 'pop') size = stackSize(p.bits);
      else {
        if (isX87Memory(mnem)) size = isX87Integer(mnem) ? 2 : 4;
        else size = p.bits === 16 ? 2 : 4;
        p.diag.warning(p.loc(t), `no instruction mnemonic suffix given and no register operands; using default for '${name}'`);
      }
      out[pos] = { ...mo, size };
    }
  }
  if (movabs) out = movabsOperands(out, m.size);
  else out = gasImmediateSizes(mnem, truncatedImmediates(out, m.size || (p.bits === 16 ? 2 : 4)), p.bits);
  return { mnem, prefixes, ops: out };
}

/**
 * An immediate that does not fit the operand size is truncated by GNU as, which then keeps the
 * full-size immediate form rather than the sign-extended imm8 one: mark it strict.
 */
function truncatedImmediates(out: Operand[], defaultSize: number): Operand[] {
  const sized = out.find((o) => (o.k === 'reg' && o.reg.cls === RegClass.Gpr) || (o.k === 'mem' && o.size));
  const size = sized ? (sized.k === 'reg' ? sized.reg.size : (sized as MemOperand).size) : defaultSize;
  if (size >= 8) return out;
  const lim = 1n << BigInt(size * 8);
  return out.map((o) => (o.k === 'imm' && o.expr.k === 'num' && (o.expr.v >= lim || o.expr.v < -(lim >> 1n)) ? { ...o, strict: true } : o));
}

/** A far pointer's size (offset + 2) fixes the operand size: say so with an o16/o32/o64 prefix word. */
function farOperandSize(prefixes: string[], size: number): void {
  const o = size === 4 ? 'o16' : size === 6 ? 'o32' : size === 10 ? 'o64' : '';
  if (o && !prefixes.includes(o)) prefixes.push(o);
}

function reg(name: string, t: Token, p: GasParser): Operand {
  return { k: 'reg', reg: lookupRegister(name)!, loc: p.loc(t) };
}

/** movabs: a 64-bit immediate, or a 64-bit absolute address (moffs). */
function movabsOperands(out: Operand[], size: number): Operand[] {
  return out.map((o) => {
    if (o.k === 'imm') return { ...o, size: 8 as SizeSpec, strict: true };
    if (o.k === 'mem' && !o.base && !o.index) return { ...o, dispSize: 8 as const, size: (o.size || size) as SizeSpec };
    return o;
  });
}

/**
 * GNU as keeps `mov $imm, %r64` as the sign-extended imm32 form (C7) when the value fits,
 * as a 10-byte movabs when it does not, and for symbols (R_X86_64_32S); NASM would shorten it
 * to `mov r32, imm32`. The IR says which with the immediate's size.
 */
function gasImmediateSizes(mnem: string, out: Operand[], bits: number): Operand[] {
  if (bits === 64 && mnem === 'mov' && out.length === 2 && out[0].k === 'reg' && out[0].reg.cls === RegClass.Gpr && out[0].reg.size === 8 && out[1].k === 'imm' && !out[1].size) {
    const im = out[1];
    const v = im.expr.k === 'num' ? im.expr.v : undefined;
    const fits = v === undefined || (v >= -0x80000000n && v <= 0x7fffffffn);
    return [out[0], { ...im, size: fits ? 4 : 8, strict: true }];
  }
  return out;
}

/**
 * GNU as Intel spellings of sized forms: SYSRET/SYSEXIT to 32-bit code with a d (the AT&T l
 * spellings are unknown there), and the REX.W string compares with a q (the table's pcmpestri64).
 */
const INTEL_SIZED: Record<string, AttMnemonic> = {
  sysretd: { mnem: 'sysret', size: 0, osz: 'o32' },
  sysexitd: { mnem: 'sysexit', size: 0, osz: 'o32' },
  pcmpestriq: { mnem: 'pcmpestri64', size: 0 },
  pcmpestrmq: { mnem: 'pcmpestrm64', size: 0 },
};

function buildIntel(p: GasParser, c: Cursor, t: Token, name: string, ops: GasOperand[], prefixes: string[]): Built | undefined {
  let mnem: string;
  let far = false;
  const fixed = INTEL_SIZED[name] ?? fixedAttMnemonic(name);
  if (isMnemonic(name) && !fixed?.osz) mnem = name;
  else {
    const f = fixed;
    if (!f) unknown(c, t, name);
    mnem = f.mnem; far = !!f.far;
    if (f.osz) prefixes.push(f.osz);
  }
  if (mnem === 'retf' && name === 'lret' && ops.length === 0) { /* lret: retf */ }
  const rejection = gnuAsIntelRejection(name, ops.map((o) => o.op), p.bits, prefixes);
  if (rejection) c.fail(rejection, t);
  const branch = isBranch(mnem);
  let out: Operand[];
  if (branch || far) {
    if (far && ops.length === 2) {
      return { mnem, prefixes, ops: [{ k: 'far', seg: (ops[0].op as ImmOperand).expr, off: (ops[1].op as ImmOperand).expr, size: 0, loc: p.loc(ops[0].first, ops[1].last) }] };
    }
    if (ops.length !== 1) c.fail(`'${name}' takes one operand`, t);
    const o = ops[0];
    let op = o.op;
    // data16/data32 before `jmp sel:off` give the offset its size, as the l/w suffix of ljmp does in AT&T.
    if (op.k === 'far' && !op.size && (prefixes.includes('o32') || prefixes.includes('o16'))) op = { ...op, size: prefixes.includes('o32') ? 4 : 2 };
    if (op.k === 'imm' && o.offset) c.fail(`'${name}' takes a label, not 'offset'`, o.first);
    if (op.k === 'mem') {
      op = sizeUnknowns(p, o, true);
      const mo = op as MemOperand;
      // A pointer-sized operand that is not a near target is a far pointer (dword ptr outside 32-bit code: m16:16).
      if (far || mo.far || mo.size === 6 || mo.size === 10 || (mo.size === 4 && p.bits !== 32)) {
        op = { ...mo, far: true, size: (mo.size || (p.bits === 16 ? 4 : 6)) as SizeSpec };
        farOperandSize(prefixes, (op as MemOperand).size);
      }
    }
    return { mnem, prefixes, ops: [op] };
  }
  out = ops.map((o) => {
    // A bare symbol is a memory reference in GNU as Intel syntax (`mov rax, sym` loads).
    if (o.bare && o.op.k === 'imm') {
      const im = o.op;
      const mo: MemOperand = { k: 'mem', size: im.size, seg: -1, base: null, index: null, scale: 1, disp: im.expr, dispSize: 0, nosplit: true, far: false, strict: false, loc: im.loc };
      return mo;
    }
    if (o.op.k === 'imm' && o.op.size) return { ...o.op, size: 0 as SizeSpec };
    return sizeUnknowns(p, o, false);
  });
  if (X87_BARE_TO_POP[mnem] && out.length === 0) { p.diag.warning(p.loc(t), `translating to '${X87_BARE_TO_POP[mnem]}'`); mnem = X87_BARE_TO_POP[mnem]; }
  if (mnem.startsWith('f') && out.length === 1 && out[0].k === 'reg' && out[0].reg.cls === RegClass.St && /p$/.test(mnem) && !['fstp', 'ffreep', 'fcomp', 'fucomp', 'fcomip', 'fucomip'].includes(mnem)) out = [out[0], reg('st0', t, p)];
  if (mnem === 'nop' && out.length > 1) c.fail("'nop' takes at most one operand", t);
  if ((mnem === 'push' || mnem === 'pop') && out[0]?.k === 'mem' && !out[0].size) out[0] = { ...out[0], size: stackSize(p.bits) };
  // xchg of two registers: GNU as puts the second Intel operand in ModRM.reg, which the IR's first operand is.
  if (mnem === 'xchg' && out.length === 2 && out[0].k === 'reg' && out[1].k === 'reg') out = [out[1], out[0]];
  if (STRING_OPS.test(mnem) && out.length && out.every((o) => o.k === 'mem' || (o.k === 'reg' && o.reg.cls === RegClass.Gpr))) {
    for (const o of out) if (o.k === 'mem' && o.seg >= 0 && o.seg !== 0) prefixes.push(['es', 'cs', 'ss', 'ds', 'fs', 'gs'][o.seg]);
    out = [];
  }
  if ((mnem === 'shld' || mnem === 'shrd') && out.length === 2) out.push(reg('cl', t, p));
  if (name === 'movabs') out = movabsOperands(out, 0);
  else out = gasImmediateSizes(mnem, truncatedImmediates(out, p.bits === 16 ? 2 : 4), p.bits);
  return { mnem, prefixes, ops: out };
}
