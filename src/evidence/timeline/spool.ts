/**
 * Events kept on disk rather than in the heap. A full scan of gigabytes finds hundreds of thousands
 * of events (~750 bytes each live): kept to the end, they made peak memory grow with the input (418 MB
 * at 8 GB). Readers park their events in files as they find them (`Parking`), each batch sorted,
 * and the timeline merges those runs as it is read (`mergeParked`). When the runs are too many to
 * read at once, or corrected clocks may have put a run out of order, the timeline is sorted through
 * an `EventSpool` instead: at most `budget` events in memory, sorted runs on disk beyond, merged as
 * they are read. A small read touches no disk.
 */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { fileLines } from '../../shared/lines.js';
import { mayMerge } from '../fix/notice-merge.js';
import { compareEvents, type TimelineEvent } from './event.js';

/** Events a sorted spool keeps in memory before it writes a run (~25 MB live). */
export const SPOOL_BUDGET = 32_768;
/** Events a reader gathers before it parks them. */
export const PARK_BATCH = 4_096;
/**
 * Events a part of a large read (`spillRest`) may end with in memory: the rest of its last batch is
 * parked too, so that what waits in memory for the sort does not grow with the number of parts.
 */
export const PARK_REST = 64;

/**
 * Parked runs merged as they are read, when there are at most this many: each holds a read buffer
 * (64 KiB) and a file open while the timeline is read. Past it, they are sorted again through a spool.
 */
export const MERGE_FAN_IN = 128;

/** Events parked in a file, sorted by compareEvents; their line numbers are `lineShift` short (parts number from 0). */
export interface ParkedRun {
  path: string;
  count: number;
  lineShift: number;
}

/** Sorted events, read as often as needed (a spilled spool merges its runs again on each read). */
export interface EventSeq extends Iterable<TimelineEvent> {
  readonly length: number;
}

/** Events parked in runs. */
export const parkedCount = (runs: readonly ParkedRun[] | undefined): number => (runs ?? []).reduce((n, r) => n + r.count, 0);

let written = 0;

/** A file name no other thread or process writing into `dir` uses. */
function runPath(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return join(dir, `${process.pid}-${threadId}-${written++}.jsonl`);
}

/** One event as one line: its fields in their order, the instant as a string (no digit lost). */
const encode = (e: TimelineEvent): string => JSON.stringify([e.ns.toString(), e.timestamp, e.source, e.event_type, e.description, e.metadata]);

function decode(line: string, lineShift: number): TimelineEvent {
  const [ns, timestamp, source, event_type, description, metadata] = JSON.parse(line) as [string, string, TimelineEvent['source'], string, string, TimelineEvent['metadata']];
  if (lineShift && typeof metadata.line === 'number') metadata.line += lineShift;
  return { timestamp, ns: BigInt(ns), source, event_type, description, metadata };
}

/** Writes events to a new file in `dir`. */
function writeRun(dir: string, events: readonly TimelineEvent[]): string {
  const path = runPath(dir);
  const fd = openSync(path, 'w');
  try {
    let chunk = '';
    for (const e of events) {
      chunk += `${encode(e)}\n`;
      if (chunk.length >= 1 << 20) {
        writeSync(fd, chunk);
        chunk = '';
      }
    }
    if (chunk) writeSync(fd, chunk);
  } catch (err) {
    rmSync(path, { force: true });
    throw err;
  } finally {
    closeSync(fd);
  }
  return path;
}

/**
 * Parks events in a file of `dir` (made when first needed).
 * @example const run = parkEvents(dir, events); // events may now be dropped
 */
export function parkEvents(dir: string, events: readonly TimelineEvent[]): ParkedRun {
  return { path: writeRun(dir, events), count: events.length, lineShift: 0 };
}

/**
 * The events of a parked run (or a spool's run), in the order written, read in chunks.
 * @example for (const e of readRun(run)) spool.add(e);
 */
export function* readRun(run: Pick<ParkedRun, 'path' | 'lineShift'>): Generator<TimelineEvent> {
  // Each line is decoded once the next has come: the last, after the final newline, must be empty.
  let line: string | null = null;
  for (const next of fileLines(run.path, 64 << 10)) {
    if (line !== null) yield decode(line, run.lineShift);
    line = next;
  }
  if (line) throw new Error(`${run.path}: the last event is cut short (the file was changed while it was read)`);
}

