/**
 * Metric anomaly detection for the timeline, pure: each series is compared with a baseline taken
 * before the window, and yields at most one event, at the onset of its first sustained excursion.
 */

import { baselineStats, robustReference, type BaselineStats } from './baseline.js';
import { estimateOnset, type OnsetEstimate, type OnsetShape } from './onset.js';

export interface Point {
  t: bigint;
  v: number;
}

export interface SeriesInput {
  name: string;
  points: readonly Point[];
}

export interface AnomalyOptions {
  /** Start of the window searched for anomalies (ns). */
  start: bigint;
  /** End of the window (ns, exclusive). */
  end: bigint;
  /** Baseline length before `start`; the baseline is [start - baseline, start). Default one hour. */
  baseline?: bigint;
  /** Deviation threshold in baseline standard deviations (or scaled MADs). Default 3. */
  threshold?: number;
  /** `sigma`: mean and standard deviation; `mad`: median and 1.4826 × MAD, robust to outliers in the baseline. */
  method?: 'sigma' | 'mad';
  /** Consecutive samples beyond the threshold needed to call it sustained. Default 3. */
  sustain?: number;
  /** Fewest baseline samples needed; with fewer, the first part of the window serves (and it is said). Default 10. */
  minBaseline?: number;
}

export interface Anomaly {
  series: string;
  /** Onset: the first sample of the excursion that crossed the threshold (change-point estimate); may precede `start`. */
  onset: bigint;
  /** The model that placed the onset: a shift at once, a gradual rise or fall, or a shift that kept growing. */
  onset_shape: OnsetShape;
  /** The excursion was already under way before the window's start. */
  onset_before_window: boolean;
  /** First sample beyond the threshold. */
  crossed_at: bigint;
  /** Value at the crossing. */
  value: number;
  /** Largest deviation in the excursion's direction from the onset (or the window start, if earlier) on, in baseline scale units. */
  peak_z: number;
  direction: 'up' | 'down';
  baseline_mean: number;
  baseline_std: number;
  /** What deviations were measured from and in: the mean and standard deviation, or for `mad` the median and 1.4826 × MAD. */
  baseline_center: number;
  baseline_scale: number;
  method: 'sigma' | 'mad';
  /** Whether the baseline had to come from the start of the window for lack of earlier data. */
  baseline_from_window: boolean;
  baseline_samples: number;
  /** The excursion had begun inside the baseline period, so the baseline is the samples before its onset. */
  baseline_trimmed: boolean;
  /** Instant the baseline ends (exclusive): `start`, or the onset when trimmed, or a window sample when from the window. */
  baseline_end: bigint;
}

const HOUR_NS = 3_600_000_000_000n;

/**
 * Finds the first sustained excursion of one series beyond `threshold` scale units from its baseline,
 * and where it began. When the excursion was already under way as the window opened, the baseline's
 * tail is part of it: the baseline is then re-learnt from the samples before the onset (one pass), so
 * the onset can fall before `start` (`onset_before_window`, `baseline_trimmed`).
 * @example detectAnomaly({ name: 'rss', points }, { start, end })?.onset
 */
