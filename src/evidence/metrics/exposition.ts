/**
 * Prometheus text exposition and OpenMetrics with timestamps, e.g. a series of scrapes saved to one
 * file. Prometheus text times are integer milliseconds, OpenMetrics times are (fractional) seconds.
 */
import { sortPoints } from './merge.js';
import { readValue } from './numbers.js';
import { formatSelector, readLabelSet, seriesKey } from './selector.js';
import { decimalToNs, epochUnit } from './timestamps.js';
import { textLines } from '../../shared/lines.js';
import { emptyStats, rejectRow, skipValue } from './types.js';
import type { MetricSeries, ParsedMetrics } from './types.js';

export interface ExpositionOptions {
  source?: string;
  /** `auto` reads OpenMetrics when the text has a `# EOF` line (mandatory there), else Prometheus text. */
  dialect?: 'auto' | 'prometheus' | 'openmetrics';
  /** Time given to samples without a timestamp; without it such samples are refused. */
  defaultTime?: bigint;
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const EOF_LINE = /^# EOF\s*$/;
// Samples of a metric family carry these suffixes; the family's # TYPE line names the base.
const SUFFIXES = ['_total', '_created', '_bucket', '_count', '_sum', '_gcount', '_gsum', '_info'] as const;

/**
 * Parses exposition text into series (one per metric name and label set, many samples each).
 * `# EOF` ends one scrape, not the file, so concatenated scrapes are read whole.
 * @example
 * const { series } = parseExposition('# TYPE up gauge\nup{job="api"} 1 1652565600000\n');
 * series[0] // → { name: 'up{job="api"}', metric: 'up', labels: { job: 'api' }, type: 'gauge', points: [...] }
 */
export function parseExposition(input: string | Iterable<string>, { source = 'input.prom', dialect = 'auto', defaultTime }: ExpositionOptions = {}): ParsedMetrics {
  // The dialect of an 'auto' text is known once an `# EOF` line is seen: it only names the format
  // and gives the time unit of a file whose samples carry no time.
  let open = dialect === 'openmetrics';
  const stats = emptyStats(source, 'prometheus');
  let firstTimed = true;
  const types = new Map<string, string>();
  const byKey = new Map<string, MetricSeries>();
  // The last series read, by the text its line began with.
  let last: { prefix: string; sample: Sample; series: MetricSeries } | null = null;
  let li = -1;
  for (const raw of typeof input === 'string' ? textLines(input) : input) {
    li++;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s+TYPE\s+(\S+)\s+(\S+)/.exec(line);
      if (m) types.set(unquote(m[1] ?? ''), (m[2] ?? '').toLowerCase());
      else if (dialect === 'auto' && EOF_LINE.test(line)) open = true;
      continue;
    }
    stats.rows++;
    // A file of many samples per series writes each series' name and labels the same way line after
    // line: a line that starts with the last one's (and a blank after it) is that series again.
    const same: boolean = last !== null && line.startsWith(last.prefix) && BLANK.test(line.charAt(last.prefix.length));
    const sample: Sample | string = same && last ? readTail(line, last.prefix.length, last.sample) : readSample(line);
    if (typeof sample === 'string') {
      rejectRow(stats, li + 1, sample, line);
      continue;
    }
    const value = readValue(sample.value);
    if (!value.ok && value.reason !== 'non_finite') {
      rejectRow(stats, li + 1, 'bad_value', line);
      continue;
    }
    let t: bigint | null | undefined = defaultTime;
    if (sample.time !== null) {
      // Prometheus text writes milliseconds and OpenMetrics seconds, but files written by hand or by
      // scripts mix them up: a present-day instant's magnitude tells the unit (1.7e9 s, 1.7e12 ms).
      const unit = epochUnit(Number(sample.time));
      if (firstTimed) {
        stats.timeUnit = unit;
        firstTimed = false;
      }
      t = decimalToNs(sample.time, unit);
      if (t === null) {
        rejectRow(stats, li + 1, 'bad_timestamp', line);
        continue;
      }
    } else if (t === undefined) {
      rejectRow(stats, li + 1, 'missing_timestamp', line);
      continue;
    }
    let series: MetricSeries | undefined = same ? last?.series : undefined;
    if (!series) {
      const key = seriesKey(sample.metric, sample.labels);
      series = byKey.get(key);
      if (!series) {
        series = { name: formatSelector(sample.metric, sample.labels), metric: sample.metric, labels: sample.labels, points: [] };
        const type = sampleType(sample.metric, sample.labels, types);
        if (type !== undefined) series.type = type;
        byKey.set(key, series);
      }
      last = { prefix: line.slice(0, sample.end), sample, series };
    }
    if (value.ok) {
      series.points.push({ t, v: value.value });
      stats.values++;
    } else {
      skipValue(stats, value.reason);
    }
  }
  stats.format = open ? 'openmetrics' : 'prometheus';
  if (firstTimed) stats.timeUnit = open ? 's' : 'ms';
  const series = [...byKey.values()];
  for (const s of series) sortPoints(s.points);
  stats.series = series.length;
  return { series, stats };
}

interface Sample {
  metric: string;
  labels: Record<string, string>;
  value: string;
  time: string | null;
  /** Where the name and labels end in the line. */
  end: number;
}

const BLANK = /^[ \t]$/;

/** A sample line's parts, or the reason it is refused. */
function readSample(line: string): Sample | string {
  let i = 0;
  let metric = '';
  const m = NAME.exec(line);
  if (m) {
    metric = m[0];
    i = metric.length;
  }
  let labels: Record<string, string> = {};
  if (line[i] === '{') {
    const set = readLabelSet(line, i);
    if (!set || (set.quotedName !== null && metric !== '')) return 'malformed_labels';
    labels = set.labels;
    metric = set.quotedName ?? metric;
    i = set.end;
  }
  if (metric === '') return 'malformed_line';
  return readTail(line, i, { metric, labels });
}

/** The value and time after a line's name and labels (which end at `i`), or the reason it is refused. */
function readTail(line: string, i: number, series: Pick<Sample, 'metric' | 'labels'>): Sample | string {
  // Value, optional timestamp, optional OpenMetrics exemplar after ' # '.
  const rest = line.slice(i);
  if (!/^[ \t]/.test(rest)) return 'malformed_line';
  const hash = rest.indexOf(' # ');
  const tokens = (hash >= 0 ? rest.slice(0, hash) : rest).trim().split(/[ \t]+/);
  if (tokens.length < 1 || tokens.length > 2 || tokens[0] === '') return 'malformed_line';
  return { metric: series.metric, labels: series.labels, value: tokens[0] ?? '', time: tokens[1] ?? null, end: i };
}

function sampleType(metric: string, labels: Record<string, string>, types: Map<string, string>): string | undefined {
  const direct = types.get(metric);
  if (direct !== undefined) return direct === 'summary' && 'quantile' in labels ? 'gauge' : direct;
  for (const suffix of SUFFIXES) {
    if (!metric.endsWith(suffix)) continue;
    const family = types.get(metric.slice(0, -suffix.length));
    if (family === undefined) continue;
    if (suffix === '_created') return undefined; // a start time, neither counter nor gauge
    if (family === 'counter') return 'counter';
    // Histogram and summary buckets, counts and sums accumulate; a gauge histogram's do not.
    if (family === 'histogram' || family === 'summary') return 'counter';
    return family === 'gaugehistogram' ? 'gauge' : family;
  }
  return undefined;
}

function unquote(name: string): string {
  return name.length >= 2 && name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}
