// Maps decoded mnemonics to their execution routines; instruction modules register themselves here.
import type { Instr, ExecFn } from '../instr';
import { CpuFault } from '../fault';

const routines = new Map<string, ExecFn>();
const binders = new Map<string, ((i: Instr) => ExecFn | undefined)[]>();

/** Register the execution routine of one or more mnemonics. */
export function register(mnems: string | string[], fn: ExecFn): void {
  for (const m of typeof mnems === 'string' ? [mnems] : mnems) {
    if (routines.has(m)) throw new Error(`execution routine for '${m}' registered twice`);
    routines.set(m, fn);
  }
}

/**
 * Register a binder: called once per decoded instruction of that mnemonic, it may return a
 * routine specialised for the operand forms (e.g. register-register ADD, or MOV to a segment
 * register), or undefined to try the next binder and finally the generic routine.
 */
export function registerBinder(mnem: string, binder: (i: Instr) => ExecFn | undefined): void {
  const l = binders.get(mnem);
  if (l) l.push(binder); else binders.set(mnem, [binder]);
}

/** True if the executor implements the mnemonic (the decoder allow-list may not list these). */
export function isImplemented(mnem: string): boolean { return routines.has(mnem); }

/** All implemented mnemonics. */
export function implementedMnemonics(): string[] { return [...routines.keys()].sort(); }

function execUD(): void { throw new CpuFault(6); }
function execTooLong(): void { throw new CpuFault(13, 0); }

/** The routine for a decoded instruction: invalid or unimplemented encodings raise #UD. */
export function bindExec(i: Instr): ExecFn {
  if ((i as { tooLong?: boolean }).tooLong) return execTooLong;
  if (i.mnem === '') return execUD;
  const bs = binders.get(i.mnem);
  if (bs) for (const b of bs) { const f = b(i); if (f) return f; }
  return routines.get(i.mnem) ?? execUD;
}
