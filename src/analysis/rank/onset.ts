/**
 * Estimates when an incident began from all series at once: an offline Bayesian single change point
 * on rank-normalised series (after Lung-Yut-Fong et al.'s rank statistics for multivariate change
 * points), giving a posterior over the onset and so a credible interval.
 */
import { prepareSeries } from './prepare.js';
import { normalScores } from './stats.js';
import type { OnsetEstimate, RankSeries } from './types.js';

export interface OnsetOptions {
  /** Shortest segment on either side, as a fraction of the window's instants (edge splits are unstable). */
  minSegment?: number;
  /** Mass of the credible interval. */
  level?: number;
}

/**
 * Weighted log-likelihood ratio a series needs at the joint change point to count as taking part,
 * beyond ln(series): under no change each series exceeds ln(m) + c with probability ≈ e^-c / m, so
 * the chance that any unchanged series passes stays near e^-5 ≈ 0.7 % whatever the number of series.
 */
const PARTICIPATION = 5;

/** Posterior probability with which a series must have changed before the joint point to move the onset. */
const EARLIER_CONFIDENCE = 0.95;

interface Track {
  name: string;
  /** Instants relative to the window start, as exact doubles (< 2^53 ns ≈ 104 days). */
  rel: Float64Array;
  /** Prefix sums of centred normal scores. */
  prefix: Float64Array;
  z: Float64Array;
  variance: number;
  /** Share of the series' samples that count as independent (AR(1) correction). */
  weight: number;
}

/**
 * Finds the most probable single onset. Each series is replaced by normal scores of its ranks (unit-
 * and outlier-free); for every candidate instant a mean-shift log-likelihood ratio is summed over the
 * series, each weighted by its effective sample fraction (1 − ρ)/(1 + ρ) so that smooth, strongly
 * autocorrelated series do not make the posterior falsely sharp. Returns null when no series varies
 * or the window is too short.
 * @example const onset = detectOnset(series); // → { t, lower, upper, level: 0.9, log_bayes_factor, series_used }
 */
