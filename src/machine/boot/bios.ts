// A minimal PC BIOS for boot sectors: IVT stubs in ROM whose services (INT 10h/11h/12h/13h/15h/16h/1Ah) are implemented in TypeScript.
import type { Cpu } from '../cpu/cpu';
import { Seg } from '../cpu/instr';
import { getFlags } from '../cpu/flags';
import { CF, ZF, RAX, RBX, RCX, RDX, RSI, RDI, RSP } from '../cpu/registers';
import type { PortBus } from '../io';

/** The BIOS services, each an interrupt vector with a ROM stub `out BIOS_PORT_BASE+k, al; iret`. */
const SERVICES = [0x10, 0x11, 0x12, 0x13, 0x15, 0x16, 0x1a];
/** Ports the ROM stubs write to; only writes from the ROM segment (CS = F000) are taken as BIOS calls. */
export const BIOS_PORT_BASE = 0xb8;
const ROM_SEG = 0xf000;
const STUB_OFF = 0xe000;

/** What the BIOS needs from its surroundings. */
export interface BiosEnv {
  cpu: Cpu;
  ports: PortBus;
  /** The boot disk (the image, padded to whole sectors). */
  disk: Uint8Array;
  /** Teletype output (INT 10h AH=0Eh). */
  onChar: (byte: number) => void;
  ramBytes: number;
}

/** Install the IVT, ROM stubs and port handlers. */
export function installBios(env: BiosEnv): void {
  const { cpu } = env;
  const mem = cpu.mem;
  // Every vector first points at a plain IRET so that stray interrupts return harmlessly.
  const iretAt = ROM_SEG * 16 + STUB_OFF + 0x100;
  mem.write(iretAt, 1, 0xcf);
  for (let v = 0; v < 256; v++) { mem.write(v * 4, 2, STUB_OFF + 0x100); mem.write(v * 4 + 2, 2, ROM_SEG); }
  SERVICES.forEach((v, k) => {
    const off = STUB_OFF + k * 4;
    mem.write(ROM_SEG * 16 + off, 1, 0xe6);               // out imm8, al
    mem.write(ROM_SEG * 16 + off + 1, 1, BIOS_PORT_BASE + k);
    mem.write(ROM_SEG * 16 + off + 2, 1, 0xcf);           // iret
    mem.write(v * 4, 2, off); mem.write(v * 4 + 2, 2, ROM_SEG);
  });
  // BIOS data area: equipment word, memory size, video mode, columns.
  mem.write(0x410, 2, 0x0021); mem.write(0x413, 2, 639); mem.write(0x449, 1, 3); mem.write(0x44a, 2, 80);
  env.ports.register(BIOS_PORT_BASE, SERVICES.length, {
    read: () => 0xff,
    write: (port) => {
      if (cpu.segs[Seg.CS].selector !== ROM_SEG) return;
      service(env, SERVICES[port - BIOS_PORT_BASE]);
    },
  });
}

/** The FLAGS image the stub's IRET will pop: set or clear CF/ZF there so the caller sees them. */
function setReturnFlag(cpu: Cpu, bit: number, on: boolean): void {
  const sp = cpu.regs[RSP << 1] & 0xffff;
  const a = cpu.segs[Seg.SS].base + ((sp + 4) & 0xffff);
  const f = cpu.mem.read(a, 2);
  cpu.mem.write(a, 2, on ? f | bit : f & ~bit);
}

function ah(cpu: Cpu): number { return (cpu.regs[RAX << 1] >> 8) & 0xff; }
function al(cpu: Cpu): number { return cpu.regs[RAX << 1] & 0xff; }

function service(env: BiosEnv, v: number): void {
  const cpu = env.cpu;
  switch (v) {
    case 0x10: return video(env);
    case 0x11: cpu.set16(RAX, 0x0021); return;
    case 0x12: cpu.set16(RAX, 639); return;
    case 0x13: return disk(env);
    case 0x15: return system(env);
    case 0x16: cpu.set16(RAX, 0); setReturnFlag(cpu, ZF, true); return; // no keystrokes
    case 0x1a: cpu.set16(RCX, 0); cpu.set16(RDX, 0); cpu.set8(RAX, 0); return;
  }
  void getFlags;
}

/** Text cursor kept in the BIOS data area (0x450: column, row for page 0). */
function video(env: BiosEnv): void {
  const cpu = env.cpu, mem = cpu.mem;
  switch (ah(cpu)) {
    case 0x0e: {
      const c = al(cpu);
      env.onChar(c);
      let col = mem.read(0x450, 1), row = mem.read(0x451, 1);
      if (c === 13) col = 0;
      else if (c === 10) row++;
      else if (c === 8) { if (col > 0) col--; }
      else { mem.write(0xb8000 + (row * 80 + col) * 2, 1, c); mem.write(0xb8001 + (row * 80 + col) * 2, 1, 7); col++; }
      if (col >= 80) { col = 0; row++; }
      if (row >= 25) {
        mem.ram.copyWithin(0xb8000, 0xb8000 + 160, 0xb8000 + 4000);
        for (let k = 0; k < 80; k++) { mem.write(0xb8000 + 3840 + k * 2, 1, 32); mem.write(0xb8001 + 3840 + k * 2, 1, 7); }
        row = 24;
      }
      mem.write(0x450, 1, col); mem.write(0x451, 1, row);
      return;
    }
    case 0x02: mem.write(0x450, 1, cpu.regs[RDX << 1] & 0xff); mem.write(0x451, 1, (cpu.regs[RDX << 1] >> 8) & 0xff); return;
    case 0x03: cpu.set16(RDX, mem.read(0x450, 1) | (mem.read(0x451, 1) << 8)); cpu.set16(RCX, 0x0607); return;
    case 0x0f: cpu.set16(RAX, 0x5003); cpu.set8(RBX + 16, 0); return; // 80 columns, mode 3, page 0 (BH)
    default: return; // mode sets and attributes: nothing to do for a text console
  }
}

