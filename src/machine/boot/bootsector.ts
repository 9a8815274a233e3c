// Boot-sector start: the image is the boot disk; its first sector runs at 0000:7C00 in real mode with DL = boot drive.
import type { Machine } from '../machine';
import { installBios } from './bios';
import { BootError } from './multiboot';
import { RDX, RSP } from '../cpu/registers';
import { Seg } from '../cpu/instr';

/** Load the first sector of `image` at 0x7C00 and start it as a PC BIOS would (DL = 0x80, SS:SP = 0000:7C00). */
export function loadBootSector(m: Machine, image: Uint8Array, onChar?: (byte: number) => void): void {
  if (image.length === 0) throw new BootError('the boot image is empty');
  const disk = new Uint8Array(Math.ceil(image.length / 512) * 512);
  disk.set(image);
  const cpu = m.cpu;
  cpu.reset();
  installBios({ cpu, ports: m.board.ports, disk, onChar: onChar ?? ((b) => m.emitOutput(b)), ramBytes: m.mem.ramBytes });
  m.mem.load(0x7c00, disk.subarray(0, 512));
  for (const s of [Seg.ES, Seg.SS, Seg.DS, Seg.FS, Seg.GS]) cpu.segs[s].loadReal(0);
  cpu.segs[Seg.CS].loadReal(0);
  cpu.rip = 0x7c00;
  cpu.set32(RDX, 0x80);
  cpu.set32(RSP, 0x7c00);
  cpu.updateMode();
}
