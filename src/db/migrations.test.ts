import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateDownAll, migrateToLatest, type Store } from './database.js';
import { databases, freshStore } from '../test/databases.js';

describe.each(databases)('migrations on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await freshStore(database)));
  afterEach(async () => cleanup());

  it('migrate down to nothing and back up', async () => {
    await store.db.insertInto('id_counters').values({ key: 'SYS-20251126', last: 3 }).execute();
    await migrateDownAll(store.db);
    await expect(sql`select count(*) from id_counters`.execute(store.db)).rejects.toThrow();
    await migrateToLatest(store.db);
    const head = await store.db.selectFrom('audit_head').selectAll().executeTakeFirstOrThrow();
    expect(Number(head.seq)).toBe(0);
    expect(await store.db.selectFrom('id_counters').selectAll().execute()).toEqual([]);
  });

  it('is idempotent: opening an up-to-date store changes nothing', async () => {
    await store.db.insertInto('id_counters').values({ key: 'INC-20251126', last: 7 }).execute();
    await migrateToLatest(store.db);
    const row = await store.db.selectFrom('id_counters').selectAll().executeTakeFirstOrThrow();
    expect(Number(row.last)).toBe(7);
  });
});
