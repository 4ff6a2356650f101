/**
 * Turns an input series into the values the ranker compares: finite samples only, and counters as
 * per-second rates, because a running total grows through any window and would always look anomalous.
 */
import { counterRates } from '../anomaly/index.js';
import type { RankSeries } from './types.js';

export interface PreparedSeries {
  /** Ascending instants (ns). */
  t: bigint[];
  v: Float64Array;
}

/**
 * Finite samples of a series (NaN and ±Inf dropped); a `counter` becomes its rate, with a drop
 * read as a restart from zero, as Prometheus' rate() does.
 * @example prepareSeries({ name: 'x', type: 'counter', points: [{ t: 0n, v: 1 }, { t: 1_000_000_000n, v: 4 }] }).v // → [3]
 */
export function prepareSeries(s: RankSeries): PreparedSeries {
  const t: bigint[] = [];
  const values: number[] = [];
  for (const p of s.type === 'counter' ? counterRates(s.points) : s.points) {
    if (!Number.isFinite(p.v)) continue;
    t.push(p.t);
    values.push(p.v);
  }
  return { t, v: Float64Array.from(values) };
}

/**
 * Index of the first instant at or after `at` (binary search), i.e. the size of the part before it.
 * @example splitIndex([1n, 2n, 3n], 2n) === 1
 */
export function splitIndex(t: readonly bigint[], at: bigint): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((t[mid] as bigint) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
