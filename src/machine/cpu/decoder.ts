// The x86 instruction decoder: prefixes, opcode maps and operands, driven by the ISA table's dispatch arrays.
import { ByteReader } from './byte-reader';
import { DISPATCH, type FormPlan, HAS_MODRM, PFX_66, PFX_F2, PFX_F3, PFX_NONE, SizeClass } from './dispatch';
import { Instr, OpKind, REG_NONE, Seg } from './instr';
import { decodeModrmMemory } from './modrm';
import { Addr, Sz } from './operand-codes';

const rd = new ByteReader();

/** Segment register selected by each segment-override prefix byte, -1 for other bytes. */
const SEG_PREFIX = new Int8Array(256).fill(-1);
SEG_PREFIX[0x26] = Seg.ES; SEG_PREFIX[0x2e] = Seg.CS; SEG_PREFIX[0x36] = Seg.SS;
SEG_PREFIX[0x3e] = Seg.DS; SEG_PREFIX[0x64] = Seg.FS; SEG_PREFIX[0x65] = Seg.GS;

/** Control registers MOV CRn accepts (others #UD): CR0, CR2, CR3, CR4, CR8. */
const VALID_CR = 0b1_0001_1101;

function reset(out: Instr, bits: 16 | 32 | 64): void {
  out.len = 0; out.mnem = ''; out.form = -1; out.bits = bits;
  out.osize = 4; out.asize = 4; out.rep = 0; out.lock = false; out.segOverride = -1; out.rex = 0;
  out.nops = 0;
  out.k0 = OpKind.None; out.s0 = 0; out.r0 = 0;
  out.k1 = OpKind.None; out.s1 = 0; out.r1 = 0;
  out.k2 = OpKind.None; out.s2 = 0; out.r2 = 0;
  out.memSeg = Seg.DS; out.memBase = REG_NONE; out.memIndex = REG_NONE; out.memScale = 0;
  out.dispLo = 0; out.dispHi = 0; out.immLo = 0; out.immHi = 0; out.imm2 = 0;
  out.modrm = -1; out.opcode = 0; out.map = 0; out.tooLong = false;
}

function invalid(out: Instr): Instr {
  out.mnem = '';
  out.form = -1;
  out.nops = 0;
  out.tooLong = rd.overrun;
  out.len = Math.max(1, Math.min(rd.pos, 15));
  return out;
}

function setOp(out: Instr, n: number, kind: OpKind, size: number, reg: number): void {
  if (n === 0) { out.k0 = kind; out.s0 = size; out.r0 = reg; }
  else if (n === 1) { out.k1 = kind; out.s1 = size; out.r1 = reg; }
  else { out.k2 = kind; out.s2 = size; out.r2 = reg; }
}

/** Operand size in bytes for a size letter, given the effective operand size. */
function sizeOf(sz: Sz, osize: number, bits: number): number {
  switch (sz) {
    case Sz.B: return 1;
    case Sz.W: return 2;
    case Sz.D: return 4;
    case Sz.Q: return 8;
    case Sz.V: return osize;
    case Sz.Z: return osize === 2 ? 2 : 4;
    case Sz.Y: return osize === 8 ? 8 : 4;
    case Sz.X: return 16;
    case Sz.P: return osize + 2;
    case Sz.S: return bits === 64 ? 10 : 6;
    case Sz.T: return 10;
    case Sz.A: return osize * 2;
    default: return 0;
  }
}

/** Stores a value sign-extended from `bytes` into the 64-bit immediate, then truncated to `size` bytes (zero-extended above). */
function setImm(out: Instr, lo: number, hi: number, size: number): void {
  if (size === 1) { out.immLo = lo & 0xff; out.immHi = 0; }
  else if (size === 2) { out.immLo = lo & 0xffff; out.immHi = 0; }
  else if (size === 4) { out.immLo = lo | 0; out.immHi = 0; }
  else { out.immLo = lo | 0; out.immHi = hi | 0; }
}

