/** Data access for incidents: the only place that knows their tables. */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { IncidentsTable } from '../db/tables.js';
import { timestampSortKey } from '../shared/time.js';
import type { Incident, IncidentContent, Status } from './schema/index.js';

export interface IncidentFilter {
  severity?: string[];
  status?: string[];
  component?: string[];
  kind?: string[];
  /** Incidents that started at or after this instant. */
  from?: string;
  /** Incidents that started before this instant. */
  to?: string;
  /** Case-insensitive substring of the title. */
  q?: string;
  limit?: number;
  offset?: number;
}

export interface IncidentSummary {
  id: string;
  kind: string;
  title: string;
  severity: string;
  status: string;
  component: string | null;
  started_at: string;
  ended_at: string | null;
  version: number;
}

type IncidentRow = IncidentsTable & { record: string };

export function rowToIncident(row: IncidentRow): Incident {
  const content = JSON.parse(row.record) as IncidentContent;
  return assembleIncident(content, { id: row.id, status: row.status as Status, version: Number(row.version), created_at: row.created_at, updated_at: row.updated_at });
}

/** Puts an incident's keys in reading order: identity first, bookkeeping last. */
export function assembleIncident(
  content: IncidentContent,
  meta: { id: string; status: Status; version: number; created_at: string; updated_at: string },
): Incident {
  const { id, status, version, created_at, updated_at } = meta;
  const { kind, title, severity, ...rest } = content;
  return { id, kind, title, severity, status, ...rest, version, created_at, updated_at };
}

export function incidentToRow(inc: Incident): IncidentRow {
  const { id, status, version, created_at, updated_at, ...content } = inc;
  return {
    id,
    kind: content.kind,
    title: content.title,
    severity: content.severity,
    status,
    component: content.component ?? null,
    failure_type: content.failure_type ?? null,
    started_at: content.started_at,
    started_key: timestampSortKey(content.started_at),
    ended_at: content.ended_at ?? null,
    ended_key: content.ended_at ? timestampSortKey(content.ended_at) : null,
    version,
    created_at,
    updated_at,
    record: JSON.stringify(content),
  };
}

/**
 * Takes the next number for a counter key (e.g. SYS-20251126). The upsert row-locks on PostgreSQL
 * and runs under the immediate write lock on SQLite, so concurrent creators never share a number.
 */
export async function nextSequence(trx: Db, key: string): Promise<number> {
  const row = await trx
    .insertInto('id_counters')
    .values({ key, last: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ last: eb('id_counters.last', '+', 1) })))
    .returning('last')
    .executeTakeFirstOrThrow();
  return Number(row.last);
}

/** Makes sure the counter is at least `seq`, so an imported id is never handed out again. */
export async function raiseSequence(trx: Db, key: string, seq: number): Promise<void> {
  await trx
    .insertInto('id_counters')
    .values({ key, last: seq })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ last: sql<number>`case when id_counters.last < ${seq} then ${seq} else id_counters.last end` }),
    )
    .execute();
}

/** The counter's value, 0 when it was never raised. */
export async function readSequence(db: Db, key: string): Promise<number> {
  const row = await db.selectFrom('id_counters').select('last').where('key', '=', key).executeTakeFirst();
  return Number(row?.last ?? 0);
}

export async function insertIncident(trx: Db, inc: Incident): Promise<void> {
  const { record, ...row } = incidentToRow(inc);
  await trx.insertInto('incidents').values(row).execute();
  await trx.insertInto('incident_records').values({ id: row.id, record }).execute();
}

function selectFull(db: Db) {
  return db.selectFrom('incidents').innerJoin('incident_records', 'incident_records.id', 'incidents.id').selectAll('incidents').select('incident_records.record');
}

export async function findIncident(db: Db, id: string): Promise<Incident | undefined> {
  const row = await selectFull(db).where('incidents.id', '=', id).executeTakeFirst();
  return row ? rowToIncident(row) : undefined;
}

/** Replaces the row only if it is still at `expectedVersion`; returns whether it was. */
export async function replaceIncident(trx: Db, inc: Incident, expectedVersion: number): Promise<boolean> {
  const { id, record, ...row } = incidentToRow(inc);
  const res = await trx.updateTable('incidents').set(row).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) return false;
  await trx.updateTable('incident_records').set({ record }).where('id', '=', id).execute();
  return true;
}

const SUMMARY_COLUMNS = ['id', 'kind', 'title', 'severity', 'status', 'component', 'started_at', 'ended_at', 'version'] as const;

export async function listIncidents(db: Db, f: IncidentFilter): Promise<{ total: number; items: IncidentSummary[] }> {
  let q = db.selectFrom('incidents');
  if (f.severity?.length) q = q.where('severity', 'in', f.severity);
  if (f.status?.length) q = q.where('status', 'in', f.status);
  if (f.component?.length) q = q.where('component', 'in', f.component);
  if (f.kind?.length) q = q.where('kind', 'in', f.kind);
  if (f.from) q = q.where('started_key', '>=', timestampSortKey(f.from));
  if (f.to) q = q.where('started_key', '<', timestampSortKey(f.to));
  if (f.q) q = q.where(sql<boolean>`lower(title) like ${`%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  const [items, total] = await Promise.all([
    q
      .select([...SUMMARY_COLUMNS])
      .orderBy('started_key', 'desc')
      .orderBy('id', 'desc')
      .limit(f.limit ?? 50)
      .offset(f.offset ?? 0)
      .execute(),
    q.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { total: Number(total.n), items: items.map((r) => ({ ...r, version: Number(r.version) })) };
}

/** Every incident, oldest first, in pages: for exports and policy sweeps over the whole store. */
export async function* allIncidents(db: Db, pageSize = 500): AsyncGenerator<Incident> {
  let after = '';
  for (;;) {
    const rows = await selectFull(db).where('incidents.id', '>', after).orderBy('incidents.id').limit(pageSize).execute();
    for (const r of rows) yield rowToIncident(r);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.id ?? after;
  }
}
