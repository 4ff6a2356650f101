/**
 * Whether a store is empty: no row in any table beyond those its migrations insert (the audit
 * chain's head at entry 0), which a copy replaces with the source's.
 */
import { openStore, type Db } from '../db/database.js';
import { TABLE_NAMES, type TableName } from '../db/tables.js';
import { allRows, countRows } from './rows.js';

export type Rows = Record<string, string | null>[];

/**
 * The rows a freshly migrated store holds, table by table (normalized), read from a throwaway
 * in-memory store: what a new migration inserts is then known here without being repeated.
 * @example (await migrationRows()).get('audit_head')?.length === 1
 */
export async function migrationRows(): Promise<Map<TableName, Rows>> {
  const fresh = await openStore(':memory:');
  try {
    const out = new Map<TableName, Rows>();
    for (const t of TABLE_NAMES) out.set(t, await allRows(fresh.db, t));
    return out;
  } finally {
    await fresh.close();
  }
}

/**
 * The tables among `tables` that hold more than the migrations' rows, with their row counts.
 * @example await tablesInUse(db, await migrationRows()) // [{ table: 'incidents', rows: 2 }]
 */
export async function tablesInUse(db: Db, baseline: Map<TableName, Rows>, tables: readonly TableName[] = TABLE_NAMES): Promise<{ table: TableName; rows: number }[]> {
  const counts = await countRows(db, tables);
  const used: { table: TableName; rows: number }[] = [];
  for (const table of tables) {
    const expected = baseline.get(table) ?? [];
    const rows = counts[table];
    // The same number of rows as a fresh store is empty only when they are the same rows.
    if (rows !== expected.length || (rows > 0 && JSON.stringify(await allRows(db, table)) !== JSON.stringify(expected))) used.push({ table, rows });
  }
  return used;
}
