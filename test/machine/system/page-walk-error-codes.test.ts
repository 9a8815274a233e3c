// Page walks: the #PF error code and CR2 address for each cause, Accessed/Dirty updates, and side-effect-free walks for the debugger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PhysicalMemory } from '../../../src/machine/memory/physical';
import { pageWalk, ACC_READ, ACC_WRITE, ACC_EXEC, type PagingRegs, type Translation } from '../../../src/machine/mmu/paging';
import { CpuFault } from '../../../src/machine/cpu/fault';
import { CR0_PE, CR0_PG, CR0_WP, CR4_PAE, CR4_PSE, EFER_LMA, EFER_LME, EFER_NXE } from '../../../src/machine/cpu/registers';

const PD = 0x10000, PT = 0x11000;

/** 32-bit paging: 0x400000.. through PT: [0] supervisor RW, [1] user RO, [2] not present, [3] user RW. */
function paging32(wp = false): PagingRegs {
  const mem = new PhysicalMemory(4 << 20);
  mem.write(PD + 4, 4, PT | 7);
  mem.write(PT + 0, 4, 0x200003);
  mem.write(PT + 4, 4, 0x201005);
  mem.write(PT + 8, 4, 0x202006);
  mem.write(PT + 12, 4, 0x203007);
  return { cr0: CR0_PE | CR0_PG | (wp ? CR0_WP : 0), cr3: PD, cr4: CR4_PSE, efer: 0, mem };
}

/** The #PF a walk raises (or null when it translates). */
function pf(r: PagingRegs, lin: number, access: number, user: boolean): { code: number; address: number } | null {
  const out: Translation = { physPage: 0, flags: 0, level: 0 };
  try { pageWalk(r, lin, access, user, true, out); return null; } catch (e) {
    assert.ok(e instanceof CpuFault && e.vector === 14, 'a #PF');
    return { code: e.errorCode, address: e.address };
  }
}

test('32-bit paging: not-present faults give P=0 with W and U for the access', () => {
  const r = paging32();
  assert.deepEqual(pf(r, 0x402010, ACC_READ, false), { code: 0, address: 0x402010 });
  assert.deepEqual(pf(r, 0x402010, ACC_WRITE, false), { code: 2, address: 0x402010 });
  assert.deepEqual(pf(r, 0x402010, ACC_READ, true), { code: 4, address: 0x402010 });
  assert.deepEqual(pf(r, 0x402010, ACC_WRITE, true), { code: 6, address: 0x402010 });
  assert.equal(pf(r, 0x402010, ACC_EXEC, false)?.code, 0, 'no I bit without PAE and NXE');
  assert.equal(pf(r, 0x800000, ACC_READ, false)?.code, 0, 'not-present PDE');
});

test('32-bit paging: protection faults give P=1; CR0.WP decides supervisor writes to read-only pages', () => {
  const r = paging32();
  assert.equal(pf(r, 0x400000, ACC_READ, true)?.code, 5, 'user read of a supervisor page');
  assert.equal(pf(r, 0x400000, ACC_WRITE, true)?.code, 7, 'user write of a supervisor page');
  assert.equal(pf(r, 0x401000, ACC_WRITE, true)?.code, 7, 'user write of a read-only page');
  assert.equal(pf(r, 0x401000, ACC_READ, true), null, 'user read of a user page');
  assert.equal(pf(r, 0x401000, ACC_WRITE, false), null, 'WP=0: ring 0 may write a read-only page');
  assert.equal(pf(paging32(true), 0x401000, ACC_WRITE, false)?.code, 3, 'WP=1: it may not');
});

