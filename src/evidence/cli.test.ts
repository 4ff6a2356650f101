/** `pfa evidence add|show` as a user runs it: duplicates, bad sources among good ones, URLs, stored bytes read back. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../test/cli.js';

const { pfa, dir } = useCli('pfa-evidence-cli-');

describe('pfa evidence add', () => {
  it('attaches a file once, says so the second time, and checks every source before attaching any', () => {
    const id = pfa(['incident', 'create', '--title', 'probe', '--severity', 'P2', '--started-at', '2025-11-26T10:00:00Z', '--kind', 'sys']).stdout.trim();
    const log = join(dir(), 'syslog');
    writeFileSync(log, 'Nov 26 10:28:00 h1 kernel: Out of memory: Killed process 42\n');

    const first = pfa(['evidence', 'add', id, log]);
    expect(first.code).toBe(0);
    expect(first.stdout).not.toMatch(/already attached/);
    const again = pfa(['--json', 'evidence', 'add', id, log]);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ added: [], existing: [{ name: 'syslog' }] });

    const other = join(dir(), 'app.log');
    writeFileSync(other, '2025-11-26 10:28:01 ERROR boom\n');
    const mixed = pfa(['evidence', 'add', id, other, join(dir(), 'missing.log')]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr.trim().split('\n')).toHaveLength(1);
    const listed = JSON.parse(pfa(['--json', 'evidence', 'list', id]).stdout) as { evidence: { name: string }[] };
    expect(listed.evidence.map((e) => e.name)).toEqual(['syslog']);

    const bad = pfa(['evidence', 'add', id, 'http://']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/invalid URL/);
    expect(pfa(['evidence', 'add', id, 'https://grafana.example.com/d/abc']).code).toBe(0);
    expect(pfa(['evidence', 'add', id, 'https://grafana.example.com/d/abc']).stdout).toMatch(/already attached/);
  });
});

describe('pfa evidence add with a directory', () => {
  it('attaches the files in it, as pfa timeline reads a directory, and refuses an empty one', () => {
    const id = pfa(['incident', 'create', '--title', 'probe', '--severity', 'P2', '--started-at', '2025-11-26T10:00:00Z', '--kind', 'sys']).stdout.trim();
    const logs = join(dir(), 'host-logs');
    mkdirSync(logs);
    writeFileSync(join(logs, 'syslog'), 'Nov 26 10:28:00 h1 kernel: Out of memory: Killed process 42\n');
    writeFileSync(join(logs, 'app.log'), '2025-11-26 10:28:01 ERROR boom\n');
    const r = pfa(['--json', 'evidence', 'add', id, logs]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { added: { name: string }[] }).added.map((e) => e.name).sort()).toEqual(['app.log', 'syslog']);
    const empty = join(dir(), 'empty');
    mkdirSync(empty);
    const none = pfa(['evidence', 'add', id, empty]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/holds no files to attach/);
  });
});

describe('pfa evidence show', () => {
  it('describes a piece of evidence, and gives back the exact bytes stored of a log deleted since', () => {
    const id = pfa(['incident', 'create', '--title', 'probe', '--severity', 'P2', '--started-at', '2025-11-26T10:00:00Z', '--kind', 'sys']).stdout.trim();
    const log = join(dir(), 'gw.log');
    const bytes = Buffer.concat([Buffer.from('2025-11-26 10:27:36,000 ERROR [m] a.B - '), Buffer.from([0xe9]), Buffer.from('chec\n')]);
    writeFileSync(log, bytes);
    const added = JSON.parse(pfa(['--json', 'evidence', 'add', id, log]).stdout) as { added: { id: string; sha256: string }[] };
    const ev = added.added[0]?.id ?? '';
    rmSync(log);
    const shown = pfa(['evidence', 'show', ev]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`sha256   ${added.added[0]?.sha256 ?? ''}`);
    expect(shown.stdout).toContain('stored   yes');
    const out = join(dir(), 'recovered.log');
    expect(pfa(['evidence', 'show', ev, '--content', '-o', out]).code).toBe(0);
    expect(readFileSync(out)).toEqual(bytes);
    const unknown = pfa(['evidence', 'list', 'SYS-20990101-001']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/SYS-20990101-001 not found/)]);
    const missing = pfa(['evidence', 'show', 'file-000000000000-nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/evidence file-000000000000-nope not found/);
  });
});

describe('pfa evidence remove', () => {
  it('removes evidence attached by mistake, refuses while the record cites it unless forced, and the audit log keeps what it was', () => {
    const id = pfa(['incident', 'create', '--title', 'gw down', '--severity', 'P2', '--started-at', '2025-11-26T10:00:00Z', '--kind', 'sys']).stdout.trim();
    const write = (name: string, text: string) => {
      const f = join(dir(), name);
      writeFileSync(f, text);
      return f;
    };
    const wrong = write('wrong.log', '2025-11-26 10:27:36,000 ERROR [m] a.B - token=s3cr3t leaked\n');
    const kept = write('gw.log', '2025-11-26 10:27:37,000 ERROR [m] gw.Session - connection timeout\n');
    const added = JSON.parse(pfa(['--json', 'evidence', 'add', id, wrong, kept]).stdout) as { added: { id: string; name: string }[] };
    const idOf = (name: string) => added.added.find((e) => e.name === name)?.id ?? '';
    const [bad, good] = [idOf('wrong.log'), idOf('gw.log')];
    expect(pfa(['curate', id, 'add', '--at', '2025-11-26T10:27:37Z', '--event', 'session timeout', '--evidence', `log:${good}#line 1`]).code).toBe(0);

    // All or none: an unknown id removes nothing; a cited piece is refused without --force.
    const unknown = pfa(['evidence', 'remove', id, bad, 'file-000000000000-nope']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/no evidence file-000000000000-nope attached to .*: nothing was removed/)]);
    const cited = pfa(['evidence', 'remove', id, good]);
    expect(cited.code).toBe(1);
    expect(cited.stderr).toMatch(new RegExp(`${good} is cited by T1: unlink it first, or force the removal`));
    expect((JSON.parse(pfa(['--json', 'evidence', 'list', id]).stdout) as { evidence: unknown[] }).evidence).toHaveLength(2);

    const removed = pfa(['evidence', 'remove', id, bad]);
    expect([removed.code, removed.stdout.trim()]).toEqual([0, `removed ${bad} from ${id}`]);
    expect(pfa(['evidence', 'show', bad]).stderr).toMatch(/not found/);
    const forced = pfa(['evidence', 'remove', id, good, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain(`note: ${good} is cited by T1: that link now shows it as not attached`);
    const audit = JSON.parse(pfa(['--json', 'audit', 'list', '--subject', id]).stdout) as { items: { action: string; changes: { name?: string; sha256?: string } }[] };
    expect(audit.items.filter((e) => e.action === 'evidence.remove').map((e) => e.changes.name).sort()).toEqual(['gw.log', 'wrong.log']);
  });
});

