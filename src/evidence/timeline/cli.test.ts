/** `pfa timeline` on a large file as a user runs it: the line-count index it keeps, and --no-cache. */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useCli } from '../../test/cli.js';

const { pfa, dir } = useCli('pfa-timeline-cli-');

/** A time-ordered log over 16 MB (so it is seeked, not read whole): one line per 10 ms from 00:00. */
function bigLog(file: string): void {
  const lines: string[] = [];
  const t0 = Date.UTC(2025, 10, 26);
  for (let i = 0; i < 240_000; i++) {
    const at = new Date(t0 + i * 10).toISOString().replace('T', ' ').replace('Z', '');
    lines.push(`${at} ${i === 200_000 ? 'ERROR' : 'INFO '} [main] oms.Router - routed order ${i} to venue XNAS with a padded message body`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

describe('pfa timeline on a large file', () => {
  it('numbers lines of the whole file, keeps a line-count index for the next query, and --no-cache keeps none', () => {
    const log = join(dir(), 'oms.log');
    bigLog(log);
    const window = ['--start', '2025-11-26T00:33:20Z', '--end', '2025-11-26T00:33:21Z', '--before', '0s', '--after', '0s', '--json'];
    const off = join(dir(), 'cache-off');
    const r0 = pfa(['timeline', ...window, '--no-cache', log], { XDG_CACHE_HOME: off });
    expect(r0.code, r0.stderr).toBe(0);
    expect(existsSync(join(off, 'pfa'))).toBe(false);

    const on = join(dir(), 'cache-on');
    const runs = [1, 2].map(() => pfa(['timeline', ...window, log], { XDG_CACHE_HOME: on }));
    for (const r of [r0, ...runs]) {
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { events: { metadata: { line?: number }; description: string }[]; sources: { notes: string[] }[] };
      // the one ERROR line is line 200,001 of the file, however the prefix was counted
      expect(out.events.map((e) => e.metadata.line)).toEqual([200_001]);
      expect(out.sources[0]?.notes.join(' ')).toMatch(/time-ordered: read bytes/);
    }
    expect(readdirSync(join(on, 'pfa', 'line-index')).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });
});

describe('pfa timeline --min-level', () => {
  it('takes the level names logs use (warning, critical…) and refuses others with the list', () => {
    const log = join(dir(), 'app.log');
    writeFileSync(log, ['2025-11-26 10:00:01,000 WARN [main] a.B - slow', '2025-11-26 10:00:02,000 ERROR [main] a.B - failed', '2025-11-26 10:00:03,000 CRITICAL [main] a.B - down'].join('\n'));
    const run = (level: string) => pfa(['timeline', '--start', '2025-11-26T10:00:00Z', '--end', '2025-11-26T10:01:00Z', '--min-level', level, '--json', log]);
    const types = (level: string): string[] => (JSON.parse(run(level).stdout) as { events: { event_type: string }[] }).events.map((e) => e.event_type);
    expect(types('warning')).toEqual(['warn', 'error', 'crit']);
    expect(types('critical')).toEqual(['crit']);
    const bad = run('loud');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--min-level "loud" is not a level: use one of emerg, alert, fatal, crit, error, warn');
  });
});

describe('pfa timeline window options', () => {
  it('reads a zone-less --start in --tz, takes --before 0, refuses a negative margin, and applies --offset whatever the host name case', () => {
    const json = join(dir(), 'gw.jsonl');
    writeFileSync(json, '{"ts":"2025-11-26T05:20:00.000250Z","level":"error","host":"TRADE-gw-01","msg":"order gateway down"}\n');
    const run = (...args: string[]) => pfa(['timeline', '--end', '2025-11-26T10:21:00', '--tz', '+05:00', '--after', '0', ...args, '--json', json]);
    const ok = run('--start', '2025-11-26T10:19:00', '--before', '0', '--offset', 'trade-GW-01=+250us');
    expect(ok.code, ok.stderr).toBe(0);
    const out = JSON.parse(ok.stdout) as { window: { start: string; start_ns: string; end: string }; events: { timestamp: string }[] };
    // The window as the events give their times: RFC 3339 in UTC, and epoch nanoseconds.
    expect(out.window).toMatchObject({ start: '2025-11-26T05:19:00Z', end: '2025-11-26T05:21:00Z' });
    expect(out.window.start_ns).toBe(String(Date.parse('2025-11-26T05:19:00Z') * 1_000_000));
    expect(out.events.map((e) => e.timestamp)).toEqual(['2025-11-26T05:20:00.000000Z']);
    const negative = run('--start', '2025-11-26T10:19:00', '--before', '-5m');
    expect(negative.code).toBe(1);
    expect(negative.stderr).toContain('-5m is negative');
  });

  it('says when an --offset matched no host, and refuses two offsets for one host or --format beside --json', () => {
    const json = join(dir(), 'gw.jsonl');
    writeFileSync(json, '{"ts":"2025-11-26T10:20:00.000250Z","level":"error","host":"trade-gw-01","msg":"order gateway down"}\n');
    const run = (...args: string[]) => pfa(['timeline', '--start', '2025-11-26T10:19:00Z', '--end', '2025-11-26T10:21:00Z', ...args, json]);
    const typo = run('--offset', 'trade-gw01=+250us', '--json');
    expect(typo.code, typo.stderr).toBe(0);
    expect(typo.stderr).toContain('note: --offset trade-gw01: no event comes from a host of that name (hosts: trade-gw-01); nothing was corrected');
    expect((JSON.parse(typo.stdout) as { notes: string[] }).notes).toHaveLength(1);
    expect(run('--offset', 'trade-gw-01=+250us', '--json').stderr).not.toContain('note:');
    const twice = run('--offset', 'trade-gw-01=+1ms', '--offset', 'trade-gw-01=-1ms');
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('--offset given twice for trade-gw-01 (+1ms and -1ms)');
    const both = run('--format', 'md', '--json');
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--format md and --json ask for two outputs');
  });
});

describe('pfa timeline ID', () => {
  it('names each source by its evidence id and original file, even when read from a stored copy', () => {
    const log = join(dir(), 'gw.log');
    writeFileSync(log, '2025-11-26 10:27:35,123456 ERROR [io] gw.Session - connection timeout to NASDAQ\n');
    const id = pfa(['incident', 'create', '--title', 'gw down', '--severity', 'P2', '--started-at', '2025-11-26T10:27:00Z', '--ended-at', '2025-11-26T10:30:00Z']).stdout.trim();
    const added = pfa(['evidence', 'add', id, log, '--json']);
    expect(added.code, added.stderr).toBe(0);
    // The original is gone: the timeline reads the stored content from a temporary copy.
    writeFileSync(log, 'rotated away\n');
    const r = pfa(['timeline', id, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { events: unknown[]; sources: { file: string; evidence?: string }[] };
    expect(out.events).toHaveLength(1);
    expect(out.sources.map((s) => s.file)).toEqual([log]);
    expect(out.sources[0]?.evidence).toMatch(/^file-[0-9a-f]{12}-/);
    const human = pfa(['timeline', id]);
    expect(human.stderr).not.toMatch(/pfa-evidence-/);
    expect(human.stderr).toContain(`${out.sources[0]?.evidence} ${log}: log/text, 1 lines, 1 events`);
  });
  it('tells two hosts\' files of one name apart in events, and saves each event linked to its own evidence', () => {
    const files = ['oms-a', 'oms-b'].map((host, i) => {
      mkdirSync(join(dir(), host), { recursive: true });
      const f = join(dir(), host, 'app.log');
      writeFileSync(f, `2025-11-26 10:27:3${i},000 ERROR [io] gw.Session - ${host} lost its venue session\n`);
      return f;
    });
    const id = pfa(['incident', 'create', '--title', 'both down', '--severity', 'P2', '--started-at', '2025-11-26T10:27:00Z', '--ended-at', '2025-11-26T10:30:00Z']).stdout.trim();
    const added = JSON.parse(pfa(['--json', 'evidence', 'add', id, ...files]).stdout) as { added: { id: string; metadata: { path: string } }[] };
    const evidenceOf = new Map(added.added.map((e) => [e.metadata.path, e.id]));
    const r = pfa(['timeline', id, '--json', '--save']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { events: { description: string; metadata: { file: string } }[] };
    expect(out.events.map((e) => [e.metadata.file, e.description.split(' ')[0]])).toEqual([['oms-a/app.log', 'oms-a'], ['oms-b/app.log', 'oms-b']]);
    const curated = JSON.parse(pfa(['curate', id, '--json']).stdout) as { timeline: { event: string; evidence?: string[] }[] };
    expect(curated.timeline.map((e) => [e.event.split(' ')[0], e.evidence?.[0]])).toEqual([
      ['oms-a', `log:${evidenceOf.get(files[0] as string) ?? ''}#line 1`],
      ['oms-b', `log:${evidenceOf.get(files[1] as string) ?? ''}#line 1`],
    ]);
  });
});
