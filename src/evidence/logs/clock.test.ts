import { describe, expect, it } from 'vitest';
import { Clock, type ClockOptions } from './clock.js';
import type { WallTime } from './timestamp.js';

const at = (year: number | null, month: number, day: number, hour: number, minute: number, second: number, frac = '', offsetMin: number | null = null): WallTime => ({
  kind: 'wall', year, month, day, hour, minute, second, frac, offsetMin,
});

const fracNs = (frac: string): number => (frac === '' ? 0 : Number(frac.padEnd(9, '0')));

/** Two clocks fed the same times, one resolving each in full, the other moving within the first's minute. */
function both(options: ClockOptions, first: WallTime, seconds: [number, string][]): void {
  const full = new Clock(options);
  const quick = new Clock(options);
  expect(quick.resolve(first)).toEqual(full.resolve(first));
  for (const [second, frac] of seconds) {
    expect(quick.sameMinute(second, fracNs(frac))).toEqual(full.resolve({ ...first, second, frac })?.ns);
  }
}

describe('Clock.sameMinute', () => {
  it('gives what resolve gives for another second of the minute', () => {
    const seconds: [number, string][] = [[36, '5'], [36, '123'], [59, '999999999'], [0, ''], [12, '000001'], [12, '000001001']];
    both({}, at(2025, 11, 26, 10, 27, 35, '123'), seconds);
    both({}, at(2025, 11, 26, 10, 27, 35, '', 120), seconds);
    both({ tz: 'Europe/Paris' }, at(2025, 7, 1, 10, 27, 35, '1'), seconds);
    both({ tz: '+05:30' }, at(2025, 7, 1, 10, 27, 35), seconds);
    both({ year: 2024 }, at(null, 2, 29, 23, 59, 1), seconds);
    both({ latest: BigInt(Date.UTC(2025, 0, 5)) * 1_000_000n }, at(null, 12, 31, 23, 59, 58, '5'), seconds);
  });

  it('leaves a DST overlap, a leap second and 24:00 to resolve', () => {
    const ny = new Clock({ tz: 'America/New_York' });
    ny.resolve(at(2025, 11, 2, 1, 30, 0));
    expect(ny.sameMinute(1, 0)).toBeNull();
    const utc = new Clock();
    utc.resolve(at(2025, 6, 30, 23, 59, 59));
    expect(utc.sameMinute(60, 0)).toBeNull();
    utc.resolve(at(2025, 6, 30, 23, 59, 60));
    expect(utc.sameMinute(59, 0)).toBeNull();
    utc.resolve(at(2025, 6, 30, 24, 0, 0));
    expect(utc.sameMinute(1, 0)).toBeNull();
    utc.resolve({ kind: 'epoch', ns: 1n, digits: 0 });
    expect(utc.sameMinute(1, 0)).toBeNull();
  });

  it('keeps the yearless bookkeeping: a line ~180 days on is judged from the last second given', () => {
    const options = { year: 2025 };
    const full = new Clock(options);
    const quick = new Clock(options);
    const june = at(null, 6, 1, 0, 0, 0);
    full.resolve(june);
    full.resolve({ ...june, second: 30 });
    quick.resolve(june);
    quick.sameMinute(30, 0);
    // 180 days after 00:00:30 less 20 s: no rollover from the line before, one from the minute's first
    const late = at(null, 11, 28, 0, 0, 10);
    expect(quick.resolve(late)).toEqual(full.resolve(late));
  });
});

describe('Clock: times of day without a date', () => {
  const tod = (hour: number, minute: number, second: number, frac = ''): WallTime => at(null, 0, 0, hour, minute, second, frac);
  const iso = (c: Clock, t: WallTime): string | undefined => {
    const i = c.resolve(t);
    return i ? new Date(Number(i.ns / 1_000_000n)).toISOString() : undefined;
  };

  it('dates them from --date, rolls over at midnight and keeps a late line on its own day', () => {
    const c = new Clock({ date: '2025-11-26' });
    expect(iso(c, tod(23, 59, 58, '1'))).toBe('2025-11-26T23:59:58.100Z');
    expect(iso(c, tod(0, 0, 1))).toBe('2025-11-27T00:00:01.000Z');
    expect(iso(c, tod(23, 59, 59))).toBe('2025-11-26T23:59:59.000Z');
    expect(iso(c, tod(0, 0, 2))).toBe('2025-11-27T00:00:02.000Z');
    // less than half a day back is the same day, the time going back; hours of quiet are the same day
    expect(iso(c, tod(0, 0, 0))).toBe('2025-11-27T00:00:00.000Z');
    expect(iso(c, tod(21, 0, 0))).toBe('2025-11-27T21:00:00.000Z');
    expect(iso(c, tod(8, 30, 0))).toBe('2025-11-28T08:30:00.000Z');
  });

  it('reads the given date in the file zone', () => {
    const c = new Clock({ date: '2025-07-01', tz: 'Europe/Paris' });
    expect(iso(c, tod(10, 0, 0))).toBe('2025-07-01T08:00:00.000Z');
  });

  it('takes the date nearest the dated lines before, else the time of interest, else the latest one not after the reference', () => {
    const dated = new Clock({ near: BigInt(Date.UTC(2020, 0, 1)) * 1_000_000n });
    dated.resolve(at(2025, 11, 26, 23, 50, 0));
    const after = dated.resolve(tod(0, 10, 0));
    expect(after && new Date(Number(after.ns / 1_000_000n)).toISOString()).toBe('2025-11-27T00:10:00.000Z');
    expect(after?.dateAssumed).toBe(false);

    const near = new Clock({ near: BigInt(Date.UTC(2025, 10, 27, 0, 5)) * 1_000_000n });
    const first = near.resolve(tod(23, 55, 0));
    expect(first && new Date(Number(first.ns / 1_000_000n)).toISOString()).toBe('2025-11-26T23:55:00.000Z');
    expect(first?.dateAssumed).toBe(true);
    expect(near.resolve(tod(23, 56, 0))?.dateAssumed).toBe(false);

    // the file's mtime: its last write, a little after its last line
    const latest = BigInt(Date.UTC(2025, 10, 26, 12, 0)) * 1_000_000n;
    expect(iso(new Clock({ latest }), tod(11, 59, 0))).toBe('2025-11-26T11:59:00.000Z');
    expect(iso(new Clock({ latest }), tod(12, 30, 0))).toBe('2025-11-26T12:30:00.000Z');
    expect(iso(new Clock({ latest }), tod(13, 30, 0))).toBe('2025-11-25T13:30:00.000Z');
  });

  it('moves within a minute as resolve does, and a midnight is still judged from the last second given', () => {
    both({ date: '2025-11-26' }, tod(10, 27, 35, '123'), [[36, '5'], [59, '999999999'], [0, '']]);
    const full = new Clock({ date: '2025-11-26' });
    const quick = new Clock({ date: '2025-11-26' });
    full.resolve(tod(23, 59, 0));
    full.resolve(tod(23, 59, 59));
    quick.resolve(tod(23, 59, 0));
    quick.sameMinute(59, 0);
    expect(quick.resolve(tod(0, 0, 1))).toEqual(full.resolve(tod(0, 0, 1)));
    expect(quick.resolve(tod(0, 0, 1))?.ns).toBe(BigInt(Date.UTC(2025, 10, 27, 0, 0, 1)) * 1_000_000n);
  });
});
