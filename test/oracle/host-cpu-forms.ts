// The instruction forms checked against the host CPU: assembly text for the C harness, input generators and the flags the SDM defines.
/* eslint-disable max-len */

/** RFLAGS bits. */
export const CF = 1, PF = 4, AF = 16, ZF = 64, SF = 128, OF = 2048;
export const ALL6 = CF | PF | AF | ZF | SF | OF;

/** One input/output state: 16 general registers (lo/hi int32 pairs), RFLAGS, 64 bytes of memory, XMM0..3. */
export interface State {
  regs: Int32Array; // 32: [2n] low, [2n+1] high
  flags: number;
  mem: Uint8Array; // 64
  xmm: Int32Array; // 16
}

/** A deterministic 32-bit PRNG (sfc32) so that every run checks the same vectors. */
export class Rng {
  private a: number; private b: number; private c: number; private d = 1;
  constructor(seed: number) { this.a = seed | 0; this.b = 0x9e3779b9; this.c = 0x243f6a88; for (let k = 0; k < 15; k++) this.u32(); }
  u32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
  below(n: number): number { return this.u32() % n; }
}

/** Interesting 64-bit values as [lo, hi]: zero, one, all ones, and the sign boundaries of every size. */
const EDGES: [number, number][] = [
  [0, 0], [1, 0], [2, 0], [-1, -1], [-2, -1], [0x7f, 0], [0x80, 0], [0xff, 0], [0x100, 0], [0x7fff, 0], [0x8000, 0],
  [0xffff, 0], [0x10000, 0], [0x7fffffff, 0], [0x80000000 | 0, 0], [-1, 0], [0, 1], [-1, 0x7fffffff], [0, 0x80000000 | 0],
  [1, 0x80000000 | 0], [0xffffff80 | 0, -1], [0xffff8000 | 0, -1], [0x80000000 | 0, -1], [0x55555555, 0x55555555],
  [0xaaaaaaaa | 0, 0xaaaaaaaa | 0], [0x7fffffff, -1], [0xff00ff00 | 0, 0x00ff00ff], [0x81, 0], [0x8001, 0], [0x80000001 | 0, 0],
  [10, 0], [9, 0], [0x99, 0], [0x9a, 0],
];

/** Generator kinds for a register or the memory quadwords. */
export type Gen = 'any' | 'count' | 'small' | 'bitoff' | 'zero';

/** A 64-bit value of the given kind as [lo, hi]. */
export function genValue(rng: Rng, kind: Gen): [number, number] {
  const r = rng.below(16);
  if (kind === 'zero') return [0, 0];
  if (kind === 'count') {
    if (r < 11) return [rng.below(66) | ((rng.below(4) === 0 ? rng.u32() & ~0xff : 0)), rng.below(4) === 0 ? rng.u32() | 0 : 0];
  }
  if (kind === 'small') { const v = rng.below(256) - 128; return [v, v < 0 ? -1 : 0]; }
  if (kind === 'bitoff') { const v = rng.below(512) - 256; return [v, v < 0 ? -1 : 0]; }
  if (r < 4) return EDGES[rng.below(EDGES.length)];
  if (r < 6) {
    // An edge value in the low 8/16/32 bits under random upper bits (sized operations ignore them).
    const [elo] = EDGES[rng.below(EDGES.length)];
    const w = rng.below(3);
    const lo = w === 0 ? (rng.u32() & ~0xff) | (elo & 0xff) : w === 1 ? (rng.u32() & ~0xffff) | (elo & 0xffff) : elo;
    return [lo | 0, rng.u32() | 0];
  }
  if (r < 8) return [rng.below(66), 0];
  if (r < 10) { const lo = rng.u32() | 0; return [lo, lo >> 31]; }
  return [rng.u32() | 0, rng.u32() | 0];
}

