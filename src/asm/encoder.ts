// Instruction encoder driven by the shared form table (src/isa): picks the form NASM picks and emits its bytes.

import { FORMS } from '../isa/table';
import type { OpForm } from '../isa/types';
import { encodeAddress } from './address';
import type { Expr } from './expression';
import {
  canonicalMnemonic, COMMUTATIVE, DEFAULT_IMMEDIATE, WAIT_FORMS, X87_DEFAULT_ST1, X87_DEFAULT_ST1_ST0, aliasNames,
} from './mnemonic-aliases';
import { gpr, lookupRegister, RegClass, type Register } from './registers';
import type { ImmOperand, MemOperand, Operand } from './statement';

/** A value as the assembler knows it in the current pass. */
export interface Value { v: bigint; unknown: boolean; reloc: boolean }

/** What the encoder needs from the layout pass. */
export interface EncodeEnv {
  bits: 16 | 32 | 64;
  defaultRel: boolean;
  /** Address of the instruction's first byte. */
  address: number;
  value(e: Expr): Value;
  /** Records a non-fatal warning (only reported in the final pass). */
  warn(message: string): void;
}

/** Encoded bytes, or an error message. */
export type EncodeResult = { bytes: number[] } | { error: string };

/** One operand code of a form (`cls` the kind letter, `sz` the size letters; `fixed` names a fixed operand). */
export interface Code { cls: string; sz: string; fixed?: string }

/** A form of the table with what the encoder derives from it once. */
export interface IndexedForm {
  f: OpForm; codes: Code[]; explicit: Code[]; usesOsz: boolean; hasY: boolean; order: number; masks: number[];
  /** A segment-register operand (MOV Sreg forms). */
  segForm: boolean;
  /** An XMM/MMX register operand (V, U or N). */
  vecForm: boolean;
  /** `sizings()` results per mode and forced operand size (a pure function of the form). */
  sizingCache: (Sizing[] | undefined)[];
}

/** Operand kinds as bits, for a quick pre-filter of forms before the full match. */
const K_GPR = 1, K_SEG = 2, K_CR = 4, K_DR = 8, K_ST = 16, K_MMX = 32, K_XMM = 64, K_MEM = 128, K_IMM = 256, K_FAR = 512;
const CLASS_KIND = [K_GPR, K_SEG, K_CR, K_DR, K_ST, K_MMX, K_XMM, 0];

function codeMask(c: Code): number {
  if (c.fixed) {
    if (c.fixed === '1') return K_IMM;
    if (c.fixed === 'ST0' || c.fixed === 'STi') return K_ST;
    if (c.fixed === 'XMM0') return K_XMM;
    if (['ES', 'CS', 'SS', 'DS', 'FS', 'GS'].includes(c.fixed)) return K_SEG;
    return K_GPR;
  }
  switch (c.cls) {
    case 'E': return K_GPR | K_MEM;
    case 'G': case 'R': case 'Z': return K_GPR;
    case 'M': case 'O': return K_MEM;
    case 'I': case 'J': return K_IMM;
    case 'A': return K_FAR;
    case 'S': return K_SEG;
    case 'C': return K_CR;
    case 'D': return K_DR;
    case 'V': case 'U': return K_XMM;
    case 'W': return K_XMM | K_MEM;
    case 'P': case 'N': return K_MMX;
    case 'Q': return K_MMX | K_MEM;
  }
  return 0xffff;
}

function operandKind(o: Operand): number {
  switch (o.k) {
    case 'reg': return CLASS_KIND[o.reg.cls];
    case 'mem': return K_MEM;
    case 'imm': return K_IMM;
    case 'far': return K_FAR;
  }
}

const FIXED_CODES = new Set(['AL', 'CL', 'DX', 'AX', 'eAX', 'rAX', '1', 'ES', 'CS', 'SS', 'DS', 'FS', 'GS', 'ST0', 'STi', 'XMM0']);

function parseCode(c: string): Code {
  if (FIXED_CODES.has(c)) return { cls: '=', sz: '', fixed: c };
  return { cls: c[0], sz: c.slice(1) };
}

let INDEX: Map<string, IndexedForm[]> | null = null;

function index(): Map<string, IndexedForm[]> {
  if (INDEX) return INDEX;
  const map = new Map<string, IndexedForm[]>();
  FORMS.forEach((f, order) => {
    const codes = f.ops.map(parseCode);
    const implicitAll = codes.some((c) => c.cls === 'X' || c.cls === 'Y');
    const explicit = implicitAll ? [] : codes;
    const usesOsz = codes.some((c) => c.sz === 'v' || c.sz === 'z' || c.fixed === 'eAX' || c.fixed === 'rAX' || c.sz === 'p')
      || (f.osz !== undefined && !codes.some((c) => c.sz === 'y')) || f.ovar === true;
    const hasY = codes.some((c) => c.sz === 'y');
    const list = map.get(f.m) ?? [];
    list.push({
      f, codes, explicit, usesOsz, hasY, order, masks: explicit.map(codeMask),
      segForm: explicit.some((x) => x.cls === 'S'), vecForm: codes.some((x) => x.cls === 'V' || x.cls === 'U' || x.cls === 'N'), sizingCache: [],
    });
    map.set(f.m, list);
  });
  INDEX = map;
  return map;
}

/** True when the name is an instruction mnemonic the encoder knows (including NASM aliases). */
export function isMnemonic(m: string): boolean {
  const idx = index();
  if (idx.has(m)) return true;
  return KNOWN_ALIASES().has(m);
}

let ALIASES: Set<string> | null = null;
function KNOWN_ALIASES(): Set<string> {
  if (!ALIASES) ALIASES = new Set(aliasNames());
  return ALIASES;
}

/** All mnemonics (for suggestions). */
export function allMnemonics(): string[] {
  return [...index().keys(), ...KNOWN_ALIASES()];
}

interface Sizing { osz: 16 | 32 | 64; p66: boolean; W: boolean }

interface Candidate { bytes: number[]; order: number; pref: number; memSize: number; warnings?: string[] }

