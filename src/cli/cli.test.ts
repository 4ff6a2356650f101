/** The CLI as a user runs it: a separate process, exit codes, one-line errors, --json, NO_COLOR. */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../test/cli.js';

const { pfa, dir } = useCli('pfa-cli-', {});

describe('pfa CLI', () => {
  it('creates with flags, prints the id, and reads back nanoseconds as JSON', () => {
    const created = pfa(['incident', 'create', '--title', 'OOM kill', '--severity', 'P1', '--component', 'memory', '--failure-type', 'memory exhaustion', '--started-at', '2025-11-26T10:27:35.123456789Z', '--kind', 'sys', '--json']);
    expect(created.code).toBe(0);
    const rec = JSON.parse(created.stdout) as { id: string; started_at: string; failure_type: string };
    expect(rec.id).toBe('SYS-20251126-001');
    expect(rec.started_at).toBe('2025-11-26T10:27:35.123456789Z');
    expect(rec.failure_type).toBe('memory_exhaustion');
    const plain = pfa(['incident', 'create', '--title', 'second', '--severity', 'P2', '--started-at', '2025-11-26T11:00:00Z', '--kind', 'sys']);
    expect(plain.stdout.trim()).toBe('SYS-20251126-002');
  });

  it('gives user errors exit 1 with one line on stderr and no stack', () => {
    for (const args of [
      ['incident', 'create', '--title', 'x', '--severity', 'P9'],
      ['incident', 'create', '--title', 'x', '--severity', 'P1', '--started-at', '26/11/2025'],
      ['incident', 'create', '--severity', 'P1'],
      ['incident', 'show', 'SYS-20990101-001'],
      ['incident', 'update', 'SYS-20251126-001', '--set', 'title=stale', '--version', '7'],
    ]) {
      const r = pfa(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/^pfa: /);
      expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
  });

  it('reads a file of invalid JSON as a clear user error', () => {
    const bad = join(dir(), 'bad.json');
    writeFileSync(bad, '{"title": ');
    const r = pfa(['incident', 'create', '--file', bad]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/not valid JSON/);
  });

  it('prints the overdue deadlines as the API pages them', () => {
    const out = pfa(['--json', 'overdue']);
    expect(out.code, out.stderr).toBe(0);
    const page = JSON.parse(out.stdout) as { total: number; items: unknown[] };
    expect(page.total).toBe(page.items.length);
  });

  it('uses exit 2 for usage errors and shows stacks only with --debug', () => {
    expect(pfa(['incident', 'frobnicate']).code).toBe(2);
    const both = pfa(['incident', 'import', '--replace', '--new-id', join(dir(), 'none.json')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--new-id.*cannot be used with option '--replace'/);
    expect(pfa(['incident', 'list', '--limit', 'many']).code).toBe(1);
    const debug = pfa(['--debug', 'incident', 'show', 'SYS-20990101-001']);
    expect(debug.stderr).toMatch(/NotFoundError/);
  });

  it('lists as a table without colour under NO_COLOR, and as JSON with paging', () => {
    const r = pfa(['incident', 'list', '--severity', 'P1'], { NO_COLOR: '1', FORCE_COLOR: '' });
    expect(r.stdout).toMatch(/^ID\s+SEVERITY\s+STATUS/);
    expect(r.stdout.includes('\u001b[')).toBe(false);
    const j = JSON.parse(pfa(['--json', 'incident', 'list', '--limit', '1', '--offset', '1']).stdout) as { total: number; items: unknown[] };
    expect(j.total).toBe(2);
    expect(j.items).toHaveLength(1);
  });

  it('updates, transitions and verifies the audit trail', () => {
    expect(pfa(['incident', 'update', 'SYS-20251126-001', '--set', 'impact.trading.orders_lost:=437']).code).toBe(0);
    expect(pfa(['incident', 'transition', 'SYS-20251126-001', 'closed']).code).toBe(1);
    expect(pfa(['incident', 'transition', 'SYS-20251126-001', 'resolved', '--at', '2025-11-26T10:45:00Z']).stdout).toMatch(/now resolved/);
    const v = pfa(['audit', 'verify', '--json']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, checked: 4 });
  });
});

describe('pfa CLI input checks', () => {
  it('checks list filters as the API does instead of answering "no incidents match"', () => {
    for (const args of [['--limit', '0'], ['--severity', 'P9'], ['--status', 'nope'], ['--from', '2025-02-30']]) {
      const r = pfa(['incident', 'list', ...args]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/^pfa: invalid filter: |^pfa: /);
    }
    expect(pfa(['incident', 'list', '--severity', 'p1', '--status', 'open']).code).toBe(0);
  });

  it('honours --json for renderings instead of ignoring it', () => {
    const id = pfa(['incident', 'create', '--title', 'json export', '--severity', 'P3', '--started-at', '2025-10-01T00:00:00Z', '--kind', 'inc']).stdout.trim();
    const r = pfa(['--json', 'incident', 'export', id, '--format', 'md']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id, format: 'md', document: expect.stringContaining('json export') as unknown });
  });

  it('refuses a database URL it cannot open rather than creating a file named after it', () => {
    const r = pfa(['--db', 'mysql://db.example/pfa', 'incident', 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/unsupported database URL scheme/);
  });
});

describe('pfa CLI messages for options and locations', () => {
  it('words an option value outside its choices plainly, naming what it got', () => {
    const status = pfa(['incident', 'list', '--status', 'bogus']);
    expect(status.code).toBe(1);
    expect(status.stderr).toBe(`pfa: --status: expected one of open, mitigated, resolved, postmortem, in_review, approved, closed (got "bogus")\n`);
    const kind = pfa(['incident', 'create', '--title', 'x', '--severity', 'P1', '--kind', 'foo']);
    expect(kind.code).toBe(1);
    expect(kind.stderr).toMatch(/kind: expected one of sys, inc \(got "foo"\)/);
    expect(status.stderr + kind.stderr).not.toMatch(/Invalid option|"\|"/);
  });

  it('refuses a --db or PFA_DATABASE_URL whose directory does not exist, and creates nothing', () => {
    const bin = resolve(import.meta.dirname, '../../bin/pfa.js');
    const typo = join(dir(), 'typo', 'pfa.db');
    const run = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, PFA_HOME: dir(), ...env } });
    const flag = run(['--db', typo, 'incident', 'show', 'SYS-20251119-001']);
    expect(flag.status).toBe(1);
    expect(flag.stderr).toBe(`pfa: --db ${typo}: directory ${join(dir(), 'typo')} does not exist (create it first, or check the path for a typo)\n`);
    const env = run(['incident', 'list'], { PFA_DATABASE_URL: typo });
    expect(env.status).toBe(1);
    expect(env.stderr).toMatch(/^pfa: PFA_DATABASE_URL .*: directory .* does not exist/);
    expect(existsSync(join(dir(), 'typo'))).toBe(false);
  });
});
