// Log template mining bench: grouping accuracy (GA) and template accuracy (PA) per Loghub-2k system
// against the corrected ground truth, then throughput of the online miner on a generated large input
// (the 20,000 Loghub messages repeated with fresh numbers and hex values): over in-memory strings
// (miner.add) with a plain split(' ') loop over the same strings as the reference, and over the
// same lines written to a file (mineLogFile, bytes) with readFileSync + split('\n') + split(' ') of
// that file as the reference; both in the same run, rounds interleaved; and peak RSS.
// Run: npm run build && node bench/templates.js   (PFA_BENCH_LINES=1000000 for a smaller input)
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';
import { createTemplateMiner, mineLogFile, mineTemplates } from '../dist/analysis/templates/index.js';
import { groupingAccuracy, LOGHUB_SYSTEMS, normalizeTemplate, readCsv } from '../dist/test/loghub.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const dataDir = path.resolve(repoRoot, '../shared/data/loghub-2k');
const outDir = path.join(here, 'out');
const SYSTEMS = LOGHUB_SYSTEMS;
const LINES = Number(process.env.PFA_BENCH_LINES ?? 3_000_000);
const ROUNDS = Number(process.env.PFA_BENCH_ROUNDS ?? 3);

// ---------------------------------------------------------------- ground truth

// Loghub GA: a line is right when its predicted group is exactly its true group.

// PA: template text equal after collapsing whitespace and consecutive wildcards ("<*> <*>" too).

const accuracy = [];
const corpus = [];
console.log('Loghub-2k (corrected ground truth), one miner per system, Content column');
console.log('system        GA      PA     templates  truth');
for (const system of SYSTEMS) {
  const rows = readCsv(readFileSync(path.join(dataDir, system, `${system}_2k.log_structured_corrected.csv`), 'utf8'));
  const messages = rows.map((r) => r.Content);
  corpus.push(...messages);
  const { templates, lineTemplates } = mineTemplates(messages);
  const ga = groupingAccuracy(lineTemplates, rows.map((r) => r.EventId));
  let same = 0;
  rows.forEach((r, i) => {
    if (normalizeTemplate(templates[lineTemplates[i]].template) === normalizeTemplate(r.EventTemplate)) same++;
  });
  const pa = same / rows.length;
  const truth = new Set(rows.map((r) => r.EventId)).size;
  accuracy.push({ system, ga, pa, templates: templates.length, truth });
  console.log(`${system.padEnd(12)} ${ga.toFixed(3)}  ${pa.toFixed(3)}  ${String(templates.length).padStart(9)}  ${String(truth).padStart(5)}`);
}
const avg = (k) => accuracy.reduce((s, a) => s + a[k], 0) / accuracy.length;
console.log(`${'average'.padEnd(12)} ${avg('ga').toFixed(3)}  ${avg('pa').toFixed(3)}   (Drain ≈ 0.85 GA, Brain ≈ 0.98 on Loghub-2k)`);

// ---------------------------------------------------------------- throughput
// Deterministic PRNG; numbers that stand apart from letters get new values (mostly the same number of
// digits, sometimes fewer), 0x-hex values get new hex digits, words like ssh2 or eth0 stay as they are.
let seed = 20240601;
const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
const digits = (n) => {
  let s = String(1 + Math.floor(rnd() * 9));
  while (s.length < n) s += String(Math.floor(rnd() * 10));
  return s;
};
const vary = (line) =>
  line
    .replace(/0x[0-9a-f]+/g, (m) => `0x${Array.from({ length: m.length - 2 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('')}`)
    .replace(/(?<![A-Za-z0-9])\d+(?![A-Za-z0-9])/g, (m) => digits(rnd() < 0.8 ? m.length : 1 + Math.floor(rnd() * m.length)));
console.log(`\ngenerating ${LINES.toLocaleString('en')} lines…`);
let lines = new Array(LINES);
let chars = 0;
for (let i = 0; i < LINES; i++) {
  lines[i] = i < corpus.length ? corpus[i] : vary(corpus[i % corpus.length]);
  chars += lines[i].length;
}
console.log(`average ${(chars / LINES).toFixed(1)} characters per line`);
const rssAfterInput = process.resourceUsage().maxRSS;
console.log('(ratio = miner lines/s ÷ reference lines/s in the same round; CPU rates count process CPU time)');

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function timed(fn) {
  const c = cpuMs();
  const w = performance.now();
  const result = fn();
  return { result, wall: performance.now() - w, cpu: cpuMs() - c };
}
function reference() {
  let n = 0;
  for (let i = 0; i < lines.length; i++) n += lines[i].split(' ').length;
  return n;
}
function mine() {
  const miner = createTemplateMiner();
  for (let i = 0; i < lines.length; i++) miner.add(lines[i]);
  return { templates: miner.templates(), lineTemplates: miner.lineTemplates() };
}

