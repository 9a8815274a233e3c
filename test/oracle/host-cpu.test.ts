// Differential test of integer, bit, BCD and SSE instructions against the host CPU (a gcc-built harness runs the same bytes on the same inputs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALL6, FORMS, type HostForm, Rng, type State, genValue } from './host-cpu-forms';
import { IN_BYTES, OFF_FLAGS, OFF_MEM, OFF_REGS, OFF_STATUS, OFF_XMM, STATE_BYTES, buildHarness, gccAvailable, runHarness } from './host-cpu-harness';
import { RingstepRunner } from './host-cpu-ringstep';

const DF = 0x400;

function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < name.length; k++) h = Math.imul(h ^ name.charCodeAt(k), 0x01000193);
  return h;
}

/** Generate a form's input states (fixed seed per form name). */
function vectors(f: HostForm): State[] {
  const rng = new Rng(seedOf(f.name));
  const scale = process.env.RINGSTEP_FULL ? 10 : 1;
  const out: State[] = [];
  for (let v = 0; v < f.count * scale; v++) {
    const s: State = { regs: new Int32Array(32), flags: 0, mem: new Uint8Array(64), xmm: new Int32Array(16) };
    for (let r = 0; r < 16; r++) { const [lo, hi] = genValue(rng, f.gen?.[r] ?? 'any'); s.regs[2 * r] = lo; s.regs[2 * r + 1] = hi; }
    s.flags = (rng.u32() & ALL6) | 2;
    for (let q = 0; q < 8; q++) {
      const [lo, hi] = genValue(rng, 'any');
      for (let k = 0; k < 4; k++) { s.mem[8 * q + k] = (lo >>> (8 * k)) & 0xff; s.mem[8 * q + 4 + k] = (hi >>> (8 * k)) & 0xff; }
    }
    for (let q = 0; q < 8; q++) { const [lo, hi] = genValue(rng, 'any'); s.xmm[2 * q] = lo; s.xmm[2 * q + 1] = hi; }
    f.prep?.(s, rng);
    out.push(s);
  }
  return out;
}

function writeState(dv: DataView, off: number, s: State): void {
  for (let k = 0; k < 32; k++) dv.setInt32(off + OFF_REGS + 4 * k, s.regs[k], true);
  dv.setInt32(off + OFF_FLAGS, s.flags, true);
  for (let k = 0; k < 64; k++) dv.setUint8(off + OFF_MEM + k, s.mem[k]);
  for (let k = 0; k < 16; k++) dv.setInt32(off + OFF_XMM + 4 * k, s.xmm[k], true);
}

const FLAG_NAMES: [number, string][] = [[1, 'CF'], [4, 'PF'], [16, 'AF'], [64, 'ZF'], [128, 'SF'], [2048, 'OF'], [DF, 'DF']];
const flagText = (f: number): string => FLAG_NAMES.filter(([b]) => f & b).map(([, n]) => n).join(' ') || '-';
const h32 = (v: number): string => (v >>> 0).toString(16);

/** Compare one output pair; returns a description of the first difference or ''. */
function compare(f: HostForm, s: State, host: DataView, ho: number, ours: DataView, oo: number): string {
  const hs = host.getInt32(ho + OFF_STATUS, true), os = ours.getInt32(oo + OFF_STATUS, true);
  if (hs !== os) return `fault: host ${hs < 0 ? 'none' : `#${hs}`}, ringstep ${os < 0 ? 'none' : `#${os}`}`;
  if (hs >= 0) return '';
  const defined = f.defined(s) | DF;
  const hf = host.getInt32(ho + OFF_FLAGS, true) & defined, of = ours.getInt32(oo + OFF_FLAGS, true) & defined;
  if (hf !== of) return `flags (defined ${flagText(defined)}): host ${flagText(hf)}, ringstep ${flagText(of)}`;
  if (f.resultDefined && !f.resultDefined(s)) return '';
  const nregs = f.bits === 64 ? 14 : 8;
  for (let r = 0; r < nregs; r++) {
    if (r === 4) continue;
    for (let half = 0; half < (f.bits === 64 ? 2 : 1); half++) {
      const a = host.getInt32(ho + OFF_REGS + 8 * r + 4 * half, true), b = ours.getInt32(oo + OFF_REGS + 8 * r + 4 * half, true);
      if (a !== b) return `register ${r} ${half ? 'high' : 'low'} half: host ${h32(a)}, ringstep ${h32(b)}`;
    }
  }
  for (let k = 0; k < 64; k++) {
    const a = host.getUint8(ho + OFF_MEM + k), b = ours.getUint8(oo + OFF_MEM + k);
    if (a !== b) return `memory byte ${k}: host ${h32(a)}, ringstep ${h32(b)}`;
  }
  if (f.bits === 64) {
    for (let k = 0; k < 16; k++) {
      const a = host.getInt32(ho + OFF_XMM + 4 * k, true), b = ours.getInt32(oo + OFF_XMM + 4 * k, true);
      if (a !== b) return `xmm${k >> 2} dword ${k & 3}: host ${h32(a)}, ringstep ${h32(b)}`;
    }
  }
  return '';
}

