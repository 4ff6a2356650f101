/** The workspace and the post-mortem as a user drives them: separate `pfa` processes on one store. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../test/cli.js';

const { pfa, dir } = useCli('pfa-pm-cli-');

describe('pfa workspace commands', () => {
  it('saves a reconstructed timeline into an incident, curates it, and the post-mortem table follows the curation', () => {
    const log = join(dir(), 'gw.log');
    writeFileSync(
      log,
      [
        '2025-11-26 10:27:35,123456 ERROR [io] gw.Session - connection timeout to NASDAQ',
        '2025-11-26 10:27:36,000 INFO  [io] gw.Session - retrying',
        '2025-11-26 10:28:45,500 CRITICAL [io] gw.Breaker - circuit breaker open',
        '',
      ].join('\n'),
    );
    const id = pfa(['incident', 'create', '--title', 'NASDAQ session down', '--severity', 'P1', '--started-at', '2025-11-26T10:27:00Z', '--ended-at', '2025-11-26T10:45:00Z', '--kind', 'inc']).stdout.trim();
    expect(id).toBe('INC-20251126-001');
    expect(pfa(['evidence', 'add', id, log]).code).toBe(0);

    const saved = pfa(['timeline', id, '--save']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toMatch(/saved into INC-20251126-001: 2 new entries/);
    expect(pfa(['timeline', id, '--save']).stderr).toMatch(/0 new entries, 2 already there/);

    const shown = JSON.parse(pfa(['curate', id, '--json']).stdout) as { timeline: { id: string; at: string; event: string; evidence?: string[] }[] };
    expect(shown.timeline.map((e) => [e.id, e.at])).toEqual([
      ['T1', '2025-11-26T10:27:35.123456Z'],
      ['T2', '2025-11-26T10:28:45.500Z'],
    ]);
    // Each saved entry links back to its line of the attached file.
    expect(shown.timeline[0]?.evidence?.[0]).toMatch(/^log:file-[0-9a-f]{12}-INC-20251126-001#line 1$/);

    expect(pfa(['curate', id, 'pin', 'T2']).code).toBe(0);
    expect(pfa(['curate', id, 'mark', 'T1', 'first indication']).code).toBe(0);
    expect(pfa(['curate', id, 'annotate', 'T2', 'breaker', 'tripped', 'too', 'early']).code).toBe(0);
    expect(pfa(['curate', id, 'add', '--at', '2025-11-26T10:45:00Z', '--event', 'Trading resumed', '--marker', 'recovery']).code).toBe(0);
    const bad = pfa(['curate', id, 'mark', 'T9', 'fix']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no timeline entry T9; there are T1, T2, T3/);

    const why = pfa(['rca', 'whys', id, 'add', '--question', 'Why did the session drop?', '--answer', 'DNS lookups timed out', '--evidence', shown.timeline[0]?.evidence?.[0] as string]);
    expect(why.code, why.stderr).toBe(0);
    const tree = pfa(['rca', 'whys', id]);
    expect(tree.stdout).toContain('W1 Why did the session drop?');
    expect(tree.stdout).toContain('gw.log line 1: 2025-11-26 10:27:35,123456 ERROR [io] gw.Session - connection timeout to NASDAQ');

    const md = pfa(['postmortem', id, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    const table = md.stdout.slice(md.stdout.indexOf('Timeline'));
    // Pinned and marked entries only: T2 (pinned), T1 (first indication), T3 (recovery).
    expect(table).toContain('connection timeout to NASDAQ');
    expect(table).toContain('breaker tripped too early');
    expect(table).toContain('Trading resumed');

    const out = join(dir(), 'pm.html');
    expect(pfa(['postmortem', id, '--format', 'html', '-o', out]).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/<svg[\s>]/);

    // A removed entry stays removed when the reconstruction is saved again.
    expect(pfa(['curate', id, 'remove', 'T1']).code).toBe(0);
    expect(pfa(['timeline', id, '--save']).stderr).toMatch(/: 0 new entries, 1 already there, 1 removed by a curator before \(not brought back\); 2 in all/);
  }, 120_000); // about twenty `pfa` processes

  it('refuses usage mistakes with exit 2 and bad values with exit 1, storing nothing; notes go to stderr', () => {
    expect(pfa(['demo', '--replace']).code).toBe(0); // --replace: the test above made an incident with a demo id
    const id = 'SYS-20251119-001';
    const version = () => (JSON.parse(pfa(['--json', 'incident', 'show', id]).stdout) as { version: number }).version;
    const v = version();
    const conflicting = pfa(['rca', 'whys', id, 'edit', 'W5', '--root-cause', '--not-root-cause']);
    expect(conflicting.code).toBe(2);
    expect(conflicting.stderr).toMatch(/cannot be used with option '--not-root-cause'/);
    expect(pfa(['curate', id, 'mark', 'T6', 'detection', 'extra']).code).toBe(2);
    const drafts = JSON.parse(pfa(['--json', 'rca', 'actions', id]).stdout) as { drafts: { id: string }[] };
    const due = pfa(['rca', 'actions', id, 'adopt', drafts.drafts[0]?.id ?? '', '--due', 'tomorrow']);
    expect(due.code).toBe(1);
    expect(due.stderr.trim()).toMatch(/^pfa: invalid due date "tomorrow": expected a date such as 2025-12-01/);
    expect(version()).toBe(v);

    const removed = pfa(['curate', id, 'remove', 'T10', 'T9']);
    expect(removed.stdout).toMatch(/^removed T10, T9 /);
    const added = pfa(['curate', id, 'add', '--at', '2025-11-19T14:08:31Z', '--event', 'OOM kill found in dmesg', '--marker', 'diagnosis']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^added T\d+ /);
    expect(added.stderr).toMatch(/^note: diagnosis marker moved from T7 to T\d+$/m);
  }, 60_000);
});
