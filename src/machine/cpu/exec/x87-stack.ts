// The x87 register stack in 80-bit extended precision: physical registers as plain Int32Array data (significand low/high, sign+exponent), tags, TOP, stack faults and the status word.
import type { Cpu } from '../cpu';
import { extraCpuFields } from '../cpu-state';
import { DOUBLE, EXTENDED, FE_INVALID, type FloatFormat, defaultNaN, packSpecial, sf, unpack } from './softfloat';

/** Status-word bits. */
export const SW_IE = 1, SW_DE = 2, SW_ZE = 4, SW_OE = 8, SW_UE = 0x10, SW_PE = 0x20, SW_SF = 0x40, SW_ES = 0x80;
export const SW_C0 = 0x100, SW_C1 = 0x200, SW_C2 = 0x400, SW_C3 = 0x4000, SW_B = 0x8000;
export const SW_CC = SW_C0 | SW_C1 | SW_C2 | SW_C3;

/** The 80-bit physical registers R0..R7 of the CPU (`cpu.fpuExt`; snapshots carry them as plain data). */
export function x87Regs(cpu: Cpu): Int32Array {
  return cpu.fpuExt;
}
extraCpuFields.push({
  name: 'fpuExt',
  save: (cpu) => x87Regs(cpu).slice(),
  restore: (cpu, v) => { x87Regs(cpu).set(v as Int32Array); },
});

const F64 = new Float64Array(1), I64 = new Int32Array(F64.buffer);

/**
 * 80-bit pattern of physical register n as a bigint (sign/exponent << 64 | significand). If a
 * tool wrote a different number into the float64 view `cpu.fpuRegs[n]`, that value is taken.
 */
export function physGet(cpu: Cpu, n: number): bigint {
  const r = x87Regs(cpu);
  const v = (BigInt(r[3 * n + 2] & 0xffff) << 64n) | (BigInt(r[3 * n + 1] >>> 0) << 32n) | BigInt(r[3 * n] >>> 0);
  const view = cpu.fpuRegs[n], mine = extendedToNumber(v);
  if (Object.is(view, mine) || (Number.isNaN(view) && Number.isNaN(mine))) return v;
  F64[0] = view;
  const w = toExtended((BigInt(I64[1] >>> 0) << 32n) | BigInt(I64[0] >>> 0), DOUBLE);
  physSet(cpu, n, w);
  return w;
}
/** Exact conversion of a single/double bit pattern to 80 bits (NaN payloads keep their top bits; denormals are normalised). */
export function toExtended(bits: bigint, f: FloatFormat): bigint {
  const u = unpack(bits, f);
  const sign = u.sign ? 1n << 79n : 0n;
  const fb = f.p - 1;
  if (u.cls === 'zero') return sign;
  if (u.cls === 'inf') return packSpecial(EXTENDED, u.sign, true);
  if (u.cls === 'nan') {
    const frac = bits & ((1n << BigInt(fb)) - 1n);
    return sign | (0x7fffn << 64n) | (1n << 63n) | (frac << BigInt(63 - fb));
  }
  // Finite: m * 2^e exactly, normalised to a 64-bit significand.
  const n = u.m.toString(2).length;
  const sig = u.m << BigInt(64 - n);
  const exp = u.e + n - 1 + 16383;
  return sign | (BigInt(exp) << 64n) | sig;
}


