// The block tier: hot straight-line runs of decoded instructions compiled into one JS function that calls each routine directly.
import type { Instr, ExecFn } from './instr';

/**
 * A compiled block: the instructions from `rip` along the fall-through path (and through direct
 * JMP/CALL to targets in the same page), up to another unconditional control transfer, the end
 * of the page or MAX_BLOCK instructions. The compiled
 * function sets RIP, the current-instruction RIP and the instruction count before each routine
 * (so faults, RDTSC and device reads see exact values), and leaves the block as soon as a
 * routine changes RIP (a taken branch), asks for attention (interrupts, I/O, stop requests) or
 * changes the epoch (code writes, paging, mode). Each call site in the function sees one routine
 * only, so the engine can inline it: no dispatch, no chain lookups.
 */
export interface Block {
  /** Linear RIP of the first instruction (blocks are found through the first Instr). */
  rip: number;
  /** Epoch the block was last validated in. */
  epoch: number;
  /** Code size the instructions were decoded for. */
  bits: number;
  /** Physical address of the first instruction and the decode-cache page array it came from. */
  phys: number;
  page: unknown;
  /** Number of instructions. */
  n: number;
  /** RIP just past the last instruction. */
  end: number;
  /** The last instruction (for the run loop's chaining after the block). */
  last: Instr;
  run: (cpu: unknown) => void;
}

/** Longest block, in instructions. */
export const MAX_BLOCK = 48;
/** Executions of an entry instruction before its block is compiled. */
export const HOT_THRESHOLD = 40;

/** Mnemonics after which the fall-through path is not taken (the block ends there). */
const ENDS_BLOCK = new Set([
  'jmp', 'call', 'ret', 'retf', 'iret', 'iretd', 'iretq', 'int', 'int1', 'int3', 'into', 'syscall', 'sysret', 'sysretq',
  'sysenter', 'sysexit', 'sysexitq', 'hlt', 'ud0', 'ud1', 'ud2', 'jmpf', 'callf', 'lcall', 'ljmp',
]);

/** True when execution never continues at the next instruction after `i` (or it must not be batched). */
export function endsBlock(i: Instr): boolean {
  if (i.mnem === '' || ENDS_BLOCK.has(i.mnem)) return true;
  // REP string instructions re-execute themselves by resetting RIP: fine inside a block, since
  // the block leaves when RIP is not the fall-through; far control transfers end it.
  return i.mnem.startsWith('jmp') || i.mnem.startsWith('call') || i.mnem.startsWith('ret');
}

let compileSupported: boolean | undefined;

/**
 * Compile the instructions (all in one page, consecutive) into a block function, or return
 * undefined when code generation is not available (a host that forbids `Function`, such as a
 * strict content-security policy): the interpreter then keeps running them one by one.
 */
export function compileBlock(instrs: Instr[], starts: number[], nexts: number[]): ((cpu: unknown) => void) | undefined {
  if (compileSupported === false) return undefined;
  const n = instrs.length;
  const params: string[] = [];
  const args: (ExecFn | Instr)[] = [];
  let body = 'return function block(cpu) {\n  const ic = cpu.icount, ep = cpu.epoch;\n  try {\n';
  for (let k = 0; k < n; k++) {
    // e: where RIP must point after the instruction for the block to go on (the fall-through,
    // or the target of a direct JMP/CALL the block follows); s + len is RIP during the routine.
    const s = starts[k], e = nexts[k];
    params.push(`F${k}`, `I${k}`);
    args.push(instrs[k].exec, instrs[k]);
    body += `    cpu.curRip = ${s}; cpu.rip = ${s + instrs[k].len}; cpu.icount = ic + ${k}; F${k}(cpu, I${k});\n`;
    if (k < n - 1) body += `    if (cpu.rip !== ${e} || cpu.limit === 0 || cpu.epoch !== ep) { cpu.icount = ic + ${k + 1}; return; }\n`;
  }
  body += `    cpu.icount = ic + ${n};\n  } catch (err) { cpu.rip = cpu.curRip; throw err; }\n};`;
  try {
    // eslint-disable-next-line no-new-func
    const factory = new Function(...params, body) as (...a: (ExecFn | Instr)[]) => (cpu: unknown) => void;
    compileSupported = true;
    return factory(...args);
  } catch {
    compileSupported = false;
    return undefined;
  }
}
