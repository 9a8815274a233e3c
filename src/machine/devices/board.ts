// Builds the PC's devices, wires their interrupt lines and claims their ports: the board the CPU runs on.

import { type MmioHandler, PortBus, type VirtualClock } from '../io';
import { A20Gate } from './a20';
import { LocalApic } from './apic';
import { Cmos } from './cmos';
import { DebugExit } from './debug-exit';
import { DebugCon } from './debugcon';
import { InterruptRouter } from './interrupt-router';
import { IoApic } from './ioapic';
import { DualPic } from './pic';
import { Pit } from './pit';
import type { TimedDevice } from './timed-device';
import { Uart } from './uart';
import { VgaCrtc } from './vga-text';

/** Options for `createPcBoard`. */
export interface PcBoardOptions {
  ramBytes: number;
  clock: VirtualClock;
  /** COM1 and port 0xE9 output. */
  onOutput: (byte: number) => void;
  /** isa-debug-exit: receives (V << 1) | 1 for a guest write of V to port 0xF4. */
  onExit: (code: number) => void;
  /**
   * Device state at the first instruction. 'seabios' (default) reproduces what QEMU's SeaBIOS
   * leaves for a `-kernel` boot (measured on QEMU 7.2): PIC vectors 0x08/0x70 with masks
   * 0xB8/0x8E, PIT channel 0 at mode 2 / 18.2 Hz, APIC software-enabled with LINT0 ExtINT and
   * LINT1 NMI, A20 on. 'reset' is the power-on state of every device.
   */
  firmware?: 'seabios' | 'reset';
  /** RTC seconds since 1970 at virtual time 0 (default 2000-01-01 00:00:00 UTC). */
  rtcEpochSeconds?: number;
  /** Guest-requested system reset (port 0x92 bit 0, 8042 pulse); ignored when absent. */
  onReset?: () => void;
}

/** A memory-mapped device region. */
export interface MmioRegion { base: number; size: number; handler: MmioHandler }

/** The assembled board. */
export interface PcBoard {
  ports: PortBus;
  /** Local APIC (4 KiB at its IA32_APIC_BASE) and I/O APIC (4 KiB at 0xFEC00000). */
  mmio: MmioRegion[];
  interrupts: InterruptRouter;
  timed: TimedDevice[];
  uart: Uart;
  pic: DualPic;
  pit: Pit;
  apic: LocalApic;
  ioapic: IoApic;
  cmos: Cmos;
  a20: A20Gate;
  crtc: VgaCrtc;
  debugcon: DebugCon;
  debugExit: DebugExit;
  /** Drive ISA IRQ `n` to `level` (to both the 8259A pair and the I/O APIC, IRQ0 on pin 2). */
  setIsaIrq(n: number, level: boolean): void;
  /** min over `timed` of nextDeadline(). */
  nextDeadline(): number;
  /** advance(now) on every timed device. */
  advance(now: number): void;
  /**
   * Set when some device's deadline moved (a port or MMIO write reprogrammed a timer); the run
   * loop clears it after re-reading nextDeadline().
   */
  deadlineChanged: boolean;
}

/** Build the PC board: PIC pair, PIT, COM1, debug console and exit, CMOS/RTC, A20/8042, local APIC, I/O APIC, VGA CRTC. */
export function createPcBoard(opts: PcBoardOptions): PcBoard {
  const ports = new PortBus();
  const pic = new DualPic();
  const apic = new LocalApic(opts.clock);
  const interrupts = new InterruptRouter(pic, apic);
  const ioapic = new IoApic(apic, () => interrupts.raiseNmi());

  /** ISA IRQs go to both controllers, as on QEMU's PC; the I/O APIC has the timer on pin 2 (the MADT override). */
  const setIsaIrq = (n: number, level: boolean): void => {
    pic.setIrq(n, level);
    ioapic.setPin(n === 0 ? 2 : n, level);
  };
  const line = (n: number) => (level: boolean) => setIsaIrq(n, level);

  const pit = new Pit(opts.clock, line(0));
  const uart = new Uart(opts.clock, line(4), opts.onOutput);
  const cmos = new Cmos(opts.clock, line(8), { ramBytes: opts.ramBytes, epochSeconds: opts.rtcEpochSeconds });
  const a20 = new A20Gate(line(1), line(12));
  if (opts.onReset) a20.onReset = opts.onReset;
  const crtc = new VgaCrtc();
  const debugcon = new DebugCon(opts.onOutput);
  const debugExit = new DebugExit(opts.onExit);

  ports.register(0x20, 2, pic.masterPorts);
  ports.register(0xa0, 2, pic.slavePorts);
  ports.register(0x4d0, 2, pic.elcrPorts);
  ports.register(0x40, 4, pit.ports);
  ports.register(0x61, 1, pit.portB);
  ports.register(0x60, 1, a20.keyboardPorts);
  ports.register(0x64, 1, a20.keyboardPorts);
  ports.register(0x92, 1, a20.port92);
  ports.register(0x70, 2, cmos.ports);
  ports.register(0x3f8, 8, uart.portsAt(0x3f8));
  ports.register(0x3d4, 2, crtc.ports);
  ports.register(0x3da, 1, crtc.statusPort);
  ports.register(0xe9, 1, debugcon);
  ports.register(0xf4, 4, debugExit);

  const timed: TimedDevice[] = [pit, apic, cmos, uart];
  const board: PcBoard = {
    ports,
    mmio: [
      { base: apic.baseAddress, size: 0x1000, handler: apic },
      { base: 0xfec00000, size: 0x1000, handler: ioapic },
    ],
    interrupts, timed, uart, pic, pit, apic, ioapic, cmos, a20, crtc, debugcon, debugExit, setIsaIrq,
    deadlineChanged: false,
    nextDeadline(): number {
      let t = Infinity;
      for (const d of timed) t = Math.min(t, d.nextDeadline());
      return t;
    },
    advance(now: number): void {
      for (const d of timed) d.advance(now);
    },
  };
  const changed = () => { board.deadlineChanged = true; };
  pit.onDeadlineChange = changed;
  apic.onDeadlineChange = changed;
  cmos.onDeadlineChange = changed;
  uart.onDeadlineChange = changed;

  if ((opts.firmware ?? 'seabios') === 'seabios') applySeabiosState(board);
  board.deadlineChanged = false;
  return board;
}

