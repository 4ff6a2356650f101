/** `pfa incident export` and `import` as a user runs them: separate `pfa` processes on one store. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../test/cli.js';

const { pfa, dir } = useCli('pfa-incident-cli-');

const LOG = [
  '2025-11-26 10:27:35,123456 ERROR [io] gw.Session - connection timeout to NASDAQ',
  '2025-11-26 10:28:45,500 CRITICAL [io] gw.Breaker - circuit breaker open',
  '',
].join('\n');

describe('pfa incident export and import', () => {
  it('keeps a timeline entry a curator removed removed in a copy imported with --new-id', () => {
    const log = join(dir(), 'gw.log');
    writeFileSync(log, LOG);
    const id = pfa(['incident', 'create', '--title', 'NASDAQ session down', '--severity', 'P1', '--started-at', '2025-11-26T10:27:00Z', '--kind', 'inc']).stdout.trim();
    expect(id).toBe('INC-20251126-001');
    expect(pfa(['evidence', 'add', id, log]).code).toBe(0);
    expect(pfa(['timeline', id, '--save']).stderr).toMatch(/saved into INC-20251126-001: 2 new entries/);
    expect(pfa(['curate', id, 'remove', 'T1']).code).toBe(0);

    // The default format, the text form.
    const file = join(dir(), 'export.txt');
    const exported = pfa(['incident', 'export', id, '-o', file]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/REMOVED TIMELINE ENTRIES \(UTC\)\n=+\n\n\[[\d-]+ [\d:.]+ UTC\] T1\n {4}Removed By: tester\n {4}Keys: [0-9a-f]{64}, [0-9a-f]{64}\n/);
    const imported = pfa(['incident', 'import', file, '--new-id']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toBe(`INC-20251126-002: created (from ${file})\n`);

    // The copy's own evidence: the same file, under an id of the copy's.
    const copy = 'INC-20251126-002';
    expect(pfa(['evidence', 'add', copy, log]).code).toBe(0);
    const saved = pfa(['timeline', copy, '--save']);
    expect(saved.code, saved.stderr).toBe(0);
    expect(saved.stderr).toMatch(/saved into INC-20251126-002: 0 new entries, 1 already there, 1 removed by a curator before \(not brought back\); 1 in all/);
    const timeline = JSON.parse(pfa(['curate', copy, '--json']).stdout) as { timeline: { id: string; event: string }[] };
    expect(timeline.timeline.map((e) => [e.id, e.event])).toEqual([['T2', 'circuit breaker open']]);
  }, 60_000);

  it('replaces the removals with --replace from a JSON export, and refuses a malformed key naming the field', () => {
    const id = 'INC-20251126-001';
    const file = join(dir(), 'export.json');
    expect(pfa(['incident', 'export', id, '--format', 'json', '-o', file]).code).toBe(0);
    const record = JSON.parse(readFileSync(file, 'utf8')) as { title: string; timeline_dismissals: { entry_id: string; keys: string[] }[] };
    expect(record.timeline_dismissals.map((d) => d.entry_id)).toEqual(['T1']);

    const bad = join(dir(), 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...record, title: 'changed', timeline_dismissals: [{ ...record.timeline_dismissals[0], keys: ['T1'] }] }));
    const refused = pfa(['incident', 'import', bad, '--replace']);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toMatch(/^pfa: invalid incident: timeline_dismissals\.0\.keys\.0: expected a SHA-256 in 64 hexadecimal digits/);
    expect(JSON.parse(pfa(['--json', 'incident', 'show', id]).stdout)).toMatchObject({ title: record.title });

    // A file that says no entry was removed: the removal is gone, and a save brings the event back.
    const none = join(dir(), 'none.json');
    writeFileSync(none, JSON.stringify({ ...record, timeline_dismissals: [] }));
    const replaced = pfa(['incident', 'import', none, '--replace']);
    expect(replaced.stdout, replaced.stderr).toBe(`${id}: replaced (from ${none})\n`);
    expect(pfa(['timeline', id, '--save']).stderr).toMatch(/saved into INC-20251126-001: 1 new entries, 1 already there; 2 in all/);
  }, 60_000);
});
