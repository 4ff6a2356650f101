/** Events on disk: parked and read back unchanged, sorted through runs as an in-memory sort would. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rng } from '../../test/random.js';
import { compareEvents, type TimelineEvent } from './event.js';
import { sweepStale } from '../files.js';
import { EventSpool, PARK_REST, parkEvents, Parking, readRun, SPILL_PREFIX, spillDir } from './spool.js';

const dirs: { path: string; remove: () => void }[] = [];
const dir = (): string => {
  const d = spillDir();
  dirs.push(d);
  return d.path;
};
afterEach(() => {
  for (const d of dirs.splice(0)) d.remove();
});

/** Events with many equal instants, sources and files, so that every tie-break of compareEvents is met. */
function events(n: number, seed: number): TimelineEvent[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const ns = 1_764_115_200_000_000_000n + BigInt(Math.floor(r() * 20)) * 1_000n;
    return {
      timestamp: `2025-11-26T00:00:00.${String(ns % 1_000_000_000n).padStart(9, '0')}Z`,
      ns,
      source: r() < 0.5 ? 'log' : 'system',
      event_type: 'error',
      description: `e${Math.floor(r() * 3)} ${i % 2 ? 'ünïcode 😀 "quoted"\n' : 'plain'}`,
      metadata: { file: r() < 0.5 ? 'a.log' : 'b.log', line: Math.floor(r() * 5), host: null, n: i, ok: i % 3 === 0 },
    };
  });
}

describe('parked runs', () => {
  it('read back every event as written, instants beyond 2^53 exact, line numbers shifted', () => {
    const d = dir();
    const written = [...events(3000, 1), { ...events(1, 2)[0] as TimelineEvent, ns: 2n ** 63n + 7n, metadata: { line: 'not a number' } }];
    const run = parkEvents(d, written);
    expect(run.count).toBe(written.length);
    expect([...readRun(run)]).toEqual(written);
    const shifted = [...readRun({ ...run, lineShift: 100 })];
    expect(shifted.map((e) => e.metadata.line)).toEqual(written.map((e) => (typeof e.metadata.line === 'number' ? e.metadata.line + 100 : e.metadata.line)));
  });

  it('keep in memory the events that later steps match across sources, and the last ones asked for', () => {
    const parking = new Parking({ spill: dir(), tuning: { parkBatch: 3 } });
    const kernel: TimelineEvent = { ...(events(1, 3)[0] as TimelineEvent), metadata: { boot_offset: '12.5' } };
    const logon: TimelineEvent = { ...(events(1, 4)[0] as TimelineEvent), event_type: 'logon', metadata: { msg_type: 'A' } };
    const plain = events(4, 5);
    let list = [kernel, ...plain.slice(0, 2), logon];
    expect(parking.due(list)).toBe(true);
    list = parking.park(list, 1);
    expect(list).toEqual([kernel, logon]);
    // The events kept for good do not count towards the next batch; the last one kept does.
    list.push(plain[2] as TimelineEvent);
    expect(parking.due(list)).toBe(false);
    list.push(plain[3] as TimelineEvent);
    expect(parking.due(list)).toBe(true);
    list = parking.park(list, 0);
    expect(list).toEqual([kernel, logon]);
    // Each run sorted, for the timeline to merge them as it reads them.
    expect(parking.runs.map((r) => [...readRun(r)])).toEqual([plain.slice(0, 2).sort(compareEvents), plain.slice(2).sort(compareEvents)]);
  });

  it('end a part by parking what is left only in a large read, and keep events in memory when the disk refuses them', () => {
    const list = events(10, 7);
    expect(new Parking({ spill: dir() }).ends(list)).toBe(false);
    expect(new Parking({ spill: dir(), spillRest: true }).ends(list)).toBe(false);
    expect(new Parking({ spill: dir(), spillRest: true }).ends(events(PARK_REST + 1, 8))).toBe(true);
    // A directory that cannot be made (a file stands in its way): nothing parked, nothing lost.
    const root = mkdtempSync(join(tmpdir(), 'pfa-blocked-'));
    try {
      writeFileSync(join(root, 'file'), '');
      const parking = new Parking({ spill: join(root, 'file', 'spill'), tuning: { parkBatch: 3 } });
      expect(parking.due(list)).toBe(true);
      expect(parking.park(list, 1)).toEqual(list);
      expect(parking.runs).toEqual([]);
      expect(parking.due(list)).toBe(false);
      const spool = new EventSpool(join(root, 'file', 'spill'), 5);
      for (const e of list) spool.add(e);
      expect(spool.spilled).toBe(false);
      expect([...spool.sorted()]).toEqual([...list].sort(compareEvents));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('park nothing without a spill directory', () => {
    const parking = new Parking({});
    const list = events(10, 6);
    expect(parking.due(list) || parking.ends(list)).toBe(false);
    expect(parking.park(list, 0)).toBe(list);
  });
});

describe('EventSpool', () => {
  it.each([1, 7, 100, 10_000])('sorts as a stable in-memory sort does, with a budget of %d', (budget) => {
    const d = dir();
    const input = events(2500, budget);
    const spool = new EventSpool(d, budget);
    for (const e of input) spool.add(e);
    const sorted = spool.sorted();
    const expected = [...input].sort(compareEvents);
    expect(sorted).toHaveLength(input.length);
    expect(spool.spilled).toBe(budget < input.length);
    // Equal events (same instant, source, file, line and text) keep their order of arrival: their n tells.
    expect([...sorted]).toEqual(expected);
    // Read twice, the same.
    expect([...sorted].map((e) => e.metadata.n)).toEqual(expected.map((e) => e.metadata.n));
  });

  it('closes the runs it was reading when a reader stops early, and its directory goes with remove()', () => {
    const d = spillDir();
    const spool = new EventSpool(d.path, 10);
    for (const e of events(100, 9)) spool.add(e);
    const sorted = spool.sorted();
    for (const e of sorted) {
      expect(e).toBeDefined();
      break;
    }
    expect(readdirSync(d.path)).toHaveLength(10);
    d.remove();
    expect(existsSync(d.path)).toBe(false);
  });
});

describe('sweepStale', () => {
  it("removes the spill directories of processes that are gone, and no one else's", async () => {
    const root = mkdtempSync(join(tmpdir(), 'pfa-sweep-'));
    try {
      const gone = spawnSync(process.execPath, ['-e', '']).pid;
      const names = [`pfa-spill-${gone}-0-0-x`, `pfa-spill-${process.pid}-0-0-x`, `pfa-spill-${process.ppid}-1-0-x`, 'pfa-spill-other', 'unrelated'];
      for (const n of names) {
        mkdirSync(join(root, n));
        writeFileSync(join(root, n, 'run.jsonl'), '[]\n');
      }
      expect(await sweepStale(root, SPILL_PREFIX)).toBe(1);
      expect(readdirSync(root).sort()).toEqual(names.slice(1).sort());
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
