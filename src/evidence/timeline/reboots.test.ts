/**
 * journalctl's boot markers on the timeline: a reboot event at the time of the first record after
 * the marker, the same on the fast path (seek, selective parsing, parts) as on the reference path.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimestamp } from '../../shared/time.js';
import { parseLogText, splitAtLines, type LogRecord } from '../logs/index.js';
import { buildTimeline } from './build.js';
import { eventJson } from './event.js';
import { BootMarks, rebootEvents, type BootMark } from './reboots.js';

const ID = '5c1f0a2e4b3d4c7e8f9a0b1c2d3e4f50';
const at = (s: string): bigint => parseTimestamp(s).ns;
const window = { start: at('2025-11-26T00:00:00Z'), end: at('2025-11-27T00:00:00Z') };
const records = (lines: string[]): LogRecord[] => parseLogText(lines.join('\n'), { year: 2025 }).results.flatMap((r) => (r.kind === 'record' ? [r.record] : []));

describe('boot markers', () => {
  it('pair each marker with the first record with a time after it', () => {
    const boots = new BootMarks();
    const followed = records([
      'Nov 26 10:20:01 gw1 kernel: Linux version 6.1.0',
      `-- Boot ${ID} --`,
      '-- Reboot --',
      'Nov 26 10:25:01 gw1 systemd[1]: Started Session 4.',
      'Nov 26 10:25:02 gw1 systemd[1]: Started Session 5.',
      '-- Reboot --',
    ]).map((r) => boots.follow(r));
    expect(followed).toEqual([false, true, true, false, false, true]);
    const next = { ns: at('2025-11-26T10:25:01Z'), timestamp: '2025-11-26T10:25:01Z', host: 'gw1' };
    expect(boots.marks).toEqual([
      { line: 2, id: ID, format: 'syslog', prevNs: at('2025-11-26T10:20:01Z'), next },
      { line: 3, id: null, format: 'syslog', prevNs: at('2025-11-26T10:20:01Z'), next },
      { line: 6, id: null, format: 'syslog', prevNs: at('2025-11-26T10:25:02Z'), next: null },
    ]);
    expect(boots.waiting).toBe(true);
  });

  it('make a reboot event after earlier records only, at the next record, else at the last one', () => {
    const mark = (over: Partial<BootMark>): BootMark => ({ line: 1, id: null, format: 'syslog', prevNs: null, next: null, ...over });
    const next = { ns: at('2025-11-26T10:27:35.5Z'), timestamp: '2025-11-26T10:27:35.500Z', host: 'gw1' };
    const [events = []] = rebootEvents([{ boots: [
      // the first boot of the file: nothing before it
      mark({ line: 1, id: ID, next }),
      mark({ line: 9, prevNs: at('2025-11-26T10:20:01Z'), next }),
      // the file ends with it
      mark({ line: 12, prevNs: at('2025-11-26T10:28:00Z') }),
      // outside the window
      mark({ line: 20, prevNs: at('2025-11-25T10:00:00Z'), next: { ...next, ns: at('2025-11-25T10:00:01Z') } }),
    ], lastNs: null }], window, 'journal.txt');
    expect(events.map((e) => [e.timestamp, e.source, e.event_type, e.description, e.metadata.line, e.metadata.host, e.metadata.last_record_before])).toEqual([
      ['2025-11-26T10:27:35.500Z', 'system', 'reboot', 'Reboot: a new boot begins', 9, 'gw1', '2025-11-26T10:20:01Z'],
      ['2025-11-26T10:28:00Z', 'system', 'reboot', 'Reboot: a new boot begins', 12, null, '2025-11-26T10:28:00Z'],
    ]);
    expect(events.map((e) => e.metadata.time_is)).toEqual([
      'that of the first record after the boot marker, which has no time of its own',
      'that of the last record before the boot marker, which has no time of its own; no record follows it',
    ]);
    // a marker that opens a part follows the records of the parts before it
    const parts = rebootEvents([{ boots: [], lastNs: at('2025-11-26T10:20:01Z') }, { boots: [], lastNs: null }, { boots: [mark({ id: ID, next })], lastNs: next.ns }], window, 'j');
    expect(parts.map((p) => p.map((e) => [e.description, e.metadata.last_record_before]))).toEqual([[], [], [[`Reboot: boot ${ID} begins`, '2025-11-26T10:20:01Z']]]);
  });
});

describe('reboot events on the timeline', () => {
  let dir: string;
  let file: string;
  const LINES = 3000;
  const T0 = Date.UTC(2025, 10, 26, 0, 0, 0);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const time = (ms: number): string => {
    const d = new Date(ms);
    return `Nov 26 ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pfa-reboots-'));
    file = join(dir, 'journal.txt');
    // journalctl's short output: a banner, then a boot marker every few lines (some right after
    // another), ending with one; the first record after a marker is never an event by itself.
    const out = ['-- Journal begins at Mon 2025-11-24 08:00:01 UTC, ends at Wed 2025-11-26 23:59:59 UTC. --', `-- Boot ${ID} --`];
    for (let i = 0; i < LINES; i++) {
      const t = time(T0 + i * 20_000);
      out.push(i % 50 === 7 ? `${t} gw1 kernel: Out of memory: Killed process ${i} (oms)` : `${t} gw1 app[${i % 97}]: heartbeat ${i}`);
      if (i % 3 === 1) out.push(i % 9 === 4 ? '-- Reboot --' : `-- Boot ${(i * 7919).toString(16).padStart(32, '0')} --`);
      if (i % 45 === 4) out.push('-- Reboot --');
    }
    out.push('-- Reboot --');
    writeFileSync(file, `${out.join('\n')}\n`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const opts = (start: string, end: string) => ({ start: parseTimestamp(start), end: parseTimestamp(end), before: '0s', after: '0s', year: 2025, workers: 1 });
  const tuning = { seekMinBytes: 0, partBytes: 4096, indexDir: null };

  it('places each reboot at the next record and includes it by default, the fast path as the reference', async () => {
    // The file is cut in 8 parts: some end with a marker, some begin with one.
    const size = statSync(file).size;
    const cuts = (await splitAtLines(file, 0, size, 8)).slice(1, -1);
    const text = readFileSync(file, 'utf8');
    const lineBefore = (at: number): string => text.slice(text.lastIndexOf('\n', at - 2) + 1, at - 1);
    const lineAt = (at: number): string => text.slice(at, text.indexOf('\n', at));
    expect(cuts.some((c) => lineBefore(c).startsWith('-- '))).toBe(true);
    expect(cuts.some((c) => lineAt(c).startsWith('-- '))).toBe(true);

    const whole = opts('2025-11-26T00:00:00Z', '2025-11-26T23:59:59Z');
    const reference = await buildTimeline([file], { ...whole, exhaustive: true });
    const fast = await buildTimeline([file], { ...whole, tuning });
    expect(fast.events.map(eventJson)).toEqual(reference.events.map(eventJson));
    expect(fast.sources[0]).toMatchObject({ events: reference.sources[0]?.events, lines: reference.sources[0]?.lines });
    const reboots = reference.events.filter((e) => e.event_type === 'reboot');
    const lines = text.split('\n');
    // every marker but the one that opens the file, each at the time of the next line that has one
    expect(reboots).toHaveLength(lines.filter((l) => l.startsWith('-- Boot') || l === '-- Reboot --').length - 1);
    const nextTime = (line: number): string | undefined => lines.slice(line).find((l) => !l.startsWith('-- '))?.slice(7, 15);
    expect(reboots.slice(0, -1).every((e) => e.timestamp === `2025-11-26T${nextTime(e.metadata.line as number) ?? ''}Z`)).toBe(true);
    expect(reboots[0]).toMatchObject({
      timestamp: '2025-11-26T00:00:40Z', source: 'system', description: expect.stringMatching(/^Reboot: boot [0-9a-f]{32} begins$/) as unknown,
      metadata: { file: 'journal.txt', line: 5, host: 'gw1', last_record_before: '2025-11-26T00:00:20Z', time_is: 'that of the first record after the boot marker, which has no time of its own' },
    });
    // the last marker ends the file: placed at the last record
    expect(reboots.at(-1)).toMatchObject({ timestamp: '2025-11-26T16:39:40Z', metadata: { line: lines.length - 1, host: null } });
    expect(reboots.at(-1)?.metadata.time_is).toMatch(/^that of the last record before/);
  });

  it('gives the reference reboots for a window the fast path seeks to', async () => {
    const narrow = opts('2025-11-26T05:00:00Z', '2025-11-26T05:30:00Z');
    const reference = await buildTimeline([file], { ...narrow, exhaustive: true });
    const fast = await buildTimeline([file], { ...narrow, tuning: { ...tuning, partBytes: 1 << 30 } });
    expect(fast.sources[0]?.notes.join(' ')).toMatch(/time-ordered: read bytes/);
    expect(reference.events.filter((e) => e.event_type === 'reboot').length).toBeGreaterThan(10);
    expect(fast.events.map(eventJson)).toEqual(reference.events.map(eventJson));
  });
});
