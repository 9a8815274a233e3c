// SYSCALL/SYSRET (IA32_STAR/LSTAR/SFMASK) and SYSENTER/SYSEXIT (IA32_SYSENTER_CS/ESP/EIP): ring transitions without descriptor reads.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { Seg } from '../instr';
import { getFlags } from '../flags';
import { CR0_PE, EFER_LMA, EFER_SCE, FLAGS_FIXED1, IF, RCX, RDX, R11, RF, RSP, VM } from '../registers';
import { flatCodeAttr, flatDataAttr, loadFlat } from './segment-load';

const TWO32 = 4294967296;
const CANON = 140737488355328;

function reg64(cpu: Cpu, r: number): number { return (cpu.regs[(r << 1) + 1] | 0) * TWO32 + (cpu.regs[r << 1] >>> 0); }
function setReg64(cpu: Cpu, r: number, v: number): void { cpu.regs[r << 1] = v % TWO32 | 0; cpu.regs[(r << 1) + 1] = Math.floor(v / TWO32) | 0; }

/**
 * SYSCALL (Intel): 64-bit mode with EFER.SCE only (#UD otherwise). RCX = next RIP, R11 = RFLAGS,
 * RFLAGS &= ~IA32_FMASK (and RF), CS/SS from STAR[47:32] as flat ring-0 segments, RIP = LSTAR.
 */
export function syscall(cpu: Cpu): void {
  if (!(cpu.efer & EFER_SCE) || cpu.bits !== 64) throw new CpuFault(6);
  const flags = getFlags(cpu);
  setReg64(cpu, RCX, cpu.rip);
  cpu.set64(R11, flags & ~RF, 0);
  const sel = (cpu.star[1] & 0xffff);
  loadFlat(cpu.segs[Seg.CS], sel & 0xfffc, flatCodeAttr(0, true));
  loadFlat(cpu.segs[Seg.SS], (sel + 8) & 0xfffc, flatDataAttr(0));
  cpu.flags = (flags & ~cpu.sfmask & ~RF) | FLAGS_FIXED1;
  cpu.lazy = 0;
  cpu.rip = cpu.lstar;
  cpu.updateMode();
  cpu.emit('syscall');
}

/**
 * SYSRET: 64-bit mode, EFER.SCE (#UD), CPL 0 (#GP(0)). REX.W returns to 64-bit mode (CS =
 * STAR[63:48]+16), else to compatibility mode (CS = STAR[63:48]); SS = STAR[63:48]+8; RFLAGS from
 * R11. A non-canonical RCX is #GP(0) raised in ring 0 (Intel).
 */
export function sysret(cpu: Cpu, size: number): void {
  if (!(cpu.efer & EFER_SCE) || cpu.bits !== 64) throw new CpuFault(6);
  if (cpu.cpl !== 0) throw new CpuFault(13, 0);
  const base = (cpu.star[1] >>> 16) & 0xffff;
  let rip: number;
  if (size === 8) {
    rip = reg64(cpu, RCX);
    if (rip >= CANON || rip < -CANON) throw new CpuFault(13, 0);
    loadFlat(cpu.segs[Seg.CS], ((base + 16) & 0xfffc) | 3, flatCodeAttr(3, true));
  } else {
    rip = cpu.regs[RCX << 1] >>> 0;
    loadFlat(cpu.segs[Seg.CS], (base & 0xfffc) | 3, flatCodeAttr(3, false));
  }
  loadFlat(cpu.segs[Seg.SS], ((base + 8) & 0xfffc) | 3, flatDataAttr(3));
  cpu.flags = (cpu.regs[R11 << 1] & 0x3c7fd7) | FLAGS_FIXED1;
  cpu.lazy = 0;
  cpu.rip = rip;
  cpu.updateMode();
  cpu.emit('sysret');
  cpu.attention();
}

/**
 * SYSENTER: protected mode with a non-null IA32_SYSENTER_CS (#GP(0)). Clears VM, IF, RF; CS =
 * SYSENTER_CS (64-bit code when IA-32e mode is active), SS = CS + 8, RSP/RIP from the MSRs.
 */
export function sysenter(cpu: Cpu): void {
  if (!(cpu.cr0 & CR0_PE) || (cpu.sysenterCs & 0xfffc) === 0) throw new CpuFault(13, 0);
  const long = (cpu.efer & EFER_LMA) !== 0;
  const flags = getFlags(cpu);
  cpu.flags = flags & ~(VM | IF | RF);
  cpu.lazy = 0;
  const cs = cpu.sysenterCs & 0xfffc;
  loadFlat(cpu.segs[Seg.CS], cs, flatCodeAttr(0, long));
  loadFlat(cpu.segs[Seg.SS], cs + 8, flatDataAttr(0));
  if (long) { setReg64(cpu, RSP, cpu.sysenterEsp); cpu.rip = cpu.sysenterEip; }
  else { cpu.set32(RSP, cpu.sysenterEsp % TWO32); cpu.rip = (cpu.sysenterEip % TWO32 + TWO32) % TWO32; }
  cpu.updateMode();
  cpu.updateStackSize();
  cpu.emit('syscall', 1);
}

/**
 * SYSEXIT: CPL 0 in protected mode with a non-null SYSENTER_CS (#GP(0)). To 32-bit code: CS =
 * SYSENTER_CS+16, SS = +24, ESP = ECX, EIP = EDX. With REX.W (64-bit): CS = +32, SS = +40,
 * RSP = RCX, RIP = RDX (both must be canonical, #GP(0)).
 */
export function sysexit(cpu: Cpu, size: number): void {
  if (!(cpu.cr0 & CR0_PE) || (cpu.flags & VM) || cpu.cpl !== 0 || (cpu.sysenterCs & 0xfffc) === 0) throw new CpuFault(13, 0);
  const base = cpu.sysenterCs & 0xfffc;
  if (size === 8) {
    const rip = reg64(cpu, RDX), rsp = reg64(cpu, RCX);
    if (rip >= CANON || rip < -CANON || rsp >= CANON || rsp < -CANON) throw new CpuFault(13, 0);
    loadFlat(cpu.segs[Seg.CS], (base + 32) | 3, flatCodeAttr(3, true));
    loadFlat(cpu.segs[Seg.SS], (base + 40) | 3, flatDataAttr(3));
    setReg64(cpu, RSP, rsp);
    cpu.rip = rip;
  } else {
    loadFlat(cpu.segs[Seg.CS], (base + 16) | 3, flatCodeAttr(3, false));
    loadFlat(cpu.segs[Seg.SS], (base + 24) | 3, flatDataAttr(3));
    cpu.set32(RSP, cpu.regs[RCX << 1]);
    cpu.rip = cpu.regs[RDX << 1] >>> 0;
  }
  cpu.updateMode();
  cpu.updateStackSize();
  cpu.emit('sysret', 1);
  cpu.attention();
}
