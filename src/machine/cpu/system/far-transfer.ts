// Far JMP, far CALL (direct, through call gates with privilege change and parameter copying) and far RET.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { Seg } from '../instr';
import { segLinear } from '../operands';
import { getSP, setSP, readStackAt, spPlus } from '../stack';
import { EFER_LMA, RSP } from '../registers';
import { SEG_DB, SEG_L } from '../segment';
import { descDpl, descIsCode, descLimit, descPresent, descS, descType, loadCache, readDescriptor, setAccessed, type RawDescriptor } from './descriptor';
import { checkStackDescriptor, nullInvalidDataSegments, realSegments } from './segment-load';

const TWO32 = 4294967296;
const CANON = 140737488355328;

/** True when the code descriptor is a 64-bit code segment and IA-32e mode is active. */
function is64Code(cpu: Cpu, d: RawDescriptor): boolean {
  return (cpu.efer & EFER_LMA) !== 0 && (d.hi & (SEG_L << 8)) !== 0;
}

/** The target offset must be canonical (64-bit code) or within the segment limit, else #GP(0). */
export function checkTargetOffset(cpu: Cpu, d: RawDescriptor, off: number): void {
  if (is64Code(cpu, d)) { if (off >= CANON || off < -CANON) throw new CpuFault(13, 0); }
  else if (off < 0 || off > descLimit(d.lo, d.hi)) throw new CpuFault(13, 0);
}

/** A code descriptor with both L and D set is reserved in IA-32e mode (#GP(selector)). */
function checkLD(cpu: Cpu, d: RawDescriptor, sel: number): void {
  if ((cpu.efer & EFER_LMA) && (d.hi & (SEG_L << 8)) && (d.hi & (SEG_DB << 8))) throw new CpuFault(13, sel & 0xfffc);
}

/** Load CS from a checked descriptor with RPL = cpl, and set RIP. */
export function commitCs(cpu: Cpu, sel: number, d: RawDescriptor, cpl: number, rip: number): void {
  setAccessed(cpu, d);
  loadCache(cpu.segs[Seg.CS], (sel & 0xfffc) | cpl, d.lo, d.hi);
  cpu.rip = rip;
  cpu.updateMode();
}

/** Real and virtual-8086 mode far transfer target. */
function realTarget(cpu: Cpu, sel: number, off: number): void {
  const cs = cpu.segs[Seg.CS];
  if (off > cs.limit) throw new CpuFault(13, 0);
  cs.loadReal(sel);
  cpu.rip = off;
  cpu.updateMode();
}

/**
 * Write `items` (each `size` bytes) downward from `sp` on a stack with the given base, limit
 * check and address mask, checking every address and page before writing anything (precise
 * faults). Returns the new stack pointer.
 */
function pushAll(cpu: Cpu, base: number, sp: number, mask: number, size: number, items: number[], user: boolean,
  check: (off: number) => void, long: boolean): number {
  const lins: number[] = [];
  for (let k = 0; k < items.length; k++) {
    sp = long ? sp - size : mask === 0xffff ? (sp - size) & 0xffff : (sp - size) >>> 0;
    check(sp);
    const lin = long ? sp : (base + sp) % TWO32;
    if (long && (lin >= CANON || lin < -CANON)) throw new CpuFault(12, 0);
    lins.push(lin);
  }
  for (const lin of lins) { cpu.translate(lin, 1, user); cpu.translate(long ? lin + size - 1 : (lin + size - 1) % TWO32, 1, user); }
  for (let k = 0; k < items.length; k++) {
    const v = items[k];
    if (size === 8) { cpu.writeSlow(lins[k], 4, v % TWO32 | 0, user); cpu.writeSlow(lins[k] + 4, 4, Math.floor(v / TWO32) | 0, user); }
    else cpu.writeSlow(lins[k], size, size === 2 ? v & 0xffff : v | 0, user);
  }
  return sp;
}

/** Push items on the current stack (SS:rSP) atomically; returns the new rSP (the caller commits it). */
function pushCurrent(cpu: Cpu, size: number, items: number[]): number {
  const ss = cpu.segs[Seg.SS];
  const long = cpu.bits === 64;
  const mask = cpu.stackSize === 2 ? 0xffff : 0xffffffff;
  return pushAll(cpu, ss.base, getSP(cpu), mask, size, items, cpu.cpl === 3, (off) => { segLinear(cpu, Seg.SS, off, size, true); }, long);
}



