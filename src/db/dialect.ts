/**
 * Everything that differs between SQLite and PostgreSQL lives here, so that stores never ask
 * which database they run on.
 */
import Database from 'better-sqlite3';
import { statSync } from 'node:fs';
import { CompiledQuery, PostgresAdapter, PostgresDialect, SqliteDialect, SqliteDriver, sql, type DatabaseConnection, type Dialect, type Driver, type TransactionSettings } from 'kysely';
import type { Db } from './database.js';

export type DialectName = 'sqlite' | 'postgres';

/**
 * SQLite's default deferred BEGIN takes the write lock only at the first write, and a reader that
 * later writes can fail at once with SQLITE_BUSY when another process holds it. BEGIN IMMEDIATE takes
 * the lock up front, so concurrent writers from several processes queue on busy_timeout instead.
 * A transaction asked for as read only (`setAccessMode('read only')`, a consistent read of the whole
 * store) never writes: a deferred BEGIN holds no lock, and in WAL mode its first read fixes the
 * snapshot it sees to the end, while writers carry on.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin deferred' : 'begin immediate'));
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

/**
 * Moves every sequence a column of `table` draws from (serial, identity) past the largest value in
 * it, after rows were inserted with their ids given. Without this the next generated id on
 * PostgreSQL would be one the copied rows already hold. SQLite needs nothing: a rowid or
 * AUTOINCREMENT key continues from the largest value present.
 */
export async function advanceSequences(trx: Db, table: string): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  const { rows } = await sql<{ column: string; sequence: string | null }>`
    select column_name as column, pg_get_serial_sequence(quote_ident(table_schema) || '.' || quote_ident(table_name), column_name) as sequence
    from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(trx);
  for (const { column, sequence } of rows) {
    if (sequence === null) continue;
    await sql`select setval(${sequence}::regclass, m) from (select max(${sql.ref(column)}) as m from ${sql.table(table)}) t where m is not null`.execute(trx);
  }
}

/** The columns of `table`, in their order in the table. */
export async function columnsOf(db: Db, table: string): Promise<string[]> {
  const { rows } =
    db.getExecutor().adapter instanceof PostgresAdapter
      ? await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table} order by ordinal_position`.execute(db)
      : await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * What identifies the database `db` is connected to, to tell two locations that name the same store
 * (a relative and an absolute path, a symlink, `localhost` and `127.0.0.1`); null for an in-memory
 * SQLite database, which nothing else can name. SQLite: the main file's device and inode.
 * PostgreSQL: the server's start time, the database's oid and the schema.
 */
export async function databaseIdentity(db: Db): Promise<string | null> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ id: string }>`
      select concat_ws('/', pg_postmaster_start_time()::text, (select oid::text from pg_database where datname = current_database()), current_schema()) as id`.execute(db);
    return rows[0]?.id ?? null;
  }
  const { rows } = await sql<{ file: string }>`select file from pragma_database_list where name = 'main'`.execute(db);
  const file = rows[0]?.file;
  if (!file) return null;
  const { dev, ino } = statSync(file);
  return `sqlite:${dev}:${ino}`;
}

/**
 * A value read from one database as the other binds it. Booleans become 1/0: better-sqlite3 cannot
 * bind a boolean, and PostgreSQL reads '1' and '0' into a boolean column as true and false.
 * Everything else (strings, numbers, int8 as the string pg returns, null, buffers) binds as it is.
 */
export function portableValue(v: unknown): unknown {
  return typeof v === 'boolean' ? Number(v) : v;
}

/**
 * Whether an error is the database refusing a value: a constraint (unique, foreign key, not null,
 * check) or a value that does not fit its column (PostgreSQL enforces varchar lengths, SQLite not).
 */
export function isConstraintViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  return code.startsWith('SQLITE_CONSTRAINT') || code === 'SQLITE_MISMATCH' || code === 'SQLITE_TOOBIG' || /^2[23][0-9A-Z]{3}$/.test(code);
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
