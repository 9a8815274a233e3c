// Runs one instruction form on Ringstep's CPU for a batch of input states, in the same record layout as the C harness.
import { Cpu } from '../../src/machine/cpu/cpu';
import { decodeBytes } from '../../src/machine/cpu/decoder';
import { CpuFault } from '../../src/machine/cpu/fault';
import { getFlags } from '../../src/machine/cpu/flags';
import type { Instr } from '../../src/machine/cpu/instr';
import { bindExec } from '../../src/machine/cpu/exec/registry';
import { PhysicalMemory } from '../../src/machine/memory/physical';
import { PortBus } from '../../src/machine/io';
import { startDirect32, startDirect64 } from '../../src/machine/boot/direct';
import { CR4_OSFXSR } from '../../src/machine/cpu/registers';
import { OFF_FLAGS, OFF_MEM, OFF_REGS, OFF_STATUS, OFF_XMM, STATE_BYTES } from './host-cpu-harness';

/** Guest addresses: the instruction, the 64 bytes of scratch memory ([r14]) and the stack. */
const CODE = 0x300000, MEM = 0x200000, STACK = 0x80000;
const ARITH_AND_DF = 0x8d5 | 0x400;

/** A machine for one code size, reused for every vector. */
export class RingstepRunner {
  readonly cpu: Cpu;
  constructor(readonly bits: 32 | 64) {
    this.cpu = new Cpu(new PhysicalMemory(8 << 20), new PortBus());
    if (bits === 64) startDirect64(this.cpu, CODE, STACK); else startDirect32(this.cpu, CODE, STACK);
    this.cpu.cr4 |= CR4_OSFXSR;
  }

  /** Decode the form's bytes; returns the instruction or a description of what the decoder got wrong. */
  decode(bytes: Uint8Array): Instr | string {
    const ins = decodeBytes(bytes, 0, this.bits);
    if (ins.mnem === '') return `decoder: invalid encoding ${hex(bytes)}`;
    if (ins.len !== bytes.length) return `decoder: length ${ins.len}, host ${bytes.length} for ${hex(bytes)} (${ins.mnem})`;
    ins.exec = bindExec(ins);
    return ins;
  }

  /** Execute `ins` from the input state at `inOff` of `input`, writing the output state at `outOff` of `out`. */
  run(ins: Instr, input: DataView, inOff: number, out: DataView, outOff: number): void {
    const cpu = this.cpu, R = cpu.regs;
    for (let k = 0; k < 32; k++) R[k] = input.getInt32(inOff + OFF_REGS + 4 * k, true);
    R[8] = STACK; R[9] = 0;
    if (this.bits === 64) { R[28] = MEM; R[29] = 0; }
    cpu.flags = (input.getInt32(inOff + OFF_FLAGS, true) & ARITH_AND_DF) | 2;
    cpu.lazy = 0;
    const ram = cpu.mem.ram;
    for (let k = 0; k < 64; k++) ram[MEM + k] = input.getUint8(inOff + OFF_MEM + k);
    for (let k = 0; k < 16; k++) cpu.xmm[k] = input.getInt32(inOff + OFF_XMM + 4 * k, true);
    cpu.curRip = CODE;
    cpu.rip = CODE + ins.len;
    let status = -1;
    try { ins.exec(cpu, ins); } catch (e) { if (!(e instanceof CpuFault)) throw e; status = e.vector; }
    for (let k = 0; k < 32; k++) out.setInt32(outOff + OFF_REGS + 4 * k, R[k], true);
    out.setInt32(outOff + OFF_FLAGS, getFlags(cpu), true);
    out.setInt32(outOff + OFF_FLAGS + 4, 0, true);
    out.setInt32(outOff + OFF_STATUS, status, true);
    out.setInt32(outOff + OFF_STATUS + 4, status < 0 ? -1 : 0, true);
    for (let k = 0; k < 64; k++) out.setUint8(outOff + OFF_MEM + k, ram[MEM + k]);
    for (let k = 0; k < 16; k++) out.setInt32(outOff + OFF_XMM + 4 * k, cpu.xmm[k], true);
  }
}

export const RINGSTEP_STATE_BYTES = STATE_BYTES;

function hex(b: Uint8Array): string { return [...b].map((x) => x.toString(16).padStart(2, '0')).join(' '); }
