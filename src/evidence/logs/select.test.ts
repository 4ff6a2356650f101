import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headSample, readSelected } from './select.js';
import { countLines, seekRange, splitAtLines } from './seek.js';
import { streamLogFile } from './stream.js';
import type { LineResult, LogRecord } from './types.js';

let dir: string;
let file: string;
const T0 = Date.UTC(2025, 10, 26, 10, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfa-select-'));
  file = join(dir, 'app.log');
  const lines: Buffer[] = [];
  for (let i = 0; i < 20_000; i++) {
    const level = i % 97 === 0 ? 'ERROR' : i % 13 === 0 ? 'WARN ' : 'INFO ';
    lines.push(Buffer.from(`${iso(T0 + i * 100 - (i % 500 === 7 ? 3000 : 0))} ${level} [main] com.acme.Router - message ${i}${i % 333 === 0 ? ' Out of memory: Killed process 1' : ''}\n`));
    if (i % 1000 === 5) lines.push(Buffer.from([0xff, 0xfe, 0x0a]), Buffer.from('\tat a.B(C.java:1)\n'), Buffer.from('\n'));
  }
  writeFileSync(file, Buffer.concat(lines));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function all(it: AsyncIterable<LineResult[]>): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const b of it) for (const r of b) if (r.kind === 'record') out.push(r.record);
  return out;
}

describe('readSelected', () => {
  it('counts every line as the file streamer does, and parses at least the selected ones', async () => {
    const full = streamLogFile(file, { year: 2025 });
    const every = await all(full.batches());
    const start = BigInt(T0 + 300_000) * 1_000_000n;
    const end = BigInt(T0 + 1_500_000) * 1_000_000n;
    const sel = readSelected(file, { year: 2025, chunkSize: 64 * 1024, selection: { start, end, minLevel: 'error', hint: /Out of memory/gi } });
    const some = await all(sel.batches());
    expect(sel.stats).toEqual(full.stats);
    const wanted = every.filter((r) => r.ns !== null && r.ns >= start && r.ns < end && (r.level === 'error' || r.message.includes('Out of memory')));
    expect(wanted.length).toBeGreaterThan(100);
    expect(some.filter((r) => wanted.some((w) => w.line === r.line)).map((r) => [r.line, r.timestamp, r.message])).toEqual(wanted.map((r) => [r.line, r.timestamp, r.message]));
    // Only a small part of the lines was parsed in full.
    expect(some.length).toBeLessThan(every.length / 10);
  });
});

describe('readSelected with the prescan', () => {
  it('counts and selects as without it, in blocks with control characters, CRLF lines and lines of spaces', async () => {
    const mixed = join(dir, 'mixed.log');
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const level = i % 37 === 0 ? 'ERROR' : i % 41 === 0 ? 'error' : 'INFO ';
      const tail = i % 53 === 0 ? ' kernel: Out of memory: Killed process 1' : i % 59 === 0 ? ' soft lockup' : i % 61 === 0 ? ' OrderRouter terror' : '';
      lines.push(`${iso(T0 + i * 100)} ${level} [main] com.acme.Router - message ${i}${tail}${i % 7 === 0 ? '\r' : ''}`);
      if (i % 101 === 3) lines.push('\u00a0\u00a0', ' \t', `${iso(T0 + i * 100)} INFO bell\x07 rang`, '\x00\x00\x00');
    }
    writeFileSync(mixed, `${lines.join('\n')}\n`);
    const start = BigInt(T0 + 10_000) * 1_000_000n;
    const end = BigInt(T0 + 250_000) * 1_000_000n;
    const read = async (hintLiterals?: string[]) => {
      const sel = readSelected(mixed, { year: 2025, chunkSize: 4096, selection: { start, end, minLevel: 'error', hint: /Out of memory|soft lockup/gi, ...(hintLiterals ? { hintLiterals } : {}) } });
      const records = await all(sel.batches());
      return { stats: sel.stats, records: records.map((r) => [r.line, r.timestamp, r.level, r.message]) };
    };
    const regexes = await read();
    const prescanned = await read(['Out of memory', 'soft lockup']);
    expect(prescanned).toEqual(regexes);
    expect(regexes.stats.rejected.empty).toBeGreaterThan(0);
    expect(regexes.stats.rejected.binary).toBeGreaterThan(0);
    expect(regexes.records.filter((r) => String(r[3]).includes('Out of memory')).length).toBeGreaterThan(10);
    const full = streamLogFile(mixed, { year: 2025 });
    await all(full.batches());
    expect(prescanned.stats).toEqual(full.stats);
  });
});