/** One instruction form checked against the host. */
export interface HostForm {
  /** Unique name, e.g. 'add r32, r32'. */
  name: string;
  /** Reporting family (one line per family in the summary). */
  family: string;
  /** The instruction in GNU as Intel syntax (noprefix). Registers rax..r13 are inputs/outputs; [r14] is 64 bytes of scratch memory. */
  asm: string;
  /** Code size: 64 (default) or 32 (the -m32 harness, for instructions invalid in 64-bit mode). */
  bits: 32 | 64;
  /** Number of input vectors. */
  count: number;
  /** Flags the SDM defines for this input (compared); the rest are undefined. */
  defined: (s: State) => number;
  /** False when the SDM leaves the register/memory results undefined for this input. */
  resultDefined?: (s: State) => boolean;
  /** Generator kind per register number (default 'any'). */
  gen?: Record<number, Gen>;
  /** Adjusts a generated input (division ranges, equal compare operands...). */
  prep?: (s: State, rng: Rng) => void;
  /** Uses XMM state: Ringstep needs CR4.OSFXSR. */
  sse?: boolean;
}

const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSI = 6;
const N = 2000;
const SIZES = [8, 16, 32, 64] as const;
type Size = typeof SIZES[number];
const REG: Record<Size, string[]> = {
  8: ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b'],
  16: ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w'],
  32: ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d'],
  64: ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13'],
};
const PTR: Record<Size, string> = { 8: 'byte ptr', 16: 'word ptr', 32: 'dword ptr', 64: 'qword ptr' };
const mem = (s: Size, d = 0): string => `${PTR[s]} [r14${d ? `+${d}` : ''}]`;
const always = (m: number) => (): number => m;

/** Low `size` bits of register r as a non-negative number (size <= 32) or bigint-free pair check. */
function low(s: State, r: number, size: number): number {
  const v = s.regs[2 * r];
  return size === 8 ? v & 0xff : size === 16 ? v & 0xffff : v >>> 0;
}

export const FORMS: HostForm[] = [];
function add(f: Partial<HostForm> & { name: string; family: string; asm: string; defined: (s: State) => number }): void {
  FORMS.push({ bits: 64, count: N, ...f } as HostForm);
}

// ---------------------------------------------------------------- ADD ADC SUB SBB CMP AND OR XOR TEST
// SDM: ADD/ADC/SUB/SBB/CMP/NEG set OF, SF, ZF, AF, CF, PF. AND/OR/XOR/TEST: OF = CF = 0, SF ZF PF set, "the state of the AF flag is undefined".
for (const op of ['add', 'adc', 'sub', 'sbb', 'cmp', 'and', 'or', 'xor', 'test']) {
  const logic = op === 'and' || op === 'or' || op === 'xor' || op === 'test';
  const m = logic ? ALL6 & ~AF : ALL6;
  for (const s of SIZES) {
    add({ name: `${op} r${s}, r${s}`, family: 'add/adc/sub/sbb/cmp/and/or/xor/test', asm: `${op} ${REG[s][RBX]}, ${REG[s][RSI]}`, defined: always(m) });
    add({ name: `${op} r${s}, imm`, family: 'add/adc/sub/sbb/cmp/and/or/xor/test', asm: `${op} ${REG[s][RBX]}, ${s === 8 ? '0x80' : s === 16 ? '0x7fff' : '-2'}`, defined: always(m), count: 500 });
    add({ name: `${op} m${s}, r${s}`, family: 'add/adc/sub/sbb/cmp/and/or/xor/test', asm: `${op} ${mem(s)}, ${REG[s][RSI]}`, defined: always(m), count: 500 });
  }
  if (op !== 'test') add({ name: `${op} r32, m32`, family: 'add/adc/sub/sbb/cmp/and/or/xor/test', asm: `${op} ebx, dword ptr [r14+8]`, defined: always(m), count: 500 });
  add({ name: `${op} ah, bh`, family: 'add/adc/sub/sbb/cmp/and/or/xor/test', asm: `${op} ah, bh`, defined: always(m), count: 500 });
  add({ name: `${op} r64, imm8`, family: 'add/adc/sub/sbb/cmp/and/or/xor/test', asm: `${op} rbx, ${op === 'test' ? '0x7f' : '-1'}`, defined: always(m), count: 500 });
}
// INC/DEC: "The CF flag is not affected. The OF, SF, ZF, AF, and PF flags are set" (so all six compare). NEG: all six. NOT: none affected.
for (const op of ['inc', 'dec', 'neg', 'not']) {
  for (const s of SIZES) add({ name: `${op} r${s}`, family: 'inc/dec/neg/not', asm: `${op} ${REG[s][RBX]}`, defined: always(ALL6) });
  add({ name: `${op} m32`, family: 'inc/dec/neg/not', asm: `${op} ${mem(32)}`, defined: always(ALL6), count: 500 });
}

