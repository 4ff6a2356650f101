/**
 * Wide metric CSV: the first column is the time, every other column one series whose header may be a
 * selector `name{label="v"}`. Pure: text in, series and an account of refused rows and cells out.
 */
import { splitRow, detectDelimiter } from './csv-row.js';
import { sortPoints } from './merge.js';
import { readValue } from './numbers.js';
import { seriesKey, tryParseSelector } from './selector.js';
import { parseTimeCell } from './timestamps.js';
import { InputError } from '../../shared/errors.js';
import { textLines } from '../../shared/lines.js';
import { emptyStats, rejectRow, skipValue } from './types.js';
import type { MetricPoint, MetricSeries, ParsedMetrics, TimeUnit } from './types.js';

export interface CsvOptions {
  /** Name reported in the stats (usually the file path). */
  source?: string;
}

/**
 * Parses a wide CSV (comma, semicolon or tab separated; RFC 4180 quoting; selectors may hold
 * unquoted commas inside their braces). Time is RFC 3339 or epoch s/ms/µs/ns, the unit judged once
 * per file from the first numeric time. A first column neither named as a time (time, timestamp,
 * ts…) nor holding instants in most of its first rows is refused (InputError naming it).
 * @example
 * const { series } = parseWideCsv('time,cpu{pod="a"}\n1652565600,0.5\n');
 * series[0] // → { name: 'cpu{pod="a"}', metric: 'cpu', labels: { pod: 'a' }, points: [{ t: 1652565600000000000n, v: 0.5 }] }
 */
export function parseWideCsv(input: string | Iterable<string>, { source = 'input.csv' }: CsvOptions = {}): ParsedMetrics {
  const stats = emptyStats(source, 'csv');
  const lines = (typeof input === 'string' ? textLines(input) : input)[Symbol.iterator]();
  let li = 0;
  let next = lines.next();
  while (!next.done && next.value.trim() === '') {
    li++;
    next = lines.next();
  }
  const headerLine = stripCr(next.done ? '' : next.value);
  li++;
  const delimiter = detectDelimiter(headerLine);
  const header = splitRow(headerLine, delimiter).map((h) => h.trim());
  // The rows that judge the time column are read ahead, then read as rows like the others.
  const ahead: string[] = [];
  while (ahead.length < TIME_SAMPLE * 2) {
    const r = lines.next();
    if (r.done) break;
    ahead.push(r.value);
  }
  checkTimeColumn(header[0] ?? '', ahead, delimiter, source);
  const columns = header.slice(1).map((name) => columnSeries(name));
  // Columns repeating a series (same name, or labels in another order) feed one series.
  const byKey = new Map<string, MetricSeries>();
  const owner: MetricSeries[] = columns.map((c) => {
    const key = seriesKey(c.metric, c.labels);
    let s = byKey.get(key);
    if (!s) {
      s = c;
      byKey.set(key, s);
    }
    return s;
  });
  const target: MetricPoint[][] = owner.map((s) => s.points);

  let unit: Exclude<TimeUnit, 'rfc3339'> | undefined;
  const rows = function* (): Generator<string> {
    yield* ahead;
    for (let r = lines.next(); !r.done; r = lines.next()) yield r.value;
  };
  for (const line of rows()) {
    li++;
    const raw = stripCr(line);
    if (raw.trim() === '') continue;
    stats.rows++;
    const cells = splitRow(raw, delimiter);
    if (cells.length > header.length && cells.slice(header.length).some((c) => c.trim() !== '')) {
      rejectRow(stats, li, 'too_many_cells', raw);
      continue;
    }
    const timeText = cells[0] ?? '';
    const time = parseTimeCell(timeText, unit);
    if (!time) {
      rejectRow(stats, li, timeText.trim() === '' ? 'missing_timestamp' : 'bad_timestamp', raw);
      continue;
    }
    if (time.unit !== 'rfc3339') unit ??= time.unit;
    stats.timeUnit ??= time.unit;
    for (let j = 0; j < columns.length; j++) {
      const read = readValue(cells[j + 1] ?? '');
      if (read.ok) {
        target[j]?.push({ t: time.ns, v: read.value });
        stats.values++;
      } else {
        skipValue(stats, read.reason);
        // Counted per series too, so a mostly-text column is reported as such rather than as short of data.
        const s = owner[j];
        if (read.reason === 'non_numeric' && s) s.nonNumeric = (s.nonNumeric ?? 0) + 1;
      }
    }
  }
  const series = [...byKey.values()];
  for (const s of series) sortPoints(s.points);
  stats.series = series.length;
  return { series, stats };
}

/** Names that declare the first column a time (first word, any case): `time`, `Timestamp (UTC)`, `ts_ms`, `@timestamp`. */
const TIME_NAMES = new Set(['time', 'timestamp', 'ts', 'date', 'datetime', 'epoch']);
/** Rows sampled to judge a first column whose name does not say it is a time. */
const TIME_SAMPLE = 20;
/**
 * Earliest plausible instant of a metric sample: 1973-03-03 (1e8 s), where epochUnit's magnitude
 * rules start to hold. A column of 0.2, 17 or 3000 read as seconds lands in January 1970: a metric
 * column, not a clock.
 */
const PLAUSIBLE_FROM_NS = 100_000_000n * 1_000_000_000n;

/**
 * Refuses a file whose first column is not the time: neither named as one nor holding instants in
 * most sampled rows. Without it, a CSV missing its time column (`cpu,mem`) had its first metric read
 * as seconds since 1970 and ranked on that nonsense clock without a word.
 */
function checkTimeColumn(name: string, rows: readonly string[], delimiter: string, source: string): void {
  const firstWord = name.toLowerCase().split(/[^a-z0-9]+/).find((w) => w !== '') ?? '';
  if (TIME_NAMES.has(firstWord)) return;
  const cells = rows.map((r) => stripCr(r)).filter((r) => r.trim() !== '').slice(0, TIME_SAMPLE).map((r) => (splitRow(r, delimiter)[0] ?? '').trim());
  if (cells.length === 0) return;
  const plausible = cells.filter((c) => {
    const t = parseTimeCell(c);
    return t !== null && (t.unit === 'rfc3339' || t.ns >= PLAUSIBLE_FROM_NS);
  }).length;
  if (plausible * 2 > cells.length) return;
  const example = cells.find((c) => c !== '') ?? '';
  throw new InputError(
    `${source}: first column "${name}" is not a time column: the first column must be the time, named time, timestamp or ts, ` +
      `in RFC 3339 or epoch s/ms/µs/ns (its values, e.g. "${example}", are not instants)`,
  );
}

function columnSeries(name: string): MetricSeries {
  const sel = tryParseSelector(name);
  return sel ? { name, metric: sel.metric, labels: sel.labels, points: [] } : { name, metric: name, labels: {}, points: [] };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
