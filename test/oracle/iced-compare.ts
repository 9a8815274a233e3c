// Differential comparison of our decoder and disassembler against iced-x86 (decode, length, normalized NASM text).
import { createRequire } from 'node:module';
import { decodeBytes } from '../../src/machine/cpu/decoder';
import { formatInstr } from '../../src/machine/cpu/disasm';
import { Instr } from '../../src/machine/cpu/instr';
import { TEXT_ALLOWANCES, UNSUPPORTED_FEATURES, VALIDITY_ALLOWANCES } from './decoder-allowlist';

const require = createRequire(import.meta.url);
// eslint-disable-next-line @typescript-eslint/no-var-requires
const iced = require('iced-x86');

/** Instruction address used for both decoders (branch targets and RIP-relative addresses depend on it). */
export const IP: Record<16 | 32 | 64, number> = { 16: 0x1000, 32: 0x401000, 64: 0x7ff612340000 };

/** iced's NASM formatter configured to our disassembler's conventions. */
function makeFormatter(): any {
  const f = new iced.Formatter(iced.FormatterSyntax.Nasm);
  f.hexPrefix = '0x';
  f.hexSuffix = '';
  f.uppercaseHex = false;
  f.smallHexNumbersInDecimal = false;
  f.addLeadingZeroToHexNumbers = false;
  f.leadingZeros = false;
  f.branchLeadingZeros = false;
  f.displacementLeadingZeros = false;
  f.spaceAfterOperandSeparator = true;
  f.firstOperandCharIndex = 0;
  f.showBranchSize = false;
  f.memorySizeOptions = iced.MemorySizeOptions.Always;
  f.usePseudoOps = false;
  f.preferSt0 = true;
  f.ripRelativeAddresses = false;
  return f;
}

const CPUID_NAMES: Record<number, string> = {};
for (const [k, v] of Object.entries(iced.CpuidFeature)) if (typeof v === 'number') CPUID_NAMES[v] = k;

/**
 * Normalization of cosmetic differences (applied to both texts):
 * 1. whitespace runs collapse to one space.
 * 2. `imul r, r, imm` with identical registers: iced prints NASM's two-operand shorthand
 *    `imul r, imm` (the same encoding, 69/6B with reg = rm).
 */
export function normalize(text: string): string {
  let t = text.replace(/\s+/g, ' ').trim();
  // 3. HLE (xacquire/xrelease) and MPX (bnd) hint prefixes: F2/F3 that a processor without HLE
  //    or MPX ignores (SDM Vol. 1 16.3.3, Vol. 1 17.5.3); we do not emulate either extension.
  //    Likewise CET's notrack (3E on indirect branches), a DS override there otherwise.
  t = t.replace(/^(xacquire |xrelease |bnd |notrack )+/, '').replace(/ (xacquire|xrelease|bnd|notrack) /, ' ');
  const m = /^imul (\w+), (\w+), (0x[0-9a-f]+)$/.exec(t);
  if (m && m[1] === m[2]) t = `imul ${m[1]}, ${m[3]}`;
  return t;
}

export type Verdict = 'agree' | 'allowed' | 'disagree';

export interface Outcome { verdict: Verdict; ours: string; iced: string; oursLen: number; icedLen: number; reason?: string }

/** One comparer per bitness: keeps an iced Decoder over a shared buffer so that nothing is allocated per case. */
export class Comparer {
  private readonly fmt = makeFormatter();
  private readonly instr = new Instr();
  private decoder: any;
  private icedInstr = new iced.Instruction();
  private buf: Uint8Array = new Uint8Array(0);

  constructor(readonly bits: 16 | 32 | 64) {}

  /** Sets the bytes the next `compare(offset)` calls read. */
  load(buf: Uint8Array): void {
    if (this.decoder) this.decoder.free();
    this.buf = buf;
    this.decoder = new iced.Decoder(this.bits, buf, iced.DecoderOptions.None);
  }

  compare(offset: number): Outcome {
    const ip = IP[this.bits];
    const d = this.decoder;
    d.position = offset;
    d.ip = BigInt(ip);
    d.decodeOut(this.icedInstr);
    const ii = this.icedInstr;
    const icedValid = !ii.isInvalid;
    const icedLen = ii.length;
    const ours = decodeBytes(this.buf, offset, this.bits, this.instr);
    const oursValid = ours.form >= 0;
    const icedText = icedValid ? normalize(this.fmt.format(ii)) : '(bad)';
    const oursText = oursValid ? normalize(formatInstr(ours, { ip })) : '(bad)';
    const out: Outcome = { verdict: 'agree', ours: oursText, iced: icedText, oursLen: ours.len, icedLen };
    if (!icedValid && !oursValid) return out;
    if (icedValid && oursValid && icedLen === ours.len && icedText === oursText) return out;
    if (icedValid && !oursValid) {
      const feats = Array.from(ii.cpuidFeatures() as Int32Array).map((f) => CPUID_NAMES[f]);
      const reason = feats.map((f) => UNSUPPORTED_FEATURES[f]).find((r) => r !== undefined);
      if (reason) return { ...out, verdict: 'allowed', reason };
      const va = VALIDITY_ALLOWANCES.find((a) => a.iced.test(icedText));
      if (va) return { ...out, verdict: 'allowed', reason: va.reason };
    }
    if (icedValid && oursValid && icedLen === ours.len) {
      const ta = TEXT_ALLOWANCES.find((a) => a.ours.test(oursText) && a.iced.test(icedText));
      if (ta) return { ...out, verdict: 'allowed', reason: ta.reason };
    }
    return { ...out, verdict: 'disagree' };
  }

