// AT&T mnemonic spellings: operand-size suffixes (b/w/l/q), x87 memory suffixes, and the names that differ from Intel's (movzbl, cltq, lret...).

import { isMnemonic } from '../encoder';
import { FORMS } from '../../isa/table';

/** SSE instructions that still take an l/q suffix in AT&T syntax (it sizes their general register or memory integer). */
const SSE_WITH_SUFFIX = new Set(['cvtsi2ss', 'cvtsi2sd', 'cvtss2si', 'cvtsd2si', 'cvttss2si', 'cvttsd2si', 'pinsrw', 'pextrw', 'movmskps', 'movmskpd', 'pmovmskb']);
const NO_SUFFIX = /^(prefetch|rdfsbase|rdgsbase|wrfsbase|wrgsbase|rdpid|movd$|movq$)/;
let suffixCache: Map<string, boolean> | null = null;

/** Whether GNU as accepts a b/w/l/q suffix on the mnemonic: general-purpose forms do, MMX/SSE forms do not. */
function takesSuffix(m: string): boolean {
  if (SSE_WITH_SUFFIX.has(m)) return true;
  if (NO_SUFFIX.test(m)) return false;
  if (!suffixCache) {
    suffixCache = new Map();
    for (const f of FORMS) {
      const vector = f.ops.some((o) => /^[VWUPQN]/.test(o));
      suffixCache.set(f.m, (suffixCache.get(f.m) ?? true) && !vector);
    }
  }
  return suffixCache.get(m) ?? true;
}

/** What an AT&T mnemonic means in the shared instruction table's terms. */
export interface AttMnemonic {
  /** Mnemonic as the form table (or the encoder's aliases) spells it. */
  mnem: string;
  /** Operand size from a suffix in bytes (0 = none given). */
  size: number;
  /** Size of the source operand for movzx/movsx/crc32 spellings (movzbl: 1). */
  srcSize?: number;
  /** x87 memory operand size from the suffix (flds: 4, fildll: 8, fldt: 10). */
  x87Size?: number;
  /** Far branch (ljmp, lcall). */
  far?: boolean;
  /** Operand-size prefix word the spelling implies (lretq: o64). */
  osz?: 'o16' | 'o32' | 'o64';
}

const SUFFIX: Record<string, number> = { b: 1, w: 2, l: 4, q: 8 };

/** Spellings that are not "Intel name + suffix". */
const FIXED: Record<string, AttMnemonic> = {
  cbtw: { mnem: 'cbw', size: 0 }, cwtl: { mnem: 'cwde', size: 0 }, cltq: { mnem: 'cdqe', size: 0 },
  cwtd: { mnem: 'cwd', size: 0 }, cltd: { mnem: 'cdq', size: 0 }, cqto: { mnem: 'cqo', size: 0 },
  movsl: { mnem: 'movsd', size: 0 }, cmpsl: { mnem: 'cmpsd', size: 0 }, stosl: { mnem: 'stosd', size: 0 },
  lodsl: { mnem: 'lodsd', size: 0 }, scasl: { mnem: 'scasd', size: 0 }, insl: { mnem: 'insd', size: 0 },
  outsl: { mnem: 'outsd', size: 0 },
  movslq: { mnem: 'movsxd', size: 8, srcSize: 4 }, movsxd: { mnem: 'movsxd', size: 0 },
  movsx: { mnem: 'movsx', size: 0 }, movzx: { mnem: 'movzx', size: 0 },
  movzb: { mnem: 'movzx', size: 0, srcSize: 1 }, movzw: { mnem: 'movzx', size: 0, srcSize: 2 },
  movsbw: { mnem: 'movsx', size: 2, srcSize: 1 }, movsbl: { mnem: 'movsx', size: 4, srcSize: 1 }, movsbq: { mnem: 'movsx', size: 8, srcSize: 1 },
  movswl: { mnem: 'movsx', size: 4, srcSize: 2 }, movswq: { mnem: 'movsx', size: 8, srcSize: 2 },
  movzbw: { mnem: 'movzx', size: 2, srcSize: 1 }, movzbl: { mnem: 'movzx', size: 4, srcSize: 1 }, movzbq: { mnem: 'movzx', size: 8, srcSize: 1 },
  movzwl: { mnem: 'movzx', size: 4, srcSize: 2 }, movzwq: { mnem: 'movzx', size: 8, srcSize: 2 },
  lret: { mnem: 'retf', size: 0 }, lretw: { mnem: 'retf', size: 0, osz: 'o16' }, lretl: { mnem: 'retf', size: 0, osz: 'o32' }, lretq: { mnem: 'retf', size: 0, osz: 'o64' },
  retfw: { mnem: 'retf', size: 0, osz: 'o16' }, retfd: { mnem: 'retf', size: 0, osz: 'o32' }, retfq: { mnem: 'retf', size: 0, osz: 'o64' },
  ljmp: { mnem: 'jmp', size: 0, far: true }, ljmpw: { mnem: 'jmp', size: 2, far: true }, ljmpl: { mnem: 'jmp', size: 4, far: true }, ljmpq: { mnem: 'jmp', size: 8, far: true },
  lcall: { mnem: 'call', size: 0, far: true }, lcallw: { mnem: 'call', size: 2, far: true }, lcalll: { mnem: 'call', size: 4, far: true }, lcallq: { mnem: 'call', size: 8, far: true },
  iret: { mnem: 'iret', size: 0 }, iretw: { mnem: 'iretw', size: 0 }, iretl: { mnem: 'iretd', size: 0 }, iretq: { mnem: 'iretq', size: 0 },
  sysret: { mnem: 'sysret', size: 0 }, sysretl: { mnem: 'sysret', size: 0, osz: 'o32' }, sysretq: { mnem: 'sysret', size: 0, osz: 'o64' },
  sysexit: { mnem: 'sysexit', size: 0 }, sysexitl: { mnem: 'sysexit', size: 0, osz: 'o32' }, sysexitq: { mnem: 'sysexit', size: 0, osz: 'o64' },
  pushf: { mnem: 'pushf', size: 0 }, pushfw: { mnem: 'pushfw', size: 0 }, pushfl: { mnem: 'pushfd', size: 0 }, pushfq: { mnem: 'pushfq', size: 0 },
  popf: { mnem: 'popf', size: 0 }, popfw: { mnem: 'popfw', size: 0 }, popfl: { mnem: 'popfd', size: 0 }, popfq: { mnem: 'popfq', size: 0 },
  pusha: { mnem: 'pusha', size: 0 }, pushaw: { mnem: 'pushaw', size: 0 }, pushal: { mnem: 'pushad', size: 0 },
  popa: { mnem: 'popa', size: 0 }, popaw: { mnem: 'popaw', size: 0 }, popal: { mnem: 'popad', size: 0 },
  xlat: { mnem: 'xlatb', size: 0 }, movabs: { mnem: 'mov', size: 0 },
  movabsb: { mnem: 'mov', size: 1 }, movabsw: { mnem: 'mov', size: 2 }, movabsl: { mnem: 'mov', size: 4 }, movabsq: { mnem: 'mov', size: 8 },
  fwait: { mnem: 'wait', size: 0 }, ud2a: { mnem: 'ud2', size: 0 }, sal: { mnem: 'shl', size: 0 },
  fxsaveq: { mnem: 'fxsave64', size: 0 }, fxrstorq: { mnem: 'fxrstor64', size: 0 },
  xsaveq: { mnem: 'xsave64', size: 0 }, xrstorq: { mnem: 'xrstor64', size: 0 }, xsaveoptq: { mnem: 'xsaveopt64', size: 0 },
};

