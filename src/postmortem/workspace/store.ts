/**
 * What the workspace keeps beside the record: the merge keys of timeline entries a curator removed
 * (table timeline_dismissals). Like the T-id counter (timeline-ids.ts) it outlives the entries it
 * is about, which the record no longer holds.
 */
import type { Db } from '../../db/database.js';
import type { TimelineDismissalsTable } from '../../db/tables.js';

// Rows per insert: five parameters each stays far below either database's limit on parameters.
const BATCH = 500;

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
