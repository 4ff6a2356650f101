/**
 * A generated multi-source incident: syslog without a year, JSON lines with epoch-ns integers, log4j,
 * QuickFIX with SOH, OpenMetrics with a leaking gauge among steady ones, an Alertmanager payload.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../shared/time.js';
import { buildTimeline } from './build.js';
import { rng } from '../../test/random.js';

let dir: string;
const SOH = '\x01';
const at = (s: string) => parseTimestamp(s);
const e0 = (t: { events: { metadata: Record<string, unknown> }[] }) => t.events[0] ?? { metadata: {} };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfa-tl-'));
  writeFileSync(
    join(dir, 'syslog'),
    [
      'Nov 26 10:10:00 gw01 app[1]: started',
      'Nov 26 10:27:35 gw01 kernel: Out of memory: Killed process 4821 (ob-engine)',
      'Nov 26 10:27:40 gw01 app[1]: retrying connection',
      'Nov 26 11:30:00 gw01 kernel: Out of memory: Killed process 1 (late)',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'app.jsonl'),
    [
      '{"ts":1764152855123456789,"level":"error","msg":"order book stale"}',
      '{"ts":1764152856000000000,"level":"info","msg":"heartbeat"}',
      'not json at all',
      '{"ts":1764152857999999999,"level":"warn","msg":"slow"}',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'gw.log4j'), '2025-11-26 10:28:45,500 ERROR [main] com.x.Breaker - circuit breaker open\n2025-11-26 10:28:46,000 INFO [main] com.x.Breaker - waiting\n');
  const fix = (fields: string) => `8=FIX.4.4${SOH}9=10${SOH}${fields}${SOH}10=000${SOH}`;
  writeFileSync(
    join(dir, 'fix.messages.log'),
    [
      `20251126-10:28:00.123456789 : ${fix(`35=8${SOH}49=NASDAQ${SOH}56=GW${SOH}34=5${SOH}52=20251126-10:28:00.123${SOH}11=ORD-1${SOH}39=8${SOH}150=8${SOH}58=risk limit`)}`,
      `20251126-10:28:01.000000000 : ${fix(`35=0${SOH}49=NASDAQ${SOH}56=GW${SOH}34=6${SOH}52=20251126-10:28:01`)}`,
    ].join('\n'),
  );
  const r = rng(42);
  const lines = ['# TYPE rss gauge', '# TYPE cpu gauge', '# TYPE lat gauge'];
  const t0 = at('2025-11-26T09:00:00Z').ns / 1_000_000n;
  const leakStart = at('2025-11-26T10:22:00Z').ns / 1_000_000n;
  for (let i = 0; i < 2 * 3600; i += 10) {
    const t = t0 + BigInt(i) * 1000n;
    const leak = t > leakStart ? Number(t - leakStart) * 2000 : 0;
    // OpenMetrics timestamps are seconds.
    const sec = (Number(t) / 1000).toFixed(3);
    lines.push(`rss{host="gw01"} ${1e9 + (r() - 0.5) * 4e6 + leak} ${sec}`);
    lines.push(`cpu{host="gw01"} ${40 + (r() - 0.5) * 20} ${sec}`);
    lines.push(`lat{host="gw01"} ${0.002 + (r() - 0.5) * 0.001} ${sec}`);
  }
  lines.push('# EOF');
  writeFileSync(join(dir, 'metrics.om'), lines.join('\n'));
  writeFileSync(
    join(dir, 'alerts.json'),
    JSON.stringify({ receiver: 'pfa', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'BookDown', severity: 'critical' }, annotations: { summary: 'book down' }, startsAt: '2025-11-26T10:29:00.250Z', endsAt: '0001-01-01T00:00:00Z' }] }),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('timeline reconstruction', () => {
  it('puts every key event on one nanosecond axis, sorted, and nothing else', async () => {
    const files = ['syslog', 'app.jsonl', 'gw.log4j', 'fix.messages.log', 'metrics.om', 'alerts.json'].map((f) => join(dir, f));
    const t = await buildTimeline(files, { start: at('2025-11-26T10:30:00Z'), end: at('2025-11-26T10:45:00Z'), year: 2025 });
    const got = t.events.map((e) => [e.timestamp, e.source, e.event_type]);
    expect(got.filter(([, s]) => s !== 'metric')).toEqual([
      ['2025-11-26T10:27:35Z', 'system', 'oom_kill'],
      ['2025-11-26T10:27:35.123456789Z', 'log', 'error'],
      ['2025-11-26T10:28:00.123456789Z', 'order', 'order_rejected'],
      ['2025-11-26T10:28:45.500Z', 'log', 'error'],
      ['2025-11-26T10:29:00.250Z', 'alert', 'critical'],
    ]);
    const metric = t.events.filter((e) => e.source === 'metric');
    expect(metric.map((e) => e.metadata.metric)).toEqual(['rss{host="gw01"}']);
    const onsetErr = Number(metric[0]!.ns - at('2025-11-26T10:22:00Z').ns) / 1e9;
    expect(Math.abs(onsetErr)).toBeLessThanOrEqual(60);
    expect(metric[0]!.metadata.mean).toBeGreaterThan(0);
    expect(metric[0]!.metadata.std_dev).toBeGreaterThan(0);
    const sorted = [...t.events].sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : 0));
    expect(t.events.map((e) => e.ns)).toEqual(sorted.map((e) => e.ns));
    const jsonl = t.sources.find((s) => s.file.endsWith('app.jsonl'));
    expect(jsonl?.format).toBe('json');
    expect(Object.values(jsonl?.rejected ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
  });

  it('applies per-host clock offsets', async () => {
    const t = await buildTimeline([join(dir, 'syslog')], { start: at('2025-11-26T10:30:00Z'), end: at('2025-11-26T10:45:00Z'), year: 2025, offsets: { gw01: '+250us' } });
    expect(t.events[0]?.timestamp).toBe('2025-11-26T10:27:34.999750Z');
  });
});

describe('window options', () => {
  it('refuses a widening, baseline or clock offset beyond ten years with a clear error', async () => {
    const w = { start: at('2025-11-26T10:00:00Z'), end: at('2025-11-26T10:30:00Z') };
    await expect(buildTimeline([], { ...w, before: '99999999999999999999h' })).rejects.toThrow(/--before 99999999999999999999h is longer than the 3660 days/);
    await expect(buildTimeline([], { ...w, baseline: '100000d' })).rejects.toThrow(/--baseline/);
    await expect(buildTimeline([], { ...w, offsets: { gw01: '-100000d' } })).rejects.toThrow(/--offset gw01=-100000d/);
    await expect(buildTimeline([], { ...w, offsets: { gw01: '-400d' } })).resolves.toMatchObject({ events: [] });
  });
});

describe('window edges', () => {
  it('takes the year of yearless lines from the window, not from a file copied long after', async () => {
    const file = join(dir, 'copied.syslog');
    writeFileSync(file, 'Mar  9 03:00:00 ny4-gw-01 trade-gw[1234]: ERROR venue XNYS unreachable\n');
    // mtime now (a copy made today): the latest year not after it could be 2026 or later
    const t = await buildTimeline([file], { start: at('2025-03-09T06:55:00Z'), end: at('2025-03-09T07:05:00Z'), tz: 'America/New_York' });
    expect(t.events.map((e) => e.timestamp)).toEqual(['2025-03-09T07:00:00Z']);
    expect(t.sources[0]?.rejected).toEqual({});
    expect(t.sources[0]?.flagged).toEqual({ year_assumed: 1 });
  });

  it('reads a yearless file across New Year by the window when --year is the window\'s own year', async () => {
    const file = join(dir, 'newyear.syslog');
    writeFileSync(file, ['<11>Dec 31 23:59:58 gw01 oms[7]: ERROR book rebuild failed', '<11>Jan  1 00:00:02 gw01 oms[7]: ERROR venue link down'].join('\n'));
    const window = { start: at('2026-01-01T00:00:00Z'), end: at('2026-01-01T00:10:00Z') };
    const t = await buildTimeline([file], { ...window, year: 2026 });
    expect(t.events.map((e) => e.timestamp)).toEqual(['2025-12-31T23:59:58Z', '2026-01-01T00:00:02Z']);
    // The year was given: not flagged as assumed.
    expect(t.sources[0]?.flagged ?? {}).toEqual({});
    // A year other than the window's is taken as given (the user knows the logs are from then).
    const other = await buildTimeline([file], { ...window, year: 2024 });
    expect(other.events).toEqual([]);
  });

  it('includes an event at exactly the end of the window, and none a nanosecond after', async () => {
    const file = join(dir, 'edge.jsonl');
    writeFileSync(file, ['{"t":1756713900000000000,"level":"error","msg":"at end"}', '{"t":1756713900000000001,"level":"error","msg":"after"}'].join('\n'));
    const t = await buildTimeline([file], { start: at('2025-09-01T08:00:00Z'), end: at('2025-09-01T08:05:00Z'), before: '0s', after: '0s' });
    expect(t.events.map((e) => e.description)).toEqual(['at end']);
  });

  it('keeps an error line with a byte that is not UTF-8, flagged', async () => {
    const file = join(dir, 'latin1.log');
    writeFileSync(file, Buffer.concat([Buffer.from('2025-09-01T08:00:01Z ERROR caf'), Buffer.from([0xe9]), Buffer.from(' order rejected\n2025-09-01T08:00:02Z INFO fine\n')]));
    const t = await buildTimeline([file], { start: at('2025-09-01T08:00:00Z'), end: at('2025-09-01T08:05:00Z') });
    expect(t.events.map((e) => [e.description, e.metadata.flags])).toEqual([['caf\uFFFD order rejected', 'invalid_utf8']]);
    expect(t.sources[0]?.flagged).toEqual({ invalid_utf8: 1 });
  });

  it('calls a kernel failure a system event whatever level the journal gave it', async () => {
    const file = join(dir, 'kernel.journal.json');
    const line = (prio: string, us: number) => JSON.stringify({ __REALTIME_TIMESTAMP: String(us), PRIORITY: prio, _HOSTNAME: 'gw', SYSLOG_IDENTIFIER: 'kernel', _TRANSPORT: 'kernel', MESSAGE: 'Out of memory: Killed process 4821 (ob-engine) total-vm:1kB' });
    writeFileSync(file, [line('3', 1749988800000000), line('6', 1749988860000000)].join('\n'));
    const t = await buildTimeline([file], { start: at('2025-06-15T12:00:00Z'), end: at('2025-06-15T12:10:00Z') });
    expect(t.events.map((e) => [e.source, e.event_type])).toEqual([['system', 'oom_kill'], ['system', 'oom_kill']]);
  });

  it('tells a logon once when a session\'s event log and message log both record it', async () => {
    const messages = join(dir, 'FIX.4.4-GW-XNAS.messages.log');
    const events = join(dir, 'FIX.4.4-GW-XNAS.event.log');
    writeFileSync(messages, '20251126-14:30:00.250: 8=FIX.4.4|9=70|35=A|34=1|49=XNAS|52=20251126-14:30:00.250|56=GW|98=0|108=30|10=000|\n');
    writeFileSync(events, ['20251126-14:30:00.100: Created session: FIX.4.4:GW->XNAS', '20251126-14:30:00.251: Received logon'].join('\n'));
    const opts = { start: at('2025-11-26T14:30:00Z'), end: at('2025-11-26T14:31:00Z') };
    expect((await buildTimeline([events], opts)).events.map((e) => e.event_type)).toEqual(['logon']);
    const both = await buildTimeline([messages, events], opts);
    expect(both.events.map((e) => [e.event_type, e.metadata.file])).toEqual([['logon', 'FIX.4.4-GW-XNAS.messages.log']]);
    expect(both.sources.map((s) => s.events)).toEqual([1, 0]);
  });

  it('places a leak that began before the window at its real onset, against the baseline before it', async () => {
    const file = join(dir, 'leak.om');
    const t0 = Date.UTC(2025, 6, 4, 8, 0, 0) / 1000;
    const rand = rng(7);
    const lines = ['# TYPE rss gauge'];
    for (let i = 0; i < 320; i++) {
      const t = t0 + i * 15;
      // steady around 1000 (sd ≈ 1) until 08:50, then growing by 5 a sample
      const leak = t >= t0 + 50 * 60 ? 20 + ((t - t0 - 50 * 60) / 15) * 5 : 0;
      lines.push(`rss{i="a"} ${(1000 + (rand() - 0.5) * 3.4 + leak).toFixed(3)} ${t}`);
    }
    writeFileSync(file, `${lines.join('\n')}\n`);
    const t = await buildTimeline([file], { start: at('2025-07-04T09:00:00Z'), end: at('2025-07-04T09:10:00Z'), before: '5m', after: '0m' });
    expect(t.events.map((e) => [e.timestamp, e.metadata.onset_before_window, e.metadata.baseline_trimmed])).toEqual([['2025-07-04T08:50:00Z', true, true]]);
    expect(Number(e0(t).metadata.std_dev)).toBeLessThan(2);
  });

  it('shows an alert still firing when the window opened at its real start, and no older or finished one', async () => {
    const file = join(dir, 'am-before.json');
    const alert = (name: string, startsAt: string, status: string, endsAt = '0001-01-01T00:00:00Z') => ({ status, labels: { alertname: name, severity: 'critical' }, annotations: {}, startsAt, endsAt });
    writeFileSync(file, JSON.stringify({ receiver: 'pfa', status: 'firing', alerts: [
      alert('MemoryHigh', '2025-11-26T09:50:00Z', 'resolved', '2025-11-26T10:40:00Z'),
      alert('DiskFull', '2025-11-26T10:10:00Z', 'firing'),
      alert('StaleCert', '2025-11-26T06:00:00Z', 'firing'),
      alert('BriefBlip', '2025-11-26T10:00:00Z', 'resolved', '2025-11-26T10:05:00Z'),
    ] }));
    const t = await buildTimeline([file], { start: at('2025-11-26T10:30:00Z'), end: at('2025-11-26T10:45:00Z'), before: '0m', after: '0m' });
    expect(t.events.map((e) => [e.timestamp, e.description, e.metadata.active_at_window_start ?? false])).toEqual([
      ['2025-11-26T09:50:00Z', 'MemoryHigh firing', true],
      ['2025-11-26T10:10:00Z', 'DiskFull firing', true],
      ['2025-11-26T10:40:00Z', 'MemoryHigh resolved', false],
    ]);
    // The older one is left out, but not without a word.
    expect(t.sources[0]?.notes).toContain('1 alert firing since before the baseline period left out (StaleCert since 2025-11-26T06:00:00Z): the payload does not say whether it still fired');
  });

  it('applies a short host name\'s clock offset to lines that write the name in full', async () => {
    const file = join(dir, 'fqdn.syslog');
    writeFileSync(file, 'Nov 26 10:27:35 gw01.example.com kernel: Out of memory: Killed process 4821 (ob-engine)\n');
    const t = await buildTimeline([file], { start: at('2025-11-26T10:30:00Z'), end: at('2025-11-26T10:45:00Z'), offsets: { gw01: '+1s' } });
    expect(t.events[0]?.timestamp).toBe('2025-11-26T10:27:34.000000Z');
  });
});

describe('template events', () => {
  it('adds the first occurrence of a new message shape and bursts, against the baseline', async () => {
    const lines: string[] = [];
    const base = at('2025-11-26T09:50:00Z').ns;
    const iso = (ns: bigint) => new Date(Number(ns / 1_000_000n)).toISOString().replace('T', ' ').replace('Z', '');
    for (let i = 0; i < 120; i++) lines.push(`${iso(base + BigInt(i) * 30_000_000_000n)} INFO [pump] feed - heartbeat ok seq ${i}`);
    for (let i = 0; i < 40; i++) lines.push(`${iso(base + BigInt(i) * 90_000_000_000n + 7n)} INFO [risk] limits - limit check passed for account ${1000 + i}`);
    const win = at('2025-11-26T10:32:00Z').ns;
    for (let i = 0; i < 100; i++) lines.push(`${iso(win + BigInt(i) * 1_000_000_000n)} INFO [risk] limits - limit check passed for account ${2000 + i}`);
    lines.push(`${iso(win + 5_000_000_000n)} INFO [book] store - spilling order index to disk: 8123 entries`);
    lines.push(`${iso(win + 6_000_000_000n)} INFO [book] store - spilling order index to disk: 9001 entries`);
    lines.sort();
    const file = join(dir, 'templates.log');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const opts = { start: at('2025-11-26T10:30:00Z'), end: at('2025-11-26T10:45:00Z'), before: '0m' };
    expect((await buildTimeline([file], opts)).events).toEqual([]);
    const t = await buildTimeline([file], { ...opts, templates: true });
    const kinds = t.events.map((e) => [e.event_type, e.description]);
    expect(kinds).toContainEqual(['new_template', 'First occurrence of: spilling order index to disk: <*> entries']);
    expect(kinds.some(([type, d]) => type === 'template_burst' && /limit check passed/.test(d ?? ''))).toBe(true);
    expect(kinds.some(([, d]) => /heartbeat/.test(d ?? ''))).toBe(false);
  });
});

describe('compressed rotated logs', () => {
  it('reads a gzip log from a decompressed copy, names it as given, and leaves no copy behind', async () => {
    const rot = mkdtempSync(join(tmpdir(), 'pfa-rot-'));
    try {
      writeFileSync(join(rot, 'app.log'), '2025-11-26 10:25:00,000 ERROR [m] a.B - in current\n');
      writeFileSync(join(rot, 'app.log.2.gz'), gzipSync('2025-11-26 10:20:00,000 ERROR [m] a.B - in .2.gz\n2025-11-26 10:20:01,000 INFO [m] a.B - fine\n'));
      const t = await buildTimeline([rot], { start: at('2025-11-26T10:15:00Z'), end: at('2025-11-26T10:30:00Z'), before: '0s', after: '0s' });
      expect(t.events.map((e) => [e.timestamp, e.description, e.metadata.file])).toEqual([
        ['2025-11-26T10:20:00.000Z', 'in .2.gz', 'app.log.2'],
        ['2025-11-26T10:25:00.000Z', 'in current', 'app.log'],
      ]);
      const gz = t.sources.find((s) => s.file.endsWith('.gz'));
      expect(gz).toMatchObject({ file: join(rot, 'app.log.2.gz'), lines: 2, events: 1, rejected: {} });
      expect(gz?.notes[0]).toBe('decompressed from gzip');
      expect(readdirSync(tmpdir()).filter((n) => n.startsWith(`pfa-evidence-${process.pid}-`))).toEqual([]);
      // A corrupt archive is an input error that names it.
      writeFileSync(join(rot, 'app.log.3.gz'), Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]));
      await expect(buildTimeline([rot], { start: at('2025-11-26T10:15:00Z'), end: at('2025-11-26T10:30:00Z') })).rejects.toThrow(/cannot decompress .*app\.log\.3\.gz/);
    } finally {
      rmSync(rot, { recursive: true, force: true });
    }
  });
});
