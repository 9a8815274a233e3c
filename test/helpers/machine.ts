// Test helper: a machine started directly in 64- or 32-bit mode on an image, with its output collected.
import { Machine } from '../../src/machine/machine';
import { startDirect32, startDirect64 } from '../../src/machine/boot/direct';

export interface TestMachine { m: Machine; out: number[]; text(): string }

/** A 16 MiB machine with `image` loaded at 0x100000 and started there (stack below it). */
export function directMachine(image: Uint8Array, bits: 32 | 64 = 64, ramBytes = 16 * 1024 * 1024): TestMachine {
  const out: number[] = [];
  const m = new Machine({ ramBytes, onOutput: (b) => out.push(b) });
  m.mem.load(0x100000, image);
  (bits === 64 ? startDirect64 : startDirect32)(m.cpu, 0x100000, 0x100000);
  return { m, out, text: () => String.fromCharCode(...out) };
}
