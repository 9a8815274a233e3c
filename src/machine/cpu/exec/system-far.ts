// Far control transfers and software interrupts: JMP/CALL far, RET far, IRET/IRETD/IRETQ, INT n, INT3, INTO, INT1.
import { type Cpu, Stop } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { memLinear } from '../operands';
import { getOF } from '../flags';
import { IOPL, RF, VM } from '../registers';
import { farCall, farJump, farReturn } from '../system/far-transfer';
import { iret } from '../system/iret';
import { EVT_INT1, EVT_SOFT_EXCEPTION, EVT_SOFTWARE } from '../system/delivery';
import { register, registerBinder } from './registry';

const TWO32 = 4294967296;

/** Selector and offset of a far operand: ptr16:16/32 immediate or m16:16/32/64 in memory. */
function farOperand(cpu: Cpu, i: Instr): [number, number] {
  if (i.k0 === OpKind.Far) return [i.imm2 & 0xffff, i.osize === 2 ? i.immLo & 0xffff : i.immLo >>> 0];
  const size = i.s0 - 2;
  const lin = memLinear(cpu, i, size + 2, false);
  const lo = cpu.readSized(lin, size);
  const off = size === 8 ? (cpu.hi | 0) * TWO32 + (lo >>> 0) : size === 4 ? lo >>> 0 : lo & 0xffff;
  const sel = cpu.read16(cpu.linAdd(lin, size));
  return [sel, off];
}

/** JMP/CALL with a far operand: EA/9A (ptr) or FF /5 and FF /3 (memory). */
function isFar(i: Instr, ext: number): boolean {
  return i.k0 === OpKind.Far || (i.k0 === OpKind.Mem && i.opcode === 0xff && i.map === 0 && ((i.modrm >> 3) & 7) === ext);
}

registerBinder('jmp', (i: Instr) => {
  if (!isFar(i, 5)) return undefined;
  return (cpu: Cpu, ins: Instr): void => { const [sel, off] = farOperand(cpu, ins); farJump(cpu, sel, off); };
});
registerBinder('call', (i: Instr) => {
  if (!isFar(i, 3)) return undefined;
  return (cpu: Cpu, ins: Instr): void => {
    const [sel, off] = farOperand(cpu, ins);
    farCall(cpu, sel, off, ins.k0 === OpKind.Far ? ins.osize : ins.s0 - 2);
  };
});

register('retf', (cpu: Cpu, i: Instr): void => {
  farReturn(cpu, i.osize, i.k0 === OpKind.Imm ? i.immLo & 0xffff : 0);
});

register(['iret', 'iretd', 'iretq'], (cpu: Cpu, i: Instr): void => {
  iret(cpu, i.osize);
  // IRET ends NMI blocking, and an RF it loads must survive until the instruction it returns to has run.
  cpu.nmiBlocked = false;
  if (cpu.flags & RF) cpu.rfLoaded = true;
});

/** Deliver a software interrupt now (RIP already points past the instruction); stop on a triple fault. */
function softInterrupt(cpu: Cpu, vector: number, kind: number): void {
  cpu.deliver(vector, -1, kind);
  if (cpu.tripleFault) { cpu.stopReason = Stop.TripleFault; cpu.limit = 0; }
}

register('int', (cpu: Cpu, i: Instr): void => {
  // Virtual-8086 mode without VME: INT n is IOPL-sensitive.
  if ((cpu.flags & VM) && (cpu.flags & IOPL) !== IOPL) throw new CpuFault(13, 0);
  softInterrupt(cpu, i.immLo & 0xff, EVT_SOFTWARE);
});
register('int3', (cpu: Cpu): void => softInterrupt(cpu, 3, EVT_SOFT_EXCEPTION));
register('into', (cpu: Cpu): void => { if (getOF(cpu)) softInterrupt(cpu, 4, EVT_SOFT_EXCEPTION); });
register('int1', (cpu: Cpu): void => softInterrupt(cpu, 1, EVT_INT1));
