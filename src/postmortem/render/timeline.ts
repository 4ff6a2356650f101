/** The curated timeline as the post-mortem shows it: the key events when some are pinned, in time order. */
import type { TimelineEntry } from '../../incidents/schema/index.js';
import { parseTimestamp } from '../../shared/time.js';

export interface CuratedTimeline {
  rows: TimelineEntry[];
  /** True when only pinned and marked entries are shown. */
  curated: boolean;
  total: number;
}

function instant(at: string): bigint | undefined {
  try {
    return parseTimestamp(at).ns;
  } catch {
    return undefined;
  }
}

/**
 * When any entry is pinned: the pinned entries plus those carrying a marker; otherwise every entry.
 * Sorted by instant (stable, so equal instants keep the record's order).
 * @example curatedTimeline([{ at: '2025-01-01T00:00:00Z', event: 'a', pinned: true }, { at: '2025-01-01T00:00:01Z', event: 'b' }]).rows.length // 1
 */
export function curatedTimeline(entries: readonly TimelineEntry[], { curate = true }: { curate?: boolean } = {}): CuratedTimeline {
  const curated = curate && entries.some((e) => e.pinned === true);
  const kept = curated ? entries.filter((e) => e.pinned === true || e.marker !== undefined) : [...entries];
  const keyed = kept.map((e, i) => ({ e, i, t: instant(e.at) }));
  keyed.sort((a, b) => (a.t === undefined || b.t === undefined || a.t === b.t ? a.i - b.i : a.t < b.t ? -1 : 1));
  return { rows: keyed.map((k) => k.e), curated, total: entries.length };
}