export function detectOnset(series: readonly RankSeries[], { minSegment = 0.02, level = 0.9 }: OnsetOptions = {}): OnsetEstimate | null {
  const prepared = series.map((s) => ({ name: s.name, ...prepareSeries(s) })).filter((p) => p.t.length >= 4);
  if (prepared.length === 0) return null;
  let t0 = prepared[0]?.t[0] as bigint;
  for (const p of prepared) if ((p.t[0] as bigint) < t0) t0 = p.t[0] as bigint;

  const tracks: Track[] = [];
  const all = new Float64Array(prepared.reduce((n, p) => n + p.t.length, 0));
  let filled = 0;
  for (const p of prepared) {
    const z = normalScores(p.v);
    let mean = 0;
    for (const x of z) mean += x;
    mean /= z.length;
    let variance = 0;
    for (let i = 0; i < z.length; i++) {
      const c = (z[i] as number) - mean;
      z[i] = c;
      variance += c * c;
    }
    variance /= z.length;
    if (!(variance > 1e-12)) continue; // flat: says nothing about when
    const prefix = new Float64Array(z.length + 1);
    for (let i = 0; i < z.length; i++) prefix[i + 1] = (prefix[i] as number) + (z[i] as number);
    const rel = Float64Array.from(p.t, (t) => Number(t - t0));
    all.set(rel, filled);
    filled += rel.length;
    tracks.push({ name: p.name, rel, prefix, z, variance, weight: 1 });
  }
  if (tracks.length === 0) return null;

  const grid = uniqueSorted(all.subarray(0, filled));
  const firstCandidate = Math.max(1, Math.ceil(minSegment * grid.length));
  const last = grid.length - firstCandidate;
  if (last < firstCandidate) return null;

  // Unweighted first pass locates the change; the AR(1) weights are then measured around it.
  let logPost = profile(tracks, grid, firstCandidate, last);
  let best = argmax(logPost);
  for (let iter = 0; iter < 3; iter++) {
    for (const tr of tracks) tr.weight = effectiveFraction(tr, grid[firstCandidate + best] as number);
    logPost = profile(tracks, grid, firstCandidate, last);
    const next = argmax(logPost);
    if (next === best) break;
    best = next;
  }

  // The joint change point sits where most series changed; propagation makes many of them change
  // after the root cause did, so the onset moves to the earliest own change point of a series that
  // clearly takes part in the joint change, when that series' own posterior puts its change before
  // the joint point with high probability (noise alone moves a series' best split a few samples
  // either way, which leaves that probability near one half).
  let earlier: { at: number; profile: Float64Array } | null = null;
  let changed = 0;
  let firstChanged: Track | null = null;
  let firstChangedAt = Infinity;
  const threshold = PARTICIPATION + Math.log(tracks.length);
  for (const tr of tracks) {
    const own = profile([tr], grid, firstCandidate, last);
    const evidence = own[best] as number;
    if (evidence < threshold) continue;
    changed++;
    const at = argmax(own);
    if (at < firstChangedAt) {
      firstChangedAt = at;
      firstChanged = tr;
    }
    if (at >= best || massBefore(own, best) < EARLIER_CONFIDENCE) continue;
    if (!earlier || at < earlier.at) earlier = { at, profile: own };
  }
  // The interval is that of the series which set the onset, or the joint one, tempered by the
  // profile's overdispersion (see dispersion) so that drift or shared load does not make it falsely narrow.
  const estimate = earlier ? earlier.at : best;
  const phi = dispersion(logPost, tracks.length);
  const chosen = earlier ? earlier.profile : logPost;
  const { lo, hi } = credible(Float64Array.from(chosen, (x) => x / phi), level, estimate);
  const evidence = logMeanExp(evidenceProfile(tracks, grid, firstCandidate, last));
  const at = (i: number): bigint => t0 + BigInt(grid[firstCandidate + i] as number);
  return {
    t: at(estimate),
    lower: at(lo),
    upper: at(hi),
    level,
    log_bayes_factor: evidence,
    series_used: tracks.length,
    series_changed: changed,
    first_changed: firstChanged ? firstChanged.name : null,
  };
}

/**
 * Log marginal likelihood ratio, per candidate, of "a change here" against "no change", for the
 * evidence figure. Unlike the profile used to locate the change it integrates each series' shift
 * over a prior (spike and slab: the series shifts with probability 1/2, by N(0, 1) in normal-score
 * units), so series that did not move cost a little instead of adding chance fit.
 */
function evidenceProfile(tracks: readonly Track[], grid: Float64Array, first: number, last: number): Float64Array {
  const out = new Float64Array(last - first + 1);
  for (const tr of tracks) {
    const n = tr.z.length;
    let k = 0;
    for (let u = first; u <= last; u++) {
      const g = grid[u] as number;
      while (k < n && (tr.rel[k] as number) < g) k++;
      let slab = 0; // log BF of "shifted" for this series; 0 when it has no samples on one side
      if (k > 0 && k < n) {
        const m = (tr.weight * k * (n - k)) / n;
        const c = tr.prefix[k] as number;
        const llr = (tr.weight * c * c) / ((k * (n - k)) / n) / tr.variance / 2;
        slab = (llr * m) / (1 + m) - 0.5 * Math.log1p(m);
      }
      // log(½ + ½·e^slab), computed without overflow.
      const mixed = slab > 0 ? slab + Math.log1p(Math.exp(-slab)) - Math.LN2 : Math.log1p(Math.exp(slab)) - Math.LN2;
      out[u - first] = (out[u - first] as number) + mixed;
    }
  }
  return out;
}

function logMeanExp(a: Float64Array): number {
  let max = -Infinity;
  for (const x of a) if (x > max) max = x;
  let total = 0;
  for (const x of a) total += Math.exp(x - max);
  return max + Math.log(total / a.length);
}

