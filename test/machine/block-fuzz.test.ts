// Random hot loops of integer instructions run to identical state with and without compiled (and inlined) blocks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../src/asm/index';
import { getFlags } from '../../src/machine/cpu/flags';
import { directMachine } from '../helpers/machine';

const CASES = process.env.RINGSTEP_FULL ? 600 : 120;

/** A small seeded generator (xorshift32), so that a failure names its case and replays. */
function rng(seed: number) {
  let x = seed | 0 || 1;
  const next = (): number => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 4294967296; };
  return { pick: <T>(a: readonly T[]): T => a[Math.floor(next() * a.length)], int: (n: number): number => Math.floor(next() * n), next };
}

const R64 = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'rbp', 'r8', 'r9', 'r10', 'r11'];
const R32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'ebp', 'r8d', 'r9d', 'r10d', 'r11d'];
const R8 = ['al', 'bl', 'cl', 'dl', 'sil', 'dil', 'bpl', 'r8b', 'r9b', 'r10b', 'r11b'];
const ALU = ['add', 'sub', 'and', 'or', 'xor', 'cmp', 'test', 'adc', 'sbb'];
const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const IMMS = ['0', '1', '-1', '0x7fffffff', '-0x80000000', '0x80', '3', '0x12345678', '-7', '0', '1'];

/** One random instruction line (labels for forward branches are numbered by `n`). */
function instruction(r: ReturnType<typeof rng>, n: number): string {
  const q = () => r.pick(R64), d = () => r.pick(R32), imm = () => r.pick(IMMS);
  switch (r.int(20)) {
    case 16: return `push ${q()}\n  ${r.pick(ALU)} ${q()}, ${q()}\n  pop ${q()}`;
    case 17: return `call fn${r.int(2)}`;
    case 18: return r.int(2) ? `mov ${r.int(2) ? q() : d()}, [rel data + ${8 * r.int(4)}]` : `mov [rel data + ${8 * r.int(4)}], ${r.int(2) ? q() : d()}`;
    case 19: return `${r.pick(['add', 'sub', 'and', 'or', 'xor', 'cmp', 'test'])} ${d()}, [r12 + ${4 * r.int(16)}]`;
    case 0: case 1: case 2: return `${r.pick(ALU)} ${q()}, ${r.int(2) ? q() : imm()}`;
    case 3: case 4: return `${r.pick(ALU)} ${d()}, ${r.int(2) ? d() : imm()}`;
    case 5: return r.int(2) ? `mov ${q()}, ${r.int(2) ? q() : '0x' + (r.int(2 ** 31) * 2 ** 20 + r.int(2 ** 20)).toString(16)}` : `mov ${d()}, ${r.int(2) ? d() : imm()}`;
    case 6: return `${r.pick(['inc', 'dec', 'neg', 'not'])} ${r.int(2) ? q() : d()}`;
    case 7: return `lea ${r.int(3) ? q() : d()}, [${q()} + ${q()} * ${r.pick([1, 2, 4, 8])} + ${r.pick(['0', '8', '-16', '0x7ffffff0', '-0x80000000'])}]`;
    case 8: return `lea ${q()}, [${q()} ${r.pick(['+', '-'])} ${r.int(4096)}]`;
    case 9: return `${r.pick(['shl', 'shr', 'sar', 'rol', 'ror'])} ${r.int(2) ? q() : d()}, ${r.pick([1, 1, 2, 31, 32, 33, 63, r.int(64)])}`;
    case 10: return `set${r.pick(CC)} ${r.pick(R8)}`;
    case 11: return `cmov${r.pick(CC)} ${q()}, ${q()}`;
    case 12: return `j${r.pick(CC)} .s${n}\n  ${r.pick(ALU)} ${q()}, ${q()}\n.s${n}:`;
    case 13: return `mov [r12 + ${8 * r.int(8)}], ${q()}`;
    case 14: return `${r.pick(['add', 'sub', 'xor', 'mov', 'cmp'])} ${q()}, [r12 + ${8 * r.int(8)}]`;
    default: return `add ${q()}, ${q()}`;
  }
}

