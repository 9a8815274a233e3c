// Register names of the x86 architecture: general, segment, control, debug, x87, MMX and XMM registers.

/** Register classes; operand matching in the encoder is by class and size. */
export const enum RegClass { Gpr = 0, Seg = 1, Cr = 2, Dr = 3, St = 4, Mmx = 5, Xmm = 6, Rip = 7 }

/** One register. */
export interface Register {
  name: string;
  cls: RegClass;
  /** Size in bytes (GPR 1/2/4/8; XMM 16; MMX 8; ST 10; segment 2; CR/DR: 8 in 64-bit mode). */
  size: number;
  /** Encoding number 0..15 (AH/CH/DH/BH are 4..7 with `high8`). */
  num: number;
  /** AH, CH, DH, BH: not encodable together with a REX prefix. */
  high8?: boolean;
  /** SPL, BPL, SIL, DIL and R8B..R15B: need a REX prefix. */
  rex8?: boolean;
}

const table = new Map<string, Register>();

function add(name: string, cls: RegClass, size: number, num: number, extra?: Partial<Register>): void {
  table.set(name, { name, cls, size, num, ...extra });
}

['al', 'cl', 'dl', 'bl'].forEach((n, i) => add(n, RegClass.Gpr, 1, i));
['ah', 'ch', 'dh', 'bh'].forEach((n, i) => add(n, RegClass.Gpr, 1, i + 4, { high8: true }));
['spl', 'bpl', 'sil', 'dil'].forEach((n, i) => add(n, RegClass.Gpr, 1, i + 4, { rex8: true }));
['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'].forEach((n, i) => add(n, RegClass.Gpr, 2, i));
['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'].forEach((n, i) => add(n, RegClass.Gpr, 4, i));
['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'].forEach((n, i) => add(n, RegClass.Gpr, 8, i));
for (let i = 8; i < 16; i++) {
  add(`r${i}`, RegClass.Gpr, 8, i);
  add(`r${i}d`, RegClass.Gpr, 4, i);
  add(`r${i}w`, RegClass.Gpr, 2, i);
  add(`r${i}b`, RegClass.Gpr, 1, i, { rex8: true });
  add(`r${i}l`, RegClass.Gpr, 1, i, { rex8: true });
}
['es', 'cs', 'ss', 'ds', 'fs', 'gs'].forEach((n, i) => add(n, RegClass.Seg, 2, i));
for (let i = 0; i < 16; i++) {
  add(`cr${i}`, RegClass.Cr, 8, i);
  add(`dr${i}`, RegClass.Dr, 8, i);
  add(`xmm${i}`, RegClass.Xmm, 16, i);
}
for (let i = 0; i < 8; i++) {
  add(`mm${i}`, RegClass.Mmx, 8, i);
  add(`st${i}`, RegClass.St, 10, i);
}
add('rip', RegClass.Rip, 8, 0);
add('eip', RegClass.Rip, 4, 0);

/** Looks a register up by its lower-case name. */
export function lookupRegister(lowerName: string): Register | undefined {
  return table.get(lowerName);
}

/** The general register of a given number and size (AH..BH are not returned for 4..7). */
export function gpr(num: number, size: number): Register {
  const names: Record<number, string[]> = {
    1: ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'],
    2: ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'],
    4: ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'],
    8: ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'],
  };
  if (num < 8) return table.get(names[size][num])!;
  const suffix = size === 1 ? 'b' : size === 2 ? 'w' : size === 4 ? 'd' : '';
  return table.get(`r${num}${suffix}`)!;
}

/** All register names (for suggestions and for keeping symbol names apart from registers). */
export function registerNames(): IterableIterator<string> {
  return table.keys();
}
