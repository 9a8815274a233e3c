// The emulated PC: CPU + RAM + devices on one virtual clock, run in bounded slices, with snapshots.
import { Cpu, Stop } from './cpu/cpu';
import { saveCpu, restoreCpu, type CpuState } from './cpu/cpu-state';
import { PhysicalMemory } from './memory/physical';
import { IF } from './cpu/registers';
import { createPcBoard, snapshotBoard, restoreBoard, type PcBoard, type PcBoardSnapshot } from './devices/board';

/** Why `Machine.run` returned. */
export type RunReason =
  | 'budget'        // the instruction budget was used up
  | 'breakpoint'    // a breakpoint address was reached (not executed)
  | 'exit'          // the guest wrote to the isa-debug-exit port; see exitCode
  | 'triple-fault'  // the CPU shut down; see cpu.tripleFault for the chain
  | 'stopped'       // requestStop() was called
  | 'idle';         // halted with interrupts disabled, or with no device that can ever wake it

export interface RunResult { reason: RunReason; exitCode?: number }

export interface MachineOptions {
  /** RAM size in bytes (default 128 MiB, QEMU's default). */
  ramBytes?: number;
  /** Bytes the guest writes to COM1 or the 0xE9 debug console. */
  onOutput?: (byte: number) => void;
}

/** A complete machine snapshot: plain data, cheap to keep for reverse execution. */
export interface MachineSnapshot { cpu: CpuState; ram: Uint8Array; devices: PcBoardSnapshot }

/**
 * A PC: one CPU, RAM, the PIC/PIT/UART/APIC board. Virtual time is the CPU's instruction count
 * (1 instruction = 1 ns); HLT skips time to the next device deadline, so runs are deterministic.
 */
export class Machine {
  readonly mem: PhysicalMemory;
  readonly cpu: Cpu;
  readonly board: PcBoard;
  /** Set when the guest wrote to the isa-debug-exit port: (value << 1) | 1. */
  exitCode: number | null = null;
  private output: (byte: number) => void;

  constructor(opts: MachineOptions = {}) {
    this.mem = new PhysicalMemory(opts.ramBytes ?? 128 * 1024 * 1024);
    this.output = opts.onOutput ?? (() => {});
    let cpuRef: Cpu | null = null;
    this.board = createPcBoard({
      ramBytes: this.mem.ramBytes,
      clock: { now: () => (cpuRef ? cpuRef.icount : 0) },
      onOutput: (b: number) => this.output(b),
      onExit: (code: number) => { this.exitCode = code; cpuRef?.requestStop(); },
    });
    // A port or MMIO write that reprograms a timer ends the CPU's slice, so that the run loop
    // re-reads the device deadlines before the next instruction.
    const board = this.board;
    const afterWrite = () => { if (board.deadlineChanged && cpuRef) cpuRef.endSlice(); };
    const ports = board.ports;
    const portWrite = ports.write.bind(ports);
    ports.write = (port: number, size: number, value: number) => { portWrite(port, size, value); afterWrite(); };
    for (const r of board.mmio) {
      const h = r.handler;
      this.mem.addMmio({ base: r.base, size: r.size, handler: { read: (o, sz) => h.read(o, sz), write: (o, sz, v) => { h.write(o, sz, v); afterWrite(); } } });
    }
    this.cpu = cpuRef = new Cpu(this.mem, ports);
    this.cpu.irq = board.interrupts;
    this.cpu.apic = board.apic;
    // A change in pending interrupts (an EOI or unmask by MMIO, a timer) is looked at before the next instruction.
    board.interrupts.onChange = () => cpuRef?.attention();
  }

  /** Redirect guest output. */
  setOutput(fn: (byte: number) => void): void { this.output = fn; }

  /** Send a byte to the guest-output sink (BIOS teletype uses it too). */
  emitOutput(byte: number): void { this.output(byte); }

  /** Earliest device deadline in virtual time. */
  private nextDeadline(): number {
    this.board.deadlineChanged = false;
    return this.board.nextDeadline();
  }

  private advanceDevices(): void {
    const now = this.cpu.icount;
    for (const t of this.board.timed) if (t.nextDeadline() <= now) t.advance(now);
  }

  /**
   * Run at most `budget` instructions of virtual time, stopping early for breakpoints, guest
   * exit, triple fault or a stop request. Returns why it stopped.
   */
  run(budget: number): RunResult {
    const cpu = this.cpu;
    const end = cpu.icount + budget;
    if (this.exitCode !== null) return { reason: 'exit', exitCode: this.exitCode };
    for (;;) {
      this.advanceDevices();
      const deadline = this.nextDeadline();
      const until = Math.min(end, Math.max(deadline, cpu.icount + 1));
      const stop = cpu.run(until);
      this.advanceDevices();
      if (this.exitCode !== null) return { reason: 'exit', exitCode: this.exitCode };
      switch (stop) {
        case Stop.Breakpoint: return { reason: 'breakpoint' };
        case Stop.TripleFault: return { reason: 'triple-fault' };
        case Stop.Requested: return { reason: 'stopped' };
        case Stop.Halted: {
          // Let virtual time pass until the next device event (or the end of the budget).
          const next = this.nextDeadline();
          if (!(cpu.flags & IF) || next === Infinity) return { reason: 'idle' };
          if (next >= end) { cpu.skipTimeTo(end); return { reason: 'budget' }; }
          cpu.skipTimeTo(next);
          continue;
        }
        default:
          // In stop-after-delivery mode an event delivery ends the step too.
          if (cpu.icount >= end || cpu.stopAfterDelivery) return { reason: 'budget' };
      }
    }
  }

  /** Ask a running `run` to return at the next instruction boundary. */
  requestStop(): void { this.cpu.requestStop(); }

  /** Copy the whole machine state out. */
  snapshot(): MachineSnapshot {
    return { cpu: saveCpu(this.cpu), ram: this.mem.ram.slice(), devices: snapshotBoard(this.board) };
  }

  /** Put a snapshot back: the rest of the run reproduces bit for bit. */
  restore(s: MachineSnapshot): void {
    this.mem.ram.set(s.ram);
    restoreBoard(this.board, s.devices);
    restoreCpu(this.cpu, s.cpu);
    this.exitCode = null;
  }
}
