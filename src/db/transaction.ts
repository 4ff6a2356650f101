/** Runs work in one transaction; acknowledged means committed (durably, on SQLite with synchronous=FULL). */
import type { Db } from './database.js';

export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(trx));
}
