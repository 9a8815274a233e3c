// The single instruction spec: every encoding form the decoder, disassembler and assembler know.
import { ONE_BYTE_FORMS } from './table-onebyte';
import { X87_FORMS } from './table-x87';
import { TWO_BYTE_FORMS } from './table-0f';
import { THREE_BYTE_FORMS } from './table-0f38-0f3a';
import type { OpForm } from './types';

/**
 * All forms. Within one opcode, earlier forms take priority when several match (exact ModRM
 * bytes before ModRM.reg groups, `fxsave64` before `fxsave`), so the order is significant.
 */
export const FORMS: readonly OpForm[] = Object.freeze([...ONE_BYTE_FORMS, ...X87_FORMS, ...TWO_BYTE_FORMS, ...THREE_BYTE_FORMS]);
