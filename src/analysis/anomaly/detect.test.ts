import { describe, expect, it } from 'vitest';
import { detectAnomalies, detectAnomaly, type Point } from './detect.js';

const S = 1_000_000_000n;
const T0 = 1_764_150_000n * S;

/** Deterministic pseudo-random noise (mulberry32), so tests are repeatable. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
}

/** 2 hours of 15-second samples: level 100 ± 5, plus `shape(tSeconds)` from the incident's perspective. */
function series(seed: number, shape: (sec: number) => number): Point[] {
  const r = rng(seed);
  const out: Point[] = [];
  for (let sec = 0; sec < 7200; sec += 15) out.push({ t: T0 + BigInt(sec) * S, v: 100 + 5 * gauss(r) + shape(sec) });
  return out;
}

// The incident window starts 90 minutes in; the baseline is the hour before it.
const start = T0 + 5400n * S;
const end = T0 + 7200n * S;

describe('metric anomalies', () => {
  it('finds a leak that began before the declared start near its real onset, once', () => {
    const leakStart = 5700; // 5 minutes into the window
    const leak = series(1, (sec) => (sec >= leakStart ? (sec - leakStart) * 0.5 : 0));
    const a = detectAnomaly({ name: 'rss', points: leak }, { start, end });
    expect(a).not.toBeNull();
    const onsetSec = Number((a?.onset ?? 0n) - T0) / 1e9;
    expect(Math.abs(onsetSec - leakStart)).toBeLessThanOrEqual(60);
    expect(a?.direction).toBe('up');
    expect(a?.baseline_mean).toBeGreaterThan(95);
    expect(a?.baseline_std).toBeGreaterThan(3);
    expect(a?.baseline_from_window).toBe(false);
  });

  it('stays quiet on steady noisy series', () => {
    const steady = Array.from({ length: 50 }, (_, i) => ({ name: `s${i}`, points: series(100 + i, () => 0) }));
    expect(detectAnomalies(steady, { start, end })).toEqual([]);
    expect(detectAnomalies(steady, { start, end, method: 'mad' })).toEqual([]);
  });

  it('ignores a single spike but catches a sustained drop', () => {
    const spike = series(7, (sec) => (sec === 6000 ? 200 : 0));
    expect(detectAnomaly({ name: 'spike', points: spike }, { start, end })).toBeNull();
    const drop = series(8, (sec) => (sec >= 6300 ? -60 : 0));
    const a = detectAnomaly({ name: 'drop', points: drop }, { start, end });
    expect(a?.direction).toBe('down');
    // Within two samples: noise just before a step can look like its start.
    expect(Math.abs(Number((a?.onset ?? 0n) - T0) / 1e9 - 6300)).toBeLessThanOrEqual(30);
  });

  it('the robust variant is not fooled by outliers in the baseline', () => {
    const dirty = series(9, (sec) => (sec < 5400 && sec % 600 === 0 ? 400 : sec >= 6600 ? 25 : 0));
    expect(detectAnomaly({ name: 'x', points: dirty }, { start, end, method: 'sigma' })).toBeNull();
    expect(detectAnomaly({ name: 'x', points: dirty }, { start, end, method: 'mad' })?.method).toBe('mad');
  });

  it('a flat series that moves is an anomaly; without history the window start serves as baseline', () => {
    const flat: Point[] = Array.from({ length: 100 }, (_, i) => ({ t: start + BigInt(i) * S, v: i < 60 ? 7 : 8 }));
    const a = detectAnomaly({ name: 'flat', points: flat }, { start, end });
    expect(a?.baseline_from_window).toBe(true);
    expect(Number((a?.onset ?? 0n) - start) / 1e9).toBe(60);
  });
});
