// Public result and option types of the assembler, shared by every dialect front end.

/** Source dialects the assembler understands. */
export type Syntax = 'nasm' | 'gas-intel' | 'att';

/** A problem found while assembling. Lines and columns are 1-based; endColumn is exclusive. */
export interface Diagnostic {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column: number;
  endColumn: number;
  message: string;
}

/** Where a statement came from. For macro expansions `body` is the macro definition line. */
export interface SourceLoc {
  file: string;
  line: number;
  column: number;
  endColumn: number;
  /** Set when the statement was produced by a macro: the line of the macro body that produced it. */
  body?: { file: string; line: number };
}

/** One emitted byte range and the source line that produced it. */
export interface LineEntry {
  /** Absolute address of the first byte (origin-relative addresses are `address`, not file offsets). */
  address: number;
  /** Number of bytes; reserved (bss) space is reported with `reserved: true`. */
  length: number;
  file: string;
  line: number;
  column: number;
  /** The macro body line, when the bytes come from a macro expansion. */
  body?: { file: string; line: number };
  /** Name of the section holding the bytes. */
  section: string;
  /** True for reserved space (resb in .bss): no image bytes. */
  reserved?: boolean;
}

/** A defined symbol. `value` is the absolute address (or the constant for `equ`). */
export interface SymbolInfo {
  value: number;
  section: string;
  kind: 'label' | 'equ' | 'extern';
  global?: boolean;
}

/** One section of the flat image. */
export interface SectionInfo {
  name: string;
  /** Absolute start address. */
  start: number;
  size: number;
  /** File offset in `image` (undefined for nobits sections such as .bss). */
  fileOffset?: number;
  nobits: boolean;
  align: number;
}

/** A `struc` layout, for showing typed memory in the debugger. */
export interface StrucInfo {
  name: string;
  size: number;
  fields: { name: string; offset: number; size: number }[];
}

/** A procedure frame described with %arg/%local: offsets are relative to the frame register. */
export interface FrameInfo {
  /** The label the frame belongs to (the last non-local label before %push/%arg). */
  proc: string;
  /** Address range [start, end) of the procedure, when known. */
  start: number;
  end: number;
  /** 'ebp', 'rbp' or 'bp'. */
  frameRegister: string;
  args: { name: string; offset: number; size: number }[];
  locals: { name: string; offset: number; size: number }[];
}

/** Extra information for the debugger. */
export interface DebugInfo {
  strucs: StrucInfo[];
  frames: FrameInfo[];
}

/** Everything `assemble` produces. Never throws: problems are in `diagnostics`. */
export interface AsmResult {
  /** The flat binary: progbits sections laid out in order (lines with errors emit nothing: check `diagnostics`). */
  image: Uint8Array;
  /** Address of image[0]. */
  origin: number;
  sections: Record<string, SectionInfo>;
  symbols: Map<string, SymbolInfo>;
  /** Sorted by address. */
  lineMap: LineEntry[];
  debugInfo: DebugInfo;
  diagnostics: Diagnostic[];
  /** Source text of every file read, for listings and the line map consumer. */
  sources: Map<string, string>;
}

/** Options of `assemble`. */
export interface AsmOptions {
  /** Name of the source file, used in diagnostics and the line map. */
  file: string;
  syntax?: Syntax;
  /** Directories searched by %include / .include. */
  includePaths?: string[];
  /** Reads an included file; returns undefined when it does not exist. Keeps the core free of file-system access. */
  readFile?: (path: string) => string | undefined;
  /** Predefined single-line macros (like nasm -D). */
  defines?: Record<string, string>;
  /**
   * Code size to start in, for the GNU as dialects (GNU as takes it from --32/--64, not from the
   * file); guessed from the registers the file uses when absent. NASM sources say `bits`.
   */
  bits?: 16 | 32 | 64;
  /**
   * Address of the first byte, for the GNU as dialects (GNU as has no `org`: the linker's -Ttext
   * gives it, e.g. 0x7C00 for a boot sector). NASM sources say `org`.
   */
  origin?: number;
}