/** Set RSP as a 64-bit number (IA-32e stack switches). */
function setRsp64(cpu: Cpu, v: number): void {
  cpu.regs[RSP << 1] = v % TWO32 | 0;
  cpu.regs[(RSP << 1) + 1] = Math.floor(v / TWO32) | 0;
}

interface GateInfo { codeSel: number; offset: number; code: RawDescriptor; gate: RawDescriptor; paramCount: number; size: number }

/** Decode and check a call gate reached by JMP/CALL far (gate DPL, presence, target code segment). */
function callGate(cpu: Cpu, sel: number, gateDesc: RawDescriptor, isCall: boolean): GateInfo {
  const err = sel & 0xfffc;
  const long = (cpu.efer & EFER_LMA) !== 0;
  const gd = descDpl(gateDesc.hi);
  if (gd < cpu.cpl || gd < (sel & 3)) throw new CpuFault(13, err);
  if (!descPresent(gateDesc.hi)) throw new CpuFault(11, err);
  let gate = gateDesc;
  let offset: number;
  if (long) {
    gate = readDescriptor(cpu, sel, true);
    const upper = cpu.readSys(cpu.linAdd(gate.address, 12), 4);
    if ((upper >>> 8) & 0x1f) throw new CpuFault(13, err);
    offset = (gate.hi2 | 0) * TWO32 + (((gate.hi & 0xffff0000) | (gate.lo & 0xffff)) >>> 0);
  } else if (descType(gate.hi) === 0xc) offset = ((gate.hi & 0xffff0000) | (gate.lo & 0xffff)) >>> 0;
  else offset = gate.lo & 0xffff;
  const codeSel = gate.lo >>> 16;
  if ((codeSel & 0xfffc) === 0) throw new CpuFault(13, 0);
  const code = readDescriptor(cpu, codeSel);
  const cerr = codeSel & 0xfffc;
  if (!descIsCode(code.hi)) throw new CpuFault(13, cerr);
  const dpl = descDpl(code.hi), conforming = (code.hi & 0x400) !== 0;
  if (isCall ? dpl > cpu.cpl : (conforming ? dpl > cpu.cpl : dpl !== cpu.cpl)) throw new CpuFault(13, cerr);
  if (!descPresent(code.hi)) throw new CpuFault(11, cerr);
  if (long && (!(code.hi & (SEG_L << 8)) || (code.hi & (SEG_DB << 8)))) throw new CpuFault(13, cerr);
  checkTargetOffset(cpu, code, offset);
  return { codeSel, offset, code, gate, paramCount: gate.hi & 0x1f, size: long ? 8 : descType(gate.hi) === 0xc ? 4 : 2 };
}

/** Checks of a code-segment target for JMP/CALL far: conforming DPL <= CPL, else RPL <= CPL and DPL = CPL. */
function checkDirectCode(cpu: Cpu, sel: number, d: RawDescriptor): void {
  const err = sel & 0xfffc;
  const dpl = descDpl(d.hi);
  if (d.hi & 0x400) { if (dpl > cpu.cpl) throw new CpuFault(13, err); }
  else if ((sel & 3) > cpu.cpl || dpl !== cpu.cpl) throw new CpuFault(13, err);
  if (!descPresent(d.hi)) throw new CpuFault(11, err);
  checkLD(cpu, d, sel);
}

/** The system descriptor a far JMP/CALL names: only call gates are followed; task switches are not modelled (#GP(selector)). */
function systemTarget(cpu: Cpu, sel: number, d: RawDescriptor): void {
  const t = descType(d.hi);
  const long = (cpu.efer & EFER_LMA) !== 0;
  if (long ? t !== 0xc : t !== 0x4 && t !== 0xc) throw new CpuFault(13, sel & 0xfffc);
}

/** JMP ptr16:16/32, JMP m16:16/32/64. */
export function farJump(cpu: Cpu, sel: number, off: number): void {
  sel &= 0xffff;
  if (realSegments(cpu)) { realTarget(cpu, sel, off); return; }
  if ((sel & 0xfffc) === 0 && !(sel & 4)) throw new CpuFault(13, 0);
  const d = readDescriptor(cpu, sel);
  if (descS(d.hi)) {
    if (!descIsCode(d.hi)) throw new CpuFault(13, sel & 0xfffc);
    checkDirectCode(cpu, sel, d);
    checkTargetOffset(cpu, d, off);
    commitCs(cpu, sel, d, cpu.cpl, off);
    return;
  }
  systemTarget(cpu, sel, d);
  const g = callGate(cpu, sel, d, false);
  commitCs(cpu, g.codeSel, g.code, cpu.cpl, g.offset);
}