const SIZE_LETTER: Record<string, number> = { b: 1, w: 2, d: 4, q: 8, dq: 16, x: 16, t: 10 };

function codeSize(sz: string, s: Sizing): number {
  switch (sz) {
    case 'v': return s.osz / 8;
    case 'z': return s.osz === 16 ? 2 : 4;
    case 'y': return s.W || s.osz === 64 ? 8 : 4;
    case 'bs': return 1;
    case '': case 's': case 'p': case 'a': return 0;
    default: return SIZE_LETTER[sz] ?? 0;
  }
}

function sizings(form: IndexedForm, bits: 16 | 32 | 64, forced: 16 | 32 | 64 | 0): Sizing[] {
  const key = (bits >> 4) * 8 + (forced >> 4);
  let r = form.sizingCache[key];
  if (!r) { r = computeSizings(form, bits, forced); form.sizingCache[key] = r; }
  return r;
}

function computeSizings(form: IndexedForm, bits: 16 | 32 | 64, forced: 16 | 32 | 64 | 0): Sizing[] {
  const f = form.f;
  const dflt: 16 | 32 = bits === 16 ? 16 : 32;
  const out: Sizing[] = [];
  if (!form.usesOsz) {
    // No operand follows the operand-size attribute: sizes come from REX.W only (y operands, movd/movq).
    if (bits === 64 && (f.d64 || f.f64)) { out.push({ osz: 64, p66: false, W: false }); return out; }
    if (f.osz === undefined || f.osz === 32) out.push({ osz: dflt, p66: false, W: false });
    if (bits === 64 && (form.hasY || f.osz === 64) && (f.osz === undefined || f.osz === 64)) out.push({ osz: 64, p66: false, W: true });
    if (bits !== 64 && f.osz === 64) return [];
    return out;
  }
  const add = (osz: 16 | 32 | 64) => {
    if (forced && osz !== forced) return;
    if (f.osz !== undefined && f.osz !== osz) return;
    if (bits !== 64 && osz === 64) return;
    let p66 = false; let W = false;
    if (bits === 64 && (f.d64 || f.f64)) {
      if (osz === 32) return;
      if (f.f64 && osz === 16) return;
      p66 = osz === 16;
    } else {
      p66 = osz !== 64 && osz !== dflt;
      W = osz === 64;
    }
    out.push({ osz, p66, W });
  };
  if (bits === 64 && (f.d64 || f.f64)) { add(64); add(16); }
  else { add(dflt); add(dflt === 16 ? 32 : 16); add(64); }
  return out;
}

/** The operand size a form has when no operand says otherwise. */
function defaultOsz(f: OpForm, bits: 16 | 32 | 64): number {
  if (bits === 64) return f.d64 || f.f64 ? 64 : 32;
  return bits;
}

/**
 * An instruction checked against everything that does not depend on operand values: prefixes,
 * mnemonic, candidate forms and register availability in the mode. It can be kept across layout
 * passes (the statement and the mode do not change) and encoded again with new values.
 */
export interface PreparedInstruction {
  mnemIn: string;
  mnem: string;
  bits: 16 | 32 | 64;
  ops: Operand[];
  forms: IndexedForm[];
  pre: number[];
  seg: number;
  lock: boolean;
  forcedOsz: 16 | 32 | 64 | 0;
  forcedAsz: 16 | 32 | 64 | 0;
  /** Set for a bare prefix line: its bytes do not depend on anything else. */
  fixed?: number[];
}

/** Per-operand evaluated values, computed once per encode call. */
export interface OpVals { imm?: Value; disp?: Value; far?: Value }

/** Encodes one instruction; returns its bytes or a message explaining why it cannot be encoded. */
export function encodeInstruction(mnemIn: string, prefixes: string[], opsIn: Operand[], env: EncodeEnv): EncodeResult {
  const p = prepareInstruction(mnemIn, prefixes, opsIn, env.bits);
  if ('error' in p) return p;
  if (p.fixed) return { bytes: [...p.fixed] };
  return encodePrepared(p, evaluateOperands(p, env), env);
}

/** The value-independent half of `encodeInstruction` (its errors are the ones reported before any operand is evaluated). */
export function prepareInstruction(mnemIn: string, prefixes: string[], opsIn: Operand[], bits: 16 | 32 | 64): PreparedInstruction | { error: string } {
  let forcedOsz: 16 | 32 | 64 | 0 = 0;
  let forcedAsz: 16 | 32 | 64 | 0 = 0;
  const pre: number[] = [];
  let seg = -1;
  let lock = false;
  for (const p of prefixes) {
    switch (p) {
      case 'o16': forcedOsz = 16; break;
      case 'o32': forcedOsz = 32; break;
      case 'o64': if (bits !== 64) return { error: "'o64' is only valid in 64-bit mode" }; forcedOsz = 64; break;
      case 'a16': if (bits === 64) return { error: "'a16' is not valid in 64-bit mode" }; forcedAsz = 16; break;
      case 'a32': forcedAsz = 32; break;
      case 'a64': if (bits !== 64) return { error: "'a64' is only valid in 64-bit mode" }; forcedAsz = 64; break;
      case 'lock': pre.push(0xf0); lock = true; break;
      case 'rep': case 'repe': case 'repz': pre.push(0xf3); break;
      case 'repne': case 'repnz': pre.push(0xf2); break;
      case 'xacquire': pre.push(0xf2); break;
      case 'xrelease': pre.push(0xf3); break;
      case 'bnd': pre.push(0xf2); break;
      case 'nobnd': break;
      default: {
        const r = lookupRegister(p);
        if (r && r.cls === RegClass.Seg) seg = r.num;
      }
    }
  }
  if (mnemIn === '') {
    // Bare prefix line.
    const b = [...pre];
    if (seg >= 0) b.push(SEG_PREFIX[seg]);
    if (forcedOsz) b.push(0x66);
    if (forcedAsz) b.push(0x67);
    return { mnemIn, mnem: '', bits, ops: opsIn, forms: [], pre, seg, lock, forcedOsz, forcedAsz, fixed: b };
  }
  let mnem = canonical(mnemIn, bits);
  let ops = opsIn;
  const waitForm = WAIT_FORMS[mnem];
  if (waitForm) { pre.unshift(0x9b); mnem = waitForm; }
  // Operand defaults NASM fills in.
  if (ops.length === 0) {
    if (X87_DEFAULT_ST1.has(mnem)) ops = [regOp('st1', opsIn)];
    else if (X87_DEFAULT_ST1_ST0.has(mnem)) ops = [regOp('st1', opsIn), regOp('st0', opsIn)];
    else if (DEFAULT_IMMEDIATE[mnem] !== undefined) ops = [{ k: 'imm', expr: { k: 'num', v: DEFAULT_IMMEDIATE[mnem] }, size: 0, strict: false, loc: dummyLoc }];
  }
  // Two-operand IMUL with an immediate is the three-operand form with the register repeated.
  if (mnem === 'imul' && ops.length === 2 && ops[0].k === 'reg' && ops[1].k === 'imm') ops = [ops[0], ops[0], ops[1]];
  // A one-operand x87 register form means st0 as the other operand.
  const forms = index().get(mnem);
  if (!forms) return { error: `unknown instruction '${mnemIn}'` };

  if (bits !== 64) {
    for (const o of ops) {
      if (o.k === 'reg') { const e = only64(o.reg, bits); if (e) return e; }
      else if (o.k === 'mem') {
        const e = only64(o.base, bits) ?? only64(o.index, bits);
        if (e) return e;
      }
    }
  }
  return { mnemIn, mnem, bits, ops, forms, pre: pre.length ? pre : NO_PREFIX_BYTES, seg, lock, forcedOsz, forcedAsz };
}

