/**
 * The report of a metric root-cause ranking as `pfa rca rank --json`, `POST /analysis/rank` and the
 * suggestions all give it: windows chosen around the onset, the ranking, instants as RFC 3339 strings.
 */
import { isCounter, type MetricFileStats, type MetricSeries, type MetricSet } from '../../evidence/metrics/index.js';
import { InputError } from '../../shared/errors.js';
import { formatTimestamp, parseInstant } from '../../shared/time.js';
import { rankRootCauses } from './rank.js';
import type { Direction, RankedComponent, RankedSeries, ScoreMethod } from './types.js';
import { chooseWindows, type Windows } from './windows.js';

/** Fewest samples before the onset for a series to be scored against them. */
export const MIN_BASELINE = 3;

export type OnsetJson =
  | { t: string; estimated: false }
  | {
      estimated: true;
      t: string;
      lower: string;
      upper: string;
      level: number;
      log_bayes_factor: number;
      series_used: number;
      series_changed: number;
      first_changed: string | null;
    };

export interface RankReport {
  onset: OnsetJson;
  /** How the baseline was chosen (see rank/windows.ts). */
  baseline: Windows['note'];
  ranking: (Omit<RankedSeries, 'peak'> & { peak: { t: string; v: number } | null })[];
  components: RankedComponent[];
  skipped: { series: string; reason: string }[];
  files: MetricFileStats[];
}

export interface RankReportOptions {
  /** Onset in ns, or `auto` to estimate it from the data. */
  onset: bigint | 'auto';
  method?: ScoreMethod;
  direction?: Direction;
}

/**
 * Reads a user's onset: `auto`, RFC 3339, or an epoch number in s, ms, µs or ns.
 * @example parseOnset('1652812675') === 1652812675000000000n
 */
export function parseOnset(input: string): bigint | 'auto' {
  const s = input.trim();
  if (s.toLowerCase() === 'auto') return 'auto';
  return parseInstant(s).ns;
}

/**
 * Ranks a set of metric series around an onset and shapes the JSON report.
 * @example rankReport(await readMetricFiles(['normal.csv', 'anomalous.csv']), { onset: 'auto' }).components[0]?.component
 */
export function rankReport(input: MetricSet, { onset, method = 'baro', direction = 'up' }: RankReportOptions): RankReport {
  if (input.series.length === 0) throw new InputError('no metric series found in the input');
  if (onset !== 'auto') checkOnset(input.series, onset);
  // A counter known by its name only (CSV, untyped exposition) is ranked by its rate as a declared one is.
  const series = input.series.map((s) => (s.type !== 'counter' && isCounter(s) ? { ...s, type: 'counter' } : s));
  const windows: Windows = onset === 'auto' ? { note: 'before_onset' } : chooseWindows(series, onset, MIN_BASELINE);
  const result = rankRootCauses(series, {
    onset,
    method,
    direction,
    minBaseline: MIN_BASELINE,
    ...(windows.baseline ? { baseline: windows.baseline } : {}),
    ...(windows.end !== undefined ? { end: windows.end } : {}),
  });
  const ts = (t: bigint) => formatTimestamp(t, 9);
  const onsetOut: OnsetJson = result.onset.estimated
    ? { ...result.onset, t: ts(result.onset.t), lower: ts(result.onset.lower), upper: ts(result.onset.upper) }
    : { t: ts(result.onset.t), estimated: false };
  const report: RankReport = {
    onset: onsetOut,
    baseline: windows.note,
    ranking: result.ranking.map((r) => ({ ...r, peak: r.peak ? { t: ts(r.peak.t), v: r.peak.v } : null })),
    components: result.components,
    skipped: result.skipped,
    files: input.files,
  };
  checkRanked(report);
  return report;
}

/**
 * An onset further before the first sample than this many sampling intervals is not the start of
 * the data's anomalous run but a mistake (wrong date, wrong epoch unit): the same gap that ends a
 * contiguous run in windows.ts.
 */
const LEAD_INTERVALS = 10n;

/**
 * Refuses a given onset that the data cannot be ranked around: after the last sample (nothing is
 * anomalous) or long before the first (nothing is a baseline, and the run after it is not an anomaly).
 * @example checkOnset(series, parseInstant('2030-01-01T00:00:00Z').ns) // throws: the onset is after the data
 */
export function checkOnset(series: readonly Pick<MetricSeries, 'points'>[], onset: bigint): void {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const first = times[0];
  const last = times[times.length - 1];
  if (first === undefined || last === undefined) return;
  const range = () => `the data runs from ${formatTimestamp(first, 0)} to ${formatTimestamp(last, 0)}`;
  const shown = formatTimestamp(onset, 0);
  if (onset > last) throw new InputError(`onset ${shown} is after the data: ${range()}`);
  const steps = times.slice(1).map((t, i) => t - (times[i] as bigint)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const step = steps[steps.length >> 1] ?? 0n;
  if (onset < first - LEAD_INTERVALS * step) throw new InputError(`onset ${shown} is before the data: ${range()}`);
}

/** No series could be scored: say why in one line rather than print empty tables. */
function checkRanked(out: RankReport): void {
  if (out.ranking.length > 0 || out.skipped.length === 0) return;
  const reasons = [...new Set(out.skipped.map((s) => s.reason))].join(', ');
  throw new InputError(`no series could be ranked around the onset ${out.onset.t}: all ${out.skipped.length} skipped (${reasons})`);
}
