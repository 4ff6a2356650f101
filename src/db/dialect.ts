/**
 * Everything that differs between SQLite and PostgreSQL lives here, so that stores never ask
 * which database they run on.
 */
import Database from 'better-sqlite3';
import { CompiledQuery, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Dialect, type Driver } from 'kysely';
import type { Db } from './database.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * SQLite's default deferred BEGIN takes the write lock only at the first write, and a reader that
 * later writes can fail at once with SQLITE_BUSY when another process holds it. BEGIN IMMEDIATE takes
 * the lock up front, so concurrent writers from several processes queue on busy_timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: ConstructorParameters<typeof SqliteDialect>[0];
  constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export function sqliteDialect(file: string): Dialect {
  const db = new Database(file);
  // WAL lets readers run beside the writer; synchronous=FULL makes every commit durable across power loss.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 15000');
  db.pragma('foreign_keys = ON');
  return new ImmediateSqliteDialect({ database: db });
}

/** pg is loaded only when a PostgreSQL URL is used, keeping SQLite commands quick to start. */
export async function postgresDialect(url: string): Promise<Dialect> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection the server ends (a restart, pg_terminate_backend, a dropped database) is
  // reported here, then removed by the pool; the next query opens a new one, and a server still
  // down fails that query with its own error. Without a listener the event would crash the process.
  pool.on('error', () => undefined);
  return new PostgresDialect({ pool });
}

/**
 * Holds a lock named `name` until the transaction `trx` ends, so that work which reads before it
 * writes (find the open incident of an alert, else open one) runs one at a time across processes.
 * On SQLite, BEGIN IMMEDIATE already holds the database's write lock for the whole transaction.
 */
export async function lockUntilCommit(trx: Db, name: string): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(hashtext(${name}))`.execute(trx);
}

/** Whether an error is a unique-constraint violation, on either database. */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown };
  return e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || e.code === '23505';
}

/** Whether an error means the database cannot be reached or opened. */
export function isConnectionError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'SQLITE_CANTOPEN' ||
    code === '28P01' || // invalid password
    code === '3D000' // database does not exist
  );
}
