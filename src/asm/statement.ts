// The dialect-neutral intermediate representation every front end produces: statements and operands with source ranges.

import type { Expr } from './expression';
import type { Register } from './registers';
import type { SourceLoc } from './types';

/** Explicit operand size in bytes (0 = not given). 10 = tword, 16 = oword. */
export type SizeSpec = 0 | 1 | 2 | 4 | 6 | 8 | 10 | 16 | 32;

/** A register operand. */
export interface RegOperand { k: 'reg'; reg: Register; loc: SourceLoc }

/** An immediate, a branch target or an absolute address without brackets. */
export interface ImmOperand {
  k: 'imm';
  expr: Expr;
  /** Size keyword in front of it (`dword 5`, `byte 5`). */
  size: SizeSpec;
  /** `strict`: keep the given size, do not pick a shorter form. */
  strict: boolean;
  /** `short` / `near` / `far` branch keywords. */
  jump?: 'short' | 'near' | 'far';
  loc: SourceLoc;
}

/** A memory operand: seg:[base + index*scale + disp]. */
export interface MemOperand {
  k: 'mem';
  size: SizeSpec;
  /** Segment override register number 0..5 (ES..GS) or -1. */
  seg: number;
  base: Register | null;
  index: Register | null;
  scale: 1 | 2 | 4 | 8;
  disp: Expr | null;
  /** Explicit displacement size (`[dword eax+1]`, `[byte eax+1]`), 0 = choose. */
  dispSize: 0 | 1 | 2 | 4 | 8;
  /** `rel`/`abs` keyword inside the brackets; undefined = follow `default rel/abs`. */
  rel?: boolean;
  /** `nosplit`: keep [eax*2] as index-only instead of [eax+eax]. */
  nosplit: boolean;
  /** `far` in front of the memory operand (far pointer m16:16/32/64). */
  far: boolean;
  strict: boolean;
  loc: SourceLoc;
}

/** A direct far pointer `selector:offset`. */
export interface FarOperand { k: 'far'; seg: Expr; off: Expr; size: SizeSpec; loc: SourceLoc }

/** One instruction operand. */
export type Operand = RegOperand | ImmOperand | MemOperand | FarOperand;

/** One item of a data directive (db/dw/dd/dq/dt/do). */
export type DataItem =
  | { k: 'expr'; e: Expr; loc: SourceLoc }
  | { k: 'bytes'; b: Uint8Array | number[] }
  | { k: 'float'; v: number; loc: SourceLoc };

/** A statement. Every statement keeps the source range it came from. */
export type Statement =
  | { k: 'label'; name: string; loc: SourceLoc }
  | { k: 'equ'; name: string; e: Expr; loc: SourceLoc }
  /**
   * `key`: optional canonical text of the instruction; equal keys in the same mode encode alike (an encoding cache).
   * `constant`: optional promise that no operand holds a symbol or `$` (saves layout reading the operands).
   */
  | { k: 'insn'; mnem: string; prefixes: string[]; ops: Operand[]; loc: SourceLoc; key?: string; constant?: boolean }
  | { k: 'data'; unit: 1 | 2 | 4 | 8 | 10 | 16 | 32; items: DataItem[]; loc: SourceLoc }
  | { k: 'res'; unit: number; count: Expr; loc: SourceLoc }
  | { k: 'times'; count: Expr; body: Statement; loc: SourceLoc }
  /** Pad to a multiple of `to` relative to the section start; fill with NOPs (code) or zeros, or reserve in nobits sections. */
  | { k: 'align'; to: Expr; fill: 'nop' | 'zero' | 'reserve'; loc: SourceLoc }
  | { k: 'section'; name: string; attrs: SectionAttrs; loc: SourceLoc }
  /** Start an absolute (struc-style) space at `at`; `end` returns to the previous section. */
  | { k: 'absolute'; at: Expr; loc: SourceLoc }
  | { k: 'bits'; bits: 16 | 32 | 64; loc: SourceLoc }
  | { k: 'org'; e: Expr; loc: SourceLoc }
  | { k: 'default'; rel: boolean; loc: SourceLoc }
  | { k: 'global'; names: string[]; loc: SourceLoc }
  | { k: 'extern'; names: string[]; loc: SourceLoc }
  | { k: 'incbin'; data: Uint8Array; loc: SourceLoc }
  /** Debug information markers: struc definitions and %arg/%local frames. */
  | { k: 'strucBegin'; name: string; loc: SourceLoc }
  | { k: 'strucEnd'; name: string; loc: SourceLoc }
  | { k: 'frame'; reg: string; args: FrameSlot[]; locals: FrameSlot[]; loc: SourceLoc }
  | { k: 'frameEnd'; loc: SourceLoc };

/** A named stack slot of a %arg/%local frame. */
export interface FrameSlot { name: string; offset: number; size: number }

/** Section attributes given on a section directive. */
export interface SectionAttrs {
  nobits?: boolean;
  align?: number;
  start?: Expr;
  vstart?: Expr;
  follows?: string;
}
