import { describe, expect, it } from 'vitest';
import { detectAnomalies, detectAnomaly, type Point } from './detect.js';
import { gauss, rng } from './testing.js';

const S = 1_000_000_000n;
const T0 = 1_764_150_000n * S;

/** 2 hours of 15-second samples: level ± sd noise, plus `shape(tSeconds)`. */
function series(seed: number, shape: (sec: number) => number, level = 100, sd = 5): Point[] {
  const r = rng(seed);
  const out: Point[] = [];
  for (let sec = 0; sec < 7200; sec += 15) out.push({ t: T0 + BigInt(sec) * S, v: level + sd * gauss(r) + shape(sec) });
  return out;
}
const at = (sec: number): bigint => T0 + BigInt(sec) * S;
const sec = (t: bigint | undefined): number => Number((t ?? 0n) - T0) / 1e9;

// The incident window starts 90 minutes in; the baseline is the hour before it.
const start = at(5400);
const end = at(7200);
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('metric anomalies', () => {
  it('finds a leak that began after the window opened near its real onset, once', () => {
    const leakStart = 5700; // 5 minutes into the window
    const leak = series(1, (s) => (s >= leakStart ? (s - leakStart) * 0.5 : 0));
    const a = detectAnomaly({ name: 'rss', points: leak }, { start, end });
    expect(a).not.toBeNull();
    expect(Math.abs(sec(a?.onset) - leakStart)).toBeLessThanOrEqual(30);
    expect(a?.direction).toBe('up');
    expect(a?.baseline_mean).toBeGreaterThan(95);
    expect(a?.baseline_std).toBeGreaterThan(3);
    expect(a).toMatchObject({ baseline_from_window: false, onset_before_window: false, baseline_trimmed: false, baseline_end: start });
  });

  it('puts a step at its first anomalous sample, not on the noise before it', () => {
    // The tester's case: 1000 ± 1, then +50 and rising; a one-sided CUSUM started a few samples early.
    for (const seed of SEEDS) {
      const s = series(seed, (t) => (t >= 6000 ? 50 + (t - 6000) / 15 : 0), 1000, 1);
      const a = detectAnomaly({ name: 'x', points: s }, { start: at(6000 - 900), end });
      expect(sec(a?.onset)).toBe(6000);
      expect(sec(a?.crossed_at)).toBe(6000);
    }
  });

  it('places a gradual rise where it begins, well before it crosses', () => {
    // Half a standard deviation per sample: it needs about six samples to cross, noise permitting.
    const errors = SEEDS.map((seed) => {
      const a = detectAnomaly({ name: 'x', points: series(seed, (t) => (t >= 6000 ? ((t - 6000) / 15 + 1) * 2.5 : 0)) }, { start, end });
      expect(sec(a?.crossed_at)).toBeGreaterThanOrEqual(sec(a?.onset));
      return Math.abs(sec(a?.onset) - 6000) / 15;
    });
    expect(Math.max(...errors)).toBeLessThanOrEqual(4);
    expect(errors.filter((e) => e <= 1).length).toBeGreaterThanOrEqual(SEEDS.length - 2);
  });

  it('stays quiet on steady noisy series', () => {
    const steady = Array.from({ length: 50 }, (_, i) => ({ name: `s${i}`, points: series(100 + i, () => 0) }));
    expect(detectAnomalies(steady, { start, end })).toEqual([]);
    expect(detectAnomalies(steady, { start, end, method: 'mad' })).toEqual([]);
  });

  it('ignores spikes shorter than sustain, even across the window start, but catches a sustained drop', () => {
    const spike = series(7, (s) => (s === 6000 ? 200 : 0));
    expect(detectAnomaly({ name: 'spike', points: spike }, { start, end })).toBeNull();
    for (const seed of SEEDS) {
      const two = series(seed, (s) => (s === 5385 || s === 5400 || s === 6600 || s === 6615 ? 300 : 0));
      expect(detectAnomaly({ name: 'two', points: two }, { start, end })).toBeNull();
    }
    const drop = series(8, (s) => (s >= 6300 ? -60 : 0));
    const a = detectAnomaly({ name: 'drop', points: drop }, { start, end });
    expect(a?.direction).toBe('down');
    expect(sec(a?.onset)).toBe(6300);
  });

  it('stays quiet on a periodic series that does in the window what it did all through the baseline', () => {
    // A 45-second GC burst every 10 minutes: 3.5σ beyond its own baseline, hour after hour.
    for (const seed of SEEDS) {
      const gc = series(seed, (s) => (s % 600 < 45 ? 70 : 0), 20, 1);
      expect(detectAnomaly({ name: 'gc', points: gc }, { start, end })).toBeNull();
      expect(detectAnomaly({ name: 'gc', points: gc }, { start, end, method: 'mad' })).toBeNull();
    }
  });

  it('still finds a change beyond what the baseline did: bursts that grow, a level that shifts', () => {
    const taller = series(3, (s) => (s % 600 < 45 ? (s >= 6000 ? 200 : 70) : 0), 20, 1);
    expect(sec(detectAnomaly({ name: 'gc', points: taller }, { start, end })?.crossed_at)).toBe(6000);
    const shifted = series(4, (s) => (s % 600 < 45 ? 70 : 0) + (s >= 6750 ? 120 : 0), 20, 1);
    expect(sec(detectAnomaly({ name: 'gc', points: shifted }, { start, end })?.onset)).toBe(6750);
  });

  it('does not date an excursion inside the baseline when the samples there are ordinary', () => {
    // Ordinary noise up to the window, then a step well into it: an onset fitted back into the
    // baseline would tell a responder the trouble began an hour early.
    for (const seed of SEEDS) {
      const s = series(seed, (t) => (t >= 6600 ? 40 : 0));
      const a = detectAnomaly({ name: 'x', points: s }, { start, end, method: 'mad' });
      expect(a?.onset_before_window).toBe(false);
      expect(sec(a?.onset)).toBeGreaterThanOrEqual(5400);
    }
  });

  it('the robust variant is not fooled by outliers in the baseline', () => {
    const dirty = series(9, (s) => (s < 5400 && s % 600 === 0 ? 400 : s >= 6600 ? 25 : 0));
    expect(detectAnomaly({ name: 'x', points: dirty }, { start, end, method: 'sigma' })).toBeNull();
    expect(detectAnomaly({ name: 'x', points: dirty }, { start, end, method: 'mad' })?.method).toBe('mad');
  });

  it('a flat series that moves is an anomaly; without history the window start serves as baseline', () => {
    const flat: Point[] = Array.from({ length: 100 }, (_, i) => ({ t: start + BigInt(i) * S, v: i < 60 ? 7 : 8 }));
    const a = detectAnomaly({ name: 'flat', points: flat }, { start, end });
    expect(a?.baseline_from_window).toBe(true);
    expect(Number((a?.onset ?? 0n) - start) / 1e9).toBe(60);
  });

  it('a flat history then a step inside the window: the step, against the whole baseline', () => {
    const flat = series(1, (s) => (s >= 6000 ? 1 : 0), 7, 0);
    const a = detectAnomaly({ name: 'flat', points: flat }, { start, end });
    expect(a).toMatchObject({ onset: at(6000), crossed_at: at(6000), baseline_samples: 240, baseline_trimmed: false, onset_before_window: false });
  });
});

