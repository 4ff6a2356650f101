import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeAddon, nativeWanted, type NativeSkimFlat, type NativeSkimText } from './native.js';
import type { LineResult, LogRecord } from './types.js';

// The native skimmers counted: wrapped before the readers load (they take them when their modules load).
let skimmed = 0;
const addon = nativeAddon();
const original = addon?.skimFlat;
const originalText = addon?.skimText;
if (addon && original && originalText) {
  const counting: NativeSkimFlat = (...args) => {
    const n = original(...args);
    skimmed += n;
    return n;
  };
  addon.skimFlat = counting;
  const countingText: NativeSkimText = (...args) => {
    const n = originalText(...args);
    skimmed += n;
    return n;
  };
  addon.skimText = countingText;
}
const { headSample, readSelected } = await import('./select.js');
const { streamLogFile } = await import('./stream.js');

const dir = mkdtempSync(join(tmpdir(), 'pfa-select-bytes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const T = 1764152855;

async function records(it: AsyncIterable<LineResult[]>): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  for await (const b of it) for (const r of b) if (r.kind === 'record') out.push(r.record);
  return out;
}

/** JSON lines with, now and then, a line the native skimmer leaves to JavaScript or that is wanted. */
function jsonLog(n: number): Buffer {
  const parts: Buffer[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  for (let i = 0; i < n; i++) {
    const sec = T + Math.floor(i / 10) - (i % 211 === 5 ? 30 : 0);
    const ts = i % 3 === 0 ? `${sec}${String(i % 1000).padStart(3, '0')}123456` : `${sec}.${i % 1000}`;
    const level = i % 83 === 0 ? 'error' : i % 29 === 0 ? 'warn' : i % 7 === 0 ? 'debug' : i % 113 === 0 ? 'NOTICE' : 'info';
    const msg = i % 131 === 0 ? 'caf\u00e9 au lait' : i % 137 === 0 ? 'quote \\"q\\" inside' : i % 149 === 0 ? 'Out of memory: Killed process 1' : `tick ${i}`;
    const time = i % 157 === 0 ? `"${new Date(sec * 1000).toISOString()}"` : ts;
    parts.push(Buffer.from(`{"ts":${time},"level":"${level}","logger":"md.feed.${i % 4}","host":"gw01","msg":"${msg}"}${i % 163 === 0 ? '\r' : ''}\n`));
    if (i % 499 === 17) parts.push(Buffer.from(`{"ts":${sec},"level":"info","logger":"x","host":"gw01","msg":"bad `), Buffer.from([0xff, 0xfe]), Buffer.from(' bytes"}\n'));
    if (i % 613 === 11) parts.push(Buffer.from(`{"time":${sec},"severity":"info","message":"another key list"}\n`));
  }
  return Buffer.concat(parts);
}

// Without the addon (or with PFA_NATIVE=0) the same files are read by the decoded loop alone, and must count the same.
const native = original !== undefined && originalText !== undefined && nativeWanted();

describe('readSelected over lines read from their bytes', () => {
  it('counts and selects as the file streamer, the native skimmer counting most lines', async () => {
    const file = join(dir, 'feed.jsonl');
    writeFileSync(file, jsonLog(20_000));
    const start = BigInt(T + 200) * 1_000_000_000n;
    const end = BigInt(T + 1_700) * 1_000_000_000n;
    // At crit, error lines are skimmed too; at warn, fewer lines are.
    for (const minLevel of ['error', 'crit', 'warn'] as const) {
      skimmed = 0;
      // With the file's sample, as a timeline reads it: the format is known from the first block on.
      const sel = readSelected(file, { chunkSize: 8192, sample: await headSample(file), selection: { start, end, minLevel, hint: /Out of memory/gi, hintLiterals: ['Out of memory'] } });
      const some = await records(sel.batches());
      const full = streamLogFile(file, {});
      const every = await records(full.batches());
      expect(sel.stats).toEqual(full.stats);
      expect(full.stats.rejected).toEqual({});
      expect(full.stats.flagged.invalid_utf8).toBeGreaterThan(10);
      expect(full.stats.flagged.time_backwards).toBeGreaterThan(50);
      const rank: string[] = { error: ['error'], crit: [], warn: ['error', 'warn'] }[minLevel];
      const wanted = every.filter((r) => r.ns !== null && r.ns >= start && r.ns < end && ((r.level !== null && rank.includes(r.level)) || r.message.includes('Out of memory')));
      expect(wanted.length).toBeGreaterThan(minLevel === 'crit' ? 5 : 20);
      expect(some.filter((r) => wanted.some((w) => w.line === r.line)).map((r) => [r.line, r.timestamp, r.level, r.message])).toEqual(wanted.map((r) => [r.line, r.timestamp, r.level, r.message]));
      if (native) expect(skimmed).toBeGreaterThan(10_000);
    }
  });

  it('counts and selects text logs as the file streamer, the native skimmer counting most lines', async () => {
    // log4j with a time a zone could follow (the key's no-zone tail), and syslog (a key without a tail).
    const iso = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '').replace('.', ',');
    const month = (ms: number): string => new Date(ms).toUTCString().slice(8, 11);
    const stamp = (ms: number): string => `${month(ms)} ${new Date(ms).toISOString().slice(8, 10).replace(/^0/, ' ')} ${new Date(ms).toISOString().slice(11, 19)}`;
    const T0 = Date.UTC(2025, 10, 26, 10, 0, 0);
    const logs = {
      'app.log': (i: number, ms: number): string => {
        // Zones (read in the file's zone, --tz, when absent), and seconds that are not digits.
        const word = i % 97 === 0 ? 'ERROR' : i % 41 === 0 ? 'CET' : i % 43 === 0 ? '+0100' : i % 47 === 0 ? 'WARN' : i % 53 === 0 ? 'Z' : i % 31 === 0 ? 'DBG' : 'INFO';
        const time = i % 101 === 0 ? iso(ms).replace(/:\d\d,/, ':6/,') : iso(ms);
        return `${time} ${word} [main-${i % 3}] com.acme.Router - message ${i}${i % 59 === 0 ? ' caf\u00e9' : ''}${i % 73 === 0 ? ' \uFFFE' : ''}${i % 67 === 0 ? '\r' : ''}`;
      },
      syslog: (i: number, ms: number): string => `${stamp(ms)} gw01 app[${100 + (i % 5)}]: ${i % 89 === 0 ? 'Out of memory: Killed process 1' : `tick ${i}`}${i % 61 === 0 ? ' \u00e9' : ''}${i % 73 === 0 ? ' \uFFFE' : ''}${i % 71 === 0 ? '\r' : ''}`,
    };
    for (const [name, line] of Object.entries(logs)) {
      const file = join(dir, name);
      const lines: string[] = [];
      for (let i = 0; i < 20_000; i++) lines.push(line(i, T0 + i * 37 - (i % 211 === 5 ? 5_000 : 0)));
      // U+FFFE stands for bytes that are not UTF-8.
      writeFileSync(file, Buffer.from(`${lines.join('\n')}\n`).toString('latin1').replace(/\u00ef\u00bf\u00be/g, '\u00ff\u00fe'), 'latin1');
      // Read in Tokyo's time (UTC+9), where the lines name no zone.
      const start = BigInt(T0 - 9 * 3_600_000 + 100_000) * 1_000_000n;
      const end = BigInt(T0 - 9 * 3_600_000 + 600_000) * 1_000_000n;
      skimmed = 0;
      const sel = readSelected(file, { year: 2025, tz: 'Asia/Tokyo', chunkSize: 8192, sample: await headSample(file), selection: { start, end, minLevel: 'error', hint: /Out of memory/gi, hintLiterals: ['Out of memory'] } });
      const some = await records(sel.batches());
      const full = streamLogFile(file, { year: 2025, tz: 'Asia/Tokyo' });
      const every = await records(full.batches());
      expect(sel.stats, name).toEqual(full.stats);
      expect(full.stats.flagged.time_backwards, name).toBeGreaterThan(50);
      expect(full.stats.flagged.invalid_utf8, name).toBeGreaterThan(50);
      const wanted = every.filter((r) => r.ns !== null && r.ns >= start && r.ns < end && (r.level === 'error' || r.message.includes('Out of memory')));
      expect(wanted.length, name).toBeGreaterThan(20);
      expect(some.filter((r) => wanted.some((w) => w.line === r.line)).map((r) => [r.line, r.timestamp, r.level, r.message])).toEqual(wanted.map((r) => [r.line, r.timestamp, r.level, r.message]));
      if (native) expect(skimmed, name).toBeGreaterThan(10_000);
    }
  });
});
