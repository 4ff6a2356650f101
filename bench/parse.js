// Log parsing bench: per-system accuracy on Loghub-2k (timestamp, level and message against the
// corrected ground truth; target >= 99% each), then throughput of the file streamer on a generated
// ~200 MB mixed file (blocks of all ten systems in rotation), with `grep -c .` and `wc -l` on the
// same file in the same run as the reference.
// Run: npm run build && node bench/parse.js   (PFA_BENCH_MB=50 for a smaller file)
import { Buffer } from 'node:buffer';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLogText, streamLogFile } from '../dist/evidence/logs/index.js';
import { LOGHUB_SYSTEMS, readCsv, sameInstant, truth } from '../dist/test/loghub.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const dataDir = path.resolve(repoRoot, '../shared/data/loghub-2k');
const outDir = path.join(here, 'out');
const SYSTEMS = LOGHUB_SYSTEMS;
const pct = (x) => `${(100 * x).toFixed(2)}%`;

// ---------------------------------------------------------------- ground truth


// [year | null, month, day, hour, minute, second, ns] decoded from the CSV's Date/Day/Time columns.


// ---------------------------------------------------------------- accuracy
console.log('Loghub-2k: timestamp + level + message against *_structured_corrected.csv (target >= 99% per system)');
console.log('  system        format   match     ts-miss  level-miss  msg-miss');
let worst = 1;
for (const system of SYSTEMS) {
  const log = readFileSync(path.join(dataDir, system, `${system}_2k.log`), 'utf8');
  const rows = readCsv(readFileSync(path.join(dataDir, system, `${system}_2k.log_structured_corrected.csv`), 'utf8'));
  const { results, stats } = parseLogText(log, { year: 2017 });
  let ok = 0;
  let tsMiss = 0;
  let levelMiss = 0;
  let msgMiss = 0;
  rows.forEach((row, i) => {
    const res = results[i];
    if (!res || res.kind !== 'record') {
      tsMiss++;
      msgMiss++;
      return;
    }
    const r = res.record;
    const tsOk = sameInstant(truth(row), r.timestamp);
    const levelOk = !row.Level || (r.rawLevel ?? '').toLowerCase() === row.Level.toLowerCase();
    const msgOk = r.message === row.Content;
    if (tsOk && levelOk && msgOk) ok++;
    if (!tsOk) tsMiss++;
    if (!levelOk) levelMiss++;
    if (!msgOk) msgMiss++;
  });
  const share = ok / rows.length;
  worst = Math.min(worst, share);
  console.log(
    `  ${system.padEnd(13)} ${stats.format.padEnd(8)} ${pct(share).padStart(7)}  ${String(tsMiss).padStart(7)}  ${String(levelMiss).padStart(10)}  ${String(msgMiss).padStart(8)}`,
  );
}
console.log(`  worst system ${pct(worst)} ${worst >= 0.99 ? '(target met)' : '(TARGET MISSED)'}`);

// ---------------------------------------------------------------- throughput
const targetMb = Number(process.env.PFA_BENCH_MB ?? 200);
mkdirSync(outDir, { recursive: true });
const mixed = path.join(outDir, 'parse-mixed.log');
if (!existsSync(mixed) || Math.abs(statSync(mixed).size / 1e6 - targetMb) > targetMb * 0.05) {
  // Blocks of 500 lines from each system in turn: the file's profile fits one system at a time,
  // so this also exercises the greedy fallback path on most lines.
  const blocks = [];
  for (const system of SYSTEMS) {
    const lines = readFileSync(path.join(dataDir, system, `${system}_2k.log`), 'utf8').replace(/\r/g, '').split('\n').filter(Boolean);
    for (let i = 0; i < lines.length; i += 500) blocks.push(`${lines.slice(i, i + 500).join('\n')}\n`);
  }
  const order = [];
  for (let i = 0; i < 4; i++) for (let s = 0; s < SYSTEMS.length; s++) order.push(blocks[s * 4 + i]);
  const fd = openSync(mixed, 'w');
  let written = 0;
  for (let k = 0; written < targetMb * 1e6; k++) {
    const block = Buffer.from(order[k % order.length], 'utf8');
    writeSync(fd, block);
    written += block.length;
  }
  closeSync(fd);
}
const bytes = statSync(mixed).size;
const mb = bytes / 1e6;

const time = (fn) => {
  const t0 = performance.now();
  const out = fn();
  return { out, s: (performance.now() - t0) / 1000 };
};
const timeAsync = async (fn) => {
  const t0 = performance.now();
  const out = await fn();
  return { out, s: (performance.now() - t0) / 1000 };
};

execFileSync('grep', ['-c', '.', mixed]); // warm the page cache
// grep and wc run before and after the parse; the faster of each pair is the reference, since
// the machine is shared and noisy.
const grepRun = () => time(() => Number(execFileSync('grep', ['-c', '.', mixed]).toString().trim()));
const wcRun = () => time(() => Number(execFileSync('wc', ['-l', mixed]).toString().trim().split(/\s+/)[0]));
const grep1 = grepRun();
const wc1 = wcRun();
const cpu0 = process.cpuUsage();
const parse = await timeAsync(async () => {
  const stream = streamLogFile(mixed, { year: 2017 });
  let n = 0;
  for await (const batch of stream.batches()) n += batch.length;
  return { results: n, stats: stream.stats };
});
const cpu = process.cpuUsage(cpu0);
const grep2 = grepRun();
const wc2 = wcRun();
const grep = grep1.s <= grep2.s ? grep1 : grep2;
const wc = wc1.s <= wc2.s ? wc1 : wc2;
const cpuS = (cpu.user + cpu.system) / 1e6;

const lines = parse.out.stats.lines;
console.log(`\nthroughput on ${path.relative(repoRoot, mixed)} (${mb.toFixed(0)} MB, ${lines.toLocaleString('en')} lines, ten systems in rotation)`);
console.log(
  `  streamLogFile   ${(mb / parse.s).toFixed(1).padStart(7)} MB/s  ${Math.round(lines / parse.s).toLocaleString('en').padStart(11)} lines/s  (${parse.s.toFixed(2)} s wall, ${cpuS.toFixed(2)} s CPU: ${(mb / cpuS).toFixed(1)} MB/s of CPU)`,
);
console.log(`  grep -c .       ${(mb / grep.s).toFixed(1).padStart(7)} MB/s  (${grep.s.toFixed(2)} s, ${grep.out.toLocaleString('en')} lines)`);
console.log(`  wc -l           ${(mb / wc.s).toFixed(1).padStart(7)} MB/s  (${wc.s.toFixed(2)} s)`);
console.log(`  ratio parse/grep ${(grep.s / parse.s).toFixed(3)}   ratio parse/wc ${(wc.s / parse.s).toFixed(3)}   (wall-clock speed of parse ÷ reference)`);
const st = parse.out.stats;
console.log(
  `  stats: format ${st.format}, parsed ${st.parsed.toLocaleString('en')}, continuation ${st.continuation.toLocaleString('en')}, rejected ${JSON.stringify(st.rejected)}, flagged ${JSON.stringify(st.flagged)}`,
);
console.log('  (one profile per file: lines of systems whose header shape differs from the first block fall back to the greedy header or count as continuation)');
