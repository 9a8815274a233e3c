// `ringstep demo`: assemble the teaching kernel with the built-in assembler and run its context-switch scenario headless.
import { Machine } from '../machine/machine';
import { loadMultiboot } from '../machine/boot/multiboot';
import { assemble } from '../asm/index';
import { parseArgs, parseNumber } from './args';
import kernelSource from '../../kernel/context-switch.asm';

/** Run the demo; the process exits 0 when the kernel reports success through port 0xF4. */
export async function demoCommand(argv: string[]): Promise<number> {
  const a = parseArgs(argv, ['--max-instructions']);
  const max = a.flags.has('--max-instructions') ? parseNumber(a.flags.get('--max-instructions')![0], '--max-instructions') : 500_000_000;
  const r = assemble(kernelSource, { file: 'kernel/context-switch.asm', syntax: 'nasm' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    for (const d of errors) process.stderr.write(`${d.file}:${d.line}:${d.column}: error: ${d.message}\n`);
    return 1;
  }
  const m = new Machine({ onOutput: (b) => process.stdout.write(String.fromCharCode(b)) });
  loadMultiboot(m.cpu, r.image, 'context-switch');
  const started = Date.now();
  let result = m.run(0);
  while (m.cpu.retired < max) {
    result = m.run(1_000_000);
    if (result.reason !== 'budget') break;
  }
  const ms = Date.now() - started;
  process.stderr.write(`ringstep demo: ${m.cpu.retired.toLocaleString('en')} instructions, ${(m.cpu.icount / 1e6).toFixed(1)} ms of virtual time, ${ms} ms on this machine\n`);
  if (result.reason === 'exit') return result.exitCode === 1 ? 0 : result.exitCode!;
  if (result.reason === 'triple-fault') {
    process.stderr.write(`ringstep demo: triple fault:\n  ${(m.cpu.tripleFault ?? []).join('\n  ')}\n`);
    return 98;
  }
  process.stderr.write(`ringstep demo: stopped (${result.reason}) at rip 0x${m.cpu.rip.toString(16)}\n`);
  return 124;
}
