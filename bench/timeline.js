// Timeline reconstruction bench (src/evidence/timeline): a deterministic 24-hour, five-source corpus
// (~2 GB, ~14 M lines: syslog RFC 3164 without a year, `journalctl -o json`, a log4j-style app log, JSON
// lines with epoch-ns integer timestamps, a QuickFIX C++ message log with SOH separators; rare errors,
// kernel failures, FIX rejects, bad lines and lines going back in time planted at fixed rates), then
//   1. a 45-minute window (15 min incident ± 15 min) with pfa, grep and lnav on the same files;
//   2. the same query over 15 min, 45 min and 3 h: the cost should follow the window, not the files;
//   3. a full scan (everything) with pfa on 1 and 2 worker threads, lnav and grep (pfa on 2 workers and
//      lnav interleaved in --reps rounds, the ratio the median of the per-round ratios);
//   4. pfa's peak RSS in each run (the child process's maxRSS, worker threads included);
//      window queries run first without, then with the line-count index a first query leaves in
//      the cache (a private cache directory: the user's is neither read nor written);
//   5. accuracy: on a small corpus, the fast path's events and statistics against the reference
//      path that parses every line (they must be identical).
// Run: npm run build && node bench/timeline.js [--size 2g] [--dir /tmp/pfa-timeline-bench-2g] [--reps 3] [--skip-full | --accuracy-only]
// The corpus is generated once per size and reused. lnav: `apt-get install -y lnav` (reported as missing otherwise).
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

export const T0_MS = Date.UTC(2025, 10, 26, 0, 0, 0);
export const SPAN_MS = 24 * 3600 * 1000;
const SOH = '\x01';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Lines per source for a 2 GB corpus; smaller sizes scale them down.
const LINES_2G = { syslog: 5_000_000, journal: 900_000, app: 4_000_000, jsonl: 3_200_000, fix: 1_200_000 };
export const FILES = { syslog: 'syslog', journal: 'journal.json', app: 'oms-app.log', jsonl: 'md-feed.jsonl', fix: 'FIX.4.4-GW-NASDAQ.messages.current.log' };

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const p2 = (n) => (n < 10 ? `0${n}` : `${n}`);
const p3 = (n) => String(n).padStart(3, '0');
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];

const PROCS = ['sshd', 'cron', 'systemd', 'ob-engine', 'risk-gw', 'chronyd', 'rsyslogd', 'md-handler', 'NetworkManager'];
const INFO_MSGS = [
  (r) => `session opened for user trader${Math.floor(r() * 50)} by (uid=0)`,
  (r) => `order book snapshot written: ${Math.floor(r() * 90_000)} levels in ${Math.floor(r() * 900)}us`,
  (r) => `heartbeat ok seq=${Math.floor(r() * 1e7)} latency=${Math.floor(r() * 300)}us`,
  (r) => `Accepted publickey for deploy from 10.1.${Math.floor(r() * 255)}.${Math.floor(r() * 255)} port ${20000 + Math.floor(r() * 40000)} ssh2`,
  (r) => `selected source 10.0.0.${Math.floor(r() * 9)} offset ${(r() * 1e-5).toFixed(9)} sec`,
  (r) => `routed order ORD-${Math.floor(r() * 1e8)} to XNAS qty=${Math.floor(r() * 1000)} px=${(100 + r() * 50).toFixed(2)}`,
];
const ERROR_MSGS = [
  (r) => `order ORD-${Math.floor(r() * 1e8)} rejected by risk: position limit exceeded`,
  (r) => `market data gap on channel ${Math.floor(r() * 12)}: ${Math.floor(r() * 500)} packets lost`,
  (r) => `connection to XNAS reset by peer after ${Math.floor(r() * 9000)}ms`,
];
const KERNEL_NOTABLE = [
  (r) => `Out of memory: Killed process ${1000 + Math.floor(r() * 30000)} (ob-engine) total-vm:${Math.floor(r() * 9e6)}kB`,
  (r) => `ob-engine[${1000 + Math.floor(r() * 30000)}]: segfault at ${Math.floor(r() * 1e9).toString(16)} ip 00007f3a sp 00007ffd error 4`,
  () => 'ixgbe 0000:3b:00.0 eth2: NIC Link is Down',
  (r) => `INFO: task kworker/${Math.floor(r() * 8)}:1 blocked for more than 120 seconds.`,
];

