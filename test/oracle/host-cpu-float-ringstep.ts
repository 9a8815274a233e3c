// Runs one floating-point form on Ringstep's CPU from a float-harness state record (FXSAVE image in, FXSAVE image out), so both sides are compared in the same layout.
import { Cpu } from '../../src/machine/cpu/cpu';
import { decodeBytes } from '../../src/machine/cpu/decoder';
import { CpuFault } from '../../src/machine/cpu/fault';
import { getFlags } from '../../src/machine/cpu/flags';
import type { Instr } from '../../src/machine/cpu/instr';
import { bindExec } from '../../src/machine/cpu/exec/registry';
import { PhysicalMemory } from '../../src/machine/memory/physical';
import { PortBus } from '../../src/machine/io';
import { startDirect64 } from '../../src/machine/boot/direct';
import { CR4_OSFXSR, CR4_OSXMMEXCPT } from '../../src/machine/cpu/registers';
import { F_FAULT_FSW, F_FAULT_MXCSR, F_FLAGS, F_FX, F_MEM, F_MEM_SIZE, F_REGS, F_STATUS } from './host-cpu-float-harness';

const CODE = 0x300000, MEM = 0x200000, FXAREA = 0x210000, STACK = 0x80000;
const ARITH_AND_DF = 0x8d5 | 0x400;
const R15 = 15;

/** A 64-bit machine reused for every vector; state moves in and out through Ringstep's own FXRSTOR/FXSAVE. */
export class FloatRunner {
  readonly cpu: Cpu;
  private readonly fxrstor: Instr;
  private readonly fxsave: Instr;
  constructor() {
    this.cpu = new Cpu(new PhysicalMemory(8 << 20), new PortBus());
    startDirect64(this.cpu, CODE, STACK);
    // As Linux runs user code: FXSR and unmasked SIMD exceptions as #XM.
    this.cpu.cr4 |= CR4_OSFXSR | CR4_OSXMMEXCPT;
    this.fxrstor = this.decode(Uint8Array.of(0x41, 0x0f, 0xae, 0x0f)) as Instr; // fxrstor [r15]
    this.fxsave = this.decode(Uint8Array.of(0x41, 0x0f, 0xae, 0x07)) as Instr; // fxsave [r15]
  }

  /** Decode the form's bytes; returns the instruction or what the decoder got wrong. */
  decode(bytes: Uint8Array): Instr | string {
    const ins = decodeBytes(bytes, 0, 64);
    const hex = [...bytes].map((x) => x.toString(16).padStart(2, '0')).join(' ');
    if (ins.mnem === '') return `decoder: invalid encoding ${hex}`;
    if (ins.len !== bytes.length) return `decoder: length ${ins.len}, host ${bytes.length} for ${hex} (${ins.mnem})`;
    ins.exec = bindExec(ins);
    return ins;
  }

  /** Execute `ins` from the state at `inOff` of `input`; write the resulting state at `outOff` of `out`. */
  run(ins: Instr, input: DataView, inOff: number, out: DataView, outOff: number): void {
    const cpu = this.cpu, R = cpu.regs, ram = cpu.mem.ram;
    for (let k = 0; k < 512; k++) ram[FXAREA + k] = input.getUint8(inOff + F_FX + k);
    R[2 * R15] = FXAREA; R[2 * R15 + 1] = 0;
    this.fxrstor.exec(cpu, this.fxrstor);
    for (let k = 0; k < 28; k++) R[k] = input.getInt32(inOff + F_REGS + 4 * k, true);
    R[8] = STACK; R[9] = 0;
    R[28] = MEM; R[29] = 0;
    R[30] = FXAREA; R[31] = 0;
    cpu.flags = (input.getInt32(inOff + F_FLAGS, true) & ARITH_AND_DF) | 2;
    cpu.lazy = 0;
    for (let k = 0; k < F_MEM_SIZE; k++) ram[MEM + k] = input.getUint8(inOff + F_MEM + k);
    cpu.curRip = CODE;
    cpu.rip = CODE + ins.len;
    let status = -1;
    try { ins.exec(cpu, ins); } catch (e) { if (!(e instanceof CpuFault)) throw e; status = e.vector; }
    const faultMxcsr = cpu.mxcsr, faultFsw = cpu.fpuStatus;
    const flags = getFlags(cpu);
    R[30] = FXAREA; R[31] = 0;
    this.fxsave.exec(cpu, this.fxsave);
    for (let k = 0; k < 512; k++) out.setUint8(outOff + F_FX + k, ram[FXAREA + k]);
    for (let k = 0; k < 28; k++) out.setInt32(outOff + F_REGS + 4 * k, R[k], true);
    out.setInt32(outOff + F_FLAGS, flags, true);
    out.setInt32(outOff + F_FLAGS + 4, 0, true);
    out.setInt32(outOff + F_STATUS, status, true);
    out.setInt32(outOff + F_STATUS + 4, status < 0 ? -1 : 0, true);
    out.setInt32(outOff + F_FAULT_MXCSR, faultMxcsr, true);
    out.setInt32(outOff + F_FAULT_FSW, faultFsw, true);
    for (let k = 0; k < F_MEM_SIZE; k++) out.setUint8(outOff + F_MEM + k, ram[MEM + k]);
  }
}
