// `ringstep run`: boot an image or an asm source headless; guest output to stdout, exit status from the guest.
import { openSync, writeSync, closeSync, existsSync, readFileSync } from 'node:fs';
import { Machine } from '../machine/machine';
import { loadMultiboot, findMultibootHeader, BootError } from '../machine/boot/multiboot';
import { startDirect32, startDirect64 } from '../machine/boot/direct';
import { loadBootSector } from '../machine/boot/bootsector';
import { parseArgs, parseNumber, UsageError } from './args';
import { traceLine } from './trace';
import { loadProgram, parseBits } from './load-program';

export const RUN_USAGE = `usage: ringstep run FILE [--boot multiboot|bootsector|direct32|direct64] [--load ADDR]
                    [--max-instructions N] [--trace FILE] [--memory MiB] [--syntax nasm|gas-intel|att] [-I DIR]...
                    [--initrd FILE[,FILE...]] [--append CMDLINE] [--bits 16|32|64] [--origin ADDR]
  FILE is a multiboot kernel, a boot sector, a raw image, or an asm source (.asm .nasm .s .S),
  assembled with the built-in assembler (--bits and --origin: start mode and address of a GNU as
  source, which has no bits/org). COM1 and port 0xE9 output go to stdout.
  Exit status: (V << 1) | 1 when the guest writes V to port 0xF4; 98 on a triple fault (the
  chain of faults on stderr); 124 when --max-instructions is reached or the guest halts for good.`;

const EXIT_TRIPLE_FAULT = 98;
const EXIT_LIMIT = 124;

/** Run the command; resolves to the process exit status. */
export async function runCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['--boot', '--load', '--max-instructions', '--trace', '--memory', '--syntax', '-I', '--initrd', '--append', '--bits', '--origin']);
  if (a.positional.length !== 1) throw new UsageError(`run takes exactly one FILE\n${RUN_USAGE}`);
  const file = a.positional[0];
  const boot = a.flags.get('--boot')?.[0];
  if (boot && !['multiboot', 'bootsector', 'direct32', 'direct64'].includes(boot)) throw new UsageError(`--boot: unknown boot method '${boot}' (multiboot, bootsector, direct32, direct64)`);
  const loadAddr = a.flags.has('--load') ? parseNumber(a.flags.get('--load')![0], '--load') : undefined;
  const maxInstr = a.flags.has('--max-instructions') ? parseNumber(a.flags.get('--max-instructions')![0], '--max-instructions') : Infinity;
  const memMiB = a.flags.has('--memory') ? parseNumber(a.flags.get('--memory')![0], '--memory') : 128;
  if (memMiB < 2 || memMiB > 2047) throw new UsageError('--memory: between 2 and 2047 MiB');

  const program = loadProgram(file, {
    syntax: a.flags.get('--syntax')?.[0], includePaths: a.flags.get('-I') ?? [],
    bits: a.flags.has('--bits') ? parseBits(a.flags.get('--bits')![0]) : undefined,
    origin: a.flags.has('--origin') ? parseNumber(a.flags.get('--origin')![0], '--origin') : undefined,
  });
  if (!program) return 1; // diagnostics already printed

  const out: number[] = [];
  const flush = () => { if (out.length) { process.stdout.write(Buffer.from(out)); out.length = 0; } };
  const m = new Machine({ ramBytes: memMiB * 1024 * 1024, onOutput: (b) => { out.push(b); if (b === 10 || out.length > 4096) flush(); } });

  const image = program.image;
  const method = boot ?? guessBoot(image, program.fromSource, program.bits);
  try {
    switch (method) {
      case 'multiboot': {
        // Modules as QEMU's -initrd takes them: comma-separated files, each optionally followed by its command line.
        const modules = (a.flags.get('--initrd') ?? []).flatMap((v) => v.split(',')).filter((v) => v).map((spec) => {
          const [path, ...args] = spec.split(' ');
          if (!existsSync(path)) throw new UsageError(`--initrd: ${path}: no such file`);
          return { data: new Uint8Array(readFileSync(path)), cmdline: [path, ...args].join(' ') };
        });
        const cmdline = [file.split('/').pop() ?? '', ...(a.flags.get('--append') ?? [])].join(' ');
        loadMultiboot(m.cpu, image, cmdline, modules);
        break;
      }
      case 'bootsector': loadBootSector(m, image); break;
      case 'direct32': case 'direct64': {
        const at = loadAddr ?? program.origin ?? 0x100000;
        m.mem.load(at, image);
        (method === 'direct32' ? startDirect32 : startDirect64)(m.cpu, program.entry ?? at, at);
        break;
      }
    }
  } catch (e) {
    if (e instanceof BootError || e instanceof RangeError) { process.stderr.write(`ringstep: ${file}: ${e.message}\n`); return 1; }
    throw e;
  }

  const traceFile = a.flags.get('--trace')?.[0];
  let result;
  if (traceFile) {
    const fd = openSync(traceFile, 'w');
    m.cpu.stopAfterDelivery = true;
    let lines: string[] = [];
    try {
      // One line per instruction boundary: before each instruction, and at the first
      // instruction of every exception or interrupt handler.
      let lastIcount = -1, lastRip = NaN;
      for (;;) {
        const cpu = m.cpu;
        if (cpu.icount !== lastIcount || cpu.rip !== lastRip) {
          lines.push(traceLine(cpu));
          lastIcount = cpu.icount; lastRip = cpu.rip;
          if (lines.length >= 4096) { writeSync(fd, lines.join('\n') + '\n'); lines = []; }
        }
        if (cpu.retired >= maxInstr) { result = { reason: 'budget' as const }; break; }
        result = m.run(1);
        if (result.reason !== 'budget') break;
      }
      if (lines.length) writeSync(fd, lines.join('\n') + '\n');
    } finally { closeSync(fd); }
  } else {
    // --max-instructions counts retired instructions, not virtual time spent halted.
    for (;;) {
      const left = maxInstr - m.cpu.retired;
      if (left <= 0) break;
      result = m.run(Math.min(left, 1_000_000));
      flush();
      if (result.reason !== 'budget') break;
    }
  }
  flush();
  switch (result?.reason) {
    case 'exit': return result.exitCode!;
    case 'triple-fault':
      process.stderr.write(`ringstep: triple fault, the machine shut down. Cause chain:\n${(m.cpu.tripleFault ?? []).map((l, n) => `  ${n + 1}. ${l}`).join('\n')}\n`);
      return EXIT_TRIPLE_FAULT;
    case 'idle':
      process.stderr.write(`ringstep: the guest halted with ${m.cpu.flags & 0x200 ? 'no device left to wake it' : 'interrupts disabled'} at ${m.cpu.segs[1].selector.toString(16)}:${m.cpu.rip.toString(16)} after ${m.cpu.retired} instructions\n`);
      return EXIT_LIMIT;
    default:
      process.stderr.write(`ringstep: stopped after --max-instructions ${maxInstr} at ${m.cpu.segs[1].selector.toString(16)}:${m.cpu.rip.toString(16)}\n`);
      return EXIT_LIMIT;
  }
}

function guessBoot(image: Uint8Array, fromSource: boolean, bits?: number): string {
  if (findMultibootHeader(image)) return 'multiboot';
  if (image.length === 512 && image[510] === 0x55 && image[511] === 0xaa) return 'bootsector';
  if (fromSource) return bits === 64 ? 'direct64' : bits === 32 ? 'direct32' : 'bootsector';
  throw new UsageError('cannot tell how to boot this image (no multiboot header, no boot signature): give --boot');
}

