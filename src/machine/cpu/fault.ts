// The exception object thrown by instruction code and caught at the instruction boundary (precise exceptions).

/**
 * A processor exception raised while executing an instruction. Thrown, never returned, so that
 * the architectural state stays as before the faulting instruction (instruction code commits
 * register writes only after every access that can fault).
 */
export class CpuFault {
  constructor(
    /** Exception vector (0..31). */
    readonly vector: number,
    /** Error code pushed with the exception, or -1 when the vector has none. */
    readonly errorCode: number = -1,
    /** For #PF: the faulting linear address (becomes CR2). */
    readonly address: number = 0,
  ) {}
}

/** Raise #UD. */
export function ud(): never { throw new CpuFault(6); }
/** Raise #GP with an error code (0 unless a selector is involved). */
export function gp(code = 0): never { throw new CpuFault(13, code); }
/** Raise #SS with an error code. */
export function ss(code = 0): never { throw new CpuFault(12, code); }
/** Raise #NP with an error code. */
export function np(code: number): never { throw new CpuFault(11, code); }
/** Raise #TS with an error code. */
export function ts(code: number): never { throw new CpuFault(10, code); }
/** Raise #DE. */
export function de(): never { throw new CpuFault(0); }
/** Raise #NM. */
export function nm(): never { throw new CpuFault(7); }
