// Control and debug registers and cache/TLB control: MOV CRn/DRn, CLTS, LMSW, SMSW, INVLPG, INVD, WBINVD.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { effectiveOffset, memLinear, readOperand } from '../operands';
import { CR0_PE, CR0_TS, CR4_DE } from '../registers';
import { writeCr0, writeCr3, writeCr4, writeCr8 } from '../system/control-registers';
import { requireCpl0, checkUmip } from './system-tables';
import { register, registerBinder } from './registry';

const TWO32 = 4294967296;
const CANON = 140737488355328;

/** DR6 bits that always read as 1 (SDM Vol. 3 18.2.3) and DR7 bit 10. */
const DR6_FIXED1 = 0xffff0ff0 | 0;
const DR7_FIXED1 = 0x400;
const DR6_BD = 1 << 13;
const DR7_GD = 1 << 13;

function readCr(cpu: Cpu, n: number): [number, number] {
  switch (n) {
    case 0: return [cpu.cr0, 0];
    case 2: return [cpu.cr2 % TWO32 | 0, Math.floor(cpu.cr2 / TWO32) | 0];
    case 3: return [cpu.cr3 % TWO32 | 0, Math.floor(cpu.cr3 / TWO32) | 0];
    case 4: return [cpu.cr4, 0];
    case 8: return [cpu.apic ? cpu.apic.getCr8() : cpu.cr8, 0];
    default: throw new CpuFault(6);
  }
}

/** Debug-register number after CR4.DE aliasing: DR4/DR5 are DR6/DR7 unless CR4.DE makes them #UD. */
function debugRegister(cpu: Cpu, n: number): number {
  if (n === 4 || n === 5) {
    if (cpu.cr4 & CR4_DE) throw new CpuFault(6);
    return n + 2;
  }
  return n;
}

/** MOV DRn with DR7.GD set is a debug exception (fault) with DR6.BD; the processor clears GD for the handler. */
function generalDetect(cpu: Cpu): void {
  if (cpu.dr[7] & DR7_GD) {
    cpu.dr[6] = (cpu.dr[6] | DR6_BD) | 0;
    cpu.dr[7] &= ~DR7_GD;
    throw new CpuFault(1);
  }
}

registerBinder('mov', (i: Instr) => {
  if (i.k1 === OpKind.Cr) {
    return (cpu: Cpu, ins: Instr): void => {
      requireCpl0(cpu);
      const [lo, hi] = readCr(cpu, ins.r1);
      cpu.setReg(ins.r0, ins.s0, lo, ins.s0 === 8 ? hi : 0);
    };
  }
  if (i.k0 === OpKind.Cr) {
    return (cpu: Cpu, ins: Instr): void => {
      requireCpl0(cpu);
      const lo = cpu.getReg(ins.r1, ins.s1), hi = ins.s1 === 8 ? cpu.hi : 0;
      switch (ins.r0) {
        case 0: writeCr0(cpu, lo, hi); break;
        case 2: cpu.cr2 = hi * TWO32 + (lo >>> 0); if (cpu.cr2 >= 2 ** 63) cpu.cr2 -= 2 ** 64; break;
        case 3: writeCr3(cpu, lo, hi); break;
        case 4: writeCr4(cpu, lo, hi); break;
        case 8: writeCr8(cpu, lo, hi); break;
        default: throw new CpuFault(6);
      }
    };
  }
  if (i.k1 === OpKind.Dr) {
    return (cpu: Cpu, ins: Instr): void => {
      requireCpl0(cpu);
      const n = debugRegister(cpu, ins.r1);
      generalDetect(cpu);
      const v = cpu.dr[n];
      cpu.setReg(ins.r0, ins.s0, v % TWO32 | 0, ins.s0 === 8 ? Math.floor(v / TWO32) | 0 : 0);
    };
  }
  if (i.k0 === OpKind.Dr) {
    return (cpu: Cpu, ins: Instr): void => {
      requireCpl0(cpu);
      const n = debugRegister(cpu, ins.r0);
      generalDetect(cpu);
      const lo = cpu.getReg(ins.r1, ins.s1), hi = ins.s1 === 8 ? cpu.hi | 0 : 0;
      if (n < 4) {
        cpu.dr[n] = hi * TWO32 + (lo >>> 0);
      } else {
        // Bits 63:32 of DR6 and DR7 are reserved (#GP(0)).
        if (hi !== 0) throw new CpuFault(13, 0);
        if (n === 6) cpu.dr[6] = (lo | DR6_FIXED1) & ~0x1000;
        else cpu.dr[7] = ((lo | DR7_FIXED1) & ~0xd800) >>> 0;
      }
      cpu.emit('dr', n);
      cpu.debugRegistersChanged();
    };
  }
  return undefined;
});

register('clts', (cpu: Cpu): void => {
  requireCpl0(cpu);
  cpu.cr0 &= ~CR0_TS;
  cpu.emit('cr0', cpu.cr0);
});

register('lmsw', (cpu: Cpu, i: Instr): void => {
  requireCpl0(cpu);
  const v = readOperand(cpu, i, 0) & 0xf;
  // LMSW changes PE, MP, EM, TS; it can set PE but never clear it.
  writeCr0(cpu, (cpu.cr0 & ~0xe) | v | (cpu.cr0 & CR0_PE));
});

register('smsw', (cpu: Cpu, i: Instr): void => {
  checkUmip(cpu);
  if (i.k0 === OpKind.Reg) cpu.setReg(i.r0, i.s0, cpu.cr0, 0);
  else cpu.write16(memLinear(cpu, i, 2, true), cpu.cr0 & 0xffff);
});

register('invlpg', (cpu: Cpu, i: Instr): void => {
  requireCpl0(cpu);
  // The linear address goes through segmentation but no checks; a non-canonical address is a no-op.
  const off = effectiveOffset(cpu, i);
  let lin: number;
  if (cpu.bits === 64) {
    lin = i.memSeg >= 4 ? cpu.segs[i.memSeg].base + off : off;
    if (lin >= CANON || lin < -CANON) return;
  } else lin = (cpu.segs[i.memSeg].base + off) % TWO32;
  // The TLB keeps 4 KiB pieces of large pages: drop every piece of the 4 MiB region (flushing more is allowed).
  const first = Math.floor(lin / 0x400000) * 1024;
  for (let p = first; p < first + 1024; p++) cpu.tlb.flushPage(p);
  cpu.epoch++;
  cpu.emit('invlpg', lin);
});

register('invd', (cpu: Cpu): void => { requireCpl0(cpu); });
register('wbinvd', (cpu: Cpu): void => { requireCpl0(cpu); });
