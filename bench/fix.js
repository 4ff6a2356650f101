// FIX engine logs → events: generates a QuickFIX C++ messages log (several sessions, order flow with
// rejects of each kind, heartbeats, one engine stall), runs the FIX engine over it and checks that
// every planted reject, the heartbeat gap and the unanswered orders are found, nothing more; speed
// is compared with `grep -c '35=8'` and a plain JS line scan of the same file. Run after `npm run build`:
//   node bench/fix.js [--messages 1500000] [--sessions 8] [--reps 1]
import { spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, openSync, closeSync, writeSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeFixMessage, readFixLogs } from '../dist/evidence/fix/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : dflt;
};
const target = Number(arg('messages', '1500000'));
const sessionCount = Number(arg('sessions', '8'));
const reps = Number(arg('reps', '1'));
const outDir = path.join(repoRoot, 'bench', 'out');
mkdirSync(outDir, { recursive: true });
const file = path.join(outDir, 'fix-bench.messages.log');

// ---- deterministic generator -----------------------------------------------------------------
let seed = 0x5eed;
const rand = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const NS = 1_000_000_000n;
const T0 = 1764144000n * NS; // 2025-11-26T08:00:00Z
const HB_NS = 30n * NS;
const fixTime = (ns) => {
  const iso = new Date(Number(ns / 1_000_000n)).toISOString();
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 19)}.${(ns % NS).toString().padStart(9, '0')}`;
};
const SYMBOLS = ['IBM', 'MSFT', 'AAPL', 'INTC', 'ORCL', 'CSCO', 'AMZN', 'NVDA'];

const fd = openSync(file, 'w');
let buffer = [];
let bufferChars = 0;
let written = 0;
const flush = () => {
  writeSync(fd, buffer.join(''));
  buffer = [];
  bufferChars = 0;
};
const expected = { order_rejected: 0, session_reject: 0, business_reject: 0, cancel_rejected: 0, logon: 0, logout: 0, heartbeat_gap: 1 };
let unansweredPlanted = 0;

const sessions = Array.from({ length: sessionCount }, (_, i) => ({
  remote: `VENUE${i + 1}`,
  seqOut: 1,
  seqIn: 1,
  lastOut: T0,
  lastIn: T0,
  // Two quiet sessions live on heartbeats; the others trade.
  rate: i < 2 ? 0.02 : 1 + i,
  nextAt: T0 + NS,
  orders: 0,
}));
const totalRate = sessions.reduce((a, s) => a + s.rate, 0);
// Aim the whole log at ~30 minutes so that heartbeats matter; ~3.3 messages per order flow.
const spanNs = 1800n * NS;
const flows = target / 3.3;
for (const s of sessions) s.meanGapNs = Number(spanNs) / (flows * (s.rate / totalRate));

const emit = (s, ns, out, type, fields) => {
  const from = out ? 'PFA' : s.remote;
  const to = out ? s.remote : 'PFA';
  const seq = out ? s.seqOut++ : s.seqIn++;
  const msg = encodeFixMessage('FIX.4.4', [[35, type], [34, seq], [49, from], [52, fixTime(ns).slice(0, 21)], [56, to], ...fields]);
  buffer.push(`${fixTime(ns)} : ${msg}\n`);
  bufferChars += msg.length + 32;
  if (out) s.lastOut = ns;
  else s.lastIn = ns;
  written++;
  if (bufferChars > 4_000_000) flush();
  return seq;
};

// The stall: one trading session goes silent (both sides) for 100 s a third of the way in.
const frozen = sessions[sessionCount - 1];
const freezeFrom = T0 + spanNs / 3n;
const freezeTo = freezeFrom + 100n * NS;
let gapSince = null;

let clock = T0;
for (const s of sessions) {
  emit(s, clock, true, 'A', [[98, 0], [108, 30]]);
  emit(s, clock + 2_000_000n, false, 'A', [[98, 0], [108, 30]]);
  expected.logon += 2;
  clock += 5_000_000n;
}

const heartbeatsUpTo = (t) => {
  // Each side sends a heartbeat when it has sent nothing for HeartBtInt.
  for (;;) {
    let best = null;
    for (const s of sessions) {
      for (const out of [true, false]) {
        const due = (out ? s.lastOut : s.lastIn) + HB_NS;
        if (due <= t && (best === null || due < best.due)) best = { s, out, due };
      }
    }
    if (best === null) return;
    let due = best.due < clock ? clock : best.due;
    if (best.s === frozen && due >= freezeFrom && due < freezeTo) due = freezeTo + (best.out ? 0n : 300_000n);
    if (due > t) {
      // Postponed past t by the stall: record the silence and come back later.
      if (best.out) best.s.lastOut = due - HB_NS;
      else best.s.lastIn = due - HB_NS;
      continue;
    }
    emit(best.s, due, best.out, '0', []);
    if (due > clock) clock = due;
  }
};

let frozenDone = false;
while (written < target) {
  let s = sessions[0];
  for (const x of sessions) if (x.nextAt < s.nextAt) s = x;
  let t = s.nextAt > clock ? s.nextAt : clock;
  if (s === frozen && t >= freezeFrom && !frozenDone) {
    // Orders sent just before the stall never get an answer.
    heartbeatsUpTo(freezeFrom);
    let at = freezeFrom;
    for (let k = 0; k < 5; k++) {
      emit(s, at, true, 'D', [[11, `LOST-${k}`], [21, 1], [38, 100], [40, 2], [44, '10.00'], [54, 1], [55, 'IBM'], [59, 0], [60, fixTime(at).slice(0, 21)]]);
      at += 150_000n;
      unansweredPlanted++;
    }
    gapSince = { out: s.lastOut, in: s.lastIn };
    clock = at;
    frozenDone = true;
    s.nextAt = freezeTo + 500_000n;
    continue;
  }
  heartbeatsUpTo(t);
  if (t < clock) t = clock;
  const id = `${s.remote}-${++s.orders}`;
  const sym = SYMBOLS[Math.floor(rand() * SYMBOLS.length)];
  const side = rand() < 0.5 ? 1 : 2;
  const qty = 100 * (1 + Math.floor(rand() * 50));
  const px = (50 + rand() * 100).toFixed(2);
  const r = rand();
  const order = [[11, id], [21, 1], [38, qty], [40, 2], [44, px], [54, side], [55, sym], [59, 0], [60, fixTime(t).slice(0, 21)]];
  const dSeq = emit(s, t, true, 'D', order);
  let at = t + 80_000n + BigInt(Math.floor(rand() * 200_000));
  const er = (execType, ordStatus, extra = []) =>
    [[6, '0'], [11, id], [14, 0], [17, `E${written}`], [37, `O-${id}`], [39, ordStatus], [54, side], [55, sym], [150, execType], [151, qty], ...extra];
  if (r < 0.002) {
    emit(s, at, false, '8', er(8, 8, [[103, 3], [58, 'Order exceeds limit']]));
    expected.order_rejected++;
  } else if (r < 0.003) {
    emit(s, at, false, '3', [[45, dSeq], [58, 'Value is incorrect (out of range) for this tag'], [371, 21], [372, 'D'], [373, 5]]);
    expected.session_reject++;
  } else if (r < 0.004) {
    emit(s, at, false, 'j', [[45, dSeq], [372, 'D'], [379, id], [380, 2], [58, 'Unknown security']]);
    expected.business_reject++;
  } else {
    emit(s, at, false, '8', er(0, 0));
    at += 300_000n;
    if (r < 0.06) {
      emit(s, at, true, 'F', [[11, `C-${id}`], [41, id], [54, side], [55, sym], [60, fixTime(at).slice(0, 21)]]);
      at += 100_000n;
      if (r < 0.008) {
        emit(s, at, false, '9', [[11, `C-${id}`], [37, `O-${id}`], [39, 0], [41, id], [102, 0], [434, 1], [58, 'Too late to cancel']]);
        expected.cancel_rejected++;
      } else {
        emit(s, at, false, '8', er(4, 4, [[41, id]]));
      }
    } else {
      emit(s, at, false, '8', er('F', 2, [[31, px], [32, qty]]));
    }
  }
  clock = at;
  s.nextAt = t + BigInt(Math.max(1000, Math.round(-Math.log(1 - rand()) * s.meanGapNs)));
}
heartbeatsUpTo(clock);
for (const s of sessions) {
  clock += 1_000_000n;
  emit(s, clock, true, '5', [[58, 'End of day']]);
  emit(s, clock + 500_000n, false, '5', []);
  expected.logout += 2;
}
flush();
closeSync(fd);
const bytes = statSync(file).size;
// The first side to fall silent is overdue 1.5 × 30 s after its last message.
const overdueAt = (gapSince.out < gapSince.in ? gapSince.out : gapSince.in) + 45n * NS;
console.log(`fix bench: ${written.toLocaleString('en')} messages, ${sessionCount} sessions, ${(bytes / 1e6).toFixed(1)} MB in ${path.relative(process.cwd(), file)}`);

// ---- helpers ---------------------------------------------------------------------------------
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
// grep's CPU time comes from /usr/bin/time when the machine has it (the wall time is noisy on a shared box).
const hasTime = spawnSync('/usr/bin/time', ['-f', '%U %S', 'true'], { encoding: 'utf8' }).status === 0;
const grepRun = () => {
  const t0 = performance.now();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S', 'grep', '-c', '35=8', file], { encoding: 'utf8' })
    : spawnSync('grep', ['-c', '35=8', file], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  const times = hasTime ? (r.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number) : [];
  const cpu = times.length === 2 ? (times[0] + times[1]) * 1000 : NaN;
  return { ms, cpu, count: Number(r.stdout.trim()) };
};
const jsScan = async () => {
  // The least a JS reader does: stream the file, split lines, look for a marker.
  const t0 = performance.now();
  const c0 = cpuMs();
  let count = 0;
  let rest = '';
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  stream.setEncoding('utf8');
  for await (const chunk of stream) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const l of lines) if (l.includes('\x0135=8\x01')) count++;
  }
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, count };
};

// ---- runs ------------------------------------------------------------------------------------
const engineTimes = [];
const engineCpu = [];
let result;
for (let r = 0; r < reps; r++) {
  const t0 = performance.now();
  const c0 = cpuMs();
  result = await readFixLogs([file], { localCompIds: ['PFA'] });
  engineCpu.push(cpuMs() - c0);
  engineTimes.push(performance.now() - t0);
}
// What the result keeps alive (events, statistics), not the file: everything else is garbage by now.
globalThis.gc?.();
const heapMb = process.memoryUsage().heapUsed / 1e6;
const grepTimes = [];
const grepCpu = [];
let grepCount = 0;
for (let r = 0; r < Math.max(3, reps); r++) {
  const g = grepRun();
  grepTimes.push(g.ms);
  grepCpu.push(g.cpu);
  grepCount = g.count;
}
const scanTimes = [];
const scanCpu = [];
let scanCount = 0;
for (let r = 0; r < Math.max(1, reps); r++) {
  const j = await jsScan();
  scanTimes.push(j.ms);
  scanCpu.push(j.cpu);
  scanCount = j.count;
}

// ---- accuracy --------------------------------------------------------------------------------
const { events, stats } = result;
const found = {};
for (const e of events) found[e.event_type] = (found[e.event_type] ?? 0) + 1;
let ok = true;
console.log('\naccuracy (planted → found)');
for (const [type, n] of Object.entries(expected)) {
  const got = found[type] ?? 0;
  if (got !== n) ok = false;
  console.log(`  ${type.padEnd(16)} ${String(n).padStart(6)} → ${String(got).padStart(6)} ${got === n ? 'ok' : 'MISMATCH'}`);
}
const extra = Object.keys(found).filter((t) => !(t in expected));
if (extra.length) {
  ok = false;
  console.log(`  unexpected event types: ${extra.map((t) => `${t}×${found[t]}`).join(', ')}`);
}
const gap = events.find((e) => e.event_type === 'heartbeat_gap');
const gapOk = gap !== undefined && gap.ns === overdueAt && gap.metadata.session === `PFA→${frozen.remote}`;
if (!gapOk) ok = false;
console.log(`  heartbeat gap    ${gap ? `${gap.timestamp} ${gap.metadata.session} ${gap.metadata.gap_s}s` : 'none'} (expected overdue ${new Date(Number(overdueAt / 1_000_000n)).toISOString()} on PFA→${frozen.remote}) ${gapOk ? 'ok' : 'MISMATCH'}`);
const unanswered = stats.sessions.reduce((a, s) => a + s.ordersUnanswered, 0);
if (unanswered !== unansweredPlanted) ok = false;
console.log(`  unanswered orders ${unansweredPlanted} → ${unanswered} ${unanswered === unansweredPlanted ? 'ok' : 'MISMATCH'}`);
const counted = stats.messages;
if (counted !== written || stats.corrupt !== 0) ok = false;
console.log(`  messages counted ${written} → ${counted}, corrupt ${stats.corrupt}`);
const orders = stats.sessions.reduce((a, s) => a + s.ordersSent, 0);
const fills = stats.sessions.reduce((a, s) => a + s.fills, 0);
console.log(`  orders sent ${orders.toLocaleString('en')}, fills ${fills.toLocaleString('en')}, ExecutionReport lines (grep -c 35=8) ${grepCount.toLocaleString('en')}, JS scan ${scanCount.toLocaleString('en')}`);

// ---- speed -----------------------------------------------------------------------------------
const perS = (ms) => (written / (ms / 1000)).toLocaleString('en', { maximumFractionDigits: 0 });
const mbS = (ms) => (bytes / 1e6 / (ms / 1000)).toFixed(1);
const row = (name, wall, cpu) =>
  console.log(
    `  ${name.padEnd(42)} wall ${(wall / 1000).toFixed(2).padStart(6)} s ${perS(wall).padStart(10)} msg/s ${mbS(wall).padStart(6)} MB/s` +
      (Number.isFinite(cpu) ? ` | cpu ${(cpu / 1000).toFixed(2).padStart(6)} s ${perS(cpu).padStart(10)} msg/s ${mbS(cpu).padStart(6)} MB/s` : ''),
  );
const [ew, ec, gw, gc, sw, sc] = [engineTimes, engineCpu, grepTimes, grepCpu, scanTimes, scanCpu].map(median);
console.log('\nspeed (median)');
row('FIX engine (read+parse+validate+events)', ew, ec);
row("grep -c '35=8'", gw, gc);
row('JS line scan (read+split+includes)', sw, sc);
console.log(`  heap after the engine run: ${heapMb.toFixed(0)} MB${globalThis.gc ? '' : ' (run with --expose-gc for a collected figure)'}; file ${(bytes / 1e6).toFixed(0)} MB`);
console.log(`  ratio engine/grep: wall ${(ew / gw).toFixed(1)}×${Number.isFinite(gc) ? `, cpu ${(ec / gc).toFixed(1)}×` : ''}; engine/JS scan: wall ${(ew / sw).toFixed(1)}×, cpu ${(ec / sc).toFixed(1)}×`);
console.log(ok ? '\nall planted events found, nothing else' : '\nACCURACY MISMATCH');
process.exitCode = ok ? 0 : 1;
