/**
 * Metric evidence: readers for wide CSV, Prometheus/OpenMetrics exposition and query_range JSON,
 * producing timestamped series with an account of every refused row.
 */
export { parseWideCsv } from './csv.js';
export type { CsvOptions } from './csv.js';
export { parseExposition } from './exposition.js';
export type { ExpositionOptions } from './exposition.js';
export { parseQueryRange } from './query-range.js';
export type { QueryRangeOptions } from './query-range.js';
export { detectFormat, parseMetricInputs, parseMetricsText } from './parse.js';
export type { InputFormat, MetricSet, ParseMetricsOptions } from './parse.js';
export { isCounter } from './counters.js';
export { mergeSeries } from './merge.js';
export type { MergeResult } from './merge.js';
export { formatSelector, seriesKey, tryParseSelector } from './selector.js';
export type { Selector } from './selector.js';
export { epochUnit, parseTimeCell } from './timestamps.js';
export { readMetricFiles } from './files.js';
export type { MetricFileStats, MetricFormat, MetricIssue, MetricPoint, MetricSeries, ParsedMetrics, TimeUnit } from './types.js';
