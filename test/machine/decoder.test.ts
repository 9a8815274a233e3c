// Unit tests for the decoder's tricky cases: prefixes, REX, address size, RIP-relative, moffs, VEX bytes, length limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decode, decodeBytes } from '../../src/machine/cpu/decoder';
import { Instr, OpKind, REG_NONE, REG_RIP, Seg } from '../../src/machine/cpu/instr';
import { FORMS } from '../../src/isa/table';

const d = (bits: 16 | 32 | 64, ...bytes: number[]): Instr => decodeBytes(new Uint8Array(bytes), 0, bits);

test('byte registers 4-7 are AH..BH without REX and SPL..DIL with any REX', () => {
  const noRex = d(64, 0x88, 0xe0); // mov al, ah
  assert.equal(noRex.mnem, 'mov');
  assert.equal(noRex.k1, OpKind.Reg);
  assert.equal(noRex.r1, 16 + 0); // AH = 16
  const rex = d(64, 0x40, 0x88, 0xe0); // mov al, spl
  assert.equal(rex.r1, 4);
  assert.equal(rex.rex, 0x40);
  const bh = d(32, 0x8a, 0xfb); // mov bh, bl
  assert.equal(bh.r0, 19);
  assert.equal(bh.r1, 3);
});

test('REX.W takes priority over 66h; a REX not directly before the opcode is ignored', () => {
  assert.equal(d(64, 0x66, 0x48, 0x01, 0xc0).osize, 8); // add rax, rax
  assert.equal(d(64, 0x66, 0x01, 0xc0).osize, 2); // add ax, ax
  const stale = d(64, 0x48, 0x66, 0x01, 0xc0); // REX then 66: REX dropped
  assert.equal(stale.rex, 0);
  assert.equal(stale.osize, 2);
  assert.equal(stale.len, 4);
});

test('67h selects the other address size, and 16-bit addressing uses BX/BP/SI/DI with SS for BP', () => {
  const a32 = d(64, 0x67, 0x8b, 0x00); // mov eax, [eax]
  assert.equal(a32.asize, 4);
  assert.equal(a32.memBase, 0);
  const bp = d(16, 0x8b, 0x46, 0xf8); // mov ax, [bp-8]
  assert.equal(bp.asize, 2);
  assert.equal(bp.memBase, 5);
  assert.equal(bp.memIndex, REG_NONE);
  assert.equal(bp.memSeg, Seg.SS);
  assert.equal(bp.dispLo, -8);
  const bxsi = d(32, 0x67, 0x8b, 0x00); // 16-bit addressing in 32-bit code: [bx+si]
  assert.equal(bxsi.memBase, 3);
  assert.equal(bxsi.memIndex, 6);
  assert.equal(bxsi.len, 3);
});

test('RIP-relative: base REG_RIP and a displacement relative to the end of the instruction', () => {
  const i = d(64, 0x48, 0x8b, 0x05, 0x10, 0x00, 0x00, 0x00); // mov rax, [rip+0x10]
  assert.equal(i.memBase, REG_RIP);
  assert.equal(i.dispLo, 0x10);
  assert.equal(i.len, 7);
  const imm = d(64, 0xc7, 0x05, 0xf8, 0xff, 0xff, 0xff, 0x01, 0x00, 0x00, 0x00); // mov dword [rip-8], 1
  assert.equal(imm.memBase, REG_RIP);
  assert.equal(imm.dispLo, -8);
  assert.equal(imm.dispHi, -1);
  assert.equal(imm.immLo, 1);
  // In 32-bit mode the same ModRM is an absolute disp32.
  assert.equal(d(32, 0x8b, 0x05, 0x10, 0, 0, 0).memBase, REG_NONE);
});

test('moffs is 8 bytes in 64-bit mode and 4 with 67h', () => {
  const i = d(64, 0xa1, 1, 2, 3, 4, 5, 6, 7, 0x88); // mov eax, [qword 0x8807060504030201]
  assert.equal(i.len, 9);
  assert.equal(i.k1, OpKind.Mem);
  assert.equal(i.dispLo >>> 0, 0x04030201);
  assert.equal(i.dispHi >>> 0, 0x88070605);
  const a32 = d(64, 0x67, 0xa1, 1, 2, 3, 4);
  assert.equal(a32.len, 6);
  assert.equal(a32.asize, 4);
  assert.equal(d(64, 0x48, 0xa3, 0, 0, 0, 0, 0, 0, 0, 0).osize, 8); // mov [moffs64], rax
});

