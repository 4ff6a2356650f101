/** Data access for post-mortem review steps and published versions. */
import type { Db } from '../../db/database.js';
import type { PostmortemVersionsTable } from '../../db/tables.js';
import type { StoredEvent } from './state.js';

export async function listEvents(db: Db, incidentId: string): Promise<StoredEvent[]> {
  const rows = await db.selectFrom('postmortem_events').selectAll().where('incident_id', '=', incidentId).orderBy('seq').execute();
  return rows.map((r) => ({
    action: r.action as StoredEvent['action'],
    actor: r.actor,
    role: r.role,
    at: r.at,
    incident_version: Number(r.incident_version),
    content_sha256: r.content_sha256,
    ...(r.comment !== null ? { comment: r.comment } : {}),
  }));
}

export async function appendEvent(trx: Db, incidentId: string, e: StoredEvent): Promise<void> {
  const last = await trx.selectFrom('postmortem_events').select((eb) => eb.fn.max('seq').as('seq')).where('incident_id', '=', incidentId).executeTakeFirst();
  await trx
    .insertInto('postmortem_events')
    .values({
      incident_id: incidentId,
      seq: Number(last?.seq ?? 0) + 1,
      action: e.action,
      actor: e.actor,
      role: e.role,
      at: e.at,
      incident_version: e.incident_version,
      content_sha256: e.content_sha256,
      comment: e.comment ?? null,
    })
    .execute();
}

export type VersionRow = PostmortemVersionsTable;

export async function listVersions(db: Db, incidentId: string): Promise<Omit<VersionRow, 'record' | 'markdown'>[]> {
  const rows = await db
    .selectFrom('postmortem_versions')
    .select(['incident_id', 'number', 'incident_version', 'content_sha256', 'published_at', 'published_by'])
    .where('incident_id', '=', incidentId)
    .orderBy('number')
    .execute();
  return rows.map((r) => ({ ...r, number: Number(r.number), incident_version: Number(r.incident_version) }));
}

export async function findVersion(db: Db, incidentId: string, n: number): Promise<VersionRow | undefined> {
  const r = await db.selectFrom('postmortem_versions').selectAll().where('incident_id', '=', incidentId).where('number', '=', n).executeTakeFirst();
  return r ? { ...r, number: Number(r.number), incident_version: Number(r.incident_version) } : undefined;
}

export async function insertVersion(trx: Db, v: VersionRow): Promise<void> {
  await trx.insertInto('postmortem_versions').values(v).execute();
}
