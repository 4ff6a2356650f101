import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../db/database.js';
import { databases, freshStore } from '../test/databases.js';
import { normalizeRow, pageLength, pages, type Row } from './rows.js';
import { fillStore } from './test-fixtures.js';

/** A row's size as the pages measure it: the length of each value as text. */
const charsOf = (r: Row) => Object.values(normalizeRow(r)).reduce((n, v) => n + (v?.length ?? 0), 0);

describe('pageLength', () => {
  it('takes the rows that fit the budget, and a row larger than it alone', () => {
    expect(pageLength([400, 400, 400], 1000)).toBe(2);
    expect(pageLength([400, 600, 1], 1000)).toBe(2);
    expect(pageLength([5000, 1], 1000)).toBe(1);
    expect(pageLength([1, 5000], 1000)).toBe(1);
    expect(pageLength([], 1000)).toBe(0);
  });
});

describe.each(databases)('reading a table in pages on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(database));
    await fillStore(store);
  });
  afterEach(async () => cleanup());

  const read = async (table: 'evidence' | 'timeline_dismissals', budget?: number) => {
    const sizes: number[] = [];
    const rows: Row[] = [];
    const chars: number[] = [];
    for await (const page of pages(store.db, table, budget === undefined ? {} : { budget })) {
      sizes.push(page.length);
      rows.push(...page);
      chars.push(page.reduce((n, r) => n + charsOf(r), 0));
    }
    return { sizes, rows, chars };
  };

  it('gives every row once, in key order, by a key of two columns', async () => {
    const { sizes, rows } = await read('timeline_dismissals');
    expect(sizes).toEqual([1000, 500]);
    expect(new Set(rows.map((r) => `${String(r.incident_id)} ${String(r.key_sha256)}`)).size).toBe(1500);
    const small = await read('timeline_dismissals', 10_000);
    expect(small.rows).toEqual(rows);
    // each page as full as the budget allows (the next row would not have fitted), but for the
    // one that ends the thousand rows sized at a time
    let start = 0;
    for (const [i, n] of small.sizes.entries()) {
      expect(small.chars[i]).toBeLessThanOrEqual(10_000);
      start += n;
      const next = rows[start];
      if (next && start !== 1000) expect((small.chars[i] ?? 0) + charsOf(next)).toBeGreaterThan(10_000);
    }
  });

  it('reads a row larger than the budget alone, and the small ones around it together', async () => {
    const all = await read('evidence');
    expect(all.sizes).toEqual([all.rows.length]);
    const big = all.rows.findIndex((r) => r.id === 'file-big-SYS-20251126-001');
    const small = await read('evidence', 100_000);
    expect(small.rows).toEqual(all.rows);
    expect(small.sizes).toEqual(big === 0 ? [1, all.rows.length - 1] : [big, 1, all.rows.length - big - 1].filter((n) => n > 0));
  });
});
