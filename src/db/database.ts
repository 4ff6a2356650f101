/**
 * Opens the store: an SQLite file by default, PostgreSQL for a postgres:// URL. Migrations run on open.
 */
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Kysely, Migrator, type Dialect, type MigrationResultSet } from 'kysely';
import { UnavailableError } from '../shared/errors.js';
import { isConnectionError, postgresDialect, sqliteDialect, type DialectName } from './dialect.js';
import { migrations } from './migrations/index.js';
import type { Tables } from './tables.js';

export type Db = Kysely<Tables>;

export interface Store {
  db: Db;
  dialect: DialectName;
  /** Where the data lives, with any password removed: for messages. */
  location: string;
  close(): Promise<void>;
}

/**
 * The default SQLite file: `$PFA_HOME/pfa.db`, else `$XDG_DATA_HOME/pfa/pfa.db`, else `~/.local/share/pfa/pfa.db`.
 */
export function defaultDatabasePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PFA_HOME) return join(resolve(env.PFA_HOME), 'pfa.db');
  const base = env.XDG_DATA_HOME ? resolve(env.XDG_DATA_HOME) : join(homedir(), '.local', 'share');
  return join(base, 'pfa', 'pfa.db');
}

/** Resolves `--db` / `PFA_DATABASE_URL` / the default into a database URL or file path. */
export function resolveDatabaseUrl(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.PFA_DATABASE_URL ?? defaultDatabasePath(env);
}

function redact(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

/**
 * Opens (and migrates) the store at `url`: `postgres://…` or `postgresql://…` for PostgreSQL,
 * `sqlite:PATH`, `file:PATH` or a plain path for SQLite (`:memory:` for a throwaway one).
 * @example const store = await openStore('/tmp/pfa.db'); await store.close();
 */
export async function openStore(url: string, { migrate = true }: { migrate?: boolean } = {}): Promise<Store> {
  let dialect: Dialect;
  let name: DialectName;
  if (/^postgres(ql)?:\/\//.test(url)) {
    dialect = await postgresDialect(url);
    name = 'postgres';
  } else {
    const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
    if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
    try {
      dialect = sqliteDialect(file);
    } catch (err) {
      throw new UnavailableError(`cannot open SQLite database ${file}: ${(err as Error).message}`, err);
    }
    name = 'sqlite';
  }
  const db = new Kysely<Tables>({ dialect });
  const store: Store = { db, dialect: name, location: redact(url), close: () => db.destroy() };
  if (migrate) {
    try {
      await migrateToLatest(db);
    } catch (err) {
      await db.destroy();
      if (isConnectionError(err)) throw new UnavailableError(`cannot reach database ${store.location}: ${(err as Error).message}`, err);
      throw err;
    }
  }
  return store;
}

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: () => Promise.resolve(migrations) } });
}

function check(result: MigrationResultSet): void {
  if (result.error) throw result.error instanceof Error ? result.error : new Error(`migration failed: ${JSON.stringify(result.error)}`);
}

export async function migrateToLatest(db: Db): Promise<void> {
  check(await migrator(db).migrateToLatest());
}

/** Rolls every migration back (used by the migration test and `pfa db reset`). */
export async function migrateDownAll(db: Db): Promise<void> {
  const m = migrator(db);
  for (;;) {
    const result = await m.migrateDown();
    check(result);
    if (!result.results || result.results.length === 0) return;
  }
}
