// Test helper: whether qemu-system-x86_64 is available; under CI a missing QEMU is an error, never a skip.
import { spawnSync } from 'node:child_process';

export function haveQemu(): boolean {
  const ok = spawnSync('qemu-system-x86_64', ['--version']).status === 0;
  if (!ok && process.env.CI) throw new Error('qemu-system-x86_64 is required in CI (apt-get install qemu-system-x86)');
  return ok;
}
