/**
 * Which samples are the baseline and which the anomaly, for a given onset. Normally the baseline is
 * everything before the onset; when the evidence holds (almost) nothing before it — a capture of the
 * healthy system saved after recovery, say — the anomalous period is the contiguous run of samples
 * from the onset, and the reference is what follows that run.
 */
import type { RankSeries } from './types.js';

export interface Windows {
  baseline?: { from?: bigint; to?: bigint };
  end?: bigint;
  /** How the windows were chosen, for the report. */
  note: 'before_onset' | 'after_anomalous_run';
}

/** A gap this many times the median sampling interval ends a contiguous run. */
const GAP_FACTOR = 10n;

/**
 * @example chooseWindows(series, onset, 3).note // 'before_onset'
 */
export function chooseWindows(series: readonly RankSeries[], onset: bigint, minBaseline: number): Windows {
  const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.t)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const before = times.filter((t) => t < onset).length;
  if (before >= minBaseline) return { note: 'before_onset' };
  const after = times.filter((t) => t >= onset);
  if (after.length < 3) return { note: 'before_onset' };
  const steps = after.slice(1).map((t, i) => t - (after[i] as bigint)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const median = steps[steps.length >> 1] ?? 0n;
  for (let i = 1; i < after.length; i++) {
    const prev = after[i - 1] as bigint;
    const t = after[i] as bigint;
    if (median > 0n && t - prev > GAP_FACTOR * median) {
      return { baseline: { from: t, to: (after[after.length - 1] as bigint) + 1n }, end: t, note: 'after_anomalous_run' };
    }
  }
  return { note: 'before_onset' };
}
