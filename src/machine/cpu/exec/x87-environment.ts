// x87 environment and state images: FNSTENV/FLDENV (14 or 28 bytes) and FNSAVE/FRSTOR (94 or 108 bytes), SDM Vol. 1 8.1.10 and Figures 8-9..8-12.
import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { memLinear } from '../operands';
import { ACC_READ, ACC_WRITE } from '../../mmu/paging';
import { register } from './registry';
import { fpuInit, fpuStatusWord, x87Check } from './x87-control';
import { physGet, physSet, tagOf } from './x87-stack';
import { x87Begin } from './x87-values';

/**
 * Layout: the 16-bit format (operand size 16) has 2-byte fields, the 32-bit format 4-byte
 * fields; 64-bit mode uses the 32-bit format (REX.W does not widen it). The instruction and
 * operand pointers (FIP, FCS, FOP, FDP, FDS) are not tracked, so they are stored as zero and
 * the protected-mode and real-mode formats coincide: FCW, FSW and FTW sit at the same offsets.
 */
const envSize = (i: Instr): number => (i.osize === 2 ? 14 : 28);

/** The full tag word, each non-empty register classified from its contents (as the processor does). */
function fullTag(cpu: Cpu): number {
  let tag = 0;
  for (let n = 0; n < 8; n++) tag |= (((cpu.fpuTag >> (2 * n)) & 3) === 3 ? 3 : tagOf(physGet(cpu, n))) << (2 * n);
  return tag;
}

/** Probe the whole image first so that a page fault leaves memory and the FPU unchanged. */
function probe(cpu: Cpu, lin: number, size: number, write: boolean): void {
  const user = cpu.cpl === 3, acc = write ? ACC_WRITE : ACC_READ;
  cpu.translate(lin, acc, user);
  cpu.translate(cpu.linAdd(lin, size - 1), acc, user);
}

function storeEnv(cpu: Cpu, lin: number, size: number): void {
  const w = size === 14 ? 2 : 4;
  const at = (k: number): number => cpu.linAdd(lin, k * w);
  const put = (k: number, v: number): void => { if (w === 2) cpu.write16(at(k), v); else cpu.write32(at(k), v); };
  // The reserved upper halves of the 32-bit format (FCW, FSW, FTW, FDS) read back as ones on the hardware.
  const hi = w === 4 ? 0xffff0000 | 0 : 0;
  put(0, cpu.fpuControl | hi);
  put(1, fpuStatusWord(cpu) | hi);
  put(2, fullTag(cpu) | hi);
  for (let k = 3; k < 6; k++) put(k, 0);
  put(6, hi);
}

function loadEnv(cpu: Cpu, lin: number, size: number): void {
  const w = size === 14 ? 2 : 4;
  const get = (k: number): number => cpu.read16(cpu.linAdd(lin, k * w));
  const fcw = get(0), fsw = get(1), ftw = get(2);
  cpu.fpuControl = (fcw & 0x1f3f) | 0x40;
  cpu.fpuStatus = fsw & ~0x3800;
  cpu.fpuTop = (fsw >> 11) & 7;
  // Only "empty" is kept from the loaded tags; the others follow the register contents.
  let tag = 0;
  for (let n = 0; n < 8; n++) tag |= (((ftw >> (2 * n)) & 3) === 3 ? 3 : tagOf(physGet(cpu, n))) << (2 * n);
  cpu.fpuTag = tag;
}

// FNSTENV: store the environment, then mask every exception (SDM FSTENV).
register('fnstenv', (cpu: Cpu, i: Instr): void => {
  x87Check(cpu);
  const size = envSize(i), lin = memLinear(cpu, i, size, true);
  probe(cpu, lin, size, true);
  storeEnv(cpu, lin, size);
  cpu.fpuControl |= 0x3f;
});

// FLDENV and FRSTOR are waiting instructions: a pending unmasked exception is reported first (SDM Vol. 1 8.6).
register('fldenv', (cpu: Cpu, i: Instr): void => {
  x87Begin(cpu);
  const size = envSize(i), lin = memLinear(cpu, i, size, false);
  probe(cpu, lin, size, false);
  loadEnv(cpu, lin, size);
});

// FNSAVE: the environment and ST(0)..ST(7) (10 bytes each, in stack order), then FNINIT.
register('fnsave', (cpu: Cpu, i: Instr): void => {
  x87Check(cpu);
  const env = envSize(i), size = env + 80, lin = memLinear(cpu, i, size, true);
  probe(cpu, lin, size, true);
  storeEnv(cpu, lin, env);
  for (let k = 0; k < 8; k++) {
    const v = physGet(cpu, (cpu.fpuTop + k) & 7), at = cpu.linAdd(lin, env + 10 * k);
    cpu.write64(at, Number(v & 0xffffffffn) | 0, Number((v >> 32n) & 0xffffffffn) | 0);
    cpu.write16(cpu.linAdd(at, 8), Number(v >> 64n) & 0xffff);
  }
  fpuInit(cpu);
});

register('frstor', (cpu: Cpu, i: Instr): void => {
  x87Begin(cpu);
  const env = envSize(i), size = env + 80, lin = memLinear(cpu, i, size, false);
  probe(cpu, lin, size, false);
  const top = (cpu.read16(cpu.linAdd(lin, env === 14 ? 2 : 4)) >> 11) & 7;
  for (let k = 0; k < 8; k++) {
    const at = cpu.linAdd(lin, env + 10 * k);
    const lo = cpu.read64(at), hi = cpu.hi, se = cpu.read16(cpu.linAdd(at, 8));
    physSet(cpu, (top + k) & 7, (BigInt(se) << 64n) | (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  }
  loadEnv(cpu, lin, env);
});
