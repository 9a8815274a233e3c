// Lookup indexes over the instruction spec, built once: forms by mnemonic (for the assembler's encoder) and by opcode.
import { FORMS } from './table';
import type { OpForm } from './types';

export { FORMS } from './table';
export type { OpForm, OperandCode } from './types';

/** Indexes into FORMS per mnemonic, in table order (for instance 'add' lists all 18 ADD forms). */
export const FORMS_BY_MNEMONIC: ReadonlyMap<string, readonly number[]> = (() => {
  const m = new Map<string, number[]>();
  FORMS.forEach((f, i) => {
    let l = m.get(f.m);
    if (!l) m.set(f.m, (l = []));
    l.push(i);
  });
  return m;
})();

/** The forms of one mnemonic (empty when unknown). */
export function formsOf(mnemonic: string): OpForm[] {
  return (FORMS_BY_MNEMONIC.get(mnemonic.toLowerCase()) ?? []).map((i) => FORMS[i]);
}

/** Indexes into FORMS per opcode map and byte: key map * 256 + op (Z-operand forms under their base opcode). */
export const FORMS_BY_OPCODE: ReadonlyMap<number, readonly number[]> = (() => {
  const m = new Map<number, number[]>();
  FORMS.forEach((f, i) => {
    const k = f.map * 256 + f.op;
    let l = m.get(k);
    if (!l) m.set(k, (l = []));
    l.push(i);
  });
  return m;
})();
