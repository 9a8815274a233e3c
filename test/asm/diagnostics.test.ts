// Diagnostics: located, plain messages for the errors users make; many per run; never an exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assemble } from '../../src/asm/index';

function errs(src: string) {
  return assemble(src, { file: 't.asm' }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}:${d.column}-${d.endColumn} ${d.message}`);
}

test('undefined symbol with a did-you-mean suggestion', () => {
  assert.deepEqual(errs('bits 32\ncounter: dd 0\n mov eax, [countr]\n'), ["3:12-18 undefined symbol 'countr' (did you mean 'counter'?)"]);
});

test('unknown mnemonic with a suggestion, and several errors in one run', () => {
  const e = errs('bits 32\n mvo eax, 1\n add eax,\n jmp nowhere\n');
  assert.equal(e.length, 3);
  assert.match(e[0], /^2:2-5 unknown instruction 'mvo' \(did you mean 'mov'\?\)/);
  assert.match(e[1], /^3:/);
  assert.match(e[2], /^4:.*undefined symbol 'nowhere'/);
});

test('instruction not valid in this mode', () => {
  assert.match(errs('bits 64\n push eax\n')[0], /not valid in 64-bit mode|cannot be encoded in 64-bit mode/);
  assert.match(errs('bits 32\n mov rax, 1\n')[0], /only available in 64-bit mode/);
  assert.match(errs('bits 64\n aaa\n')[0], /not valid in 64-bit mode/);
});

test('operand size mismatch names the sizes', () => {
  assert.match(errs('bits 32\n mov eax, bx\n')[0], /size mismatch: .*16-bit.*32-bit|size mismatch.*32-bit.*16-bit/);
  assert.match(errs('bits 32\n inc [eax]\n')[0], /operation size not specified.*byte.*dword/);
});

test('out of range values', () => {
  assert.match(errs('bits 32\n jmp short far_away\n times 200 nop\nfar_away:\n')[0], /short jump is out of range/);
  const w = assemble('bits 32\n db 300\n', { file: 't.asm' }).diagnostics;
  assert.match(w[0].message, /does not fit in 1 byte/);
});

test('extern in a flat binary and seg/wrt are rejected clearly', () => {
  assert.match(errs('bits 32\nextern printf\n call printf\n')[0], /extern.*flat binary/);
  assert.match(errs('bits 16\n mov ax, seg foo\nfoo:\n')[0], /'seg' is not supported/);
});

test('local labels attach to the previous non-local label', () => {
  const r = assemble('bits 32\na:\n.l: jmp .l\nb:\n.l: jmp .l\n jmp a.l\n', { file: 't.asm' });
  assert.equal(r.diagnostics.length, 0);
  assert.equal(r.symbols.get('a.l')?.value, 0);
  assert.equal(r.symbols.get('b.l')?.value, 2);
});

test('forward references converge and pick short jumps in range', () => {
  const r = assemble('bits 16\n jmp done\n times 100 nop\ndone: jmp start\n times 200 nop\nstart:\n', { file: 't.asm' });
  assert.equal(Buffer.from(r.image.subarray(0, 2)).toString('hex'), 'eb64');
  assert.equal(Buffer.from(r.image.subarray(102, 105)).toString('hex'), 'e9c800');
});

test('a macro that invokes itself twice per level stops with an error instead of exhausting memory', () => {
  const e = errs('bits 64\n%macro boom 0\n  nop\n  boom\n  boom\n%endmacro\n  boom\n');
  assert.ok(e.some((x) => /^7:.*more than 2,000,000 lines after macro and %rep expansion/.test(x)), e.join('\n'));
});