/**
 * Sorts events by `compareEvents` with at most `budget` of them in memory: beyond, sorted runs are
 * written to `dir` and merged when read. Ties keep the order of arrival, as a stable sort would.
 * @example const spool = new EventSpool(dir); for (const e of events) spool.add(e); for (const e of spool.sorted()) print(e);
 */
export class EventSpool {
  private mem: TimelineEvent[] = [];
  private readonly runs: string[] = [];
  private count = 0;

  constructor(
    private readonly dir: string,
    private budget = SPOOL_BUDGET,
  ) {}

  add(e: TimelineEvent): void {
    this.mem.push(e);
    this.count++;
    if (this.mem.length >= this.budget) {
      this.mem.sort(compareEvents);
      try {
        this.runs.push(writeRun(this.dir, this.mem));
      } catch {
        // A full or unwritable disk: sorted in memory, as before there was a spool.
        this.budget = Infinity;
        return;
      }
      this.mem = [];
    }
  }

  /** Whether any run went to disk. */
  get spilled(): boolean {
    return this.runs.length > 0;
  }

  /** The events added, sorted; no more may be added. */
  sorted(): EventSeq {
    const mem = this.mem.sort(compareEvents);
    if (!this.runs.length) return mem;
    const runs = [...this.runs];
    return { length: this.count, [Symbol.iterator]: () => mergeRuns([...runs.map((path) => readRun({ path, lineShift: 0 })), mem[Symbol.iterator]()]) };
  }
}

/**
 * Events sorted in memory and parked runs as one sorted sequence, merged as it is read; among
 * equal events those in memory come first, then the runs' in their order (as a spool fed in that
 * order gives them).
 * @example const seq = mergeParked(inMemory.sort(compareEvents), parked);
 */
export function mergeParked(sorted: readonly TimelineEvent[], runs: readonly ParkedRun[]): EventSeq {
  if (!runs.length) return sorted;
  const length = sorted.length + parkedCount(runs);
  return { length, [Symbol.iterator]: () => mergeRuns([sorted[Symbol.iterator](), ...runs.map((r) => readRun(r))]) };
}

/** A merge's current event of source `i`. */
interface Head {
  e: TimelineEvent;
  i: number;
}

/** Merges sorted sources by `compareEvents`; among equal events the earlier source's comes first. */
function* mergeRuns(sources: Iterator<TimelineEvent>[]): Generator<TimelineEvent> {
  // A binary heap of the sources' current heads, by event and then by source index.
  const heads: Head[] = [];
  const less = (a: Head, b: Head): boolean => {
    const c = compareEvents(a.e, b.e);
    return c < 0 || (c === 0 && a.i < b.i);
  };
  const down = (k: number): void => {
    for (;;) {
      const l = 2 * k + 1;
      if (l >= heads.length) return;
      const r = l + 1;
      const m = r < heads.length && less(heads[r] as Head, heads[l] as Head) ? r : l;
      if (!less(heads[m] as Head, heads[k] as Head)) return;
      [heads[k], heads[m]] = [heads[m] as Head, heads[k] as Head];
      k = m;
    }
  };
  sources.forEach((s, i) => {
    const r = s.next();
    if (!r.done) heads.push({ e: r.value, i });
  });
  for (let k = (heads.length >> 1) - 1; k >= 0; k--) down(k);
  try {
    while (heads.length) {
      const top = heads[0] as Head;
      yield top.e;
      const r = (sources[top.i] as Iterator<TimelineEvent>).next();
      if (r.done) {
        const last = heads.pop() as Head;
        if (heads.length) heads[0] = last;
      } else heads[0] = { e: r.value, i: top.i };
      down(0);
    }
  } finally {
    // A reader stopped early (an output closed) closes the files still open.
    for (const s of sources) s.return?.();
  }
}

