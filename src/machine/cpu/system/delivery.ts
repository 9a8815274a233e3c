// Interrupt and exception delivery through the IVT, the 32-bit IDT and the 64-bit IDT, with #DF and triple fault.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { Seg } from '../instr';
import { getFlags } from '../flags';
import { AC, EFER_LMA, CR0_PE, IF, NT, RF, TF, VM, RSP, EXCEPTION_NAMES } from '../registers';
import { SEG_DB, SEG_L } from '../segment';
import { descDpl, descIsCode, descPresent, loadCache, readDescriptor, descS } from './descriptor';
import { getSP, setSP } from '../stack';

/** Kind of event being delivered; decides the EXT bit, gate DPL checks and the return address. */
export const EVT_EXCEPTION = 0;   // processor-detected exception (EXT = 1)
export const EVT_EXTERNAL = 1;    // maskable hardware interrupt (EXT = 1)
export const EVT_SOFTWARE = 2;    // INT n (EXT = 0, gate DPL checked)
export const EVT_SOFT_EXCEPTION = 3; // INT3, INTO (EXT = 0, gate DPL checked)
export const EVT_INT1 = 4;        // INT1 / ICEBP (EXT = 1, no DPL check)
export const EVT_NMI = 5;

const TWO32 = 4294967296;
const CANON = 140737488355328;

/** Fault-class vectors other than #DB (whose faults are instruction breakpoints and DR7.GD). */
const FAULT_CLASS = (1 << 0) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 10) | (1 << 11) | (1 << 12) | (1 << 13) | (1 << 14) | (1 << 16) | (1 << 17) | (1 << 19) | (1 << 20);
/** RF bit to OR into the pushed RFLAGS image of the delivery in progress. */
let rfImage = 0;

const BENIGN = 0, CONTRIBUTORY = 1, PAGE_FAULT = 2;
function exceptionClass(v: number): number {
  if (v === 0 || (v >= 10 && v <= 13)) return CONTRIBUTORY;
  if (v === 14) return PAGE_FAULT;
  return BENIGN;
}

function describe(cpu: Cpu, v: number, e: number, kind: number): string {
  const name = kind === EVT_EXTERNAL ? `IRQ vector 0x${v.toString(16)}` : kind === EVT_SOFTWARE ? `int 0x${v.toString(16)}` : (EXCEPTION_NAMES[v] ?? `vector 0x${v.toString(16)}`);
  const ec = e >= 0 ? ` error code 0x${e.toString(16)}` : '';
  const cr2 = v === 14 && kind === EVT_EXCEPTION ? ` cr2=0x${cr2Hex(cpu.cr2)}` : '';
  return `${name}${ec}${cr2} at ${cpu.segs[Seg.CS].selector.toString(16).padStart(4, '0')}:${ripHex(cpu.rip)}`;
}
function cr2Hex(v: number): string { return ripHex(v); }
function ripHex(v: number): string { return (v < 0 ? v + 2 ** 64 : v).toString(16); }

/**
 * Deliver an event. A fault while delivering is combined with the first as the SDM's
 * double-fault table says (contributory+contributory or page fault+contributory/page fault
 * gives #DF; anything during #DF delivery is a triple fault, which stops the machine with
 * `cpu.tripleFault` holding the chain).
 */
