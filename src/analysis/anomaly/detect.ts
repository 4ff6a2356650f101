/**
 * Metric anomaly detection for the timeline, pure: each series is compared with a baseline taken
 * before the window, and yields at most one event, at the onset of its first sustained excursion.
 */

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
  /** Onset: where the excursion that crossed the threshold began (one-sided CUSUM start). */
  onset: bigint;
  /** First sample beyond the threshold. */
  crossed_at: bigint;
  /** Value at the crossing. */
  value: number;
  /** Largest deviation seen in the window, in baseline scale units. */
  peak_z: number;
  direction: 'up' | 'down';
  baseline_mean: number;
  baseline_std: number;
  method: 'sigma' | 'mad';
  /** Whether the baseline had to come from the start of the window for lack of earlier data. */
  baseline_from_window: boolean;
  baseline_samples: number;
}

const HOUR_NS = 3_600_000_000_000n;

function mean(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

function std(xs: number[], m: number): number {
  if (xs.length < 2) return 0;
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** Location and scale of a baseline; the scale never reaches zero, so a flat series that moves is still caught. */
export function baselineStats(values: number[], method: 'sigma' | 'mad'): { center: number; scale: number; mean: number; std: number } {
  const m = mean(values);
  const sd = std(values, m);
  let center = m;
  let scale = sd;
  if (method === 'mad') {
    center = median(values);
    scale = 1.4826 * median(values.map((x) => Math.abs(x - center)));
    if (scale === 0) scale = sd;
  }
  // A perfectly flat baseline has no spread; use a tiny fraction of its magnitude instead of zero.
  const floor = Math.max(Math.abs(center) * 1e-6, Number.MIN_VALUE * 1e10);
  return { center, scale: Math.max(scale, floor), mean: m, std: sd };
}

/**
 * Finds the first sustained excursion of one series beyond `threshold` scale units from its baseline.
 * @example detectAnomaly({ name: 'rss', points }, { start, end })?.onset
 */
export function detectAnomaly(series: SeriesInput, opts: AnomalyOptions): Anomaly | null {
  const { start, end, baseline = HOUR_NS, threshold = 3, method = 'sigma', sustain = 3, minBaseline = 10 } = opts;
  const pts = series.points.filter((p) => Number.isFinite(p.v));
  let base = pts.filter((p) => p.t >= start - baseline && p.t < start).map((p) => p.v);
  let window = pts.filter((p) => p.t >= start && p.t < end);
  let fromWindow = false;
  if (base.length < minBaseline) {
    // Not enough history before the window: learn the baseline from the window's first fifth.
    const n = Math.max(minBaseline, Math.floor(window.length / 5));
    if (window.length < n + sustain) return null;
    base = window.slice(0, n).map((p) => p.v);
    window = window.slice(n);
    fromWindow = true;
  }
  if (window.length < sustain) return null;
  const stats = baselineStats(base, method);
  const z = window.map((p) => (p.v - stats.center) / stats.scale);

  let runStart = -1;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i] ?? 0;
    const sameSide = runStart >= 0 && Math.sign(zi) === Math.sign(z[runStart] ?? 0);
    if (Math.abs(zi) > threshold) {
      if (runStart < 0 || !sameSide) runStart = i;
      if (i - runStart + 1 >= sustain) return build(runStart);
    } else runStart = -1;
  }
  return null;

  function build(cross: number): Anomaly {
    const dir = (z[cross] ?? 0) > 0 ? 1 : -1;
    // One-sided CUSUM (drift 1 scale unit) run forward to the crossing: the excursion began right
    // after the sum was last at zero, which places a slow ramp's onset well before its 3σ crossing.
    let onsetIdx = 0;
    let s = 0;
    for (let i = 0; i <= cross; i++) {
      s = Math.max(0, s + dir * (z[i] ?? 0) - 1);
      if (s === 0) onsetIdx = i + 1;
    }
    onsetIdx = Math.min(onsetIdx, cross);
    let peak = 0;
    for (const zi of z) if (dir * zi > peak) peak = dir * zi;
    const crossPoint = window[cross] as Point;
    return {
      series: series.name,
      onset: (window[onsetIdx] as Point).t,
      crossed_at: crossPoint.t,
      value: crossPoint.v,
      peak_z: Math.round(peak * 100) / 100,
      direction: dir > 0 ? 'up' : 'down',
      baseline_mean: stats.mean,
      baseline_std: stats.std,
      method,
      baseline_from_window: fromWindow,
      baseline_samples: base.length,
    };
  }
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
