// The decoded-instruction record: what the decoder produces once and the executor, disassembler and debugger read.

/** Kind of one explicit operand of a decoded instruction. */
export const enum OpKind {
  None = 0,
  /** General-purpose register; `reg` is 0..15, or 16..19 for AH, CH, DH, BH when size is 1. */
  Reg = 1,
  /** The instruction's memory operand (see the `mem*` fields); `size` is the access size in bytes. */
  Mem = 2,
  /** Immediate; the value is `immLo`/`immHi`, already sign- or zero-extended to the operand size. */
  Imm = 3,
  /** Segment register; `reg` is 0..5 = ES, CS, SS, DS, FS, GS. */
  Seg = 4,
  /** Control register CRn; `reg` is n. */
  Cr = 5,
  /** Debug register DRn; `reg` is n. */
  Dr = 6,
  /** XMM register; `reg` is 0..15. */
  Xmm = 7,
  /** MMX register; `reg` is 0..7. */
  Mmx = 8,
  /** x87 stack register ST(i); `reg` is i. */
  St = 9,
  /**
   * Relative branch; `immLo`/`immHi` hold the sign-extended displacement. The target is
   * next RIP + displacement, wrapped to the operand size (computed at execution time because
   * the decode cache is keyed by physical address and one page may be mapped at several places).
   */
  Rel = 10,
  /** Far pointer ptr16:16/ptr16:32 immediate: offset in `immLo`, selector in `imm2`. */
  Far = 11,
  /** Memory operand with no segment-relative access of its own (LEA's address, absolute moffs is Mem). Same fields as Mem. */
  Addr = 12,
}

/** Segment register numbers, as encoded in ModRM.reg for MOV Sreg. */
export const enum Seg { ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5 }

/** Register number used for RIP-relative addressing in `memBase`. */
export const REG_RIP = 16;
/** "No register" in `memBase`/`memIndex`. */
export const REG_NONE = -1;

/** Signature of an instruction's execution routine; bound once per decoded instruction. */
export type ExecFn = (cpu: any, i: Instr) => void;

/**
 * One decoded instruction. All fields are plain numbers so that the object stays monomorphic
 * and cheap to keep in the decode cache. Up to three explicit operands (op0 is the destination
 * in Intel order).
 */
export class Instr {
  /** Length in bytes (1..15). */
  len = 0;
  /** Lower-case Intel mnemonic as NASM writes it ('add', 'cmovne', 'iretq', 'movsd' for the string form...). '' = invalid. */
  mnem = '';
  /** Index of the spec form this was decoded from (into the ISA table), -1 when invalid. */
  form = -1;
  /** Code size the instruction was decoded in: 16, 32 or 64. */
  bits = 64;
  /** Effective operand size in bytes (1, 2, 4, 8) of the operation; for 'v'-sized operands this is the chosen size. */
  osize = 4;
  /** Effective address size in bytes (2, 4, 8). */
  asize = 8;
  /** Repeat prefix in force: 0, 0xF3 (REP/REPE) or 0xF2 (REPNE). Mandatory-prefix uses do not count. */
  rep = 0;
  /** LOCK prefix present. */
  lock = false;
  /** Segment-override prefix, -1 if none (0..5 as Seg). */
  segOverride = -1;
  /** REX prefix byte (0x40..0x4F) or 0 when absent. */
  rex = 0;
  /** Number of explicit operands (0..3). */
  nops = 0;
  k0 = OpKind.None; s0 = 0; r0 = 0;
  k1 = OpKind.None; s1 = 0; r1 = 0;
  k2 = OpKind.None; s2 = 0; r2 = 0;
  /** Memory operand: effective segment (override or default: SS for rBP/rSP bases, else DS). */
  memSeg = Seg.DS;
  /** Base register 0..15, REG_RIP (16) or REG_NONE (-1). */
  memBase = REG_NONE;
  /** Index register 0..15 or REG_NONE. */
  memIndex = REG_NONE;
  /** Scale shift 0..3 (factor 1, 2, 4, 8). */
  memScale = 0;
  /** Displacement, sign-extended to 64 bits as a lo/hi int32 pair. */
  dispLo = 0; dispHi = 0;
  /** Immediate (or branch target), extended to 64 bits as a lo/hi int32 pair. */
  immLo = 0; immHi = 0;
  /** Second immediate: ENTER's nesting level, a far pointer's selector. */
  imm2 = 0;
  /** Raw ModRM byte, -1 when the instruction has none. */
  modrm = -1;
  /** Opcode byte (last byte of the opcode, after 0F / 0F38 / 0F3A escapes). */
  opcode = 0;
  /** Opcode map: 0 one-byte, 1 = 0F, 2 = 0F38, 3 = 0F3A. */
  map = 0;
  /** The encoding ran past 15 bytes (the executor raises #GP(0)); the instruction is invalid. */
  tooLong = false;

  // ---- fields owned by the executor and the decode cache ----
  /** Execution routine, bound from the mnemonic when the instruction enters the decode cache. */
  exec: ExecFn = execInvalid;
  /** Linear/physical address this was decoded at (cache key), and validity of the cached copy. */
  phys = 0;
  valid = true;
  /**
   * Chains filled lazily by the run loop: the instruction that followed at `nextRip`
   * (fall-through) and at `takenRip` (last branch target), valid while `linkEpoch` equals the
   * CPU's epoch (bumped on code writes, paging and CS changes, breakpoint changes).
   */
  next: Instr | null = null;
  nextRip = NaN;
  taken: Instr | null = null;
  takenRip = NaN;
  linkEpoch = -1;
  /** Times the run loop entered code here other than by falling through (block-tier hotness). */
  hits = 0;
  /** The compiled block that starts at this instruction, if any (see block-compiler.ts). */
  block: import('./block-compiler').Block | null = null;
}

function execInvalid(): void {
  throw new Error('instruction executed before an execution routine was bound');
}