/** Write physical register n (also the float64 view `cpu.fpuRegs` that debugger displays read). */
export function physSet(cpu: Cpu, n: number, v: bigint): void {
  const r = x87Regs(cpu);
  r[3 * n] = Number(v & 0xffffffffn) | 0;
  r[3 * n + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
  r[3 * n + 2] = Number((v >> 64n) & 0xffffn);
  cpu.fpuRegs[n] = extendedToNumber(v);
}

/** The nearest JS number of an 80-bit value (display only). */
export function extendedToNumber(v: bigint): number {
  const u = unpack(v, EXTENDED);
  if (u.cls === 'nan') return NaN;
  if (u.cls === 'inf') return u.sign ? -Infinity : Infinity;
  if (u.cls === 'zero') return u.sign ? -0 : 0;
  const x = Number(u.m) * 2 ** (u.e + 64) * 2 ** -64;
  return u.sign ? -x : x;
}

/** Tag of a value: 0 valid, 1 zero, 2 special (NaN, infinity, denormal, unsupported). */
export function tagOf(v: bigint): number {
  const exp = Number((v >> 64n) & 0x7fffn), sig = v & 0xffffffffffffffffn;
  if (exp === 0) return sig === 0n ? 1 : 2;
  if (exp === 0x7fff) return 2;
  return sig >> 63n ? 0 : 2;
}

/** Physical register number of ST(i). */
export const phys = (cpu: Cpu, i: number): number => (cpu.fpuTop + i) & 7;
/** ST(i) is empty. */
export const isEmpty = (cpu: Cpu, i: number): boolean => ((cpu.fpuTag >> (2 * phys(cpu, i))) & 3) === 3;

/** Read ST(i) (the caller checked it is not empty). */
export const st = (cpu: Cpu, i: number): bigint => physGet(cpu, phys(cpu, i));

/** Write ST(i) and tag it from its value. */
export function setSt(cpu: Cpu, i: number, v: bigint): void {
  const n = phys(cpu, i);
  physSet(cpu, n, v);
  cpu.fpuTag = (cpu.fpuTag & ~(3 << (2 * n))) | (tagOf(v) << (2 * n));
}

/** Mark ST(i) empty. */
export function free(cpu: Cpu, i: number): void { cpu.fpuTag |= 3 << (2 * phys(cpu, i)); }

/** Pop: ST(0) becomes empty and TOP moves up. */
export function pop(cpu: Cpu): void { free(cpu, 0); cpu.fpuTop = (cpu.fpuTop + 1) & 7; }

/** The x87 default NaN ("real indefinite"). */
export const INDEFINITE = defaultNaN(EXTENDED);

/** Masked exceptions of the control word (bits 0..5). */
const masked = (cpu: Cpu, flag: number): boolean => (cpu.fpuControl & flag) !== 0;

/**
 * Record exception flags in the status word; an unmasked one sets ES and B (the exception is
 * reported as #MF by the next waiting x87 instruction). Returns true when an unmasked
 * invalid/zero-divide/denormal exception means the destination must stay unchanged.
 */
export function raise(cpu: Cpu, flags: number): boolean {
  if (!flags) return false;
  cpu.fpuStatus |= flags & 0x7f;
  const unmasked = flags & 0x3f & ~cpu.fpuControl;
  if (unmasked) cpu.fpuStatus |= SW_ES | SW_B;
  return (unmasked & (SW_IE | SW_ZE | SW_DE)) !== 0;
}

/**
 * Stack underflow: reading an empty register. IE|SF with C1 = 0; returns true when masked (the
 * caller then delivers the real indefinite).
 */
export function underflow(cpu: Cpu): boolean {
  cpu.fpuStatus &= ~SW_C1;
  raise(cpu, SW_IE | SW_SF);
  return masked(cpu, SW_IE);
}

/** Push a value: stack overflow (ST(7) in use) gives IE|SF with C1 = 1 and, when masked, pushes the indefinite. */
export function push(cpu: Cpu, v: bigint): void {
  const n = (cpu.fpuTop - 1) & 7;
  if (((cpu.fpuTag >> (2 * n)) & 3) !== 3) {
    cpu.fpuStatus |= SW_C1;
    raise(cpu, SW_IE | SW_SF);
    if (!masked(cpu, SW_IE)) return;
    v = INDEFINITE;
  } else cpu.fpuStatus &= ~SW_C1;
  cpu.fpuTop = n;
  setSt(cpu, 0, v);
}

/** Set C1 from the last rounding (rounded up in magnitude) when the result was inexact, else clear it. */
export function setC1FromRounding(cpu: Cpu, flags: number): void {
  if ((flags & SW_PE) && sf.up) cpu.fpuStatus |= SW_C1; else cpu.fpuStatus &= ~SW_C1;
}

/** Invalid-operand flag value shared with softfloat (same bit). */
export const X87_IE = FE_INVALID;
