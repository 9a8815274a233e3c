// PUSHF/POPF (with the CPL, IOPL and virtual-8086 rules of the SDM), LAHF and SAHF.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import type { Instr } from '../instr';
import { getFlags } from '../flags';
import { pop, push } from '../stack';
import {
  AC, AF, CF, CR0_PE, DF, FLAGS_FIXED1, ID, IF, IOPL, NT, OF, PF, RAX, RF, SF, TF, VM, ZF,
} from '../registers';
import { register } from './registry';

const iopl = (cpu: Cpu): number => (cpu.flags >> 12) & 3;

register(['pushf', 'pushfd', 'pushfq'], (cpu: Cpu, i: Instr): void => {
  // Virtual-8086 mode with IOPL < 3 traps to the monitor (no VME support).
  if ((cpu.flags & VM) && iopl(cpu) < 3) throw new CpuFault(13, 0);
  // The image has VM and RF cleared (SDM PUSHF).
  const image = getFlags(cpu) & ~(VM | RF);
  push(cpu, i.osize, i.osize === 2 ? image & 0xffff : image, 0);
});

/** Flags POPF may ever change; VM, VIF, VIP and the reserved bits are never changed by it. */
const POPF_BASE = CF | PF | AF | ZF | SF | TF | IF | DF | OF | IOPL | NT | AC | ID;

register(['popf', 'popfd', 'popfq'], (cpu: Cpu, i: Instr): void => {
  const os = i.osize;
  let mask = POPF_BASE;
  if (cpu.flags & VM) {
    if (iopl(cpu) < 3) throw new CpuFault(13, 0);
    mask &= ~IOPL;
  } else if ((cpu.cr0 & CR0_PE) && cpu.cpl > 0) {
    // IOPL changes only at CPL 0; IF only when CPL <= IOPL. Neither case faults.
    mask &= ~IOPL;
    if (cpu.cpl > iopl(cpu)) mask &= ~IF;
  }
  if (os === 2) mask &= 0xffff;
  const v = pop(cpu, os);
  const old = getFlags(cpu);
  let f = (old & ~mask) | (v & mask) | FLAGS_FIXED1;
  if (os !== 2) f &= ~RF;
  cpu.flags = f;
  cpu.lazy = 0;
  // TF or IF may have changed: let the run loop re-examine traps and interrupts.
  if ((old ^ f) & (TF | IF)) cpu.attention();
});

// LAHF/SAHF move SF:ZF:0:AF:0:PF:1:CF between AH and the low flags byte (valid in 64-bit mode: CPUID.80000001H:ECX.LAHF-SAHF = 1).
register('lahf', (cpu: Cpu): void => {
  cpu.set8(16 /* AH */, (getFlags(cpu) & (SF | ZF | AF | PF | CF)) | FLAGS_FIXED1);
});
register('sahf', (cpu: Cpu): void => {
  const ah = (cpu.regs[RAX << 1] >> 8) & 0xff;
  const m = SF | ZF | AF | PF | CF;
  cpu.flags = (getFlags(cpu) & ~m) | (ah & m);
  cpu.lazy = 0;
});