export function deliverEvent(cpu: Cpu, vector: number, errorCode: number, kind: number, faultClass = false): void {
  const chain: string[] = [];
  let v = vector, e = errorCode, k = kind;
  for (let guard = 0; guard < 8; guard++) {
    chain.push(describe(cpu, v, e, k));
    // A fault-class exception pushes RFLAGS with RF = 1, so that the faulting instruction, when
    // restarted by IRET, does not hit its own instruction breakpoint again (SDM Vol. 3 18.3.1.1).
    rfImage = guard === 0 ? (faultClass ? RF : 0) : (((FAULT_CLASS >> v) & 1) !== 0 && k === EVT_EXCEPTION ? RF : 0);
    try {
      deliverOnce(cpu, v, e, k);
      return;
    } catch (f) {
      if (!(f instanceof CpuFault)) throw f;
      if (f.vector === 14) cpu.cr2 = f.address;
      // A fault while delivering INT n / INT3 / INTO / INT1 is a fault of that instruction: it returns to it.
      if (k === EVT_SOFTWARE || k === EVT_SOFT_EXCEPTION || k === EVT_INT1) cpu.rip = cpu.curRip;
      if (k !== EVT_EXCEPTION && k !== EVT_SOFT_EXCEPTION && k !== EVT_INT1) {
        // Fault while delivering an interrupt: handled serially.
        v = f.vector; e = f.errorCode; k = EVT_EXCEPTION;
        continue;
      }
      if (v === 8) { chain.push(describe(cpu, f.vector, f.errorCode, EVT_EXCEPTION)); break; }
      const c1 = exceptionClass(v), c2 = exceptionClass(f.vector);
      if ((c1 === CONTRIBUTORY && c2 === CONTRIBUTORY) || (c1 === PAGE_FAULT && c2 !== BENIGN)) {
        chain.push(describe(cpu, f.vector, f.errorCode, EVT_EXCEPTION));
        v = 8; e = 0; k = EVT_EXCEPTION;
      } else {
        v = f.vector; e = f.errorCode; k = EVT_EXCEPTION;
      }
    }
  }
  cpu.tripleFault = chain;
  cpu.emit('triple-fault');
}

function deliverOnce(cpu: Cpu, v: number, e: number, kind: number): void {
  if (!(cpu.cr0 & CR0_PE)) return deliverReal(cpu, v);
  if (cpu.efer & EFER_LMA) return deliverLong(cpu, v, e, kind);
  return deliverProtected(cpu, v, e, kind);
}

function deliverReal(cpu: Cpu, v: number): void {
  if (v * 4 + 3 > cpu.idtrLimit) throw new CpuFault(13, 0);
  const ip = cpu.readSys(cpu.idtrBase + v * 4, 2);
  const cs = cpu.readSys(cpu.idtrBase + v * 4 + 2, 2);
  const flags = getFlags(cpu);
  const ss = cpu.segs[Seg.SS];
  let sp = getSP(cpu);
  const wrap = cpu.stackSize === 4 ? (x: number) => x >>> 0 : (x: number) => x & 0xffff;
  const items = [flags & 0xffff, cpu.segs[Seg.CS].selector, cpu.rip & 0xffff];
  for (const it of items) { sp = wrap(sp - 2); cpu.writeSys((ss.base + sp) % TWO32, 2, it); }
  setSP(cpu, sp);
  cpu.flags = flags & ~(IF | TF | AC | RF);
  cpu.lazy = 0;
  cpu.segs[Seg.CS].loadReal(cs);
  cpu.rip = ip;
  cpu.updateMode();
}

/** Target code segment checks common to 32- and 64-bit gates. Returns the descriptor and the new CPL. */
function gateTarget(cpu: Cpu, sel: number, ext: number) {
  if ((sel & 0xfffc) === 0) throw new CpuFault(13, ext);
  const d = readDescriptor(cpu, sel, false, 13, ext);
  const dpl = descDpl(d.hi);
  if (!descIsCode(d.hi) || dpl > cpu.cpl) throw new CpuFault(13, (sel & 0xfffc) | ext);
  if (!descPresent(d.hi)) throw new CpuFault(11, (sel & 0xfffc) | ext);
  const conforming = (d.hi & 0x400) !== 0;
  return { d, newCpl: conforming ? cpu.cpl : dpl };
}

function readGate(cpu: Cpu, v: number, size: number, kind: number, ext: number) {
  const idtErr = v * 8 + 2 + ext;
  if (v * size + size - 1 > cpu.idtrLimit) throw new CpuFault(13, idtErr);
  const a = cpu.idtrBase + v * size;
  const lo = cpu.readSys(a, 4), hi = cpu.readSys(cpu.linAdd(a, 4), 4);
  const hi2 = size === 16 ? cpu.readSys(cpu.linAdd(a, 8), 4) : 0;
  const type = (hi >>> 8) & 0x1f;
  return { lo, hi, hi2, type, idtErr, soft: kind === EVT_SOFTWARE || kind === EVT_SOFT_EXCEPTION };
}

