import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/store.js';
import { authenticate } from '../auth/service.js';
import { openStore, type Store } from '../db/database.js';
import { TABLE_NAMES } from '../db/tables.js';
import { createIncident, getIncident } from '../incidents/service.js';
import { publishedVersions } from '../postmortem/review/service.js';
import { cliContext } from '../shared/context.js';
import { databases, freshStore } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { copyStore, type CopyProgress } from './copy.js';
import { countRows } from './rows.js';
import { depsOf, fillStore, snapshotOf } from './test-fixtures.js';

const pairs = databases.flatMap((from) => databases.map((to) => ({ from, to, name: `${from.name} → ${to.name}` })));

describe.each(pairs)('pfa store copy, $name', ({ from, to }) => {
  let source: Store;
  let sourceUrl: string;
  let token: string;
  let target: { url: string; drop: () => Promise<void> };
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store: source, url: sourceUrl, cleanup } = await freshStore(from));
    ({ token } = await fillStore(source));
    target = await to.create();
  });
  afterEach(async () => {
    await cleanup();
    await target.drop();
  });

  it('copies every row of every table exactly, and says so', async () => {
    const progress: CopyProgress[] = [];
    const result = await copyStore(source, target.url, { onProgress: (p) => progress.push(p) });
    expect(result.verified).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.tables).toEqual(await countRows(source.db));
    for (const t of TABLE_NAMES) expect(result.tables[t], t).toBeGreaterThan(0);
    // progress names each table in turn and ends at its total
    expect([...new Set(progress.map((p) => p.table))]).toEqual(TABLE_NAMES);
    expect(progress.filter((p) => p.table === 'timeline_dismissals').at(-1)).toEqual({ table: 'timeline_dismissals', copied: 1500, total: 1500 });

    const copy = await openStore(target.url);
    try {
      expect(await snapshotOf(copy)).toEqual(await snapshotOf(source));
      expect((await verifyAudit(copy.db)).ok).toBe(true);
    } finally {
      await copy.close();
    }
  });

  it('gives a store that works: records, reviews, tokens and the next id carry on', async () => {
    await copyStore(source, target.url);
    const copy = await openStore(target.url);
    try {
      const deps = depsOf(copy);
      expect(await getIncident(deps, 'INC-20251126-001')).toEqual(await getIncident(depsOf(source), 'INC-20251126-001'));
      expect((await publishedVersions(deps, 'INC-20251126-001')).map((v) => v.number)).toEqual([1]);
      expect(await authenticate(deps, `Bearer ${token}`)).toMatchObject({ name: 'ci-bot', role: 'responder' });
      // SYS-20251126-001 exists in the copy: the counter continues from it.
      const next = await createIncident(deps, cliContext(), buildIncident({ title: 'after the move' }));
      expect(next.id).toBe('SYS-20251126-002');
      const audit = await verifyAudit(copy.db);
      expect(audit.ok).toBe(true);
      expect(audit.checked).toBe((await countRows(source.db)).audit_log + 1);
    } finally {
      await copy.close();
    }
  });

  // A writer that runs in the middle of a progress callback must be synchronous: better-sqlite3's.
  // On PostgreSQL, db/dialect.test.ts shows the read-only transaction keeping its snapshot.
  it.skipIf(from.name !== 'sqlite')('copies the store as of one moment while another process writes', async () => {
    const writer = new Database(sourceUrl);
    writer.pragma('busy_timeout = 5000');
    let wrote = false;
    try {
      const result = await copyStore(source, target.url, {
        onProgress: (p) => {
          // After the snapshot was taken, before api_tokens is read.
          if (p.table !== 'incidents' || wrote) return;
          writer.prepare("insert into api_tokens (id, name, role, token_hash, created_at, created_by) values ('tok_late', 'late', 'viewer', ?, '2025-11-28T00:00:00Z', 'x')").run('f'.repeat(64));
          wrote = true;
        },
      });
      expect(wrote).toBe(true);
      expect(result.tables.api_tokens).toBe(1);
      expect((await countRows(source.db)).api_tokens).toBe(2);
    } finally {
      writer.close();
    }
  });
});
