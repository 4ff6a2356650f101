// `npm run bench [-- NAME… [-- ARGS…]]`: runs the named benches of this folder one after another
// (each is also a script of its own: `node bench/NAME.js`), after building, or lists them.
// `all` runs every one; the timeline bench generates a 2 GB corpus on first use (see README.md).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(here)
  .filter((f) => f.endsWith('.js') && f !== 'run.js')
  .map((f) => f.slice(0, -3))
  .sort();
const argv = process.argv.slice(2);
const split = argv.indexOf('--');
const names = split < 0 ? argv : argv.slice(0, split);
const extra = split < 0 ? [] : argv.slice(split + 1);

if (names.length === 0) {
  process.stdout.write(`usage: npm run bench -- NAME… [-- ARGS…]   (or: all)\nbenches: ${benches.join(', ')}\nwhat each measures and the latest figures: bench/README.md\n`);
  process.exit(0);
}
const chosen = names.includes('all') ? benches : names;
const unknown = chosen.filter((n) => !benches.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (benches: ${benches.join(', ')})\n`);
  process.exit(1);
}
const build = spawnSync('npm', ['run', 'build'], { cwd: path.resolve(here, '..'), stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
for (const name of chosen) {
  process.stdout.write(`\n== ${name}\n`);
  const r = spawnSync(process.execPath, [path.join(here, `${name}.js`), ...extra], { stdio: 'inherit' });
  if (r.status !== 0) {
    process.stderr.write(`bench ${name} failed (exit ${r.status ?? r.signal})\n`);
    process.exit(r.status ?? 1);
  }
}