function deliverLong(cpu: Cpu, v: number, e: number, kind: number): void {
  const ext = kind === EVT_SOFTWARE || kind === EVT_SOFT_EXCEPTION ? 0 : 1;
  const g = readGate(cpu, v, 16, kind, ext);
  if (g.type !== 0x0e && g.type !== 0x0f) throw new CpuFault(13, g.idtErr);
  if (g.soft && descDpl(g.hi) < cpu.cpl) throw new CpuFault(13, g.idtErr);
  if (!descPresent(g.hi)) throw new CpuFault(11, g.idtErr);
  const sel = g.lo >>> 16;
  const offset = (g.hi2 | 0) * TWO32 + (((g.hi & 0xffff0000) | (g.lo & 0xffff)) >>> 0);
  const ist = g.hi & 7;
  const { d, newCpl } = gateTarget(cpu, sel, ext);
  if (!(d.hi & (SEG_L << 8)) || (d.hi & (SEG_DB << 8))) throw new CpuFault(13, (sel & 0xfffc) | ext);
  if (offset >= CANON || offset < -CANON) throw new CpuFault(13, ext);
  let rsp: number;
  const changing = newCpl < cpu.cpl;
  if (ist !== 0 || changing) {
    const off = ist !== 0 ? 0x24 + 8 * (ist - 1) : 4 + 8 * newCpl;
    if (off + 7 > cpu.tr.limit) throw new CpuFault(10, (cpu.tr.selector & 0xfffc) | ext);
    const lo = cpu.readSys(cpu.tr.base + off, 4), hi = cpu.readSys(cpu.tr.base + off + 4, 4);
    rsp = (hi | 0) * TWO32 + (lo >>> 0);
    if (rsp >= CANON || rsp < -CANON) throw new CpuFault(12, ext);
  } else {
    rsp = cpu.regs[RSP << 1 | 1] * TWO32 + (cpu.regs[RSP << 1] >>> 0);
  }
  rsp = rsp - (((rsp % 16) + 16) % 16);
  const flags = getFlags(cpu);
  const frame = [cpu.segs[Seg.SS].selector, cpu.regs[RSP << 1 | 1] * TWO32 + (cpu.regs[RSP << 1] >>> 0), flags | rfImage, cpu.segs[Seg.CS].selector, cpu.rip];
  if (e >= 0) frame.push(e);
  const user = newCpl === 3;
  let sp = rsp;
  for (const item of frame) {
    sp -= 8;
    if (sp >= CANON || sp < -CANON) throw new CpuFault(12, ext);
    cpu.writeSlow(sp, 4, item | 0, user);
    cpu.writeSlow(sp + 4, 4, Math.floor(item / TWO32) | 0, user);
  }
  // Commit.
  if (changing) {
    const ss = cpu.segs[Seg.SS];
    ss.selector = newCpl; ss.base = 0; ss.limit = 0; ss.attr = newCpl << 5; ss.valid = true;
  }
  loadCache(cpu.segs[Seg.CS], (sel & 0xfffc) | newCpl, d.lo, d.hi);
  cpu.regs[RSP << 1] = sp | 0; cpu.regs[RSP << 1 | 1] = Math.floor(sp / TWO32) | 0;
  cpu.flags = flags & ~(TF | NT | RF | VM | (g.type === 0x0e ? IF : 0));
  cpu.lazy = 0;
  cpu.rip = offset;
  cpu.updateMode();
}

