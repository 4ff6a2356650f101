/**
 * Input and output shapes of the root-cause ranker. The input is structural, so series from any
 * reader (CSV, exposition, query_range) fit without conversion.
 */

export interface RankPoint {
  /** Nanoseconds since the Unix epoch. */
  t: bigint;
  v: number;
}

export interface RankSeries {
  name: string;
  labels?: Readonly<Record<string, string>>;
  /** Ascending time; NaN and infinite values are ignored. */
  points: readonly RankPoint[];
  /** `counter` series are ranked on their per-second rate, not their running total. */
  type?: string;
  /** Cells of the input that held text instead of a number; a series made mostly of them is not ranked. */
  nonNumeric?: number;
}

/** `baro`: median and IQR of the baseline (BARO); `nsigma`: mean and standard deviation (N-Sigma). */
export type ScoreMethod = 'baro' | 'nsigma';

/** Which deviations count: increases (the reference BARO and N-Sigma), decreases, or both. */
export type Direction = 'up' | 'down' | 'both';

/** Where a series' scale came from; `pooled` and `constant` flag a baseline that never moved. */
export type ScaleSource = 'iqr' | 'std' | 'relative_floor' | 'pooled' | 'constant';

export interface RankedSeries {
  series: string;
  score: number;
  component: string;
  /** Baseline centre (median or mean) and scale the score divides by. */
  center: number;
  scale: number;
  scale_source: ScaleSource;
  /** Present when the series was ranked on its per-second rate (a counter), not its values. */
  rate?: true;
  /** The anomalous sample with the highest score. */
  peak: RankPoint | null;
}

export interface RankedComponent {
  component: string;
  /** Score of its highest-ranked series. */
  score: number;
  top_series: string;
  series_count: number;
  /**
   * `label:<key>` when taken from a label; without one, the part of the name: `name_prefix` (the
   * `<service>_<metric>` convention), `name_suffix` (`<metric>_<service>`) or `name_part` (another word).
   */
  grouped_by: string;
}

export interface OnsetEstimate {
  /** First instant of the anomalous period. */
  t: bigint;
  /** Credible interval of the onset at `level`. */
  lower: bigint;
  upper: bigint;
  level: number;
  /** Log Bayes factor of "one change" against "no change"; near or below 0 means no clear change. */
  log_bayes_factor: number;
  /** Series that took part (non-constant, enough points). */
  series_used: number;
  /** Series that clearly shifted at the joint change point. */
  series_changed: number;
  /** The shifted series whose own change came first (a hint, not a verdict, on where it started). */
  first_changed: string | null;
}

export interface RankResult {
  onset: { t: bigint; estimated: false } | ({ estimated: true } & OnsetEstimate);
  ranking: RankedSeries[];
  components: RankedComponent[];
  /** Series left out, with the reason (`no_baseline`, `no_anomalous`, `mostly_non_numeric`, …). */
  skipped: { series: string; reason: string }[];
}
