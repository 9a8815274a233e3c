// CPUID: the processor model Ringstep presents — GenuineIntel, leaves 0, 1, 7, 0Dh and 80000000h-80000008h — advertising only what is implemented.
import type { Cpu } from '../cpu';
import { RAX, RBX, RCX, RDX } from '../registers';
import { register } from './registry';

/** Highest basic and extended leaves. */
export const CPUID_MAX_BASIC = 0xd;
export const CPUID_MAX_EXTENDED = 0x80000008;

// Feature bits (Intel SDM Vol. 2A, CPUID, Tables 3-10, 3-11 and the leaf 7 / 80000001h tables).
const EDX1 = (1 << 0) /* FPU */ | (1 << 3) /* PSE */ | (1 << 4) /* TSC */ | (1 << 5) /* MSR */ | (1 << 6) /* PAE */
  | (1 << 8) /* CX8 */ | (1 << 9) /* APIC */ | (1 << 11) /* SEP */ | (1 << 13) /* PGE */ | (1 << 15) /* CMOV */
  | (1 << 16) /* PAT */ | (1 << 17) /* PSE-36 */ | (1 << 19) /* CLFSH */ | (1 << 24) /* FXSR */ | (1 << 25) /* SSE */ | (1 << 26) /* SSE2 */;
// SSE4.2 covers CRC32, PCMPGTQ and the string compares PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM.
const ECX1 = (1 << 0) /* SSE3 */ | (1 << 9) /* SSSE3 */ | (1 << 13) /* CMPXCHG16B */ | (1 << 19) /* SSE4.1 */
  | (1 << 20) /* SSE4.2 */ | (1 << 22) /* MOVBE */ | (1 << 23) /* POPCNT */;
const EBX7 = (1 << 0) /* FSGSBASE */ | (1 << 3) /* BMI1 (TZCNT) */;
const ECX_EXT = (1 << 0) /* LAHF-SAHF in 64-bit mode */ | (1 << 5) /* ABM: LZCNT */;
const EDX_EXT = (1 << 11) /* SYSCALL */ | (1 << 20) /* NX */ | (1 << 26) /* 1-GByte pages */ | (1 << 27) /* RDTSCP */ | (1 << 29) /* LM */;

/** Family 6, model 6, stepping 3 (the signature QEMU's generic 64-bit models report). */
const SIGNATURE = 0x00000663;

/** "GenuineIntel" as EBX, EDX, ECX. */
const VENDOR = [0x756e6547, 0x49656e69, 0x6c65746e];

/** The brand string as 12 little-endian dwords (leaves 80000002h..80000004h, EAX EBX ECX EDX each). */
const BRAND = (() => {
  const s = 'Ringstep virtual x86-64 CPU';
  const out = new Int32Array(12);
  for (let k = 0; k < s.length; k++) out[k >> 2] |= s.charCodeAt(k) << (8 * (k & 3));
  return out;
})();

/** Result registers of one CPUID query: [EAX, EBX, ECX, EDX]. */
export function cpuidLeaf(leaf: number, subleaf: number, out: Int32Array = new Int32Array(4)): Int32Array {
  leaf >>>= 0;
  out.fill(0);
  // Leaves above the maximum return the highest basic leaf's data (Intel behaviour).
  if ((leaf > CPUID_MAX_BASIC && leaf < 0x80000000) || leaf > CPUID_MAX_EXTENDED) leaf = CPUID_MAX_BASIC;
  switch (leaf) {
    case 0: out[0] = CPUID_MAX_BASIC; out[1] = VENDOR[0]; out[3] = VENDOR[1]; out[2] = VENDOR[2]; break;
    case 1:
      out[0] = SIGNATURE;
      // EBX: CLFLUSH line size 8 x 8 = 64 bytes, one logical processor, initial APIC ID 0.
      out[1] = (1 << 16) | (8 << 8);
      out[2] = ECX1; out[3] = EDX1;
      break;
    case 7:
      if (subleaf === 0) { out[0] = 0; out[1] = EBX7; }
      break;
    case 0xd:
      // XSAVE is not advertised; sub-leaf 0 still names the legacy x87/SSE state (576 bytes) for code that looks.
      if (subleaf === 0) { out[0] = 3; out[1] = 0x240; out[2] = 0x240; }
      break;
    case 0x80000000: out[0] = CPUID_MAX_EXTENDED; break;
    case 0x80000001: out[2] = ECX_EXT; out[3] = EDX_EXT; break;
    case 0x80000002: case 0x80000003: case 0x80000004: {
      const b = (leaf - 0x80000002) * 4;
      out[0] = BRAND[b]; out[1] = BRAND[b + 1]; out[2] = BRAND[b + 2]; out[3] = BRAND[b + 3];
      break;
    }
    case 0x80000008: out[0] = (48 << 8) | 40; break; // 48 linear, 40 physical address bits
    default: break;
  }
  return out;
}

const OUT = new Int32Array(4);
register('cpuid', (cpu: Cpu): void => {
  cpuidLeaf(cpu.regs[RAX << 1], cpu.regs[RCX << 1], OUT);
  cpu.set32(RAX, OUT[0]); cpu.set32(RBX, OUT[1]); cpu.set32(RCX, OUT[2]); cpu.set32(RDX, OUT[3]);
});
