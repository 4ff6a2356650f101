import { describe, expect, it } from 'vitest';
import { detectOnset } from './onset.js';
import type { RankSeries } from './types.js';

const S = 1_000_000_000n;
const T0 = 1_650_000_000n * S;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** AR(1) noise around a level, with an optional shift from `at`, sampled every `every` seconds. */
function series(name: string, seed: number, { n = 600, every = 1, at = Infinity, size = 0 } = {}): RankSeries {
  const rnd = rng(seed);
  let e = 0;
  const points = [];
  for (let i = 0; i < n; i += every) {
    for (let k = 0; k < every; k++) e = 0.6 * e + 0.8 * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    points.push({ t: T0 + BigInt(i) * S, v: 100 + e + (i >= at ? size : 0) });
  }
  return { name, points };
}

/** Noise around a slow shared shape `drift(i)` (in noise units), with an optional shift from `at`. */
function drifting(name: string, seed: number, drift: (i: number) => number, { n = 900, at = Infinity, size = 0 } = {}): RankSeries {
  const rnd = rng(seed);
  let e = 0;
  const points = [];
  for (let i = 0; i < n; i++) {
    e = 0.5 * e + 0.9 * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    points.push({ t: T0 + BigInt(i) * S, v: 50 + drift(i) + e + (i >= at ? size : 0) });
  }
  return { name, points };
}

const holds = (est: { lower: bigint; upper: bigint } | null, at: number): boolean => !!est && est.lower <= T0 + BigInt(at) * S && T0 + BigInt(at) * S <= est.upper;

const quiet = (from: number, count: number): RankSeries[] => Array.from({ length: count }, (_, i) => series(`quiet${i}`, from + i));

describe('detectOnset', () => {
  it('finds a shift shared by a few series among many quiet ones, with an interval around it', () => {
    const input = [series('a', 1, { at: 377, size: 4 }), series('b', 2, { at: 377, size: -3 }), ...quiet(10, 30)];
    const est = detectOnset(input);
    expect(est).not.toBeNull();
    const at = Number((est!.t - T0) / S);
    expect(Math.abs(at - 377)).toBeLessThanOrEqual(2);
    expect(est!.lower).toBeLessThanOrEqual(T0 + 377n * S);
    expect(est!.upper).toBeGreaterThanOrEqual(T0 + 377n * S);
    expect(est!.log_bayes_factor).toBeGreaterThan(10);
    expect(est!.series_changed).toBe(2);
  });

  it('places the onset at the first series to change when others follow later', () => {
    const input = [
      series('root', 3, { at: 200, size: 5 }),
      series('follow1', 4, { at: 230, size: 5 }),
      series('follow2', 5, { at: 235, size: 5 }),
      series('follow3', 6, { at: 240, size: 5 }),
      ...quiet(20, 20),
    ];
    const est = detectOnset(input)!;
    expect(Math.abs(Number((est.t - T0) / S) - 200)).toBeLessThanOrEqual(3);
    expect(est.first_changed).toBe('root');
  });

  it('combines series sampled at different resolutions', () => {
    const input = [series('fine', 7, { at: 300, size: 4 }), series('coarse', 8, { every: 15, at: 300, size: 4 }), ...quiet(30, 10)];
    const est = detectOnset(input)!;
    expect(Math.abs(Number((est.t - T0) / S) - 300)).toBeLessThanOrEqual(3);
  });

  it('keeps the true onset inside the interval when a daily-load trend runs through every series', () => {
    // A load that rises through the window lifts the mean-shift profile of every series at once and
    // can pull the estimate towards the trend's middle; the interval must then widen to admit the
    // true onset instead of sitting narrowly around the wrong point.
    const load = (i: number): number => 6 * Math.sin((2 * Math.PI * i) / 2400);
    const input = [
      drifting('root', 1, load, { at: 640, size: 3 }),
      drifting('callerA', 2, load, { at: 640, size: 2.5 }),
      drifting('callerB', 3, load, { at: 642, size: 2.5 }),
      ...Array.from({ length: 30 }, (_, i) => drifting(`load${i}`, 100 + i, load)),
    ];
    expect(holds(detectOnset(input), 640)).toBe(true);
  });

  it('keeps the true onset inside the interval when a smooth wave runs through many series', () => {
    const wave = (i: number): number => 2.5 * Math.sin((2 * Math.PI * i) / 700 + 1);
    const input = [
      drifting('root', 4, wave, { at: 610, size: 3 }),
      drifting('other', 5, () => 0, { at: 612, size: 2 }),
      ...Array.from({ length: 25 }, (_, i) => drifting(`mem${i}`, 200 + i, wave)),
      ...Array.from({ length: 10 }, (_, i) => drifting(`flat${i}`, 300 + i, () => 0)),
    ];
    expect(holds(detectOnset(input), 610)).toBe(true);
  });

  it('reports little evidence and a wide interval when nothing changed', () => {
    const est = detectOnset(quiet(40, 20))!;
    expect(est.log_bayes_factor).toBeLessThan(0);
    expect(est.upper - est.lower).toBeGreaterThan(60n * S);
  });

  it('returns null when no series varies', () => {
    expect(detectOnset([{ name: 'flat', points: [1n, 2n, 3n, 4n, 5n].map((t) => ({ t, v: 1 })) }])).toBeNull();
  });
});