/** Spill directories are named after the process that made them (pfa-spill-<pid>-…): see sweepStale. */
export const SPILL_PREFIX = 'pfa-spill-';
let spills = 0;
/** Spill directories not removed yet: an exit (an error, ^C) removes them. */
const live = new Set<string>();
function removeAll(): void {
  for (const path of live) rmSync(path, { recursive: true, force: true });
}

/**
 * A directory for a timeline's spilled events, under the system's temporary directory (`TMPDIR`,
 * as `sort` spills there: where /tmp is in memory, point it at a disk), made when first written to
 * and removed by `remove` (or, at the latest, when the process exits; a process stopped by a signal
 * leaves it to the next timeline's sweep, `openTimeline`). A full scan of 8 GB (183,863
 * events) held at most 56 MB there.
 * @example const spill = spillDir(); try { … } finally { spill.remove(); }
 */
export function spillDir(): { path: string; remove: () => void } {
  const path = join(tmpdir(), `${SPILL_PREFIX}${process.pid}-${threadId}-${(spills++).toString(36)}-${Date.now().toString(36)}`);
  if (live.size === 0) process.on('exit', removeAll);
  live.add(path);
  return {
    path,
    remove: () => {
      rmSync(path, { recursive: true, force: true });
      live.delete(path);
      if (live.size === 0) process.off('exit', removeAll);
    },
  };
}


/**
 * A reader's parking of the events it finds (when given a spill directory): a batch goes to disk
 * each time `PARK_BATCH` have gathered, and in a large read (`spillRest`) what is left at the end when
 * more than `PARK_REST`. Events
 * that later steps match across sources stay in memory: kernel lines with a printk stamp (placing
 * dmesg, collect-boot.ts) and the FIX events a session notice may fold into (mergeSessionNotices).
 * @example const parking = new Parking(o); … if (parking.due(events)) events = parking.park(events, 1);
 */
export class Parking {
  readonly runs: ParkedRun[] = [];
  /** Events at the front of the list that stay in memory. */
  private held = 0;
  private dir: string | null;
  private readonly batch: number;
  private readonly rest: number;

  constructor(o: { spill?: string; spillRest?: boolean; tuning?: { parkBatch?: number } }) {
    this.dir = o.spill ?? null;
    this.batch = o.tuning?.parkBatch ?? PARK_BATCH;
    this.rest = o.spillRest ? Math.min(this.batch, PARK_REST) : this.batch - 1;
  }

  /** Whether a batch has gathered. */
  due(events: readonly TimelineEvent[]): boolean {
    return this.dir !== null && events.length - this.held >= this.batch;
  }

  /** Whether what is left at the end should go too. */
  ends(events: readonly TimelineEvent[]): boolean {
    return this.dir !== null && events.length - this.held > this.rest;
  }

  /** Parks all but the events that stay and the last `keep`; returns those, in their order. */
  park(events: TimelineEvent[], keep: number): TimelineEvent[] {
    if (this.dir === null) return events;
    const stay: TimelineEvent[] = [];
    const go: TimelineEvent[] = [];
    const upTo = events.length - keep;
    for (let i = 0; i < upTo; i++) {
      const e = events[i] as TimelineEvent;
      (staysInMemory(e) ? stay : go).push(e);
    }
    if (go.length) {
      try {
        // Sorted where they are found (on every reader's thread): the timeline merges the runs as
        // it reads them. A run's events are all of one file, whose line shift keeps their order.
        this.runs.push(parkEvents(this.dir, go.sort(compareEvents)));
      } catch {
        // A full or unwritable disk: the events stay in memory, as they did before parking existed.
        this.dir = null;
        return events;
      }
    }
    this.held = stay.length;
    for (let i = upTo; i < events.length; i++) stay.push(events[i] as TimelineEvent);
    return stay;
  }
}

/**
 * Options whose reads keep every event in memory: those that later steps match line by line (a mixed
 * FIX/log file) or give facts to after the read (a dmesg placed by its boot time).
 * @example collectLogExhaustive(file, withoutSpill(o))
 */
export function withoutSpill<T extends { spill?: string }>(o: T): T {
  if (o.spill === undefined) return o;
  const { spill: _, ...rest } = o;
  return rest as T;
}

const staysInMemory = (e: TimelineEvent): boolean => typeof e.metadata.boot_offset === 'string' || mayMerge(e);
