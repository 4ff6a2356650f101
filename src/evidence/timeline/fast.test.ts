/**
 * The fast path (seek by time, selective parsing, files cut into parts) against the reference path
 * (every line parsed): same events, same order, same timestamps and metadata, and the same
 * statistics when the whole file is read. Inputs are generated: six sources with bad lines, lines
 * going back in time, escapes, a journal message given as bytes, and an unordered file.
 */
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../shared/time.js';
import { buildTimeline, openTimeline, type TimelineOptions } from './build.js';
import { collectSources } from './collect.js';
import { eventJson } from './event.js';
import { MERGE_FAN_IN, parkedCount, spillDir } from './spool.js';
import { MAX_LINE_LENGTH } from '../logs/index.js';
import { rng } from '../../test/random.js';

const SOH = '\x01';
const T0 = Date.UTC(2025, 10, 26, 0, 0, 0);
const SPAN_MS = 6 * 3600_000;
const N = 6000;
let dir: string;
let files: string[];

const p2 = (n: number): string => String(n).padStart(2, '0');
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const syslogTime = (ms: number): string => {
  const d = new Date(ms);
  return `${MON[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
};
const log4jTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');
const fixTime = (ms: number): string => new Date(ms).toISOString().replace(/[-]/g, '').replace('T', '-').replace('Z', '');

/** Times running forward over the span; kind decides what the line at i is. */
function lines(seed: number, each: (ms: number, i: number, kind: string, r: () => number) => string | Buffer): Buffer {
  const r = rng(seed);
  const out: Buffer[] = [];
  for (let i = 0; i < N; i++) {
    const ms = T0 + Math.floor(((i + r()) * SPAN_MS) / N);
    const x = r();
    const kind = x < 0.02 ? 'error' : x < 0.025 ? 'notable' : x < 0.03 ? 'back' : x < 0.035 ? 'bad' : 'line';
    const line = each(kind === 'back' ? ms - 5000 : ms, i, kind, r);
    out.push(typeof line === 'string' ? Buffer.from(`${line}\n`) : line);
  }
  return Buffer.concat(out);
}

// One line over the length limit (in the first file generated), the other long ones under it.
let overLong = 1;

function bad(i: number): Buffer {
  const k = i % 5;
  if (k === 0) return Buffer.from([0, 1, 2, 0, 10]);
  if (k === 1) return Buffer.concat([Buffer.from('corrupt '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]);
  if (k === 2) return Buffer.from(`${'x'.repeat(overLong-- > 0 ? MAX_LINE_LENGTH + 10 : 70_000)}\n`);
  if (k === 3) return Buffer.from('\n');
  return Buffer.from('  garbled continuation without a header\n');
}

const fixMsg = (fields: string[]): string => {
  const body = `${fields.join(SOH)}${SOH}`;
  return `8=FIX.4.4${SOH}9=${body.length}${SOH}${body}10=000${SOH}`;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfa-fast-'));
  const write = (name: string, data: Buffer): string => {
    const file = join(dir, name);
    writeFileSync(file, data);
    const end = new Date(T0 + SPAN_MS + 60_000);
    utimesSync(file, end, end);
    return file;
  };
  const syslog = write('syslog', lines(1, (ms, i, kind) => {
    if (kind === 'bad') return bad(i);
    if (kind === 'notable') return `${syslogTime(ms)} gw01 kernel: Out of memory: Killed process ${i} (ob-engine)`;
    return `${syslogTime(ms)} gw01 app[${i % 97}]: ${kind === 'error' ? 'error: book stale' : `heartbeat ok seq=${i}`}`;
  }));
  const journal = write('journal.json', lines(2, (ms, i, kind) => {
    if (kind === 'bad') return i % 2 ? '{"__REALTIME_TIMESTAMP":"1", broken' : bad(i);
    const prio = kind === 'error' ? '3' : '6';
    const us = `${ms}${String(i % 1000).padStart(3, '0')}`;
    // A notable message the journal wrote as bytes: only decoding it shows the phrase.
    const msg = kind === 'notable' ? JSON.stringify([...Buffer.from(`Out of memory: Killed process ${i}\x07`)]) : JSON.stringify(kind === 'error' ? `risk "limit" hit ${i}` : `ok ${i}`);
    return `{"__REALTIME_TIMESTAMP":"${us}","PRIORITY":"${prio}","_HOSTNAME":"gw01","SYSLOG_IDENTIFIER":"risk","_PID":"${i}","MESSAGE":${msg}}`;
  }));
  const app = write('app.log', Buffer.concat([Buffer.from('\tat orphan.Frame(Before.java:1)\n'), lines(3, (ms, i, kind) => {
    if (kind === 'bad') return bad(i);
    const level = kind === 'error' ? (i % 2 ? 'ERROR' : 'FATAL') : i % 3 ? 'INFO ' : 'WARN ';
    const msg = kind === 'notable' ? 'NIC Link is Down on eth2' : kind === 'error' ? 'order rejected' : 'no errors, all fine (E: none)';
    const trace = kind === 'error' ? `\njava.lang.IllegalStateException: x\n\tat a.B.c(B.java:${i})` : '';
    return `${log4jTime(ms)} ${level} [main] com.acme.OrderRouter - ${msg}${trace}`;
  })]));
  const jsonl = write('feed.jsonl', lines(4, (ms, i, kind) => {
    if (kind === 'bad') return i % 2 ? '{"ts":1764115200000000000,"msg":' : bad(i);
    const ns = `${ms}${String(i).padStart(6, '0')}`;
    // Escapes hide phrases from the raw line: `I\/O error` and `\u006d` are only notable once decoded.
    if (kind === 'notable') return i % 2 ? `{"ts":${ns},"level":"info","msg":"disk: I\\/O error on dev sda"}` : `{"ts":${ns},"level":"info","msg":"Out of \\u006demory: Killed process ${i}"}`;
    const level = kind === 'error' ? (i % 2 ? '"error"' : '50') : '"info"';
    // Key sets change from line to line (order, spelling, extra keys): roles are found per key set.
    if (i % 7 === 1) return `{"Level":${level},"TS":${ns},"Message":"tick ${i}","ctx":{"ts":1,"a":[1,"x"]}}`;
    if (i % 7 === 2) return `{"ts":${ns}.5,"severity":${level},"msg":"tick ${i}","level":"debug"}`;
    return `{"ts":${ns},"level":${level},"msg":"tick ${i} \\"quoted\\""}`;
  }));
  let seq = 1;
  const fix = write('FIX.4.4-GW-NASDAQ.messages.current.log', lines(5, (ms, i, kind) => {
    const t = fixTime(ms);
    const base = (type: string, from: string, to: string): string[] => [`35=${type}`, `34=${seq++}`, `49=${from}`, `52=${t}`, `56=${to}`];
    let f: string[];
    if (i === 0) f = [...base('A', 'GW', 'NASDAQ'), '98=0', '108=30'];
    else if (kind === 'error') f = [...base('8', 'NASDAQ', 'GW'), `11=ORD-${i}`, '39=8', '150=8', '58=risk limit'];
    else if (kind === 'notable') f = [...base('9', 'NASDAQ', 'GW'), `11=CXL-${i}`, `41=ORD-${i}`, '39=8', '434=1', '58=too late'];
    else f = i % 2 ? base('0', 'GW', 'NASDAQ') : base('0', 'NASDAQ', 'GW');
    return `${t}000000 : ${fixMsg(f)}`;
  }));
  // The same kind of log, its lines shuffled: not time-ordered, so it must be read whole.
  const r = rng(6);
  const shuffled = lines(7, (ms, i, kind) => `${log4jTime(ms)} ${kind === 'error' ? 'ERROR' : 'INFO '} [t] x.Y - line ${i}`).toString('utf8').split('\n').filter(Boolean);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as string, shuffled[i] as string];
  }
  const unordered = write('unordered.log', Buffer.from(`${shuffled.join('\n')}\n`));
  files = [syslog, journal, app, jsonl, fix, unordered];
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const at = (s: string) => parseTimestamp(s);
let tuning: { seekMinBytes: number; partBytes: number; indexDir: string; indexChunk: number };
beforeAll(() => {
  tuning = { seekMinBytes: 0, partBytes: 150_000, indexDir: join(dir, 'index'), indexChunk: 16_384 };
});

async function both(opts: TimelineOptions) {
  const reference = await buildTimeline(files, { ...opts, exhaustive: true });
  const fast = await buildTimeline(files, { ...opts, tuning });
  return { reference, fast };
}

describe('fast path', () => {
  it('gives the reference events for a window, reading only around it', async () => {
    const { reference, fast } = await both({ start: at('2025-11-26T03:00:00Z'), end: at('2025-11-26T03:15:00Z') });
    expect(reference.events.length).toBeGreaterThan(50);
    expect(fast.events.map(eventJson)).toEqual(reference.events.map(eventJson));
    // The decoded-only phrases are there: the byte-array journal message and the escaped JSON ones.
    const descriptions = fast.events.map((e) => e.description);
    expect(descriptions.some((d) => d.startsWith('Out of memory: Killed process') && d.endsWith('\x07') === false)).toBe(true);
    expect(descriptions.some((d) => d.includes('I/O error'))).toBe(true);
    expect(fast.events.some((e) => e.metadata.file === 'journal.json' && e.event_type === 'oom_kill')).toBe(true);
    for (const s of fast.sources) {
      const full = reference.sources.find((x) => x.file === s.file);
      if (s.file.endsWith('unordered.log')) {
        expect(s.notes.join(' ')).toMatch(/read whole: not in time order/);
        expect(s.lines).toBe(full?.lines);
      } else {
        expect(s.notes.join(' ')).toMatch(/time-ordered: read bytes \d+–\d+ of \d+/);
        expect(s.lines).toBeLessThan((full?.lines ?? 0) / 2);
      }
    }
  });

  it('gives the reference events and statistics when everything is read, in parts', async () => {
    const { reference, fast } = await both({ start: at('2025-11-25T23:00:00Z'), end: at('2025-11-26T07:00:00Z'), before: '0s', after: '0s' });
    expect(fast.events.map(eventJson)).toEqual(reference.events.map(eventJson));
    const stats = (t: typeof fast) => t.sources.map((s) => ({ file: s.file, format: s.format, lines: s.lines, events: s.events, rejected: s.rejected, flagged: s.flagged }));
    expect(stats(fast)).toEqual(stats(reference));
    const syslog = fast.sources[0];
    for (const reason of ['binary', 'too_long', 'empty']) expect(syslog?.rejected[reason]).toBeGreaterThan(0);
    for (const flag of ['time_backwards', 'invalid_utf8']) expect(syslog?.flagged?.[flag]).toBeGreaterThan(0);
    expect(fast.sources[2]?.rejected.no_header).toBe(1);
  });

  it.each([
    ['more runs than are merged at once: sorted again through the spool', 3, {}],
    ['runs few enough to merge as they are read', 40, {}],
    ['clocks corrected (a run may fall out of order): sorted again through the spool', 40, { gw01: '+250us' }],
  ])('parks events on disk, %s: the same timeline, and nothing left behind', async (_, parkBatch, offsets) => {
    const opts = { start: at('2025-11-25T23:00:00Z'), end: at('2025-11-26T07:00:00Z'), before: '0s', after: '0s', offsets };
    const inMemory = await buildTimeline(files, { ...opts, tuning });
    const spills = (): string[] => readdirSync(tmpdir()).filter((n) => n.startsWith(`pfa-spill-${process.pid}-${threadId}-`));
    const before = spills();
    const t = await openTimeline(files, { ...opts, tuning: { ...tuning, parkBatch, spoolBudget: 40 } });
    try {
      const made = spills().filter((n) => !before.includes(n));
      expect(made).toHaveLength(1);
      const left = readdirSync(join(tmpdir(), made[0] as string));
      // Merged as read: the readers' runs wait for it. Sorted again: they are gone, read into the
      // spool's runs, which wait.
      if (parkBatch === 3 || Object.keys(offsets).length) expect(left).toHaveLength(Math.floor(inMemory.events.length / 40));
      else {
        expect(left.length).toBeGreaterThan(5);
        expect(left.length).toBeLessThanOrEqual(MERGE_FAN_IN);
      }
      expect(t.events).toHaveLength(inMemory.events.length);
      expect([...t.events].map(eventJson)).toEqual(inMemory.events.map(eventJson));
      // Read twice, the same.
      expect([...t.events].map(eventJson)).toEqual(inMemory.events.map(eventJson));
      expect(t.sources).toEqual(inMemory.sources);
      expect(t.notes).toEqual(inMemory.notes);
      if (Object.keys(offsets).length) expect(inMemory.events.some((e) => e.metadata.clock_offset !== undefined)).toBe(true);
    } finally {
      t.close();
    }
    expect(spills()).toEqual(before);
  });

  it('parks most events as the files are read, and keeps the rest in memory: together, every event counted', async () => {
    const spill = spillDir();
    try {
      const o = { start: at('2025-11-25T23:00:00Z').ns, end: at('2025-11-26T07:00:00Z').ns, minLevel: 'error' as const, baseline: 3_600_000_000_000n, threshold: 3, method: 'sigma' as const };
      const c = await collectSources(files, { ...o, tuning: { ...tuning, parkBatch: 3 }, spill: spill.path });
      const parked = parkedCount(c.parked);
      expect(parked).toBeGreaterThan(c.events.length);
      expect(parked + c.events.length).toBe(c.stats.reduce((n, st) => n + st.events, 0));
      const unparked = await collectSources(files, { ...o, tuning });
      expect(parked + c.events.length).toBe(unparked.events.length);
    } finally {
      spill.remove();
    }
  });

  it('numbers lines from its line index on later queries, as when it counted them', async () => {
    const opts = { start: at('2025-11-26T04:00:00Z'), end: at('2025-11-26T04:10:00Z') };
    const reference = await buildTimeline(files, { ...opts, exhaustive: true });
    const fresh = { ...tuning, indexDir: join(dir, 'index-fresh') };
    const first = await buildTimeline(files, { ...opts, tuning: fresh });
    expect(readdirSync(fresh.indexDir).length).toBeGreaterThanOrEqual(5);
    const second = await buildTimeline(files, { ...opts, tuning: fresh });
    // An index built by an earlier window, extended by a later one.
    const later = { start: at('2025-11-26T05:00:00Z'), end: at('2025-11-26T05:10:00Z') };
    const third = await buildTimeline(files, { ...later, tuning: fresh });
    const none = await buildTimeline(files, { ...later, tuning: { ...fresh, indexDir: null } });
    expect(first.events.map(eventJson)).toEqual(reference.events.map(eventJson));
    expect(second.events.map(eventJson)).toEqual(first.events.map(eventJson));
    expect(second.sources).toEqual(first.sources);
    expect(third.events.map(eventJson)).toEqual(none.events.map(eventJson));
    expect(third.sources).toEqual(none.sources);
    expect(first.events.some((e) => typeof e.metadata.line === 'number' && e.metadata.line > 2000)).toBe(true);
  });

  it('keeps the stack facts of an error whose trace runs past the end of its part', async () => {
    // Errors, each with a Java trace of 40 lines: parts of 150 kB cut many traces in two.
    const trace = (i: number): string[] => [
      `java.lang.IllegalStateException: order ${i} rejected`,
      ...Array.from({ length: 38 }, (_, k) => `\tat com.acme.oms.Stage${k}.run(Stage${k}.java:${k + 10})`),
      `Caused by: java.net.ConnectException: venue ${i % 3} refused`,
    ];
    const text = lines(9, (ms, i) => [`${log4jTime(ms)} ERROR [io] com.acme.Router - send failed ${i}`, ...trace(i)].join('\n'));
    const file = join(dir, 'traces.log');
    writeFileSync(file, text);
    const opts = { start: at('2025-11-25T23:00:00Z'), end: at('2025-11-26T07:00:00Z'), before: '0s', after: '0s' };
    const reference = await buildTimeline([file], { ...opts, exhaustive: true });
    const fast = await buildTimeline([file], { ...opts, tuning });
    // Parked in small batches too: the event a part ends with stays in memory for the next part's trace lines.
    const parked = await buildTimeline([file], { ...opts, tuning: { ...tuning, parkBatch: 2 } });
    expect(parked.events.map(eventJson)).toEqual(reference.events.map(eventJson));
    expect(text.length / tuning.partBytes).toBeGreaterThan(50);
    expect(reference.events).toHaveLength(N);
    expect(reference.events.every((e) => e.metadata.stack_lines === 40 && typeof e.metadata.root_cause === 'string')).toBe(true);
    expect(fast.events.map(eventJson)).toEqual(reference.events.map(eventJson));
  });

  it('keeps the template baseline and line numbers when templates are on', async () => {
    const opts = { start: at('2025-11-26T03:00:00Z'), end: at('2025-11-26T03:15:00Z'), templates: true };
    const reference = await buildTimeline(files.slice(2, 3), { ...opts, exhaustive: true });
    const fast = await buildTimeline(files.slice(2, 3), { ...opts, tuning });
    expect(fast.events.map(eventJson)).toEqual(reference.events.map(eventJson));
  });

  it('dates a log of times of day from its end, reads it in one part and gives the reference events of a later day', async () => {
    // 40 hours of logback console lines (no date), crossing two midnights; each line says its true instant.
    const p = (n: number, w = 2): string => String(n).padStart(w, '0');
    const from = Date.UTC(2025, 10, 25, 20, 0);
    let text = '';
    let last = from;
    let inWindow = 0;
    for (let i = 0; i < N; i++) {
      last = from + Math.floor((i * 40 * 3_600_000) / N);
      const d = new Date(last);
      if (i % 25 === 0 && last >= Date.UTC(2025, 10, 27, 5) && last <= Date.UTC(2025, 10, 27, 7)) inWindow++;
      text += `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)} [main] ${i % 25 ? 'INFO ' : 'ERROR'} a.B - at ${d.toISOString()}\n`;
    }
    const file = join(dir, 'console.log');
    writeFileSync(file, text);
    utimesSync(file, new Date(last + 60_000), new Date(last + 60_000));
    const opts = { start: at('2025-11-27T05:00:00Z'), end: at('2025-11-27T07:00:00Z'), before: '0s', after: '0s' };
    const reference = await buildTimeline([file], { ...opts, exhaustive: true });
    const fast = await buildTimeline([file], { ...opts, tuning });
    expect(text.length / tuning.partBytes).toBeGreaterThan(2);
    expect(inWindow).toBeGreaterThan(10);
    expect(reference.events).toHaveLength(inWindow);
    expect(reference.events.every((e) => e.description === `at ${e.timestamp}`)).toBe(true);
    expect(fast.events.map(eventJson)).toEqual(reference.events.map(eventJson));
    expect(fast.sources[0]?.flagged).toEqual({ date_assumed: 1 });
    expect(fast.sources[0]?.notes.join(' ')).toMatch(/read whole: times of day without a date/);
    // both paths say which date the first line was given
    for (const r of [reference, fast]) expect(r.sources[0]?.notes[0]).toMatch(/^times of day without a date: the first line taken as of 2025-11-25,/);
    // a given date wins over the estimate, and is not flagged
    const given = await buildTimeline([file], { ...opts, date: '2025-11-24', tuning });
    expect(given.events).toHaveLength(0);
    expect(given.sources[0]?.flagged).toBeUndefined();
  });
});
