/**
 * What the workspace keeps beside the record: the merge keys of timeline entries a curator removed
 * (table timeline_dismissals). Like the T-id counter (timeline-ids.ts) it outlives the entries it
 * is about, which the record no longer holds; an export carries both along (incidents/schema/exchange.ts).
 */
import type { Db } from '../../db/database.js';
import type { TimelineDismissalsTable } from '../../db/tables.js';
import type { TimelineDismissal } from '../../incidents/schema/index.js';
import { raiseSequence } from '../../incidents/store.js';
import { parseTimestamp } from '../../shared/time.js';
import { idNumber } from '../engines/whys.js';

// Rows per insert: five parameters each stays far below either database's limit on parameters.
const BATCH = 500;

/**
 * The key of an incident's T-id counter in id_counters (timeline-ids.ts): the highest entry number
 * ever given out. One per incident, at most 21 characters (the column holds 32).
 */
export const timelineCounterKey = (incidentId: string) => `T:${incidentId}`;

// The number of a removed entry's id (T17 → 17, 0 for none), as timeline-ids.ts reads the record's own.
const entryNumber = (id: string | undefined): number => idNumber('T', id);

/** Records removed entries' keys; a key recorded before keeps its first row. */
export async function insertDismissals(db: Db, rows: readonly TimelineDismissalsTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    await db
      .insertInto('timeline_dismissals')
      .values(rows.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['incident_id', 'key_sha256']).doNothing())
      .execute();
  }
}

/** The keys (dismissalKey) of every entry ever removed from an incident's timeline. */
export async function dismissedKeys(db: Db, incidentId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('timeline_dismissals').select('key_sha256').where('incident_id', '=', incidentId).execute();
  return new Set(rows.map((r) => r.key_sha256));
}

/**
 * An incident's removed entries as an export carries them: one item per removal (the rows of one
 * entry share its id, time and actor), in the order they were removed.
 */
export async function listDismissals(db: Db, incidentId: string): Promise<TimelineDismissal[]> {
  const rows = await db
    .selectFrom('timeline_dismissals')
    .select(['entry_id', 'removed_at', 'removed_by', 'key_sha256'])
    .where('incident_id', '=', incidentId)
    .execute();
  const byRemoval = new Map<string, TimelineDismissal>();
  for (const r of rows) {
    const k = JSON.stringify([r.removed_at, r.entry_id, r.removed_by]);
    const item = byRemoval.get(k);
    if (item) item.keys.push(r.key_sha256);
    else byRemoval.set(k, { ...(r.entry_id ? { entry_id: r.entry_id } : {}), removed_at: r.removed_at, removed_by: r.removed_by, keys: [r.key_sha256] });
  }
  // Sorted here, not by the database: the two sort text differently, and an export must not depend on
  // which it came from. By instant, not text: 09:00:00.5Z sorts before 09:00:00Z as text.
  const items = [...byRemoval.values()];
  for (const d of items) d.keys.sort();
  const at = new Map(items.map((d) => [d, parseTimestamp(d.removed_at).ns]));
  const cmp = <T>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);
  return items.sort((a, b) => cmp(at.get(a), at.get(b)) || cmp(entryNumber(a.entry_id), entryNumber(b.entry_id)) || cmp(a.removed_by, b.removed_by));
}

/**
 * Makes `dismissals` the incident's removed entries, dropping those recorded before (an import that
 * replaces an incident replaces its removals too), and keeps their ids from being given out again.
 * Run it in the transaction that writes the record.
 */
export async function replaceDismissals(db: Db, incidentId: string, dismissals: readonly TimelineDismissal[]): Promise<void> {
  await db.deleteFrom('timeline_dismissals').where('incident_id', '=', incidentId).execute();
  await insertDismissals(
    db,
    dismissals.flatMap((d) => d.keys.map((k) => ({ incident_id: incidentId, key_sha256: k, entry_id: d.entry_id ?? '', removed_at: d.removed_at, removed_by: d.removed_by }))),
  );
  const highest = dismissals.reduce((max, d) => Math.max(max, entryNumber(d.entry_id)), 0);
  if (highest > 0) await raiseSequence(db, timelineCounterKey(incidentId), highest);
}