/**
 * Decode one instruction. fetch(k) returns the byte at offset k (0..14) from the instruction
 * start; it may throw (a page fault), which propagates. bits = code size 16|32|64. Fills `out`
 * (every field reset first) and returns it. Invalid encodings: out.mnem = '', out.form = -1,
 * out.len = bytes examined (>= 1); more than 15 bytes sets out.tooLong as well.
 */
export function decode(fetch: (k: number) => number, bits: 16 | 32 | 64, out: Instr): Instr {
  reset(out, bits);
  rd.reset(fetch);
  const is64 = bits === 64;
  let has66 = false, has67 = false, lock = false, lastRep = 0, seg = -1, segPrio = 0, rex = 0;
  let b: number;
  for (;;) {
    b = rd.u8();
    if (rd.overrun) return invalid(out);
    if (b === 0x66) has66 = true;
    else if (b === 0x67) has67 = true;
    else if (b === 0xf0) lock = true;
    else if (b === 0xf2 || b === 0xf3) lastRep = b;
    else if (SEG_PREFIX[b] >= 0) {
      // In 64-bit mode ES/CS/SS/DS prefixes never displace an FS/GS prefix.
      if (!is64 || b >= 0x64) { seg = SEG_PREFIX[b]; if (b >= 0x64) segPrio = 1; }
      else if (segPrio === 0) seg = SEG_PREFIX[b];
    } else if (is64 && (b & 0xf0) === 0x40) {
      rex = b;
      continue; // a REX prefix only counts when the opcode follows it directly
    } else break;
    rex = 0;
  }
  out.rex = rex;
  out.lock = lock;
  out.segOverride = seg;
  let map = 0;
  if (b === 0x0f) {
    map = 1;
    b = rd.u8();
    if (b === 0x38) { map = 2; b = rd.u8(); }
    else if (b === 0x3a) { map = 3; b = rd.u8(); }
  }
  out.map = map;
  out.opcode = b;
  if (rd.overrun) return invalid(out);
  const key = map * 256 + b;
  let modrm = -1;
  if (HAS_MODRM[key]) {
    modrm = rd.u8();
    if (rd.overrun) return invalid(out);
    out.modrm = modrm;
    // VEX (C4/C5) and EVEX (62) are LES/LDS/BOUND outside 64-bit mode only when mod != 3.
    if (map === 0 && !is64 && (b === 0xc4 || b === 0xc5 || b === 0x62) && modrm >= 0xc0) return invalid(out);
  }
  const pc = lastRep === 0xf3 ? PFX_F3 : lastRep === 0xf2 ? PFX_F2 : has66 ? PFX_66 : PFX_NONE;
  const reg = modrm >= 0 ? (modrm >> 3) & 7 : 0;
  const cands = DISPATCH[(key * 4 + pc) * 8 + reg];
  const asize = bits === 64 ? (has67 ? 4 : 8) : bits === 32 ? (has67 ? 2 : 4) : has67 ? 4 : 2;
  const isMem = modrm >= 0 && modrm < 0xc0;
  let chosen: FormPlan | undefined;
  let osize = 4;
  for (let n = 0; n < cands.length; n++) {
    const p = cands[n];
    const f = p.form;
    if (p.modrm >= 0 && p.modrm !== modrm) continue;
    if (p.mod === 1 ? !isMem : p.mod === 2 ? isMem : false) continue;
    if (f.mode !== undefined && (f.mode === 'i64') === is64) continue;
    if (p.asz !== 0 && p.asz !== asize) continue;
    const o66 = has66 && f.pfx !== 0x66;
    let os: number;
    if (is64) os = rex & 8 ? 8 : f.f64 ? 8 : o66 ? 2 : f.d64 ? 8 : 4;
    else if (bits === 32) os = o66 ? 2 : 4;
    else os = o66 ? 4 : 2;
    if (p.osz !== 0) {
      const m = p.sizeClass === SizeClass.Y ? (os === 8 ? 8 : 4) : p.sizeClass === SizeClass.Z ? (os === 2 ? 2 : 4) : os;
      if (m !== p.osz) continue;
    }
    if (map === 0 && b === 0x90 && f.m === 'nop' && (has66 || (rex & 9) !== 0)) continue;
    chosen = p;
    osize = os;
    break;
  }
  if (!chosen) return invalid(out);
  const f = chosen.form;
  if (chosen.sizeClass === SizeClass.Y && !chosen.byteOp) osize = osize === 8 ? 8 : 4;
  // x87 environment/state images have 16- and 32-bit formats only: REX.W does not widen them.
  if (map === 0 && b >= 0xd8 && b <= 0xdf && osize === 8) osize = 4;
  out.osize = chosen.byteOp ? 1 : osize;
  out.asize = asize;
  if (lock && !(f.lock && isMem)) return invalid(out);
  if (f.rep && lastRep) out.rep = lastRep;
  // MOV to/from CRn/DRn ignore ModRM.mod and always name a register (SDM Vol. 2B MOV).
  const memOperand = isMem && !chosen.modIgnored;
  if (memOperand) decodeModrmMemory(rd, modrm, asize, rex, out);
  if (seg >= 0) out.memSeg = seg;

  // Operands, in Intel order; immediates are read after ModRM/SIB/displacement.
  const ops = chosen.ops;
  let n = 0;
  let immCount = 0;
  const rm = modrm & 7;
  for (let k = 0; k < ops.length; k++) {
    const o = ops[k];
    const size = sizeOf(o.size, osize, bits);
    switch (o.addr) {
      case Addr.E: case Addr.M: case Addr.R:
        if (memOperand) setOp(out, n, f.m === 'lea' ? OpKind.Addr : OpKind.Mem, size, 0);
        else setOp(out, n, OpKind.Reg, size, gpr(rm | ((rex & 1) << 3), size, rex));
        break;
      case Addr.G:
        setOp(out, n, OpKind.Reg, size, gpr(reg | ((rex & 4) << 1), size, rex));
        break;
      case Addr.Z:
        setOp(out, n, OpKind.Reg, size, gpr((b & 7) | ((rex & 1) << 3), size, rex));
        break;
      case Addr.S:
        if (reg > 5 || (k === 0 && reg === Seg.CS)) return invalid(out);
        setOp(out, n, OpKind.Seg, 2, reg);
        break;
      case Addr.C: {
        const cr = reg | ((rex & 4) << 1);
        if (((VALID_CR >> cr) & 1) === 0 || cr > 8) return invalid(out);
        setOp(out, n, OpKind.Cr, size, cr);
        break;
      }
      case Addr.D:
        if (rex & 4) return invalid(out);
        setOp(out, n, OpKind.Dr, size, reg);
        break;
      case Addr.V:
        setOp(out, n, OpKind.Xmm, size, reg | ((rex & 4) << 1));
        break;
      case Addr.W: case Addr.U:
        if (isMem) setOp(out, n, OpKind.Mem, size, 0);
        else setOp(out, n, OpKind.Xmm, size, rm | ((rex & 1) << 3));
        break;
      case Addr.P:
        setOp(out, n, OpKind.Mmx, 8, reg);
        break;
      case Addr.Q: case Addr.N:
        if (isMem) setOp(out, n, OpKind.Mem, size, 0);
        else setOp(out, n, OpKind.Mmx, 8, rm);
        break;
      case Addr.Xmm0:
        setOp(out, n, OpKind.Xmm, 16, 0);
        break;
      case Addr.St0:
        setOp(out, n, OpKind.St, 10, 0);
        break;
      case Addr.Sti:
        setOp(out, n, OpKind.St, 10, rm);
        break;
      case Addr.FixedGpr:
        setOp(out, n, OpKind.Reg, size, o.reg);
        break;
      case Addr.FixedSeg:
        setOp(out, n, OpKind.Seg, 2, o.reg);
        break;
      case Addr.One:
        setOp(out, n, OpKind.Imm, 1, 0);
        setImm(out, 1, 0, 1);
        break;
      case Addr.I: case Addr.Ibs: {
        let lo: number;
        let hi = 0;
        // Iz is an imm16/imm32 sign-extended to the operand size (imm32 to 64 bits with REX.W).
        const isz = o.addr === Addr.I && o.size === Sz.Z ? osize : size;
        if (o.addr === Addr.Ibs || o.size === Sz.B) { lo = (rd.u8() << 24) >> 24; }
        else if (size === 2) { lo = (rd.u16() << 16) >> 16; }
        else if (size === 8 && o.size === Sz.V) { lo = rd.i32(); hi = rd.i32(); }
        else { lo = rd.i32(); }
        if (isz === 8 && !(o.addr === Addr.I && o.size === Sz.V)) hi = lo < 0 ? -1 : 0;
        if (immCount++ === 0) setImm(out, lo, hi, isz);
        else out.imm2 = isz === 1 ? lo & 0xff : lo & 0xffff;
        setOp(out, n, OpKind.Imm, isz, 0);
        break;
      }
      case Addr.J: {
        const lo = o.size === Sz.B ? (rd.u8() << 24) >> 24 : osize === 2 ? (rd.u16() << 16) >> 16 : rd.i32();
        out.immLo = lo;
        out.immHi = lo < 0 ? -1 : 0;
        setOp(out, n, OpKind.Rel, osize, 0);
        break;
      }
      case Addr.O: {
        out.memBase = REG_NONE;
        out.memIndex = REG_NONE;
        out.memScale = 0;
        out.memSeg = seg >= 0 ? seg : Seg.DS;
        if (asize === 2) { out.dispLo = rd.u16(); out.dispHi = 0; }
        else if (asize === 4) { out.dispLo = rd.i32(); out.dispHi = 0; }
        else { out.dispLo = rd.i32(); out.dispHi = rd.i32(); }
        setOp(out, n, OpKind.Mem, size, 0);
        break;
      }
      case Addr.A: {
        out.immLo = osize === 2 ? rd.u16() : rd.i32();
        out.immHi = 0;
        out.imm2 = rd.u16();
        setOp(out, n, OpKind.Far, osize, 0);
        break;
      }
      case Addr.X: case Addr.Y:
        if (seg < 0) out.memSeg = Seg.DS;
        continue;
      default:
        throw new Error(`operand code ${o.code} not handled by the decoder`);
    }
    n++;
  }
  if (rd.overrun) return invalid(out);
  out.nops = chosen.isString ? 0 : n;
  if (chosen.isString) {
    out.k0 = out.k1 = out.k2 = OpKind.None;
    out.s0 = out.s1 = out.s2 = 0;
    out.r0 = out.r1 = out.r2 = 0;
  }
  out.mnem = f.m;
  out.form = chosen.index;
  out.len = rd.pos;
  return out;
}

/** General register number for a size: byte registers 4..7 without REX are AH, CH, DH, BH (16..19). */
function gpr(r: number, size: number, rex: number): number {
  return size === 1 && rex === 0 && r >= 4 && r < 8 ? r + 12 : r;
}

/** Convenience for tests and the disassembler: decode from a byte array at `offset` (bytes past the end read as 0 and make the decode invalid). */
export function decodeBytes(bytes: Uint8Array, offset: number, bits: 16 | 32 | 64, out: Instr = new Instr()): Instr {
  let short = false;
  decode((k) => {
    const a = offset + k;
    if (a >= bytes.length) { short = true; return 0; }
    return bytes[a];
  }, bits, out);
  if (short && out.len > bytes.length - offset) {
    out.mnem = '';
    out.form = -1;
    out.nops = 0;
    out.len = Math.max(1, bytes.length - offset);
  }
  return out;
}