// ---------------------------------------------------------------- MUL IMUL DIV IDIV
// MUL/IMUL: "The OF and CF flags are set when the upper half is significant; SF, ZF, AF, PF are undefined."
for (const op of ['mul', 'imul']) {
  for (const s of SIZES) add({ name: `${op} r${s}`, family: 'mul/imul', asm: `${op} ${REG[s][RBX]}`, defined: always(CF | OF) });
  add({ name: `${op} m64`, family: 'mul/imul', asm: `${op} ${mem(64)}`, defined: always(CF | OF), count: 500 });
}
for (const s of [16, 32, 64] as Size[]) {
  add({ name: `imul r${s}, r${s}`, family: 'mul/imul', asm: `imul ${REG[s][RBX]}, ${REG[s][RSI]}`, defined: always(CF | OF) });
  add({ name: `imul r${s}, r${s}, imm8`, family: 'mul/imul', asm: `imul ${REG[s][RBX]}, ${REG[s][RSI]}, -7`, defined: always(CF | OF), count: 1000 });
  add({ name: `imul r${s}, r${s}, imm`, family: 'mul/imul', asm: `imul ${REG[s][RBX]}, ${REG[s][RSI]}, ${s === 16 ? '0x4321' : '0x12345'}`, defined: always(CF | OF), count: 1000 });
}
add({ name: 'imul r32, m32', family: 'mul/imul', asm: 'imul ebx, dword ptr [r14]', defined: always(CF | OF), count: 500 });

/** Division inputs: mostly in range (high half small or the sign of the low half), some zero divisors and overflows. */
function divPrep(size: Size, signed: boolean, divisorReg: number | 'mem') {
  return (s: State, rng: Rng): void => {
    const r = rng.below(8);
    const R = s.regs;
    if (r < 5) {
      // High half of the dividend: zero / sign extension of the low half, so most quotients fit.
      if (size === 8) { const ax = R[0] & 0xffff; const al = ax & 0xff; R[0] = (R[0] & ~0xffff) | (signed ? ((al << 24) >> 24) & 0xffff : al); }
      else if (size === 16) R[4] = (R[4] & ~0xffff) | (signed ? ((R[0] << 16) >> 31) & 0xffff : 0);
      else if (size === 32) R[4] = signed ? R[0] >> 31 : 0;
      else { R[4] = signed ? R[1] >> 31 : 0; R[5] = R[4]; }
    }
    if (rng.below(16) === 0) {
      // Zero, one or minus one divisors.
      const v = [0, 1, -1][rng.below(3)];
      if (divisorReg === 'mem') { for (let k = 0; k < 8; k++) s.mem[k] = v === 0 ? 0 : v === 1 ? (k === 0 ? 1 : 0) : 0xff; }
      else { R[2 * divisorReg] = v; R[2 * divisorReg + 1] = v < 0 ? -1 : 0; }
    }
  };
}
for (const op of ['div', 'idiv']) {
  // DIV/IDIV: "The CF, OF, SF, ZF, AF, and PF flags are undefined." #DE on a zero divisor or a quotient too large.
  for (const s of SIZES) add({ name: `${op} r${s}`, family: 'div/idiv', asm: `${op} ${REG[s][RBX]}`, defined: always(0), prep: divPrep(s, op === 'idiv', RBX) });
  add({ name: `${op} m64`, family: 'div/idiv', asm: `${op} ${mem(64)}`, defined: always(0), prep: divPrep(64, op === 'idiv', 'mem'), count: 500 });
  add({ name: `${op} m8`, family: 'div/idiv', asm: `${op} ${mem(8)}`, defined: always(0), prep: divPrep(8, op === 'idiv', 'mem'), count: 500 });
}

