/**
 * One entry for any metric text: picks the reader from the file name, else from the content, and
 * merges several inputs into one set of series.
 */
import { InputError } from '../../shared/errors.js';
import { parseWideCsv } from './csv.js';
import { parseExposition } from './exposition.js';
import { mergeSeries } from './merge.js';
import { parseQueryRange } from './query-range.js';
import type { MetricFileStats, MetricSeries, ParsedMetrics } from './types.js';

/** `exposition` covers both Prometheus text and OpenMetrics (told apart by `# EOF`). */
export type InputFormat = 'csv' | 'exposition' | 'query_range';

/**
 * Guesses the reader: by extension first (`.csv`/`.tsv`, `.json`, `.prom`/`.om`/`.metrics`), then by
 * content (JSON object, `# TYPE`/`# HELP` or `name{…} value` lines, otherwise CSV).
 * @example detectFormat('cpu.csv', '') === 'csv'
 */
export function detectFormat(name: string, text: string): InputFormat {
  const lower = name.toLowerCase();
  if (/\.(csv|tsv)$/.test(lower)) return 'csv';
  if (/\.json$/.test(lower)) return 'query_range';
  if (/\.(prom|om|metrics|openmetrics)$/.test(lower)) return 'exposition';
  const head = text.trimStart().slice(0, 4096);
  if (head.startsWith('{')) return 'query_range';
  const firstLine = head.split('\n', 1)[0] ?? '';
  if (/^#\s*(TYPE|HELP|UNIT|EOF)\b/m.test(head)) return 'exposition';
  if (/^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[^}]*\})?[ \t]+\S+/.test(firstLine) && !firstLine.includes(',')) return 'exposition';
  return 'csv';
}

export interface ParseMetricsOptions {
  source?: string;
  format?: InputFormat;
  /** For exposition samples without a timestamp (a single scrape). */
  defaultTime?: bigint;
}

/**
 * Parses one metric text in whatever format it is.
 * @example parseMetricsText('time,cpu\n1652565600,1\n', { source: 'a.csv' }).series.length === 1
 */
export function parseMetricsText(text: string, { source = 'input', format, defaultTime }: ParseMetricsOptions = {}): ParsedMetrics {
  const f = format ?? detectFormat(source, text);
  if (f === 'query_range') return parseQueryRange(text, { source });
  return parseMetricLines(text, f, { source, ...(defaultTime === undefined ? {} : { defaultTime }) });
}

/**
 * Parses a CSV or exposition text given as its lines (a file read as it goes: lines.ts).
 * @example parseMetricLines(fileLines('big.om'), 'exposition', { source: 'big.om' })
 */
export function parseMetricLines(lines: string | Iterable<string>, format: Exclude<InputFormat, 'query_range'>, { source = 'input', defaultTime }: Omit<ParseMetricsOptions, 'format'> = {}): ParsedMetrics {
  if (format === 'csv') return parseWideCsv(lines, { source });
  return parseExposition(lines, defaultTime === undefined ? { source } : { source, defaultTime });
}

/** A metric input: its text, or (CSV and exposition) its lines, read when parsed. */
export type MetricInput = { source: string; text: string; format?: InputFormat } | { source: string; lines: () => Iterable<string>; format: Exclude<InputFormat, 'query_range'> };

export interface MetricSet {
  series: MetricSeries[];
  files: MetricFileStats[];
  duplicatesDropped: number;
  conflicts: number;
}

/** The account of a file none of whose content could be read (a truncated JSON response). */
function unreadable(source: string, format: InputFormat, reason: string): ParsedMetrics {
  const stats: MetricFileStats = {
    source,
    format: format === 'exposition' ? 'prometheus' : format,
    rows: 0,
    values: 0,
    rejectedRows: 1,
    rejected: { unreadable: 1 },
    skipped: {},
    series: 0,
    issues: [{ line: 0, reason, text: '' }],
  };
  return { series: [], stats };
}

/**
 * Parses several inputs and merges the same series across them; with `tolerant`, an input that
 * cannot be read at all is counted as such in its statistics instead of failing the whole set.
 * @example parseMetricInputs([{ source: 'normal.csv', text: a }, { source: 'anomalous.csv', text: b }])
 */
export function parseMetricInputs(inputs: readonly MetricInput[], { tolerant = false }: { tolerant?: boolean } = {}): MetricSet {
  const parsed = inputs.map((i) => {
    try {
      if ('lines' in i) return parseMetricLines(i.lines(), i.format, { source: i.source });
      return parseMetricsText(i.text, i.format === undefined ? { source: i.source } : { source: i.source, format: i.format });
    } catch (err) {
      // Among many sources one unreadable file is reported with the others, not fatal to them all.
      if (!tolerant || !(err instanceof InputError)) throw err;
      return unreadable(i.source, i.format ?? detectFormat(i.source, 'text' in i ? i.text : ''), err.message);
    }
  });
  parsed.forEach((p, k) => {
    for (const s of p.series) s.sources = [(inputs[k] as { source: string }).source];
  });
  const merged = mergeSeries(parsed.map((p) => p.series));
  return { series: merged.series, files: parsed.map((p) => p.stats), duplicatesDropped: merged.duplicatesDropped, conflicts: merged.conflicts };
}
