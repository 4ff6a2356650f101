/**
 * The databases every store test runs against: SQLite always, PostgreSQL when PFA_TEST_POSTGRES_URL
 * points at a server (`.ci/run` starts one). Each call makes a fresh, empty database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Deps } from '../incidents/service.js';
import { openStore, type Store } from '../db/database.js';

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Creates an empty database and returns its URL (for child processes) and a cleanup. */
  create(): Promise<{ url: string; drop: () => Promise<void> }>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  create() {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-test-'));
    return Promise.resolve({ url: join(dir, 'pfa.db'), drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) });
  },
};

function postgres(adminUrl: string): TestDatabase {
  return {
    name: 'postgres',
    async create() {
      const name = `pfa_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return {
        url: url.toString(),
        async drop() {
          const c = new pg.Client({ connectionString: adminUrl });
          await c.connect();
          await c.query(`drop database if exists ${name} with (force)`);
          await c.end();
        },
      };
    },
  };
}

export const databases: TestDatabase[] = [sqlite, ...(process.env.PFA_TEST_POSTGRES_URL ? [postgres(process.env.PFA_TEST_POSTGRES_URL)] : [])];

/** Opens a fresh migrated store; call the returned cleanup in afterEach/afterAll. */
export async function freshStore(db: TestDatabase): Promise<{ store: Store; url: string; cleanup: () => Promise<void> }> {
  const { url, drop } = await db.create();
  const store = await openStore(url);
  return {
    store,
    url,
    async cleanup() {
      await store.close();
      await drop();
    },
  };
}

/**
 * A fresh migrated store and service deps per test, for service tests: `const t = useStore(database);
 * … createIncident(t.deps, ctx, …)`. Registers beforeEach/afterEach hooks in the calling describe block.
 */
export function useStore(database: TestDatabase): { readonly store: Store; readonly deps: Deps } {
  let current: { store: Store; deps: Deps; cleanup: () => Promise<void> } | undefined;
  beforeEach(async () => {
    const { store, cleanup } = await freshStore(database);
    current = { store, deps: { db: store.db, config: DEFAULT_CONFIG }, cleanup };
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  const get = () => {
    if (!current) throw new Error('useStore: only inside a test');
    return current;
  };
  return {
    get store() {
      return get().store;
    },
    get deps() {
      return get().deps;
    },
  };
}