/** CALL ptr16:16/32, CALL m16:16/32/64: pushes CS and the return offset (operand size `size`). */
export function farCall(cpu: Cpu, sel: number, off: number, size: number): void {
  sel &= 0xffff;
  const ret = cpu.rip, oldCs = cpu.segs[Seg.CS].selector;
  if (realSegments(cpu)) {
    if (off > cpu.segs[Seg.CS].limit) throw new CpuFault(13, 0);
    const sp = pushCurrent(cpu, size, [oldCs, ret]);
    setSP(cpu, sp);
    realTarget(cpu, sel, off);
    return;
  }
  if ((sel & 0xfffc) === 0 && !(sel & 4)) throw new CpuFault(13, 0);
  const d = readDescriptor(cpu, sel);
  if (descS(d.hi)) {
    if (!descIsCode(d.hi)) throw new CpuFault(13, sel & 0xfffc);
    checkDirectCode(cpu, sel, d);
    checkTargetOffset(cpu, d, off);
    const sp = pushCurrent(cpu, size, [oldCs, ret]);
    setSP(cpu, sp);
    commitCs(cpu, sel, d, cpu.cpl, off);
    return;
  }
  systemTarget(cpu, sel, d);
  const g = callGate(cpu, sel, d, true);
  const dpl = descDpl(g.code.hi);
  if (!(g.code.hi & 0x400) && dpl < cpu.cpl) { callGateInner(cpu, g, dpl); return; }
  const sp = pushCurrent(cpu, g.size, [oldCs, ret]);
  setSP(cpu, sp);
  commitCs(cpu, g.codeSel, g.code, cpu.cpl, g.offset);
}

/** Call gate to a more privileged level: stack switch from the TSS, parameter copy (legacy gates), pushes. */
function callGateInner(cpu: Cpu, g: GateInfo, dpl: number): void {
  const oldSS = cpu.segs[Seg.SS].selector, oldCs = cpu.segs[Seg.CS].selector, ret = cpu.rip;
  const tr = cpu.tr, trErr = tr.selector & 0xfffc;
  if (cpu.efer & EFER_LMA) {
    const off = 4 + 8 * dpl;
    if (off + 7 > tr.limit) throw new CpuFault(10, trErr);
    const lo = cpu.readSys(tr.base + off, 4), hi = cpu.readSys(tr.base + off + 4, 4);
    const rsp = (hi | 0) * TWO32 + (lo >>> 0);
    if (rsp >= CANON || rsp < -CANON) throw new CpuFault(12, 0);
    const oldRsp = cpu.bits === 64 ? getSP(cpu) : cpu.regs[RSP << 1] >>> 0;
    const sp = pushAll(cpu, 0, rsp, 0xffffffff, 8, [oldSS, oldRsp, oldCs, ret], false, () => {}, true);
    const ss = cpu.segs[Seg.SS];
    ss.selector = dpl; ss.base = 0; ss.limit = 0; ss.attr = (dpl << 5) | 0x80 | 0x10 | 0x3; ss.valid = true;
    setRsp64(cpu, sp);
    commitCs(cpu, g.codeSel, g.code, dpl, g.offset);
    cpu.updateStackSize();
    return;
  }
  const tss32 = (tr.attr & 8) !== 0;
  const off = tss32 ? 4 + 8 * dpl : 2 + 4 * dpl;
  if (off + (tss32 ? 5 : 3) > tr.limit) throw new CpuFault(10, trErr);
  const nsp = tss32 ? cpu.readSys(tr.base + off, 4) >>> 0 : cpu.readSys(tr.base + off, 2);
  const nss = cpu.readSys(tr.base + off + (tss32 ? 4 : 2), 2);
  if ((nss & 0xfffc) === 0) throw new CpuFault(10, 0);
  const sd = checkStackDescriptor(cpu, nss, dpl, 10);
  const base = ((sd.lo >>> 16) | ((sd.hi & 0xff) << 16) | (sd.hi & 0xff000000)) >>> 0;
  const limit = descLimit(sd.lo, sd.hi);
  const big = (sd.hi & (SEG_DB << 8)) !== 0;
  const mask = big ? 0xffffffff : 0xffff;
  // Parameters are read from the caller's stack at the caller's privilege.
  const size = g.size;
  const oldSp = getSP(cpu);
  const params: number[] = [];
  for (let k = g.paramCount - 1; k >= 0; k--) params.push(readStackAt(cpu, spPlus(cpu, oldSp, k * size), size));
  const items = [oldSS, oldSp, ...params, oldCs, ret];
  const sp = pushAll(cpu, base, big ? nsp : nsp & 0xffff, mask, size, items, false, (o) => {
    if (o + size - 1 > limit) throw new CpuFault(12, nss & 0xfffc);
  }, false);
  setAccessed(cpu, sd);
  loadCache(cpu.segs[Seg.SS], nss, sd.lo, sd.hi);
  commitCs(cpu, g.codeSel, g.code, dpl, g.offset);
  cpu.updateStackSize();
  if (big) cpu.set32(RSP, sp); else cpu.set16(RSP, sp);
}