describe('an excursion already under way when the window opens', () => {
  // The tester's s6 case: 2e9 ± 5e6 bytes, from 5 minutes before the window +5e7 per sample.
  const leakAt = 5100;
  const leak = (seed: number): Point[] => series(seed, (t) => (t >= leakAt ? 5e7 * (1 + (t - leakAt) / 15) : 0), 2e9, 5e6);

  it('is found at its real onset, before the window, against the baseline before it', () => {
    for (const seed of SEEDS) {
      const a = detectAnomaly({ name: 'rss', points: leak(seed) }, { start, end });
      expect(a).toMatchObject({ onset: at(leakAt), crossed_at: at(leakAt), onset_before_window: true, baseline_trimmed: true, baseline_end: at(leakAt) });
      // the hour before the window, less the leak's 20 samples
      expect(a?.baseline_samples).toBe(220);
      expect(a?.baseline_std).toBeGreaterThan(3.5e6);
      expect(a?.baseline_std).toBeLessThan(6.5e6);
      expect(Math.abs((a?.baseline_mean ?? 0) - 2e9)).toBeLessThan(2e6);
    }
  });

  it('the same with the robust variant, and for a step that fills 30 % of the baseline', () => {
    expect(detectAnomaly({ name: 'rss', points: leak(3) }, { start, end, method: 'mad' })?.onset).toBe(at(leakAt));
    for (const seed of SEEDS) {
      const shift = series(seed, (t) => (t >= 4320 ? 40 : 0));
      const a = detectAnomaly({ name: 'x', points: shift }, { start, end });
      expect(a).toMatchObject({ onset: at(4320), onset_before_window: true, baseline_trimmed: true, baseline_samples: 168 });
    }
  });

  it('a gauge that hardly ever moves, then jumps before the window', () => {
    const pts = series(4, (t) => (t >= 5340 ? 2e8 : t % 1800 === 0 ? 4096 : 0), 8e6, 0);
    const a = detectAnomaly({ name: 'mem', points: pts }, { start, end });
    expect(a).toMatchObject({ onset: at(5340), onset_before_window: true, baseline_trimmed: true });
  });

  it('a slow rise that began in the baseline is placed there', () => {
    const errors = SEEDS.map((seed) => {
      const a = detectAnomaly({ name: 'x', points: series(seed, (t) => (t >= 5100 ? ((t - 5100) / 15 + 1) * 2.5 : 0)) }, { start, end });
      expect(a?.onset_before_window).toBe(true);
      return Math.abs(sec(a?.onset) - 5100) / 15;
    });
    expect(Math.max(...errors)).toBeLessThanOrEqual(4);
    expect(errors.filter((e) => e <= 2).length).toBeGreaterThanOrEqual(SEEDS.length - 2);
  });

  it('a shift older than half the baseline is its norm: nothing to report', () => {
    for (const seed of SEEDS) expect(detectAnomaly({ name: 'x', points: series(seed, (t) => (t >= 2700 ? 40 : 0)) }, { start, end })).toBeNull();
  });
});
