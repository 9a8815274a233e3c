// Where GNU as picks a different encoding than NASM for the same instruction: the cases as data, and the IR rewrites that reproduce GNU as.

import { gpr, RegClass } from '../registers';
import type { Operand, Statement } from '../statement';

/** One instruction form on which GNU as and NASM (the shared encoder's default) choose different bytes. */
export interface EncodingPreference {
  /** The form, in AT&T and Intel spelling. */
  form: string;
  mode: 16 | 32 | 64;
  nasm: string;
  gas: string;
  /** What differs and how the GNU as front end obtains GNU as's bytes (or that it cannot). */
  description: string;
  /** True when the front end reproduces GNU as through the IR; false when a layout option (LayoutOptions.prefixOrder) does. */
  handledInFrontEnd: boolean;
}

/** The cases found by comparing the generated corpus with GNU as 2.40. */
export const ENCODING_PREFERENCES: readonly EncodingPreference[] = [
  {
    form: 'mov $imm32, %r64 / mov r64, imm32 (0 <= imm < 2^31)', mode: 64, nasm: 'b8 01 00 00 00', gas: '48 c7 c0 01 00 00 00',
    description: 'NASM shortens to mov r32, imm32; GNU as keeps the sign-extended C7 /0 form (B8 imm64 when the value needs 64 bits). Front end gives the immediate an explicit size 4 or 8.',
    handledInFrontEnd: true,
  },
  {
    form: 'mov $label, %r64', mode: 64, nasm: '48 b8 <imm64>', gas: '48 c7 c0 <imm32>',
    description: 'For a symbol NASM emits a 64-bit immediate, GNU as a sign-extended 32-bit one (R_X86_64_32S). Front end: immediate size 4.',
    handledInFrontEnd: true,
  },
  {
    form: 'ljmp *(%rax) / jmp fword ptr [rax]', mode: 64, nasm: '48 ff 28', gas: 'ff 28',
    description: 'An unsized indirect far branch is m16:64 in NASM and m16:32 in GNU as. Front end gives the memory operand size 6.',
    handledInFrontEnd: true,
  },
  {
    form: 'xchg %rax, %rax / xchg rax, rax', mode: 64, nasm: '48 90', gas: '90',
    description: 'GNU as encodes an exchange of rAX with itself as a plain NOP. Front end rewrites it to nop.',
    handledInFrontEnd: true,
  },
  {
    form: 'pinsrw/pextrw/extractps/movmskps/movmskpd/pmovmskb/str/sldt/pextrb/pinsrb with a 64-bit general register; mov %sreg, %r64', mode: 64,
    nasm: '66 48 0f c4 c0 00 (pinsrw xmm0, rax, 0)', gas: '66 0f c4 c0 00',
    description: 'NASM writes REX.W when the general register operand is 64-bit; GNU as does not (the register is read or zero-extended as 32-bit). Front end uses the 32-bit register.',
    handledInFrontEnd: true,
  },
  {
    form: 'legacy prefix order (lock/rep with 66h, 66h with 67h, segment with rep)', mode: 64,
    nasm: 'f0 66 01 00 (lock add %ax,(%rax)); 66 67 01 04 18 (add %ax,(%eax,%ebx))', gas: '66 f0 01 00; 67 66 01 04 18',
    description: 'GNU as emits prefixes in the order segment, 67h, 66h, F2/F3, F0 (then REX); NASM emits F0/F2/F3, segment, 66h, 67h. The IR cannot order prefixes: assemble() asks layout for prefixOrder \'gnu\', which applies gnuLegacyPrefixOrder to every encoded instruction.',
    handledInFrontEnd: false,
  },
];

/** Legacy prefix bytes in the order GNU as emits them (tc-i386.c: WAIT, SEG, ADDR, DATA, REP, LOCK). */
const GAS_PREFIX_RANK: Record<number, number> = { 0x9b: 0, 0x26: 1, 0x2e: 1, 0x36: 1, 0x3e: 1, 0x64: 1, 0x65: 1, 0x67: 2, 0x66: 3, 0xf2: 4, 0xf3: 4, 0xf0: 5 };

/**
 * Reorders the first `legacyPrefixCount` bytes of an encoded instruction into GNU as's order
 * (bytes of one rank keep their order). gnuLegacyPrefixOrder passes every leading legacy byte.
 */
export function gasPrefixOrder(bytes: number[], legacyPrefixCount: number): number[] {
  const head = bytes.slice(0, legacyPrefixCount);
  if (head.length < 2) return bytes;
  const sorted = head.map((b, i) => ({ b, i })).sort((x, y) => (GAS_PREFIX_RANK[x.b] ?? 9) - (GAS_PREFIX_RANK[y.b] ?? 9) || x.i - y.i).map((x) => x.b);
  return [...sorted, ...bytes.slice(legacyPrefixCount)];
}

/** Bytes that are legacy prefixes in every mode (segment, 66, 67, F0, F2, F3): no one-byte opcode has these values. */
const LEGACY_PREFIX = new Uint8Array(256);
for (const b of [0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3]) LEGACY_PREFIX[b] = 1;

/**
 * An encoded instruction with its leading legacy prefixes in GNU as's order. GNU as files a
 * mandatory prefix (66/F2/F3 of SSE forms) in the same slot as the free-standing one of that
 * byte (tc-i386.c add_prefix), so every leading legacy byte is sorted, the mandatory one included.
 * Returns `bytes` itself when nothing moves (most instructions have at most one prefix).
 */
export function gnuLegacyPrefixOrder(bytes: number[]): number[] {
  if (bytes.length < 2 || !LEGACY_PREFIX[bytes[0]] || !LEGACY_PREFIX[bytes[1]]) return bytes;
  let n = 2;
  while (n < bytes.length && LEGACY_PREFIX[bytes[n]]) n++;
  return gasPrefixOrder(bytes, n);
}

const NO_REXW_GPR = new Set(['pinsrw', 'pextrw', 'extractps', 'movmskps', 'movmskpd', 'pmovmskb', 'str', 'sldt', 'pextrb', 'pinsrb']);

/** Rewrites an instruction where GNU as's choice can be expressed in the IR. */
export function applyGasPreferences(st: Extract<Statement, { k: 'insn' }>, bits: 16 | 32 | 64): Extract<Statement, { k: 'insn' }> {
  const ops = st.ops;
  if (st.mnem === 'xchg' && ops.length === 2 && isReg(ops[0]) && isReg(ops[1]) && ops[0].reg === ops[1].reg && ops[0].reg.num === 0 && ops[0].reg.cls === RegClass.Gpr && (ops[0].reg.size === 8 || (ops[0].reg.size === bits / 8 && bits !== 64) || (ops[0].reg.size === 2 && bits === 16))) {
    if (ops[0].reg.size === 8 || ops[0].reg.size === (bits === 16 ? 2 : 4)) return { ...st, mnem: 'nop', ops: [] };
  }
  if (bits === 64 && ops.some((o) => isReg(o) && o.reg.cls === RegClass.Gpr && o.reg.size === 8)) {
    const segMove = st.mnem === 'mov' && ops.length === 2 && isReg(ops[1]) && ops[1].reg.cls === RegClass.Seg;
    if (NO_REXW_GPR.has(st.mnem) || segMove) {
      return { ...st, ops: ops.map((o) => (isReg(o) && o.reg.cls === RegClass.Gpr && o.reg.size === 8 ? { ...o, reg: gpr(o.reg.num, 4) } : o)) };
    }
  }
  return st;
}

function isReg(o: Operand): o is Extract<Operand, { k: 'reg' }> { return o.k === 'reg'; }
