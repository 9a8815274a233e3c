// Compares our GNU as front end with GNU as line by line on a corpus (per-line bytes from a label in front of every line).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assembleGas, type GasDialect } from './gas-run';

export interface GasCorpusReport {
  bits: number;
  syntax: GasDialect;
  total: number;
  /** Lines GNU as rejects, and whether we reject them too. */
  gasRejected: { text: string; message: string; weRejectToo: boolean }[];
  agree: number;
  mismatches: { text: string; ours: string; gas: string; error?: string }[];
}

function header(bits: number, syntax: GasDialect): string {
  return `${syntax === 'gas-intel' ? '.intel_syntax noprefix\n' : ''}.code${bits}\n`;
}

function source(bits: number, syntax: GasDialect, lines: string[]): string {
  return header(bits, syntax) + lines.map((l, i) => `__c${i}: ${l}`).join('\n') + `\n__c${lines.length}:\n`;
}

function runAs(src: string, bits: number): { image: Uint8Array; syms: Map<string, number>; errors: Map<number, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'rs-gascorpus-'));
  try {
    writeFileSync(join(dir, 'c.s'), src);
    const r = spawnSync('as', [bits === 64 ? '--64' : '--32', '-o', join(dir, 'c.o'), join(dir, 'c.s')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const errors = new Map<number, string>();
    for (const m of (r.stderr ?? '').matchAll(/c\.s:(\d+): Error: (.*)/g)) if (!errors.has(Number(m[1]))) errors.set(Number(m[1]), m[2]);
    if (r.status !== 0) return { image: new Uint8Array(0), syms: new Map(), errors: errors.size ? errors : new Map([[-1, r.stderr]]) };
    spawnSync('objcopy', ['-O', 'binary', '-j', '.text', join(dir, 'c.o'), join(dir, 'c.bin')]);
    const nm = spawnSync('nm', [join(dir, 'c.o')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const syms = new Map<string, number>();
    for (const m of (nm.stdout ?? '').matchAll(/^([0-9a-f]+) \w (__c\d+)$/gm)) syms.set(m[2], parseInt(m[1], 16));
    return { image: new Uint8Array(readFileSync(join(dir, 'c.bin'))), syms, errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HEADER_LINES = (syntax: GasDialect) => (syntax === 'gas-intel' ? 2 : 1);

/** Assembles `lines` in one mode and syntax with both assemblers and compares every line's bytes. */
export function compareGasCorpus(bits: 16 | 32 | 64, syntax: GasDialect, lines: string[]): GasCorpusReport {
  let accepted = [...lines];
  const rejected: { text: string; message: string }[] = [];
  const h = HEADER_LINES(syntax);
  let gas = runAs(source(bits, syntax, accepted), bits);
  for (let round = 0; round < 6 && gas.errors.size; round++) {
    if (gas.errors.has(-1)) throw new Error(`GNU as failed without a line number: ${gas.errors.get(-1)}`);
    const keep: string[] = [];
    accepted.forEach((l, i) => { const e = gas.errors.get(i + h + 1); if (e !== undefined) rejected.push({ text: l, message: e }); else keep.push(l); });
    accepted = keep;
    gas = runAs(source(bits, syntax, accepted), bits);
  }
  if (gas.errors.size) throw new Error(`GNU as still rejects lines after removing the rejected ones: ${[...gas.errors.values()].slice(0, 3).join('; ')}`);
  const src = source(bits, syntax, accepted);
  const ours = assembleGas(src, { file: 'c.s', bits }, syntax);
  const errBy = new Map<number, string>();
  for (const d of ours.diagnostics) if (d.severity === 'error' && !errBy.has(d.line)) errBy.set(d.line, d.message);
  const report: GasCorpusReport = { bits, syntax, total: lines.length, gasRejected: [], agree: 0, mismatches: [] };
  const slice = (img: Uint8Array, a: number | undefined, b: number | undefined, origin: number) => (a === undefined || b === undefined ? '' : Buffer.from(img.subarray(a - origin, b - origin)).toString('hex'));
  accepted.forEach((text, i) => {
    const want = slice(gas.image, gas.syms.get(`__c${i}`), gas.syms.get(`__c${i + 1}`), 0);
    const a = ours.symbols.get(`__c${i}`)?.value;
    const b = ours.symbols.get(`__c${i + 1}`)?.value;
    const err = errBy.get(i + h + 1);
    const got = err ? '' : slice(ours.image, a, b, ours.origin);
    if (want === got) report.agree++;
    else report.mismatches.push({ text, ours: got, gas: want, error: err });
  });
  if (rejected.length) {
    const r2 = assembleGas(header(bits, syntax) + rejected.map((r) => r.text).join('\n') + '\n', { file: 'r.s', bits }, syntax);
    const errLines = new Set(r2.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line));
    rejected.forEach((t, i) => report.gasRejected.push({ ...t, weRejectToo: errLines.has(i + h + 1) }));
  }
  return report;
}
