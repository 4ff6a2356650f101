/**
 * Ranks series and components by how likely each is the root cause of an incident that began at an
 * onset (given, or estimated from the data): baseline = samples before the onset, anomalous = from it.
 */
import { InputError } from '../../shared/errors.js';
import { componentResolver } from './component.js';
import type { ComponentOptions } from './component.js';
import { detectOnset } from './onset.js';
import type { OnsetOptions } from './onset.js';
import { prepareSeries, splitIndex } from './prepare.js';
import { scoreAnomaly } from './score.js';
import type { ScoreOptions } from './score.js';
import type { RankedComponent, RankedSeries, RankResult, RankSeries } from './types.js';

export interface RankOptions extends ScoreOptions {
  /** First instant of the incident (ns), or `auto` to estimate it. */
  onset: bigint | 'auto';
  /**
   * Reference window [from, to) when it is not simply "everything before the onset", e.g. the same
   * hour yesterday, or a capture that was saved apart from the incident. Defaults: from the first
   * sample, to the onset.
   */
  baseline?: { from?: bigint; to?: bigint };
  /** End (exclusive) of the anomalous period; default: the last sample. */
  end?: bigint;
  /** Fewest baseline samples a series needs to be scored. */
  minBaseline?: number;
  components?: ComponentOptions;
  onsetOptions?: OnsetOptions;
}

/**
 * Scores every series (see scoreAnomaly), then groups them into components, each scored by its best
 * series. Both lists are best first; ties break by name so the output is stable.
 * @example
 * const r = rankRootCauses(series, { onset: 1652812675_000000000n });
 * r.components[0] // → { component: 'carts', top_series: 'carts_cpu', score: …, series_count: 3, grouped_by: 'name_prefix' }
 */
export function rankRootCauses(series: readonly RankSeries[], options: RankOptions): RankResult {
  const { onset, baseline = {}, end, minBaseline = 3, components: componentOptions = {}, onsetOptions = {}, ...scoreOptions } = options;
  let at: bigint;
  let onsetOut: RankResult['onset'];
  if (onset === 'auto') {
    const est = detectOnset(series, onsetOptions);
    if (!est) throw new InputError('cannot estimate the onset: no series varies over enough samples');
    at = est.t;
    onsetOut = { estimated: true, ...est };
  } else {
    at = onset;
    onsetOut = { t: onset, estimated: false };
  }

  const componentOf = componentResolver(series, componentOptions);
  const ranking: RankedSeries[] = [];
  const groupedBy = new Map<string, string>();
  const skipped: RankResult['skipped'] = [];
  for (const s of series) {
    // A column of words with a few numbers in it (a status or a note) is not a metric, and saying it
    // lacked a baseline or an anomalous period would send the user looking at the onset instead.
    if ((s.nonNumeric ?? 0) > s.points.length) {
      skipped.push({ series: s.name, reason: 'mostly_non_numeric' });
      continue;
    }
    const p = prepareSeries(s);
    const b0 = baseline.from === undefined ? 0 : splitIndex(p.t, baseline.from);
    const b1 = splitIndex(p.t, baseline.to ?? at);
    const cut = splitIndex(p.t, at);
    const stop = end === undefined ? p.t.length : splitIndex(p.t, end);
    if (b1 - b0 < minBaseline) {
      skipped.push({ series: s.name, reason: b1 <= b0 ? 'no_baseline' : 'short_baseline' });
      continue;
    }
    if (stop <= cut) {
      skipped.push({ series: s.name, reason: 'no_anomalous' });
      continue;
    }
    const rate = s.type === 'counter';
    const scored = scoreAnomaly(p.v.subarray(b0, b1), p.v.subarray(cut, stop), { ...scoreOptions, cumulative: rate });
    if (!scored) {
      skipped.push({ series: s.name, reason: 'no_values' });
      continue;
    }
    const peakAt = cut + scored.peakIndex;
    const comp = componentOf(s);
    groupedBy.set(comp.component, comp.groupedBy);
    ranking.push({
      series: s.name,
      score: scored.score,
      component: comp.component,
      center: scored.center,
      scale: scored.scale,
      scale_source: scored.scaleSource,
      ...(rate ? { rate: true as const } : {}),
      peak: scored.peakIndex >= 0 ? { t: p.t[peakAt] as bigint, v: p.v[peakAt] as number } : null,
    });
  }
  ranking.sort((a, b) => b.score - a.score || (a.series < b.series ? -1 : a.series > b.series ? 1 : 0));

  const byComponent = new Map<string, RankedComponent>();
  for (const r of ranking) {
    const c = byComponent.get(r.component);
    // Ranking is best first, so the first series seen is the component's best.
    if (c) c.series_count++;
    else {
      const grouped = groupedBy.get(r.component) ?? 'name_prefix';
      byComponent.set(r.component, { component: r.component, score: r.score, top_series: r.series, series_count: 1, grouped_by: grouped });
    }
  }
  return { onset: onsetOut, ranking, components: [...byComponent.values()], skipped };
}
