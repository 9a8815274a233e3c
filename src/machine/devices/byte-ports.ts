// Splits wide port accesses into byte accesses, as the ISA bus does for 8-bit devices.

import type { PortHandler } from '../io';

/**
 * Adapts a device whose registers are all 8 bits wide to a PortHandler. A 16- or 32-bit access
 * becomes consecutive byte accesses at port, port+1, ... (little-endian), as QEMU does for
 * byte-only devices; bytes that fall outside [first, first+count) read 0xff and drop writes.
 */
export function bytePorts(
  first: number,
  count: number,
  readByte: (port: number) => number,
  writeByte: (port: number, value: number) => void,
): PortHandler {
  return {
    read(port: number, size: number): number {
      if (size === 1) return readByte(port) & 0xff;
      let v = 0;
      for (let i = 0; i < size; i++) {
        const p = port + i;
        const b = p >= first && p < first + count ? readByte(p) & 0xff : 0xff;
        v += b * 2 ** (8 * i);
      }
      return size === 4 ? v | 0 : v;
    },
    write(port: number, size: number, value: number): void {
      if (size === 1) {
        writeByte(port, value & 0xff);
        return;
      }
      for (let i = 0; i < size; i++) {
        const p = port + i;
        if (p >= first && p < first + count) writeByte(p, (value >>> (8 * i)) & 0xff);
      }
    },
  };
}
