// The `ringstep asm` command: output file, listing, diagnostics format and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asmCommand } from '../../src/cli/asm-command';

function capture(): { restore: () => string } {
  const orig = process.stderr.write.bind(process.stderr);
  let text = '';
  (process.stderr as any).write = (s: string) => { text += s; return true; };
  return { restore: () => { (process.stderr as any).write = orig; return text; } };
}

test('asm writes the flat image and a listing, exit code 0', async () => {
  const d = mkdtempSync(join(tmpdir(), 'rs-asm-'));
  writeFileSync(join(d, 'a.asm'), 'bits 32\nstart: mov eax, 1\n jmp start\n');
  const code = await asmCommand([join(d, 'a.asm'), '-o', join(d, 'a.bin'), '--listing', join(d, 'a.lst')]);
  assert.equal(code, 0);
  assert.equal(Buffer.from(readFileSync(join(d, 'a.bin'))).toString('hex'), 'b801000000ebf9');
  assert.match(readFileSync(join(d, 'a.lst'), 'utf8'), /00000000 B801000000\s+start: mov eax, 1/);
});

test('asm prints file:line:col: error: message and exits 1', async () => {
  const d = mkdtempSync(join(tmpdir(), 'rs-asm-'));
  writeFileSync(join(d, 'b.asm'), 'bits 64\n push eax\n movv eax, 1\n');
  const c = capture();
  const code = await asmCommand([join(d, 'b.asm'), '-o', join(d, 'b.bin')]);
  const err = c.restore();
  assert.equal(code, 1);
  assert.match(err, /b\.asm:2:2: error: .*64-bit mode/);
  assert.match(err, /b\.asm:3:2: error: unknown instruction 'movv' \(did you mean 'mov/);
  assert.equal(existsSync(join(d, 'b.bin')), false);
});
