// Builds, once at load, the decoder's dispatch arrays from the ISA table: map/opcode/mandatory prefix/ModRM.reg to forms.
import { FORMS } from '../../isa/table';
import type { OpForm } from '../../isa/types';
import { Addr, type CompiledOperand, compileOperand, isVectorOperand, Sz, usesModrm } from './operand-codes';

/** How an 'osz' restriction is matched: on the v size, the y size (dword/qword) or the z size (word/dword). */
export const enum SizeClass { V, Y, Z }

/** Everything the decoder needs about one form, precomputed. */
export interface FormPlan {
  index: number;
  form: OpForm;
  ops: CompiledOperand[];
  /** The operation is byte-sized (no v/z/y operand and a byte first operand): osize = 1. */
  byteOp: boolean;
  sizeClass: SizeClass;
  /** String instruction: its X/Y and fixed register operands are implicit (nops = 0). */
  isString: boolean;
  /** Uses MMX/XMM registers. */
  vector: boolean;
  /** MOV CRn/DRn: ModRM.mod is ignored and r/m always names a register. */
  modIgnored: boolean;
  /** The osz restriction in bytes (0 = none) and asz restriction in bytes. */
  osz: number;
  asz: number;
  /** Exact ModRM byte or -1; mod restriction: 0 any, 1 memory, 2 register. */
  modrm: number;
  mod: number;
}

/** Mandatory-prefix classes: none, 66, F3, F2. */
export const PFX_NONE = 0, PFX_66 = 1, PFX_F3 = 2, PFX_F2 = 3;
const PFX_BYTES = [0, 0x66, 0xf3, 0xf2];

/** Plans, parallel to FORMS. */
export const PLANS: FormPlan[] = FORMS.map((form, index) => plan(form, index));

/** 1 when the opcode (map * 256 + op) is followed by a ModRM byte. */
export const HAS_MODRM = new Uint8Array(4 * 256);

const EMPTY: readonly FormPlan[] = Object.freeze([]);
/** Candidate forms, in table priority order, at ((map * 256 + op) * 4 + pfxClass) * 8 + reg. */
export const DISPATCH: (readonly FormPlan[])[] = new Array(4 * 256 * 4 * 8).fill(EMPTY);

function plan(form: OpForm, index: number): FormPlan {
  const ops = form.ops.map(compileOperand);
  const sized = ops.filter((o) => o.addr !== Addr.I && o.addr !== Addr.Ibs && o.addr !== Addr.J && o.addr !== Addr.One);
  const hasV = ops.some((o) => o.size === Sz.V || o.size === Sz.Z || o.size === Sz.Y || o.size === Sz.P || o.size === Sz.A);
  const first = sized[0] && sized[0].addr === Addr.FixedGpr && sized[0].reg === 2 && sized[0].size === Sz.W ? sized[1] : sized[0];
  const byteOp = !hasV && first !== undefined && first.size === Sz.B && !isVectorOperand(first.addr);
  let sizeClass = SizeClass.V;
  // SYSRET/SYSEXIT: REX.W selects the 64-bit return; 66h does not make them 16-bit.
  if (form.map === 1 && (form.op === 0x07 || form.op === 0x35)) sizeClass = SizeClass.Y;
  else if (!ops.some((o) => o.size === Sz.V)) {
    if (ops.some((o) => o.size === Sz.Y)) sizeClass = SizeClass.Y;
    else if (ops.some((o) => o.size === Sz.Z)) sizeClass = SizeClass.Z;
  }
  return {
    index, form, ops, byteOp, sizeClass,
    isString: ops.some((o) => o.addr === Addr.X || o.addr === Addr.Y),
    vector: ops.some((o) => isVectorOperand(o.addr)),
    modIgnored: ops.some((o) => o.addr === Addr.C || o.addr === Addr.D),
    osz: form.osz ? form.osz / 8 : 0,
    asz: form.asz ? form.asz / 8 : 0,
    modrm: form.modrm ?? -1,
    mod: form.mod === 'mem' ? 1 : form.mod === 'reg' ? 2 : 0,
  };
}

function build(): void {
  const byOpcode = new Map<number, FormPlan[]>();
  for (const p of PLANS) {
    const f = p.form;
    const z = p.ops.some((o) => o.addr === Addr.Z);
    const needsModrm = f.map >= 2 || f.ext !== undefined || f.modrm !== undefined || p.ops.some((o) => usesModrm(o.addr));
    for (let k = 0; k < (z ? 8 : 1); k++) {
      const key = f.map * 256 + f.op + k;
      if (needsModrm) HAS_MODRM[key] = 1;
      let list = byOpcode.get(key);
      if (!list) byOpcode.set(key, (list = []));
      list.push(p);
    }
  }
  for (const [key, list] of byOpcode) {
    const map = key >> 8;
    for (let pc = 0; pc < 4; pc++) {
      let cands = list.filter((p) => (p.form.pfx ?? 0) === PFX_BYTES[pc]);
      if (pc !== PFX_NONE && (map < 2 || pc === PFX_66)) {
        // A 66/F2/F3 that no form of the opcode takes as mandatory is an operand-size or (ignored)
        // repeat prefix on the legacy forms, tried after the mandatory-prefix forms. Vector forms
        // and 'NP' forms never take it (F2 0F 6F is not MOVQ mm; F3 0F 77 is not EMMS), 'NFx' forms
        // never take F2/F3 (RDRAND), and the 0F 38/0F 3A maps never take F2/F3 this way.
        cands = cands.concat(list.filter((p) => p.form.pfx === undefined && !p.vector && !p.form.np && !(p.form.nfx && pc !== PFX_66)));
      }
      for (let reg = 0; reg < 8; reg++) {
        const r = cands.filter((p) => {
          const ext = p.form.modrm !== undefined ? (p.form.modrm >> 3) & 7 : p.form.ext;
          return ext === undefined || ext === reg;
        });
        if (r.length) DISPATCH[(key * 4 + pc) * 8 + reg] = r;
      }
    }
  }
}
build();
