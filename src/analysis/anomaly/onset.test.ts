import { describe, expect, it } from 'vitest';
import { estimateOnset } from './onset.js';
import { gauss, rng } from './testing.js';

/** Unit-variance noise with `shape(k)` added from sample `at` on (k = 0 at the onset). */
function zSeries(seed: number, n: number, at: number, shape: (k: number) => number): number[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => gauss(r) + (i >= at ? shape(i - at) : 0));
}

/** First index of `sustain` consecutive samples beyond 3 on the positive side, as the detector finds it. */
function firstCrossing(z: number[], sustain = 3): number {
  let run = -1;
  for (let i = 0; i < z.length; i++) {
    if ((z[i] as number) > 3) {
      if (run < 0) run = i;
      if (i - run + 1 >= sustain) return run;
    } else run = -1;
  }
  return -1;
}

const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

describe('estimateOnset', () => {
  it('puts a step at its first sample, whatever the noise just before it', () => {
    const shapes = SEEDS.map((seed) => {
      const z = zSeries(seed, 300, 200, () => 8);
      const onset = estimateOnset(z, firstCrossing(z));
      expect(onset.index).toBe(200);
      return onset.shape;
    });
    // Noise after the step can pass for a slight slope; mostly it is read as the step it is.
    expect(shapes.filter((s) => s === 'step').length).toBeGreaterThanOrEqual(SEEDS.length - 3);
  });

  it('puts a ramp where it leaves the baseline, well before its crossing', () => {
    for (const seed of SEEDS) {
      const z = zSeries(seed, 300, 200, (k) => 0.5 * (k + 1));
      const cross = firstCrossing(z);
      expect(cross).toBeGreaterThan(202);
      const onset = estimateOnset(z, cross);
      expect(Math.abs(onset.index - 200)).toBeLessThanOrEqual(3);
      expect(onset.shape).not.toBe('step');
    }
  });

  it('places a slow ramp within a few samples although it needs many to cross', () => {
    const errors = SEEDS.map((seed) => {
      const z = zSeries(seed, 400, 200, (k) => 0.15 * (k + 1));
      const cross = firstCrossing(z);
      const onset = estimateOnset(z, cross).index;
      expect(onset).toBeLessThanOrEqual(cross);
      return onset - 200;
    });
    // It takes some twenty samples to reach 3σ, and the CUSUM alone restarts until about the seventh.
    // Noise can make it cross early, before the slope can be seen: then the crossing is all there is.
    expect(errors.filter((e) => Math.abs(e) <= 3).length).toBeGreaterThanOrEqual(SEEDS.length - 2);
  });

  it('reads a jump that keeps growing, and a fall, at their first sample', () => {
    const jumps = SEEDS.map((seed) => {
      const z = zSeries(seed, 300, 150, (k) => 5 + 0.5 * k);
      const down = zSeries(seed, 300, 150, () => -7);
      expect(estimateOnset(down, firstCrossing(down.map((v) => -v))).index).toBe(150);
      return estimateOnset(z, firstCrossing(z)).index - 150;
    });
    expect(jumps.every((e) => Math.abs(e) <= 1)).toBe(true);
    expect(jumps.filter((e) => e === 0).length).toBeGreaterThanOrEqual(SEEDS.length - 2);
  });

  it('stays finite on a flat baseline, where a change is a huge number of units', () => {
    const z = [...Array<number>(50).fill(0), ...Array<number>(20).fill(1e300)];
    expect(estimateOnset(z, 50)).toEqual({ index: 50, shape: 'step' });
    // Nothing before `floor` may be called the excursion (it is the baseline the z-scores came from).
    const ramp = Array.from({ length: 80 }, (_, i) => (i < 40 ? 0 : (i - 39) * 0.2));
    expect(estimateOnset(ramp, 56).index).toBe(40);
    expect(estimateOnset(ramp, 56, { floor: 48 }).index).toBeGreaterThanOrEqual(48);
  });
});