  free(): void {
    if (this.decoder) this.decoder.free();
    this.icedInstr.free();
  }
}

/** Mulberry32: a small fixed-seed PRNG so that random cases are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tally of one comparison run. */
export interface Tally {
  compared: number; agreed: number; allowed: number; disagreed: number;
  /** One example per distinct (iced mnemonic, our mnemonic, same length) disagreement. */
  disagreements: string[];
  keys: Set<string>;
  reasons: Map<string, number>;
}

export function newTally(): Tally {
  return { compared: 0, agreed: 0, allowed: 0, disagreements: [], keys: new Set(), disagreed: 0, reasons: new Map() };
}

/** Compares every 16-byte slot of `buf` and adds the outcomes to `t` (keeping the first 50 disagreements as text). */
export function compareSlots(c: Comparer, buf: Uint8Array, t: Tally): void {
  c.load(buf);
  const n = Math.floor(buf.length / 16) - 1;
  for (let k = 0; k < n; k++) {
    const o = c.compare(k * 16);
    t.compared++;
    if (o.verdict === 'agree') t.agreed++;
    else if (o.verdict === 'allowed') {
      t.allowed++;
      t.reasons.set(o.reason!, (t.reasons.get(o.reason!) ?? 0) + 1);
    } else {
      t.disagreed++;
      const key = `${o.iced.split(' ')[0]}|${o.ours.split(' ')[0]}|${o.icedLen === o.oursLen}`;
      if (t.disagreements.length < 200 && !t.keys.has(key)) {
        t.keys.add(key);
        const hex = Buffer.from(buf.subarray(k * 16, k * 16 + Math.max(o.icedLen, o.oursLen, 1))).toString('hex');
        t.disagreements.push(`${c.bits}-bit ${hex}: iced[${o.icedLen}] '${o.iced}' ours[${o.oursLen}] '${o.ours}'`);
      }
    }
  }
}

/** Random 16-byte slots from the fixed-seed PRNG. */
export function randomSlots(count: number, seed: number): Uint8Array {
  const rnd = prng(seed);
  const buf = new Uint8Array((count + 1) * 16);
  for (let k = 0; k < buf.length; k++) buf[k] = (rnd() * 256) | 0;
  return buf;
}

const LEGACY_PREFIXES = new Set([0x26, 0x2e, 0x36, 0x3e, 0x64, 0x65, 0x66, 0x67, 0xf0, 0xf2, 0xf3, 0x0f]);

/**
 * Opcode-map sweep: for each map (one-byte, 0F, 0F 38, 0F 3A), each opcode and each prefix
 * variant, every ModRM byte (mod x reg x rm) when the opcode takes one (else a few probes),
 * followed by a SIB byte that varies with the ModRM and fixed displacement/immediate bytes.
 */
export function sweepSlots(bits: 16 | 32 | 64, prefixVariants: number[][], hasModrm: (map: number, op: number) => boolean): Uint8Array {
  const slots: number[][] = [];
  const escapes = [[], [0x0f], [0x0f, 0x38], [0x0f, 0x3a]];
  for (let map = 0; map < 4; map++) {
    for (let op = 0; op < 256; op++) {
      if (map === 0 && (LEGACY_PREFIXES.has(op) || (bits === 64 && (op & 0xf0) === 0x40))) continue;
      const modrms = hasModrm(map, op) ? Array.from({ length: 256 }, (_, k) => k) : [0x00, 0x05, 0x44, 0x84, 0xc0, 0xd8, 0xff];
      for (const pv of prefixVariants) {
        for (const m of modrms) {
          const sib = (m * 7 + op * 13) & 0xff;
          slots.push([...pv, ...escapes[map], op, m, sib, 0x80, 0x7f, 0x01, 0xfe, 0x10, 0x20, 0x30, 0x40]);
        }
      }
    }
  }
  // Every SIB byte under every mod for a plain memory form (MOV r32, r/m32) and an SSE one.
  for (const opc of [[0x8b], [0x0f, 0x10]]) {
    for (let mod = 0; mod < 3; mod++) {
      for (let sib = 0; sib < 256; sib++) slots.push([...opc, (mod << 6) | 0x0c, sib, 0x88, 0x99, 0xaa, 0xbb]);
    }
  }
  const buf = new Uint8Array((slots.length + 1) * 16);
  slots.forEach((s, k) => buf.set(s.slice(0, 16), k * 16));
  return buf;
}