const SECTORS = 63, HEADS = 16;

function disk(env: BiosEnv): void {
  const cpu = env.cpu;
  const fail = (code: number) => { cpu.set8(RAX + 16, code); setReturnFlag(cpu, CF, true); };
  const ok = () => { cpu.set8(RAX + 16, 0); setReturnFlag(cpu, CF, false); };
  const drive = cpu.regs[RDX << 1] & 0xff;
  if (drive !== 0x80 && drive !== 0x00 && ah(cpu) !== 0x00) return fail(0x01);
  const total = Math.ceil(env.disk.length / 512);
  const read = (lba: number, count: number, seg: number, off: number): boolean => {
    if (lba + count > total) return false;
    for (let k = 0; k < count * 512; k++) {
      const src = lba * 512 + k;
      cpu.mem.write(seg * 16 + ((off + k) & 0xffff), 1, src < env.disk.length ? env.disk[src] : 0);
    }
    cpu.invalidateAllCode();
    return true;
  };
  switch (ah(cpu)) {
    case 0x00: return ok();
    case 0x02: {
      const count = al(cpu);
      const cx = cpu.regs[RCX << 1] & 0xffff;
      const cyl = ((cx >> 8) & 0xff) | ((cx & 0xc0) << 2), sector = cx & 0x3f, head = (cpu.regs[RDX << 1] >> 8) & 0xff;
      if (sector === 0) return fail(0x04);
      const lba = (cyl * HEADS + head) * SECTORS + sector - 1;
      if (!read(lba, count, cpu.segs[Seg.ES].selector, cpu.regs[RBX << 1] & 0xffff)) return fail(0x04);
      cpu.set8(RAX, count);
      return ok();
    }
    case 0x08: {
      const cyls = Math.max(1, Math.ceil(total / (HEADS * SECTORS)));
      cpu.set16(RCX, (((cyls - 1) & 0xff) << 8) | (((cyls - 1) >> 2) & 0xc0) | SECTORS);
      cpu.set16(RDX, ((HEADS - 1) << 8) | 1);
      return ok();
    }
    case 0x41: cpu.set16(RBX, 0xaa55); cpu.set16(RCX, 1); cpu.set8(RAX + 16, 0x30); setReturnFlag(cpu, CF, false); return;
    case 0x42: {
      const a = cpu.segs[Seg.DS].base + (cpu.regs[RSI << 1] & 0xffff);
      const count = cpu.mem.read(a + 2, 2), off = cpu.mem.read(a + 4, 2), seg = cpu.mem.read(a + 6, 2), lba = cpu.mem.read(a + 8, 4) >>> 0;
      if (!read(lba, count, seg, off)) return fail(0x04);
      return ok();
    }
    default: return fail(0x01);
  }
}

function system(env: BiosEnv): void {
  const cpu = env.cpu;
  const eax = cpu.regs[RAX << 1] >>> 0;
  if (eax === 0xe820 && (cpu.regs[RDX << 1] >>> 0) === 0x534d4150) {
    const map: [number, number, number][] = [[0, 0x9fc00, 1], [0x9fc00, 0x400, 2], [0xf0000, 0x10000, 2], [0x100000, env.ramBytes - 0x100000, 1]];
    const k = cpu.regs[RBX << 1] >>> 0;
    if (k >= map.length) { setReturnFlag(cpu, CF, true); return; }
    const a = cpu.segs[Seg.ES].base + (cpu.regs[RDI << 1] & 0xffff);
    const [base, len, type] = map[k];
    cpu.mem.write(a, 4, base); cpu.mem.write(a + 4, 4, 0); cpu.mem.write(a + 8, 4, len); cpu.mem.write(a + 12, 4, 0); cpu.mem.write(a + 16, 4, type);
    cpu.set32(RAX, 0x534d4150); cpu.set32(RCX, 20); cpu.set32(RBX, k + 1 < map.length ? k + 1 : 0);
    setReturnFlag(cpu, CF, false);
    return;
  }
  switch (ah(cpu)) {
    case 0x24: cpu.set8(RAX + 16, 0); setReturnFlag(cpu, CF, false); return; // A20 gate: always on
    case 0x88: cpu.set16(RAX, Math.min(0xffff, (env.ramBytes - 0x100000) >> 10)); setReturnFlag(cpu, CF, false); return;
    case 0xe8:
      if (al(cpu) === 0x01) {
        const ext = Math.min(0x3c00, (env.ramBytes - 0x100000) >> 10), above = Math.max(0, (env.ramBytes - 0x1000000) >> 16);
        cpu.set16(RAX, ext); cpu.set16(RBX, above); cpu.set16(RCX, ext); cpu.set16(RDX, above);
        setReturnFlag(cpu, CF, false);
        return;
      }
      setReturnFlag(cpu, CF, true); return;
    default: cpu.set8(RAX + 16, 0x86); setReturnFlag(cpu, CF, true); return;
  }
}
