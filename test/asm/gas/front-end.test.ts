// GNU as front end details: C preprocessor line mapping, diagnostics with locations, Intel symbol rules, NOP padding against GNU as.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { guessGasBits } from '../../../src/asm/gas/front-end';
import { nopBytes } from '../../../src/asm/gas/nop-padding';
import { assembleGas, haveGas } from './gas-run';

const available = haveGas();

function hexOf(src: string, file = 'a.s', dialect: 'att' | 'gas-intel' = 'att', files: Record<string, string> = {}) {
  const r = assembleGas(src, { file, bits: 64, includePaths: ['inc'], readFile: (p) => files[p] }, dialect);
  return { hex: Buffer.from(r.image).toString('hex'), r };
}

test('.S files: #include and #if keep the original file and line in diagnostics and the line map', () => {
  const files = { 'inc/defs.h': '#define BAD movq $1, %%rax\n#define GOOD nop\n' };
  const src = '#include "defs.h"\n#if 1\n  GOOD\n#else\n  BAD\n#endif\n  bogus %rax\n';
  const { r } = hexOf(src, 'k.S', 'att', files);
  const err = r.diagnostics.find((d) => d.severity === 'error');
  assert.ok(err, 'an error for the unknown instruction');
  assert.equal(err!.file, 'k.S');
  assert.equal(err!.line, 7);
  assert.equal(err!.column, 3);
  const nop = r.lineMap.find((e) => e.line === 3);
  assert.ok(nop && nop.file === 'k.S', 'nop maps to k.S:3');
});

test('function-like #define with several arguments expands inside AT&T operands', () => {
  const { hex, r } = hexOf('#define ARG(n) (4 * (n))(%rsp)\nmovq ARG(2), %rax\n', 'f.S');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(hex, '488b442408');
});

test('diagnostics point at the operand and explain the problem', () => {
  const { r } = hexOf('  movl %ax, %ebx\n  addq $1, %rax, %rbx, %rcx\n  .byte 1,\n  jmp 3f\n');
  const lines = r.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column}`);
  assert.ok(lines.includes('1:3'), `suffix mismatch reported at 1:3 (${lines})`);
  assert.ok(r.diagnostics.some((d) => d.line === 3 && /expected a value/.test(d.message)));
  assert.ok(r.diagnostics.some((d) => d.line === 4 && /3f/.test(d.message)), 'dangling forward local label');
});

test('GAS Intel: a bare symbol is a memory operand, offset sym and known constants are immediates', () => {
  const { hex } = hexOf('.intel_syntax noprefix\n.equ K, 5\nmov eax, K\nmov rax, offset s\nmov rax, s\ns: ret\n', 'i.s', 'gas-intel');
  assert.equal(hex, 'b80500000048c7c014000000488b042514000000c3');
});

test('the starting mode is guessed from the registers a file uses (xv6 files are 32-bit)', () => {
  assert.equal(guessGasBits('swtch:\n  movl 4(%esp), %eax\n  pushl %ebp\n'), 32);
  assert.equal(guessGasBits('entry:\n  swapgs\n  movq %rsp, %gs:8\n'), 64);
  assert.equal(guessGasBits('.intel_syntax noprefix\n push rbp\n'), 64);
});

test('.set redefinitions: each use sees the value at that point', () => {
  const { hex } = hexOf('x = 1\n.byte x\nx = x + 1\n.byte x\n.set x, x * 10\n.byte x\n');
  assert.equal(hex, '010214');
});

test('NOP padding matches GNU as for every length up to 140 in 16-, 32- and 64-bit code', { skip: available ? false : 'GNU as not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'rs-nops-'));
  try {
    for (const [mode, flag, x64] of [[16, '--32', false], [32, '--32', false], [32, '--64', true], [64, '--64', true]] as [16 | 32 | 64, string, boolean][]) {
      const src = [`.code${mode}`];
      for (let k = 1; k <= 140; k++) src.push(`.p2align 8`, `.fill ${256 - k}, 1, 0xcc`, '.p2align 8');
      writeFileSync(join(dir, 'n.s'), src.join('\n') + '\n');
      assert.equal(spawnSync('as', [flag, '-o', join(dir, 'n.o'), join(dir, 'n.s')]).status, 0);
      spawnSync('objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'n.o'), join(dir, 'n.bin')]);
      const img = readFileSync(join(dir, 'n.bin'));
      for (let k = 1; k <= 140; k++) {
        const got = Buffer.from(img.subarray(k * 256 - k, k * 256)).toString('hex');
        assert.equal(Buffer.from(nopBytes(k, mode, x64)).toString('hex'), got, `${k} bytes in ${mode}-bit code (${flag})`);
      }
    }
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
