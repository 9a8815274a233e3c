// IRET/IRETD/IRETQ: real mode, virtual-8086 mode, same level, outer level, 64-bit (always popping SS:RSP) and return to virtual-8086 mode.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { Seg } from '../instr';
import { getFlags } from '../flags';
import { getSP, setSP, readStackAt, spPlus } from '../stack';
import {
  AC, AF, CF, CR0_PE, DF, EFER_LMA, FLAGS_FIXED1, ID, IF, IOPL, NT, OF, PF, RF, RSP, SF, TF, VIF, VIP, VM, ZF,
} from '../registers';
import { SEG_P, SEG_S } from '../segment';
import { checkReturnCode, checkReturnStack, checkTargetOffset, commitCs, commitReturnStack } from './far-transfer';
import { nullInvalidDataSegments } from './segment-load';

const TWO32 = 4294967296;


/** Flags IRET may change whatever the privilege (the rest depends on CPL and IOPL). */
const ALWAYS = CF | PF | AF | ZF | SF | TF | DF | OF | NT;

function setFlags(cpu: Cpu, f: number): void {
  cpu.flags = (f | FLAGS_FIXED1) & ~0x8028;
  cpu.lazy = 0;
}

/** Execute IRET with operand size `size` (2, 4 or 8). */
export function iret(cpu: Cpu, size: number): void {
  const old = getFlags(cpu);
  if (!(cpu.cr0 & CR0_PE)) { iretReal(cpu, size, old, true); return; }
  if (old & VM) {
    // Virtual-8086 mode without VME: IRET is IOPL-sensitive and never changes IOPL.
    if (((old & IOPL) >> 12) < 3) throw new CpuFault(13, 0);
    iretReal(cpu, size, old, false);
    return;
  }
  const long = (cpu.efer & EFER_LMA) !== 0;
  if (old & NT) {
    // Nested task return (task switch through the TSS back link) is not modelled: #GP(0), as IA-32e mode requires.
    throw new CpuFault(13, 0);
  }
  const sp = getSP(cpu);
  const ip = readStackAt(cpu, sp, size);
  const sel = readStackAt(cpu, spPlus(cpu, sp, size), 2);
  const f = readStackAt(cpu, spPlus(cpu, sp, 2 * size), size) % TWO32;
  if ((f & VM) && cpu.cpl === 0 && size === 4 && !long) { iretToV86(cpu, sp, ip, sel, f); return; }
  const d = checkReturnCode(cpu, sel);
  const rpl = sel & 3;
  const outer = rpl > cpu.cpl || cpu.bits === 64;
  let newSp = 0, ssSel = 0, sd = null;
  if (outer) {
    newSp = readStackAt(cpu, spPlus(cpu, sp, 3 * size), size);
    ssSel = readStackAt(cpu, spPlus(cpu, sp, 4 * size), 2);
    sd = checkReturnStack(cpu, ssSel, rpl, d);
  }
  checkTargetOffset(cpu, d, ip);
  // The flags the old privilege level may change.
  let mask = ALWAYS;
  if (size >= 4) mask |= RF | AC | ID;
  const cpl = cpu.cpl, iopl = (old & IOPL) >> 12;
  if (cpl <= iopl) mask |= IF;
  if (cpl === 0) { mask |= IOPL; if (size >= 4) mask |= VIF | VIP; }
  if (size === 2) mask &= 0xffff;
  const wasOuter = rpl > cpl;
  commitCs(cpu, sel, d, rpl, ip);
  setFlags(cpu, (old & ~mask) | (f & mask));
  if (outer) {
    commitReturnStack(cpu, ssSel, sd, rpl);
    cpu.updateStackSize();
    if (long && size === 8) { cpu.regs[RSP << 1] = newSp % TWO32 | 0; cpu.regs[(RSP << 1) + 1] = Math.floor(newSp / TWO32) | 0; }
    else if (cpu.stackSize === 2) cpu.set16(RSP, newSp);
    else cpu.set32(RSP, newSp);
    if (wasOuter) nullInvalidDataSegments(cpu);
  } else {
    setSP(cpu, spPlus(cpu, sp, 3 * size));
  }
  cpu.updateMode();
  cpu.emit('iret');
  cpu.attention();
}

/** Real-address mode (and virtual-8086 mode with IOPL 3) IRET. */
function iretReal(cpu: Cpu, size: number, old: number, real: boolean): void {
  const sp = getSP(cpu);
  const ip = readStackAt(cpu, sp, size);
  const sel = readStackAt(cpu, spPlus(cpu, sp, size), 2);
  const f = readStackAt(cpu, spPlus(cpu, sp, 2 * size), size) % TWO32;
  const cs = cpu.segs[Seg.CS];
  if (ip > cs.limit) throw new CpuFault(13, 0);
  let nf: number;
  if (size === 2) nf = (old & 0xffff0000) | (f & 0xffff);
  else nf = (f & 0x257fd5) | (old & 0x1a0000);
  if (!real) nf = (nf & ~IOPL) | (old & IOPL);
  setSP(cpu, spPlus(cpu, sp, 3 * size));
  cs.loadReal(sel);
  if (!real) { cs.limit = 0xffff; cs.attr = SEG_P | SEG_S | 0xb | (3 << 5); }
  cpu.rip = ip;
  setFlags(cpu, nf);
  cpu.updateMode();
  cpu.emit('iret');
  cpu.attention();
}

/** IRETD at CPL 0 with VM set in the popped EFLAGS: enter virtual-8086 mode (pops ESP, SS, ES, DS, FS, GS). */
function iretToV86(cpu: Cpu, sp: number, ip: number, sel: number, f: number): void {
  const vals: number[] = [];
  for (let k = 3; k < 9; k++) vals.push(readStackAt(cpu, spPlus(cpu, sp, 4 * k), 4));
  const [esp, ss, es, ds, fs, gs] = vals;
  setFlags(cpu, f);
  const load = (s: number, v: number) => {
    const c = cpu.segs[s];
    c.loadReal(v & 0xffff);
    c.limit = 0xffff;
    c.attr = SEG_P | SEG_S | (s === Seg.CS ? 0xb : 0x3) | (3 << 5);
  };
  load(Seg.CS, sel); load(Seg.SS, ss); load(Seg.ES, es); load(Seg.DS, ds); load(Seg.FS, fs); load(Seg.GS, gs);
  cpu.set32(RSP, esp);
  cpu.rip = ip & 0xffff;
  cpu.updateMode();
  cpu.updateStackSize();
  cpu.emit('iret');
  cpu.attention();
}
