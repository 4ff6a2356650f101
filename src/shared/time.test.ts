import { describe, expect, it } from 'vitest';
import { formatDuration, formatTimestamp, normalizeTimestamp, parseDuration, parseInstant, parseTimestamp, timestampSortKey } from './time.js';

describe('timestamps', () => {
  it('keeps nine fractional digits end to end', () => {
    const p = parseTimestamp('2025-11-26T10:27:35.123456789Z');
    expect(p.ns).toBe(1764152855123456789n);
    expect(p.digits).toBe(9);
    expect(formatTimestamp(p.ns, p.digits)).toBe('2025-11-26T10:27:35.123456789Z');
  });

  it('converts offsets to UTC and keeps the source precision', () => {
    expect(normalizeTimestamp('2025-11-26T12:27:35.120+02:00')).toBe('2025-11-26T10:27:35.120Z');
    expect(normalizeTimestamp('2025-11-26 10:27:35,5 UTC')).toBe('2025-11-26T10:27:35.5Z');
    expect(normalizeTimestamp('2025-11-26')).toBe('2025-11-26T00:00:00Z');
  });

  it('sort keys order like time', () => {
    const a = timestampSortKey('2025-11-26T10:27:35.9Z');
    const b = timestampSortKey('2025-11-26T10:27:35.123456789Z');
    expect(b < a).toBe(true);
  });

  it('handles instants before 1970', () => {
    expect(formatTimestamp(-1n, 9)).toBe('1969-12-31T23:59:59.999999999Z');
  });

  it.each(['2025-13-01T00:00:00Z', '2025-02-30T00:00:00Z', 'yesterday', '2025-11-26T10:27:35.1234567890Z', '', '2025-11-26T10:27:35+25:00', '2025-11-26T10:27:35-00:60', '2023-02-29T00:00:00Z'])(
    'rejects %j with a clear message',
    (bad) => {
      expect(() => parseTimestamp(bad)).toThrow(/invalid timestamp/);
    },
  );
});

it('keeps years 0–99 as written (Date.UTC would read them as 1900–1999)', () => {
  expect(formatTimestamp(parseTimestamp('0050-01-01T00:00:00Z').ns, 0)).toBe('0050-01-01T00:00:00Z');
  expect(parseTimestamp('2000-02-29T00:00:00Z').ns).toBe(951782400000000000n);
});

describe('durations', () => {
  it('parses compound and fractional durations', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000_000_000n);
    expect(parseDuration('250us')).toBe(250_000n);
    expect(parseDuration('-1.5s')).toBe(-1_500_000_000n);
    expect(parseDuration('7d')).toBe(604_800_000_000_000n);
  });
  it('rejects garbage', () => {
    expect(() => parseDuration('5 minutes')).toThrow(/invalid duration/);
    expect(() => parseDuration('')).toThrow(/invalid duration/);
  });
  it('formats for humans', () => {
    expect(formatDuration(5_400_000_000_000n)).toBe('1h 30m');
    expect(formatDuration(250_000n)).toBe('250µs');
    expect(formatDuration(-900_000_000_000n)).toBe('-15m');
    expect(formatDuration(45n * 60_000_000_000n + 499_999_993n)).toBe('45m 500ms');
    expect(formatDuration(60_000_000_000n + 250_000n)).toBe('1m 250µs');
    expect(formatDuration(499_999_993n)).toBe('499999993ns');
  });
});

describe('user-given instants', () => {
  it('reads epoch numbers by magnitude and RFC 3339 otherwise', () => {
    expect(parseInstant('1652812675').ns).toBe(1652812675000000000n);
    expect(parseInstant('@1652812675.5').ns).toBe(1652812675500000000n);
    expect(parseInstant('1652812675123').ns).toBe(1652812675123000000n);
    expect(parseInstant('1652812675123456').ns).toBe(1652812675123456000n);
    expect(parseInstant('1764152855123456789').ns).toBe(1764152855123456789n);
    expect(formatTimestamp(parseInstant('1652812675123').ns, parseInstant('1652812675123').digits)).toBe('2022-05-17T18:37:55.123Z');
    expect(parseInstant('2025-11-26T10:27:35Z').ns).toBe(1764152855000000000n);
  });
});