export function detectAnomaly(series: SeriesInput, opts: AnomalyOptions): Anomaly | null {
  const { start, end, baseline = HOUR_NS, threshold = 3, method = 'sigma', sustain = 3, minBaseline = 10 } = opts;
  let pts = series.points.filter((p) => Number.isFinite(p.v) && p.t >= start - baseline && p.t < end);
  if (pts.some((p, i) => i > 0 && p.t < (pts[i - 1] as Point).t)) pts.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
  let nb = 0;
  while (nb < pts.length && (pts[nb] as Point).t < start) nb++;
  let fromWindow = false;
  if (nb < minBaseline) {
    // Not enough history before the window: learn the baseline from the window's first fifth.
    pts = pts.slice(nb);
    nb = Math.max(minBaseline, Math.floor(pts.length / 5));
    if (pts.length < nb + sustain) return null;
    fromWindow = true;
  }
  if (pts.length - nb < sustain) return null;
  const values = Float64Array.from(pts, (p) => p.v);
  const detector = { values, threshold, sustain };

  const stats = baselineStats(values.subarray(0, nb), method);
  const plain = findExcursion(detector, stats, nb, fromWindow ? nb : 0, nb);
  if (fromWindow) return plain ? report(plain, stats, nb) : null;
  // An excursion already under way when the window opens inflates the baseline's mean and deviation:
  // its onset then lies in the baseline, or the window opens beyond the threshold, or nothing stands
  // out at all. Against the median and MAD, which a tail of up to half the baseline cannot move, it
  // shows, and its onset is placed without that inflation.
  let begun = plain && plain.onset.index < nb ? plain : null;
  if (!plain || plain.run === nb || begun) {
    const robust = robustReference(values.subarray(0, nb));
    // What the baseline itself did is judged on its first half: its tail may be the excursion.
    const probe = findExcursion(detector, robust, nb, 0, nb >> 1);
    if (probe && probe.onset.index < nb) begun = probe;
  }
  const cut = begun?.onset.index ?? nb;
  // Only a tail can be told from the baseline: an onset in its first half would make the excursion the norm.
  if (begun && cut < nb && cut >= Math.max(minBaseline, nb / 2) && tailShifted(begun, cut, nb)) {
    // The excursion began inside the baseline: what came before it is the baseline, provided the
    // window still stands out against it.
    const clean = baselineStats(values.subarray(0, cut), method);
    const again = findExcursion(detector, clean, cut, 0, cut);
    if (again && firstSustained(again.z, nb, again.limits, sustain) >= 0) return report(again, clean, cut);
  }
  if (!plain) return null;
  // An onset fitted inside the baseline whose samples from there on are not out of the ordinary
  // (noise around a few outliers) is not where anything began: the onset is sought in the window.
  if (plain.onset.index < nb && !tailShifted(plain, plain.onset.index, nb)) return report(withOnsetFrom(plain, nb, sustain), stats, nb);
  return report(plain, stats, nb);

  function report({ z, cross, onset }: Excursion, used: BaselineStats, samples: number): Anomaly {
    const dir = (z[cross] ?? 0) > 0 ? 1 : -1;
    let peak = 0;
    for (let i = Math.min(onset.index, nb); i < z.length; i++) if (dir * (z[i] as number) > peak) peak = dir * (z[i] as number);
    const crossPoint = pts[cross] as Point;
    const onsetT = (pts[onset.index] as Point).t;
    const trimmed = samples < nb;
    return {
      series: series.name,
      onset: onsetT,
      onset_shape: onset.shape,
      onset_before_window: onsetT < start,
      crossed_at: crossPoint.t,
      value: crossPoint.v,
      peak_z: Math.round(peak * 100) / 100,
      direction: dir > 0 ? 'up' : 'down',
      baseline_mean: used.mean,
      baseline_std: used.std,
      baseline_center: used.center,
      baseline_scale: used.scale,
      method,
      baseline_from_window: fromWindow,
      baseline_samples: samples,
      baseline_trimmed: trimmed,
      baseline_end: trimmed || fromWindow ? (pts[samples] as Point).t : start,
    };
  }
}

interface Detector {
  values: Float64Array;
  threshold: number;
  sustain: number;
}

interface Excursion {
  z: Float64Array;
  /** The levels a run had to pass, up and down (see limitsOf). */
  limits: Limits;
  /** Start of the sustained run that made it an excursion. */
  run: number;
  cross: number;
  onset: OnsetEstimate;
}

/**
 * The first sustained crossing at or after `from` against `ref`, and where its excursion began.
 * Samples [0, baseEnd) are the baseline whose own excursions set the limits.
 */
function findExcursion({ values, threshold, sustain }: Detector, ref: BaselineStats, from: number, floor: number, baseEnd: number): Excursion | null {
  const z = zScores(values, ref);
  const limits = limitsOf(z, baseEnd, threshold, sustain);
  const run = firstSustained(z, from, limits, sustain);
  if (run < 0) return null;
  const onset = estimateOnset(z, run, { floor, sustain });
  // A noise sample just beyond the threshold right before a step is not the crossing.
  return { z, limits, run, cross: Math.max(run, onset.index), onset };
}

