// Compares our assembler with nasm line by line on a corpus file (per-line bytes from nasm's listing addresses).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assemble } from '../../src/asm/index';

export interface CorpusReport {
  bits: number;
  total: number;
  /** Lines nasm rejects, and whether we reject them too. */
  nasmRejected: { text: string; weRejectToo: boolean }[];
  agree: number;
  mismatches: { text: string; ours: string; nasm: string; error?: string }[];
}

function runNasmListing(src: string): { image: Uint8Array; listing: string; errors: Set<number> } {
  const dir = mkdtempSync(join(tmpdir(), 'rs-corpus-'));
  try {
    writeFileSync(join(dir, 'c.asm'), src);
    const r = spawnSync('nasm', ['-f', 'bin', '-w-all', '-o', join(dir, 'c.bin'), '-l', join(dir, 'c.lst'), join(dir, 'c.asm')], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const errors = new Set<number>();
    for (const m of (r.stderr ?? '').matchAll(/c\.asm:(\d+): (error|fatal)/g)) errors.add(Number(m[1]));
    if (r.status !== 0) return { image: new Uint8Array(0), listing: '', errors: errors.size ? errors : new Set([-1]) };
    return { image: new Uint8Array(readFileSync(join(dir, 'c.bin'))), listing: readFileSync(join(dir, 'c.lst'), 'latin1'), errors };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assembles `lines` in one mode with both assemblers and compares every line's bytes. */
export function compareCorpus(bits: 16 | 32 | 64, lines: string[]): CorpusReport {
  let accepted = [...lines];
  const rejected: string[] = [];
  let nasm = runNasmListing(`bits ${bits}\n${accepted.join('\n')}\n`);
  for (let round = 0; round < 5 && nasm.errors.size; round++) {
    if (nasm.errors.has(-1)) throw new Error('nasm failed without a line number');
    const keep: string[] = [];
    accepted.forEach((l, i) => (nasm.errors.has(i + 2) ? rejected.push(l) : keep.push(l)));
    accepted = keep;
    nasm = runNasmListing(`bits ${bits}\n${accepted.join('\n')}\n`);
  }
  const addrOf = new Map<number, number>();
  for (const l of nasm.listing.split('\n')) {
    const m = /^\s*(\d+) ([0-9A-F]{8}) [0-9A-F\[(]/.exec(l);
    if (m && !addrOf.has(Number(m[1]))) addrOf.set(Number(m[1]), parseInt(m[2], 16));
  }
  const src = `bits ${bits}\n${accepted.join('\n')}\n`;
  const ours = assemble(src, { file: 'c.asm' });
  const oursBy = new Map<number, string>();
  for (const e of ours.lineMap) {
    const b = Buffer.from(ours.image.subarray(e.address - ours.origin, e.address - ours.origin + e.length)).toString('hex');
    oursBy.set(e.line, (oursBy.get(e.line) ?? '') + b);
  }
  const errBy = new Map<number, string>();
  for (const d of ours.diagnostics) if (d.severity === 'error' && !errBy.has(d.line)) errBy.set(d.line, d.message);
  const sortedLines = [...addrOf.keys()].sort((a, b) => a - b);
  const report: CorpusReport = { bits, total: lines.length, nasmRejected: [], agree: 0, mismatches: [] };
  sortedLines.forEach((ln, k) => {
    const start = addrOf.get(ln)!;
    const end = k + 1 < sortedLines.length ? addrOf.get(sortedLines[k + 1])! : nasm.image.length;
    const want = Buffer.from(nasm.image.subarray(start, end)).toString('hex');
    const got = oursBy.get(ln) ?? '';
    if (want === got) report.agree++;
    else report.mismatches.push({ text: accepted[ln - 2], ours: got, nasm: want, error: errBy.get(ln) });
  });
  // Lines nasm accepts without emitting bytes: a mnemonic nasm does not know becomes a label (fnsetpm).
  // They count as nasm rejections, not as agreement.
  accepted.forEach((t, i) => {
    if (addrOf.has(i + 2)) return;
    const got = oursBy.get(i + 2) ?? '';
    report.nasmRejected.push({ text: t, weRejectToo: got === '' });
  });
  if (rejected.length) {
    const r2 = assemble(`bits ${bits}\n${rejected.join('\n')}\n`, { file: 'r.asm' });
    const errLines = new Set(r2.diagnostics.filter((d) => d.severity === 'error').map((d) => d.line));
    rejected.forEach((t, i) => report.nasmRejected.push({ text: t, weRejectToo: errLines.has(i + 2) }));
  }
  return report;
}
