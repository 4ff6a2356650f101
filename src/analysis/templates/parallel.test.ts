// File mining in worker threads gives exactly the single-thread result, and both read headers as
// `pfa logs parse` does (compared with a miner fed by streamLogFile, the former CLI path).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamLogFile } from '../../evidence/logs/index.js';
import { fileMtimeNs } from '../../evidence/files.js';
import { formatTimestamp } from '../../shared/time.js';
import { LOGHUB_DIR } from '../../test/loghub.js';
import { createTemplateMiner, mineLogFile, mineLogs, type MinedLogs } from './index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'pfa-templates-par-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let workerUrl: URL;

beforeAll(async () => {
  // Worker threads cannot load TypeScript: bundle the worker the way the build compiles it.
  const outfile = path.join(dir, 'worker.mjs');
  await build({ entryPoints: [fileURLToPath(new URL('./worker.ts', import.meta.url))], bundle: true, platform: 'node', format: 'esm', outfile, logLevel: 'silent' });
  workerUrl = pathToFileURL(outfile);
});

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff) / 0x7fffffff;
}

/** An application log: ISO headers with levels, nine events, stack traces, blank lines, CRLF, a Latin-1 byte. */
function appLog(lines: number, seed: number): Buffer {
  const r = rng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const out: Buffer[] = [];
  let t = Date.UTC(2024, 2, 31, 22, 0, 0);
  for (let i = 0; i < lines; i++) {
    t += int(900);
    const ts = new Date(t - (int(20) === 0 ? 5000 : 0)).toISOString().replace('T', ' ').replace('Z', '');
    const events = [
      `INFO [pool-${int(8)}] o.a.Order: order ${int(1e7)} filled ${int(500)}@${(r() * 100).toFixed(2)} venue=XNAS`,
      `WARN [main] c.f.Gateway: heartbeat late by ${int(900)} ms from 10.${int(256)}.${int(256)}.${int(256)}:${int(65536)}`,
      `INFO [io-${int(4)}] c.f.Session: session 0x${int(2 ** 30).toString(16)} opened for user${int(50)}`,
      `ERROR [io-1] c.f.Session: send failed: Connection reset by peer`,
      `DEBUG [gc] jvm: pause ${(r() * 40).toFixed(3)}ms young ${int(4096)}K->${int(4096)}K`,
      `INFO [sched] c.f.Job: job rebalance-${int(30)} took ${int(9000)} ms`,
      `INFO [main] c.f.Cache: cache hit ratio ${(r()).toFixed(4)} over ${int(1e6)} lookups`,
      `WARN [main] c.f.Risk: limit ${int(100)} % reached on account AC${int(99999)}`,
      `INFO [main] c.f.Feed: snapshot ${int(1e5)} bytes ${['ok', 'partial', 'stale'][int(3)]}`,
    ];
    out.push(Buffer.from(`${ts} ${events[int(events.length)]}${i % 97 === 0 ? '\r' : ''}\n`));
    if (i % 211 === 0) out.push(Buffer.from(`java.lang.IllegalStateException: bad state ${int(99)}\n\tat c.f.Session.send(Session.java:${int(400)})\n`));
    if (i % 503 === 0) out.push(Buffer.from('\n   \n'));
    if (i % 1999 === 0) out.push(Buffer.concat([Buffer.from(`${ts} INFO [main] c.f.Name: caf`), Buffer.from([0xe9]), Buffer.from(' served\n')]));
  }
  return Buffer.concat(out);
}

/** Classic syslog lines (yearless times: each resolved by the file's clock, in order) across a new year. */
function syslog(lines: number, seed: number): string {
  const r = rng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const out: string[] = [];
  let t = Date.UTC(2023, 11, 31, 23, 50, 0);
  for (let i = 0; i < lines; i++) {
    t += int(30_000);
    const d = new Date(t);
    const stamp = `${d.toUTCString().slice(8, 11)} ${String(d.getUTCDate()).padStart(2, ' ')} ${d.toISOString().slice(11, 19)}`;
    const msg = int(2) === 0 ? `Accepted publickey for user${int(9)} from 10.0.${int(256)}.${int(256)} port ${int(65536)} ssh2` : `Connection closed by 192.168.${int(256)}.${int(256)} port ${int(65536)} [preauth]`;
    out.push(`${stamp} host sshd[${int(30000)}]: ${msg}`);
  }
  return `${out.join('\n')}\n`;
}

function summary(m: MinedLogs): unknown[] {
  return m.templates.map((t) => [t.templateId, t.template, t.count, t.firstLine, t.example, t.firstSeen, t.lastSeen]);
}

function lines(m: MinedLogs): string[] {
  return Array.from(m.eachLine(), (a) => `${a.file}:${a.line}:${m.templates[a.template]?.templateId ?? ''}`);
}