/** A program: seeded registers, then a loop (hot enough to compile) whose flags are folded into r13 each time. */
function program(seed: number): string {
  const r = rng(seed);
  const body: string[] = [];
  const len = 4 + r.int(20);
  for (let k = 0; k < len; k++) {
    body.push('  ' + instruction(r, k));
    // Sometimes look at the flags right away (otherwise only the loop's end sees them).
    if (r.int(4) === 0) body.push('  pushfq', '  pop r14', '  xor r13, r14', '  rol r13, 3');
  }
  const init = R64.map((g) => `  mov ${g}, 0x${(r.int(2 ** 31) * 2 ** 21 + r.int(2 ** 21)).toString(16)}`);
  return [
    'bits 64', 'org 0x100000',
    ...init,
    '  mov r12, 0x300000', '  xor r13d, r13d', '  mov r15d, 90',
    '.loop:',
    ...body,
    '  pushfq', '  pop r14', '  rol r13, 5', '  xor r13, r14',
    '  dec r15d', '  jnz .loop',
    '  xor eax, eax', '  out 0xf4, eax',
    'fn0:', '  add rax, rbx', '  ret',
    'fn1:', '  push rcx', '  xor rcx, rdx', '  sub rsi, rcx', '  pop rcx', '  ret',
    'align 8', 'data: dq 1, 2, 3, 4',
  ].join('\n') + '\n';
}

function run(image: Uint8Array, blocks: boolean) {
  const t = directMachine(image, 64);
  t.m.cpu.blockTier = blocks;
  const stop = t.m.run(10_000_000);
  const buf = [...t.m.mem.ram.subarray(0x300000, 0x300040), ...t.m.mem.ram.subarray(0x100000, 0x101000)];
  return { stop: stop.reason, icount: t.m.cpu.icount, rip: t.m.cpu.rip, regs: [...t.m.cpu.regs], flags: getFlags(t.m.cpu as never), buf };
}

test(`${CASES} random hot loops agree with and without the block tier`, () => {
  let compiled = 0;
  for (let seed = 1; seed <= CASES; seed++) {
    const src = program(seed * 7919);
    const a = assemble(src, { file: `fuzz-${seed}.asm`, syntax: 'nasm' });
    const errs = a.diagnostics.filter((x) => x.severity === 'error');
    assert.equal(errs.length, 0, `seed ${seed}: ${errs.map((x) => `${x.line}: ${x.message}`).join('; ')}\n${src}`);
    const withBlocks = run(a.image, true), without = run(a.image, false);
    assert.equal(without.stop, 'exit', `seed ${seed}`);
    assert.deepEqual(withBlocks, without, `seed ${seed} differs with blocks:\n${src}`);
    compiled++;
  }
  assert.equal(compiled, CASES);
});

/** Every inlined form on edge values: each result and flags image is folded into r13. */
const EDGES = ['0', '1', '-1', '0x7fffffff', '0x80000000', '0x8000000000000000', '0x123456789abcdef0'];
const FORMS: string[] = [];
for (const op of ['add', 'sub', 'and', 'or', 'xor', 'cmp', 'test', 'adc', 'sbb']) {
  FORMS.push(`${op} rax, rbx`, `${op} eax, ebx`, `${op} rax, -2`, `${op} eax, 0x7fffffff`, `${op} rax, 0x80`);
}
for (const op of ['inc', 'dec', 'neg', 'not']) FORMS.push(`${op} rax`, `${op} eax`);
for (const op of ['shl', 'shr', 'sar', 'sal']) for (const c of [1, 2, 31, 32, 33, 63]) FORMS.push(`${op} rax, ${c}`, `${op} eax, ${c}`);
FORMS.push('lea rax, [rax + rbx * 4 + 8]', 'lea eax, [rbx - 1]', 'lea rax, [rbx + rax * 8 - 0x80000000]', 'mov rax, rbx', 'mov eax, ebx');
for (const cc of CC) FORMS.push(`cmp rax, rbx\n  j${cc} .t%\n  xor r13, 0x55\n.t%:`, `test eax, ebx\n  j${cc} .u%\n  xor r13, 0x66\n.u%:`);
FORMS.push('push rax\n  pop rcx\n  add rax, rcx', 'mov [rsp - 8], rbx\n  add rax, [rsp - 8]', 'mov [rsp - 16], eax\n  sub eax, [rsp - 16]');

