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
