import { spawn } from 'node:child_process';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamLogFile, type StreamLogOptions } from './stream.js';
import type { LineResult } from './types.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pfa-logs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function collect(bytes: Buffer, options: StreamLogOptions = {}): Promise<{ results: LineResult[]; stats: ReturnType<typeof streamLogFile>['stats'] }> {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.log`);
  await writeFile(file, bytes);
  const stream = streamLogFile(file, options);
  const results: LineResult[] = [];
  for await (const r of stream) results.push(r);
  return { results, stats: stream.stats };
}

const summary = (results: LineResult[]): string[] =>
  results.map((r) => (r.kind === 'record' ? `record:${r.record.message}` : r.kind === 'rejected' ? `rejected:${r.reason}` : `continuation:${r.text}`));

describe('streamLogFile', () => {
  it('reads a pipe to its end, in pieces that split lines (`pfa logs parse /dev/stdin`, `<(zcat …)`)', async () => {
    const fifo = join(dir, 'fifo');
    await new Promise<void>((res, rej) => spawn('mkfifo', [fifo]).on('close', (code) => (code === 0 ? res() : rej(new Error('mkfifo failed')))));
    // a writer that pauses mid-line, so reads return partial lines
    const writer = spawn('sh', ['-c', `{ printf '2025-11-26 10:27:35 ERROR one\\n2025-11-26 10:27'; sleep 0.2; printf ':36 INFO two\\n'; } > ${fifo}`]);
    const written = new Promise((res) => writer.on('close', res));
    const { results, stats } = await (async () => {
      const stream = streamLogFile(fifo, { chunkSize: 16 });
      const out: LineResult[] = [];
      for await (const r of stream) out.push(r);
      return { results: out, stats: stream.stats };
    })();
    await written;
    expect(summary(results)).toEqual(['record:one', 'record:two']);
    expect(stats.lines).toBe(2);
  });

  it('splits CRLF lines across tiny chunks, keeps multi-byte characters whole and strips a BOM', async () => {
    const text = '\uFEFF2025-11-26 10:27:35 INFO größe ✓ one\r\n2025-11-26 10:27:36 WARN 日本語 two\r\n  at frame\r\n2025-11-26 10:27:37 INFO last without newline';
    for (const chunkSize of [3, 7, 64, 1 << 20]) {
      const { results, stats } = await collect(Buffer.from(text, 'utf8'), { chunkSize });
      expect(summary(results)).toEqual(['record:größe ✓ one', 'record:日本語 two', 'continuation:  at frame', 'record:last without newline']);
      expect(stats).toEqual({ format: 'text', lines: 4, parsed: 3, continuation: 1, annotation: 0, rejected: {}, flagged: {} });
    }
  });

  it('reads a line that is not UTF-8 with U+FFFD for its bad bytes and flags it, unlike an encoded U+FFFD', async () => {
    const bytes = Buffer.concat([
      Buffer.from('2025-11-26 10:27:35 INFO ok\n2025-11-26 10:27:36 INFO bad '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from('\n2025-11-26 10:27:37 INFO literal \uFFFD replacement char\n'),
    ]);
    const { results, stats } = await collect(bytes, { chunkSize: 16 });
    expect(summary(results)).toEqual(['record:ok', 'record:bad \uFFFD\uFFFD\uFFFD', 'record:literal \uFFFD replacement char']);
    expect(results.map((r) => (r.kind === 'record' ? r.record.flags ?? [] : null))).toEqual([[], ['invalid_utf8'], []]);
    expect(stats.rejected).toEqual({});
    expect(stats.flagged).toEqual({ invalid_utf8: 1 });
  });

  it('rejects an over-long line without buffering it whole', async () => {
    const long = `2025-11-26 10:27:36 INFO ${'x'.repeat(5000)}`;
    const text = `2025-11-26 10:27:35 INFO before\n${long}\n2025-11-26 10:27:37 INFO after\n`;
    const { results, stats } = await collect(Buffer.from(text), { chunkSize: 64, maxLineLength: 100 });
    expect(summary(results)).toEqual(['record:before', 'rejected:too_long', 'record:after']);
    expect(stats).toMatchObject({ lines: 3, parsed: 2, rejected: { too_long: 1 } });
    // the same line arriving within one chunk is rejected by length too
    const whole = await collect(Buffer.from(text), { maxLineLength: 100 });
    expect(summary(whole.results)).toEqual(['record:before', 'rejected:too_long', 'record:after']);
  });

  it('hands out the same results in batches', async () => {
    const file = join(dir, 'batches.log');
    const lines = Array.from({ length: 1000 }, (_, i) => `2025-11-26 10:27:${String(i % 60).padStart(2, '0')} INFO line ${i}`);
    await writeFile(file, `${lines.join('\n')}\n`);
    const stream = streamLogFile(file, { chunkSize: 4096 });
    const sizes: number[] = [];
    for await (const batch of stream.batches()) sizes.push(batch.length);
    expect(sizes.length).toBeGreaterThan(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(stream.stats).toMatchObject({ lines: 1000, parsed: 1000 });
  });

  it("takes the year of yearless lines from the file's modification time", async () => {
    const file = join(dir, 'syslog');
    await writeFile(file, 'Dec 31 23:59:00 h a[1]: old year\nJan  1 00:01:00 h a[1]: new year\n');
    const mtime = new Date('2026-01-01T00:05:00Z');
    await utimes(file, mtime, mtime);
    const out: (string | null)[] = [];
    for await (const r of streamLogFile(file)) if (r.kind === 'record') out.push(r.record.timestamp);
    expect(out).toEqual(['2025-12-31T23:59:00Z', '2026-01-01T00:01:00Z']);
  });
});
