import { describe, expect, it } from 'vitest';
import { toJsonlRow } from './jsonl.js';
import { createLogParser, parseLogText } from './parser.js';

describe('file parser', () => {
  it('samples the first lines, then emits everything in order with per-file stats', () => {
    const p = createLogParser({ sampleSize: 2, year: 2025 });
    expect(p.push('Nov 26 10:27:35 h a[1]: one')).toEqual([]);
    expect(p.format).toBeNull();
    const two = p.push('Nov 26 10:27:36 h a[1]: two');
    expect(two.map((r) => r.line)).toEqual([1, 2]);
    expect(p.format).toBe('syslog');
    expect(p.push('Nov 26 10:27:37 h a[1]: three')).toHaveLength(1);
    expect(p.end()).toEqual([]);
    expect(p.stats).toEqual({ format: 'syslog', lines: 3, parsed: 3, continuation: 0, annotation: 0, rejected: {}, flagged: {} });
  });

  it('reads the line a restarted process wrote after the NUL bytes a crash left, and flags it', () => {
    const nuls = '\0'.repeat(512);
    const text = `2025-11-26 10:27:35,123 ERROR [main] a.B - before crash\n2025-11-26 10:27:36,0${nuls}2025-11-26 10:27:40,000 ERROR [main] a.B - after restart\n${nuls}\n`;
    const { results, stats } = parseLogText(text);
    expect(results.map((r) => (r.kind === 'record' ? r.record.message : r.kind === 'rejected' ? r.reason : r.kind))).toEqual(['before crash', 'after restart', 'binary']);
    const restarted = results[1];
    expect(restarted?.kind === 'record' && [restarted.record.timestamp, restarted.record.flags]).toEqual(['2025-11-26T10:27:40.000Z', ['nul_prefix']]);
    expect(stats).toMatchObject({ lines: 3, parsed: 2, rejected: { binary: 1 }, flagged: { nul_prefix: 1 } });
  });

  it('detects the format of a file whose every line has bytes that are not UTF-8 from those lines', () => {
    const p = createLogParser();
    const results = [...p.push('2025-11-26 10:27:36,000 ERROR [m] a.B - \uFFFDchec connexion', 'invalid_utf8'), ...p.end()];
    expect(p.format).toBe('text');
    expect(results[0]).toMatchObject({ kind: 'record', record: { level: 'error', timestamp: '2025-11-26T10:27:36.000Z', flags: ['invalid_utf8'] } });
  });

  it('classifies empty, binary, over-long and header-less lines, never failing', () => {
    const text = ['orphan line before any header', '2025-11-26 10:27:35 INFO ok', '', 'bin\x00ary', 'x'.repeat(100), '\x02\x03\x04\x05ab'].join('\n');
    const { results, stats } = parseLogText(text, { maxLineLength: 50 });
    expect(results.map((r) => (r.kind === 'rejected' ? r.reason : r.kind))).toEqual(['no_header', 'record', 'empty', 'binary', 'too_long', 'binary']);
    expect(stats).toMatchObject({ format: 'text', lines: 6, parsed: 1, continuation: 0, rejected: { no_header: 1, empty: 1, binary: 2, too_long: 1 } });
  });

  it('keeps FIX lines with SOH separators', () => {
    const { results } = parseLogText('20260115-14:30:00.123456789 : 8=FIX.4.4\x019=12\x0135=0\x01');
    expect(results[0]).toMatchObject({ kind: 'record', record: { timestamp: '2026-01-15T14:30:00.123456789Z', message: '8=FIX.4.4\x019=12\x0135=0\x01' } });
  });

  it('flags a record whose time goes backwards, and keeps it', () => {
    const { results, stats } = parseLogText('2025-11-26 10:00:02 a\n2025-11-26 10:00:01 b\n2025-11-26 10:00:03 c');
    expect(results.map((r) => (r.kind === 'record' ? r.record.flags : 'x'))).toEqual([undefined, ['time_backwards'], undefined]);
    expect(stats.flagged).toEqual({ time_backwards: 1 });
  });

  it('walks through a DST fall-back hour without going backwards', () => {
    const text = ['01:30:00', '01:59:59', '01:00:00', '01:30:00'].map((t) => `2025-11-02 ${t} INFO tick`).join('\n');
    const ts = parseLogText(text, { tz: 'America/New_York' }).results.map((r) => (r.kind === 'record' ? r.record.timestamp : null));
    expect(ts).toEqual(['2025-11-02T05:30:00Z', '2025-11-02T05:59:59Z', '2025-11-02T06:00:00Z', '2025-11-02T06:30:00Z']);
  });

  it('honours a forced format and falls back to plain when nothing has a header', () => {
    expect(parseLogText('Nov 26 10:27:35 h a: x', { format: 'text', year: 2025 }).stats.format).toBe('text');
    const plain = parseLogText('just words\nmore words');
    expect(plain.stats).toMatchObject({ format: 'plain', parsed: 2 });
    expect(plain.results[0]).toMatchObject({ record: { timestamp: null, message: 'just words', dialect: 'plain' } });
  });

  it('builds the CLI row for records, continuations, rejects and relative kernel times', () => {
    const { results, stats } = parseLogText('[  634.794473] BUG: x\n  trace line\n\x00\x00');
    expect(results.map((r) => toJsonlRow(r, stats.format))).toEqual([
      { line: 1, timestamp: null, level: null, message: 'BUG: x', format: 'kernel', kind: 'record', boot: '634.794473' },
      { line: 2, timestamp: null, level: null, message: '  trace line', format: 'kernel', kind: 'continuation', parent: 1 },
      { line: 3, timestamp: null, level: null, message: '\x00\x00', format: 'kernel', kind: 'rejected', reason: 'binary' },
    ]);
    // the level as written rides beside its normalized name
    const app = parseLogText('2025-11-26 10:27:35,123 FATAL [main] a.B - down');
    expect(toJsonlRow(app.results[0]!, app.stats.format)).toMatchObject({ level: 'fatal', raw_level: 'FATAL' });
  });
});
