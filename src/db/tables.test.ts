/**
 * TABLES is the list that code needing every table reads (`pfa store copy`): it must name exactly
 * the tables the migrations create, with their primary keys, parents before children.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databases, freshStore } from '../test/databases.js';
import type { Db, Store } from './database.js';
import { TABLE_NAMES, TABLES } from './tables.js';

interface Shape {
  primaryKey: string[];
  parents: string[];
}

/** The primary key and referenced tables of `table`, from the database's own catalogue. */
async function shapeOf(store: Store, table: string): Promise<Shape> {
  const db: Db = store.db;
  if (store.dialect === 'sqlite') {
    const pk = await sql<{ name: string }>`select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db);
    const fk = await sql<{ parent: string }>`select "table" as parent from pragma_foreign_key_list(${table})`.execute(db);
    return { primaryKey: pk.rows.map((r) => r.name), parents: fk.rows.map((r) => r.parent) };
  }
  const pk = await sql<{ name: string }>`
    select k.column_name as name from information_schema.table_constraints c
    join information_schema.key_column_usage k on k.constraint_name = c.constraint_name and k.table_schema = c.table_schema
    where c.constraint_type = 'PRIMARY KEY' and c.table_schema = current_schema() and c.table_name = ${table}
    order by k.ordinal_position`.execute(db);
  const fk = await sql<{ parent: string }>`
    select u.table_name as parent from information_schema.table_constraints c
    join information_schema.constraint_column_usage u on u.constraint_name = c.constraint_name and u.table_schema = c.table_schema
    where c.constraint_type = 'FOREIGN KEY' and c.table_schema = current_schema() and c.table_name = ${table}`.execute(db);
  return { primaryKey: pk.rows.map((r) => r.name), parents: fk.rows.map((r) => r.parent) };
}

describe.each(databases)('the table list on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store, cleanup } = await freshStore(database)));
  afterEach(async () => cleanup());

  it('names every table the migrations create, and only those', async () => {
    const created = (await store.db.introspection.getTables()).map((t) => t.name);
    expect([...TABLE_NAMES].sort()).toEqual([...created].sort());
  });

  it('gives each table its primary key, and lists every table after the tables it references', async () => {
    for (const [i, table] of TABLE_NAMES.entries()) {
      const shape = await shapeOf(store, table);
      expect(shape.primaryKey, table).toEqual(TABLES[table]);
      for (const parent of shape.parents) expect((TABLE_NAMES as readonly string[]).indexOf(parent), `${table} references ${parent}`).toBeLessThan(i);
    }
  });
});
