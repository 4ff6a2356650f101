import { describe, expect, it } from 'vitest';
import { journalMarker } from './journal-markers.js';
import { toJsonlRow } from './jsonl.js';
import { createLogParser, parseLogText, type QuickChooser } from './parser.js';
import type { Level, LineResult } from './types.js';

const ID = '5c1f0a2e4b3d4c7e8f9a0b1c2d3e4f50';
// `journalctl` in its default (short) output: a banner, two boots, the older reboot marker.
const SHORT = [
  '-- Journal begins at Mon 2025-11-24 08:00:01 UTC, ends at Wed 2025-11-26 10:30:00 UTC. --',
  'Nov 26 10:20:01 trade-gw-01 kernel: Linux version 6.1.0',
  `-- Boot ${ID} --`,
  'Nov 26 10:25:01 trade-gw-01 systemd[1]: Started Session 4.',
  '-- Reboot --',
  'Nov 26 10:27:35 trade-gw-01 kernel: Out of memory: Killed process 1234 (oms)',
];

const kinds = (results: LineResult[]): string[] => results.map((r) => (r.kind === 'rejected' ? r.reason : r.kind));

describe('journalctl markers', () => {
  it("tells journalctl's boot marker and banners, in its exact wording only", () => {
    expect(journalMarker(`-- Boot ${ID} --`)).toEqual({ kind: 'boot', id: ID });
    expect(journalMarker('-- Reboot --')).toEqual({ kind: 'boot', id: null });
    expect(journalMarker(`-- Boot ${ID} --  \r`)).toEqual({ kind: 'boot', id: ID });
    for (const banner of [
      '-- Journal begins at Mon 2025-11-24 08:00:01 UTC, ends at Wed 2025-11-26 10:30:00 UTC. --',
      '-- Journal begins at Mon 2025-11-24 08:00:01 UTC. --',
      '-- Logs begin at Mon 2019-11-25 08:00:01 UTC, end at Tue 2019-11-26 10:30:00 UTC. --',
      '-- No entries --',
      '-- cursor: s=0639a2f1;i=1a2b;b=5c1f;m=12ab;t=5e2f;x=77aa',
    ]) {
      expect(journalMarker(banner), banner).toEqual({ kind: 'banner' });
    }
    // `journalctl -x` explains an entry on lines that start alike: they stay its continuation
    for (const other of ['-- Subject: A start job for unit foo.service has finished', '-- The job identifier is 123.', '--', '-- Boot 5c1f --', '-- Reboot -- now', ' -- Reboot --', 'Nov 26 10:25:01 h a: -- Reboot --']) {
      expect(journalMarker(other), other).toBeNull();
    }
  });

  it('reads banners as annotations and a boot marker as a record of its own, not the previous message', () => {
    const { results, stats } = parseLogText(SHORT.join('\n'), { year: 2025 });
    expect(kinds(results)).toEqual(['annotation', 'record', 'record', 'record', 'record', 'record']);
    expect(stats).toMatchObject({ format: 'syslog', lines: 6, parsed: 5, continuation: 0, annotation: 1, rejected: {} });
    const boot = results[2]?.kind === 'record' ? results[2].record : null;
    expect(boot).toMatchObject({ line: 3, timestamp: null, ns: null, level: null, message: `-- Boot ${ID} --`, dialect: 'journal-marker', newBoot: { id: ID, prevNs: 1764152401000000000n } });
    // no time is journalctl's way there, not a time that could not be read
    expect(boot?.flags).toBeUndefined();
    const before = results[1]?.kind === 'record' ? results[1].record : null;
    expect(before?.continuation).toBeUndefined();
    expect(results[4]).toMatchObject({ kind: 'record', record: { message: '-- Reboot --', newBoot: { id: null, prevNs: 1764152701000000000n } } });
    expect(toJsonlRow(results[2] as LineResult, 'syslog')).toMatchObject({ kind: 'record', timestamp: null, marker: 'boot', boot_id: ID });
    expect(toJsonlRow(results[0] as LineResult, 'syslog')).toEqual({ line: 1, timestamp: null, level: null, message: SHORT[0], format: 'syslog', kind: 'annotation' });
  });

  it('keeps what a marker is whatever the format, and lines without a header after it with it', () => {
    // a banner holds a time that a text header would take; a JSON export has one object per line
    const text = parseLogText(['-- Logs begin at Mon 2025-11-24 08:00:01 UTC, end at Wed 2025-11-26 10:30:00 UTC. --', '2025-11-26 10:27:35,123 ERROR [main] a.B - down', '-- Reboot --', '  a line without a header', '-- No entries --'].join('\n'));
    expect(kinds(text.results)).toEqual(['annotation', 'record', 'record', 'continuation', 'annotation']);
    expect(text.results[3]).toMatchObject({ kind: 'continuation', record: { line: 3 } });
    const journal = parseLogText(['{"__REALTIME_TIMESTAMP":"1764152855123456","MESSAGE":"a"}', `-- Boot ${ID} --`, '{"__REALTIME_TIMESTAMP":"1764152900000000","MESSAGE":"b"}'].join('\n'));
    expect(kinds(journal.results)).toEqual(['record', 'record', 'record']);
    // a banner before any record is no header-less line (a part's leading ones continue the part before)
    const p = createLogParser({ year: 2025, sample: SHORT });
    expect(kinds([...p.push(SHORT[0] as string), ...p.push(SHORT[1] as string)])).toEqual(['annotation', 'record']);
    expect(p.edges.leadingNoHeader).toBe(0);
  });

  it('builds the first record with a time after a boot marker in full, whatever a selective reader wants', () => {
    const never: QuickChooser = { want: (_ns: bigint | null, _l: Level | null) => false };
    const p = createLogParser({ year: 2025, sample: SHORT });
    const lines = [SHORT[1], SHORT[2], SHORT[3], 'Nov 26 10:25:02 trade-gw-01 systemd[1]: Started Session 5.', SHORT[4], SHORT[5]] as string[];
    const built = lines.flatMap((l) => p.pushQuick(l, never, true)).map((r) => (r.kind === 'record' ? [r.line, r.record.message] : r.kind));
    expect(built).toEqual([[2, `-- Boot ${ID} --`], [3, 'Started Session 4.'], [5, '-- Reboot --'], [6, 'Out of memory: Killed process 1234 (oms)']]);
    expect(p.stats).toMatchObject({ lines: 6, parsed: 6 });
  });
});