/** Line writer for one source: times run forward over 24 h, with planted rarities. */
class Source {
  constructor(file, lines, seed) {
    this.fd = openSync(file, 'w');
    this.lines = lines;
    this.r = rng(seed);
    this.parts = [];
    this.size = 0;
    this.written = 0;
  }
  push(s) {
    this.parts.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : s);
    this.size += this.parts[this.parts.length - 1].length;
    if (this.size > 4 << 20) this.flush();
  }
  flush() {
    const b = Buffer.concat(this.parts);
    writeSync(this.fd, b);
    this.written += b.length;
    this.parts = [];
    this.size = 0;
  }
  /** Calls fn(ns, i, kind) for each line; kind is 'line', 'error', 'notable', 'back', 'bad'. */
  run(fn) {
    const stepNs = BigInt(Math.floor((SPAN_MS * 1e6) / this.lines));
    const t0 = BigInt(T0_MS) * 1_000_000n;
    for (let i = 0; i < this.lines; i++) {
      const jitter = BigInt(Math.floor(this.r() * Number(stepNs)));
      const ns = t0 + BigInt(i) * stepNs + jitter;
      const x = this.r();
      // Rates: 0.3 % errors, 0.02 % notable, 0.001 % back in time, a few bad lines per 100k.
      const kind = x < 0.003 ? 'error' : x < 0.0032 ? 'notable' : x < 0.00321 ? 'back' : x < 0.00325 ? 'bad' : 'line';
      if (kind === 'bad') this.push(badLine(this.r, i));
      else fn(kind === 'back' ? ns - 5_000_000_000n : ns, i, kind);
    }
    this.flush();
    closeSync(this.fd);
  }
}

