// Log template mining bench. Part 1: grouping accuracy (GA) and template accuracy (PA) per Loghub-2k
// system against the corrected ground truth. Part 2: throughput on large generated inputs, single-thread
// and with worker threads, each against references measured in the same round on the same file:
//  - "messages": the 20,000 Loghub messages repeated with fresh numbers and hex values, mined as whole
//    lines (mineLogFile) — the miner itself;
//  - "logs": the ten raw Loghub logs (headers included) each repeated the same way into a file of its
//    own, mined as `pfa templates` mines them (mineLogs: headers parsed as in `pfa logs parse`).
// References: wc -l, grep -cE '[0-9]+', and plain JS (1 MiB reads, TextDecoder, split('\n'), one
// /\d+/g replace per line). Also the log parser alone (streamLogFile) on part of the log files, and
// in-memory strings through miner.add. Rounds are interleaved; ratios are taken per round.
// Run: npm run build && node bench/templates.js   (PFA_BENCH_LINES=1000000 for smaller inputs,
// PFA_BENCH_ROUNDS, PFA_BENCH_THREADS for the worker count, default one per core)
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDecoder } from 'node:util';
import { createTemplateMiner, mineLogFile, mineLogs, mineTemplates } from '../dist/analysis/templates/index.js';
import { streamLogFile } from '../dist/evidence/logs/index.js';
import { groupingAccuracy, LOGHUB_SYSTEMS, normalizeTemplate, readCsv } from '../dist/test/loghub.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..');
const dataDir = path.resolve(repoRoot, '../shared/data/loghub-2k');
const outDir = path.join(here, 'out');
const SYSTEMS = LOGHUB_SYSTEMS;
const LINES = Number(process.env.PFA_BENCH_LINES ?? 3_000_000);
const ROUNDS = Number(process.env.PFA_BENCH_ROUNDS ?? 3);
const THREADS = Number(process.env.PFA_BENCH_THREADS ?? availableParallelism());

// ---------------------------------------------------------------- accuracy

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

// ---------------------------------------------------------------- inputs
// Deterministic PRNG; numbers that stand apart from letters get new values (mostly the same number of
// digits, sometimes fewer), 0x-hex values get new hex digits, words like ssh2 or eth0 stay as they are.
// In the log files the header keeps its digits so that times stay valid.
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
// the header (the first 64 characters) stays as it is, so that times stay valid
const varyLog = (line) => line.slice(0, 64) + vary(line.slice(64));

mkdirSync(outDir, { recursive: true });
function writeLines(file, n, lineAt) {
  const fd = openSync(file, 'w');
  let chars = 0;
  let block = [];
  for (let i = 0; i < n; i++) {
    const l = lineAt(i);
    chars += l.length;
    block.push(l);
    if (block.length === 10_000) {
      writeSync(fd, `${block.join('\n')}\n`);
      block = [];
    }
  }
  if (block.length) writeSync(fd, `${block.join('\n')}\n`);
  closeSync(fd);
  return chars;
}
console.log(`\ngenerating ${LINES.toLocaleString('en')} messages and ${LINES.toLocaleString('en')} log lines of the ten systems…`);
const msgFile = path.join(outDir, 'templates-messages.log');
const msgChars = writeLines(msgFile, LINES, (i) => (i < corpus.length ? corpus[i] : vary(corpus[i % corpus.length])));
const logFiles = [];
let logChars = 0;
for (const system of SYSTEMS) {
  const raw = readFileSync(path.join(dataDir, system, `${system}_2k.log`), 'utf8').split('\n').filter((l) => l.length > 0);
  const file = path.join(outDir, `templates-${system}.log`);
  logChars += writeLines(file, Math.floor(LINES / SYSTEMS.length), (i) => (i < raw.length ? raw[i] : varyLog(raw[i % raw.length])));
  logFiles.push(file);
}
const logLines = Math.floor(LINES / SYSTEMS.length) * SYSTEMS.length;
const mb = (files) => files.reduce((s, f) => s + readFileSync(f).length, 0) / 1e6;
console.log(`messages: ${(msgChars / LINES).toFixed(1)} characters per line, ${mb([msgFile]).toFixed(0)} MB; logs: ${(logChars / logLines).toFixed(1)} characters per line, ${mb(logFiles).toFixed(0)} MB in ${logFiles.length} files`);

