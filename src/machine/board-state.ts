// Snapshot and restore of the PC board's devices, through each device's own snapshot()/restore().
import type { PcBoard } from './devices/board';

/** Devices with plain-data state, by their field name on PcBoard. */
const DEVICES = ['pic', 'pit', 'uart', 'apic', 'ioapic', 'cmos', 'a20', 'crtc'] as const;

interface Snapshotting { snapshot(): unknown; restore(s: unknown): void }

/** Copy every device's state out. */
export function saveBoard(b: PcBoard): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of DEVICES) out[k] = (b[k] as unknown as Snapshotting).snapshot();
  return out;
}

/** Put device state back (after RAM and before the CPU). */
export function restoreBoard(b: PcBoard, s: unknown): void {
  const st = s as Record<string, unknown>;
  for (const k of DEVICES) (b[k] as unknown as Snapshotting).restore(st[k]);
  b.deadlineChanged = true;
}
