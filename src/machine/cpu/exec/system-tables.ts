// Descriptor-table registers: LGDT, LIDT, SGDT, SIDT, LLDT, SLDT, LTR, STR.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { memLinear } from '../operands';
import { readOperand } from '../operands';
import { CR0_PE, CR4_UMIP, EFER_LMA, VM } from '../registers';
import { descPresent, descS, descType, loadCache, readDescriptor, setBusy, wideBase } from '../system/descriptor';
import { register } from './registry';

const TWO32 = 4294967296;

/** Instructions that need CPL 0 (and are #GP(0) in virtual-8086 mode). */
export function requireCpl0(cpu: Cpu): void {
  if ((cpu.cr0 & CR0_PE) && ((cpu.flags & VM) || cpu.cpl !== 0)) throw new CpuFault(13, 0);
}

/** Protected-mode-only instructions (LLDT, LTR, SLDT, STR...) are #UD in real and virtual-8086 mode. */
function requireProtected(cpu: Cpu): void {
  if (!(cpu.cr0 & CR0_PE) || (cpu.flags & VM)) throw new CpuFault(6);
}

/** SGDT/SIDT/SLDT/STR/SMSW at CPL > 0 with CR4.UMIP set are #GP(0). */
export function checkUmip(cpu: Cpu): void {
  if ((cpu.cr4 & CR4_UMIP) && (cpu.cr0 & CR0_PE) && cpu.cpl > 0) throw new CpuFault(13, 0);
}

/** Read the limit and base of an LGDT/LIDT operand: 16-bit operand size keeps 24 base bits; 64-bit mode reads 8. */
function readPseudoDescriptor(cpu: Cpu, i: Instr): [number, number] {
  if (i.k0 !== OpKind.Mem) throw new CpuFault(6);
  const wide = cpu.bits === 64;
  const lin = memLinear(cpu, i, wide ? 10 : 6, false);
  const limit = cpu.read16(lin);
  let base: number;
  if (wide) {
    const lo = cpu.read32(cpu.linAdd(lin, 2)), hi = cpu.read32(cpu.linAdd(lin, 6));
    // The base is not checked for canonical form (only the operand address is).
    base = (hi | 0) * TWO32 + (lo >>> 0);
  } else {
    base = cpu.read32(cpu.linAdd(lin, 2)) >>> 0;
    if (i.osize === 2) base &= 0xffffff;
  }
  return [limit, base];
}

register('lgdt', (cpu: Cpu, i: Instr): void => {
  requireCpl0(cpu);
  const [limit, base] = readPseudoDescriptor(cpu, i);
  cpu.gdtrLimit = limit; cpu.gdtrBase = base;
  cpu.emit('lgdt');
});
register('lidt', (cpu: Cpu, i: Instr): void => {
  requireCpl0(cpu);
  const [limit, base] = readPseudoDescriptor(cpu, i);
  cpu.idtrLimit = limit; cpu.idtrBase = base;
  cpu.emit('lidt');
});

function storePseudoDescriptor(cpu: Cpu, i: Instr, limit: number, base: number): void {
  if (i.k0 !== OpKind.Mem) throw new CpuFault(6);
  checkUmip(cpu);
  const wide = cpu.bits === 64;
  const lin = memLinear(cpu, i, wide ? 10 : 6, true);
  // Check the whole operand is writable before storing any of it.
  cpu.translate(lin, 1, cpu.cpl === 3);
  cpu.translate(cpu.linAdd(lin, wide ? 9 : 5), 1, cpu.cpl === 3);
  cpu.write16(lin, limit);
  if (wide) {
    cpu.write32(cpu.linAdd(lin, 2), base % TWO32 | 0);
    cpu.write32(cpu.linAdd(lin, 6), Math.floor(base / TWO32) | 0);
  } else cpu.write32(cpu.linAdd(lin, 2), base | 0);
}
register('sgdt', (cpu: Cpu, i: Instr): void => storePseudoDescriptor(cpu, i, cpu.gdtrLimit, cpu.gdtrBase));
register('sidt', (cpu: Cpu, i: Instr): void => storePseudoDescriptor(cpu, i, cpu.idtrLimit, cpu.idtrBase));

/** Store a selector for SLDT/STR: a register takes the operand size (zero-extended), memory 16 bits. */
function storeSelector(cpu: Cpu, i: Instr, sel: number): void {
  requireProtected(cpu);
  checkUmip(cpu);
  if (i.k0 === OpKind.Reg) cpu.setReg(i.r0, i.s0, sel, 0);
  else cpu.write16(memLinear(cpu, i, 2, true), sel);
}
register('sldt', (cpu: Cpu, i: Instr): void => storeSelector(cpu, i, cpu.ldtr.selector));
register('str', (cpu: Cpu, i: Instr): void => storeSelector(cpu, i, cpu.tr.selector));

register('lldt', (cpu: Cpu, i: Instr): void => {
  requireProtected(cpu);
  requireCpl0(cpu);
  const sel = readOperand(cpu, i, 0) & 0xffff;
  if ((sel & 0xfffc) === 0) {
    // A null selector leaves LDTR unusable: later references through TI=1 raise #GP.
    cpu.ldtr.selector = sel; cpu.ldtr.valid = false;
    return;
  }
  if (sel & 4) throw new CpuFault(13, sel & 0xfffc);
  const long = (cpu.efer & EFER_LMA) !== 0;
  const d = readDescriptor(cpu, sel, long);
  if (descS(d.hi) || descType(d.hi) !== 2) throw new CpuFault(13, sel & 0xfffc);
  if (!descPresent(d.hi)) throw new CpuFault(11, sel & 0xfffc);
  if (long && !canonicalHigh(d.hi2)) throw new CpuFault(13, sel & 0xfffc);
  loadCache(cpu.ldtr, sel, d.lo, d.hi);
  if (long) cpu.ldtr.base = wideBase(d);
});

function canonicalHigh(hi2: number): boolean { const h = hi2 | 0; return h >= -0x8000 && h < 0x8000; }

register('ltr', (cpu: Cpu, i: Instr): void => {
  requireProtected(cpu);
  requireCpl0(cpu);
  const sel = readOperand(cpu, i, 0) & 0xffff;
  if ((sel & 0xfffc) === 0) throw new CpuFault(13, 0);
  if (sel & 4) throw new CpuFault(13, sel & 0xfffc);
  const long = (cpu.efer & EFER_LMA) !== 0;
  const d = readDescriptor(cpu, sel, long);
  const t = descType(d.hi);
  // An available TSS: 16-bit (1) or 32-bit (9); in IA-32e mode only the 64-bit TSS (9).
  if (descS(d.hi) || !(t === 9 || (t === 1 && !long))) throw new CpuFault(13, sel & 0xfffc);
  if (!descPresent(d.hi)) throw new CpuFault(11, sel & 0xfffc);
  if (long && !canonicalHigh(d.hi2)) throw new CpuFault(13, sel & 0xfffc);
  setBusy(cpu, d);
  loadCache(cpu.tr, sel, d.lo, d.hi);
  if (long) cpu.tr.base = wideBase(d);
  cpu.emit('ltr', sel);
});
