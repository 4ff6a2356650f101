import { mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, freshStore } from '../test/databases.js';
import { openStore, type Store } from './database.js';
import { advanceSequences, columnsOf, databaseIdentity, isConstraintViolation, portableValue } from './dialect.js';

const counters = async (db: Store['db']) => (await db.selectFrom('id_counters').select('key').execute()).length;

describe.each(databases)('dialect helpers on $name', (database) => {
  let store: Store;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, url, cleanup } = await freshStore(database)));
  afterEach(async () => cleanup());

  it('a read-only transaction sees one snapshot while another connection writes, and does not block it', async () => {
    const writer = await openStore(url);
    try {
      await store.db.insertInto('id_counters').values({ key: 'SYS-20251126', last: 1 }).execute();
      await store.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (snap) => {
          expect(await counters(snap)).toBe(1);
          await writer.db.insertInto('id_counters').values({ key: 'INC-20251126', last: 1 }).execute();
          expect(await counters(snap)).toBe(1);
        });
      expect(await counters(store.db)).toBe(2);
    } finally {
      await writer.close();
    }
  });

  it('knows a store by its identity, whatever the location names it', async () => {
    const again = await openStore(url);
    try {
      expect(await databaseIdentity(again.db)).toBe(await databaseIdentity(store.db));
    } finally {
      await again.close();
    }
    const other = await freshStore(database);
    try {
      expect(await databaseIdentity(other.store.db)).not.toBe(await databaseIdentity(store.db));
    } finally {
      await other.cleanup();
    }
  });

  it('recognizes the database refusing a value as a constraint violation', async () => {
    await store.db.insertInto('id_counters').values({ key: 'K', last: 1 }).execute();
    const duplicate: unknown = await store.db.insertInto('id_counters').values({ key: 'K', last: 2 }).execute().catch((e: unknown) => e);
    expect(isConstraintViolation(duplicate)).toBe(true);
    const orphan: unknown = await store.db.insertInto('incident_records').values({ id: 'SYS-NONE', record: '{}' }).execute().catch((e: unknown) => e);
    expect(isConstraintViolation(orphan)).toBe(true);
    expect(isConstraintViolation(new Error('boom'))).toBe(false);
  });

  it('lists the columns of a table in their order', async () => {
    expect(await columnsOf(store.db, 'audit_head')).toEqual(['id', 'seq', 'hash']);
    expect(await columnsOf(store.db, 'no_such_table')).toEqual([]);
  });

  it('binds a boolean on both databases', async () => {
    await sql`create table flags (id integer primary key, on_call boolean not null)`.execute(store.db);
    await sql`insert into flags (id, on_call) values (1, ${portableValue(true)}), (2, ${portableValue(false)})`.execute(store.db);
    const { rows } = await sql<{ on_call: unknown }>`select on_call from flags order by id`.execute(store.db);
    expect(rows.map((r) => Boolean(r.on_call))).toEqual([true, false]);
  });

  it('moves a sequence past ids inserted as given', async () => {
    const serial = database.name === 'postgres' ? sql`serial primary key` : sql`integer primary key`;
    await sql`create table numbered (id ${serial}, note text)`.execute(store.db);
    await sql`insert into numbered (id, note) values (41, 'copied'), (42, 'copied')`.execute(store.db);
    await advanceSequences(store.db, 'numbered');
    await sql`insert into numbered (note) values ('new')`.execute(store.db);
    const { rows } = await sql<{ id: number }>`select id from numbered where note = 'new'`.execute(store.db);
    expect(rows[0]?.id).toBe(43);
    // an empty table keeps its sequence where it is
    await expect(advanceSequences(store.db, 'id_counters')).resolves.toBeUndefined();
  });
});

describe('the identity of an SQLite file', () => {
  const sqliteFile = databases.find((d) => d.name === 'sqlite') ?? expect.unreachable();
  it('is the same through a relative path and a symlink', async () => {
    const { url, drop } = await sqliteFile.create();
    const link = join(dirname(url), 'link', 'pfa.db');
    mkdirSync(dirname(link));
    symlinkSync(url, link);
    const stores: Store[] = [];
    try {
      // one after the other: migrations that ran at once on one file would each create the tables
      for (const u of [url, relative(process.cwd(), url), link]) stores.push(await openStore(u));
      const ids = await Promise.all(stores.map((s) => databaseIdentity(s.db)));
      expect(new Set(ids).size).toBe(1);
      const memory = await openStore(':memory:');
      expect(await databaseIdentity(memory.db)).toBeNull();
      await memory.close();
    } finally {
      await Promise.all(stores.map((s) => s.close()));
      await drop();
    }
  });
});