describe('seekRange', () => {
  it('finds the bytes holding a time range, and they hold every line of it', async () => {
    const sample = await headSample(file);
    const start = BigInt(T0 + 1_000_000) * 1_000_000n;
    const end = BigInt(T0 + 1_100_000) * 1_000_000n;
    const r = await seekRange(file, start, end, { sample, year: 2025, slack: 5_000_000_000n });
    if (!r.ok) throw new Error(r.reason);
    expect(r.range.from).toBeGreaterThan(0);
    expect(r.range.to).toBeLessThan(r.range.size);
    const before = await countLines(file, 0, r.range.from);
    const part = readSelected(file, { year: 2025, sample, from: r.range.from, to: r.range.to, lineOffset: before, selection: { start, end, minLevel: 'info' } });
    const got = await all(part.batches());
    const every = await all(streamLogFile(file, { year: 2025 }).batches());
    const inRange = every.filter((x) => x.ns !== null && x.ns >= start && x.ns < end);
    expect(got.filter((x) => x.ns !== null && x.ns >= start && x.ns < end).map((x) => [x.line, x.message])).toEqual(inRange.map((x) => [x.line, x.message]));
    expect(part.stats.lines).toBeLessThan(every.length / 5);
  });

  it('counts lines per chunk in the same pass, each chunk as counted alone', async () => {
    const from = 12_345;
    const to = statSync(file).size - 777;
    const chunk = 100_000;
    const chunks: number[] = [];
    const total = await countLines(file, from, to, { chunk, chunks });
    expect(total).toBe(await countLines(file, from, to));
    expect(chunks).toHaveLength(Math.floor((to - from) / chunk));
    for (let k = 0; k < chunks.length; k++) expect(chunks[k]).toBe(await countLines(file, from + k * chunk, from + (k + 1) * chunk));
    expect(total - chunks.reduce((a, b) => a + b, 0)).toBe(await countLines(file, from + chunks.length * chunk, to));
  });

  it('refuses a file that is not in time order', async () => {
    const shuffled = join(dir, 'shuffled.log');
    const lines = Array.from({ length: 5000 }, (_, i) => `${iso(T0 + ((i * 7919) % 5000) * 1000)} INFO x - ${i}`);
    writeFileSync(shuffled, `${lines.join('\n')}\n`);
    const r = await seekRange(shuffled, BigInt(T0) * 1_000_000n, BigInt(T0 + 60_000) * 1_000_000n, { sample: await headSample(shuffled), year: 2025 });
    expect(r.ok).toBe(false);
  });

  it('cuts a range at line starts', async () => {
    const size = (await import('node:fs')).statSync(file).size;
    const cuts = await splitAtLines(file, 0, size, 4);
    expect(cuts).toHaveLength(5);
    const text = (await import('node:fs')).readFileSync(file);
    for (const c of cuts.slice(1, -1)) expect(text[c - 1]).toBe(10);
  });
});

describe('lines whose time cannot be read', () => {
  it('are kept without a time and counted as no_time, the same by the selective reader and the streamer', async () => {
    const f = join(dir, 'no-time.log');
    writeFileSync(f, ['Feb 28 10:00:00 h app[1]: ok', 'Feb 29 10:00:01 h app[1]: a day 2025 does not have', 'Nov 31 10:00:02 h app[1]: nor this one', 'Mar  1 10:00:03 h app[1]: ok'].join('\n'));
    const full = streamLogFile(f, { year: 2025 });
    const records = await all(full.batches());
    expect(records.map((r) => r.timestamp)).toEqual(['2025-02-28T10:00:00Z', null, null, '2025-03-01T10:00:03Z']);
    expect(full.stats.flagged).toEqual({ no_time: 2 });
    const sel = readSelected(f, { year: 2025, selection: { start: 0n, end: 1n, minLevel: 'error' } });
    await all(sel.batches());
    expect(sel.stats).toEqual(full.stats);
  });
});

describe('a line after the NUL bytes of a crash', () => {
  it('is read, flagged and counted the same by the selective reader and the streamer, in the window or not', async () => {
    const f = join(dir, 'crash.log');
    const nuls = '\0'.repeat(300);
    writeFileSync(f, [
      '2025-11-26 10:27:35,123 ERROR [main] a.B - before crash',
      `2025-11-26 10:27:36,1${nuls}2025-11-26 10:27:40,000 ERROR [main] a.B - after restart`,
      `${nuls}2025-11-26 10:27:41,000 INFO [main] a.B - ready`,
      `garbage${nuls}`,
    ].join('\n'));
    const full = streamLogFile(f, {});
    const records = await all(full.batches());
    expect(records.map((r) => [r.timestamp, r.message, r.flags ?? []])).toEqual([
      ['2025-11-26T10:27:35.123Z', 'before crash', []],
      ['2025-11-26T10:27:40.000Z', 'after restart', ['nul_prefix']],
      ['2025-11-26T10:27:41.000Z', 'ready', ['nul_prefix']],
    ]);
    expect(full.stats).toMatchObject({ lines: 4, parsed: 3, rejected: { binary: 1 }, flagged: { nul_prefix: 2 } });
    for (const [start, end] of [[0n, 1n], [0n, 10n ** 19n]] as const) {
      const sel = readSelected(f, { selection: { start, end, minLevel: 'error' } });
      const some = await all(sel.batches());
      expect(sel.stats).toEqual(full.stats);
      if (end > 1n) expect(some.filter((r) => r.level === 'error').map((r) => r.message)).toEqual(['before crash', 'after restart']);
    }
  });
});