// ---------------------------------------------------------------- shifts and rotates
/** Masked count of a CL or immediate shift. */
const cnt = (s: State, size: Size, imm?: number): number => (imm ?? (s.regs[2 * RCX] & 0xff)) & (size === 64 ? 0x3f : 0x1f);
function shiftDefined(op: string, size: Size, imm?: number) {
  return (s: State): number => {
    const c = cnt(s, size, imm);
    if (c === 0) return ALL6; // "If the count is 0, the flags are not affected."
    switch (op) {
      case 'shl': case 'shr': case 'sar': {
        // SF ZF PF set; AF undefined; OF only for 1-bit shifts; CF undefined for SHL/SHR when count >= width.
        let m = SF | ZF | PF | CF | (c === 1 ? OF : 0);
        if (op !== 'sar' && c >= size) m &= ~CF;
        return m;
      }
      case 'rol': case 'ror':
        // Only CF and OF are affected; "OF is defined only for the 1-bit rotates". SF ZF AF PF unaffected.
        return ALL6 & ~(c === 1 ? 0 : OF);
      default:
        // RCL/RCR: only CF and OF are affected, OF only for 1-bit rotates. With a masked count of 9 (8-bit) or
        // 17 (16-bit) the rotate itself is zero bits and CF stays, but OF is still "undefined" (the host changes it).
        return ALL6 & ~(c === 1 ? 0 : OF);
    }
  };
}
for (const op of ['shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr']) {
  for (const s of SIZES) {
    add({ name: `${op} r${s}, cl`, family: 'shl/shr/sar/rol/ror/rcl/rcr', asm: `${op} ${REG[s][RBX]}, cl`, defined: shiftDefined(op, s), gen: { [RCX]: 'count' } });
    for (const imm of [1, s - 1, s + 1]) add({ name: `${op} r${s}, ${imm}`, family: 'shl/shr/sar/rol/ror/rcl/rcr', asm: `${op} ${REG[s][RBX]}, ${imm}`, defined: shiftDefined(op, s, imm), count: 300 });
  }
  add({ name: `${op} m32, cl`, family: 'shl/shr/sar/rol/ror/rcl/rcr', asm: `${op} ${mem(32)}, cl`, defined: shiftDefined(op, 32), gen: { [RCX]: 'count' }, count: 500 });
}
// SHLD/SHRD: count 0 leaves everything; count > operand size: "the destination operand and flags are undefined";
// otherwise SF ZF PF CF set, AF undefined, OF defined for a 1-bit shift only.
for (const op of ['shld', 'shrd']) {
  for (const s of [16, 32, 64] as Size[]) {
    const def = (imm?: number) => (st: State): number => {
      const c = cnt(st, s, imm);
      if (c === 0) return ALL6;
      if (c > s) return 0;
      return SF | ZF | PF | CF | (c === 1 ? OF : 0);
    };
    const resDef = (imm?: number) => (st: State): boolean => cnt(st, s, imm) <= s;
    add({ name: `${op} r${s}, r${s}, cl`, family: 'shld/shrd', asm: `${op} ${REG[s][RBX]}, ${REG[s][RSI]}, cl`, defined: def(), resultDefined: resDef(), gen: { [RCX]: 'count' } });
    add({ name: `${op} r${s}, r${s}, imm`, family: 'shld/shrd', asm: `${op} ${REG[s][RBX]}, ${REG[s][RSI]}, 5`, defined: def(5), count: 500 });
  }
  add({ name: `${op} m64, r64, cl`, family: 'shld/shrd', asm: `${op} ${mem(64)}, rsi, cl`, defined: (st) => (cnt(st, 64) === 0 ? ALL6 : SF | ZF | PF | CF | (cnt(st, 64) === 1 ? OF : 0)), gen: { [RCX]: 'count' }, count: 500 });
}

