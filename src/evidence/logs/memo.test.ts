/**
 * The quick-header memo against the full reading: a file read with pushQuick (every line wanted,
 * none, a window) gives the records and statistics push gives, on lines built to fall just inside
 * and just outside what the memo may reuse (zones after the time, numbers, other fraction lengths,
 * leap seconds, new minutes and hours, DST overlaps, the Dec→Jan rollover, regex characters).
 */
import { describe, expect, it, vi } from 'vitest';
import { QuickMemo } from './memo.js';
import { createLogParser, type QuickChooser } from './parser.js';
import type { LineResult, LogParseOptions } from './types.js';
import { rng } from '../../test/random.js';
import { readInRuns } from '../../test/runs.js';

const json = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));

const p2 = (n: number): string => String(n).padStart(2, '0');

/** Wall time fields of ms (read as UTC) written `yyyy-MM-dd HH:mm:ss` with the separator given. */
function wall(ms: number, sep = ' '): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}${sep}${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** Lines at increasing times from `start`, each made by `make` from its time and a random number. */
function series(start: number, n: number, seed: number, make: (ms: number, x: number) => string): string[] {
  const r = rng(seed);
  const out: string[] = [];
  let ms = start;
  for (let i = 0; i < n; i++) {
    ms += Math.floor(r() * r() * 4000);
    out.push(make(ms, r()));
  }
  return out;
}

/** Reads `lines` in full and quickly; the quick reads must agree with the full one. Returns the memo's share of lines. */
function agree(lines: string[], options: LogParseOptions = {}): number {
  const parser = (): ReturnType<typeof createLogParser> => createLogParser({ ...options, sample: lines.slice(0, 200) });
  const full = parser();
  const ref = lines.flatMap((l) => full.push(l));
  // how many lines the memo served, the spy calling through
  const recall = vi.spyOn(QuickMemo.prototype, 'recall');
  const all = parser();
  let share = 0;
  try {
    expect(json(lines.flatMap((l) => all.pushQuick(l, { want: () => true }, true)))).toBe(json(ref));
    share = recall.mock.results.filter((r) => r.type === 'return' && r.value !== null).length / lines.length;
  } finally {
    recall.mockRestore();
  }
  expect([all.stats, all.edges]).toEqual([full.stats, full.edges]);

  const none = parser();
  for (const l of lines) none.pushQuick(l, { want: () => false }, true);
  expect([none.stats, none.edges]).toEqual([full.stats, full.edges]);

  // Runs of lines counted at once (skim), as the selective reader does: a line in twenty flagged by
  // the prescan and wanted, the others only counted.
  const r = rng(lines.length);
  const flags = Uint8Array.from(lines, () => (r() < 0.05 ? 2 : 0));
  const runs = parser();
  const cursor = { at: 0 };
  const chooser: QuickChooser = { want: () => flags[cursor.at] !== 0, skims: () => flags };
  const { built, skimmed } = readInRuns(runs, lines, chooser, { cursor });
  expect([runs.stats, runs.edges]).toEqual([full.stats, full.edges]);
  const flagged = (rs: LineResult[]): string => json(rs.flatMap((x) => (x.kind === 'record' && flags[x.line - 1] !== 0 ? [{ ...x.record, continuation: undefined }] : [])));
  expect(flagged(built)).toBe(flagged(ref));
  skimShare = skimmed.length / lines.length;

  // a window in the middle: its records exactly
  const times = ref.flatMap((r) => (r.kind === 'record' && r.record.ns !== null ? [r.record.ns] : [])).sort((a, b) => (a < b ? -1 : 1));
  const from = times[Math.floor(times.length / 3)] ?? 0n;
  const to = times[Math.floor((2 * times.length) / 3)] ?? 0n;
  const inside = (r: LineResult): boolean => r.kind === 'record' && r.record.ns !== null && r.record.ns >= from && r.record.ns < to;
  const win = parser();
  const got = lines.flatMap((l) => win.pushQuick(l, { want: (ns) => ns !== null && ns >= from && ns < to }, true));
  expect(json(got.filter(inside).map((r) => r.kind === 'record' && { ...r.record, continuation: undefined }))).toBe(
    json(ref.filter(inside).map((r) => r.kind === 'record' && { ...r.record, continuation: undefined })),
  );
  expect([win.stats, win.edges]).toEqual([full.stats, full.edges]);
  return share;
}

/** The share of lines the last agree() counted in runs (skim). */
let skimShare = 0;

const T0 = Date.UTC(2025, 10, 26, 9, 57, 30);

describe('QuickMemo', () => {
  it('reads application logs as the full parse does, across minutes and hours', () => {
    const tails = ['INFO  [main] a.B - ok', 'WARN  [main] a.B - slow', 'ERROR [x] a.B - failed', 'DEBUG [pool-1] a.B - d'];
    const lines = series(T0, 800, 1, (ms, x) => `${wall(ms)},${String(ms % 1000).padStart(3, '0')} ${tails[Math.floor(x * 4)]}`);
    expect(agree(lines)).toBeGreaterThan(0.9);
    expect(skimShare).toBeGreaterThan(0.5);
  });

  it('counts runs of lines at once only where each line would only be counted', () => {
    const at = (t: string, m = 'ok'): string => `2025-11-26 10:27:${t} INFO [main] a.B - ${m}`;
    // back in time within the minute, a CR, a line too long, a line not UTF-8, a new minute, a flag
    const lines = [at('01,000'), at('02,000'), at('03,500'), at('03,100'), at('04,000'), `${at('05,000')}\r`, at('06,000'), at('07,000', 'x'.repeat(300)), at('08,000'), at('09,000'), at('10,000'), at('10,000'), '2025-11-26 10:28:00,000 INFO [main] a.B - ok', at('11,000'), at('12,000'), at('13,000')];
    const flags = new Uint8Array(lines.length);
    flags[14] = 2;
    const invalid = new Set([9]);
    const options = { sample: lines.slice(0, 3), maxLineLength: 200 };
    const full = createLogParser(options);
    lines.forEach((l, i) => full.push(l.replace(/\r$/, ''), invalid.has(i) ? 'invalid_utf8' : undefined));
    const runs = createLogParser(options);
    const { skimmed: counted } = readInRuns(runs, lines, { want: () => false, skims: () => flags }, { invalid });
    expect([runs.stats, runs.edges]).toEqual([full.stats, full.edges]);
    expect(runs.stats.flagged.time_backwards).toBe(2);
    // Not in a run: the first two lines (the memo learns the header, then its pattern), the CR (5),
    // the long line (7), the invalid one (9, whose full reading makes the memo learn again at 10),
    // the new minute (12), the old minute after it (13, back in time) and the flag (14).
    expect(counted).toEqual([2, 3, 4, 6, 8, 11, 15]);
  });

  it('leaves to the family the lines whose time reads on or is written otherwise', () => {
    const odd = [
      (t: string, f: string) => `${t},${f} UTC [main] a.B - a zone after the time`,
      (t: string, f: string) => `${t},${f} CET [main] a.B - another zone`,
      (t: string, f: string) => `${t},${f} +0200 [main] a.B - an offset`,
      (t: string, f: string) => `${t},${f} 42 INFO [main] a.B - a number`,
      (t: string, f: string) => `${t},${f.slice(0, 2)} INFO [main] a.B - two digits`,
      (t: string, f: string) => `${t},${f}456 INFO [main] a.B - six digits`,
      (t: string, f: string) => `${t},${f}4567890 INFO [main] a.B - ten digits`,
      (t: string, f: string) => `${t.slice(0, -2)}60,${f} INFO [main] a.B - a leap second`,
      (t: string, f: string) => `${t.slice(0, -2)}61,${f} INFO [main] a.B - no such second`,
      (t: string, f: string) => `${t.slice(0, -5)}61:00,${f} INFO [main] a.B - no such minute`,
      (t: string, f: string) => `${t.slice(0, -8)}24:00:00,${f} INFO [main] a.B - midnight as 24`,
      (t: string, f: string) => `${t.slice(0, -8)}24:00:01,${f} INFO [main] a.B - past 24`,
      (t: string, f: string) => `${t}:${f} INFO [main] a.B - a millisecond count`,
      (t: string, f: string) => `${t},${f}`,
      (t: string, f: string) => `${t},${f}\tINFO [main] a.B - a tab`,
      (t: string, f: string) => `${t},${f}  INFO [main] a.B - two spaces`,
      (t: string, f: string) => `${t},${f}  EST [main] a.B - two spaces and a zone`,
      (t: string, f: string) => `${t}.${f} INFO [main] a.B - a dot`,
      (t: string) => `${t} INFO [main] a.B - no fraction`,
      (t: string, f: string) => `${t},${f}Z INFO [main] a.B - glued zone`,
      (t: string, f: string) => `${t},${f}|INFO|a.B - a pipe`,
      () => '    at com.acme.X.run(X.java:42)',
      () => 'Caused by: java.lang.IllegalStateException: x',
      () => 'junk that is no header',
    ];
    const lines = series(T0, 1500, 2, (ms, x) => {
      const t = wall(ms);
      const f = String(ms % 1000).padStart(3, '0');
      const k = Math.floor(x * 60);
      return k < odd.length ? (odd[k] as (t: string, f: string) => string)(t, f) : `${t},${f} INFO  [main] a.B - ok`;
    });
    expect(agree(lines)).toBeGreaterThan(0.3);
    expect(agree(lines, { tz: 'Europe/Paris' })).toBeGreaterThan(0.3);
  });

  it('leaves midnight written as 24:00 and leap seconds to the family', () => {
    const at = (t: string, m: string): string => `2025-11-26 ${t} INFO [main] a.B - ${m}`;
    agree([at('23:59:59,000', 'a'), at('24:00:00,000', 'b'), at('24:01:00,000', 'c'), at('24:00:01,000', 'd'), at('24:00:00,500', 'e'), at('23:59:59,500', 'f')]);
    agree([at('10:27:58,000', 'a'), at('10:27:59,000', 'b'), at('10:27:60,000', 'c'), at('10:27:60,500', 'd'), at('10:28:00,000', 'e'), at('10:27:59,900', 'f')]);
  });

  it('reads bracketed and pipe-separated times, and prefix tokens with regex characters', () => {
    const spd = series(T0, 400, 3, (ms, x) => `[${wall(ms)}.${String(ms % 1000).padStart(3, '0')}] [${x < 0.5 ? 'info' : 'error'}] msg ${x}`);
    expect(agree(spd)).toBeGreaterThan(0.9);
    const piped = series(T0, 400, 4, (ms, x) => `${wall(ms, 'T')}.${String(ms % 1000).padStart(3, '0')}000|${x < 0.5 ? 'INFO' : 'ERROR'}|svc|msg`);
    expect(agree(piped)).toBeGreaterThan(0.9);
    const tokens = series(T0, 400, 5, (ms, x) => `n0d.*+?^$(é)[1] ${wall(ms)},${String(ms % 1000).padStart(3, '0')} ${x < 0.5 ? 'INFO' : 'ERROR'} a.B - m`);
    expect(agree(tokens)).toBeGreaterThan(0.9);
  });

  it('walks a DST overlap as the clock does, line by line', () => {
    // New York's 01:00–01:59 comes twice on 2 November 2025; the lines are written in local time.
    const first = series(Date.UTC(2025, 10, 2, 0, 58), 300, 6, (ms) => `${wall(ms)},${String(ms % 1000).padStart(3, '0')} INFO [m] a.B - x`);
    const again = series(Date.UTC(2025, 10, 2, 1, 0), 300, 7, (ms) => `${wall(ms)},${String(ms % 1000).padStart(3, '0')} INFO [m] a.B - y`);
    const lines = [...first.filter((l) => l < '2025-11-02 02'), ...again.filter((l) => l < '2025-11-02 01:20')];
    agree(lines, { tz: 'America/New_York' });
  });

  it('reads syslog times, yearless across New Year and with zones and fractions', () => {
    const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const bsd = (ms: number): string => {
      const d = new Date(ms);
      return `${mon[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    };
    const newYear = series(Date.UTC(2024, 11, 31, 23, 57), 600, 8, (ms, x) => `${bsd(ms)} gw01 app[${Math.floor(x * 9)}]: ${x < 0.1 ? 'error: down' : 'ok'}`);
    expect(agree(newYear, { latest: BigInt(Date.UTC(2025, 5, 1)) * 1_000_000n })).toBeGreaterThan(0.9);
    expect(agree(newYear, { year: 2024 })).toBeGreaterThan(0.9);
    const fine = series(T0, 600, 9, (ms, x) => `${bsd(ms)}.${String(ms % 1000).padStart(3, '0')}${x < 0.2 ? '5' : ''} gw01 app[1]: ok`);
    expect(agree(fine, { year: 2025 })).toBeGreaterThan(0.5);
    const rfc = series(T0, 600, 10, (ms, x) => `${wall(ms, 'T')}.${String(ms % 1000).padStart(3, '0')}${x < 0.3 ? '+01:00' : 'Z'} gw01 app[1]: ok`);
    expect(agree(rfc)).toBeGreaterThan(0.5);
  });
});
