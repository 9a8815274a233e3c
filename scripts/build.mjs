// Bundles the CLI, the stand-alone debug adapter, the extension and the benchmark with esbuild.
import { build } from 'esbuild';
import { statSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entries = [
  { in: 'src/cli/main.ts', out: 'dist/cli.js' },
  { in: 'test/bench/main.ts', out: 'dist/bench.js' },
];
if (existsSync(join(root, 'src/adapter/main.ts'))) entries.push({ in: 'src/adapter/main.ts', out: 'dist/debugAdapter.js' });
if (existsSync(join(root, 'src/extension/extension.ts'))) entries.push({ in: 'src/extension/extension.ts', out: 'dist/extension.js', external: ['vscode'] });

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

if (process.argv.includes('--if-stale')) {
  const srcTime = Math.max(newest(join(root, 'src')), newest(join(root, 'kernel')));
  const fresh = entries.every((e) => existsSync(join(root, e.out)) && statSync(join(root, e.out)).mtimeMs >= srcTime);
  if (fresh) process.exit(0);
}

await Promise.all(entries.map((e) => build({
  entryPoints: [join(root, e.in)],
  outfile: join(root, e.out),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  external: e.external ?? [],
  logLevel: 'warning',
  loader: { '.asm': 'text', '.S': 'text', '.s': 'text' },
})));