const f = (x) => `${(x / 1e6).toFixed(2)} M/s`;
const rounds = [];
let mined;
for (let r = 0; r < ROUNDS; r++) {
  const ref = timed(reference);
  const m = timed(mine);
  mined = m.result;
  const round = {
    referenceLinesPerSec: LINES / (ref.wall / 1000),
    minerLinesPerSec: LINES / (m.wall / 1000),
    referenceCpuLinesPerSec: LINES / (ref.cpu / 1000),
    minerCpuLinesPerSec: LINES / (m.cpu / 1000),
  };
  round.ratio = round.minerLinesPerSec / round.referenceLinesPerSec;
  rounds.push(round);
  console.log(
    `strings round ${r + 1}: split(' ') ${f(round.referenceLinesPerSec)} (cpu ${f(round.referenceCpuLinesPerSec)}), ` +
      `miner.add ${f(round.minerLinesPerSec)} (cpu ${f(round.minerCpuLinesPerSec)}), ratio ${round.ratio.toFixed(2)}`,
  );
}

const rssInputMB = rssAfterInput / 1024;
const rssStringsMB = process.resourceUsage().maxRSS / 1024;
console.log(`RSS: ${rssInputMB.toFixed(0)} MB with the input strings generated, peak ${rssStringsMB.toFixed(0)} MB after the string rounds`);

// the same lines in a file, mined as bytes
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, 'templates-input.log');
const fd = openSync(file, 'w');
for (let i = 0; i < lines.length; i += 10_000) writeSync(fd, `${lines.slice(i, i + 10_000).join('\n')}\n`);
closeSync(fd);
lines = null; // only the file from here on
// plain JS streaming: 1 MB reads, UTF-8 decoding, split into lines, split(' ') each line
function fileReference() {
  const fdr = openSync(file, 'r');
  const buf = new Uint8Array(1 << 20);
  const decoder = new TextDecoder();
  let rest = '';
  let n = 0;
  for (;;) {
    const got = readSync(fdr, buf, 0, buf.length, null);
    const parts = (rest + decoder.decode(buf.subarray(0, got), { stream: got > 0 })).split('\n');
    rest = parts.pop();
    for (let i = 0; i < parts.length; i++) n += parts[i].split(' ').length;
    if (got === 0) break;
  }
  closeSync(fdr);
  return n;
}
const fileRounds = [];
let fileMined;
for (let r = 0; r < ROUNDS; r++) {
  const ref = timed(fileReference);
  const c = cpuMs();
  const w = performance.now();
  fileMined = await mineLogFile(file);
  const wall = performance.now() - w;
  const cpu = cpuMs() - c;
  const round = {
    referenceLinesPerSec: LINES / (ref.wall / 1000),
    minerLinesPerSec: LINES / (wall / 1000),
    referenceCpuLinesPerSec: LINES / (ref.cpu / 1000),
    minerCpuLinesPerSec: LINES / (cpu / 1000),
  };
  round.ratio = round.minerLinesPerSec / round.referenceLinesPerSec;
  fileRounds.push(round);
  console.log(
    `file round ${r + 1}: read+split ${f(round.referenceLinesPerSec)} (cpu ${f(round.referenceCpuLinesPerSec)}), ` +
      `mineLogFile ${f(round.minerLinesPerSec)} (cpu ${f(round.minerCpuLinesPerSec)}), ratio ${round.ratio.toFixed(2)}`,
  );
}
rmSync(file);
const same = fileMined.lineTemplates.every((t, i) => fileMined.templates[t].templateId === mined.templates[mined.lineTemplates[i]].templateId);
console.log(`file and string mining agree on every line: ${same}`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (rs) => ({
  rounds: rs,
  medianMinerLinesPerSec: median(rs.map((r) => r.minerLinesPerSec)),
  medianMinerCpuLinesPerSec: median(rs.map((r) => r.minerCpuLinesPerSec)),
  medianRatio: median(rs.map((r) => r.ratio)),
});
const result = {
  accuracy,
  averageGA: avg('ga'),
  averagePA: avg('pa'),
  throughput: { lines: LINES, averageChars: chars / LINES, templates: mined.templates.length, strings: summary(rounds), file: summary(fileRounds), fileAgrees: same },
  rssWithInputMB: rssInputMB,
  peakRssStringsMB: rssStringsMB,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
};
const line = (name, s) =>
  `${name}: ${(s.medianMinerLinesPerSec / 1e6).toFixed(2)} M lines/s wall, ${(s.medianMinerCpuLinesPerSec / 1e6).toFixed(2)} M lines/s per CPU second, ${s.medianRatio.toFixed(2)} × reference`;
console.log(`median ${line('strings', result.throughput.strings)}`);
console.log(`median ${line('file', result.throughput.file)}`);
console.log(`${mined.templates.length} templates; peak RSS ${result.peakRssMB.toFixed(0)} MB over the whole run`);
writeFileSync(path.join(outDir, 'templates.json'), `${JSON.stringify(result, null, 2)}\n`);
