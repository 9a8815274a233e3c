// DAA, DAS, AAA, AAS, AAM, AAD (BCD arithmetic, invalid in 64-bit mode) and SALC, following the SDM pseudocode.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import type { Instr } from '../instr';
import { getAF, getCF, getFlags } from '../flags';
import { AF, ARITH_FLAGS, CF, RAX } from '../registers';
import { szp } from './result-flags';
import { register } from './registry';

/** Commit AL and the flags: SF/ZF/PF from AL, CF and AF as computed, OF cleared (undefined in the SDM). */
function bcdResult(cpu: Cpu, al: number, cf: boolean, af: boolean): void {
  cpu.set8(RAX, al);
  cpu.flags = (getFlags(cpu) & ~ARITH_FLAGS) | szp(1, al & 0xff, 0) | (cf ? CF : 0) | (af ? AF : 0);
  cpu.lazy = 0;
}

register('daa', (cpu: Cpu): void => {
  const oldAl = cpu.regs[0] & 0xff, oldCf = getCF(cpu);
  let al = oldAl, cf = false, af = false;
  if ((al & 0xf) > 9 || getAF(cpu)) { al += 6; cf = oldCf || al > 0xff; al &= 0xff; af = true; }
  if (oldAl > 0x99 || oldCf) { al = (al + 0x60) & 0xff; cf = true; } else cf = false;
  bcdResult(cpu, al, cf, af);
});

register('das', (cpu: Cpu): void => {
  const oldAl = cpu.regs[0] & 0xff, oldCf = getCF(cpu);
  let al = oldAl, cf = false, af = false;
  if ((al & 0xf) > 9 || getAF(cpu)) { cf = oldCf || al < 6; al = (al - 6) & 0xff; af = true; }
  if (oldAl > 0x99 || oldCf) { al = (al - 0x60) & 0xff; cf = true; }
  bcdResult(cpu, al, cf, af);
});

register('aaa', (cpu: Cpu): void => {
  let ax = cpu.regs[0] & 0xffff;
  const adjust = (ax & 0xf) > 9 || getAF(cpu);
  if (adjust) ax = (ax + 0x106) & 0xffff;
  ax &= 0xff0f;
  cpu.set16(RAX, ax);
  // SF, ZF, PF, OF are undefined: computed from AL as QEMU does, OF cleared.
  cpu.flags = (getFlags(cpu) & ~ARITH_FLAGS) | szp(1, ax & 0xff, 0) | (adjust ? CF | AF : 0);
  cpu.lazy = 0;
});

register('aas', (cpu: Cpu): void => {
  let ax = cpu.regs[0] & 0xffff;
  const adjust = (ax & 0xf) > 9 || getAF(cpu);
  if (adjust) { ax = (ax - 6) & 0xffff; ax = (ax - 0x100) & 0xffff; }
  ax &= 0xff0f;
  cpu.set16(RAX, ax);
  cpu.flags = (getFlags(cpu) & ~ARITH_FLAGS) | szp(1, ax & 0xff, 0) | (adjust ? CF | AF : 0);
  cpu.lazy = 0;
});

register('aam', (cpu: Cpu, i: Instr): void => {
  const base = i.immLo & 0xff;
  if (base === 0) throw new CpuFault(0);
  const al = cpu.regs[0] & 0xff;
  const r = al % base;
  cpu.set16(RAX, (Math.floor(al / base) << 8) | r);
  // SF, ZF, PF from AL; OF, AF, CF undefined (cleared).
  cpu.flags = (getFlags(cpu) & ~ARITH_FLAGS) | szp(1, r, 0);
  cpu.lazy = 0;
});

register('aad', (cpu: Cpu, i: Instr): void => {
  const base = i.immLo & 0xff;
  const ax = cpu.regs[0];
  const al = ((ax & 0xff) + ((ax >> 8) & 0xff) * base) & 0xff;
  cpu.set16(RAX, al);
  cpu.flags = (getFlags(cpu) & ~ARITH_FLAGS) | szp(1, al, 0);
  cpu.lazy = 0;
});

// SALC (undocumented D6): AL = CF ? FFh : 00h, flags unchanged.
register('salc', (cpu: Cpu): void => { cpu.set8(RAX, getCF(cpu) ? 0xff : 0); });
