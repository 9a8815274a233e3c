// Preprocessor features compared with nasm: %define/%xdefine/%assign, %macro forms, %rep, %if family, contexts, %include.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../src/asm/index';
import { nasmAvailable, runNasm, hex } from './nasm-run';

const have = nasmAvailable();

const CASES: Record<string, string> = {
  'define with parameters and xdefine': `%define twice(x) (2*(x))\n%define A 1\n%xdefine B A+1\n%define A 10\n db twice(3), B, A\n`,
  'assign, if/elif/else and ifdef/ifndef': `%assign n 3\n%if n > 5\n db 1\n%elif n == 3\n db 2\n%else\n db 3\n%endif\n%ifdef n\n db 4\n%endif\n%ifndef m\n db 5\n%endif\n`,
  'macro default and greedy parameters, %0': `%macro m 1-3 7, 8\n db %1, %2, %3, %0\n%endmacro\n m 1\n m 1, 2\n%macro g 1+\n db %1\n%endmacro\n g 1, 2, 3\n`,
  'macro-local labels are unique per expansion': `bits 16\n%macro spin 0\n%%l: jmp %%l\n%endmacro\n spin\n spin\n`,
  'rep with exitrep': `%assign i 0\n%rep 100\n db i\n%assign i i+1\n%if i == 5\n%exitrep\n%endif\n%endrep\n`,
  'context-local labels with push/pop': `bits 16\n%push a\n%$x: jmp %$x\n%push b\n%$x: jmp %$x\n%pop\n jmp %$x\n%pop\n`,
  'idn/idni, num/str/id tests': `%ifidn foo, foo\n db 1\n%endif\n%ifidni Foo, fOO\n db 2\n%endif\n%ifnum 5\n db 3\n%endif\n%ifstr "x"\n db 4\n%endif\n%ifid abc\n db 5\n%endif\n`,
  'strlen, substr and string concatenation': `%strlen L "hello"\n db L\n%substr S "hello", 2, 3\n db S\n%strcat T "ab", "cd"\n db T\n`,
  'token pasting with %+': `%define n 3\nlabel %+ n: db 1\n dw label3\n`,
  'rotate through parameters': `%macro r 3\n%rep 3\n db %1\n%rotate 1\n%endrep\n%endmacro\n r 1, 2, 3\n`,
};

for (const [name, src] of Object.entries(CASES)) {
  test(`preprocessor: ${name} (same bytes as nasm)`, { skip: !have && 'nasm is not installed' }, () => {
    const ours = assemble(src, { file: 'p.asm' });
    assert.deepEqual(ours.diagnostics.filter((d) => d.severity === 'error'), []);
    const ref = runNasm(src);
    assert.equal(ref.error, undefined);
    assert.equal(hex(ours.image), hex(ref.bytes));
  });
}

test('%include reads through the callback and searches -I directories', () => {
  const files: Record<string, string> = { 'lib/defs.inc': 'VALUE equ 42\n' };
  const r = assemble('%include "defs.inc"\n db VALUE\n', { file: 'main.asm', includePaths: ['lib'], readFile: (p) => files[p] });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual([...r.image], [42]);
  const missing = assemble('%include "nope.inc"\n', { file: 'main.asm', readFile: () => undefined });
  assert.match(missing.diagnostics[0].message, /cannot find include file 'nope.inc'/);
  assert.equal(missing.diagnostics[0].line, 1);
});

test('-D style predefined macros', () => {
  const r = assemble(' db LEVEL\n', { file: 'd.asm', defines: { LEVEL: '3' } });
  assert.deepEqual([...r.image], [3]);
});

test('macro parameter count errors are located at the invocation', () => {
  const r = assemble('%macro two 2\n db %1, %2\n%endmacro\n two 1\n', { file: 'e.asm' });
  assert.equal(r.diagnostics[0].line, 4);
  assert.match(r.diagnostics[0].message, /expects 2 parameter\(s\) but got 1/);
});

test('__?BITS?__ and __BITS__ follow bits, [bits] and use16/32/64 as in nasm', () => {
  const src = 'bits 32\n%if __?BITS?__ == 32\n  db 32\n%endif\nbits 64\n%if __BITS__ == 64\n  db 64\n%endif\n[bits 16]\n  db __?BITS?__\nuse32\n  db __BITS__\n';
  const r = assemble(src, { file: 'bits.asm' });
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual([...r.image], [32, 64, 16, 32]);
});
