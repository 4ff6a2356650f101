/** Appends to and reads the audit trail. Appends happen inside the caller's transaction. */
import type { Db } from '../db/database.js';
import type { Context } from '../shared/context.js';
import { nowTimestamp } from '../shared/time.js';
import { entryDigest, verifyChain, type AuditEntry } from './chain.js';

export interface AuditRecord {
  action: string;
  subject: string;
  changes: unknown;
}

/**
 * Appends one entry. The head row is updated first: on PostgreSQL that row lock, and on SQLite the
 * immediate transaction, serialize appenders so the chain never forks.
 */
export async function appendAudit(trx: Db, ctx: Context, rec: AuditRecord): Promise<AuditEntry> {
  const head = await trx
    .updateTable('audit_head')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('id', '=', 1)
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
  const base = {
    seq: Number(head.seq),
    at: nowTimestamp(),
    actor: ctx.actor,
    source: ctx.source,
    requestId: ctx.requestId,
    action: rec.action,
    subject: rec.subject,
    changes: JSON.stringify(rec.changes ?? null),
    prevHash: head.hash,
  };
  const entry: AuditEntry = { ...base, hash: entryDigest(base) };
  await trx
    .insertInto('audit_log')
    .values({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor,
      source: entry.source,
      request_id: entry.requestId,
      action: entry.action,
      subject: entry.subject,
      changes: entry.changes,
      prev_hash: entry.prevHash,
      hash: entry.hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ hash: entry.hash }).where('id', '=', 1).execute();
  return entry;
}

type Row = { seq: number | string; at: string; actor: string; source: string; request_id: string | null; action: string; subject: string; changes: string; prev_hash: string; hash: string };

function toEntry(r: Row): AuditEntry {
  return {
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    source: r.source,
    requestId: r.request_id,
    action: r.action,
    subject: r.subject,
    changes: r.changes,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

export async function listAudit(db: Db, { subject, limit = 100, offset = 0 }: { subject?: string; limit?: number; offset?: number } = {}): Promise<AuditEntry[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (subject) q = q.where('subject', '=', subject);
  const rows = await q.orderBy('seq', 'asc').limit(limit).offset(offset).execute();
  return rows.map(toEntry);
}

/** Verifies the whole chain against the head row. */
export async function verifyAudit(db: Db): Promise<ReturnType<typeof verifyChain>> {
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).where('id', '=', 1).executeTakeFirstOrThrow();
  const entries: AuditEntry[] = [];
  // seq is inside every digest, so renumbering rows to reorder them shows up as an edit.
  const rows = await db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').execute();
  for (const r of rows) entries.push(toEntry(r));
  return verifyChain(entries, { seq: Number(head.seq), hash: head.hash });
}