test('Accessed and Dirty are set by walks with side effects, never by a debugger peek', () => {
  const r = paging32();
  const out: Translation = { physPage: 0, flags: 0, level: 0 };
  assert.ok(pageWalk(r, 0x403000, ACC_WRITE, true, false, out));
  assert.equal(r.mem.read(PT + 12, 4), 0x203007, 'peek leaves the PTE alone');
  assert.equal(r.mem.read(PD + 4, 4), PT | 7);
  pageWalk(r, 0x403000, ACC_READ, true, true, out);
  assert.equal(r.mem.read(PT + 12, 4), 0x203027, 'read sets A');
  assert.equal(r.mem.read(PD + 4, 4), PT | 0x27, 'and the PDE A');
  pageWalk(r, 0x403000, ACC_WRITE, true, true, out);
  assert.equal(r.mem.read(PT + 12, 4), 0x203067, 'write sets D');
  assert.equal(out.physPage, 0x203000);
  assert.equal(pf(r, 0x402000, ACC_READ, false)?.code, 0);
  assert.equal(r.mem.read(PT + 8, 4), 0x202006, 'a fault sets nothing');
});

/** 4-level paging with NXE: PML4 0x20000 -> PDPT 0x21000 -> PD 0x22000 -> PT 0x23000. */
function paging64(): PagingRegs {
  const mem = new PhysicalMemory(8 << 20);
  mem.write(0x20000, 4, 0x21007);
  mem.write(0x21000, 4, 0x22007);
  mem.write(0x21008, 4, 0x83);                       // 1 GiB page at 1 GiB -> 0
  mem.write(0x21010, 4, 0x2083);                     // 1 GiB page with reserved bit 13
  mem.write(0x22000, 4, 0x23007);
  mem.write(0x22008, 4, 0x200087);                   // 2 MiB user page
  mem.write(0x2200c, 4, 0x80000000);                 // ... with XD
  mem.write(0x22010, 4, 0x402083);                   // 2 MiB page with reserved bit 13
  mem.write(0x23000, 4, 0x300007);
  mem.write(0x23008, 4, 0x301007);
  mem.write(0x2300c, 4, 0x00000100);                 // bit 40: above MAXPHYADDR
  return { cr0: CR0_PE | CR0_PG | CR0_WP, cr3: 0x20000, cr4: CR4_PAE, efer: EFER_LME | EFER_LMA | EFER_NXE, mem };
}

test('4-level paging: 4 KiB, 2 MiB and 1 GiB translations', () => {
  const r = paging64();
  const out: Translation = { physPage: 0, flags: 0, level: 0 };
  pageWalk(r, 0x0000, ACC_READ, false, true, out);
  assert.deepEqual([out.physPage, out.level], [0x300000, 1]);
  pageWalk(r, 0x2abcde, ACC_READ, false, true, out);
  assert.deepEqual([out.physPage, out.level], [0x2ab000, 2]);
  pageWalk(r, 0x40000000 + 0x12345678, ACC_READ, false, true, out);
  assert.deepEqual([out.physPage, out.level], [0x12345000, 3]);
});

test('4-level paging: NX fetch gives I, reserved bits give RSVD with P, and the W/U bits still describe the access', () => {
  const r = paging64();
  assert.equal(pf(r, 0x200000, ACC_EXEC, false)?.code, 0x11);
  assert.equal(pf(r, 0x200000, ACC_EXEC, true)?.code, 0x15);
  assert.equal(pf(r, 0x200000, ACC_READ, true), null);
  assert.equal(pf(r, 0x400000, ACC_READ, false)?.code, 0x09, '2 MiB page bit 13');
  assert.equal(pf(r, 0x80000000, ACC_WRITE, true)?.code, 0x0f, '1 GiB page bit 13, user write');
  assert.equal(pf(r, 0x1000, ACC_READ, false)?.code, 0x09, 'PTE bit 40');
  assert.equal(pf(r, 0x1000, ACC_EXEC, false)?.code, 0x19, 'reserved-bit fetch: RSVD, P and I');
  r.efer &= ~EFER_NXE;
  assert.equal(pf(r, 0x200000, ACC_READ, false)?.code, 0x09, 'XD is a reserved bit while NXE = 0');
  assert.equal(pf(r, 0x200000, ACC_EXEC, false)?.code, 0x09, 'and I stays clear while NXE = 0');
  assert.deepEqual(pf(r, -0x800000000000 + 0x1238, ACC_READ, false), { code: 0, address: -0x800000000000 + 0x1238 }, 'high-half address in CR2');
});
