/**
 * One series per identity across files: a metric split over `normal.csv` and `anomalous.csv`, or
 * scraped twice, is merged by name and labels, sorted, and exact duplicate samples dropped.
 */
import { seriesKey } from './selector.js';
import type { MetricPoint, MetricSeries } from './types.js';

export interface MergeResult {
  series: MetricSeries[];
  /** Samples dropped because the same series had the same time and value already. */
  duplicatesDropped: number;
  /** Instants where one series has different values (all are kept, in input order). */
  conflicts: number;
}

/**
 * Merges series lists; a series keeps the name, labels and type of its first occurrence.
 * @example
 * mergeSeries([[a1], [a2, b]]).series.length === 2 // a1 and a2 share a name
 */
export function mergeSeries(lists: readonly (readonly MetricSeries[])[]): MergeResult {
  const byKey = new Map<string, MetricSeries>();
  for (const list of lists) {
    for (const s of list) {
      const key = seriesKey(s.metric, s.labels);
      const into = byKey.get(key);
      if (into) {
        for (const p of s.points) into.points.push(p);
        if (into.type === undefined && s.type !== undefined) into.type = s.type;
        if (s.nonNumeric) into.nonNumeric = (into.nonNumeric ?? 0) + s.nonNumeric;
        for (const src of s.sources ?? []) if (!into.sources?.includes(src)) (into.sources ??= []).push(src);
      } else {
        byKey.set(key, { ...s, labels: { ...s.labels }, points: [...s.points], ...(s.sources ? { sources: [...s.sources] } : {}) });
      }
    }
  }
  let duplicatesDropped = 0;
  let conflicts = 0;
  for (const s of byKey.values()) {
    sortPoints(s.points);
    const kept: MetricPoint[] = [];
    for (const p of s.points) {
      // Points at one instant are adjacent after the stable sort; scan back over them for an equal value.
      let dup = false;
      let sameTime = false;
      for (let i = kept.length - 1; i >= 0 && (kept[i] as MetricPoint).t === p.t; i--) {
        sameTime = true;
        if (Object.is((kept[i] as MetricPoint).v, p.v)) {
          dup = true;
          break;
        }
      }
      if (dup) duplicatesDropped++;
      else {
        if (sameTime) conflicts++;
        kept.push(p);
      }
    }
    s.points = kept;
  }
  return { series: [...byKey.values()], duplicatesDropped, conflicts };
}

/**
 * Sorts points by time (stable) unless already sorted, which one pass checks.
 * @example sortPoints(points) // in place
 */
export function sortPoints(points: MetricPoint[]): void {
  for (let i = 1; i < points.length; i++) {
    if ((points[i] as MetricPoint).t < (points[i - 1] as MetricPoint).t) {
      points.sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0));
      return;
    }
  }
}
