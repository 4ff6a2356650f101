/** Data access for evidence. */
import type { Db } from '../db/database.js';
import type { EvidenceTable } from '../db/tables.js';
import type { Evidence, EvidenceInfo, EvidenceKind } from './schema.js';

function toEvidence(r: EvidenceTable): Evidence {
  return {
    ...r,
    kind: r.kind as EvidenceKind,
    size: r.size === null ? null : Number(r.size),
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
  };
}

export async function insertEvidence(trx: Db, e: Evidence): Promise<void> {
  await trx.insertInto('evidence').values({ ...e, metadata: JSON.stringify(e.metadata) }).execute();
}

/** Deletes evidence rows (their stored bytes with them); returns how many went. */
export async function deleteEvidence(trx: Db, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await trx.deleteFrom('evidence').where('id', 'in', [...ids]).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function findEvidence(db: Db, id: string): Promise<Evidence | undefined> {
  const row = await db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEvidence(row) : undefined;
}

export interface EvidenceFilter {
  incidentId?: string;
  kind?: EvidenceKind;
  limit?: number;
}

export async function listEvidence(db: Db, f: EvidenceFilter): Promise<Evidence[]> {
  return (await filtered(db, f).selectAll().execute()).map(toEvidence);
}

/** As listEvidence, without reading the stored bytes (up to 1 MiB a piece) that a listing drops. */
export async function listEvidenceInfo(db: Db, f: EvidenceFilter): Promise<EvidenceInfo[]> {
  const rows = await filtered(db, f).select(['id', 'incident_id', 'kind', 'name', 'created_at', 'created_by', 'size', 'sha256', 'metadata']).execute();
  return rows.map((r) => {
    const { content: _c, ...e } = toEvidence({ ...r, content: null });
    return e;
  });
}

/** The evidence a filter names, newest first, at most `limit` (100 by default). */
function filtered(db: Db, f: EvidenceFilter) {
  let q = db.selectFrom('evidence');
  if (f.incidentId) q = q.where('incident_id', '=', f.incidentId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit ?? 100);
}

/**
 * Incidents that alert payloads naming this fingerprint were attached to (the webhook records each
 * payload's fingerprints in its metadata): found without the incident's title, which people edit.
 * `fingerprint` is hex, so it needs no escaping in the pattern.
 */
export async function incidentsWithAlert(db: Db, fingerprint: string): Promise<string[]> {
  if (!/^[0-9a-f]+$/.test(fingerprint)) return [];
  const rows = await db
    .selectFrom('evidence')
    .select('incident_id')
    .distinct()
    .where('kind', '=', 'alert')
    .where('incident_id', 'is not', null)
    .where('metadata', 'like', `%"${fingerprint}"%`)
    .execute();
  return rows.flatMap((r) => (r.incident_id === null ? [] : [r.incident_id]));
}
