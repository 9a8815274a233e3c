// Near branches: JMP, Jcc, JrCXZ, LOOPcc, CALL and RET within the current code segment.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind, Seg } from '../instr';
import { testCC } from '../flags';
import { readOperand } from '../operands';
import { pop, push, getSP, setSP, spPlus } from '../stack';
import { RCX } from '../registers';
import { register, registerBinder } from './registry';
import { CONDITION_CODES as CC_NAMES } from '../../../isa/table-onebyte';

const CANON = 140737488355328;
const TWO32 = 4294967296;

/** Jump to `target` (an offset in CS, already wrapped to the operand size), with the mode's checks. */
export function jumpNear(cpu: Cpu, target: number): void {
  if (cpu.bits === 64) {
    if (target >= CANON || target < -CANON) throw new CpuFault(13, 0);
  } else if (target > cpu.segs[Seg.CS].limit) {
    throw new CpuFault(13, 0);
  }
  cpu.rip = target;
}

/** Branch target of a Rel operand: next RIP + displacement wrapped to the operand size. */
export function relTarget(cpu: Cpu, i: Instr): number {
  const t = cpu.rip + (i.immLo | 0);
  switch (i.osize) {
    case 8: return t;
    case 4: return t >>> 0;
    default: return t & 0xffff;
  }
}

/** Absolute target from a register/memory operand (indirect JMP/CALL), as a number. */
function indirectTarget(cpu: Cpu, i: Instr): number {
  const v = readOperand(cpu, i, 0);
  switch (i.s0) {
    case 8: return (cpu.hi | 0) * TWO32 + (v >>> 0);
    case 4: return v >>> 0;
    default: return v & 0xffff;
  }
}

function pushReturn(cpu: Cpu, size: number): void {
  const r = cpu.rip;
  if (size === 8) push(cpu, 8, r | 0, Math.floor(r / TWO32) | 0);
  else push(cpu, size, r);
}

register('jmp', (cpu: Cpu, i: Instr): void => {
  jumpNear(cpu, i.k0 === OpKind.Rel ? relTarget(cpu, i) : indirectTarget(cpu, i));
});

register('call', (cpu: Cpu, i: Instr): void => {
  const target = i.k0 === OpKind.Rel ? relTarget(cpu, i) : indirectTarget(cpu, i);
  // Check the target before pushing so that a bad target faults with the stack untouched.
  const save = cpu.rip;
  jumpNear(cpu, target);
  cpu.rip = save;
  pushReturn(cpu, i.osize);
  cpu.rip = target;
});

function ret(cpu: Cpu, i: Instr): void {
  const size = i.osize;
  const sp = getSP(cpu);
  const v = pop(cpu, size);
  const target = size === 8 ? (cpu.hi | 0) * TWO32 + (v >>> 0) : size === 4 ? v >>> 0 : v & 0xffff;
  try {
    jumpNear(cpu, target);
  } catch (e) { setSP(cpu, sp); throw e; }
  if (i.k0 === OpKind.Imm) setSP(cpu, spPlus(cpu, getSP(cpu), i.immLo & 0xffff));
}
register('ret', ret);

CC_NAMES.forEach((cc, n) => {
  register(`j${cc}`, (cpu: Cpu, i: Instr): void => {
    if (testCC(cpu, n)) jumpNear(cpu, relTarget(cpu, i));
  });
});

/** Count register (CX/ECX/RCX by address size) decremented by LOOP, tested by JrCXZ. */
function counter(cpu: Cpu, asize: number): number {
  const lo = cpu.regs[RCX << 1];
  return asize === 8 ? lo | cpu.regs[(RCX << 1) + 1] : asize === 4 ? lo : lo & 0xffff;
}
function decCounter(cpu: Cpu, asize: number): boolean {
  const R = cpu.regs, k = RCX << 1;
  if (asize === 8) {
    const lo = R[k];
    if (lo === 0) R[k + 1] = (R[k + 1] - 1) | 0;
    R[k] = (lo - 1) | 0;
    return (R[k] | R[k + 1]) !== 0;
  }
  if (asize === 4) { R[k] = (R[k] - 1) | 0; R[k + 1] = 0; return R[k] !== 0; }
  cpu.set16(RCX, (R[k] - 1) & 0xffff);
  return (R[k] & 0xffff) !== 0;
}

for (const m of ['jcxz', 'jecxz', 'jrcxz']) {
  register(m, (cpu: Cpu, i: Instr): void => { if (counter(cpu, i.asize) === 0) jumpNear(cpu, relTarget(cpu, i)); });
}
register('loop', (cpu: Cpu, i: Instr): void => {
  const t = relTarget(cpu, i);
  if (decCounter(cpu, i.asize)) jumpNear(cpu, t);
});
register('loope', (cpu: Cpu, i: Instr): void => {
  const t = relTarget(cpu, i);
  const z = testCC(cpu, 4);
  if (decCounter(cpu, i.asize) && z) jumpNear(cpu, t);
});
register('loopne', (cpu: Cpu, i: Instr): void => {
  const t = relTarget(cpu, i);
  const nz = testCC(cpu, 5);
  if (decCounter(cpu, i.asize) && nz) jumpNear(cpu, t);
});

// Fast 64-bit Jcc: no operand-size switch, canonical check only.
CC_NAMES.forEach((cc, n) => {
  registerBinder(`j${cc}`, (i: Instr) => {
    if (i.osize !== 8) return undefined;
    const disp = i.immLo | 0;
    return (cpu: Cpu): void => {
      if (testCC(cpu, n)) {
        const t = cpu.rip + disp;
        if (t >= CANON || t < -CANON) throw new CpuFault(13, 0);
        cpu.rip = t;
      }
    };
  });
});

// Fast 64-bit CALL rel32 and RET: the forms compiled code executes most.
registerBinder('call', (i: Instr) => {
  if (i.osize !== 8 || i.k0 !== OpKind.Rel) return undefined;
  const disp = i.immLo | 0;
  return (cpu: Cpu): void => {
    const r = cpu.rip, t = r + disp;
    if (t >= CANON || t < -CANON) throw new CpuFault(13, 0);
    push(cpu, 8, r | 0, Math.floor(r / TWO32) | 0);
    cpu.rip = t;
  };
});
registerBinder('ret', (i: Instr) => {
  if (i.osize !== 8 || i.k0 !== OpKind.None) return undefined;
  return (cpu: Cpu): void => {
    const lo = pop(cpu, 8);
    const t = (cpu.hi | 0) * TWO32 + (lo >>> 0);
    if (t >= CANON || t < -CANON) {
      setSP(cpu, spPlus(cpu, getSP(cpu), -8));
      throw new CpuFault(13, 0);
    }
    cpu.rip = t;
  };
});
