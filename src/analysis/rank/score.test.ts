import { describe, expect, it } from 'vitest';
import { scoreAnomaly } from './score.js';

describe('scoreAnomaly', () => {
  it('divides the deviation from the baseline median by its IQR (BARO)', () => {
    const r = scoreAnomaly([1, 2, 3, 2, 1, 2, 3], [2, 9, 9, 3], { sustain: 1 });
    expect(r).toMatchObject({ center: 2, scale: 1, scaleSource: 'iqr', score: 7, peakIndex: 1 });
  });

  it('uses mean and σ for N-Sigma', () => {
    const r = scoreAnomaly([1, 3, 1, 3], [6], { method: 'nsigma' });
    expect(r).toMatchObject({ center: 2, scale: 1, score: 4 });
  });

  it('counts increases by default, decreases or both on request', () => {
    const base = [10, 11, 9, 10, 11, 9, 10];
    const anomalous = [2, 2, 2, 12, 12];
    expect(scoreAnomaly(base, anomalous)?.score).toBeCloseTo(2);
    expect(scoreAnomaly(base, anomalous, { direction: 'down' })?.score).toBeCloseTo(8);
    expect(scoreAnomaly(base, anomalous, { direction: 'both' })?.score).toBeCloseTo(8);
  });

  it('asks a deviation to hold for two samples, so a lone spike does not outrank a shift', () => {
    const base = [0, 1, 2, 1, 0, 1, 2, 1];
    const spike = scoreAnomaly(base, [1, 50, 1, 1]);
    const shift = scoreAnomaly(base, [1, 10, 10, 10]);
    expect(spike?.score).toBeLessThan(shift?.score ?? 0);
    expect(scoreAnomaly(base, [1, 50, 1, 1], { sustain: 1 })?.score).toBeGreaterThan(shift?.score ?? 0);
  });

  it('falls back to σ when more than half the baseline sits on one value', () => {
    const base = [5, 5, 5, 5, 5, 5, 5, 6];
    const r = scoreAnomaly(base, [8, 8], { relativeFloor: 0 });
    expect(r?.scaleSource).toBe('std');
    expect(r?.score).toBeCloseTo(3 / Math.sqrt(7 / 64));
  });

  it('floors the scale at 0.1 % of the level, so a quantised gauge moving a few pages stays modest', () => {
    const base = Array.from({ length: 100 }, (_, i) => 300_000_000 + (i % 10 === 0 ? 4096 : 0));
    const r = scoreAnomaly(base, [304_500_000, 304_500_000]);
    expect(r?.scaleSource).toBe('relative_floor');
    expect(r?.score).toBeCloseTo(15, 0);
  });

  it('scores a step away from a baseline flat at zero like one away from any constant, whatever the unit', () => {
    const r = scoreAnomaly([0, 0, 0, 0, 0, 0], [0, 3, 3]);
    expect(r?.scaleSource).toBe('pooled');
    expect(Number.isFinite(r?.score)).toBe(true);
    // 0 → 5e7 bytes/s and 0 → 3 both score as 4 → 8 does (relative floor), far above a 6σ wobble
    expect(scoreAnomaly([0, 0, 0, 0], [5e7, 5e7, 5e7])?.score).toBeCloseTo(1000);
    expect(scoreAnomaly([0, 0, 0, 0], [0, 3, 3, 3])?.score).toBeCloseTo(1000);
    expect(scoreAnomaly([4, 4, 4, 4], [8, 8, 8])?.score).toBeCloseTo(1000);
    expect(scoreAnomaly([0, 0, 0], [0, 0])).toMatchObject({ score: 0, scaleSource: 'constant' });
    expect(scoreAnomaly([4, 4, 4], [4, 4])?.score).toBe(0);
  });

  it('measures a zero baseline against the values that left zero, so a burst shorter than half the anomaly counts', () => {
    // a queue that was empty, filled for 20 s of a 200 s anomalous period, then drained
    const after = [...Array.from({ length: 20 }, () => 40), ...Array.from({ length: 180 }, () => 0)];
    const r = scoreAnomaly(Array.from({ length: 100 }, () => 0), after);
    expect(r).toMatchObject({ scaleSource: 'pooled', peakIndex: 0 });
    expect(r?.score).toBeCloseTo(1000);
  });

  it("takes a counter's rate over the sustain window, so a one-interval burst of errors is not cancelled", () => {
    // errors_total 0 → 3 in one scrape interval: its rate is 3 once, 0 before and after
    const rate = [3, ...Array.from({ length: 199 }, () => 0)];
    const zeros = Array.from({ length: 200 }, () => 0);
    expect(scoreAnomaly(zeros, rate, { cumulative: true })?.score).toBeCloseTo(500);
    // a gauge read the same way is a one-sample glitch and stays at 0
    expect(scoreAnomaly(zeros, rate)?.score).toBe(0);
    // scrape jitter moves increase between neighbouring intervals: the window's mean rate is unmoved
    const base = Array.from({ length: 100 }, (_, i) => 10 + (i % 3) - 1);
    expect(scoreAnomaly(base, [10, 16, 4, 10, 11], { cumulative: true })?.score).toBeLessThanOrEqual(1.5);
  });

  it('ignores NaN and infinite samples and returns null without data on a side', () => {
    const r = scoreAnomaly([1, NaN, 2, 3, Infinity, 2, 1], [NaN, 9, 9]);
    expect(r?.score).toBe(7);
    expect(r?.peakIndex).toBe(1);
    expect(scoreAnomaly([NaN], [1])).toBeNull();
    expect(scoreAnomaly([1, 2], [NaN])).toBeNull();
  });

  it('is unit-free: rescaling a series leaves its score unchanged', () => {
    const base = [1.2, 1.4, 1.1, 1.3, 1.25, 1.35];
    const anomalous = [1.3, 2.8, 2.9, 1.2];
    const a = scoreAnomaly(base, anomalous)?.score ?? NaN;
    const b = scoreAnomaly(base.map((x) => x * 1024 ** 3), anomalous.map((x) => x * 1024 ** 3))?.score ?? NaN;
    expect(b).toBeCloseTo(a, 9);
  });
});
