/** Joining the parts of a file read in pieces: what only the whole file shows is restored. */
import { describe, expect, it } from 'vitest';
import { joinLogParts, type LogPart } from './collect-log.js';
import { NOTABLE_HINT, notableKind } from './notable.js';
import { levelHint } from '../logs/index.js';

type PartSpec = Partial<Omit<LogPart, 'edges'>> & { lines: number; parsed: number; rejected?: LogPart['stats']['rejected']; flagged?: LogPart['stats']['flagged']; edges?: Partial<LogPart['edges']> };
const part = (over: PartSpec): LogPart => ({
  events: over.events ?? [],
  parked: over.parked ?? [],
  unplaced: over.unplaced ?? [],
  stats: { format: 'syslog', lines: over.lines, parsed: over.parsed, continuation: 0, annotation: 0, rejected: over.rejected ?? {}, flagged: over.flagged ?? {} },
  edges: { firstNs: null, lastNs: null, leadingNoHeader: 0, leadingText: [], lastRecordLine: null, ...over.edges },
  ...(over.tail ? { tail: over.tail } : {}),
  relative: 0,
  notes: [],
  boots: over.boots ?? [],
});

describe('joinLogParts', () => {
  it('shifts line numbers, and restores time going back, continuations and the one assumed year', () => {
    const ev = (line: number) => ({ timestamp: 't', ns: 5n, source: 'log' as const, event_type: 'error', description: 'x', metadata: { file: 'f', line } });
    const a = part({ lines: 10, parsed: 9, flagged: { year_assumed: 1 }, edges: { firstNs: 1n, lastNs: 100n, leadingNoHeader: 0 }, events: [ev(3)] });
    const b = part({ lines: 5, parsed: 3, rejected: { no_header: 2 }, flagged: { year_assumed: 1, time_backwards: 1 }, edges: { firstNs: 90n, lastNs: 120n, leadingNoHeader: 2 }, events: [ev(4)] });
    const { events, stats } = joinLogParts('f', [a, b], ['note'], 100);
    expect(events.map((e) => e.metadata.line)).toEqual([103, 114]);
    expect(stats.lines).toBe(15);
    expect(stats.rejected).toEqual({});
    expect(stats.flagged).toEqual({ year_assumed: 1, time_backwards: 2 });
    expect(stats.notes).toEqual(['note']);
  });

  it('keeps header-less lines at the start of the file rejected', () => {
    const a = part({ lines: 2, parsed: 0, rejected: { no_header: 2 }, edges: { firstNs: null, lastNs: null, leadingNoHeader: 2 } });
    const b = part({ lines: 2, parsed: 2, rejected: { no_header: 1 }, edges: { firstNs: 1n, lastNs: 2n, leadingNoHeader: 1 } });
    expect(joinLogParts('f', [a, b], []).stats.rejected).toEqual({ no_header: 3 });
  });
});

describe('selection patterns', () => {
  it('finds every notable phrase, even where word boundaries would fail', () => {
    for (const m of ['Out of memory: Killed process 1 (x)', 'x[1]: segfault at 0 ip 1', 'eth0: NIC Link is Down', 'task kworker blocked for more than 120 seconds', 'nvme0: I/O 12 QID 3 timeout', 'mce: [Hardware Error]']) {
      expect(notableKind(m)).not.toBeNull();
      NOTABLE_HINT.lastIndex = 0;
      expect(NOTABLE_HINT.test(`"msg":"_${m}"`)).toBe(true);
    }
  });

  it('finds every header level at or above the one asked, and not words that merely contain it', () => {
    const re = levelHint('error');
    const hit = (s: string) => ((re.lastIndex = 0), re.test(s));
    for (const s of ['2025-11-26 10:27:35 ERROR x', '[error] x', 'kern.err x', '[core:error] x', ' F x', '<crit> x', 'FATAL:', 'Severe x', 'RAS BGLMASTER FAILURE x']) expect(hit(s)).toBe(true);
    for (const s of ['com.acme.OrderRouter - routed', 'INFO terror', 'WARN x', 'Errors=0', 'a failure x']) expect(hit(s)).toBe(false);
    // glog's level letter is part of its timestamp (`E1126 …`): such lines are always parsed in full.
    expect(levelHint('warn').test('WARN x')).toBe(true);
  });
});
