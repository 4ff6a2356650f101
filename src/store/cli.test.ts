/** `pfa store copy` as a user runs it: a backup file, PostgreSQL and back, and what it refuses. */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../test/cli.js';
import { databases } from '../test/databases.js';

const { pfa, dir } = useCli('pfa-store-cli-');

interface CopyJson {
  target: string;
  tables: Record<string, number>;
  verified: boolean;
}

const postgres = databases.find((d) => d.name === 'postgres');

describe('pfa store copy', () => {
  it('copies the store into a new file, verified, and the copy serves the same data', () => {
    expect(pfa(['demo']).code).toBe(0);
    const backup = join(dir(), 'backup.db');
    const r = pfa(['store', 'copy', backup]);
    expect(r.code, r.stderr).toBe(0);
    // no progress line: stderr is not a terminal here
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^TABLE +ROWS\nincidents +2\nincident_records +2\n/);
    expect(r.stdout).toMatch(/\ncopied into .*backup\.db: row counts equal, audit trail intact \(\d+ entries\)\n$/);

    const other = (args: string[]) => pfa(['--db', backup, ...args]);
    expect(other(['audit', 'verify']).stdout).toMatch(/^audit trail intact/);
    expect(other(['incident', 'show', 'INC-20251126-001', '--json']).stdout).toBe(pfa(['incident', 'show', 'INC-20251126-001', '--json']).stdout);
  });

  it('answers --json with the target, the rows per table and the verdict', () => {
    const r = pfa(['store', 'copy', join(dir(), 'json.db'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as CopyJson;
    expect(out).toMatchObject({ target: join(dir(), 'json.db'), verified: true });
    expect(Object.keys(out.tables)).toEqual(['incidents', 'incident_records', 'id_counters', 'audit_log', 'audit_head', 'api_tokens', 'evidence', 'postmortem_events', 'postmortem_versions', 'timeline_dismissals']);
    expect(out.tables.incidents).toBe(2);
  });

  it('refuses a target that holds data, the store itself and a missing directory (exit 1)', () => {
    const again = pfa(['store', 'copy', join(dir(), 'backup.db')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^pfa: .*backup\.db is not empty \(incidents: 2 rows, .*\): copy into a new SQLite file or an empty database\n$/);
    const itself = pfa(['store', 'copy', join(dir(), 'pfa.db')]);
    expect(itself.code).toBe(1);
    expect(itself.stderr).toMatch(/is the store being copied/);
    const typo = pfa(['store', 'copy', join(dir(), 'typo', 'x.db')]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/^pfa: TARGET .*typo\/x\.db: directory .*typo does not exist/);
    expect(existsSync(join(dir(), 'typo'))).toBe(false);
  });

  it('says an unreachable database is unavailable (exit 3) and an unknown scheme is bad input', () => {
    expect(pfa(['store', 'copy', 'postgres://pfa@127.0.0.1:1/none']).code).toBe(3);
    const mysql = pfa(['store', 'copy', 'mysql://host/db']);
    expect(mysql.code).toBe(1);
    expect(mysql.stderr).toMatch(/unsupported database URL scheme "mysql:"/);
  });

  it.skipIf(!postgres)('moves the store to PostgreSQL and back', async () => {
    const db = await (postgres ?? expect.unreachable()).create();
    try {
      const up = pfa(['--json', 'store', 'copy', db.url]);
      expect(up.code, up.stderr).toBe(0);
      const tables = (JSON.parse(up.stdout) as CopyJson).tables;
      const back = join(dir(), 'back.db');
      const down = pfa(['--db', db.url, '--json', 'store', 'copy', back]);
      expect(down.code, down.stderr).toBe(0);
      expect((JSON.parse(down.stdout) as CopyJson).tables).toEqual(tables);
      expect(pfa(['--db', back, 'audit', 'verify']).code).toBe(0);
    } finally {
      await db.drop();
    }
  });

  // Last: it edits the sandbox's store behind pfa's back.
  it('copies an audit trail broken in the source as it is, says so and exits 1', () => {
    const db = new Database(join(dir(), 'pfa.db'));
    db.prepare("update audit_log set actor = 'someone else' where seq = 2").run();
    db.close();
    const r = pfa(['store', 'copy', join(dir(), 'tampered.db')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^TABLE +ROWS\n/);
    expect(r.stderr).toMatch(/^copied into .*tampered\.db, but the audit trail was already broken in the source: 1 problem\(s\)\n {2}entry 2: entry 2 does not match its hash \(content edited\)\n$/);
    expect(pfa(['--db', join(dir(), 'tampered.db'), 'audit', 'verify']).code).toBe(1);
  });
});
