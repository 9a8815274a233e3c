// Per-instruction register trace lines (`ringstep run --trace`), in a fixed format that tests compare with QEMU's -d cpu.
import type { Cpu } from '../machine/cpu/cpu';
import { getFlags } from '../machine/cpu/flags';

const TWO64 = 18446744073709551616;

function hex64(v: number): string { return (v < 0 ? v + TWO64 : v).toString(16).padStart(16, '0'); }
function hex(v: number, w: number): string { return (v >>> 0).toString(16).padStart(w, '0'); }

/**
 * One line describing the state before the next instruction executes:
 * `RIP=<16 hex> RSP=<16 hex> RFLAGS=<8 hex> CS=<4 hex> SS=<4 hex> CR0=<8 hex> CR3=<16 hex> EFER=<16 hex>`.
 * RIP is the offset in CS (as QEMU prints EIP/RIP); RSP is the full 64-bit register.
 */
export function traceLine(cpu: Cpu): string {
  const rsp = cpu.regs[9] * 4294967296 + (cpu.regs[8] >>> 0);
  return `RIP=${hex64(cpu.rip)} RSP=${hex64(rsp)} RFLAGS=${hex(getFlags(cpu), 8)} CS=${hex(cpu.segs[1].selector, 4)} SS=${hex(cpu.segs[2].selector, 4)} CR0=${hex(cpu.cr0, 8)} CR3=${hex64(cpu.cr3)} EFER=${hex64(cpu.efer)}`;
}
