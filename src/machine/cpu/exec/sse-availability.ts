// The SSE availability checks (#UD, #NM) shared by every SSE instruction, and reading/writing XMM operands.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { memLinear } from '../operands';
import { CR0_EM, CR0_TS, CR4_OSFXSR } from '../registers';
import { ACC_WRITE } from '../../mmu/paging';

/**
 * SDM Vol. 3 13.1 / Table 2-18 (legacy SSE): #UD when CR0.EM = 1 or CR4.OSFXSR = 0; #NM when
 * CR0.TS = 1 (lazy FPU context switches).
 */
export function sseCheck(cpu: Cpu): void {
  if ((cpu.cr0 & CR0_EM) || !(cpu.cr4 & CR4_OSFXSR)) throw new CpuFault(6);
  if (cpu.cr0 & CR0_TS) throw new CpuFault(7);
}

/** Operand n's kind, size and register number. */
export function kindOf(i: Instr, n: number): OpKind { return n === 0 ? i.k0 : n === 1 ? i.k1 : i.k2; }
function sizeOf(i: Instr, n: number): number { return n === 0 ? i.s0 : n === 1 ? i.s1 : i.s2; }
function regOf(i: Instr, n: number): number { return n === 0 ? i.r0 : n === 1 ? i.r1 : i.r2; }

/** #GP(0) unless the linear address is 16-byte aligned (legacy SSE 128-bit memory operands). */
export function checkAligned16(lin: number): void {
  if (lin % 16 !== 0) throw new CpuFault(13, 0);
}

/**
 * Read operand n (XMM register or memory of its size: 4, 8 or 16 bytes) into out[0..3], upper
 * lanes zero for narrower memory. 16-byte memory must be aligned unless `unaligned`. MMX
 * operands raise #UD: MMX is not advertised.
 */
export function readXmm(cpu: Cpu, i: Instr, n: number, out: Int32Array, unaligned = false): void {
  const k = kindOf(i, n);
  if (k === OpKind.Xmm) {
    const b = regOf(i, n) << 2, x = cpu.xmm;
    out[0] = x[b]; out[1] = x[b + 1]; out[2] = x[b + 2]; out[3] = x[b + 3];
    return;
  }
  if (k !== OpKind.Mem) throw new CpuFault(6);
  const size = sizeOf(i, n);
  const lin = memLinear(cpu, i, size, false);
  if (size === 16) {
    if (!unaligned) checkAligned16(lin);
    out[0] = cpu.read64(lin); out[1] = cpu.hi;
    out[2] = cpu.read64(lin + 8); out[3] = cpu.hi;
  } else if (size === 8) {
    out[0] = cpu.read64(lin); out[1] = cpu.hi; out[2] = 0; out[3] = 0;
  } else if (size === 4) {
    out[0] = cpu.read32(lin); out[1] = 0; out[2] = 0; out[3] = 0;
  } else if (size === 2) {
    out[0] = cpu.read16(lin); out[1] = 0; out[2] = 0; out[3] = 0;
  } else {
    out[0] = cpu.read8(lin); out[1] = 0; out[2] = 0; out[3] = 0;
  }
}

/** Write the whole 128-bit XMM register `r`. */
export function setXmm(cpu: Cpu, r: number, v: Int32Array): void {
  const b = r << 2, x = cpu.xmm;
  x[b] = v[0]; x[b + 1] = v[1]; x[b + 2] = v[2]; x[b + 3] = v[3];
}

/** Store `bytes` (4, 8 or 16) of v to the memory operand (16 bytes aligned unless `unaligned`). */
export function storeXmm(cpu: Cpu, i: Instr, v: Int32Array, bytes: number, unaligned = false): void {
  const lin = memLinear(cpu, i, bytes, true);
  if (bytes === 16) {
    if (!unaligned) checkAligned16(lin);
    // An aligned store stays in one page; an unaligned one that crosses checks the far page first (precise faults).
    if ((lin & 0xfff) > 0xff0) cpu.translate(cpu.linAdd(lin, 15), ACC_WRITE, cpu.cpl === 3);
    cpu.write64(lin, v[0], v[1]);
    cpu.write64(lin + 8, v[2], v[3]);
  } else if (bytes === 8) cpu.write64(lin, v[0], v[1]);
  else cpu.write32(lin, v[0]);
}

/** The destination register of an XMM instruction (operand 0 must be an XMM register, else #UD). */
export function destXmm(i: Instr): number {
  if (i.k0 !== OpKind.Xmm) throw new CpuFault(6);
  return i.r0;
}