// ---------------------------------------------------------------- bit test and scan
// BT/BTS/BTR/BTC: "The CF flag contains the value of the selected bit. The ZF flag is unaffected. The OF, SF, AF, and PF flags are undefined."
for (const op of ['bt', 'bts', 'btr', 'btc']) {
  for (const s of [16, 32, 64] as Size[]) {
    add({ name: `${op} r${s}, r${s}`, family: 'bt/bts/btr/btc', asm: `${op} ${REG[s][RBX]}, ${REG[s][RSI]}`, defined: always(CF | ZF) });
    add({ name: `${op} r${s}, imm`, family: 'bt/bts/btr/btc', asm: `${op} ${REG[s][RBX]}, ${s + 3}`, defined: always(CF | ZF), count: 500 });
    // Register bit offsets address memory below and beyond the operand: [r14+32] +/- 32 bytes stays in the buffer.
    add({ name: `${op} m${s}, r${s}`, family: 'bt/bts/btr/btc', asm: `${op} ${mem(s, 32)}, ${REG[s][RSI]}`, defined: always(CF | ZF), gen: { [RSI]: 'bitoff' }, count: 1000 });
    add({ name: `${op} m${s}, imm`, family: 'bt/bts/btr/btc', asm: `${op} ${mem(s, 32)}, ${s + 5}`, defined: always(CF | ZF), count: 300 });
  }
}
// BSF/BSR: "The ZF flag is set to 1 if the source operand is 0; otherwise cleared. CF, OF, SF, AF, PF are undefined."
// TZCNT/LZCNT: "ZF is set to 1 in case of zero output, CF is set to 1 if the input was zero." POPCNT: OF SF ZF AF CF PF all defined (cleared but ZF).
for (const [op, m] of [['bsf', ZF], ['bsr', ZF], ['tzcnt', CF | ZF], ['lzcnt', CF | ZF], ['popcnt', ALL6]] as [string, number][]) {
  for (const s of [16, 32, 64] as Size[]) add({ name: `${op} r${s}, r${s}`, family: 'bsf/bsr/tzcnt/lzcnt/popcnt', asm: `${op} ${REG[s][RBX]}, ${REG[s][RSI]}`, defined: always(m), prep: (st, rng) => { if (rng.below(8) === 0) { st.regs[12] = 0; st.regs[13] = 0; } } });
  add({ name: `${op} r32, m32`, family: 'bsf/bsr/tzcnt/lzcnt/popcnt', asm: `${op} ebx, ${mem(32)}`, defined: always(m), count: 500 });
}

// ---------------------------------------------------------------- CMOVcc SETcc
const CCS = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
for (const cc of CCS) {
  add({ name: `cmov${cc} r32, r32`, family: 'cmovcc/setcc', asm: `cmov${cc} ebx, esi`, defined: always(ALL6), count: 500 });
  add({ name: `set${cc} r8`, family: 'cmovcc/setcc', asm: `set${cc} bl`, defined: always(ALL6), count: 500 });
}
for (const s of [16, 32, 64] as Size[]) add({ name: `cmovl r${s}, r${s}`, family: 'cmovcc/setcc', asm: `cmovl ${REG[s][RBX]}, ${REG[s][RSI]}`, defined: always(ALL6) });
add({ name: 'cmovne r64, m64', family: 'cmovcc/setcc', asm: 'cmovne rbx, qword ptr [r14]', defined: always(ALL6), count: 500 });
add({ name: 'setbe m8', family: 'cmovcc/setcc', asm: 'setbe byte ptr [r14+3]', defined: always(ALL6), count: 500 });

