// Segment-register instructions: MOV to/from Sreg, POP Sreg, LDS/LES/LFS/LGS/LSS, ARPL, LAR, LSL, VERR, VERW.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind, Seg } from '../instr';
import { memLinear, readOperand, readDest, writeDest } from '../operands';
import { setArith } from '../flags';
import { getSP, setSP, spPlus } from '../stack';
import { segLinear } from '../operands';
import { EFER_LMA, ZF } from '../registers';
import { loadSegment, realSegments } from '../system/segment-load';
import { descDpl, descIsCode, descLimit, descS, descType, readDescriptor } from '../system/descriptor';
import { register, registerBinder } from './registry';

/** MOV SS and POP SS block interrupts, NMI and debug traps until after the next instruction. */
function shadow(cpu: Cpu): void {
  cpu.shadowUntil = cpu.icount + 2;
  cpu.attention();
}

// MOV Sreg, r/m16 and MOV r/m, Sreg share the 'mov' mnemonic with the general MOV: bind by operand kind.
registerBinder('mov', (i: Instr) => {
  if (i.k0 === OpKind.Seg) {
    const seg = i.r0;
    return (cpu: Cpu, ins: Instr): void => {
      const sel = readOperand(cpu, ins, 1) & 0xffff;
      loadSegment(cpu, seg, sel);
      if (seg === Seg.SS) shadow(cpu);
    };
  }
  if (i.k1 === OpKind.Seg) {
    const seg = i.r1;
    return (cpu: Cpu, ins: Instr): void => {
      const sel = cpu.segs[seg].selector;
      // A register destination takes the operand size (zero-extended); memory is always 16 bits.
      if (ins.k0 === OpKind.Reg) cpu.setReg(ins.r0, ins.s0, sel, 0);
      else cpu.write16(memLinear(cpu, ins, 2, true), sel);
    };
  }
  return undefined;
});

// POP ES/SS/DS/FS/GS: the selector is loaded before rSP moves, so a faulting load leaves rSP as it was.
registerBinder('pop', (i: Instr) => {
  if (i.k0 !== OpKind.Seg) return undefined;
  const seg = i.r0;
  return (cpu: Cpu, ins: Instr): void => {
    const size = ins.osize;
    const sp = getSP(cpu);
    const sel = cpu.read16(segLinear(cpu, Seg.SS, sp, size, false));
    const oldStack = cpu.stackSize, next = spPlus(cpu, sp, size);
    loadSegment(cpu, seg, sel);
    // POP SS: the increment uses the stack size in force before the load.
    cpu.stackSize = oldStack;
    setSP(cpu, next);
    cpu.updateStackSize();
    if (seg === Seg.SS) shadow(cpu);
  };
});

/** LDS/LES/LFS/LGS/LSS: offset then selector from memory; the segment is loaded before the register is written. */
function loadFarPointer(seg: number) {
  return (cpu: Cpu, i: Instr): void => {
    if (i.k1 !== OpKind.Mem) throw new CpuFault(6);
    const size = i.osize;
    const lin = memLinear(cpu, i, size + 2, false);
    const off = cpu.readSized(lin, size), offHi = cpu.hi;
    const sel = cpu.read16(cpu.linAdd(lin, size));
    loadSegment(cpu, seg, sel);
    cpu.setReg(i.r0, size, off, offHi);
    if (seg === Seg.SS) shadow(cpu);
  };
}
register('lds', loadFarPointer(Seg.DS));
register('les', loadFarPointer(Seg.ES));
register('lss', loadFarPointer(Seg.SS));
register('lfs', loadFarPointer(Seg.FS));
register('lgs', loadFarPointer(Seg.GS));

register('arpl', (cpu: Cpu, i: Instr): void => {
  if (realSegments(cpu)) throw new CpuFault(6);
  const dest = readDest(cpu, i) & 0xffff;
  const src = cpu.get16(i.r1);
  if ((dest & 3) < (src & 3)) {
    writeDest(cpu, i, (dest & ~3) | (src & 3));
    setArith(cpu, ZF, ZF);
  } else setArith(cpu, ZF, 0);
});

/**
 * The descriptor a LAR/LSL/VERR/VERW selector names when it passes the instruction's checks,
 * or null (ZF = 0). `types` lists the acceptable system-descriptor types (bit n = type n).
 */
function accessibleDescriptor(cpu: Cpu, sel: number, systemTypes: number) {
  if ((sel & 0xfffc) === 0 && !(sel & 4)) return null;
  let d;
  try { d = readDescriptor(cpu, sel); } catch (e) { if (e instanceof CpuFault) return null; throw e; }
  if (!descS(d.hi)) {
    if (!((systemTypes >> descType(d.hi)) & 1)) return null;
  }
  const conformingCode = descIsCode(d.hi) && (d.hi & 0x400) !== 0;
  if (!conformingCode) {
    const dpl = descDpl(d.hi);
    if (dpl < cpu.cpl || dpl < (sel & 3)) return null;
  }
  return d;
}

/** System types LAR accepts: legacy 1,2,3,4,5,9,B,C; IA-32e mode 2,9,B,C. LSL: the same without gates. */
const LAR_LEGACY = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 5) | (1 << 9) | (1 << 0xb) | (1 << 0xc);
const LAR_LONG = (1 << 2) | (1 << 9) | (1 << 0xb) | (1 << 0xc);
const LSL_LEGACY = (1 << 1) | (1 << 2) | (1 << 3) | (1 << 9) | (1 << 0xb);
const LSL_LONG = (1 << 2) | (1 << 9) | (1 << 0xb);

function selectorOperand(cpu: Cpu, i: Instr): number {
  if (realSegments(cpu)) throw new CpuFault(6);
  return readOperand(cpu, i, 1) & 0xffff;
}

register('lar', (cpu: Cpu, i: Instr): void => {
  const sel = selectorOperand(cpu, i);
  const d = accessibleDescriptor(cpu, sel, cpu.efer & EFER_LMA ? LAR_LONG : LAR_LEGACY);
  if (!d) { setArith(cpu, ZF, 0); return; }
  const rights = i.osize === 2 ? d.hi & 0xff00 : d.hi & 0x00ffff00;
  cpu.setReg(i.r0, i.osize, rights, 0);
  setArith(cpu, ZF, ZF);
});

register('lsl', (cpu: Cpu, i: Instr): void => {
  const sel = selectorOperand(cpu, i);
  const d = accessibleDescriptor(cpu, sel, cpu.efer & EFER_LMA ? LSL_LONG : LSL_LEGACY);
  if (!d) { setArith(cpu, ZF, 0); return; }
  const limit = descLimit(d.lo, d.hi);
  cpu.setReg(i.r0, i.osize, limit | 0, 0);
  setArith(cpu, ZF, ZF);
});

function verify(write: boolean) {
  return (cpu: Cpu, i: Instr): void => {
    if (realSegments(cpu)) throw new CpuFault(6);
    const sel = readOperand(cpu, i, 0) & 0xffff;
    const d = accessibleDescriptor(cpu, sel, 0);
    let ok = d !== null && descS(d.hi);
    if (ok && d) {
      const code = descIsCode(d.hi);
      ok = write ? !code && (d.hi & 0x200) !== 0 : !code || (d.hi & 0x200) !== 0;
    }
    setArith(cpu, ZF, ok ? ZF : 0);
  };
}
register('verr', verify(false));
register('verw', verify(true));