function badLine(r, i) {
  const k = i % 4;
  if (k === 0) return Buffer.from([0, 1, 2, 3, 0xff, 0, 9, 10]);
  if (k === 1) return Buffer.concat([Buffer.from('corrupt '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from(' tail\n')]);
  if (k === 2 && r() < 0.05) return Buffer.from(`${'x'.repeat(70_000)}\n`);
  return Buffer.from('-- garbled line without any header --\n');
}

function wall(ns) {
  const ms = Number(ns / 1_000_000n);
  const d = new Date(ms);
  return { d, frac9: String(ns % 1_000_000_000n).padStart(9, '0'), ms };
}

const syslogTime = (ns) => {
  const { d } = wall(ns);
  const day = d.getUTCDate();
  return `${MONTHS[d.getUTCMonth()]} ${day < 10 ? ` ${day}` : day} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
};
const isoSpace = (ns) => {
  const { d } = wall(ns);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())},${p3(d.getUTCMilliseconds())}`;
};
const fixTime = (ns, digits = 9) => {
  const { d, frac9 } = wall(ns);
  return `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}-${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${frac9.slice(0, digits)}`;
};

function genSyslog(file, n) {
  const s = new Source(file, n, 1);
  s.run((ns, i, kind) => {
    const r = s.r;
    if (kind === 'notable') s.push(`${syslogTime(ns)} gw01 kernel: ${pick(r, KERNEL_NOTABLE)(r)}\n`);
    else {
      const proc = pick(r, PROCS);
      const msg = kind === 'error' ? `error: ${pick(r, ERROR_MSGS)(r)}` : pick(r, INFO_MSGS)(r);
      s.push(`${syslogTime(ns)} gw01 ${proc}[${1000 + (i % 7919)}]: ${msg}\n`);
    }
  });
  return s.written;
}

function genJournal(file, n) {
  const s = new Source(file, n, 2);
  const boot = '8f0e5a7c2b9d4e61a3c0f1e2d3c4b5a6';
  s.run((ns, i, kind) => {
    const r = s.r;
    const comm = pick(r, PROCS);
    const prio = kind === 'error' ? pick(r, ['3', '2', '3', '3']) : kind === 'notable' ? '4' : pick(r, ['6', '6', '6', '5', '7', '4']);
    const msg = kind === 'notable' ? pick(r, KERNEL_NOTABLE)(r) : kind === 'error' ? pick(r, ERROR_MSGS)(r) : pick(r, INFO_MSGS)(r);
    const us = ns / 1000n;
    s.push(
      `{"__CURSOR":"s=${boot};i=${(i + 1).toString(16)};b=${boot};m=${(us % 100_000_000_000n).toString(16)};t=${us.toString(16)};x=${(i * 2654435761 >>> 0).toString(16)}",` +
        `"__REALTIME_TIMESTAMP":"${us}","__MONOTONIC_TIMESTAMP":"${us - 1764100000000000n}","_BOOT_ID":"${boot}","PRIORITY":"${prio}",` +
        `"_UID":"0","_GID":"0","_COMM":"${comm}","_EXE":"/usr/bin/${comm}","_SYSTEMD_UNIT":"${comm}.service","_HOSTNAME":"gw01",` +
        `"SYSLOG_IDENTIFIER":"${comm}","_PID":"${1000 + (i % 7919)}","MESSAGE":"${msg}"}\n`,
    );
  });
  return s.written;
}

const THREADS = ['main', 'pool-3-thread-7', 'oms-router-1', 'risk-check-2', 'fix-in-0'];
const LOGGERS = ['com.acme.oms.OrderRouter', 'com.acme.oms.RiskCheck', 'com.acme.md.BookBuilder', 'com.acme.fix.SessionAdapter'];

function genApp(file, n) {
  const s = new Source(file, n, 3);
  s.run((ns, i, kind) => {
    const r = s.r;
    const level = kind === 'error' || kind === 'notable' ? pick(r, ['ERROR', 'ERROR', 'FATAL']) : pick(r, ['INFO ', 'INFO ', 'INFO ', 'DEBUG', 'WARN ']);
    const msg = kind === 'error' || kind === 'notable' ? pick(r, ERROR_MSGS)(r) : pick(r, INFO_MSGS)(r);
    s.push(`${isoSpace(ns)} ${level} [${pick(r, THREADS)}] ${pick(r, LOGGERS)} - ${msg}\n`);
    // A stack trace after some errors: continuation lines.
    if (kind === 'error' && i % 3 === 0) s.push('java.lang.IllegalStateException: book stale\n\tat com.acme.oms.OrderRouter.route(OrderRouter.java:212)\n');
  });
  return s.written;
}

function genJsonl(file, n) {
  const s = new Source(file, n, 4);
  s.run((ns, i, kind) => {
    const r = s.r;
    const level = kind === 'error' ? pick(r, ['error', 'error', 'fatal']) : pick(r, ['info', 'info', 'debug', 'warn']);
    const msg = kind === 'notable' ? pick(r, KERNEL_NOTABLE)(r) : kind === 'error' ? pick(r, ERROR_MSGS)(r) : pick(r, INFO_MSGS)(r);
    s.push(`{"ts":${ns},"level":"${level}","logger":"md.feed.${i % 12}","host":"gw01","msg":"${msg}"}\n`);
  });
  return s.written;
}

function fixMsg(fields) {
  const body = fields.join(SOH) + SOH;
  const head = `8=FIX.4.4${SOH}9=${body.length}${SOH}`;
  let sum = 0;
  for (const c of Buffer.from(head + body, 'latin1')) sum += c;
  return `${head}${body}10=${p3(sum % 256)}${SOH}`;
}

function genFix(file, n) {
  const s = new Source(file, n, 5);
  let seqOut = 1;
  let seqIn = 1;
  let lastHb = -1;
  s.run((ns, i, kind) => {
    const r = s.r;
    const t = fixTime(ns, 3);
    const out = (fields) => [`35=${fields[0]}`, `34=${seqOut++}`, '49=GW', `52=${t}`, '56=NASDAQ', ...fields.slice(1)];
    const inn = (fields) => [`35=${fields[0]}`, `34=${seqIn++}`, '49=NASDAQ', `52=${t}`, '56=GW', ...fields.slice(1)];
    let fields;
    if (i === 0) fields = out(['A', '98=0', '108=30']);
    else if (kind === 'error') fields = inn(['8', `37=X${i}`, `11=ORD-${i}`, `17=E${i}`, '150=8', '39=8', '55=AAPL', '54=1', '38=100', '58=risk limit exceeded', '103=3']);
    else if (kind === 'notable') fields = inn(['9', `37=X${i}`, `11=CXL-${i}`, `41=ORD-${i - 1}`, '39=8', '434=1', '102=1', '58=too late to cancel']);
    else {
      const sec = Math.floor(Number(ns / 1_000_000_000n));
      if (sec - lastHb >= 30) {
        lastHb = sec;
        fields = i % 2 ? out(['0']) : inn(['0']);
      } else if (r() < 0.5) fields = out(['D', `11=ORD-${i}`, '55=AAPL', '54=1', '38=100', '40=2', `44=${(180 + r() * 5).toFixed(2)}`, '59=0', `60=${t}`]);
      else fields = inn(['8', `37=X${i}`, `11=ORD-${i - 1}`, `17=E${i}`, '150=0', '39=0', '55=AAPL', '54=1', '38=100', '14=0', '151=100']);
    }
    s.push(`${fixTime(ns)} : ${fixMsg(fields)}\n`);
  });
  return s.written;
}

const GENERATORS = { syslog: genSyslog, journal: genJournal, app: genApp, jsonl: genJsonl, fix: genFix };

/**
 * Writes the corpus into dir (reused when its manifest says it is complete and of this size).
 * Returns { files: {key: path}, bytes, lines }.
 */
export function ensureCorpus(dir, sizeBytes, log = console.log) {
  mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'manifest.json');
  const scale = sizeBytes / 2e9;
  const lines = Object.fromEntries(Object.entries(LINES_2G).map(([k, v]) => [k, Math.max(1000, Math.round(v * scale))]));
  if (existsSync(manifest)) {
    const m = JSON.parse(readFileSync(manifest, 'utf8'));
    if (JSON.stringify(m.lines) === JSON.stringify(lines) && m.version === 1) return m;
  }
  const out = { version: 1, lines, files: {}, bytes: 0 };
  for (const [key, gen] of Object.entries(GENERATORS)) {
    const file = path.join(dir, FILES[key]);
    const t = performance.now();
    const bytes = gen(file, lines[key]);
    // The file was last written at the end of the day it covers: yearless syslog takes its year from this.
    const end = new Date(T0_MS + SPAN_MS + 60_000);
    utimesSync(file, end, end);
    out.files[key] = file;
    out.bytes += bytes;
    log(`  generated ${FILES[key]}: ${lines[key].toLocaleString('en-US')} lines, ${(bytes / 1e6).toFixed(0)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  writeFileSync(manifest, JSON.stringify(out, null, 2));
  return out;
}


// ---------------------------------------------------------------- measurement
const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const iso = (ms) => new Date(ms).toISOString();

/**
 * Child mode: one timeline, built and read to its last event as `pfa timeline` prints it (every
 * event made into its JSON line), its time, CPU and peak RSS as one JSON line.
 */
async function child(spec) {
  const { openTimeline } = await import('../dist/evidence/timeline/index.js');
  const { eventJson } = await import('../dist/evidence/timeline/event.js');
  const { parseTimestamp } = await import('../dist/shared/time.js');
  const cpu = process.cpuUsage();
  const t = performance.now();
  const r = await openTimeline(spec.files, {
    start: parseTimestamp(spec.start), end: parseTimestamp(spec.end), before: spec.before, after: spec.after,
    ...(spec.workers ? { workers: spec.workers } : {}), ...(spec.exhaustive ? { exhaustive: true } : {}),
  });
  let events = 0;
  const dump = spec.dump ? openSync(spec.dump, 'w') : null;
  try {
    for (const e of r.events) {
      const line = JSON.stringify(eventJson(e));
      events++;
      if (dump !== null) writeSync(dump, `${line}\n`);
    }
  } finally {
    if (dump !== null) closeSync(dump);
    r.close();
  }
  const ms = performance.now() - t;
  const u = process.cpuUsage(cpu);
  const out = { ms, cpuMs: (u.user + u.system) / 1000, events, maxRssMb: process.resourceUsage().maxRSS / 1024, sources: r.sources.map((s) => ({ file: path.basename(s.file), lines: s.lines, events: s.events, rejected: s.rejected, notes: s.notes })) };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// pfa's cache (the line-count indexes of skipped prefixes) lives here for the run; `fresh()` empties it.
let cacheDir = null;
const freshCache = () => {
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  cacheDir = mkdtempSync(path.join(tmpdir(), 'pfa-bench-cache-'));
};

function runPfa(spec) {
  const env = { ...process.env, XDG_CACHE_HOME: cacheDir ?? tmpdir() };
  delete env.PFA_NO_CACHE;
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(spec)], { encoding: 'utf8', maxBuffer: 1 << 26, env });
  if (r.status !== 0) throw new Error(`pfa child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** The same query as a user runs it: `bin/pfa.js timeline … --json`, wall time from spawn to exit (start-up included). */
function runCli(spec) {
  const env = { ...process.env, XDG_CACHE_HOME: cacheDir ?? tmpdir() };
  delete env.PFA_NO_CACHE;
  const argv = [path.join(here, '../bin/pfa.js'), 'timeline', '--start', spec.start, '--end', spec.end, '--before', spec.before, '--after', spec.after, '--json', ...spec.files];
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`pfa timeline failed: ${r.stderr}`);
  return { ms, events: JSON.parse(r.stdout).events.length };
}

function timed(cmd) {
  const t = performance.now();
  const r = spawnSync('bash', ['-c', cmd], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: performance.now() - t, out: r.stdout.trim(), status: r.status, err: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmtMs = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

// What a responder greps for: level words, journal priorities 0–3, FIX rejects, kernel failures.
const ERROR_WORDS = `'\\b(error|err|crit|critical|fatal|emerg|alert|panic)\\b|"PRIORITY":"[0-3]"|\\b39=8\\b|\\b35=9\\b|Out of memory|segfault|Link is Down|blocked for more than'`;

// Minute prefixes of a wall-clock range, as each format writes them, for grep.
function minutes(fromMs, toMs) {
  const out = [];
  for (let m = fromMs; m < toMs; m += 60_000) out.push(new Date(m));
  return out;
}
function grepWindow(files, fromMs, toMs) {
  const ms = minutes(fromMs, toMs);
  const hm = (d) => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
  const ymd = (d) => `${d.getUTCFullYear()}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())}`;
  const syslogRe = `^(${ms.map((d) => `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${hm(d)}`).join('|')})`;
  const appRe = `^(${ms.map((d) => `${d.toISOString().slice(0, 10)} ${hm(d)}`).join('|')})`;
  const fixRe = `^(${ms.map((d) => `${ymd(d)}-${hm(d)}`).join('|')})`;
  // Epoch prefixes of 10 s (9 digits of seconds) cover the range for the two JSON formats.
  const tens = [];
  for (let s = Math.floor(fromMs / 10_000); s < Math.ceil(toMs / 10_000); s++) tens.push(String(s));
  const journalRe = `"__REALTIME_TIMESTAMP":"(${tens.join('|')})`;
  const jsonlRe = `"ts":(${tens.join('|')})`;
  const errRe = ERROR_WORDS;
  const by = { syslog: syslogRe, journal: journalRe, app: appRe, jsonl: jsonlRe, fix: fixRe };
  return Object.entries(files).map(([k, f]) => `grep -aE '${by[k]}' '${f}' | grep -aciE ${errRe}`).join('; ');
}

function lnavQuery(files, where) {
  const sql = `;SELECT count(*) AS n FROM all_logs WHERE log_level IN ('error','critical','fatal')${where ? ` AND ${where}` : ''}`;
  return `lnav -n -c "${sql}" -c ':write-csv-to -' ${Object.values(files).map((f) => `'${f}'`).join(' ')} 2>/dev/null | tail -1`;
}

async function main() {
  const parseSize = (s) => {
    const m = /^(\d+(?:\.\d+)?)([kmg]?)b?$/i.exec(s);
    if (!m) throw new Error(`bad --size ${s}`);
    return Number(m[1]) * { '': 1, k: 1e3, m: 1e6, g: 1e9 }[m[2].toLowerCase()];
  };
  const size = arg('size', '2g');
  const dir = arg('dir', `/tmp/pfa-timeline-bench-${size}`);
  const reps = Number(arg('reps', '3'));
  console.log(`corpus: ${dir}`);
  const corpus = ensureCorpus(dir, parseSize(size));
  const totalLines = Object.values(corpus.lines).reduce((a, b) => a + b, 0);
  console.log(`  ${totalLines.toLocaleString('en-US')} lines, ${(corpus.bytes / 1e9).toFixed(2)} GB, five sources`);
  const files = corpus.files;
  const list = Object.values(files);
  const hasLnav = spawnSync('bash', ['-c', 'command -v lnav']).status === 0;
  if (!hasLnav) console.log('  lnav: NOT INSTALLED (apt-get install -y lnav) — lnav rows are skipped, grep still runs');
  const results = { corpus: { dir, bytes: corpus.bytes, lines: totalLines }, window: {}, scaling: [], full: {}, accuracy: {} };

  // 1. The 45-minute window: incident 14:15–14:30, ±15 min.
  const inc0 = T0_MS + (14 * 60 + 15) * 60_000;
  const inc1 = inc0 + 15 * 60_000;
  const spec = { files: list, start: iso(inc0), end: iso(inc1), before: '15m', after: '15m' };
  // --accuracy-only: only step 5 (after a change to the parsers, without the long speed runs).
  if (!args.includes('--accuracy-only')) {
    console.log(`\n1. window query ${iso(inc0 - 15 * 60_000)} – ${iso(inc1 + 15 * 60_000)} (45 min)`);
    // The first query counts the lines before the window and leaves their index; the next ones use it.
    freshCache();
    const cold = runPfa(spec);
    const runs = Array.from({ length: reps }, () => runPfa(spec));
    const pfa = { ms: median(runs.map((r) => r.ms)), cpuMs: median(runs.map((r) => r.cpuMs)), rss: Math.max(cold.maxRssMb, ...runs.map((r) => r.maxRssMb)), events: runs[0].events, coldMs: cold.ms, coldCpuMs: cold.cpuMs };
    const cliRuns = Array.from({ length: reps }, () => runCli(spec));
    const cli = { ms: median(cliRuns.map((r) => r.ms)), events: cliRuns[0].events };
    const grepRuns = Array.from({ length: reps }, () => timed(grepWindow(files, inc0 - 15 * 60_000, inc1 + 15 * 60_000)));
    const grep = { ms: median(grepRuns.map((r) => r.ms)), lines: grepRuns[0].out.split('\n').reduce((a, b) => a + Number(b || 0), 0) };
    console.log(`   pfa   ${fmtMs(pfa.coldMs).padStart(8)} wall, ${fmtMs(pfa.coldCpuMs)} CPU: first query (no line index yet), ${cold.events} events`);
    console.log(`   pfa   ${fmtMs(pfa.ms).padStart(8)} wall (median of ${reps}), ${fmtMs(pfa.cpuMs)} CPU: later queries (line index), ${pfa.events} events, peak RSS ${pfa.rss.toFixed(0)} MB`);
    console.log(`   pfa   ${fmtMs(cli.ms).padStart(8)} wall (median of ${reps}): the CLI, \`pfa timeline … --json\`, start-up included, ${cli.events} events`);
    console.log(`   grep  ${fmtMs(grep.ms).padStart(8)} wall (time prefixes | error words: ${grep.lines} lines)   pfa is ${(grep.ms / pfa.ms).toFixed(2)}× grep's speed`);
    let lnav = null;
    if (hasLnav) {
      const where = `log_time >= '${iso(inc0 - 15 * 60_000).replace('T', ' ').slice(0, 19)}' AND log_time < '${iso(inc1 + 15 * 60_000).replace('T', ' ').slice(0, 19)}'`;
      const r = timed(lnavQuery(files, where));
      lnav = { ms: r.ms, count: Number(r.out) };
      console.log(`   lnav  ${fmtMs(lnav.ms).padStart(8)} wall (SQL over all_logs: ${lnav.count} error lines in the formats it recognizes)   pfa is ${(lnav.ms / pfa.ms).toFixed(1)}× lnav's speed`);
    }
    for (const s of runs[0].sources) console.log(`     ${s.file.padEnd(40)} ${String(s.lines).padStart(9)} lines read, ${String(s.events).padStart(5)} events  ${s.notes.join('; ').slice(0, 60)}`);
    results.window = { pfa, cli, grep, lnav, sources: runs[0].sources };

    // 2. Cost against window length.
    console.log('\n2. cost against window length (incident centred at 14:22:30, ±0; line index kept from 1.)');
    for (const minutesLong of [15, 45, 180]) {
      const mid = inc0 + 7.5 * 60_000;
      const sp = { files: list, start: iso(mid - minutesLong * 30_000), end: iso(mid + minutesLong * 30_000), before: '0s', after: '0s' };
      const rs = Array.from({ length: reps }, () => runPfa(sp));
      const row = { minutes: minutesLong, ms: median(rs.map((r) => r.ms)), cpuMs: median(rs.map((r) => r.cpuMs)), events: rs[0].events, rss: Math.max(...rs.map((r) => r.maxRssMb)) };
      results.scaling.push(row);
      console.log(`   ${String(minutesLong).padStart(4)} min: ${fmtMs(row.ms).padStart(8)} wall, ${fmtMs(row.cpuMs).padStart(8)} CPU, ${row.events} events, peak RSS ${row.rss.toFixed(0)} MB`);
    }

    // 3. Full scan.
    if (!args.includes('--skip-full')) {
      console.log('\n3. full scan (a window holding everything)');
      const all = { files: list, start: iso(T0_MS - 3600_000), end: iso(T0_MS + SPAN_MS + 3600_000), before: '0s', after: '0s' };
      const w1 = runPfa({ ...all, workers: 1 });
      // pfa on two workers and lnav interleaved, `reps` rounds: the ratio is taken per round and its
      // median reported, since the machine's speed drifts by more than the difference between runs.
      const rounds = [];
      for (let r = 0; r < reps; r++) {
        const p = runPfa({ ...all, workers: 2 });
        const l = hasLnav ? timed(lnavQuery(files, '')) : null;
        rounds.push({ p, l });
      }
      const w2 = rounds.map((r) => r.p).sort((a, b) => a.ms - b.ms)[Math.floor(rounds.length / 2)];
      const g = timed(`grep -aciE ${ERROR_WORDS} ${list.map((f) => `'${f}'`).join(' ')}`);
      const mbs = (ms) => corpus.bytes / 1e6 / (ms / 1000);
      console.log(`   pfa 1 worker   ${fmtMs(w1.ms).padStart(8)}  ${mbs(w1.ms).toFixed(0).padStart(4)} MB/s  ${w1.events} events, peak RSS ${w1.maxRssMb.toFixed(0)} MB`);
      console.log(`   pfa 2 workers  ${fmtMs(w2.ms).padStart(8)}  ${mbs(w2.ms).toFixed(0).padStart(4)} MB/s  ${w2.events} events, peak RSS ${Math.max(...rounds.map((r) => r.p.maxRssMb)).toFixed(0)} MB  (median of ${reps}; ${(w1.ms / w2.ms).toFixed(2)}× the 1-worker speed)`);
      console.log(`   grep -ciE      ${fmtMs(g.ms).padStart(8)}  ${mbs(g.ms).toFixed(0).padStart(4)} MB/s  (pfa 2 workers at ${(g.ms / w2.ms).toFixed(2)}× grep's throughput)`);
      // Cross-check: grep's error-word lines per file against pfa's events (syslog lines without <PRI>
      // have no level: only their notable kernel lines are events, while grep also counts `error:` words).
      const perFile = Object.fromEntries(g.out.split('\n').map((l) => [path.basename(l.slice(0, l.lastIndexOf(':'))), Number(l.slice(l.lastIndexOf(':') + 1))]));
      for (const s of w2.sources) console.log(`     ${s.file.padEnd(40)} pfa ${String(s.events).padStart(6)} events   grep ${String(perFile[s.file] ?? '?').padStart(6)} lines`);
      let lf = null;
      if (hasLnav) {
        const ratios = rounds.map((r) => r.l.ms / r.p.ms);
        const ratio = median(ratios);
        const lms = median(rounds.map((r) => r.l.ms));
        lf = { ms: lms, count: Number(rounds[0].l.out), ratio, rounds: rounds.map((r) => ({ pfaMs: r.p.ms, lnavMs: r.l.ms })) };
        console.log(`   lnav           ${fmtMs(lms).padStart(8)}  ${mbs(lms).toFixed(0).padStart(4)} MB/s  (median of ${reps}; ${lf.count} error lines it recognizes)`);
        console.log(`   pfa 2 workers at ${ratio.toFixed(2)}× lnav's throughput, the median of per-round ratios ${ratios.map((x) => x.toFixed(2)).join(' / ')} (target ≥ 2)`);
      }
      results.full = { w1, w2, grep: { ms: g.ms }, lnav: lf };
    }
  }

  // 5. Accuracy: fast path against the reference on a small corpus, a window and everything.
  const small = ensureCorpus(path.join(path.dirname(dir), 'pfa-timeline-bench-check'), 60e6, () => {});
  const sl = Object.values(small.files);
  console.log('\n5. accuracy: fast path vs reference (every line parsed) on a 60 MB corpus of the same kinds');
  for (const [name, sp] of [
    ['45-min window', { files: sl, start: iso(inc0), end: iso(inc1), before: '15m', after: '15m' }],
    ['everything', { files: sl, start: iso(T0_MS - 3600_000), end: iso(T0_MS + SPAN_MS + 3600_000), before: '0s', after: '0s' }],
  ]) {
    const a = path.join(here, 'out', 'timeline-ref.jsonl');
    const b = path.join(here, 'out', 'timeline-fast.jsonl');
    mkdirSync(path.dirname(a), { recursive: true });
    const ref = runPfa({ ...sp, exhaustive: true, dump: a });
    const fast = runPfa({ ...sp, workers: 2, dump: b });
    // The events as JSON lines, in order: equal files, equal timelines.
    const sameEvents = readFileSync(a, 'utf8') === readFileSync(b, 'utf8');
    rmSync(a);
    rmSync(b);
    const stat = (x) => x.sources.map((s) => ({ lines: s.lines, rejected: s.rejected }));
    const sameStats = isDeepStrictEqual(stat(ref), stat(fast));
    console.log(`   ${name.padEnd(14)} events ${ref.events} vs ${fast.events}: ${sameEvents ? 'identical' : 'DIFFERENT'}; statistics ${sameStats ? 'identical' : name === 'everything' ? 'DIFFERENT' : 'differ as expected (only the lines read are counted)'}; reference ${fmtMs(ref.ms)}, fast ${fmtMs(fast.ms)} (${(ref.ms / fast.ms).toFixed(1)}×)`);
    results.accuracy[name] = { sameEvents, sameStats, referenceMs: ref.ms, fastMs: fast.ms };
  }
  writeFileSync(path.join(here, 'out', 'timeline.json'), JSON.stringify(results, null, 2));
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
}

if (args[0] === '--child') await child(JSON.parse(args[1]));
else await main();