/** Plain-data copy of every device's state (for snapshots and reverse execution). */
export interface PcBoardSnapshot {
  pic: ReturnType<DualPic['snapshot']>;
  pit: ReturnType<Pit['snapshot']>;
  uart: ReturnType<Uart['snapshot']>;
  apic: ReturnType<LocalApic['snapshot']>;
  ioapic: ReturnType<IoApic['snapshot']>;
  cmos: ReturnType<Cmos['snapshot']>;
  a20: ReturnType<A20Gate['snapshot']>;
  crtc: ReturnType<VgaCrtc['snapshot']>;
  nmiPending: boolean;
}

/** Copy the state of all devices. The copy shares nothing with the live devices. */
export function snapshotBoard(b: PcBoard): PcBoardSnapshot {
  return {
    pic: b.pic.snapshot(), pit: b.pit.snapshot(), uart: b.uart.snapshot(), apic: b.apic.snapshot(), ioapic: b.ioapic.snapshot(),
    cmos: b.cmos.snapshot(), a20: b.a20.snapshot(), crtc: b.crtc.snapshot(), nmiPending: b.interrupts.nmiPending,
  };
}

/** Put every device back to a snapshot (the virtual clock is the caller's). */
export function restoreBoard(b: PcBoard, s: PcBoardSnapshot): void {
  b.pic.restore(s.pic);
  b.pit.restore(s.pit);
  b.uart.restore(s.uart);
  b.apic.restore(s.apic);
  b.ioapic.restore(s.ioapic);
  b.cmos.restore(s.cmos);
  b.a20.restore(s.a20);
  b.crtc.restore(s.crtc);
  b.interrupts.resync(s.nmiPending);
  b.deadlineChanged = true;
}

/**
 * Program the devices the way SeaBIOS does before it jumps to a `-kernel` image under QEMU 7.2
 * (values read back from QEMU by a probe image): this is the state a multiboot kernel finds.
 */
export function applySeabiosState(b: PcBoard): void {
  const out = (port: number, v: number) => b.ports.write(port, 1, v);
  // 8259A pair: ICW1-ICW4 with vectors 0x08 and 0x70, then the masks SeaBIOS leaves.
  out(0x20, 0x11); out(0x21, 0x08); out(0x21, 0x04); out(0x21, 0x01);
  out(0xa0, 0x11); out(0xa1, 0x70); out(0xa1, 0x02); out(0xa1, 0x01);
  out(0x21, 0xb8); out(0xa1, 0x8e);
  // PCI interrupt lines 10 and 11 are level-triggered.
  out(0x4d1, 0x0c);
  // PIT channel 0: mode 2, lobyte/hibyte, count 0 (65536: 18.2 Hz).
  out(0x43, 0x34); out(0x40, 0x00); out(0x40, 0x00);
  // SeaBIOS probed COM1's THRE interrupt, which left IRQ4 latched in the master's IRR.
  b.pic.master.s.irr |= 0x10;
  b.apic.applyFirmwareState();
  b.a20.applyFirmwareState();
  // The VGA BIOS left the cursor below its banner; with an empty screen, put it home.
  b.crtc.s.regs[0x0e] = 0;
  b.crtc.s.regs[0x0f] = 0;
}
