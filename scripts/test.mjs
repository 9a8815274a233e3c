// Runs every test file under test/ (or the ones named) with node's built-in test runner and TypeScript via tsx.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
function collect(dir, out) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) collect(p, out);
    else if (/\.test\.ts$/.test(e.name)) out.push(relative(root, p));
  }
  return out;
}
// Arguments are test files or folders (a folder stands for every test file below it).
const args = process.argv.slice(2);
const files = args.length
  ? args.flatMap((a) => (statSync(a, { throwIfNoEntry: false })?.isDirectory() ? collect(join(process.cwd(), a), []).sort() : [a]))
  : collect(join(root, 'test'), []).sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