function only64(r: Register | null, bits: number): { error: string } | undefined {
  if (r && ((r.cls === RegClass.Gpr && (r.size === 8 || r.num >= 8 || r.rex8)) || ((r.cls === RegClass.Xmm || r.cls === RegClass.Cr || r.cls === RegClass.Dr) && r.num >= 8) || r.cls === RegClass.Rip)) {
    return { error: `register '${r.name}' is only available in 64-bit mode (this is ${bits}-bit code: add 'bits 64')` };
  }
  return undefined;
}

/** Shared by every instruction without legacy prefix bytes (never changed). */
const NO_PREFIX_BYTES: number[] = [];

const NO_VALUE: Value = { v: 0n, unknown: false, reloc: false };
const NO_VALS: OpVals = {};

/** Evaluates the operands of a prepared instruction in operand order (as `encodeInstruction` does). */
export function evaluateOperands(p: PreparedInstruction, env: Pick<EncodeEnv, 'value'>): OpVals[] {
  const ops = p.ops;
  const vals: OpVals[] = new Array(ops.length);
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i];
    if (o.k === 'imm') vals[i] = { imm: env.value(o.expr) };
    else if (o.k === 'mem') vals[i] = { disp: o.disp ? env.value(o.disp) : NO_VALUE };
    else if (o.k === 'far') { const imm = env.value(o.off); vals[i] = { imm, far: env.value(o.seg) }; }
    else vals[i] = NO_VALS;
  }
  return vals;
}

/**
 * True when no operand value is known (or there is none). The encoder compares only known jump
 * targets and RIP-relative displacements with the instruction's address, so then whether the
 * instruction encodes, and its length, do not depend on the address.
 */
export function lengthIgnoresAddress(vals: OpVals[]): boolean {
  for (let i = 0; i < vals.length; i++) {
    const x = vals[i];
    if (x.imm !== undefined && !x.imm.unknown) return false;
    if (x.far !== undefined && !x.far.unknown) return false;
    if (x.disp !== undefined && x.disp !== NO_VALUE && !x.disp.unknown) return false;
  }
  return true;
}

/** A number that equal operand values (`sameOperandValues`) share (for hashing). */
export function valuesHash(vals: OpVals[]): number {
  let h = vals.length;
  for (let i = 0; i < vals.length; i++) {
    const x = vals[i];
    h = (h * 31 + valueHash(x.imm)) | 0;
    h = (h * 31 + valueHash(x.disp)) | 0;
    h = (h * 31 + valueHash(x.far)) | 0;
  }
  return h;
}

function valueHash(v: Value | undefined): number {
  if (v === undefined) return 1;
  return (Number(BigInt.asIntN(32, v.v)) * 4 + (v.unknown ? 2 : 0) + (v.reloc ? 1 : 0)) | 0;
}

/** True when two evaluations of the same prepared instruction's operands gave the same values. */
export function sameOperandValues(a: OpVals[], b: OpVals[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]; const y = b[i];
    if (!sameValue(x.imm, y.imm) || !sameValue(x.disp, y.disp) || !sameValue(x.far, y.far)) return false;
  }
  return true;
}

function sameValue(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return a.v === b.v && a.unknown === b.unknown && a.reloc === b.reloc;
}

/**
 * True when `encodePrepared` reads the same from both prepared instructions: given the same operand
 * values, address and `defaultRel` they encode alike. (Operand expressions do not count: the encoder
 * only sees their values.)
 */
export function samePreparedInput(a: PreparedInstruction, b: PreparedInstruction): boolean {
  if (a.bits !== b.bits || a.mnemIn !== b.mnemIn || a.mnem !== b.mnem || a.seg !== b.seg || a.lock !== b.lock) return false;
  if (a.forcedOsz !== b.forcedOsz || a.forcedAsz !== b.forcedAsz || !sameNumbers(a.pre, b.pre)) return false;
  if (a.fixed !== b.fixed && (a.fixed === undefined || b.fixed === undefined || !sameNumbers(a.fixed, b.fixed))) return false;
  if (a.ops.length !== b.ops.length) return false;
  for (let i = 0; i < a.ops.length; i++) if (!sameOperandInput(a.ops[i], b.ops[i])) return false;
  return true;
}