// ---------------------------------------------------------------- moves, extensions, exchanges
for (const [m, asm] of [['cbw', 'cbw'], ['cwde', 'cwde'], ['cdqe', 'cdqe'], ['cwd', 'cwd'], ['cdq', 'cdq'], ['cqo', 'cqo']]) add({ name: m, family: 'cbw/cwde/cdqe/cwd/cdq/cqo', asm, defined: always(ALL6) });
for (const [d, sz] of [[16, 8], [32, 8], [64, 8], [32, 16], [64, 16]] as [Size, Size][]) {
  for (const op of ['movzx', 'movsx']) {
    add({ name: `${op} r${d}, r${sz}`, family: 'movzx/movsx/movsxd', asm: `${op} ${REG[d][RBX]}, ${REG[sz][RSI]}`, defined: always(ALL6) });
    add({ name: `${op} r${d}, m${sz}`, family: 'movzx/movsx/movsxd', asm: `${op} ${REG[d][RBX]}, ${mem(sz)}`, defined: always(ALL6), count: 300 });
  }
}
add({ name: 'movsxd r64, r32', family: 'movzx/movsx/movsxd', asm: 'movsxd rbx, esi', defined: always(ALL6) });
add({ name: 'movsxd r64, m32', family: 'movzx/movsx/movsxd', asm: 'movsxd rbx, dword ptr [r14]', defined: always(ALL6), count: 300 });
for (const s of SIZES) {
  add({ name: `xchg r${s}, r${s}`, family: 'xchg/xadd/cmpxchg', asm: `xchg ${REG[s][RBX]}, ${REG[s][RSI]}`, defined: always(ALL6), count: 500 });
  add({ name: `xchg m${s}, r${s}`, family: 'xchg/xadd/cmpxchg', asm: `xchg ${mem(s)}, ${REG[s][RSI]}`, defined: always(ALL6), count: 300 });
  // XADD: flags as ADD. CMPXCHG: flags as CMP of the accumulator with the destination.
  add({ name: `xadd r${s}, r${s}`, family: 'xchg/xadd/cmpxchg', asm: `xadd ${REG[s][RBX]}, ${REG[s][RSI]}`, defined: always(ALL6) });
  add({ name: `lock xadd m${s}, r${s}`, family: 'xchg/xadd/cmpxchg', asm: `lock xadd ${mem(s)}, ${REG[s][RSI]}`, defined: always(ALL6), count: 500 });
  const eq = (st: State, rng: Rng): void => { if (rng.below(2)) { st.regs[0] = st.regs[6]; st.regs[1] = st.regs[7]; } };
  add({ name: `cmpxchg r${s}, r${s}`, family: 'xchg/xadd/cmpxchg', asm: `cmpxchg ${REG[s][RBX]}, ${REG[s][RSI]}`, defined: always(ALL6), prep: eq });
  add({ name: `lock cmpxchg m${s}, r${s}`, family: 'xchg/xadd/cmpxchg', asm: `lock cmpxchg ${mem(s)}, ${REG[s][RSI]}`, defined: always(ALL6), count: 500, prep: (st, rng) => { if (rng.below(2)) { for (let k = 0; k < 8; k++) st.mem[k] = (st.regs[k >> 2] >>> (8 * (k & 3))) & 0xff; } } });
}
add({ name: 'xadd eax, eax', family: 'xchg/xadd/cmpxchg', asm: 'xadd eax, eax', defined: always(ALL6), count: 500 });
// CMPXCHG8B/16B: "ZF is set if the destination operand and EDX:EAX are equal; otherwise cleared. CF, PF, AF, SF, OF are unaffected."
const copyDxAxToMem = (bytes: number) => (st: State, rng: Rng): void => {
  if (rng.below(2)) return;
  const src = bytes === 8 ? [st.regs[0], st.regs[4]] : [st.regs[0], st.regs[1], st.regs[4], st.regs[5]];
  src.forEach((v, n) => { for (let k = 0; k < 4; k++) st.mem[16 + 4 * n + k] = (v >>> (8 * k)) & 0xff; });
};
add({ name: 'lock cmpxchg8b m64', family: 'cmpxchg8b/16b', asm: 'lock cmpxchg8b qword ptr [r14+16]', defined: always(ALL6), prep: copyDxAxToMem(8) });
add({ name: 'lock cmpxchg16b m128', family: 'cmpxchg8b/16b', asm: 'lock cmpxchg16b xmmword ptr [r14+16]', defined: always(ALL6), prep: copyDxAxToMem(16) });
add({ name: 'cmpxchg16b misaligned', family: 'cmpxchg8b/16b', asm: 'cmpxchg16b xmmword ptr [r14+8]', defined: always(ALL6), count: 50 });
add({ name: 'bswap r32', family: 'bswap/movbe', asm: 'bswap ebx', defined: always(ALL6) });
add({ name: 'bswap r64', family: 'bswap/movbe', asm: 'bswap rbx', defined: always(ALL6) });
for (const s of [16, 32, 64] as Size[]) {
  add({ name: `movbe r${s}, m${s}`, family: 'bswap/movbe', asm: `movbe ${REG[s][RBX]}, ${mem(s, 1)}`, defined: always(ALL6), count: 1000 });
  add({ name: `movbe m${s}, r${s}`, family: 'bswap/movbe', asm: `movbe ${mem(s, 3)}, ${REG[s][RSI]}`, defined: always(ALL6), count: 1000 });
}
for (const [s, src] of [[8, 'sil'], [16, 'si'], [32, 'esi']] as [number, string][]) add({ name: `crc32 r32, r${s}`, family: 'crc32', asm: `crc32 ebx, ${src}`, defined: always(ALL6) });
add({ name: 'crc32 r64, r64', family: 'crc32', asm: 'crc32 rbx, rsi', defined: always(ALL6) });
add({ name: 'crc32 r32, m16', family: 'crc32', asm: 'crc32 ebx, word ptr [r14]', defined: always(ALL6), count: 500 });
for (const [n, asm] of [['lea r64, [b+i*4+d]', 'lea rbx, [rsi+rdi*4-0x1234]'], ['lea r32, [b+i*8+d]', 'lea ebx, [rsi+rdi*8+0x7fffffff]'], ['lea r16, [b+i]', 'lea bx, [rsi+rdi]'], ['lea r32, addr32', 'lea ebx, [esi+edi*2+5]']]) add({ name: n, family: 'lea', asm, defined: always(ALL6) });
add({ name: 'lahf', family: 'lahf/sahf', asm: 'lahf', defined: always(ALL6) });
add({ name: 'sahf', family: 'lahf/sahf', asm: 'sahf', defined: always(ALL6) });

