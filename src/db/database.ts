/**
 * Opens the store: an SQLite file by default, PostgreSQL for a postgres:// URL. Migrations run on open.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Kysely, Migrator, type Dialect, type MigrationResultSet } from 'kysely';
import { InputError, UnavailableError } from '../shared/errors.js';
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
  return resolveDatabase(explicit, env).url;
}

/** Where a store location came from (TARGET: the argument of `pfa store copy`): a path the user named is used as given, never created. */
export type DatabaseSource = '--db' | 'PFA_DATABASE_URL' | 'default' | 'TARGET';

/**
 * The store location and who chose it.
 * @example resolveDatabase(undefined, { PFA_DATABASE_URL: '/srv/pfa.db' }) // { url: '/srv/pfa.db', source: 'PFA_DATABASE_URL' }
 */
export function resolveDatabase(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): { url: string; source: DatabaseSource } {
  if (explicit !== undefined) return { url: explicit, source: '--db' };
  if (env.PFA_DATABASE_URL) return { url: env.PFA_DATABASE_URL, source: 'PFA_DATABASE_URL' };
  return { url: defaultDatabasePath(env), source: 'default' };
}

function redact(url: string): string {
  return url.replace(/(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}

export interface OpenStoreOptions {
  migrate?: boolean;
  /**
   * Create the SQLite file's directory when missing (default true). Off for a path the user typed:
   * a typo would otherwise become a new, empty store that answers "not found" to everything.
   */
  createDirectory?: boolean;
  /** How to name the location in the error when the directory is missing, e.g. `--db`. */
  source?: DatabaseSource;
}

/**
 * Opens (and migrates) the store at `url`: `postgres://…` or `postgresql://…` for PostgreSQL,
 * `sqlite:PATH`, `file:PATH` or a plain path for SQLite (`:memory:` for a throwaway one).
 * @example const store = await openStore('/tmp/pfa.db'); await store.close();
 */
export async function openStore(url: string, { migrate = true, createDirectory = true, source = 'default' }: OpenStoreOptions = {}): Promise<Store> {
  let dialect: Dialect;
  let name: DialectName;
  if (/^postgres(ql)?:\/\//.test(url)) {
    dialect = await postgresDialect(url);
    name = 'postgres';
  } else {
    const file = url.replace(/^(sqlite|file):(\/\/)?/, '');
    if (file !== ':memory:') sqliteDirectory(file, createDirectory, source);
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

/** Makes sure the directory of an SQLite file exists: creates it, or refuses a path with a missing one. */
function sqliteDirectory(file: string, create: boolean, source: DatabaseSource): void {
  const dir = dirname(resolve(file));
  if (create) {
    mkdirSync(dir, { recursive: true });
    return;
  }
  if (!existsSync(dir)) {
    throw new InputError(`${source === 'default' ? 'database' : source} ${file}: directory ${dir} does not exist (create it first, or check the path for a typo)`);
  }
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