function describeInput(s: State): string {
  const r = (n: number): string => `${h32(s.regs[2 * n + 1])}_${h32(s.regs[2 * n]).padStart(8, '0')}`;
  return `rax=${r(0)} rcx=${r(1)} rdx=${r(2)} rbx=${r(3)} rsi=${r(6)} flags=${flagText(s.flags)} mem0=${[...s.mem.slice(0, 8)].map((b) => b.toString(16)).join(',')}`;
}

for (const bits of [64, 32] as const) {
  test(`every ${bits}-bit form gives the host CPU's results and SDM-defined flags`, (t) => {
    if (!gccAvailable(bits)) {
      const why = bits === 32 ? 'gcc -m32 (gcc-multilib) is not installed' : 'gcc is not installed';
      if (process.env.CI) assert.fail(`${why}: the host-CPU oracle cannot run`);
      t.skip(why);
      return;
    }
    const forms = FORMS.map((f, n) => ({ f, n })).filter(({ f }) => f.bits === bits);
    const harness = buildHarness(FORMS, bits);
    const runner = new RingstepRunner(bits);
    const families = new Map<string, { vectors: number; agree: number; forms: number }>();
    const failures: string[] = [];
    const decoderProblems: string[] = [];
    // Batches keep the record files small.
    const BATCH = 40000;
    let k = 0;
    while (k < forms.length) {
      const batch: { f: HostForm; n: number; states: State[] }[] = [];
      let total = 0;
      while (k < forms.length && (total === 0 || total + forms[k].f.count <= BATCH)) {
        const { f, n } = forms[k++];
        const states = vectors(f);
        batch.push({ f, n, states });
        total += states.length;
      }
      const input = Buffer.alloc(total * IN_BYTES);
      const idv = new DataView(input.buffer, input.byteOffset, input.byteLength);
      let p = 0;
      for (const b of batch) for (const s of b.states) { idv.setUint32(p, b.n, true); writeState(idv, p + 8, s); p += IN_BYTES; }
      const hostOut = runHarness(harness, input);
      assert.equal(hostOut.length, total * STATE_BYTES, 'the harness produced one state per input');
      const hdv = new DataView(hostOut.buffer, hostOut.byteOffset, hostOut.byteLength);
      const ours = new DataView(new ArrayBuffer(STATE_BYTES));
      let q = 0;
      for (const b of batch) {
        const fam = families.get(b.f.family) ?? { vectors: 0, agree: 0, forms: 0 };
        families.set(b.f.family, fam);
        fam.forms++;
        const bytes = harness.bytes.get(b.n)!;
        const ins = runner.decode(bytes);
        if (typeof ins === 'string') { decoderProblems.push(`${b.f.name}: ${ins}`); fam.vectors += b.states.length; q += b.states.length; continue; }
        let shown = 0;
        for (const s of b.states) {
          runner.run(ins, idv, q * IN_BYTES + 8, ours, 0);
          const diff = compare(b.f, s, hdv, q * STATE_BYTES, ours, 0);
          fam.vectors++;
          if (diff === '') fam.agree++;
          else if (shown++ < 2) failures.push(`${b.f.name}: ${diff}\n    input ${describeInput(s)}`);
          q++;
        }
      }
    }
    const lines = [...families].map(([name, c]) => `  ${name.padEnd(42)} forms ${String(c.forms).padStart(4)}  vectors ${String(c.vectors).padStart(7)}  agree ${String(c.agree).padStart(7)}`);
    t.diagnostic(`host CPU oracle, ${bits}-bit:\n${lines.join('\n')}`);
    console.log(`host CPU oracle, ${bits}-bit:\n${lines.join('\n')}`);
    if (decoderProblems.length) console.log(`decoder problems:\n  ${decoderProblems.join('\n  ')}`);
    if (failures.length) console.log(`first differences:\n  ${failures.slice(0, 60).join('\n  ')}`);
    assert.deepEqual(decoderProblems, [], 'every form decodes to the host\'s length');
    assert.equal(failures.length, 0, `${failures.length} forms differ from the host CPU`);
  });
}