// ---------------------------------------------------------------- measuring
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
async function timed(fn) {
  const c = cpuMs();
  const w = performance.now();
  const result = await fn();
  return { result, wall: performance.now() - w, cpu: cpuMs() - c };
}
const tools = (files) => ({
  'wc -l': () => execFileSync('wc', ['-l', ...files]).length,
  'grep -cE [0-9]+': () => execFileSync('grep', ['-cE', '[0-9]+', ...files]).length,
  'JS split+regex': () => {
    let n = 0;
    for (const file of files) {
      const fd = openSync(file, 'r');
      const buf = new Uint8Array(1 << 20);
      const decoder = new TextDecoder();
      let rest = '';
      for (;;) {
        const got = readSync(fd, buf, 0, buf.length, null);
        const parts = (rest + decoder.decode(buf.subarray(0, got), { stream: got > 0 })).split('\n');
        rest = parts.pop();
        for (let i = 0; i < parts.length; i++) n += parts[i].replace(/\d+/g, '#').length;
        if (got === 0) break;
      }
      closeSync(fd);
    }
    return n;
  },
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const f = (x) => `${(x / 1e6).toFixed(2)} M/s`;

/** Interleaved rounds of the references and the miner modes over `lines` lines; per-round ratios. */
async function rounds(name, lines, refs, modes) {
  const out = { refs: {}, modes: {} };
  for (let r = 0; r < ROUNDS; r++) {
    const round = {};
    for (const [k, fn] of Object.entries(refs)) {
      const t = await timed(fn);
      round[k] = lines / (t.wall / 1000);
      (out.refs[k] ??= []).push(round[k]);
    }
    const parts = [];
    for (const [k, fn] of Object.entries(modes)) {
      const t = await timed(fn);
      const rate = lines / (t.wall / 1000);
      const m = (out.modes[k] ??= { rate: [], cpuRate: [], ratio: {}, result: null });
      m.rate.push(rate);
      m.cpuRate.push(lines / (t.cpu / 1000));
      m.result = t.result;
      for (const ref of Object.keys(refs)) (m.ratio[ref] ??= []).push(rate / round[ref]);
      parts.push(`${k} ${f(rate)} (${Object.keys(refs).map((ref) => `×${(rate / round[ref]).toFixed(3)} ${ref}`).join(', ')})`);
    }
    console.log(`${name} round ${r + 1}: ${Object.entries(round).map(([k, v]) => `${k} ${f(v)}`).join(', ')} | ${parts.join(', ')}`);
  }
  const summary = { refs: Object.fromEntries(Object.entries(out.refs).map(([k, v]) => [k, median(v)])), modes: {} };
  for (const [k, m] of Object.entries(out.modes)) {
    summary.modes[k] = {
      linesPerSec: median(m.rate),
      cpuLinesPerSec: median(m.cpuRate),
      ratio: Object.fromEntries(Object.entries(m.ratio).map(([ref, v]) => [ref, median(v)])),
    };
  }
  return { summary, results: Object.fromEntries(Object.entries(out.modes).map(([k, m]) => [k, m.result])) };
}

console.log(`\n(lines/s are wall-clock; ×JS / ×grep = our lines/s ÷ the reference's in the same round; ${THREADS} worker threads in the parallel modes; load average ${
  (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')})`);

// ---------------------------------------------------------------- messages (the miner itself)
const same = (a, b) => JSON.stringify(a.templates.map((t) => [t.templateId, t.count, t.firstLine])) === JSON.stringify(b.templates.map((t) => [t.templateId, t.count, t.firstLine]));
const msg = await rounds('messages', LINES, tools([msgFile]), {
  single: () => mineLogFile(msgFile, { threads: 0, trackLines: false }),
  parallel: () => mineLogFile(msgFile, { threads: THREADS, trackLines: false }),
});
const msgAgree = same(msg.results.single, msg.results.parallel);
console.log(`messages: ${msg.results.single.templates.length} templates; single and parallel agree: ${msgAgree}`);

// ---------------------------------------------------------------- logs (`pfa templates`)
const logs = await rounds('logs', logLines, tools(logFiles), {
  single: () => mineLogs(logFiles, { threads: 0, trackLines: false }),
  parallel: () => mineLogs(logFiles, { threads: THREADS, trackLines: false }),
});
const logAgree =
  same(logs.results.single, logs.results.parallel) &&
  JSON.stringify(logs.results.single.templates.map((t) => [t.firstSeen, t.lastSeen])) === JSON.stringify(logs.results.parallel.templates.map((t) => [t.firstSeen, t.lastSeen]));
console.log(`logs: ${logs.results.single.templates.length} templates; single and parallel agree (ids, counts, first/last seen): ${logAgree}`);
const rssAfterFiles = process.resourceUsage().maxRSS / 1024;

// the log parser alone (evidence/logs), on a tenth of each log file: the bound of the logs figures
const parserShare = 0.1;
const parserOnly = await timed(async () => {
  let n = 0;
  for (const file of logFiles) {
    let inFile = 0;
    for await (const batch of streamLogFile(file, { tz: 'UTC' }).batches()) {
      inFile += batch.length;
      if (inFile >= (LINES / SYSTEMS.length) * parserShare) break;
    }
    n += inFile;
  }
  return n;
});
const parserRate = parserOnly.result / (parserOnly.wall / 1000);
console.log(`log parser alone (streamLogFile, first ${parserShare * 100} % of each log file, one thread): ${f(parserRate)} (${parserOnly.result.toLocaleString('en')} lines)`);

// ---------------------------------------------------------------- in-memory strings (miner.add)
let lines = readFileSync(msgFile, 'utf8').split('\n');
lines.pop();
const strings = await rounds('strings', LINES, { "split(' ')": () => lines.reduce((n, l) => n + l.split(' ').length, 0) }, {
  'miner.add': () => {
    const miner = createTemplateMiner({ trackLines: false });
    for (let i = 0; i < lines.length; i++) miner.add(lines[i]);
    return { templates: miner.templates() };
  },
});
lines = null;
for (const file of [msgFile, ...logFiles]) rmSync(file);

const result = {
  accuracy,
  averageGA: avg('ga'),
  averagePA: avg('pa'),
  threads: THREADS,
  messages: { lines: LINES, averageChars: msgChars / LINES, templates: msg.results.single.templates.length, agree: msgAgree, ...msg.summary },
  logs: { lines: logLines, averageChars: logChars / logLines, templates: logs.results.single.templates.length, agree: logAgree, ...logs.summary, parserAloneLinesPerSec: parserRate },
  strings: strings.summary,
  peakRssAfterFileModesMB: rssAfterFiles,
  peakRssMB: process.resourceUsage().maxRSS / 1024,
};
const line = (name, s) =>
  Object.entries(s.modes)
    .map(([k, m]) => `${name} ${k}: ${f(m.linesPerSec)} wall (${f(m.cpuLinesPerSec)} per CPU second of this process), ${Object.entries(m.ratio).map(([ref, v]) => `×${v.toFixed(3)} ${ref}`).join(', ')}`)
    .join('\n');
console.log('\nmedians');
console.log(line('messages', result.messages));
console.log(line('logs', result.logs));
console.log(line('strings', result.strings));
console.log(`peak RSS ${rssAfterFiles.toFixed(0)} MB after the file modes, ${result.peakRssMB.toFixed(0)} MB over the run (with ${LINES.toLocaleString('en')} strings in memory)`);
writeFileSync(path.join(outDir, 'templates.json'), `${JSON.stringify(result, null, 2)}\n`);