function deliverProtected(cpu: Cpu, v: number, e: number, kind: number): void {
  const ext = kind === EVT_SOFTWARE || kind === EVT_SOFT_EXCEPTION ? 0 : 1;
  const g = readGate(cpu, v, 8, kind, ext);
  const t = g.type;
  if (t === 0x05) throw new CpuFault(13, g.idtErr); // task gates: task switching is not modelled yet
  if (t !== 0x06 && t !== 0x07 && t !== 0x0e && t !== 0x0f) throw new CpuFault(13, g.idtErr);
  if (g.soft && descDpl(g.hi) < cpu.cpl) throw new CpuFault(13, g.idtErr);
  if (!descPresent(g.hi)) throw new CpuFault(11, g.idtErr);
  const gate32 = (t & 8) !== 0;
  const sel = g.lo >>> 16;
  const offset = gate32 ? (((g.hi & 0xffff0000) | (g.lo & 0xffff)) >>> 0) : g.lo & 0xffff;
  const { d, newCpl } = gateTarget(cpu, sel, ext);
  const flags = getFlags(cpu);
  const v86 = (flags & VM) !== 0;
  // From virtual-8086 mode only a ring-0, non-conforming handler may run (SDM Vol. 3 20.3.1.1).
  if (v86 && newCpl !== 0) throw new CpuFault(13, (sel & 0xfffc) | ext);
  const itemSize = gate32 ? 4 : 2;
  const oldSS = cpu.segs[Seg.SS].selector, oldSP = getSP(cpu);
  let ssBase: number, sp: number, spMask: number, newSS: { lo: number; hi: number; sel: number } | null = null;
  if (newCpl < cpu.cpl) {
    // Inner-level stack from the TSS.
    const tss32 = (cpu.tr.attr & 8) !== 0;
    const off = tss32 ? 4 + 8 * newCpl : 2 + 4 * newCpl;
    const need = tss32 ? off + 5 : off + 3;
    if (need > cpu.tr.limit) throw new CpuFault(10, (cpu.tr.selector & 0xfffc) | ext);
    const nsp = tss32 ? cpu.readSys(cpu.tr.base + off, 4) >>> 0 : cpu.readSys(cpu.tr.base + off, 2);
    const nss = cpu.readSys(cpu.tr.base + off + (tss32 ? 4 : 2), 2);
    if ((nss & 0xfffc) === 0) throw new CpuFault(10, ext);
    const sd = readDescriptor(cpu, nss, false, 10, ext);
    if ((nss & 3) !== newCpl || descDpl(sd.hi) !== newCpl || !descS(sd.hi) || descIsCode(sd.hi) || !(sd.hi & 0x200)) throw new CpuFault(10, (nss & 0xfffc) | ext);
    if (!descPresent(sd.hi)) throw new CpuFault(12, (nss & 0xfffc) | ext);
    newSS = { lo: sd.lo, hi: sd.hi, sel: nss };
    ssBase = (((sd.lo >>> 16) | ((sd.hi & 0xff) << 16) | (sd.hi & 0xff000000)) >>> 0);
    spMask = sd.hi & (SEG_DB << 8) ? 0xffffffff : 0xffff;
    sp = nsp & spMask;
  } else {
    ssBase = cpu.segs[Seg.SS].base;
    spMask = cpu.stackSize === 4 ? 0xffffffff : 0xffff;
    sp = oldSP;
  }
  const frame: number[] = [];
  // Leaving virtual-8086 mode also saves the real-mode data segment registers (GS first).
  if (v86) frame.push(cpu.segs[Seg.GS].selector, cpu.segs[Seg.FS].selector, cpu.segs[Seg.DS].selector, cpu.segs[Seg.ES].selector);
  if (newSS) frame.push(oldSS, oldSP);
  frame.push(flags | rfImage, cpu.segs[Seg.CS].selector, cpu.rip);
  if (e >= 0) frame.push(e);
  const user = newCpl === 3;
  for (const item of frame) {
    sp = ((sp - itemSize) >>> 0) & spMask;
    cpu.writeSlow((ssBase + sp) % TWO32, itemSize, itemSize === 2 ? item & 0xffff : item, user);
  }
  if (newSS) loadCache(cpu.segs[Seg.SS], newSS.sel, newSS.lo, newSS.hi);
  loadCache(cpu.segs[Seg.CS], (sel & 0xfffc) | newCpl, d.lo, d.hi);
  if (v86) for (const s of [Seg.ES, Seg.DS, Seg.FS, Seg.GS]) { const c = cpu.segs[s]; c.selector = 0; c.base = 0; c.limit = 0; c.attr = 0; c.valid = false; }
  cpu.updateStackSize();
  if (spMask === 0xffff) cpu.set16(RSP, sp); else cpu.set32(RSP, sp);
  cpu.flags = flags & ~(TF | NT | RF | VM | ((t & 1) === 0 ? IF : 0));
  cpu.lazy = 0;
  cpu.rip = offset;
  cpu.updateMode();
}
