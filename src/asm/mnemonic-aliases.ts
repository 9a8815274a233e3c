// Side table for the encoder: mnemonic spellings the form table does not list and NASM's choices among equivalent forms.

/** Condition-code synonyms (Jcc, SETcc, CMOVcc) mapped to the names the form table uses. */
const CC_SYNONYMS: Record<string, string> = {
  z: 'e', nz: 'ne', c: 'b', nae: 'b', nc: 'ae', nb: 'ae', na: 'be', nbe: 'a',
  pe: 'p', po: 'np', nge: 'l', nl: 'ge', ng: 'le', nle: 'g',
};

/** Plain renames. */
const RENAMES: Record<string, string> = {
  sal: 'shl', // NASM encodes SAL as SHL (/4); /6 is an undocumented alias the decoder knows.
  xlat: 'xlatb',
  loopz: 'loope',
  loopnz: 'loopne',
  retn: 'ret',
  fwait: 'wait',
  icebp: 'int1',
  int01: 'int1',
  int03: 'int3',
  pushaw: 'pusha',
  popaw: 'popa',
  pushfw: 'pushf',
  popfw: 'popf',
  iretw: 'iret',
  sysretq: 'sysret',
};

/** Mnemonics that are an FWAIT (9B) followed by the no-wait form. */
export const WAIT_FORMS: Record<string, string> = {
  fstsw: 'fnstsw', fstcw: 'fnstcw', fstenv: 'fnstenv', fsave: 'fnsave', fclex: 'fnclex', finit: 'fninit',
};

/** Mnemonics whose operand size follows the mode (NASM's `iret` is IRETD in 32-bit code). */
const BY_MODE: Record<string, [string, string, string]> = {
  iret: ['iret', 'iretd', 'iretd'],
  pushf: ['pushf', 'pushfd', 'pushfq'],
  popf: ['popf', 'popfd', 'popfq'],
  pusha: ['pusha', 'pushad', 'pushad'],
  popa: ['popa', 'popad', 'popad'],
};

/** Maps a source mnemonic to the name used in the form table for a mode. */
export function canonicalMnemonic(m: string, bits: 16 | 32 | 64): string {
  const bm = BY_MODE[m];
  if (bm) return bm[bits === 16 ? 0 : bits === 32 ? 1 : 2];
  const r = RENAMES[m];
  if (r) return r;
  for (const p of ['j', 'set', 'cmov']) {
    if (m.startsWith(p)) {
      const cc = CC_SYNONYMS[m.slice(p.length)];
      if (cc) return p + cc;
    }
  }
  return m;
}

/** All extra spellings, for the parser's mnemonic set and suggestions. */
export function aliasNames(): string[] {
  const out = [...Object.keys(RENAMES), ...Object.keys(WAIT_FORMS), ...Object.keys(BY_MODE)];
  for (const p of ['j', 'set', 'cmov']) for (const cc of Object.keys(CC_SYNONYMS)) out.push(p + cc);
  return out;
}

/** x87 mnemonics whose operand-less form means `st1` (or `st1, st0` for the popping arithmetic forms). */
export const X87_DEFAULT_ST1 = new Set(['fxch', 'fcom', 'fcomp', 'fucom', 'fucomp', 'fcomi', 'fcomip', 'fucomi', 'fucomip']);
export const X87_DEFAULT_ST1_ST0 = new Set(['faddp', 'fmulp', 'fsubp', 'fsubrp', 'fdivp', 'fdivrp']);

/** Instructions that take a default immediate when written without operands (AAM/AAD base 10). */
export const DEFAULT_IMMEDIATE: Record<string, bigint> = { aam: 10n, aad: 10n };

/** Two-operand instructions whose operands NASM also accepts the other way round. */
export const COMMUTATIVE = new Set(['xchg', 'test']);