/**
 * Checks of the CS selector a far return (RET far, IRET) pops: not null, a code segment, RPL >=
 * CPL, conforming DPL <= RPL or non-conforming DPL = RPL, present.
 */
export function checkReturnCode(cpu: Cpu, sel: number): RawDescriptor {
  if ((sel & 0xfffc) === 0 && !(sel & 4)) throw new CpuFault(13, 0);
  const d = readDescriptor(cpu, sel);
  const err = sel & 0xfffc, rpl = sel & 3;
  if (!descIsCode(d.hi) || rpl < cpu.cpl) throw new CpuFault(13, err);
  const dpl = descDpl(d.hi);
  if (d.hi & 0x400 ? dpl > rpl : dpl !== rpl) throw new CpuFault(13, err);
  if (!descPresent(d.hi)) throw new CpuFault(11, err);
  checkLD(cpu, d, sel);
  return d;
}

/**
 * The SS a return to an outer level (or any IRET in 64-bit mode) loads: a null selector is only
 * allowed when returning to 64-bit code below ring 3; otherwise checked as for MOV SS at the new
 * level. Returns null for an allowed null selector.
 */
export function checkReturnStack(cpu: Cpu, ssSel: number, rpl: number, code: RawDescriptor): RawDescriptor | null {
  if ((ssSel & 0xfffc) === 0 && !(ssSel & 4)) {
    if (cpu.bits === 64 && is64Code(cpu, code) && rpl !== 3 && (ssSel & 3) === rpl) return null;
    throw new CpuFault(13, 0);
  }
  return checkStackDescriptor(cpu, ssSel, rpl);
}

/** Load SS after a return: a checked descriptor, or a null selector with flat 64-bit stack attributes. */
export function commitReturnStack(cpu: Cpu, ssSel: number, sd: RawDescriptor | null, rpl: number): void {
  const ss = cpu.segs[Seg.SS];
  if (sd) { setAccessed(cpu, sd); loadCache(ss, ssSel, sd.lo, sd.hi); }
  else { ss.selector = ssSel & 0xffff; ss.base = 0; ss.limit = 0; ss.attr = (rpl << 5) | 0x80 | 0x10 | 0x3; ss.valid = true; }
}

/** RET far [imm16]: same level, or to an outer level popping SS:rSP too. */
export function farReturn(cpu: Cpu, size: number, imm: number): void {
  const sp = getSP(cpu);
  const off = readStackAt(cpu, sp, size);
  const sel = readStackAt(cpu, spPlus(cpu, sp, size), 2);
  if (realSegments(cpu)) {
    realTarget(cpu, sel, off);
    setSP(cpu, spPlus(cpu, sp, 2 * size + imm));
    return;
  }
  const d = checkReturnCode(cpu, sel);
  const rpl = sel & 3;
  if (rpl === cpu.cpl) {
    checkTargetOffset(cpu, d, off);
    commitCs(cpu, sel, d, rpl, off);
    setSP(cpu, spPlus(cpu, sp, 2 * size + imm));
    return;
  }
  const at = spPlus(cpu, sp, 2 * size + imm);
  const newSp = readStackAt(cpu, at, size);
  const ssSel = readStackAt(cpu, spPlus(cpu, at, size), 2);
  const sd = checkReturnStack(cpu, ssSel, rpl, d);
  checkTargetOffset(cpu, d, off);
  const long = (cpu.efer & EFER_LMA) !== 0;
  commitCs(cpu, sel, d, rpl, off);
  commitReturnStack(cpu, ssSel, sd, rpl);
  cpu.updateStackSize();
  if (long && size === 8) setRsp64(cpu, newSp + imm);
  else setSP(cpu, (newSp + imm) % (cpu.stackSize === 2 ? 0x10000 : TWO32));
  nullInvalidDataSegments(cpu);
}