test('segment overrides: FS/GS win over ES/CS/SS/DS in 64-bit mode; the override value is kept as given', () => {
  assert.equal(d(64, 0x64, 0x8b, 0x00).memSeg, Seg.FS);
  assert.equal(d(64, 0x64, 0x26, 0x8b, 0x00).segOverride, Seg.FS);
  assert.equal(d(64, 0x26, 0x8b, 0x00).segOverride, Seg.ES);
  assert.equal(d(32, 0x64, 0x26, 0x8b, 0x00).segOverride, Seg.ES); // last one wins outside 64-bit mode
  assert.equal(d(32, 0x8b, 0x45, 0x00).memSeg, Seg.SS); // [ebp] defaults to SS
  assert.equal(d(32, 0x2e, 0x8b, 0x45, 0x00).memSeg, Seg.CS);
});

test('mandatory prefixes are not REP; REP on string instructions is', () => {
  const movdqu = d(64, 0xf3, 0x0f, 0x6f, 0xc1);
  assert.equal(movdqu.mnem, 'movdqu');
  assert.equal(movdqu.rep, 0);
  const pause = d(64, 0xf3, 0x90);
  assert.equal(pause.mnem, 'pause');
  assert.equal(pause.rep, 0);
  const repMovs = d(64, 0xf3, 0x48, 0xa5);
  assert.equal(repMovs.mnem, 'movsq');
  assert.equal(repMovs.rep, 0xf3);
  assert.equal(repMovs.nops, 0);
  const repne = d(32, 0xf2, 0xae);
  assert.equal(repne.mnem, 'scasb');
  assert.equal(repne.rep, 0xf2);
  assert.equal(d(64, 0xf3, 0x0f, 0xb8, 0xc1).mnem, 'popcnt');
  assert.equal(d(64, 0x66, 0xf3, 0x0f, 0xbc, 0xc1).osize, 2); // tzcnt ax, cx: 66h is operand size here
  assert.equal(d(64, 0xf2, 0x0f, 0x6f, 0xc1).mnem, ''); // F2 0F 6F: no such form
  const strSeg = d(32, 0x26, 0xa4);
  assert.equal(strSeg.memSeg, Seg.ES);
  assert.equal(d(32, 0xa4).memSeg, Seg.DS);
});

test('VEX/EVEX bytes: invalid in 64-bit mode; LES/LDS/BOUND in 32-bit mode unless mod = 3', () => {
  assert.equal(d(64, 0xc5, 0xf8, 0x77).mnem, '');
  assert.equal(d(64, 0xc4, 0xe2, 0x79, 0x00, 0xc0).mnem, '');
  assert.equal(d(64, 0x62, 0xf1, 0x7c, 0x48, 0x28, 0xc1).mnem, '');
  assert.equal(d(32, 0xc4, 0x00).mnem, 'les');
  assert.equal(d(32, 0xc5, 0x00).mnem, 'lds');
  assert.equal(d(32, 0x62, 0x00).mnem, 'bound');
  assert.equal(d(32, 0xc5, 0xf8, 0x77).mnem, '');
  assert.equal(d(32, 0xc4, 0xc0, 0x00).form, -1);
});

test('the 15-byte limit: 14 prefixes + opcode decode, 15 prefixes + opcode are invalid and flagged', () => {
  const ok = d(64, ...new Array(14).fill(0x66), 0x90);
  assert.equal(ok.len, 15);
  assert.notEqual(ok.mnem, '');
  const long = d(64, ...new Array(15).fill(0x66), 0x90);
  assert.equal(long.mnem, '');
  assert.equal(long.form, -1);
  assert.equal(long.tooLong, true);
  assert.ok(long.len >= 1 && long.len <= 15);
  const longImm = d(64, ...new Array(10).fill(0x2e), 0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8); // 20 bytes
  assert.equal(longImm.tooLong, true);
});

test('SALC, UD2, INT1, HLT and system instructions decode by name', () => {
  assert.equal(d(32, 0xd6).mnem, 'salc');
  assert.equal(d(64, 0xd6).mnem, ''); // invalid in 64-bit mode
  assert.equal(d(64, 0x0f, 0x0b).mnem, 'ud2');
  assert.equal(d(64, 0xf1).mnem, 'int1');
  assert.equal(d(64, 0xf4).mnem, 'hlt');
  assert.equal(d(64, 0x0f, 0x01, 0xf8).mnem, 'swapgs');
  assert.equal(d(32, 0x0f, 0x01, 0xf8).mnem, ''); // swapgs is 64-bit only
  assert.equal(d(64, 0x0f, 0x01, 0x10).mnem, 'lgdt');
  assert.equal(d(64, 0x0f, 0x01, 0x10).s0, 10);
  assert.equal(d(32, 0x0f, 0x01, 0x10).s0, 6);
  assert.equal(d(64, 0x0f, 0x05).mnem, 'syscall');
  assert.equal(d(64, 0x48, 0xcf).mnem, 'iretq');
  assert.equal(d(64, 0xcf).mnem, 'iretd');
  assert.equal(d(16, 0xcf).mnem, 'iret');
  assert.equal(d(64, 0x48, 0x98).mnem, 'cdqe');
  assert.equal(d(64, 0x9c).mnem, 'pushfq');
  assert.equal(d(64, 0xdf, 0xe0).mnem, 'fnstsw');
  assert.equal(d(64, 0x9b).mnem, 'wait');
  const crWrite = d(64, 0x44, 0x0f, 0x22, 0xc0); // mov cr8, rax
  assert.equal(crWrite.k0, OpKind.Cr);
  assert.equal(crWrite.r0, 8);
  assert.equal(crWrite.osize, 8);
  assert.equal(d(64, 0x0f, 0x22, 0xc8).mnem, ''); // CR1 does not exist
});

