// CRC32 (SSE4.2): the CRC-32C (Castagnoli) checksum of 1, 2, 4 or 8 source bytes accumulated into a 32-bit register.
import type { Cpu } from '../cpu';
import type { Instr } from '../instr';
import { readOperand } from '../operands';
import { register } from './registry';

/** Byte table of the bit-reflected polynomial 0x82F63B78 (as the SDM's CRC32 pseudocode computes bit by bit). */
const TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  TABLE[n] = c;
}

function feed(crc: number, v: number, bytes: number): number {
  for (let k = 0; k < bytes; k++) { crc = TABLE[(crc ^ v) & 0xff] ^ (crc >>> 8); v >>>= 8; }
  return crc;
}

register('crc32', (cpu: Cpu, i: Instr): void => {
  const size = i.s1;
  const v = readOperand(cpu, i, 1), hi = cpu.hi;
  let crc = cpu.regs[i.r0 << 1];
  crc = feed(crc, v, size === 8 ? 4 : size);
  if (size === 8) crc = feed(crc, hi, 4);
  cpu.set32(i.r0, crc); // 32-bit result, zero-extended also for the 64-bit destination form
});
