/** Which series are counters: cumulative totals whose rate, not level, says how the system behaves. */
import type { MetricSeries } from './types.js';

// Prometheus' naming convention for cumulative series: counters end in _total; histograms and
// summaries expose _count, _sum and _bucket.
const COUNTER_NAME = /_(?:total|count|sum|bucket)$/;

/**
 * A counter by its declared type (`# TYPE x counter`, histogram parts), or, with no type, by a
 * counter's name when its samples only grow (a few drops are restarts). A declared gauge is a gauge.
 * @example isCounter({ name: 'reqs_total', metric: 'reqs_total', labels: {}, points: [{ t: 1n, v: 1 }, { t: 2n, v: 5 }] }) // true
 */
export function isCounter(s: MetricSeries): boolean {
  if (s.type !== undefined && s.type !== 'untyped' && s.type !== 'unknown') return s.type === 'counter';
  const name = s.metric || s.name.replace(/\{.*$/, '');
  if (!COUNTER_NAME.test(name)) return false;
  let drops = 0;
  for (let i = 1; i < s.points.length; i++) {
    const a = (s.points[i - 1] as { v: number }).v;
    const b = (s.points[i] as { v: number }).v;
    if (b < 0) return false;
    if (b < a) drops++;
  }
  return drops <= Math.max(2, s.points.length / 100);
}