test('near branches: 64-bit operand size regardless of 66h (Intel), displacement sign-extended', () => {
  const jmp = d(64, 0x66, 0xe9, 0xfb, 0xff, 0xff, 0xff);
  assert.equal(jmp.osize, 8);
  assert.equal(jmp.len, 6);
  assert.equal(jmp.k0, OpKind.Rel);
  assert.equal(jmp.immLo, -5);
  assert.equal(jmp.immHi, -1);
  const jmp16 = d(32, 0x66, 0xe9, 0xfd, 0xff); // rel16 in 32-bit code
  assert.equal(jmp16.osize, 2);
  assert.equal(jmp16.len, 4);
  assert.equal(d(64, 0xe3, 0x00).mnem, 'jrcxz');
  assert.equal(d(64, 0x67, 0xe3, 0x00).mnem, 'jecxz');
  assert.equal(d(16, 0xe3, 0x00).mnem, 'jcxz');
  assert.equal(d(64, 0x6a, 0xff).osize, 8); // push imm8: d64
  assert.equal(d(64, 0x6a, 0xff).immHi, -1);
});

test('immediates: Iz sign-extended to 64 bits, mov r64, imm64, far pointers and ENTER', () => {
  const add = d(64, 0x48, 0x05, 0x00, 0x00, 0x00, 0x80); // add rax, -0x80000000
  assert.equal(add.immLo, 0x80000000 | 0);
  assert.equal(add.immHi, -1);
  const movabs = d(64, 0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8);
  assert.equal(movabs.len, 10);
  assert.equal(movabs.immLo >>> 0, 0x04030201);
  assert.equal(movabs.immHi >>> 0, 0x08070605);
  const far = d(32, 0xea, 0x78, 0x56, 0x34, 0x12, 0x08, 0x00);
  assert.equal(far.k0, OpKind.Far);
  assert.equal(far.immLo, 0x12345678);
  assert.equal(far.imm2, 8);
  const enter = d(64, 0xc8, 0x10, 0x00, 0x02);
  assert.equal(enter.immLo, 0x10);
  assert.equal(enter.imm2, 2);
});

test('LOCK is accepted only on lockable forms with a memory destination', () => {
  assert.equal(d(64, 0xf0, 0x01, 0x00).lock, true);
  assert.equal(d(64, 0xf0, 0x01, 0xc0).mnem, '');
  assert.equal(d(64, 0xf0, 0x8b, 0x00).mnem, '');
  assert.equal(d(64, 0xf0, 0x0f, 0xc7, 0x08).mnem, 'cmpxchg8b');
  assert.equal(d(64, 0xf0, 0x48, 0x0f, 0xc7, 0x08).mnem, 'cmpxchg16b');
});

test('decode() propagates a fetch fault and resets every field of a reused Instr', () => {
  const out = new Instr();
  decodeBytes(new Uint8Array([0x48, 0x8b, 0x05, 1, 0, 0, 0]), 0, 64, out);
  assert.equal(out.memBase, REG_RIP);
  decodeBytes(new Uint8Array([0x90]), 0, 64, out);
  assert.equal(out.mnem, 'nop');
  assert.equal(out.memBase, REG_NONE);
  assert.equal(out.modrm, -1);
  assert.equal(out.nops, 0);
  assert.throws(() => decode((k) => { if (k > 1) throw new Error('page fault'); return [0x48, 0x8b][k]; }, 64, out), /page fault/);
});

test('every decoded form index points at a form with the same mnemonic', () => {
  const i = d(64, 0x0f, 0xa2);
  assert.equal(FORMS[i.form].m, 'cpuid');
  assert.equal(i.map, 1);
  assert.equal(i.opcode, 0xa2);
});
