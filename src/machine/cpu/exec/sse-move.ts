// SSE/SSE2 data movement: MOVAPS/MOVUPS/MOVAPD/MOVUPD/MOVDQA/MOVDQU/LDDQU, MOVNT*, MOVD/MOVQ, MOVSS/MOVSD, MOVLPS/MOVHPS/MOVLPD/MOVHPD, MOVHLPS/MOVLHPS, MOVMSKPS/PD, PMOVMSKB.
import type { Cpu } from '../cpu';
import { CpuFault } from '../fault';
import { type Instr, OpKind } from '../instr';
import { memLinear, readOperand, writeOperand } from '../operands';
import { destXmm, readXmm, setXmm, sseCheck, storeXmm } from './sse-availability';
import { movsdStringRoutine } from './string';
import { register } from './registry';

const T = new Int32Array(4);

/** Full 128-bit moves: register or memory source, register or memory destination. */
function move128(unaligned: boolean) {
  return (cpu: Cpu, i: Instr): void => {
    sseCheck(cpu);
    if (i.k0 === OpKind.Xmm) { readXmm(cpu, i, 1, T, unaligned); setXmm(cpu, i.r0, T); return; }
    if (i.k0 !== OpKind.Mem) throw new CpuFault(6);
    readXmm(cpu, i, 1, T);
    storeXmm(cpu, i, T, 16, unaligned);
  };
}
register(['movaps', 'movapd', 'movdqa', 'movntps', 'movntpd', 'movntdq'], move128(false));
register(['movups', 'movupd', 'movdqu', 'lddqu'], move128(true));

// MOVQ: xmm <- xmm/m64 (F3 0F 7E, upper half zeroed), xmm/m64 <- xmm (66 0F D6), and with a general register (66 REX.W 0F 6E/7E).
register('movq', (cpu: Cpu, i: Instr): void => {
  if (i.k0 === OpKind.Mmx || i.k1 === OpKind.Mmx) throw new CpuFault(6);
  sseCheck(cpu);
  if (i.k0 === OpKind.Xmm) {
    if (i.k1 === OpKind.Reg || (i.k1 === OpKind.Mem && i.s1 === 8 && i.opcode === 0x6e)) {
      const lo = readOperand(cpu, i, 1);
      T[0] = lo; T[1] = cpu.hi; T[2] = 0; T[3] = 0;
    } else { readXmm(cpu, i, 1, T); T[2] = 0; T[3] = 0; }
    setXmm(cpu, i.r0, T);
    return;
  }
  // Destination is a general register or memory: the low quadword of the XMM source.
  readXmm(cpu, i, 1, T);
  if (i.k0 === OpKind.Reg) cpu.setReg(i.r0, 8, T[0], T[1]);
  else storeXmm(cpu, i, T, 8);
});

register('movd', (cpu: Cpu, i: Instr): void => {
  if (i.k0 === OpKind.Mmx || i.k1 === OpKind.Mmx) throw new CpuFault(6);
  sseCheck(cpu);
  if (i.k0 === OpKind.Xmm) {
    T[0] = readOperand(cpu, i, 1); T[1] = 0; T[2] = 0; T[3] = 0;
    setXmm(cpu, i.r0, T);
    return;
  }
  writeOperand(cpu, i, 0, cpu.xmm[i.r1 << 2]);
});

/** MOVSS/MOVSD: register to register merges the low element; a load zeroes the rest; a store writes the element. */
function moveScalar(bytes: 4 | 8) {
  return (cpu: Cpu, i: Instr): void => {
    sseCheck(cpu);
    const x = cpu.xmm;
    if (i.k0 === OpKind.Xmm) {
      const d = i.r0 << 2;
      if (i.k1 === OpKind.Xmm) {
        const s = i.r1 << 2;
        x[d] = x[s]; if (bytes === 8) x[d + 1] = x[s + 1];
      } else {
        readXmm(cpu, i, 1, T);
        x[d] = T[0]; x[d + 1] = bytes === 8 ? T[1] : 0; x[d + 2] = 0; x[d + 3] = 0;
      }
      return;
    }
    readXmm(cpu, i, 1, T);
    storeXmm(cpu, i, T, bytes);
  };
}
register('movss', moveScalar(4));
const movsdXmm = moveScalar(8);
// MOVSD is both the string move (no operands) and the SSE2 scalar-double move.
register('movsd', (cpu: Cpu, i: Instr): void => { if (i.nops === 0) movsdStringRoutine(cpu, i); else movsdXmm(cpu, i); });

/** MOVLPS/MOVLPD (half = 0) and MOVHPS/MOVHPD (half = 1): load or store one quadword of an XMM register. */
function moveHalf(half: number) {
  return (cpu: Cpu, i: Instr): void => {
    sseCheck(cpu);
    const x = cpu.xmm;
    if (i.k0 === OpKind.Xmm) {
      const lin = memLinear(cpu, i, 8, false);
      const lo = cpu.read64(lin), hi = cpu.hi;
      const d = (i.r0 << 2) + half * 2;
      x[d] = lo; x[d + 1] = hi;
      return;
    }
    const s = (i.r1 << 2) + half * 2;
    cpu.write64(memLinear(cpu, i, 8, true), x[s], x[s + 1]);
  };
}
register(['movlps', 'movlpd'], moveHalf(0));
register(['movhps', 'movhpd'], moveHalf(1));

register('movhlps', (cpu: Cpu, i: Instr): void => {
  sseCheck(cpu);
  const x = cpu.xmm, d = destXmm(i) << 2, s = i.r1 << 2;
  x[d] = x[s + 2]; x[d + 1] = x[s + 3];
});
register('movlhps', (cpu: Cpu, i: Instr): void => {
  sseCheck(cpu);
  const x = cpu.xmm, d = destXmm(i) << 2, s = i.r1 << 2;
  const a = x[s], b = x[s + 1];
  x[d + 2] = a; x[d + 3] = b;
});

register('movmskps', (cpu: Cpu, i: Instr): void => {
  sseCheck(cpu);
  const x = cpu.xmm, s = i.r1 << 2;
  cpu.setReg(i.r0, i.s0, (x[s] >>> 31) | ((x[s + 1] >>> 31) << 1) | ((x[s + 2] >>> 31) << 2) | ((x[s + 3] >>> 31) << 3), 0);
});
register('movmskpd', (cpu: Cpu, i: Instr): void => {
  sseCheck(cpu);
  const x = cpu.xmm, s = i.r1 << 2;
  cpu.setReg(i.r0, i.s0, (x[s + 1] >>> 31) | ((x[s + 3] >>> 31) << 1), 0);
});
register('pmovmskb', (cpu: Cpu, i: Instr): void => {
  if (i.k1 !== OpKind.Xmm) throw new CpuFault(6);
  sseCheck(cpu);
  const x = cpu.xmm, s = i.r1 << 2;
  let m = 0;
  for (let k = 0; k < 16; k++) m |= ((x[s + (k >> 2)] >>> (8 * (k & 3) + 7)) & 1) << k;
  cpu.setReg(i.r0, i.s0, m, 0);
});

// MOVNTI stores a general register (SSE2, but not subject to the CR4.OSFXSR check: it touches no XMM state).
register('movnti', (cpu: Cpu, i: Instr): void => { const v = readOperand(cpu, i, 1); writeOperand(cpu, i, 0, v, cpu.hi); });
