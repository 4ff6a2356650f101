/**
 * A saved Prometheus HTTP API response (`/api/v1/query_range` matrix, or an instant `vector`):
 * each result becomes one series named by its labels. Times are float seconds, values strings.
 */
import { z } from 'zod';
import { InputError } from '../../shared/errors.js';
import { NS_PER_MS } from '../../shared/time.js';
import { sortPoints } from './merge.js';
import { readValue } from './numbers.js';
import { formatSelector } from './selector.js';
import { MAX_ISSUES, emptyStats, rejectRow, skipValue } from './types.js';
import type { MetricFileStats, MetricSeries, ParsedMetrics } from './types.js';

const Result = z.object({
  metric: z.record(z.string(), z.string()).default({}),
  values: z.array(z.unknown()).optional(),
  value: z.unknown().optional(),
});
const Response = z.object({
  status: z.string().optional(),
  error: z.string().optional(),
  errorType: z.string().optional(),
  warnings: z.array(z.string()).optional(),
  data: z.object({ resultType: z.string(), result: z.array(Result) }).optional(),
});

export interface QueryRangeOptions {
  source?: string;
}

/**
 * Parses a query_range (or query) JSON response. An error response or another result type
 * (scalar, string) is an InputError; a malformed `[t, "v"]` pair is counted and skipped.
 * @example
 * const json = '{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"api"},"values":[[1652565600,"1"]]}]}}';
 * parseQueryRange(json).series[0]?.name === 'up{job="api"}'
 */
export function parseQueryRange(text: string, { source = 'query_range.json' }: QueryRangeOptions = {}): ParsedMetrics {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${source}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = Response.safeParse(json);
  if (!parsed.success) {
    throw new InputError(`${source}: not a Prometheus API response`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const res = parsed.data;
  if (res.status !== undefined && res.status !== 'success') {
    throw new InputError(`${source}: Prometheus returned ${res.status}${res.errorType ? ` (${res.errorType})` : ''}: ${res.error ?? 'no message'}`);
  }
  if (!res.data) throw new InputError(`${source}: response has no data`);
  const { resultType, result } = res.data;
  if (resultType !== 'matrix' && resultType !== 'vector') {
    throw new InputError(`${source}: result type "${resultType}" holds no series; expected matrix or vector`);
  }
  const stats = emptyStats(source, 'query_range');
  stats.timeUnit = 's';
  for (const w of res.warnings ?? []) noteWarning(stats, w);
  const series: MetricSeries[] = [];
  result.forEach((r, ri) => {
    const { __name__: metric = '', ...labels } = r.metric;
    const s: MetricSeries = { name: formatSelector(metric, labels), metric, labels, points: [] };
    const pairs = r.values ?? (r.value === undefined ? [] : [r.value]);
    for (const pair of pairs) {
      stats.rows++;
      if (!Array.isArray(pair) || pair.length !== 2) {
        rejectRow(stats, ri + 1, 'bad_pair', JSON.stringify(pair) ?? '');
        continue;
      }
      const [ts, val] = pair as [unknown, unknown];
      const tsNum = typeof ts === 'number' ? ts : typeof ts === 'string' ? Number(ts) : NaN;
      if (!Number.isFinite(tsNum)) {
        rejectRow(stats, ri + 1, 'bad_timestamp', JSON.stringify(pair));
        continue;
      }
      const read = typeof val === 'string' || typeof val === 'number' ? readValue(String(val)) : null;
      if (!read || (!read.ok && read.reason !== 'non_finite')) {
        rejectRow(stats, ri + 1, 'bad_value', JSON.stringify(pair));
        continue;
      }
      if (!read.ok) {
        skipValue(stats, read.reason);
        continue;
      }
      // Prometheus times have millisecond resolution; rounding to it undoes float noise in the JSON.
      s.points.push({ t: BigInt(Math.round(tsNum * 1000)) * NS_PER_MS, v: read.value });
      stats.values++;
    }
    sortPoints(s.points);
    series.push(s);
  });
  stats.series = series.length;
  return { series, stats };
}

/** Prometheus warnings (e.g. partial results) are shown with the issues; they refuse nothing. */
function noteWarning(stats: MetricFileStats, warning: string): void {
  if (stats.issues.length < MAX_ISSUES) stats.issues.push({ line: 0, reason: 'warning', text: warning });
}
