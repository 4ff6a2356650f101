/** Runs work in one transaction; acknowledged means committed (durably, on SQLite with synchronous=FULL). */
import type { Db } from './database.js';

/**
 * Runs `work` in a new transaction, or in the caller's when `db` is one already: a service that
 * commits on its own (create an incident, add evidence) then commits or rolls back with a larger
 * unit of work that calls it.
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute((trx) => work(trx));
}
