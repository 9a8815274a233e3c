// Listing file writer: source lines with their addresses and bytes, in the spirit of nasm -l.

import type { AsmResult } from './types';

/** Formats a listing of the main file: line number, address, hex bytes, source text. */
export function writeListing(result: AsmResult, file: string): string {
  const src = result.sources.get(file) ?? '';
  const lines = src.split(/\r?\n/);
  const byLine = new Map<number, { address: number; bytes: string; reserved: boolean }[]>();
  for (const e of result.lineMap) {
    if (e.file !== file) continue;
    const off = e.address - result.origin;
    let hex = '';
    if (e.reserved) hex = `<res ${e.length.toString(16).toUpperCase()}>`;
    else for (let i = 0; i < e.length && off + i < result.image.length; i++) hex += result.image[off + i].toString(16).toUpperCase().padStart(2, '0');
    const list = byLine.get(e.line) ?? [];
    list.push({ address: e.address, bytes: hex, reserved: !!e.reserved });
    byLine.set(e.line, list);
  }
  const errs = new Map<number, string[]>();
  for (const d of result.diagnostics) if (d.file === file) (errs.get(d.line) ?? errs.set(d.line, []).get(d.line)!).push(`${d.severity}: ${d.message}`);
  const out: string[] = [];
  lines.forEach((text, i) => {
    const n = i + 1;
    const entries = byLine.get(n);
    const num = String(n).padStart(6);
    if (!entries || !entries.length) out.push(`${num}                                  ${text}`);
    else entries.forEach((e, k) => {
      const chunks = e.bytes.match(/.{1,18}/g) ?? [''];
      chunks.forEach((c, j) => {
        const addr = e.address.toString(16).toUpperCase().padStart(8, '0');
        out.push(`${num} ${addr} ${c.padEnd(18)}${j > 0 ? '-' : ' '}${k === 0 && j === 0 ? ' ' + text : ''}`);
      });
    });
    for (const m of errs.get(n) ?? []) out.push(`${num}          ******************       ${m}`);
  });
  return out.join('\n') + '\n';
}
