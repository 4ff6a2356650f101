/**
 * How abnormal one series is after the onset: the largest robust z-score of the anomalous samples
 * against the baseline (BARO: median and IQR; N-Sigma: mean and σ). Dividing by the series' own
 * spread makes bytes, percentages and seconds comparable without knowing any unit.
 */
import { meanStd, quantileSorted, sortedFinite } from './stats.js';
import type { Direction, ScaleSource, ScoreMethod } from './types.js';

export interface ScoreOptions {
  method?: ScoreMethod;
  direction?: Direction;
  /**
   * Smallest scale as a fraction of the baseline level. Gauges such as memory are quantised and
   * often sit on one value for minutes, so their IQR (even σ) is near zero and a move of a few
   * pages would score in the thousands; a change under 0.1 % of the level is not told apart
   * from that quantisation. Series centred on zero are unaffected.
   */
  relativeFloor?: number;
  /**
   * Consecutive anomalous samples a deviation must hold to count. BARO takes the single largest
   * sample (1); one-sample glitches (a GC pause, a scrape landing late) then outrank a real fault of
   * similar height, while a root cause persists, so the default asks for two.
   */
  sustain?: number;
  /**
   * The values are a counter's per-second rate. A counter does not glitch: every increase is events
   * that happened, so a burst in one interval is real, while scrape jitter only moves increase between
   * neighbouring intervals. The sustain window then takes the counter's mean rate over the window
   * (Prometheus' rate over a range), not the smallest sample, which would cancel a burst of errors.
   */
  cumulative?: boolean;
}

export interface AnomalyScore {
  score: number;
  center: number;
  scale: number;
  scaleSource: ScaleSource;
  /** Index in `anomalous` of the highest-scoring sample, -1 when none is finite. */
  peakIndex: number;
}

/**
 * Scores the anomalous samples against the baseline; null when either side has no finite value.
 * @example scoreAnomaly([1, 2, 3, 2, 1], [2, 9]).score === 7 // (9 − median 2) / IQR 1
 */
export function scoreAnomaly(
  baseline: ArrayLike<number>,
  anomalous: ArrayLike<number>,
  { method = 'baro', direction = 'up', relativeFloor = 1e-3, sustain = 2, cumulative = false }: ScoreOptions = {},
): AnomalyScore | null {
  const base = sortedFinite(baseline);
  if (base.length === 0) return null;
  let anyFinite = false;
  for (let i = 0; i < anomalous.length && !anyFinite; i++) anyFinite = Number.isFinite(anomalous[i]);
  if (!anyFinite) return null;

  const { mean, std } = meanStd(base);
  let center: number;
  let scale: number;
  let scaleSource: ScaleSource;
  if (method === 'baro') {
    center = quantileSorted(base, 0.5);
    scale = quantileSorted(base, 0.75) - quantileSorted(base, 0.25);
    scaleSource = 'iqr';
    // IQR is zero when over half the baseline sits on one value (idle or quantised series); σ still sees the rare moves.
    if (!(scale > 0)) {
      scale = std;
      scaleSource = 'std';
    }
  } else {
    center = mean;
    scale = std;
    scaleSource = 'std';
  }
  const floor = relativeFloor * Math.abs(center);
  if (floor > scale) {
    scale = floor;
    scaleSource = 'relative_floor';
  }
  if (!(scale > 0)) {
    // A baseline flat at zero: the relative floor, taken from the size the values reach after the
    // onset, so a step away from a constant zero scores like one away from any constant (4 → 8
    // and 0 → 5e7 alike), whatever the unit; dividing by the spread of the whole window instead
    // capped such a step at a few units and let ordinary wobble of noisy series outrank it. The
    // size is that of the values that left zero: a burst shorter than half the anomalous period
    // (errors for a minute, then quiet) would otherwise take a zero median and score 0.
    scale = relativeFloor * quantileSorted(sortedFinite(Array.from(anomalous, (x) => Math.abs(x)).filter((x) => x > 0)), 0.5);
    scaleSource = scale > 0 ? 'pooled' : 'constant';
  }
  let score = -Infinity;
  let peakIndex = -1;
  const devs: number[] = [];
  const idx: number[] = [];
  for (let i = 0; i < anomalous.length; i++) {
    const x = anomalous[i] as number;
    if (!Number.isFinite(x)) continue;
    const d = x - center;
    devs.push(direction === 'up' ? d : direction === 'down' ? -d : Math.abs(d));
    idx.push(i);
  }
  const w = Math.max(1, Math.min(sustain, devs.length));
  for (let i = 0; i + w <= devs.length; i++) {
    const dev = windowDeviation(devs, i, w, cumulative);
    if (dev > score || peakIndex < 0) {
      score = dev;
      peakIndex = idx[i] as number;
    }
  }
  // A series that never moved scores zero rather than NaN.
  return { score: scale > 0 ? score / scale : 0, center, scale, scaleSource, peakIndex };
}

/** Deviation held over `devs[i..i+w)`: the smallest (a level must persist), or for a counter's rate the mean (its increase over the window). */
function windowDeviation(devs: readonly number[], i: number, w: number, cumulative: boolean): number {
  let min = Infinity;
  let sum = 0;
  for (let j = i; j < i + w; j++) {
    const d = devs[j] as number;
    min = Math.min(min, d);
    sum += d;
  }
  return cumulative ? sum / w : min;
}
