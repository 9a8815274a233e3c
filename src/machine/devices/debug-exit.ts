// QEMU's isa-debug-exit at port 0xF4 (iosize 4): a guest write of V ends the run with exit code (V << 1) | 1.

import type { PortHandler } from '../io';

/**
 * The exit device. `onExit` receives V * 2 + 1 computed without 32-bit wrap-around (a 32-bit
 * write of 0x80000000 gives 0x100000001); the host process exit status is that value & 0xFF,
 * as with QEMU. Reads return 0.
 */
export class DebugExit implements PortHandler {
  constructor(public onExit: (code: number) => void, readonly base = 0xf4, readonly size = 4) {}

  read(): number {
    return 0;
  }

  write(_port: number, size: number, value: number): void {
    const v = size === 1 ? value & 0xff : size === 2 ? value & 0xffff : value >>> 0;
    this.onExit(v * 2 + 1);
  }
}

/** The exit code QEMU's isa-debug-exit produces for a written value `v`, as the host shell sees it. */
export function debugExitStatus(v: number): number {
  return ((v >>> 0) * 2 + 1) % 256;
}
