// Instruction lengths shared by instructions of one shape whose operand values are all unknown (a layout pass before forward references are known).

import { preparedHash, samePreparedInput, sameOperandValues, valuesHash, type OpVals, type PreparedInstruction } from './encoder';

interface Entry { p: PreparedInstruction; vals: OpVals[]; defaultRel: boolean; len: number }

/**
 * Lengths by the encoder's whole input but the address: valid for instructions whose length does
 * not depend on the address (`lengthIgnoresAddress`). -1 stands for "cannot be encoded".
 */
export class LengthCache {
  private readonly map = new Map<number, Entry[]>();

  get(p: PreparedInstruction, vals: OpVals[], defaultRel: boolean): number | undefined {
    const list = this.map.get(hashOf(p, vals, defaultRel));
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (e.defaultRel === defaultRel && samePreparedInput(e.p, p) && sameOperandValues(e.vals, vals)) return e.len;
    }
    return undefined;
  }

  set(p: PreparedInstruction, vals: OpVals[], defaultRel: boolean, len: number): void {
    const h = hashOf(p, vals, defaultRel);
    const list = this.map.get(h);
    const e: Entry = { p, vals, defaultRel, len };
    if (list === undefined) this.map.set(h, [e]);
    else list.push(e);
  }
}

function hashOf(p: PreparedInstruction, vals: OpVals[], defaultRel: boolean): number {
  return (preparedHash(p) * 31 + valuesHash(vals) * 2 + (defaultRel ? 1 : 0)) | 0;
}
