// GAS Intel lines GNU as rejects although NASM's rules have a form for them: rejected here too, with a diagnostic saying what GNU as takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleGas, haveGas, hex, runGnuAs } from './gas-run';

const available = haveGas();

/** Each line, its mode, and a fragment of our diagnostic. */
const REJECTED: [string, 16 | 32 | 64, RegExp][] = [
  ['movsxd ax, cx', 64, /movsxd.*32- or 64-bit destination/],
  ['movsxd ax, word ptr [rax]', 64, /movsxd/],
  ['fcom st, st(1)', 32, /fcom.*one register operand: write 'fcom st\(1\)'/],
  ['fcomp st, st(5)', 16, /fcomp/],
  ['fld st, st(1)', 64, /fld/],
  ['fxch st, st(5)', 32, /fxch/],
  ['lss rax, tbyte ptr [rax]', 64, /lss.*not a 64-bit one/],
  ['lfs r13, tbyte ptr [rax]', 64, /lfs/],
  ['lgs r15, tbyte ptr [r13]', 64, /lgs/],
  ['bswap ax', 32, /bswap.*32- or 64-bit register/],
  ['bswap r10w', 64, /bswap/],
  ['jmp tbyte ptr [rax]', 64, /jmp.*fword ptr/],
  ['call tbyte ptr [r12]', 64, /call/],
  ['salc', 32, /no such instruction in GNU as: 'salc'/],
  ['fstpnce st(1)', 16, /fstpnce/],
  ['pcmpestri64 xmm0, xmm1, 0', 64, /write pcmpestriq/],
  ['sysret', 64, /sysretq/],
  ['sysexit', 64, /sysexitq/],
  ['jmp 0x10:0x12345678', 16, /16-bit jump out of range/],
];

/** Their neighbours GNU as accepts: still assembled. */
const ACCEPTED: [string, 16 | 32 | 64][] = [
  ['movsxd rax, ecx', 64], ['movsxd eax, dword ptr [rax]', 64], ['fcom st(1)', 32], ['fxch st(5)', 16], ['fld st(1)', 64],
  ['lss eax, fword ptr [rax]', 64], ['lfs ax, dword ptr [bx]', 16], ['bswap eax', 32], ['bswap r10', 64],
  ['jmp fword ptr [rax]', 64], ['call fword ptr [r12]', 64], ['sysretq', 64], ['sysretd', 64], ['sysret', 32], ['sysexitq', 64],
  ['jmp 0x10:0x1234', 16], ['data32 jmp 0x10:0x12345678', 16], ['pcmpestriq xmm0, xmm1, 0', 64], ['pcmpestrmq xmm0, xmmword ptr [rax], 0', 64],
];

function ours(line: string, bits: 16 | 32 | 64) {
  return assembleGas(`.intel_syntax noprefix\n.code${bits}\n${line}\n`, { file: 'r.s', bits }, 'gas-intel').diagnostics.filter((d) => d.severity === 'error');
}

test('GAS Intel lines GNU as rejects are errors, on their line, saying what GNU as takes', () => {
  for (const [line, bits, message] of REJECTED) {
    const errors = ours(line, bits);
    assert.equal(errors.length, 1, `${bits}: ${line}`);
    assert.equal(errors[0].line, 3, line);
    assert.match(errors[0].message, message, line);
  }
});

test('their neighbours that GNU as accepts still assemble', () => {
  for (const [line, bits] of ACCEPTED) assert.deepEqual(ours(line, bits), [], `${bits}: ${line}`);
});

test('GNU as agrees: it rejects the first list and gives the second the same bytes', { skip: available ? false : 'GNU as not installed' }, () => {
  const d = mkdtempSync(join(tmpdir(), 'rs-gas-rej-'));
  const f = join(d, 'r.s');
  for (const [line, bits] of REJECTED) {
    writeFileSync(f, `.intel_syntax noprefix\n.code${bits}\n${line}\n`);
    assert.ok(runGnuAs(f, bits, ['.text']).error, `GNU as accepts ${bits}: ${line}`);
  }
  for (const [line, bits] of ACCEPTED) {
    writeFileSync(f, `.intel_syntax noprefix\n.code${bits}\n${line}\n`);
    const r = runGnuAs(f, bits, ['.text']);
    assert.equal(r.error, undefined, `GNU as rejects ${bits}: ${line}: ${r.stderr}`);
    const mine = assembleGas(`.intel_syntax noprefix\n.code${bits}\n${line}\n`, { file: 'r.s', bits }, 'gas-intel');
    assert.equal(hex(mine.image), hex(r.bytes), `${bits}: ${line}`);
  }
});
