/** What `pfa store copy` refuses, and that a refused or failed copy leaves the target as it was. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/store.js';
import { openStore, type Store } from '../db/database.js';
import { TABLE_NAMES } from '../db/tables.js';
import { createIncident } from '../incidents/service.js';
import { cliContext } from '../shared/context.js';
import { ConflictError, InputError } from '../shared/errors.js';
import { databases, freshStore, type TestDatabase } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { copyStore } from './copy.js';
import { countRows } from './rows.js';
import { depsOf, fillStore, snapshotOf } from './test-fixtures.js';

const pairs = databases.flatMap((from) => databases.map((to) => ({ from, to, name: `${from.name} → ${to.name}` })));

/** The target as a fresh store holds it: no rows but the audit head at entry 0. */
async function expectEmpty(url: string): Promise<void> {
  const store = await openStore(url);
  try {
    const counts = await countRows(store.db);
    expect(counts).toEqual(Object.fromEntries(TABLE_NAMES.map((t) => [t, t === 'audit_head' ? 1 : 0])));
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true, checked: 0 });
  } finally {
    await store.close();
  }
}

/** A migrated, empty store at `db` that refuses one row of the last table copied: a real constraint, not a mock. */
async function refusingTarget(db: TestDatabase): Promise<{ url: string; drop: () => Promise<void> }> {
  const target = await db.create();
  const store = await openStore(target.url);
  try {
    if (db.name === 'sqlite') {
      await sql`create trigger refuse_one before insert on timeline_dismissals when new.entry_id = 'T1499' begin select raise(abort, 'refused by the test'); end`.execute(store.db);
    } else {
      await sql`alter table timeline_dismissals add constraint refuse_one check (entry_id <> 'T1499')`.execute(store.db);
    }
  } finally {
    await store.close();
  }
  return target;
}

describe.each(pairs)('a copy refused or failed, $name', ({ from, to }) => {
  let source: Store;
  let cleanup: () => Promise<void>;
  const drops: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    ({ store: source, cleanup } = await freshStore(from));
    await fillStore(source);
  });
  afterEach(async () => {
    await cleanup();
    for (const drop of drops.splice(0)) await drop();
  });

  it('refuses a target that holds data, and changes nothing in it', async () => {
    const target = await freshStore(to);
    drops.push(target.cleanup);
    await createIncident(depsOf(target.store), cliContext(), buildIncident({ title: 'already here' }));
    const before = await snapshotOf(target.store);
    const err: unknown = await copyStore(source, target.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/ is not empty \(incidents: 1 row, incident_records: 1 row, id_counters: 1 row, audit_log: 1 row, audit_head: 1 row\): copy into a new SQLite file or an empty database$/);
    expect(await snapshotOf(target.store)).toEqual(before);
  });

  it('leaves the target empty when it refuses a row in the middle of the copy', async () => {
    const target = await refusingTarget(to);
    drops.push(target.drop);
    const err: unknown = await copyStore(source, target.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toMatch(/refused a row of timeline_dismissals: .*; the copy was rolled back, nothing was written$/);
    await expectEmpty(target.url);
  });

  it.skipIf(from.name !== 'sqlite' || to.name !== 'postgres')('leaves PostgreSQL empty when a value SQLite took does not fit', async () => {
    // SQLite never enforced varchar(300); PostgreSQL does.
    await source.db.updateTable('incidents').set({ title: 'x'.repeat(301) }).where('id', '=', 'SYS-20251126-001').execute();
    const target = await to.create();
    drops.push(target.drop);
    const err: unknown = await copyStore(source, target.url).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/refused a row of incidents: value too long for type character varying\(300\)/);
    await expectEmpty(target.url);
  });

  it('copies an audit trail broken in the source as it is, and says it does not verify', async () => {
    await source.db.updateTable('audit_log').set({ actor: 'someone else' }).where('seq', '=', 2).execute();
    const broken = await verifyAudit(source.db);
    expect(broken.ok).toBe(false);
    const target = await to.create();
    drops.push(target.drop);
    const result = await copyStore(source, target.url);
    expect(result).toMatchObject({ verified: false, problems: broken.problems });
    const copy = await openStore(target.url);
    try {
      expect(await verifyAudit(copy.db)).toEqual(broken);
    } finally {
      await copy.close();
    }
  });
});

describe.each(databases)('copying a store on $name onto itself', (database) => {
  let source: Store;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ store: source, url, cleanup } = await freshStore(database)));
  afterEach(async () => cleanup());

  it('is refused, however the location is spelt, even when the store is empty', async () => {
    const names = database.name === 'sqlite' ? [url, relative(process.cwd(), url), `sqlite:${url}`] : [url, url.replace(/^postgres:/, 'postgresql:')];
    for (const name of names) {
      const err: unknown = await copyStore(source, name).catch((e: unknown) => e);
      expect(err, name).toBeInstanceOf(InputError);
      expect((err as Error).message).toMatch(/ is the store being copied \(.*\): name another SQLite file or database$/);
    }
  });

  it('refuses an SQLite target whose directory is missing, and creates nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pfa-copy-'));
    try {
      const typo = join(dir, 'typo', 'copy.db');
      const err: unknown = await copyStore(source, typo).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toBe(`TARGET ${typo}: directory ${dirname(typo)} does not exist (create it first, or check the path for a typo)`);
      expect(existsSync(dirname(typo))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
