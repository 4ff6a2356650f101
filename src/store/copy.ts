/**
 * `pfa store copy`: the whole store into another, empty one (SQLite to PostgreSQL for a team, or a
 * backup file), read from one snapshot, written in one transaction, and checked before it commits.
 */
import type { ChainProblem } from '../audit/chain.js';
import { verifyAudit } from '../audit/store.js';
import { migrateToLatest, openStore, type Db, type Store } from '../db/database.js';
import { advanceSequences, databaseIdentity, isConnectionError, isConstraintViolation } from '../db/dialect.js';
import { TABLE_NAMES, type TableName } from '../db/tables.js';
import { ConflictError, InputError, UnavailableError } from '../shared/errors.js';
import { migrationRows, tablesInUse, type Rows } from './empty.js';
import { countRows, deleteRows, insertRows, pages } from './rows.js';

export interface CopyProgress {
  table: TableName;
  copied: number;
  total: number;
}

export interface CopyResult {
  /** Where the copy went, without any password. */
  target: string;
  /** Rows per table, the same in the source's snapshot and in the target. */
  tables: Record<TableName, number>;
  /** Row counts equal and the audit chain intact on the target. */
  verified: boolean;
  /** The audit chain's problems when the source's chain was already broken: copied as they are, not repaired. */
  problems: ChainProblem[];
}

export interface CopyOptions {
  /** Called before each table and after each page written. */
  onProgress?: (p: CopyProgress) => void;
}

/**
 * Copies every table of `source` into the store at `targetUrl` (an SQLite path, created when
 * missing, or a postgres:// URL), which must be empty. A failure leaves the target as it was.
 * @example const r = await copyStore(store, 'postgres://pfa@db/pfa'); r.tables.incidents
 */
export async function copyStore(source: Store, targetUrl: string, { onProgress }: CopyOptions = {}): Promise<CopyResult> {
  // Not migrated yet: a store of an older pfa that holds data is refused as it is, not upgraded first.
  const target = await openStore(targetUrl, { migrate: false, createDirectory: false, source: 'TARGET' });
  try {
    const baseline = await prepare(source, target);
    return await source.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (snapshot) => {
        const tables = await countRows(snapshot);
        const problems = await target.db.transaction().execute(async (trx) => {
          await refuseUnlessEmpty(trx, target.location, baseline, TABLE_NAMES);
          await copyTables(snapshot, trx, target.location, baseline, tables, onProgress);
          return verifyCopy(snapshot, trx, target.location, tables);
        });
        return { target: target.location, tables, verified: problems.length === 0, problems };
      });
  } finally {
    await target.close();
  }
}

/** Checks that the target is another store and empty, then migrates it; returns what migrations insert. */
async function prepare(source: Store, target: Store): Promise<Map<TableName, Rows>> {
  try {
    const id = await databaseIdentity(target.db);
    if (id !== null && id === (await databaseIdentity(source.db))) {
      throw new InputError(`${target.location} is the store being copied (${source.location}): name another SQLite file or database`);
    }
    const baseline = await migrationRows();
    const existing = new Set((await target.db.introspection.getTables()).map((t) => t.name));
    await refuseUnlessEmpty(target.db, target.location, baseline, TABLE_NAMES.filter((t) => existing.has(t)));
    await migrateToLatest(target.db);
    return baseline;
  } catch (err) {
    if (isConnectionError(err)) throw new UnavailableError(`cannot reach database ${target.location}: ${(err as Error).message}`, err);
    throw err;
  }
}

async function refuseUnlessEmpty(db: Db, location: string, baseline: Map<TableName, Rows>, tables: readonly TableName[]): Promise<void> {
  const used = await tablesInUse(db, baseline, tables);
  if (used.length === 0) return;
  throw new ConflictError(`${location} is not empty (${used.map((u) => `${u.table}: ${u.rows} row${u.rows === 1 ? '' : 's'}`).join(', ')}): copy into a new SQLite file or an empty database`, {
    details: { tables: Object.fromEntries(used.map((u) => [u.table, u.rows])) },
  });
}

async function copyTables(
  snapshot: Db,
  trx: Db,
  location: string,
  baseline: Map<TableName, Rows>,
  totals: Record<TableName, number>,
  onProgress: CopyOptions['onProgress'],
): Promise<void> {
  // The rows the target's migrations inserted (the audit head at 0) give way to the source's; children first.
  for (const table of [...TABLE_NAMES].reverse()) if (baseline.get(table)?.length) await deleteRows(trx, table);
  for (const table of TABLE_NAMES) {
    let copied = 0;
    onProgress?.({ table, copied, total: totals[table] });
    for await (const rows of pages(snapshot, table)) {
      try {
        await insertRows(trx, table, rows);
      } catch (err) {
        // The target refusing a row is about the data, not a bug: a value that does not fit (PostgreSQL
        // enforces varchar lengths that SQLite never did), or a constraint the target has and the source lacked.
        if (!isConstraintViolation(err)) throw err;
        throw new ConflictError(`${location} refused a row of ${table}: ${(err as Error).message}; the copy was rolled back, nothing was written`, { details: { table } });
      }
      copied += rows.length;
      onProgress?.({ table, copied, total: totals[table] });
    }
    await advanceSequences(trx, table);
  }
}

/**
 * The checks before the copy commits: every table holds as many rows as in the source's snapshot,
 * and the audit chain verifies. A chain already broken in the source is copied as it is (a copy
 * neither repairs nor hides tampering) and its problems returned; any other failure rolls back.
 */
async function verifyCopy(snapshot: Db, trx: Db, location: string, totals: Record<TableName, number>): Promise<ChainProblem[]> {
  const copied = await countRows(trx);
  const short = TABLE_NAMES.filter((t) => copied[t] !== totals[t]);
  if (short.length > 0) throw new Error(`copy into ${location} incomplete (${short.map((t) => `${t}: ${copied[t]} of ${totals[t]} rows`).join(', ')}); rolled back`);
  const chain = await verifyAudit(trx);
  if (chain.ok) return [];
  const before = await verifyAudit(snapshot);
  if (!before.ok && JSON.stringify(before.problems) === JSON.stringify(chain.problems)) return chain.problems;
  throw new Error(`the audit trail copied into ${location} does not verify (${chain.problems[0]?.message ?? 'unknown problem'}) though the source's does; rolled back`);
}