/** A number that equal `samePreparedInput` instructions share (for hashing). */
export function preparedHash(p: PreparedInstruction): number {
  let h = p.bits + p.ops.length * 7 + p.pre.length * 131 + p.seg * 17;
  const m = p.mnemIn;
  for (let i = 0; i < m.length; i++) h = (h * 31 + m.charCodeAt(i)) | 0;
  for (let i = 0; i < p.ops.length; i++) {
    const o = p.ops[i];
    h = (h * 31 + (o.k === 'reg' ? 1 + o.reg.num * 8 + o.reg.size : o.k === 'imm' ? 2 + o.size * 4 : o.k === 'mem' ? 3 + o.size * 4 : 4)) | 0;
  }
  return h;
}

function sameNumbers(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameOperandInput(a: Operand, b: Operand): boolean {
  switch (a.k) {
    case 'reg': return b.k === 'reg' && a.reg.name === b.reg.name;
    case 'imm': return b.k === 'imm' && a.size === b.size && a.strict === b.strict && a.jump === b.jump;
    case 'far': return b.k === 'far' && a.size === b.size;
    case 'mem':
      return b.k === 'mem' && a.size === b.size && a.seg === b.seg && a.base?.name === b.base?.name && a.index?.name === b.index?.name
        && a.scale === b.scale && (a.disp === null) === (b.disp === null) && a.dispSize === b.dispSize && a.rel === b.rel
        && a.nosplit === b.nosplit && a.far === b.far && a.strict === b.strict;
  }
}

/** Mnemonic canonicalization per mode, memoized (the same few hundred spellings recur). */
const CANON: Map<string, string>[] = [new Map(), new Map(), new Map()];
function canonical(m: string, bits: 16 | 32 | 64): string {
  const cache = CANON[bits === 16 ? 0 : bits === 32 ? 1 : 2];
  let c = cache.get(m);
  if (c === undefined) { c = canonicalMnemonic(m, bits); cache.set(m, c); }
  return c;
}

/**
 * The value-dependent half of `encodeInstruction`: picks the form and emits the bytes. A pure function
 * of the prepared instruction, the values, `env.address` and `env.defaultRel` (warnings go to `env.warn`).
 */
export function encodePrepared(p: PreparedInstruction, vals: OpVals[], env: EncodeEnv): EncodeResult {
  if (p.fixed) return { bytes: [...p.fixed] };
  const bits = p.bits;
  const { mnemIn, mnem, forms, pre, seg, lock, forcedOsz, forcedAsz } = p;
  let ops = p.ops;

  // NASM: `mov r64, imm` with an unsigned 32-bit value becomes `mov r32, imm` (zero-extended).
  if (bits === 64 && mnem === 'mov' && ops.length === 2 && ops[0].k === 'reg' && ops[0].reg.cls === RegClass.Gpr && ops[0].reg.size === 8 && ops[1].k === 'imm') {
    const im = ops[1] as ImmOperand;
    const v = vals[1].imm!;
    if (!im.strict && (im.size === 0) && !v.reloc && v.v >= 0n && v.v <= 0xffffffffn) {
      ops = [{ ...ops[0], reg: gpr(ops[0].reg.num, 4) }, ops[1]];
    }
  }

  forcedFlag = forcedOsz !== 0;
  const cands: Candidate[] = [];
  let failure = '';
  let kinds: number[] = [];
  const tryForms = (operands: Operand[], values: OpVals[], swapped: boolean) => {
    kinds = operands.map(operandKind);
    for (const form of forms) {
      if (form.explicit.length !== operands.length) {
        // x87 forms written with one register: `fld st1` is `ST0,STi` with st0 implied.
        if (!(operands.length === 1 && form.explicit.length === 2 && form.explicit[0].fixed === 'ST0' && form.explicit[1].fixed === 'STi' && operands[0].k === 'reg' && operands[0].reg.cls === RegClass.St)) continue;
        const r = tryForm(form, [regOp('st0', operands), operands[0]], [{}, values[0]], env, forcedOsz, forcedAsz, seg, pre);
        if ('bytes' in r) cands.push({ bytes: r.bytes, order: form.order, pref: r.pref + (swapped ? 1 : 0), memSize: r.memSize, warnings: r.warnings });
        else if (!failure || r.rank > failureRank) { failure = r.error; failureRank = r.rank; }
        continue;
      }
      let ok = true;
      for (let k = 0; k < operands.length; k++) if ((form.masks[k] & kinds[k]) === 0) { ok = false; break; }
      if (!ok) { if (failureRank < 0) { failure = `invalid combination of operands for '${mnemIn}'`; failureRank = 0; } continue; }
      const r = tryForm(form, operands, values, env, forcedOsz, forcedAsz, seg, pre);
      if ('bytes' in r) cands.push({ bytes: r.bytes, order: form.order, pref: r.pref + (swapped ? 1 : 0), memSize: r.memSize, warnings: r.warnings });
      else if (!failure || r.rank > failureRank) { failure = r.error; failureRank = r.rank; }
    }
  };
  let failureRank = -1;
  tryForms(ops, vals, false);
  if (COMMUTATIVE.has(mnem) && ops.length === 2) tryForms([ops[1], ops[0]], [vals[1], vals[0]], true);
  if (!cands.length) {
    if (lock && failure === '') failure = `'lock' cannot be used with '${mnemIn}'`;
    const gprs = ops.filter((o) => o.k === 'reg' && o.reg.cls === RegClass.Gpr) as { reg: Register }[];
    if (failure.startsWith('operand size mismatch') && gprs.length >= 2 && gprs[0].reg.size !== gprs[1].reg.size) {
      failure = `operand size mismatch: '${gprs[0].reg.name}' is ${gprs[0].reg.size * 8}-bit but '${gprs[1].reg.name}' is ${gprs[1].reg.size * 8}-bit`;
    }
    if (bits === 64 && gprs.length === 1 && ops.length === 1 && gprs[0].reg.size === 4 && forms.some((f) => (f.f.d64 || f.f.f64) && f.masks.length === 1 && (f.masks[0] & K_GPR) !== 0)) {
      failure = `'${mnemIn} ${gprs[0].reg.name}' is not valid in 64-bit mode: ${mnemIn} takes a 64-bit or 16-bit operand here`;
    }
    return { error: failure || `invalid combination of operands for '${mnemIn}'` };
  }
  // An unsized memory operand must leave only one possible size.
  const unsized = ops.find((o) => o.k === 'mem' && o.size === 0 && !o.far) as MemOperand | undefined;
  if (unsized) {
    const sizes = new Set(cands.map((c) => c.memSize).filter((s) => s > 0));
    if (sizes.size > 1) {
      const names = [...sizes].sort((a, b) => a - b).map(sizeWord);
      return { error: `operation size not specified: write the size of the memory operand (${names.join(', ')})` };
    }
  }
  let best = cands[0];
  for (const c of cands) {
    const cf = c.pref <= -10; const bf = best.pref <= -10;
    if (cf !== bf) { if (cf) best = c; continue; }
    if (c.bytes.length < best.bytes.length || (c.bytes.length === best.bytes.length && (c.pref < best.pref || (c.pref === best.pref && c.order < best.order)))) best = c;
  }
  if (lock && !forms.some((f) => f.f.lock)) env.warn(`'lock' is not valid with '${mnemIn}'`);
  for (const w of best.warnings ?? []) env.warn(w);
  return { bytes: best.bytes };
}

const dummyLoc = { file: '', line: 0, column: 0, endColumn: 0 };
function regOp(name: string, near: Operand[]): Operand {
  return { k: 'reg', reg: lookupRegister(name)!, loc: near[0]?.loc ?? dummyLoc };
}

/** Register forms where NASM writes no REX.W for a 64-bit register (the upper bits are zeroed anyway). */
const NO_REXW = new Set(['sldt', 'pextrb', 'pextrw']);

const SEG_PREFIX = [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65];

function sizeWord(n: number): string {
  return ({ 1: 'byte', 2: 'word', 4: 'dword', 8: 'qword', 10: 'tword', 16: 'oword' } as Record<number, string>)[n] ?? `${n} bytes`;
}

type FormResult = { bytes: number[]; pref: number; memSize: number; warnings?: string[] } | { error: string; rank: number };

/** 2^(8n-1) and 2^(8n) for n = 0..8 bytes, so that range checks compute no bigint. */
const HALF_LIMIT: bigint[] = [];
const LIMIT: bigint[] = [];
for (let n = 0; n <= 8; n++) { HALF_LIMIT.push(n ? 1n << BigInt(n * 8 - 1) : 0n); LIMIT.push(1n << BigInt(n * 8)); }

function fitsSigned(v: bigint, bytes: number): boolean {
  const lim = bytes <= 8 ? HALF_LIMIT[bytes] : 1n << BigInt(bytes * 8 - 1);
  return v >= -lim && v < lim;
}
function fitsEither(v: bigint, bytes: number): boolean {
  const lim = bytes <= 8 ? LIMIT[bytes] : 1n << BigInt(bytes * 8);
  return v >= -(lim >> 1n) && v < lim;
}

/** Appends the low `n` bytes of `v`, little-endian (two's complement for negative values). */
function pushLE(out: number[], v: bigint, n: number): void {
  if (n <= 4) {
    // The low 32 bits as a number: no bigint per byte.
    const x = Number(BigInt.asUintN(32, v));
    for (let i = 0; i < n; i++) out.push((x >>> (8 * i)) & 0xff);
    return;
  }
  let x = BigInt.asUintN(n * 8, v);
  for (let i = 0; i < n; i++) { out.push(Number(x & 0xffn)); x >>= 8n; }
}

/** Tries one form with the given operands over the possible operand sizes. */
function tryForm(form: IndexedForm, ops: Operand[], vals: OpVals[], env: EncodeEnv, forcedOsz: 16 | 32 | 64 | 0, forcedAsz: 16 | 32 | 64 | 0, seg: number, pre: number[]): FormResult {
  const f = form.f;
  const bits = env.bits;
  if (f.mode === 'i64' && bits === 64) return { error: `'${f.m}' with these operands is not valid in 64-bit mode`, rank: 5 };
  if (f.mode === 'o64' && bits !== 64) return { error: `'${f.m}' is only valid in 64-bit mode`, rank: 5 };
  let err: FormResult | null = null;
  let best: { bytes: number[]; pref: number; memSize: number } | null = null;
  for (const s of sizings(form, bits, forcedOsz)) {
    const r = encodeWith(form, ops, vals, env, s, forcedAsz, seg, pre);
    if ('bytes' in r) { if (!best || r.bytes.length < best.bytes.length) best = r; }
    else if (!err || r.rank > (err as { rank: number }).rank) err = r;
  }
  if (best) return best;
  return err ?? { error: forcedOsz ? `'o${forcedOsz}' cannot be used with '${f.m}'` : `'${f.m}' cannot be encoded in ${bits}-bit mode with these operands`, rank: 1 };
}

function encodeWith(form: IndexedForm, ops: Operand[], vals: OpVals[], envIn: EncodeEnv, s: Sizing, forcedAsz: number, segIn: number, pre: number[]): FormResult {
  const f = form.f;
  const warnings: string[] = [];
  const env = envIn;
  const prevSink = warnSink;
  warnSink = warnings;
  const bits = env.bits;
  let regField = f.ext ?? -1;
  let rmReg: Register | null = null;
  let mem: MemOperand | null = null;
  let memVal: Value | null = null;
  let opReg: Register | null = null;
  let rexR = false; let rexB = false;
  let needRex = false; let high8 = false;
  let memSize = 0;
  let pref = 0;
  const imms: { v: Value; size: number; jump?: boolean; far?: Value; op: ImmOperand | null }[] = [];
  let seg = segIn;
  let moffs = false;
  /** Some register or sized memory operand fixes the operand size (immediates alone do not). */
  let sized = false;
  const codes = form.explicit;
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    const o = ops[i];
    const want = codeSize(c.sz, s);
    if (c.fixed) {
      if (c.fixed === '1') {
        if (o.k !== 'imm') return { error: 'expected the constant 1', rank: 0 };
        const v = vals[i].imm!;
        if (v.unknown || v.reloc || v.v !== 1n || o.size > 1) return { error: 'not 1', rank: 0 };
        continue;
      }
      if (o.k !== 'reg') return { error: `operand ${i + 1} must be ${c.fixed}`, rank: 1 };
      const r = o.reg;
      switch (c.fixed) {
        case 'AL': if (r.name !== 'al') return { error: 'AL', rank: 0 }; break;
        case 'CL': if (r.name !== 'cl') return { error: `the count operand must be CL, not '${r.name}'`, rank: 2 }; break;
        case 'DX': if (r.name !== 'dx') return { error: `the port operand must be DX, not '${r.name}'`, rank: 2 }; break;
        case 'AX': if (r.name !== 'ax') return { error: 'AX', rank: 0 }; break;
        case 'eAX': if (r.cls !== RegClass.Gpr || r.num !== 0 || r.high8 || r.size !== (s.osz === 16 ? 2 : 4)) return { error: 'eAX', rank: 0 }; sized = true; break;
        case 'rAX': if (r.cls !== RegClass.Gpr || r.num !== 0 || r.high8 || r.size !== s.osz / 8) return { error: 'rAX', rank: 0 }; sized = true; break;
        case 'ST0': if (r.cls !== RegClass.St || r.num !== 0) return { error: 'ST0', rank: 0 }; break;
        case 'XMM0': if (r.cls !== RegClass.Xmm || r.num !== 0) return { error: 'the last operand must be xmm0', rank: 2 }; break;
        case 'STi':
          if (r.cls !== RegClass.St) return { error: 'x87 register expected', rank: 1 };
          rmReg = r;
          break;
        default: {
          const n = ['ES', 'CS', 'SS', 'DS', 'FS', 'GS'].indexOf(c.fixed);
          if (r.cls !== RegClass.Seg || r.num !== n) return { error: 'seg', rank: 0 };
        }
      }
      continue;
    }
    switch (c.cls) {
      case 'E': case 'G': case 'R': case 'Z': {
        const isSegForm = form.segForm;
        if (o.k === 'reg') {
          const r = o.reg;
          if (r.cls !== RegClass.Gpr) return { error: `'${r.name}' cannot be used here`, rank: 1 };
          if (isSegForm) {
            // MOV to/from a segment register: NASM takes any GPR size, using 66h only to store into a 16-bit register.
            if (s.W) return { error: 'W', rank: 0 };
            if (f.op === 0x8c && (r.size === 2) !== s.p66 && bits !== 16) return { error: 'sz', rank: 0 };
            if (f.op === 0x8c && bits === 16 && (r.size === 4) !== s.p66) return { error: 'sz', rank: 0 };
            if (f.op === 0x8e && s.p66 !== false) return { error: 'sz', rank: 0 };
            if (f.op === 0x8e && bits === 16 && r.size !== 2 && r.size !== 4) return { error: 'sz', rank: 0 };
          } else if (bits === 64 && c.sz === 'd' && (c.cls === 'R' || c.cls === 'G') && r.size === 8 && form.vecForm) {
            // NASM takes a 64-bit register for the 32-bit destination of PEXTRB/PEXTRW/PMOVMSKB and writes no REX.W.
          } else if (want && r.size !== want) {
            return { error: `operand size mismatch: '${r.name}' is ${r.size * 8}-bit, this form needs ${want * 8}-bit`, rank: 3 };
          }
          if (r.num >= 8) { if (c.cls === 'G') rexR = true; else rexB = true; }
          if (r.rex8) needRex = true;
          if (r.high8) high8 = true;
          if (c.sz === 'v' || c.sz === 'z' || c.sz === 'y') sized = true;
          if (c.cls === 'G') regField = r.num & 7;
          else if (c.cls === 'Z') opReg = r;
          else rmReg = r;
        } else if (o.k === 'mem') {
          if (c.cls !== 'E') return { error: 'register operand expected', rank: 1 };
          if (o.far) return { error: "'far' needs a far-pointer form", rank: 1 };
          if (o.size && want && o.size !== want) return { error: `operand size mismatch: memory operand is ${sizeWord(o.size)}, this form needs ${sizeWord(want)}`, rank: 3 };
          if (!o.size && isBranchForm(f) && s.osz !== (bits === 16 ? 16 : bits === 64 ? 64 : 32)) return { error: 'sz', rank: 0 };
          if (o.size) sized = true;
          if (o.dispSize === 8 && !o.base && !o.index) return { error: 'moffs', rank: 0 };
          mem = o; memVal = vals[i].disp!; memSize = want;
        } else return { error: `operand ${i + 1} must be a register or memory`, rank: 1 };
        break;
      }
      case 'M': {
        if (o.k !== 'mem') return { error: `operand ${i + 1} must be a memory operand`, rank: 2 };
        if (o.size) sized = true;
        if (c.sz === 'p') {
          // Far pointer in memory: needs `far` for branches; LES/LFS... take it plain.
          if (isBranchForm(f) || f.op === 0xff) { if (!o.far) return { error: "use 'far' for an indirect far jump or call", rank: 0 }; }
          if (o.size && o.size !== s.osz / 8 && o.size !== s.osz / 8 + 2) return { error: 'size', rank: 0 };
          // NASM's indirect far branch defaults to m16:64 in 64-bit mode.
          if (o.size === 0 && f.op === 0xff && s.osz !== (bits === 16 ? 16 : bits === 64 ? 64 : 32)) return { error: 'sz', rank: 0 };
          sized = true;
        } else {
          if (o.far) return { error: "'far' needs a far-pointer form", rank: 1 };
          if (o.size && want && o.size !== want && !f.nosize) return { error: `operand size mismatch: memory operand is ${sizeWord(o.size)}, this form needs ${sizeWord(want)}`, rank: 3 };
          memSize = want;
        }
        mem = o; memVal = vals[i].disp!;
        break;
      }
      case 'S': case 'C': case 'D': case 'V': case 'P': {
        if (o.k !== 'reg') return { error: `operand ${i + 1} must be a register`, rank: 1 };
        const r = o.reg;
        const cls = c.cls === 'S' ? RegClass.Seg : c.cls === 'C' ? RegClass.Cr : c.cls === 'D' ? RegClass.Dr : c.cls === 'V' ? RegClass.Xmm : RegClass.Mmx;
        if (r.cls !== cls) return { error: `'${r.name}' cannot be used here`, rank: 1 };
        if (c.cls === 'S' && i === 0 && r.num === 1) return { error: 'cannot load CS with MOV (use a far jump)', rank: 4 };
        regField = r.num & 7;
        if (r.num >= 8) rexR = true;
        break;
      }
      case 'U': case 'N': case 'W': case 'Q': {
        const cls = c.cls === 'U' || c.cls === 'W' ? RegClass.Xmm : RegClass.Mmx;
        if (o.k === 'reg') {
          if (o.reg.cls !== cls) return { error: `'${o.reg.name}' cannot be used here`, rank: 1 };
          rmReg = o.reg;
          if (o.reg.num >= 8) rexB = true;
        } else if (o.k === 'mem' && (c.cls === 'W' || c.cls === 'Q')) {
          if (o.size && want && o.size !== want) return { error: `operand size mismatch: memory operand is ${sizeWord(o.size)}, this form needs ${sizeWord(want)}`, rank: 3 };
          mem = o; memVal = vals[i].disp!; memSize = want;
        } else return { error: `operand ${i + 1} has the wrong type`, rank: 1 };
        break;
      }
      case 'I': {
        if (o.k !== 'imm' || o.jump === 'far') return { error: `operand ${i + 1} must be an immediate`, rank: 1 };
        const v = vals[i].imm!;
        let size = c.sz === 'bs' ? 1 : want;
        if (c.sz === 'bs') {
          if (o.size > 1) sized = true;
          // The sign-extended imm8 form: only for values that fit, never for label values (NASM keeps those full size).
          if (o.size && o.size !== 1 && o.size !== s.osz / 8) return { error: 'size', rank: 0 };
          if (o.strict && o.size !== 1) return { error: 'strict', rank: 0 };
          if (o.size !== 1) {
            if (v.reloc) return { error: 'reloc', rank: 0 };
            if (!v.unknown && !fitsSigned(BigInt.asIntN(s.osz, v.v), 1)) return { error: 'range', rank: 0 };
          }
          pref = -1;
        } else {
          if (o.size && size && o.size !== size) return { error: `immediate size mismatch: ${sizeWord(o.size)} given, this form takes ${sizeWord(size)}`, rank: 2 };
          // imm32 sign-extended to 64 bits cannot hold larger values.
          if (c.sz === 'z' && s.osz === 64 && !v.unknown && !v.reloc && !fitsSigned(v.v, 4)) return { error: `value ${v.v} does not fit in a sign-extended 32-bit immediate`, rank: 2 };
          if (size && size < 8 && !v.unknown && !v.reloc && !fitsEither(v.v, size)) warnTo(`value ${v.v} does not fit in ${sizeWord(size)} and is truncated`);
          // NASM keeps a label value in `mov r64, label` as a full 64-bit immediate.
          if (c.sz === 'v' && size === 8 && v.reloc) pref = -10;
          if (o.size) sized = true;
        }
        if (size === 0) size = 1;
        imms.push({ v, size, op: o });
        break;
      }
      case 'J': {
        if (o.k !== 'imm') return { error: `operand ${i + 1} must be a jump target`, rank: 1 };
        if (o.jump === 'far') return { error: "far jumps need 'selector:offset'", rank: 1 };
        const size = c.sz === 'b' ? 1 : s.osz === 16 ? 2 : 4;
        if (c.sz === 'b' && (o.jump === 'near' || (o.strict && o.jump !== 'short'))) return { error: 'near', rank: 0 };
        if (c.sz !== 'b' && o.jump === 'short') return { error: 'short', rank: 0 };
        if (o.size && o.size !== s.osz / 8 && !(bits === 64 && o.size === 8)) return { error: 'size', rank: 0 };
        if (!o.size && s.osz !== (bits === 16 ? 16 : bits === 64 ? 64 : 32)) return { error: 'default', rank: 0 };
        if (o.size) sized = true;
        imms.push({ v: vals[i].imm!, size, jump: true, op: o });
        break;
      }
      case 'O': {
        if (o.k !== 'mem' || o.base || o.index || o.rel) return { error: 'moffs', rank: 0 };
        if (bits === 64 && o.dispSize !== 8) return { error: 'moffs', rank: 0 };
        if (bits !== 64 && (o.dispSize === 1)) return { error: 'moffs', rank: 0 };
        if (o.size && want && o.size !== want) return { error: `operand size mismatch: memory operand is ${sizeWord(o.size)}, this form needs ${sizeWord(want)}`, rank: 3 };
        mem = o; memVal = vals[i].disp!; memSize = want; moffs = true;
        break;
      }
      case 'A': {
        if (o.k !== 'far') return { error: 'far pointer', rank: 0 };
        if (o.size && o.size !== s.osz / 8) return { error: 'size', rank: 0 };
        if (!o.size && s.osz !== (bits === 16 ? 16 : 32)) return { error: 'default', rank: 0 };
        if (o.size) sized = true;
        imms.push({ v: vals[i].imm!, size: s.osz / 8, far: vals[i].far!, op: null });
        break;
      }
      default:
        return { error: `unsupported operand code ${c.cls}${c.sz}`, rank: 0 };
    }
  }
  if (form.usesOsz && !sized && s.osz !== defaultOsz(f, bits) && !(f.osz !== undefined) && !forcedOszOf(s, pre)) {
    return { error: 'the operand size is only changed by a sized operand', rank: 0 };
  }
  // xchg eax, eax in 64-bit mode must not become NOP (90 does not zero the upper half).
  if (bits === 64 && f.op === 0x90 && f.map === 0 && opReg && opReg.num === 0 && s.osz === 32) return { error: 'nop', rank: 0 };
  // Implicit string operands: address size and segment overrides come from prefixes.
  if (bits !== 64 && (rexR || rexB || needRex || s.W)) {
    return { error: `64-bit registers and r8-r15 are only available in 64-bit mode`, rank: 4 };
  }
  if (form.f.mode === undefined && bits !== 64) {
    for (const o of ops) if (o.k === 'reg' && o.reg.cls === RegClass.Gpr && (o.reg.size === 8 || o.reg.num >= 8)) return { error: `register '${o.reg.name}' is only available in 64-bit mode`, rank: 4 };
  }
  // Address encoding.
  let asize: 16 | 32 | 64 = bits;
  let addr: ReturnType<typeof encodeAddress> | null = null;
  if (mem) {
    if (mem.seg >= 0) seg = mem.seg;
    if (moffs) {
      asize = forcedAsz ? (forcedAsz as 16 | 32 | 64) : bits;
    } else {
      const rel = mem.rel ?? (env.defaultRel && mem.seg !== 4 && mem.seg !== 5);
      addr = encodeAddress(mem, bits, memVal!.v, memVal!.reloc, rel && memVal!.reloc && !mem.base && !mem.index, mem.disp !== null);
      if (addr.error) return { error: addr.error, rank: 4 };
      asize = addr.asize;
      if (addr.rexX) needRex = true;
      if (addr.rexB) rexB = true;
    }
  } else if (forcedAsz) asize = forcedAsz as 16 | 32 | 64;
  if (form.f.asz && asize !== form.f.asz) {
    if (forcedAsz && forcedAsz !== form.f.asz) return { error: 'asz', rank: 0 };
    asize = form.f.asz;
  }
  if (asize === 16 && bits === 64) return { error: '16-bit addressing is not available in 64-bit mode', rank: 4 };
  if (asize === 64 && bits !== 64) return { error: '64-bit addressing is only available in 64-bit mode', rank: 4 };
  const defaultAsz = bits;
  const rexX = !!addr?.rexX;
  const W = s.W && !f.f64 && !(f.d64 && bits === 64) && !(NO_REXW.has(f.m) && !mem && (f.m === 'sldt' || f.map === 3));
  const rexNeeded = W || rexR || rexB || rexX || needRex;
  if (rexNeeded && high8) return { error: 'AH, BH, CH and DH cannot be used with r8-r15, SPL, BPL, SIL, DIL or 64-bit operands', rank: 4 };

  const out: number[] = [...pre];
  if (seg >= 0) out.push(SEG_PREFIX[seg]);
  if (s.p66) out.push(0x66);
  if (asize !== defaultAsz) out.push(0x67);
  if (f.pfx) out.push(f.pfx);
  if (rexNeeded) out.push(0x40 | (W ? 8 : 0) | (rexR ? 4 : 0) | (rexX ? 2 : 0) | (rexB ? 1 : 0));
  if (f.map === 1) out.push(0x0f);
  else if (f.map === 2) out.push(0x0f, 0x38);
  else if (f.map === 3) out.push(0x0f, 0x3a);
  out.push(opReg ? f.op | (opReg.num & 7) : f.op);
  let ripAt = -1;
  if (f.modrm !== undefined) out.push(f.modrm);
  else if (mem && !moffs) {
    out.push((addr!.mod << 6) | ((regField < 0 ? 0 : regField) << 3) | addr!.rm);
    if (addr!.sib >= 0) out.push(addr!.sib);
    if (addr!.ripRel) ripAt = out.length;
    pushLE(out, addr!.disp, addr!.dispSize);
  } else if (rmReg || regField >= 0 && codes.length === 0 || (regField >= 0 && f.mod === 'reg')) {
    out.push(0xc0 | ((regField < 0 ? 0 : regField) << 3) | (rmReg ? rmReg.num & 7 : 0));
  } else if (regField >= 0 && form.codes.length && !opReg) {
    return { error: 'missing operand', rank: 0 };
  }
  if (moffs) pushLE(out, memVal!.v, asize / 8);
  for (const im of imms) {
    if (im.jump) {
      const target = im.v.v;
      // The displacement is the last field: the instruction length is known now.
      const end = BigInt(env.address + out.length + im.size);
      let d = target - end;
      if (s.osz === 16 && im.size === 2) d = BigInt.asIntN(16, d);
      else if (im.size === 4) d = BigInt.asIntN(bits === 64 ? 64 : 32, d);
      if (!im.v.unknown && !fitsSigned(d, im.size)) {
        if (im.size === 1) {
          if (im.op?.jump === 'short') return { error: `short jump is out of range (distance ${d})`, rank: 6 };
          return { error: `jump target out of range for a short jump (distance ${d})`, rank: 6 };
        }
        return { error: `jump target out of range (distance ${d})`, rank: 6 };
      }
      pushLE(out, d, im.size);
      continue;
    }
    pushLE(out, im.v.v, im.size);
    if (im.far) pushLE(out, im.far.v, 2);
  }
  if (ripAt >= 0) {
    const end = BigInt(env.address + out.length);
    const d = memVal!.v - end;
    if (!memVal!.unknown && !fitsSigned(d, 4)) return { error: 'RIP-relative target is more than 2 GiB away', rank: 6 };
    const b: number[] = [];
    pushLE(b, d, 4);
    for (let k = 0; k < 4; k++) out[ripAt + k] = b[k];
  }
  warnSink = prevSink;
  // Among equally long encodings NASM prefers the one without REX.W (movq mm, [mem] is 0F 6F).
  return { bytes: out, pref: pref + (W && f.m === 'movq' ? 0.5 : 0), memSize, warnings };
}

/** Where warnings of the form being tried go (collected per candidate, reported for the chosen one). */
let warnSink: string[] = [];
function warnTo(m: string): void { warnSink.push(m); }

function forcedOszOf(_s: Sizing, _pre: number[]): boolean { return forcedFlag; }
let forcedFlag = false;

function isBranchForm(f: OpForm): boolean {
  return f.op === 0xff && f.map === 0 && (f.ext === 2 || f.ext === 3 || f.ext === 4 || f.ext === 5);
}
