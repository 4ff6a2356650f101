/**
 * The store table by table, as rows of plain values: read in pages by primary key, written in
 * batches, counted and compared. The table is a name from TABLES chosen at run time, so Kysely's
 * per-table row types cannot follow; the rows are what the driver returns.
 */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import { columnsOf, portableValue } from '../db/dialect.js';
import { TABLE_NAMES, TABLES, type TableName } from '../db/tables.js';

export type Row = Record<string, unknown>;
type AnyDb = Kysely<Record<string, Row>>;

const anyDb = (db: Db): AnyDb => db as unknown as AnyDb;

/** What a page of rows may hold, roughly, in characters: evidence content runs to megabytes a row. */
export const PAGE_BUDGET = 8 * 1024 * 1024;
// Rows whose sizes are read at a time (keys and one number each), and so at most per page.
const LOOK_AHEAD = 1000;
// Parameters per insert: under SQLite's limit (32,766) and PostgreSQL's (65,535).
const MAX_PARAMETERS = 30_000;

/**
 * How many of the rows ahead, of these sizes, make the next page: as many as fit the budget, and
 * at least one (a row larger than the budget comes alone).
 * @example pageLength([400, 400, 400], 1000) === 2
 */
export function pageLength(sizes: readonly number[], budget: number): number {
  let n = 0;
  let total = 0;
  for (const size of sizes) {
    if (n > 0 && total + size > budget) break;
    total += size;
    n++;
  }
  return n;
}

/** `(a, b) > (x, y)` or `<=`: a row value comparison, which both databases answer from the primary key's index. */
function keyCompare(key: readonly string[], op: '>' | '<=', row: Row) {
  return sql<boolean>`(${sql.join(key.map((k) => sql.ref(k)))}) ${sql.raw(op)} (${sql.join(key.map((k) => row[k]))})`;
}

/**
 * The rows of `table` in primary-key order, a page at a time. Keyset pagination (each page starts
 * after the last key of the one before) costs the same at the end of a table as at the start. Each
 * page is sized before it is read, from the lengths of the rows ahead (read for a thousand rows at a
 * time), so memory stays within the budget whatever mix of small and large rows a table holds.
 * @example for await (const rows of pages(db, 'evidence')) write(rows);
 */
export async function* pages(db: Db, table: TableName, { budget = PAGE_BUDGET }: { budget?: number } = {}): AsyncGenerator<Row[]> {
  const key: readonly string[] = TABLES[table];
  const size = sql.join(
    (await columnsOf(db, table)).map((c) => sql`coalesce(length(cast(${sql.ref(c)} as text)), 0)`),
    sql` + `,
  );
  let last: Row | undefined;
  let ahead: Row[] = [];
  let more = true;
  for (;;) {
    if (ahead.length === 0) {
      if (!more) return;
      let q = anyDb(db)
        .selectFrom(table)
        .select([...key.map((k) => sql.ref(k).as(k)), sql<number | string>`${size}`.as('pfa_row_size')]);
      if (last) q = q.where(keyCompare(key, '>', last));
      for (const k of key) q = q.orderBy(sql.ref(k));
      ahead = await q.limit(LOOK_AHEAD).execute();
      more = ahead.length === LOOK_AHEAD;
    }
    const n = pageLength(ahead.map((r) => Number(r.pfa_row_size)), budget);
    const end = ahead[n - 1];
    if (!end) return;
    let q = anyDb(db).selectFrom(table).selectAll().where(keyCompare(key, '<=', end));
    if (last) q = q.where(keyCompare(key, '>', last));
    for (const k of key) q = q.orderBy(sql.ref(k));
    yield await q.execute();
    last = end;
    ahead = ahead.slice(n);
  }
}

/** Inserts rows as read from another store (either database), in as few statements as the parameter limits allow. */
export async function insertRows(trx: Db, table: TableName, rows: readonly Row[]): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const batch = Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
  for (let i = 0; i < rows.length; i += batch) {
    const values = rows.slice(i, i + batch).map((r) => Object.fromEntries(Object.entries(r).map(([c, v]) => [c, portableValue(v)])));
    await anyDb(trx).insertInto(table).values(values).execute();
  }
}

/** Deletes every row of a table (inside the caller's transaction). */
export async function deleteRows(trx: Db, table: TableName): Promise<void> {
  await anyDb(trx).deleteFrom(table).execute();
}

/** The number of rows of each table. */
export async function countRows(db: Db, tables: readonly TableName[] = TABLE_NAMES): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const t of tables) {
    const row = await anyDb(db)
      .selectFrom(t)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[t] = Number(row.n);
  }
  return counts;
}

/**
 * A row in a form both databases give alike, for comparing: every value as text (PostgreSQL returns
 * a bigint as a string, SQLite as a number; a boolean is true on one and 1 on the other), null as null.
 * @example normalizeRow({ seq: '3', hash: 'ab' }) // { seq: '3', hash: 'ab' }
 */
export function normalizeRow(row: Row): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v === null || v === undefined ? null : String(portableValue(v));
  return out;
}

/** Every row of a table, normalized, in primary-key order: for small tables and tests. */
export async function allRows(db: Db, table: TableName): Promise<Record<string, string | null>[]> {
  const out: Record<string, string | null>[] = [];
  for await (const rows of pages(db, table)) for (const r of rows) out.push(normalizeRow(r));
  return out;
}