test(`${FORMS.length} inlined forms on edge values agree with and without the block tier`, () => {
  for (const form of FORMS) {
    const body: string[] = [];
    let n = 0;
    for (const a of EDGES) {
      for (const b of EDGES) {
        body.push(`  mov rax, ${a}`, `  mov rbx, ${b}`, n % 2 ? '  stc' : '  clc', '  ' + form.replace(/%/g, String(n++)),
          '  pushfq', '  pop r14', '  xor r13, r14', '  rol r13, 7', '  xor r13, rax', '  rol r13, 7');
      }
    }
    const src = ['bits 64', 'org 0x100000', '  xor r13d, r13d', '  mov r15d, 45', '.loop:', ...body, '  dec r15d', '  jnz .loop', '  xor eax, eax', '  out 0xf4, eax'].join('\n') + '\n';
    const a = assemble(src, { file: 'forms.asm', syntax: 'nasm' });
    assert.equal(a.diagnostics.filter((x) => x.severity === 'error').length, 0, `${form}: ${a.diagnostics[0]?.message}`);
    assert.deepEqual(run(a.image, true), run(a.image, false), `${form} differs with blocks`);
  }
});

const G32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'ebp'];
const B32 = ['al', 'bl', 'cl', 'dl'];

/** One random 32-bit protected-mode instruction line (flat segments; EDI points at a scratch buffer). */
function instruction32(r: ReturnType<typeof rng>, n: number): string {
  const g = () => r.pick(G32), imm = () => r.pick(IMMS);
  switch (r.int(12)) {
    case 0: case 1: case 2: return `${r.pick(ALU)} ${g()}, ${r.int(2) ? g() : imm()}`;
    case 3: return `mov ${g()}, ${r.int(2) ? g() : imm()}`;
    case 4: return `${r.pick(['inc', 'dec', 'neg', 'not'])} ${g()}`;
    case 5: return `lea ${g()}, [${g()} + ${g()} * ${r.pick([1, 2, 4, 8])} + ${r.pick(['0', '8', '-16', '0x7ffffff0'])}]`;
    case 6: return `${r.pick(['shl', 'shr', 'sar', 'rol', 'ror'])} ${g()}, ${r.pick([1, 2, 31, r.int(32)])}`;
    case 7: return `set${r.pick(CC)} ${r.pick(B32)}`;
    case 8: return `cmov${r.pick(CC)} ${g()}, ${g()}`;
    case 9: return `j${r.pick(CC)} .s${n}\n  ${r.pick(ALU)} ${g()}, ${g()}\n.s${n}:`;
    case 10: return `mov [edi + ${4 * r.int(8)}], ${g()}`;
    default: return `${r.pick(['add', 'sub', 'xor', 'mov', 'cmp'])} ${g()}, [edi + ${4 * r.int(8)}]`;
  }
}

test(`${CASES} random 32-bit hot loops agree with and without the block tier`, () => {
  for (let seed = 1; seed <= CASES; seed++) {
    const r = rng(seed * 104729);
    const body: string[] = [];
    for (let k = 0, len = 4 + r.int(20); k < len; k++) {
      body.push('  ' + instruction32(r, k));
      if (r.int(4) === 0) body.push('  pushfd', '  xor [edi + 64], esp', '  pop dword [edi + 68]', '  rol dword [edi + 64], 3');
    }
    const src = ['bits 32', 'org 0x100000', ...G32.map((x) => `  mov ${x}, 0x${r.int(2 ** 32).toString(16)}`),
      '  mov edi, 0x300000', '  mov dword [edi + 72], 90', '.loop:', ...body,
      '  pushfd', '  pop dword [edi + 76]', '  dec dword [edi + 72]', '  jnz .loop', '  xor eax, eax', '  out 0xf4, eax'].join('\n') + '\n';
    const a = assemble(src, { file: `fuzz32-${seed}.asm`, syntax: 'nasm' });
    assert.equal(a.diagnostics.filter((x) => x.severity === 'error').length, 0, `seed ${seed}: ${a.diagnostics[0]?.message}`);
    const both = [true, false].map((blocks) => {
      const t = directMachine(a.image, 32);
      t.m.cpu.blockTier = blocks;
      const stop = t.m.run(10_000_000).reason;
      return { stop, icount: t.m.cpu.icount, rip: t.m.cpu.rip, regs: [...t.m.cpu.regs], flags: getFlags(t.m.cpu as never), buf: [...t.m.mem.ram.subarray(0x300000, 0x300050)] };
    });
    assert.equal(both[1].stop, 'exit', `seed ${seed}`);
    assert.deepEqual(both[0], both[1], `seed ${seed} differs with blocks:\n${src}`);
  }
});
