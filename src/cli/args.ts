// Small command-line argument parser: positional arguments, --flag VALUE / --flag=VALUE, repeatable flags.

export interface ParsedArgs { positional: string[]; flags: Map<string, string[]> }

/** An error in the command line; the message says which argument. */
export class UsageError extends Error {}

/**
 * Parse argv. `valued` lists the flags that take a value (e.g. '--boot', '-o', '-I');
 * `boolean` lists the flags that do not.
 */
export function parseArgs(argv: string[], valued: string[], boolean: string[] = []): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  const add = (k: string, v: string) => { const l = flags.get(k); if (l) l.push(v); else flags.set(k, [v]); };
  for (let n = 0; n < argv.length; n++) {
    const a = argv[n];
    if (a.startsWith('-') && a !== '-') {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      if (valued.includes(name)) {
        const v = eq > 0 ? a.slice(eq + 1) : argv[++n];
        if (v === undefined) throw new UsageError(`${name} needs a value`);
        add(name, v);
      } else if (boolean.includes(name)) add(name, 'true');
      else throw new UsageError(`unknown option ${name}`);
    } else positional.push(a);
  }
  return { positional, flags };
}

/** Parse a number written in decimal or 0x hex (underscores allowed). */
export function parseNumber(s: string, what: string): number {
  const t = s.replace(/_/g, '');
  const v = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t.slice(2), 16) : /^[0-9]+$/.test(t) ? parseInt(t, 10) : NaN;
  if (!Number.isSafeInteger(v)) throw new UsageError(`${what}: '${s}' is not a number`);
  return v;
}
