// What the last layout pass leaves, turned into the assembler's result: the flat image, section and symbol tables, sorted line map and diagnostics.

import type { DiagnosticSink } from './diagnostics';
import type { SectionBytes } from './section-bytes';
import type { AsmResult, Diagnostic, FrameInfo, LineEntry, SectionInfo, StrucInfo, SymbolInfo } from './types';

/** A section as the layout passes leave it. */
export interface LaidOutSection {
  name: string;
  nobits: boolean;
  align: number;
  start: number;
  size: number;
  bytes: SectionBytes;
}

/** A symbol as the layout passes leave it. */
export interface LaidOutSymbol {
  kind: 'label' | 'equ' | 'extern';
  section: LaidOutSection | null;
  value: bigint;
  global?: boolean;
}

/** Everything of the kept pass the result is made of. */
export interface LayoutState {
  origin: number;
  sections: Map<string, LaidOutSection>;
  symbols: Map<string, LaidOutSymbol>;
  globals: Set<string>;
  lineMap: LineEntry[];
  strucs: StrucInfo[];
  frames: FrameInfo[];
  /** Diagnostics of the kept pass (added to `diag` after the front end's). */
  passDiag: Diagnostic[];
}

/** Builds the result (everything but `sources`) and reports all diagnostics in source order. */
export function layoutResult(s: LayoutState, diag: DiagnosticSink): Omit<AsmResult, 'sources'> {
  for (const d of s.passDiag) diag.list.push(d), d.severity === 'error' && diag.errorCount++;
  // Report in source order: front-end and layout problems interleave by line.
  const fileOrder = new Map<string, number>();
  for (const d of diag.list) if (!fileOrder.has(d.file)) fileOrder.set(d.file, fileOrder.size);
  diag.list.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : fileOrder.get(a.file)! - fileOrder.get(b.file)!));

  // The image: progbits sections at their addresses relative to the origin.
  const origin = s.origin;
  const secInfo: Record<string, SectionInfo> = {};
  let end = origin;
  for (const sec of s.sections.values()) if (!sec.nobits && sec.size) end = Math.max(end, sec.start + sec.size);
  const image = new Uint8Array(Math.max(0, end - origin));
  for (const sec of s.sections.values()) {
    secInfo[sec.name] = { name: sec.name, start: sec.start, size: sec.size, nobits: sec.nobits, align: sec.align, fileOffset: sec.nobits ? undefined : sec.start - origin };
    if (!sec.nobits) sec.bytes.copyTo(image, sec.start - origin);
  }
  const outSyms = new Map<string, SymbolInfo>();
  s.symbols.forEach((sym, n) => {
    if (n.charCodeAt(0) === 46 && n.startsWith('..@')) return;
    // Non-negative values below 2^53 convert without wrapping (most addresses): no bigint made.
    const v = sym.value;
    const value = v >= 0n && v < 0x20000000000000n ? Number(v) : Number(BigInt.asUintN(64, v));
    const info: SymbolInfo = { value, section: sym.section?.name ?? (sym.kind === 'extern' ? '' : 'abs'), kind: sym.kind };
    if (sym.global || s.globals.has(n)) info.global = true;
    outSyms.set(n, info);
  });
  // Usually already in address order (one section, no org jumps back): the sort is stable, so skipping it then changes nothing.
  const lineMap = s.lineMap;
  let ordered = true;
  for (let j = 1; j < lineMap.length; j++) if (lineMap[j - 1].address > lineMap[j].address) { ordered = false; break; }
  if (!ordered) lineMap.sort((a, b) => a.address - b.address);
  return { image, origin, sections: secInfo, symbols: outSyms, lineMap, debugInfo: { strucs: s.strucs, frames: s.frames }, diagnostics: diag.list };
}
