// QEMU's debug console at port 0xE9: bytes written go to the host output; reads return 0xE9.

import type { PortHandler } from '../io';

/** Port 0xE9 as QEMU's isa-debugcon: an 8-bit port, so only the low byte of a wider write is shown. */
export class DebugCon implements PortHandler {
  constructor(public onOutput: (byte: number) => void, readonly port = 0xe9) {}

  read(_port: number, size: number): number {
    // The readback value lets guests detect the console; the other bytes of a wide read hit unclaimed ports.
    if (size === 1) return this.port & 0xff;
    return size === 2 ? 0xff00 | (this.port & 0xff) : (0xffffff00 | (this.port & 0xff)) | 0;
  }

  write(_port: number, _size: number, value: number): void {
    this.onOutput(value & 0xff);
  }
}