/** The former `pfa templates` path: streamLogFile records into a miner, first/last seen by their (or their parent record's) instants. */
async function viaLogParser(files: string[], year?: number, tz = 'UTC'): Promise<{ summary: unknown[]; lines: string[] }> {
  const miner = createTemplateMiner();
  const refs: { file: number; line: number; ns: bigint | null; ts: string | null }[] = [];
  for (const [fi, file] of files.entries()) {
    for await (const r of streamLogFile(file, { tz, latest: fileMtimeNs(file), ...(year !== undefined ? { year } : {}) })) {
      if (r.kind === 'rejected' && (r.reason === 'empty' || r.reason === 'binary')) continue;
      miner.add(r.kind === 'record' ? r.record.message : r.text);
      // a continuation (a stack trace's line) is placed at the time of the record it continues
      const rec = r.kind === 'rejected' || r.kind === 'annotation' ? null : r.record;
      refs.push({ file: fi, line: r.line, ns: rec?.ns ?? null, ts: rec?.timestamp ?? null });
    }
  }
  const templates = miner.templates();
  const of = miner.lineTemplates();
  const first: (typeof refs)[number][] = [];
  const last: (typeof refs)[number][] = [];
  refs.forEach((ref, i) => {
    const k = of[i] as number;
    if (ref.ns === null) return;
    if (!first[k] || (first[k].ns as bigint) > ref.ns) first[k] = ref;
    if (!last[k] || (last[k].ns as bigint) < ref.ns) last[k] = ref;
  });
  const seen = (r: (typeof refs)[number] | undefined): string | null => (r ? (r.ts ?? formatTimestamp(r.ns as bigint, 9)) : null);
  return {
    summary: templates.map((t, k) => [t.templateId, t.template, t.count, t.firstLine, t.example, seen(first[k]), seen(last[k])]),
    lines: refs.map((r, i) => `${r.file}:${r.line}:${templates[of[i] as number]?.templateId ?? ''}`),
  };
}

describe('mineLogs', () => {
  const app = path.join(dir, 'app.log');
  const sys = path.join(dir, 'auth.log');
  writeFileSync(app, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), appLog(6_000, 5)]));
  writeFileSync(sys, syslog(3_000, 9));

  it('gives the same templates, counts, first/last seen and per-line ids in worker threads as in one thread', async () => {
    const files = [app, sys];
    // A given year makes the yearless times depend on all earlier lines: only the file's one clock knows it.
    const one = await mineLogs(files, { threads: 0, chunkSize: 16 << 10, year: 2023 });
    const two = await mineLogs(files, { threads: 2, chunkSize: 16 << 10, year: 2023, workerUrl });
    expect(one.templates.length).toBeGreaterThan(10);
    expect(one.lines).toBeGreaterThan(9_000);
    expect(summary(two)).toEqual(summary(one));
    expect(lines(two)).toEqual(lines(one));
    expect(two.files).toEqual(one.files); // lines skipped as binary, lines not valid UTF-8
    // the chunk size does not matter either
    expect(summary(await mineLogs(files, { threads: 0, chunkSize: 1 << 20, year: 2023 }))).toEqual(summary(one));
  });

  it('reads headers, times and lines exactly as the log parser does', async () => {
    const files = [app, sys];
    const ref = await viaLogParser(files, 2023);
    const mined = await mineLogs(files, { threads: 0, chunkSize: 64 << 10, year: 2023 });
    expect(summary(mined)).toEqual(ref.summary);
    expect(lines(mined)).toEqual(ref.lines);
    // the yearless syslog times roll over into the next year
    const years = mined.templates.filter((t) => t.template.includes('ssh2')).map((t) => [t.firstSeen?.slice(0, 10), Number(t.lastSeen?.slice(0, 4)) - Number(t.firstSeen?.slice(0, 4))]);
    expect(years).toEqual([['2023-12-31', 1]]);
  });

  it.each([
    ['America/New_York', 'sys'],
    ['+05:30', 'app'],
  ])('reads times in zone %s as the log parser does, in one thread or several', async (tz, which) => {
    // A zone with DST sends every time to the file's one clock; a fixed offset resolves them in the workers.
    const files = [which === 'sys' ? sys : app];
    const ref = await viaLogParser(files, undefined, tz);
    const one = await mineLogs(files, { threads: 0, chunkSize: 16 << 10, tz });
    expect(summary(one)).toEqual(ref.summary);
    const two = await mineLogs(files, { threads: 2, chunkSize: 16 << 10, tz, workerUrl });
    expect(summary(two)).toEqual(ref.summary);
  });

  it('mines the start of a line too long to buffer whole, as the log parser rejects it', async () => {
    const file = path.join(dir, 'long.log');
    const head = Array.from({ length: 300 }, (_, i) => `2024-05-01 10:00:${String(i % 60).padStart(2, '0')} INFO [main] c.f.Job: step ${i} done`);
    writeFileSync(file, `${head.join('\n')}\n2024-05-01 10:01:00 INFO [main] c.f.Dump: ${'x'.repeat(1_300_000)}\n${head.slice(0, 5).join('\n')}\n`);
    const ref = await viaLogParser([file]);
    const mined = await mineLogs([file], { threads: 0, chunkSize: 16 << 10 });
    expect(summary(mined)).toEqual(ref.summary);
    expect(lines(mined)).toEqual(ref.lines);
    expect(mined.templates.some((t) => t.example.startsWith('2024-05-01 10:01:00 INFO'))).toBe(true);
  });

  it.each(['HDFS', 'OpenSSH', 'Android'])('matches the log parser on the raw Loghub %s log', async (system) => {
    const file = path.join(LOGHUB_DIR, system, `${system}_2k.log`);
    const ref = await viaLogParser([file]);
    const mined = await mineLogs([file], { threads: 0 });
    expect(summary(mined)).toEqual(ref.summary);
    expect(lines(mined)).toEqual(ref.lines);
  });
});

describe('mineLogFile in worker threads', () => {
  it('mines whole lines exactly as in one thread', async () => {
    const file = path.join(dir, 'raw.log');
    writeFileSync(file, appLog(4_000, 11));
    const one = await mineLogFile(file, { threads: 0, chunkSize: 16 << 10 });
    const two = await mineLogFile(file, { threads: 2, chunkSize: 16 << 10, workerUrl });
    expect(one.templates.length).toBeGreaterThan(5);
    expect(two.templates.map((t) => [t.templateId, t.count, t.firstLine, t.example])).toEqual(one.templates.map((t) => [t.templateId, t.count, t.firstLine, t.example]));
    expect(Array.from(two.lineTemplates)).toEqual(Array.from(one.lineTemplates));
    expect(two.lines).toBe(one.lines);
  });
});
