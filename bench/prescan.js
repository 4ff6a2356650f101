// The log prescan alone (src/evidence/logs/prescan.ts): the native pass (native/prescan.c, where
// `npm ci` built it) beside the WebAssembly one, on generated logs of three kinds (syslog, JSON lines,
// journal exports; about one line in 300 holds a level word or a hint phrase), read in the timeline
// reader's 96 KiB blocks cut at line ends, and `grep -ciE` of the same words on the same file as the
// reference. Rounds are interleaved; figures are medians, ratios per round.
// Run: npm run build && node bench/prescan.js   (PFA_BENCH_MB=64 per kind by default, PFA_BENCH_ROUNDS=5)
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { levelTokens } from '../dist/evidence/logs/levels.js';
import { createPrescan } from '../dist/evidence/logs/prescan.js';
import { NOTABLE_LITERALS } from '../dist/evidence/timeline/notable.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, 'out');
const MB = Number(process.env.PFA_BENCH_MB ?? 64);
const ROUNDS = Number(process.env.PFA_BENCH_ROUNDS ?? 5);

let seed = 20251126;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
const words = ['order', 'accepted', 'route', 'venue', 'XNAS', 'session', 'heartbeat', 'latency', 'queue', 'depth', 'book', 'update', 'Timer', 'Config', 'Applied'];
const rare = ['error: connection reset by peer', 'kernel: Out of memory: Killed process 4242', 'segfault at 0 ip 00007f', 'FATAL risk limit breached', 'nvme0: I/O 12 QID 3 timeout'];
const message = () => {
  const n = 4 + Math.floor(rnd() * 10);
  const parts = Array.from({ length: n }, () => (rnd() < 0.3 ? String(Math.floor(rnd() * 100000)) : pick(words)));
  if (rnd() < 1 / 300) parts.splice(Math.floor(rnd() * n), 0, pick(rare));
  return parts.join(' ');
};
const kinds = {
  syslog: (i) => `Nov 26 ${String(10 + (i % 12)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')} gw01 oms[${1000 + (i % 50)}]: ${message()}`,
  jsonl: (i) => JSON.stringify({ ts: 1764150000000 + i, level: pick(['info', 'debug', 'info', 'warn']), logger: pick(['md.feed', 'oms.router']), host: 'md01', msg: message() }),
  journal: (i) =>
    JSON.stringify({
      __REALTIME_TIMESTAMP: String(1764150000000000 + i * 1000),
      _SOURCE_REALTIME_TIMESTAMP: String(1764150000000000 + i * 1000 - 17),
      PRIORITY: pick(['6', '6', '5', '4']),
      _HOSTNAME: 'trade-gw-01',
      SYSLOG_IDENTIFIER: pick(['oms', 'chronyd', 'kernel']),
      _PID: String(1000 + (i % 50)),
      MESSAGE: message(),
    }),
};

mkdirSync(outDir, { recursive: true });
const files = {};
for (const [kind, line] of Object.entries(kinds)) {
  const file = path.join(outDir, `prescan-${kind}.log`);
  const fd = openSync(file, 'w');
  let bytes = 0;
  for (let i = 0; bytes < MB * 1e6; ) {
    const block = Array.from({ length: 5000 }, () => line(i++)).join('\n') + '\n';
    writeSync(fd, block);
    bytes += Buffer.byteLength(block);
  }
  closeSync(fd);
  files[kind] = file;
}

const tokens = levelTokens('error');
const engines = { native: createPrescan(tokens, NOTABLE_LITERALS, 'native'), wasm: createPrescan(tokens, NOTABLE_LITERALS, 'wasm') };
if (!engines.native) console.log('native pass: NOT BUILT here (npm ci builds it where a C compiler and Node headers are) — wasm only');
const grepWords = ['error', 'fatal', 'panic', 'crit', 'emerg', 'alert', 'segfault', 'out of memory', 'nvme', 'oops'].join('|');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`prescan: ${MB} MB of each kind, 96 KiB blocks, ${ROUNDS} rounds (ns per byte; × = grep's time ÷ the pass's time)`);
for (const [kind, file] of Object.entries(files)) {
  const data = readFileSync(file);
  // The reader's blocks: 96 KiB pieces ending at a line end.
  const blocks = [];
  for (let a = 0; a < data.length; ) {
    const nl = data.lastIndexOf(10, Math.min(a + (96 << 10), data.length) - 1);
    const b = nl < a ? data.length : nl;
    blocks.push(data.subarray(a, b));
    a = b + 1;
  }
  const ns = { grep: [], native: [], wasm: [] };
  const flagged = {};
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    execFileSync('grep', ['-ciE', grepWords, file]);
    ns.grep.push(((performance.now() - t) * 1e6) / data.length);
    for (const [name, p] of Object.entries(engines)) {
      if (!p) continue;
      let n = 0;
      t = performance.now();
      for (const b of blocks) {
        const f = p.flags(b);
        for (let i = 0; i < f.length; i++) if (f[i] !== 0) n++;
      }
      ns[name].push(((performance.now() - t) * 1e6) / data.length);
      flagged[name] = n;
    }
  }
  const row = [`${kind.padEnd(8)} grep -ciE ${median(ns.grep).toFixed(2)}`];
  for (const name of Object.keys(engines)) {
    if (!engines[name]) continue;
    const ratio = median(ns.grep.map((g, i) => g / ns[name][i]));
    row.push(`${name} ${median(ns[name]).toFixed(2)} (×${ratio.toFixed(2)} grep, ${flagged[name]} lines flagged)`);
  }
  if (engines.native) row.push(`native ${median(ns.wasm.map((w, i) => w / ns.native[i])).toFixed(2)}× the wasm pass's speed`);
  console.log(row.join(' | '));
  if (engines.native && flagged.native !== flagged.wasm) throw new Error(`${kind}: the passes flag different line counts`);
  rmSync(file);
}
