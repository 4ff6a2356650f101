// CLI start-up bench: how long `pfa` takes to start and answer, per command family, beside a bare
// `node -e ''` start measured in the same rounds (the floor no CLI in Node can beat), as ratios.
// Each command prints its help (no store, no input files), so what is measured is loading the code.
// Each command loads only its own modules (src/cli/main.ts); `pfa --help` lists the commands from the index
// the build writes (src/cli/command-index.ts) instead of loading every module.
// Run: npm run build && node bench/startup.js [--rounds 7] [--bin OTHER/bin/pfa.js]
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
// --bin: another build's bin/pfa.js (e.g. an older commit's), to compare in the same way
const bin = args.includes('--bin') ? path.resolve(args[args.indexOf('--bin') + 1]) : path.resolve(here, '../bin/pfa.js');
const ROUNDS = Number(args[args.indexOf('--rounds') + 1] || 7);

const cases = {
  'node -e ""': ['-e', ''],
  'pfa --version': [bin, '--version'],
  'pfa logs --help': [bin, 'logs', '--help'],
  'pfa templates --help': [bin, 'templates', '--help'],
  'pfa timeline --help': [bin, 'timeline', '--help'],
  'pfa incident --help': [bin, 'incident', '--help'],
  'pfa serve --help': [bin, 'serve', '--help'],
  'pfa --help': [bin, '--help'],
  'pfa timlin (misspelt, exits 2)': [bin, 'timlin'],
};

function run(argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== (argv.includes('timlin') ? 2 : 0)) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
const ratios = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let r = 0; r < ROUNDS; r++) {
  const round = {};
  for (const [k, argv] of Object.entries(cases)) round[k] = run(argv);
  for (const k of Object.keys(cases)) {
    times[k].push(round[k]);
    ratios[k].push(round[k] / round['node -e ""']);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`start-up, median of ${ROUNDS} interleaved rounds (load average ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`);
console.log('command                          wall ms   × bare node start');
const out = {};
for (const k of Object.keys(cases)) {
  out[k] = { ms: median(times[k]), ratio: median(ratios[k]) };
  console.log(`${k.padEnd(32)} ${out[k].ms.toFixed(0).padStart(7)}   ${out[k].ratio.toFixed(2)}`);
}
mkdirSync(path.join(here, 'out'), { recursive: true });
writeFileSync(path.join(here, 'out', 'startup.json'), JSON.stringify(out, null, 2));
