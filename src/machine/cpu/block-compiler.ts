// The block tier: hot straight-line runs of decoded instructions compiled into one JS function that calls each routine directly.
import { type Instr, OpKind, REG_RIP } from './instr';
import { getCF, parity, testCC } from './flags';
import { CONDITION_CODES } from '../../isa/table-onebyte';
import { effectiveOffset, flatLinear, segLinear } from './operands';
import { CpuFault } from './fault';
import { inlineInstr, type Inline } from './block-codegen';

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
  /**
   * Where RIP points when the block was cut short of a control transfer (at its maximum length
   * or the page end) and ran to its end; NaN when its last instruction ends blocks anyway.
   */
  cutRip: number;
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

/** Mnemonics whose register/immediate forms cannot fault and read nothing but registers and flags. */
const QUIET = new Set([
  'add', 'adc', 'sub', 'sbb', 'and', 'or', 'xor', 'cmp', 'test', 'inc', 'dec', 'neg', 'not',
  'mov', 'movzx', 'movsx', 'movsxd', 'lea', 'shl', 'sal', 'shr', 'sar', 'rol', 'ror', 'imul', 'bswap', 'xchg',
  'bt', 'bts', 'btr', 'btc', 'bsf', 'bsr',
  ...CONDITION_CODES.map((cc) => `cmov${cc}`), ...CONDITION_CODES.map((cc) => `set${cc}`),
]);

function quietKind(k: number): boolean { return k === OpKind.None || k === OpKind.Reg || k === OpKind.Imm; }

/**
 * True when `i` cannot fault, cannot change RIP, the epoch or the run limit, and reads neither
 * RIP nor the instruction count: general-register and immediate forms of plain arithmetic, and
 * LEA without RIP-relative addressing. Inside a block such an instruction runs with no
 * bookkeeping around it (RIP and the count are brought up to date before the next one that needs them).
 */
export function isQuiet(i: Instr): boolean {
  if (i.lock || i.tooLong || i.rep !== 0 || !QUIET.has(i.mnem)) return false;
  if (i.mnem === 'lea') return i.k0 === OpKind.Reg && i.k1 === OpKind.Addr && i.memBase !== REG_RIP;
  return quietKind(i.k0) && quietKind(i.k1) && quietKind(i.k2);
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
  const params: string[] = ['testCC', 'getCF', 'EO', 'Fault', 'PAR', 'SL', 'FL'];
  const args: unknown[] = [testCC, getCF, effectiveOffset, CpuFault, parity, segLinear, flatLinear];
  const inl = instrs.map((i, k) => inlineInstr(i, starts[k], k));
  let body = 'return function block(cpu) {\n  const ic = cpu.icount, ep = cpu.epoch, R = cpu.regs, T = cpu.tlb, TP = T.page, TF = T.flags, TPH = T.phys, V = cpu.mem.view;\n  try {\n';
  for (let k = 0; k < n; k++) {
    // e: where RIP must point after the instruction for the block to go on (the fall-through,
    // or the target of a direct JMP/CALL the block follows); s + len is RIP during the routine.
    const s = starts[k], e = nexts[k], t = inl[k];
    if (t !== null) {
      // A record is only left out when nothing can leave the block before it is overwritten.
      const flags = t.fullFlags && !t.exit && flagsDead(inl, k) ? '' : t.flags;
      if (t.needsInstr) { params.push(`I${k}`); args.push(instrs[k]); }
      body += `    { ${t.code} ${flags} ${t.after ?? ''} }\n`;
      if (k === n - 1) body += `    cpu.rip = ${e};\n`;
      continue;
    }
    params.push(`F${k}`, `I${k}`);
    args.push(instrs[k].exec, instrs[k]);
    if (isQuiet(instrs[k])) {
      body += `    F${k}(cpu, I${k});\n`;
      if (k === n - 1) body += `    cpu.rip = ${e};\n`;
      continue;
    }
    body += `    cpu.curRip = ${s}; cpu.rip = ${s + instrs[k].len}; cpu.icount = ic + ${k}; F${k}(cpu, I${k});\n`;
    if (k < n - 1) body += `    if (cpu.rip !== ${e} || cpu.limit === 0 || cpu.epoch !== ep) { cpu.icount = ic + ${k + 1}; return; }\n`;
  }
  body += `    cpu.icount = ic + ${n};\n  } catch (err) { cpu.rip = cpu.curRip; throw err; }\n};`;
  let factory = factories.get(body);
  if (factory === undefined) {
    try {
      // eslint-disable-next-line no-new-func
      factory = new Function(...params, body) as Factory;
      compileSupported = true;
    } catch {
      compileSupported = false;
      return undefined;
    }
    if (factories.size >= MAX_FACTORIES) factories.clear();
    factories.set(body, factory);
  }
  return factory(...args);
}

type Factory = (...a: unknown[]) => (cpu: unknown) => void;

/**
 * Block factories by source text. The same code at the same RIP compiles to the same text (the
 * routines and instruction records it calls are arguments), so a machine that runs it again (a
 * restarted session, a restored snapshot, another machine in the process) reuses the engine's
 * optimised code for it instead of warming up a new function.
 */
const factories = new Map<string, Factory>();
const MAX_FACTORIES = 4096;

/**
 * True when the lazy-flag record of inline instruction k is overwritten before anything can see
 * it: a later inline instruction replaces the whole record, and every instruction between is
 * inline and touches no flags (so none of them can fault or leave the block).
 */
function flagsDead(inl: (Inline | null)[], k: number): boolean {
  for (let j = k + 1; j < inl.length; j++) {
    const t = inl[j];
    if (t === null) return false;
    if (t.exit) return false;
    if (t.fullFlags) return true;
    if (t.touchesFlags) return false;
  }
  return false;
}
