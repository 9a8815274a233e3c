// Debug traps at the instruction boundary: TF single steps with DR6.BS, DR0 instruction breakpoints (fault, RF), DR1 data breakpoints (trap), RF in a fault's RFLAGS image, NMI blocking until IRET.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Machine } from '../../../src/machine/machine';
import { startDirect32 } from '../../../src/machine/boot/direct';
import { haveNasm, nasm } from '../../helpers/nasm';

const IDT = 0x3000, LOG = 0x4000;

/**
 * A 32-bit machine running `body` at 0x100000 with an IDT whose gates 1 (#DB), 2 (NMI) and 13
 * (#GP) go to a handler that appends [vector, EIP, EFLAGS, DR6] to the log at 0x4000 (count at
 * 0x3ff0), clears DR6 and returns (skipping 2 bytes after a #GP; setting RF in the image after a
 * #DB, so that an instruction breakpoint lets its instruction run).
 */
function machine(body: string): Machine {
  const src = `bits 32
org 0x100000
${body}
  hlt
%macro STUB 1
stub%1:
  push dword %1
  jmp dbcommon
%endmacro
STUB 1
STUB 2
STUB 13
dbcommon:
  pushad
  mov ebx, [0x3ff0]
  shl ebx, 4
  mov eax, [esp + 32]
  mov [${LOG} + ebx], eax
  mov ecx, 36
  cmp eax, 13
  jne .noec
  add ecx, 4
  add dword [esp + ecx], 2
.noec:
  mov eax, [esp + ecx]
  mov [${LOG} + ebx + 4], eax
  mov eax, [esp + ecx + 8]
  mov [${LOG} + ebx + 8], eax
  cmp dword [esp + 32], 1
  jne .nodb
  or dword [esp + ecx + 8], 0x10000
.nodb:
  mov eax, dr6
  mov [${LOG} + ebx + 12], eax
  xor eax, eax
  mov dr6, eax
  inc dword [0x3ff0]
  popad
  add esp, 4
  cmp dword [esp - 4], 13
  jne .ret
  add esp, 4
.ret:
  iretd
stubs: dd stub1, stub2, stub13
`;
  const image = nasm(src);
  const m = new Machine({ ramBytes: 16 << 20 });
  m.mem.load(0x100000, image);
  startDirect32(m.cpu, 0x100000, 0x90000);
  // Gates: the stub addresses are at the end of the image.
  const stubAt = (k: number) => image[image.length - 12 + 4 * k] | (image[image.length - 11 + 4 * k] << 8) | (image[image.length - 10 + 4 * k] << 16) | (image[image.length - 9 + 4 * k] << 24);
  [1, 2, 13].forEach((v, k) => {
    const h = stubAt(k) >>> 0;
    m.mem.write(IDT + v * 8, 4, (m.cpu.segs[1].selector << 16) | (h & 0xffff));
    m.mem.write(IDT + v * 8 + 4, 4, (h & 0xffff0000) | 0x8e00);
  });
  m.cpu.idtrBase = IDT; m.cpu.idtrLimit = 256 * 8 - 1;
  return m;
}

function log(m: Machine): number[][] {
  const n = m.mem.read(0x3ff0, 4);
  return Array.from({ length: n }, (_, k) => [0, 4, 8, 12].map((o) => m.mem.read(LOG + 16 * k + o, 4) >>> 0));
}

const nasmOk = haveNasm();

test('TF: one #DB after each instruction from the one after POPF up to the POPF that clears TF, with DR6.BS', { skip: !nasmOk && 'nasm missing' }, () => {
  const m = machine(`
  pushfd
  or dword [esp], 0x100
  popfd
a1: nop
a2: nop
a3: pushfd
a4: and dword [esp], ~0x100
a5: popfd
a6: nop`);
  m.run(1000);
  const l = log(m);
  assert.equal(l.length, 5);
  assert.ok(l.every((e) => e[0] === 1 && (e[3] & 0x4000) !== 0), 'vector 1 with DR6.BS');
  assert.deepEqual(l.map((e) => (e[2] >> 8) & 1), [1, 1, 1, 1, 0], 'TF in the image until the POPF that cleared it');
  const eips = l.map((e) => e[1] - 0x100000);
  assert.deepEqual(eips, [eips[0], eips[0] + 1, eips[0] + 2, eips[0] + 9, eips[0] + 10], 'after nop, nop, pushfd, and, popfd');
});

test('DR0 execute breakpoint: #DB before the instruction (B0), RF from the handler lets it run once', { skip: !nasmOk && 'nasm missing' }, () => {
  const m = machine(`
  mov eax, target
  mov dr0, eax
  mov eax, 0x401
  mov dr7, eax
  xor ecx, ecx
target:
  inc ecx
  inc ecx
  xor eax, eax
  mov dr7, eax`);
  m.run(1000);
  const l = log(m);
  assert.equal(l.length, 1, 'one #DB: RF in the image suppresses the breakpoint once');
  assert.equal(l[0][0], 1);
  assert.equal(l[0][3] & 0xf, 1, 'DR6.B0');
  assert.equal(l[0][2] & 0x10000, 0, 'no RF in the image of an instruction breakpoint');
  assert.equal(m.cpu.get32(1), 2, 'both INCs ran');
  assert.equal(m.cpu.flags & 0x10000, 0, 'RF cleared after the instruction completed');
});

test('DR1 write watch: #DB after the write (trap) with B1; reads do not trigger it; a fault image has RF', { skip: !nasmOk && 'nasm missing' }, () => {
  const m = machine(`
  mov eax, 0x5000
  mov dr1, eax
  mov eax, 0x00d00404
  mov dr7, eax
  mov eax, [0x5000]
  mov word [0x5002], 1
after:
  xor eax, eax
  mov dr7, eax
  mov ax, 0x1234
  mov ds, ax`);
  m.run(1000);
  const l = log(m);
  assert.equal(l.length, 2);
  assert.equal(l[0][0], 1);
  assert.equal(l[0][3] & 0xf, 2, 'DR6.B1');
  assert.equal(m.mem.read(0x5000, 4), 0x10000, 'the write completed');
  assert.equal(l[1][0], 13);
  assert.equal(l[1][2] & 0x10000, 0x10000, 'RF set in the image of #GP (a fault)');
});

test('NMI: delivered with IF = 0, a second one waits for the IRET of the first', () => {
  const m = machine(`
  times 20 nop`);
  const router = m.board.interrupts;
  m.run(2);
  router.raiseNmi();
  m.run(3);                       // into the handler
  router.raiseNmi();
  m.run(2);
  assert.equal(m.mem.read(0x3ff0, 4), 0, 'handler still running: the second NMI is held (the log entry is written at the end)');
  m.run(1000);
  assert.deepEqual(log(m).map((e) => e[0]), [2, 2]);
});