// ---------------------------------------------------------------- BCD (32-bit harness), SALC
// DAA/DAS: "CF and AF set if there was a decimal carry/borrow; SF, ZF, PF set according to the result; OF undefined."
// AAA/AAS: "AF and CF set to 1 if there is a decimal carry/borrow; OF, SF, ZF, PF undefined."
// AAM/AAD: "SF, ZF, PF set according to AL; OF, AF, CF undefined." AAM with a zero immediate raises #DE.
const bcdPrep = (st: State, rng: Rng): void => { st.regs[0] = (rng.u32() & ~0xffff) | (rng.below(65536)); };
add({ name: 'daa', family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: 'daa', bits: 32, defined: always(ALL6 & ~OF), prep: bcdPrep });
add({ name: 'das', family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: 'das', bits: 32, defined: always(ALL6 & ~OF), prep: bcdPrep });
add({ name: 'aaa', family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: 'aaa', bits: 32, defined: always(CF | AF), prep: bcdPrep });
add({ name: 'aas', family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: 'aas', bits: 32, defined: always(CF | AF), prep: bcdPrep });
for (const b of [10, 16, 7]) add({ name: `aam ${b}`, family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: b === 10 ? 'aam' : `aam ${b}`, bits: 32, defined: always(SF | ZF | PF), prep: bcdPrep });
add({ name: 'aam 0', family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: 'aam 0', bits: 32, defined: always(0), count: 50 });
for (const b of [10, 16, 7]) add({ name: `aad ${b}`, family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: b === 10 ? 'aad' : `aad ${b}`, bits: 32, defined: always(SF | ZF | PF), prep: bcdPrep });
add({ name: 'salc', family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: '.byte 0xd6', bits: 32, defined: always(ALL6) });
add({ name: 'inc r32 (40+r)', family: 'daa/das/aaa/aas/aam/aad/salc (32-bit)', asm: 'inc ebx', bits: 32, defined: always(ALL6), count: 500 });