/**
 * Quasi-likelihood dispersion of the joint profile. Under the model (independent series, AR(1) noise,
 * one mean shift) each series' weighted log-likelihood ratio at a split away from the change is about
 * χ²₁/2, so the joint profile sits near m/2 at most candidates. Slow drift, smooth oscillations and
 * load shared by many series lift it everywhere; the factor by which its median exceeds m/2 is how
 * much the profile over-counts, and dividing by it (as quasi-Poisson models divide by φ) widens the
 * interval instead of leaving it narrow and wrong. A strong real shift lifts the median too, which
 * only widens its interval a little: it stays around a sharp peak.
 */
function dispersion(logPost: Float64Array, series: number): number {
  const sorted = Float64Array.from(logPost).sort();
  const median = sorted[(sorted.length - 1) >> 1] as number;
  return Math.max(1, median / (series / 2));
}

/** Share of exp(logDensity) strictly before index `at`. */
function massBefore(logDensity: Float64Array, at: number): number {
  let max = -Infinity;
  for (const x of logDensity) if (x > max) max = x;
  let before = 0;
  let total = 0;
  for (let i = 0; i < logDensity.length; i++) {
    const m = Math.exp((logDensity[i] as number) - max);
    total += m;
    if (i < at) before += m;
  }
  return before / total;
}

/** Central credible interval of exp(logDensity) at `level`, widened to contain `mode`. */
function credible(logDensity: Float64Array, level: number, mode: number): { lo: number; hi: number } {
  let max = -Infinity;
  for (const x of logDensity) if (x > max) max = x;
  const mass = Float64Array.from(logDensity, (x) => Math.exp(x - max));
  let total = 0;
  for (const m of mass) total += m;
  const tail = (1 - level) / 2;
  let cum = 0;
  let lo = -1;
  let hi = mass.length - 1;
  for (let i = 0; i < mass.length; i++) {
    cum += (mass[i] as number) / total;
    if (lo < 0 && cum >= tail) lo = i;
    if (cum >= 1 - tail) {
      hi = i;
      break;
    }
  }
  return { lo: Math.min(Math.max(lo, 0), mode), hi: Math.max(hi, mode) };
}

/** Weighted log-likelihood ratio of a mean shift at each candidate grid[first..last], summed over tracks. */
function profile(tracks: readonly Track[], grid: Float64Array, first: number, last: number): Float64Array {
  const out = new Float64Array(last - first + 1);
  for (const tr of tracks) {
    const n = tr.z.length;
    let k = 0;
    for (let u = first; u <= last; u++) {
      const g = grid[u] as number;
      while (k < n && (tr.rel[k] as number) < g) k++;
      if (k === 0 || k === n) continue;
      const c = tr.prefix[k] as number;
      out[u - first] = (out[u - first] as number) + (tr.weight * c * c) / ((k * (n - k)) / n) / tr.variance / 2;
    }
  }
  return out;
}

/** (1 − ρ)/(1 + ρ) from the lag-1 autocorrelation of the residuals around a split at `at`. */
function effectiveFraction(tr: Track, at: number): number {
  const n = tr.z.length;
  let k = 0;
  while (k < n && (tr.rel[k] as number) < at) k++;
  const left = k > 0 ? (tr.prefix[k] as number) / k : 0;
  const right = k < n ? ((tr.prefix[n] as number) - (tr.prefix[k] as number)) / (n - k) : 0;
  let num = 0;
  let den = 0;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const r = (tr.z[i] as number) - (i < k ? left : right);
    den += r * r;
    if (i > 0) num += r * prev;
    prev = r;
  }
  const rho = den > 0 ? Math.max(0, num / den) : 0;
  return Math.min(1, Math.max(1 / n, (1 - rho) / (1 + rho)));
}

function uniqueSorted(values: Float64Array): Float64Array {
  const sorted = values.sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] as number;
  return sorted.subarray(0, n);
}

function argmax(a: Float64Array): number {
  let best = 0;
  for (let i = 1; i < a.length; i++) if ((a[i] as number) > (a[best] as number)) best = i;
  return best;
}
