// The `ringstep` command line: run, asm, demo.
import { runCommand, RUN_USAGE } from './run-command';
import { asmCommand } from './asm-command';
import { demoCommand } from './demo-command';
import { UsageError } from './args';

const USAGE = `Ringstep: an x86-64 system emulator and debugger.

usage: ringstep run FILE [options]     boot an image or asm source headless (ringstep run --help)
       ringstep asm FILE -o OUT [--syntax nasm|gas-intel|att] [-I DIR]... [--listing FILE]
       ringstep demo                   the teaching kernel's context-switch demo
`;

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case 'run': if (rest.includes('--help')) { process.stdout.write(RUN_USAGE + '\n'); return 0; } return await runCommand(rest);
      case 'asm': return await asmCommand(rest);
      case 'demo': return await demoCommand(rest);
      case undefined: case '--help': case '-h': case 'help': process.stdout.write(USAGE); return cmd ? 0 : 2;
      default: throw new UsageError(`unknown command '${cmd}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) { process.stderr.write(`ringstep: ${e.message}\n`); return 2; }
    throw e;
  }
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`ringstep: internal error: ${e instanceof Error ? e.stack : String(e)}\n`); process.exitCode = 70; },
);
