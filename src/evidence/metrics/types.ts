/**
 * Shapes shared by the metric readers: a series of timestamped samples and the per-file account of
 * what was read and what was refused, so nothing is dropped silently.
 */

export interface MetricPoint {
  /** Nanoseconds since the Unix epoch. */
  t: bigint;
  v: number;
}

export interface MetricSeries {
  /** The series as named in the input (CSV header, exposition selector, or built from query_range labels). */
  name: string;
  /** Metric name without labels; empty when the input gave labels only. */
  metric: string;
  labels: Record<string, string>;
  /** Sorted by time. */
  points: MetricPoint[];
  /** Exposition `# TYPE` when known (`counter`, `gauge`, …); cumulative samples of histograms count as `counter`. */
  type?: string;
  /** The inputs the samples came from (one series may span several files). */
  sources?: string[];
  /** Cells of this series that held text, not a number (CSV): a column of words is not a metric. */
  nonNumeric?: number;
}

export type MetricFormat = 'csv' | 'prometheus' | 'openmetrics' | 'query_range';

/** How the timestamps of a file were read. */
export type TimeUnit = 'rfc3339' | 's' | 'ms' | 'us' | 'ns';

export interface MetricIssue {
  /** 1-based line (CSV, exposition) or result/pair position (JSON). */
  line: number;
  reason: string;
  text: string;
}

export interface MetricFileStats {
  source: string;
  format: MetricFormat;
  /** Data rows (CSV), sample lines (exposition) or `[t, v]` pairs (JSON) read. */
  rows: number;
  /** Values kept. */
  values: number;
  rejectedRows: number;
  /** Rows refused, by reason (`bad_timestamp`, `malformed_line`, …). */
  rejected: Record<string, number>;
  /** Cells or values skipped inside accepted rows, by reason (`empty`, `non_numeric`, `non_finite`). */
  skipped: Record<string, number>;
  series: number;
  timeUnit?: TimeUnit;
  /** The first few problems with their text, to show the user what was refused. */
  issues: MetricIssue[];
}

export interface ParsedMetrics {
  series: MetricSeries[];
  stats: MetricFileStats;
}

/** How many example issues a file keeps: enough to diagnose, bounded for huge bad files. */
export const MAX_ISSUES = 20;

/** Starts an empty stats record. */
export function emptyStats(source: string, format: MetricFormat): MetricFileStats {
  return { source, format, rows: 0, values: 0, rejectedRows: 0, rejected: {}, skipped: {}, series: 0, issues: [] };
}

/** Counts a refused row and keeps it as an example while there is room. */
export function rejectRow(stats: MetricFileStats, line: number, reason: string, text: string): void {
  stats.rejectedRows++;
  stats.rejected[reason] = (stats.rejected[reason] ?? 0) + 1;
  if (stats.issues.length < MAX_ISSUES) stats.issues.push({ line, reason, text: text.length > 200 ? `${text.slice(0, 200)}…` : text });
}

/** Counts a skipped cell or value. */
export function skipValue(stats: MetricFileStats, reason: string, n = 1): void {
  stats.skipped[reason] = (stats.skipped[reason] ?? 0) + n;
}