// ---------------------------------------------------------------- SSE data movement and integer logic
const sse = (name: string, asm: string, count = 500, defined = ALL6): void => add({ name, family: 'sse', asm, sse: true, defined: always(defined), count });
for (const op of ['pxor', 'por', 'pand', 'pandn', 'xorps', 'andps', 'orps', 'andnps', 'pcmpeqb', 'pcmpeqw', 'pcmpeqd', 'pcmpeqq', 'pcmpgtb', 'pcmpgtw', 'pcmpgtd', 'pcmpgtq',
  'paddb', 'paddw', 'paddd', 'paddq', 'psubb', 'psubw', 'psubd', 'psubq', 'paddsb', 'paddsw', 'paddusb', 'paddusw', 'psubsb', 'psubsw', 'psubusb', 'psubusw',
  'punpcklbw', 'punpcklwd', 'punpckldq', 'punpcklqdq', 'punpckhbw', 'punpckhwd', 'punpckhdq', 'punpckhqdq', 'unpcklps', 'unpckhps', 'unpcklpd', 'unpckhpd',
  'pminub', 'pmaxub', 'pminsw', 'pmaxsw', 'pminsb', 'pmaxsb', 'pminuw', 'pmaxuw', 'pminsd', 'pmaxsd', 'pminud', 'pmaxud', 'pavgb', 'pavgw',
  'pmullw', 'pmulhw', 'pmulhuw', 'pmulld', 'pmuludq', 'pmaddwd', 'psadbw', 'pabsb', 'pabsw', 'pabsd', 'packsswb', 'packuswb', 'packssdw', 'packusdw', 'pshufb',
  'psllw', 'pslld', 'psllq', 'psrlw', 'psrld', 'psrlq', 'psraw', 'psrad']) {
  sse(`${op} xmm, xmm`, `${op} xmm0, xmm1`);
}
for (const op of ['pxor', 'paddd', 'pcmpeqb', 'pshufb', 'punpcklbw']) sse(`${op} xmm, m128`, `${op} xmm2, xmmword ptr [r14+16]`, 300);
sse('pxor xmm, m128 misaligned', 'pxor xmm2, xmmword ptr [r14+8]', 50);
for (const [op, imm] of [['pshufd', 0x1b], ['pshufd', 0xe4], ['pshuflw', 0x4e], ['pshufhw', 0xb1], ['shufps', 0x93], ['shufpd', 2], ['palignr', 5], ['palignr', 17]] as [string, number][]) sse(`${op} xmm, xmm, ${imm}`, `${op} xmm0, xmm1, ${imm}`);
for (const op of ['psllw', 'pslld', 'psllq', 'psrlw', 'psrld', 'psrlq', 'psraw', 'psrad', 'pslldq', 'psrldq']) for (const imm of [0, 1, 7, 15, 17, 33]) sse(`${op} xmm, ${imm}`, `${op} xmm0, ${imm}`, 100);
// PTEST: "ZF set if (DEST AND SRC) = 0, CF set if (NOT DEST AND SRC) = 0; AF, OF, PF, SF cleared."
sse('ptest xmm, xmm', 'ptest xmm0, xmm1', 2000);
for (const [n, asm] of [['movdqa xmm, m128', 'movdqa xmm0, xmmword ptr [r14+16]'], ['movdqa m128, xmm', 'movdqa xmmword ptr [r14+32], xmm1'], ['movdqa misaligned', 'movdqa xmm0, xmmword ptr [r14+4]'],
  ['movdqu xmm, m128', 'movdqu xmm0, xmmword ptr [r14+3]'], ['movdqu m128, xmm', 'movdqu xmmword ptr [r14+7], xmm1'], ['movaps xmm, xmm', 'movaps xmm0, xmm1'], ['movups xmm, m128', 'movups xmm2, xmmword ptr [r14+1]'],
  ['movapd m128, xmm', 'movapd xmmword ptr [r14+16], xmm3'], ['movupd xmm, m128', 'movupd xmm3, xmmword ptr [r14+9]'], ['movq xmm, xmm', 'movq xmm0, xmm1'], ['movq xmm, m64', 'movq xmm0, qword ptr [r14+4]'],
  ['movq m64, xmm', 'movq qword ptr [r14+4], xmm1'], ['movq xmm, r64', 'movq xmm0, rbx'], ['movq r64, xmm', 'movq rbx, xmm1'], ['movd xmm, r32', 'movd xmm0, ebx'], ['movd r32, xmm', 'movd ebx, xmm1'],
  ['movd xmm, m32', 'movd xmm0, dword ptr [r14+4]'], ['movd m32, xmm', 'movd dword ptr [r14+4], xmm1'], ['movss xmm, xmm', 'movss xmm0, xmm1'], ['movss xmm, m32', 'movss xmm0, dword ptr [r14]'],
  ['movss m32, xmm', 'movss dword ptr [r14+8], xmm1'], ['movsd xmm, xmm', 'movsd xmm0, xmm1'], ['movsd xmm, m64', 'movsd xmm0, qword ptr [r14]'], ['movsd m64, xmm', 'movsd qword ptr [r14+8], xmm1'],
  ['movhps xmm, m64', 'movhps xmm0, qword ptr [r14]'], ['movhps m64, xmm', 'movhps qword ptr [r14+8], xmm1'], ['movlps xmm, m64', 'movlps xmm0, qword ptr [r14]'], ['movlps m64, xmm', 'movlps qword ptr [r14+8], xmm1'],
  ['movhlps', 'movhlps xmm0, xmm1'], ['movlhps', 'movlhps xmm0, xmm1'], ['pmovmskb', 'pmovmskb ebx, xmm1'], ['movmskps', 'movmskps ebx, xmm1'], ['movmskpd', 'movmskpd ebx, xmm1'], ['lddqu', 'lddqu xmm0, [r14+5]']]) {
  sse(n, asm, n.includes('misaligned') ? 50 : 500);
}
