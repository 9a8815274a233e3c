// Shape of the single instruction spec shared by the decoder, the disassembler and the assembler's encoder.

/**
 * Operand codes follow the Intel SDM Vol. 2 Appendix A notation (addressing method letter +
 * size letters), plus a few fixed-register codes:
 *
 *   E?  ModRM r/m: register or memory          G?  ModRM reg: general register
 *   M?  ModRM r/m, memory only                 R?  ModRM r/m, register only (mod = 3)
 *   I?  immediate                               J?  relative branch offset
 *   O?  moffs (absolute address, no ModRM)      Z?  register in the low 3 opcode bits (+REX.B)
 *   S   segment register in ModRM reg           C/D control/debug register in ModRM reg
 *   V   XMM register in ModRM reg               W   XMM register or memory in ModRM r/m
 *   U   XMM register in ModRM r/m (mod = 3)     P/Q/N  MMX reg / MMX-or-mem / MMX r/m register
 *   X/Y string operands DS:rSI / ES:rDI         A   direct far pointer ptr16:16/32
 *
 * Size letters: b byte, w word, d dword, q qword, v word/dword/qword by operand size,
 * z word/dword (dword for 64-bit operand size), y dword/qword, dq 128 bits, p far pointer
 * m16:16/32/64, s pseudo-descriptor (LGDT), x 128-bit vector. `Ibs` is an imm8 sign-extended
 * to the operand size. Fixed operands: 'AL', 'CL', 'DX' (port), 'AX', 'eAX' (AX/EAX),
 * 'rAX' (AX/EAX/RAX), '1' (shift by one), 'ES','CS','SS','DS','FS','GS', 'ST0', 'STi'.
 *
 * Further codes used by the tables: `M` memory of no fixed size (LEA's address, INVLPG,
 * FXSAVE, FLDENV), `Mt` 80-bit (x87 extended real / packed BCD), `Ma` BOUND's pair,
 * `Mdq` 16 bytes (CMPXCHG16B), `STi` the x87 register in ModRM.rm, `Yz`/`Xz` INS/OUTS
 * (word/dword). C and D operands with 'y' are 32-bit outside and 64-bit inside 64-bit mode.
 * X and Y (string) operands are implicit: NASM writes `movsb`, not `movs byte [rdi], [rsi]`.
 */
export type OperandCode = string;

/** One encoding form of one mnemonic. */
export interface OpForm {
  /** Lower-case Intel mnemonic, as NASM spells it. */
  m: string;
  /** Opcode map: 0 one-byte, 1 = 0F, 2 = 0F38, 3 = 0F3A. */
  map: 0 | 1 | 2 | 3;
  /** Opcode byte. For Z-operand forms (register in the opcode), the base value with low 3 bits 0. */
  op: number;
  /** Mandatory prefix (SSE forms and F3 0F B8 popcnt style), if any. */
  pfx?: 0x66 | 0xf2 | 0xf3;
  /** ModRM.reg opcode extension (/digit). */
  ext?: number;
  /** Exact ModRM byte for forms such as 0F 01 F8 (swapgs). */
  modrm?: number;
  /** Restriction on ModRM.mod: memory only or register only. */
  mod?: 'mem' | 'reg';
  /** Operands in Intel order (destination first). */
  ops: OperandCode[];
  /** 'i64': invalid in 64-bit mode; 'o64': valid only in 64-bit mode. */
  mode?: 'i64' | 'o64';
  /** Default operand size 64 in 64-bit mode (PUSH, POP, near branches...). */
  d64?: true;
  /** Operand size forced to 64 in 64-bit mode regardless of 66h (near CALL/JMP/RET, Jcc). */
  f64?: true;
  /** The form only applies at this effective operand size (e.g. cbw/cwde/cdqe share 98h). */
  osz?: 16 | 32 | 64;
  /** The form only applies at this effective address size (jcxz/jecxz/jrcxz). */
  asz?: 16 | 32 | 64;
  /** REP prefixes are meaningful (string instructions): 'rep' or 'repe' (CMPS/SCAS take REPE/REPNE). */
  rep?: 'rep' | 'repe';
  /** LOCK is allowed when the destination is memory. */
  lock?: true;
  /**
   * The memory operand's size is implied by the mnemonic, so NASM syntax writes no size keyword
   * (CMPXCHG8B, FXSAVE, LGDT...). The decoder still reports the access size where it is fixed.
   */
  nosize?: true;
  /**
   * The operand size changes what the instruction does although no operand shows it (LEAVE,
   * PUSH FS, SYSRET): NASM needs an o16/o32/o64 prefix when it differs from the mode's default.
   */
  ovar?: true;
  /** The SDM's 'NP': a 66/F2/F3 prefix makes this encoding invalid (EMMS, MOVNTI, FXSAVE...). */
  np?: true;
  /** The SDM's 'NFx': an F2/F3 prefix makes this encoding invalid (66h still selects the operand size). */
  nfx?: true;
}