/** Levels a sustained run must pass, above and below the baseline, in scale units. */
interface Limits {
  up: number;
  down: number;
}

/**
 * How far a run must go, each way: the threshold, or further than the baseline itself went for as
 * long (see beyond) when it did. A periodic job (a GC, a snapshot every five minutes) or
 * heavy-tailed noise crosses 3σ in the baseline hour as often as in the window: what the baseline
 * already did is the series' normal, not an anomaly. Noise that stays within the threshold leaves it
 * unchanged.
 */
function limitsOf(z: Float64Array, baseEnd: number, threshold: number, sustain: number): Limits {
  let up = -Infinity;
  let down = -Infinity;
  // The furthest level held for `sustain` samples in a row: the largest of the runs' smallest deviations.
  for (let i = 0; i + sustain <= baseEnd; i++) {
    let lowUp = Infinity;
    let lowDown = Infinity;
    for (let k = i; k < i + sustain; k++) {
      const zk = z[k] as number;
      if (zk < lowUp) lowUp = zk;
      if (-zk < lowDown) lowDown = -zk;
    }
    if (lowUp > up) up = lowUp;
    if (lowDown > down) down = lowDown;
  }
  return { up: Math.max(threshold, beyond(up)), down: Math.max(threshold, beyond(down)) };
}

/** The excursion with its onset sought from sample `floor` on. */
function withOnsetFrom(e: Excursion, floor: number, sustain: number): Excursion {
  const onset = estimateOnset(e.z, e.run, { floor, sustain });
  return { ...e, onset, cross: Math.max(e.run, onset.index) };
}

/**
 * Whether the baseline's samples from an onset on stand apart from those before it: most of them
 * at least a scale unit out, the excursion's way. A real excursion that began before the window
 * (a step, a leak's ramp) is there in most of its samples; heavy-tailed noise makes a few outliers
 * in a row now and then, around which an onset can be fitted, while the samples about them stay
 * normal (their median is the baseline's).
 */
function tailShifted({ z, cross }: Excursion, from: number, to: number): boolean {
  const dir = (z[cross] as number) > 0 ? 1 : -1;
  const tail = Float64Array.from(z.subarray(from, to), (v) => dir * v).sort();
  return tail.length > 0 && (tail[tail.length >> 1] as number) >= 1;
}

/**
 * How far a run must go to stand out from the baseline's own excursions that reached `level`: a
 * quarter further, and at least one scale unit (the noise on the top of a burst is a fraction of
 * its height, however many scale units that height is).
 */
const beyond = (level: number): number => level + Math.max(1, level / 4);

/** Start of the first run of `sustain` samples beyond the limit on one side, at or after `from`; -1 if none. */
function firstSustained(z: Float64Array, from: number, limits: Limits, sustain: number): number {
  let runStart = -1;
  for (let i = from; i < z.length; i++) {
    const zi = z[i] as number;
    if (zi > limits.up || -zi > limits.down) {
      if (runStart < 0 || Math.sign(zi) !== Math.sign(z[runStart] as number)) runStart = i;
      if (i - runStart + 1 >= sustain) return runStart;
    } else runStart = -1;
  }
  return -1;
}

function zScores(values: Float64Array, { center, scale }: BaselineStats): Float64Array {
  const z = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) z[i] = ((values[i] as number) - center) / scale;
  return z;
}

/** Runs the detector over many series; at most one anomaly each, earliest onset first. */
export function detectAnomalies(series: readonly SeriesInput[], opts: AnomalyOptions): Anomaly[] {
  const out: Anomaly[] = [];
  for (const s of series) {
    const a = detectAnomaly(s, opts);
    if (a) out.push(a);
  }
  return out.sort((a, b) => (a.onset < b.onset ? -1 : a.onset > b.onset ? 1 : a.series.localeCompare(b.series)));
}
