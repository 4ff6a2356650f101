/** A PostgreSQL store outlives the server ending its idle connections (a restart, an administrator). */
import pg from 'pg';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { databases, freshStore, type TestDatabase } from '../test/databases.js';

const postgres = databases.filter((d) => d.name === 'postgres');

// Without PFA_TEST_POSTGRES_URL the suite is listed as skipped (a file without any suite fails the run).
const unset: TestDatabase = { name: 'postgres', create: () => Promise.reject(new Error('PFA_TEST_POSTGRES_URL is unset')) };
const targets = postgres.length > 0 ? postgres : [unset];

describe.skipIf(postgres.length === 0).each(targets)('store on $name', (database) => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => cleanup?.());

  it('drops a connection the server terminated and answers the next query on a new one', async () => {
    const f = await freshStore(database);
    cleanup = f.cleanup;
    const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(f.store.db)).rows[0]?.pid;
    const before = await pid();
    // The idle pooled connection is ended by the server, as by a restart or an administrator.
    const admin = new pg.Client({ connectionString: f.url });
    await admin.connect();
    await admin.query('select pg_terminate_backend($1)', [before]);
    await admin.end();
    await new Promise((r) => setTimeout(r, 200)); // the termination reaches the idle client
    const after = await pid();
    expect(after).toBeTypeOf('number');
    expect(after).not.toBe(before);
  });
});
