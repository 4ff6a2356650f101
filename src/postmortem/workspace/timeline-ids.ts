/**
 * Ids of curated timeline entries are never given out twice within an incident. Links (`timeline:T17`)
 * and the post-mortem's citations name an entry by id, so an id that came back after a removal would
 * silently re-point every citation of the removed entry at an unrelated event. New ids therefore start
 * above a high-water mark kept in the store's id counters (key `T:<incident id>`), not above the
 * entries that happen to be left.
 */
import { parseEvidenceLink, type Incident, type TimelineEntry } from '../../incidents/schema/index.js';
import { idNumber } from '../engines/index.js';
import { raiseSequence, readSequence } from '../../incidents/store.js';
import type { Deps } from '../../incidents/service.js';
import { linksOf } from './links.js';
import { timelineCounterKey } from './store.js';

/** The number of a T id (T17 → 17), or 0 for anything else. */
export function timelineNumber(id: string | undefined): number {
  // Upper-cased: a link typed `timeline:t17` still names T17.
  return idNumber('T', id?.toUpperCase());
}

/** The highest T number among entries. */
export const highestId = (entries: readonly Pick<TimelineEntry, 'id'>[]): number => entries.reduce((max, e) => Math.max(max, timelineNumber(e.id)), 0);

/**
 * The highest T number the record itself shows as used: its entries, and the targets of its
 * `timeline:` links (an entry removed before the counter existed is still cited there).
 */
function usedInRecord(inc: Incident): number {
  const cited = linksOf(inc).map((l) => parseEvidenceLink(l)).filter((p) => p?.kind === 'timeline');
  return Math.max(highestId(inc.timeline ?? []), ...cited.map((p) => timelineNumber(p?.target)));
}

/**
 * The highest T number ever given out in the incident's timeline: new entries take ids above it.
 * @example const floor = await timelineFloor(deps, inc); // 17 after T17 was removed
 */
export async function timelineFloor(deps: Deps, inc: Incident): Promise<number> {
  return Math.max(await readSequence(deps.db, timelineCounterKey(inc.id)), usedInRecord(inc));
}

/**
 * Records that ids up to `last` were given out. Called before the record is written: a write that
 * then fails (a concurrent edit) leaves a gap in the numbering, which is harmless; the other order
 * could let a removed id come back.
 */
export async function reserveTimelineIds(deps: Deps, incidentId: string, last: number): Promise<void> {
  if (last > 0) await raiseSequence(deps.db, timelineCounterKey(incidentId), last);
}