/** x87 instructions with a floating-point memory operand: s = 32-bit, l = 64-bit, t = 80-bit. */
const X87_FLOAT = new Set(['fld', 'fst', 'fstp', 'fadd', 'fsub', 'fsubr', 'fmul', 'fdiv', 'fdivr', 'fcom', 'fcomp']);
/** x87 instructions with an integer memory operand: s = 16-bit, l = 32-bit, q/ll = 64-bit. */
const X87_INT = new Set(['fild', 'fist', 'fistp', 'fisttp', 'fiadd', 'fisub', 'fisubr', 'fimul', 'fidiv', 'fidivr', 'ficom', 'ficomp']);

/** True when the mnemonic is an x87 memory instruction that takes AT&T size suffixes. */
export function isX87Memory(m: string): boolean { return X87_FLOAT.has(m) || X87_INT.has(m); }
/** True for x87 instructions whose memory operand is an integer. */
export function isX87Integer(m: string): boolean { return X87_INT.has(m); }

/**
 * Intel/NASM spellings GNU as does not know in AT&T syntax (it writes pushal, popfl, iretl,
 * lodsl...; SALC has no GNU as mnemonic at all).
 */
const NOT_ATT = new Set(['pushad', 'popad', 'pushfd', 'popfd', 'iretd', 'lodsd', 'stosd', 'scasd', 'insd', 'outsd', 'salc']);

/** Resolves an AT&T mnemonic (lower case); undefined when it is not an instruction. */
export function resolveAtt(name: string): AttMnemonic | undefined {
  if (NOT_ATT.has(name)) return undefined;
  const fixed = FIXED[name];
  if (fixed) return fixed;
  // x87 memory suffixes.
  for (const [suffix, fl, int] of [['ll', 0, 8], ['s', 4, 2], ['l', 8, 4], ['t', 10, 0], ['q', 0, 8]] as [string, number, number][]) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    if (X87_FLOAT.has(base) && fl && !isMnemonic(name)) return { mnem: base, size: 0, x87Size: fl };
    if (X87_INT.has(base) && int) return { mnem: base, size: 0, x87Size: int };
  }
  if (isMnemonic(name)) return { mnem: name, size: 0 };
  const last = name[name.length - 1];
  const base = name.slice(0, -1);
  if (SUFFIX[last] && base.length > 1) {
    if (FIXED[base] && !FIXED[base].osz && FIXED[base].size === 0 && !FIXED[base].far) return { ...FIXED[base], size: SUFFIX[last] };
    if (isMnemonic(base) && takesSuffix(base)) return { mnem: base, size: SUFFIX[last] };
  }
  return undefined;
}

/** The spellings of the table above that GNU as also accepts in Intel syntax (movabs, ljmp, lret, cltq, iretq...). */
export function fixedAttMnemonic(name: string): AttMnemonic | undefined {
  return FIXED[name];
}
