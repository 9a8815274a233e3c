// Operand combinations GNU as rejects in Intel syntax although the shared encoder (NASM's rules) has a form for them.

import { RegClass } from '../registers';
import type { Operand } from '../statement';

/** x87 instructions GNU as takes with one register only (`fcom st(1)`), never as `st, st(i)`. */
const X87_ONE_REGISTER = new Set(['fcom', 'fcomp', 'fld', 'fxch']);

const FAR_POINTER_LOADS = new Set(['lss', 'lfs', 'lgs']);

/** Mnemonics of the instruction table that GNU as does not know, with what to write instead. */
const UNKNOWN_TO_GNU_AS: Record<string, string> = {
  salc: '.byte 0xd6',
  fstpnce: 'fstp st(i) (opcode D9 D8+i has no GNU as mnemonic: .byte 0xd9, 0xd8+i)',
  pcmpestri64: 'pcmpestriq',
  pcmpestrm64: 'pcmpestrmq',
};

/** Instructions whose operand size GNU as's Intel syntax needs spelled out in 64-bit code. */
const SIZED_IN_64: Record<string, string> = {
  sysret: "write 'sysretq' to return to 64-bit code or 'sysretd' to return to 32-bit code",
  sysexit: "write 'sysexitq' to return to 64-bit code or 'sysexitd' to return to 32-bit code",
};

function gprSize(o: Operand | undefined): number {
  return o?.k === 'reg' && o.reg.cls === RegClass.Gpr ? o.reg.size : 0;
}

/**
 * Why GNU as 2.40 rejects an Intel-syntax instruction that NASM's rules accept, or undefined.
 * `name` is the mnemonic as written, `ops` its operands in Intel order (before the front end's
 * rewrites), `bits` the current mode. Found by assembling every form of the instruction table
 * with GNU as (test/asm/gas/corpus.test.ts); the messages say what GNU as takes instead.
 */
export function gnuAsIntelRejection(name: string, ops: readonly Operand[], bits: 16 | 32 | 64, prefixes: readonly string[] = []): string | undefined {
  const instead = UNKNOWN_TO_GNU_AS[name];
  if (instead) return `no such instruction in GNU as: '${name}' (write ${instead})`;
  if (bits === 64 && SIZED_IN_64[name] && ops.length === 0) return `ambiguous operand size for '${name}': ${SIZED_IN_64[name]}`;
  if ((name === 'jmp' || name === 'call') && bits === 16 && ops.length === 1 && ops[0].k === 'far' && !prefixes.includes('o32')) {
    const off = ops[0].off;
    if (off.k === 'num' && (off.v < -0x8000n || off.v > 0xffffn)) return `16-bit jump out of range: the offset ${off.v < 0n ? '-0x' + (-off.v).toString(16) : '0x' + off.v.toString(16)} does not fit in 16 bits (write 'jmp dword ptr' forms or data32 for a 32-bit offset)`;
  }
  if (name === 'movsxd' && gprSize(ops[0]) === 2) {
    return "operand size mismatch for 'movsxd': GNU as takes a 32- or 64-bit destination (use movsx for a 16-bit one)";
  }
  if (X87_ONE_REGISTER.has(name) && ops.length === 2) {
    const r = ops[1];
    const hint = r.k === 'reg' && r.reg.cls === RegClass.St ? `: write '${name} ${r.reg.name === 'st0' ? 'st(0)' : r.reg.name.replace(/^st(\d)$/, 'st($1)')}'` : '';
    return `number of operands mismatch for '${name}': GNU as takes one register operand${hint}`;
  }
  if (FAR_POINTER_LOADS.has(name) && gprSize(ops[0]) === 8) {
    return `operand size mismatch for '${name}': GNU as loads a far pointer into a 16- or 32-bit register (m16:16 or m16:32), not a 64-bit one`;
  }
  if (name === 'bswap' && gprSize(ops[0]) === 2) {
    return "operand size mismatch for 'bswap': the operand is a 32- or 64-bit register (BSWAP of a 16-bit register is undefined)";
  }
  if ((name === 'jmp' || name === 'call') && bits === 64 && ops.length === 1 && ops[0].k === 'mem' && ops[0].size === 10) {
    return `operand type mismatch for '${name}': GNU as takes an m16:32 far pointer (fword ptr), not tbyte ptr`;
  }
  return undefined;
}
