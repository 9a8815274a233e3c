// x87 floating-point instruction forms, escape opcodes D8-DF (Intel SDM Vol. 2, Appendix A.4).
import { parseForms } from './spec-line';
import type { OpForm } from './types';

const hex = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

/** Memory forms: one mnemonic per ModRM.reg, with the memory operand code. */
const MEMORY: Record<number, (string | null)[]> = {
  0xd8: ['fadd Md', 'fmul Md', 'fcom Md', 'fcomp Md', 'fsub Md', 'fsubr Md', 'fdiv Md', 'fdivr Md'],
  0xd9: ['fld Md', null, 'fst Md', 'fstp Md', 'fldenv M', 'fldcw Mw', 'fnstenv M', 'fnstcw Mw'],
  0xda: ['fiadd Md', 'fimul Md', 'ficom Md', 'ficomp Md', 'fisub Md', 'fisubr Md', 'fidiv Md', 'fidivr Md'],
  0xdb: ['fild Md', 'fisttp Md', 'fist Md', 'fistp Md', null, 'fld Mt', null, 'fstp Mt'],
  0xdc: ['fadd Mq', 'fmul Mq', 'fcom Mq', 'fcomp Mq', 'fsub Mq', 'fsubr Mq', 'fdiv Mq', 'fdivr Mq'],
  0xdd: ['fld Mq', 'fisttp Mq', 'fst Mq', 'fstp Mq', 'frstor M', null, 'fnsave M', 'fnstsw Mw'],
  0xde: ['fiadd Mw', 'fimul Mw', 'ficom Mw', 'ficomp Mw', 'fisub Mw', 'fisubr Mw', 'fidiv Mw', 'fidivr Mw'],
  0xdf: ['fild Mw', 'fisttp Mw', 'fist Mw', 'fistp Mw', 'fbld Mt', 'fild Mq', 'fbstp Mt', 'fistp Mq'],
};

/** Register forms that take ST(i) from ModRM.rm: opcode, ModRM.reg, mnemonic, operands. */
const REGISTER: [number, number, string, string][] = [
  [0xd8, 0, 'fadd', 'ST0,STi'], [0xd8, 1, 'fmul', 'ST0,STi'], [0xd8, 2, 'fcom', 'ST0,STi'], [0xd8, 3, 'fcomp', 'ST0,STi'],
  [0xd8, 4, 'fsub', 'ST0,STi'], [0xd8, 5, 'fsubr', 'ST0,STi'], [0xd8, 6, 'fdiv', 'ST0,STi'], [0xd8, 7, 'fdivr', 'ST0,STi'],
  [0xd9, 0, 'fld', 'ST0,STi'], [0xd9, 1, 'fxch', 'ST0,STi'],
  [0xda, 0, 'fcmovb', 'ST0,STi'], [0xda, 1, 'fcmove', 'ST0,STi'], [0xda, 2, 'fcmovbe', 'ST0,STi'], [0xda, 3, 'fcmovu', 'ST0,STi'],
  [0xdb, 0, 'fcmovnb', 'ST0,STi'], [0xdb, 1, 'fcmovne', 'ST0,STi'], [0xdb, 2, 'fcmovnbe', 'ST0,STi'], [0xdb, 3, 'fcmovnu', 'ST0,STi'],
  [0xdb, 5, 'fucomi', 'ST0,STi'], [0xdb, 6, 'fcomi', 'ST0,STi'],
  [0xdc, 0, 'fadd', 'STi,ST0'], [0xdc, 1, 'fmul', 'STi,ST0'],
  [0xdc, 4, 'fsubr', 'STi,ST0'], [0xdc, 5, 'fsub', 'STi,ST0'], [0xdc, 6, 'fdivr', 'STi,ST0'], [0xdc, 7, 'fdiv', 'STi,ST0'],
  [0xdd, 0, 'ffree', 'STi'], [0xdd, 2, 'fst', 'STi'], [0xdd, 3, 'fstp', 'STi'], [0xdd, 4, 'fucom', 'STi'], [0xdd, 5, 'fucomp', 'STi'],
  [0xde, 0, 'faddp', 'STi,ST0'], [0xde, 1, 'fmulp', 'STi,ST0'],
  [0xde, 4, 'fsubrp', 'STi,ST0'], [0xde, 5, 'fsubp', 'STi,ST0'], [0xde, 6, 'fdivrp', 'STi,ST0'], [0xde, 7, 'fdivp', 'STi,ST0'],
  [0xdf, 5, 'fucomip', 'ST0,STi'], [0xdf, 6, 'fcomip', 'ST0,STi'],
  // Undocumented aliases that Intel processors execute like the documented form (FFREEP is
  // FFREE then pop; FSTPNCE is FSTP). Listed after the documented forms.
  [0xdc, 2, 'fcom', 'ST0,STi'], [0xdc, 3, 'fcomp', 'ST0,STi'], [0xdd, 1, 'fxch', 'ST0,STi'],
  [0xde, 2, 'fcomp', 'ST0,STi'], [0xdf, 0, 'ffreep', 'STi'], [0xdf, 1, 'fxch', 'ST0,STi'],
  [0xdf, 2, 'fstp', 'STi'], [0xdf, 3, 'fstp', 'STi'], [0xd9, 3, 'fstpnce', 'STi'],
];

/** Forms with a fixed ModRM byte (no explicit operand except FNSTSW AX). */
const FIXED = `
fnop D9 D0 -
fchs D9 E0 -
fabs D9 E1 -
ftst D9 E4 -
fxam D9 E5 -
fld1 D9 E8 -
fldl2t D9 E9 -
fldl2e D9 EA -
fldpi D9 EB -
fldlg2 D9 EC -
fldln2 D9 ED -
fldz D9 EE -
f2xm1 D9 F0 -
fyl2x D9 F1 -
fptan D9 F2 -
fpatan D9 F3 -
fxtract D9 F4 -
fprem1 D9 F5 -
fdecstp D9 F6 -
fincstp D9 F7 -
fprem D9 F8 -
fyl2xp1 D9 F9 -
fsqrt D9 FA -
fsincos D9 FB -
frndint D9 FC -
fscale D9 FD -
fsin D9 FE -
fcos D9 FF -
fucompp DA E9 -
fneni DB E0 -
fndisi DB E1 -
fnclex DB E2 -
fninit DB E3 -
fnsetpm DB E4 -
fcompp DE D9 -
fnstsw DF E0 AX
`;

function build(): string {
  let s = FIXED;
  for (const [op, list] of Object.entries(MEMORY)) {
    list.forEach((e, reg) => {
      if (!e) return;
      const [m, o] = e.split(' ');
      // The environment/state forms are 14/94 or 28/108 bytes by operand size: NASM writes o16/o32.
      const nosize = o === 'M' ? ' nosize ovar' : '';
      s += `${m} ${hex(+op)} /${reg} ${o} mem${nosize}\n`;
    });
  }
  for (const [op, reg, m, o] of REGISTER) s += `${m} ${hex(op)} /${reg} ${o} reg\n`;
  return s;
}

/** x87 forms. */
export const X87_FORMS: OpForm[] = parseForms(build());
