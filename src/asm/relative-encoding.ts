// Encodings shared by instructions that differ only in where they are: equal shape, equal distances to their targets.

import { preparedHash, samePreparedInput, type EncodeResult, type IndexedForm, type OpVals, type PreparedInstruction, type Value } from './encoder';

/**
 * How the forms of an instruction can use an immediate or memory operand's value, as bits:
 * 1 some form takes an immediate as a jump target, 2 some form takes it as a value (imm, the
 * constant 1), 4 some form takes a memory operand as a moffs address.
 */
const JUMP = 1, IMMEDIATE = 2, MOFFS = 4;
const usesOf = new WeakMap<IndexedForm[], number>();

function formUses(forms: IndexedForm[]): number {
  let u = usesOf.get(forms);
  if (u === undefined) {
    u = 0;
    for (const form of forms) {
      for (const c of form.explicit) {
        if (c.fixed === '1' || c.cls === 'I') u |= IMMEDIATE;
        else if (!c.fixed && c.cls === 'J') u |= JUMP;
        else if (!c.fixed && c.cls === 'O') u |= MOFFS;
      }
    }
    usesOf.set(forms, u);
  }
  return u;
}

/**
 * The operands (as bits by index) whose value the encoder only uses as a distance from the
 * instruction's address: jump targets and RIP-relative displacements. The encoder reads the
 * address nowhere else, so the encoding is a function of those values minus the address and of
 * the other values as they are. -1 when that cannot be told (an immediate some form takes as a
 * jump target and another as a value, a RIP-relative operand that some form could take as a moffs
 * address), or when some value is still unknown (its distance would change at every address).
 */
export function relativeOperands(p: PreparedInstruction, vals: OpVals[], defaultRel: boolean): number {
  if (p.fixed !== undefined) return -1;
  const uses = formUses(p.forms);
  let mask = 0;
  for (let i = 0; i < p.ops.length; i++) {
    const o = p.ops[i];
    const x = vals[i];
    if ((x.imm !== undefined && x.imm.unknown) || (x.disp !== undefined && x.disp.unknown) || (x.far !== undefined && x.far.unknown)) return -1;
    if (o.k === 'imm') {
      if ((uses & JUMP) === 0) continue;
      if ((uses & IMMEDIATE) !== 0) return -1;
      mask |= 1 << i;
    } else if (o.k === 'mem') {
      // As the encoder decides on a RIP-relative displacement.
      const rel = o.rel ?? (defaultRel && o.seg !== 4 && o.seg !== 5);
      if (!(p.bits === 64 && o.disp !== null && o.base === null && o.index === null && rel && x.disp!.reloc)) continue;
      if ((uses & MOFFS) !== 0) return -1;
      mask |= 1 << i;
    }
  }
  return mask;
}

interface Entry { p: PreparedInstruction; defaultRel: boolean; mask: number; vals: OpVals[]; r: EncodeResult; warnings: string[] }

/** Encodings by shape, `relativeOperands` mask and values (those of the mask taken relative to the address). */
export class RelativeEncodingCache {
  private readonly map = new Map<number, Entry[]>();

  get(p: PreparedInstruction, vals: OpVals[], defaultRel: boolean, mask: number, address: number): Entry | undefined {
    const a = BigInt(address);
    const list = this.map.get(hashOf(p, vals, defaultRel, mask, a));
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (e.mask === mask && e.defaultRel === defaultRel && sameValues(e.vals, vals, mask, a) && samePreparedInput(e.p, p)) return e;
    }
    return undefined;
  }

  set(p: PreparedInstruction, vals: OpVals[], defaultRel: boolean, mask: number, address: number, r: EncodeResult, warnings: string[]): void {
    const a = BigInt(address);
    const h = hashOf(p, vals, defaultRel, mask, a);
    const rel: OpVals[] = vals.map((x, i) => ((mask >> i) & 1 ? relative(x, a) : x));
    const e: Entry = { p, defaultRel, mask, vals: rel, r, warnings };
    const list = this.map.get(h);
    if (list === undefined) this.map.set(h, [e]);
    else list.push(e);
  }
}

function relative(x: OpVals, a: bigint): OpVals {
  const out: OpVals = {};
  if (x.imm !== undefined) out.imm = { v: x.imm.v - a, unknown: x.imm.unknown, reloc: x.imm.reloc };
  if (x.disp !== undefined) out.disp = { v: x.disp.v - a, unknown: x.disp.unknown, reloc: x.disp.reloc };
  if (x.far !== undefined) out.far = x.far;
  return out;
}

function sameValues(stored: OpVals[], vals: OpVals[], mask: number, a: bigint): boolean {
  if (stored.length !== vals.length) return false;
  for (let i = 0; i < vals.length; i++) {
    const d = (mask >> i) & 1 ? a : 0n;
    const s = stored[i], x = vals[i];
    if (!sameValue(s.imm, x.imm, d) || !sameValue(s.disp, x.disp, d) || !sameValue(s.far, x.far, 0n)) return false;
  }
  return true;
}

function sameValue(stored: Value | undefined, x: Value | undefined, d: bigint): boolean {
  if (stored === undefined || x === undefined) return stored === x;
  return stored.v === x.v - d && stored.unknown === x.unknown && stored.reloc === x.reloc;
}

function hashOf(p: PreparedInstruction, vals: OpVals[], defaultRel: boolean, mask: number, a: bigint): number {
  let h = (preparedHash(p) * 31 + mask * 2 + (defaultRel ? 1 : 0)) | 0;
  for (let i = 0; i < vals.length; i++) {
    const x = vals[i];
    const d = (mask >> i) & 1 ? a : 0n;
    if (x.imm !== undefined) h = (h * 31 + Number(BigInt.asIntN(32, x.imm.v - d))) | 0;
    if (x.disp !== undefined) h = (h * 31 + Number(BigInt.asIntN(32, x.disp.v - d))) | 0;
  }
  return h;
}
