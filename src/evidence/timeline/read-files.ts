/**
 * Reads log and FIX files for a timeline: plans each (seek by time where it pays), cuts large log
 * ranges into parts, runs the parts on worker threads and joins them back per file, in file order.
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { splitAtLines } from '../logs/index.js';
import type { CollectOptions, SourceEvents } from './collect.js';
import { collectLogExhaustive, joinLogParts, planLog, seekNote, withReboots, type LogPart, type LogPlan } from './collect-log.js';
import { collectFixExhaustive, FIX_LOOKBACK_NOTE, planFix, type FixPlan } from './collect-fix.js';
import { defaultIndexDir, extendLineIndex, indexedBefore, loadLineIndex, type LineIndex } from './line-index.js';
import { runTasks, startWorkers, workersAvailable } from './pool.js';
import { withoutSpill } from './spool.js';
import type { Task, TaskOptions } from './tasks.js';

/** Below this many bytes to read in all, worker threads cost more to start than they save. */
const PARALLEL_MIN_BYTES = 48 << 20;
/** A log range is cut into parts of about this size (at least two per worker for balance). */
const PART_BYTES = 64 << 20;
// A file's parts are read with fresh clocks; zones without daylight saving give the same instants
// whatever came before (a DST overlap needs the previous line), so only their files are cut.
const FIXED_ZONE = /^(?:(?:utc|gmt|z)?(?:[+-]\d{1,2}(?::?\d{2})?)?)$/i;
/** Parts of a yearless file whose times jump this far apart may disagree on the year: read it again whole. */
const YEAR_JUMP = 150n * 86_400n * 1_000_000_000n;

/**
 * A read of gigabytes leaves garbage faster than V8 collects it by default: the old generation may
 * grow to two to four times what is live before a full collection. Growing by at most 30 % of what
 * is live took the 4 GB full scan from 305 to 226 MB on one thread, when every event was kept in
 * memory; with events parked on disk (spool.ts) it still takes the 8 GB full scan from 315-336 to
 * 215-221 MB on two. The flag is read at each full collection, so it takes effect when set here; it
 * is process-wide (worker threads too), and only lowered, never raised back: a process that reads
 * gigabytes once stays frugal.
 */
let frugal = false;
function frugalHeap(): void {
  if (frugal) return;
  frugal = true;
  setFlagsFromString('--heap-growing-percent=30');
}

export interface ReadOptions {
  /** Worker threads; default: one per core. */
  workers?: number;
}

/**
 * Events and statistics of each log or FIX file, in the order given.
 * @example const sources = await readEventFiles([{ file: 'syslog', kind: 'log' }], options);
 */
export async function readEventFiles(files: { file: string; kind: 'log' | 'fix'; park?: boolean }[], o: CollectOptions, { workers = availableParallelism() }: ReadOptions = {}): Promise<SourceEvents[]> {
  if (o.exhaustive) {
    const out: SourceEvents[] = [];
    for (const f of files) out.push(f.kind === 'log' ? await collectLogExhaustive(f.file, parkingOf(f, o)) : await collectFixExhaustive(f.file, parkingOf(f, o)));
    return out;
  }
  const { extraSeries: _s, extraEvents: _e, ...to } = o;
  let taskOptions: TaskOptions = to;
  // Files this large will likely be read on several threads: start them now, so that their
  // start-up overlaps with planning (runTasks ends the ones it does not need).
  let size = 0;
  for (const f of files) size += (await stat(f.file)).size;
  const early = size >= PARALLEL_MIN_BYTES && workers > 1 ? startWorkers(workers - 1) : [];
  let plans: (LogPlan | FixPlan)[];
  // Lines before a seek's range are counted from the last indexed boundary before it.
  let indexes: (LineIndex | null)[];
  try {
    // Files are planned together: a seek is a chain of small reads, whose waits then overlap.
    plans = await Promise.all(files.map((f) => (f.kind === 'log' ? planLog(f.file, o) : planFix(f.file, o))));
    const indexDir = o.tuning?.indexDir !== undefined ? o.tuning.indexDir : o.lineIndex === false ? null : defaultIndexDir();
    indexes = await Promise.all(files.map((f, i) => ((plans[i]?.from ?? 0) > 0 ? loadLineIndex(f.file, indexDir, o.tuning?.indexChunk) : Promise.resolve(null))));
  } catch (err) {
    await Promise.all(early.map((w) => w.terminate()));
    throw err;
  }
  const total = plans.reduce((n, p) => n + (p.to - p.from), 0);
  if (total >= PARALLEL_MIN_BYTES) frugalHeap();
  // Threads started early are used whatever the read: they cost nothing more, and each file's
  // reader then compiles on one thread or another (pool.ts hands them tasks once they have loaded).
  const large = total >= PARALLEL_MIN_BYTES;
  if (large && taskOptions.spill !== undefined) taskOptions = { ...taskOptions, spillRest: true };
  const threads = (large || early.length > 0) && workersAvailable() ? Math.max(1, workers) : 1;
  // Large parts: a thread pays for compiling each format's reader once (~0.1–0.3 s each), so
  // the parts of a small read are better kept whole, on one thread, than spread over all.
  const partBytes = o.tuning?.partBytes ?? PART_BYTES;
  const cut = ((large && threads > 1) || o.tuning?.partBytes !== undefined) && !o.templates && FIXED_ZONE.test(o.tz ?? 'UTC');
  const tasks: Task[] = [];
  const owner: number[] = [];
  const add = (t: Task, i: number): void => {
    tasks.push(t);
    owner.push(i);
  };
  for (let i = 0; i < files.length; i++) {
    const f = files[i] as { file: string; kind: 'log' | 'fix'; park?: boolean };
    const p = plans[i] as LogPlan | FixPlan;
    // The lines a seek skipped and the index does not know are counted, in parallel with the rest,
    // in pieces that start at index boundaries so that their whole chunks extend the index.
    const idx = indexes[i];
    if (idx) {
      const at = indexedBefore(idx, p.from).at;
      const pieces = Math.max(1, Math.min(Math.ceil((p.from - at) / (partBytes * 8)), threads * 2));
      const step = Math.ceil((p.from - at) / pieces / idx.chunk) * idx.chunk;
      for (let a = at; a < p.from; a += step) add({ kind: 'count', file: f.file, from: a, to: Math.min(p.from, a + step), chunk: idx.chunk }, i);
    }
    const fo = parkingOf(f, taskOptions);
    if (f.kind === 'fix') {
      add({ kind: 'fix', file: f.file, plan: { ...p, notes: [] }, o: fo }, i);
      continue;
    }
    const lp = p as LogPlan;
    const pieces = cut && !lp.dateless ? Math.max(1, Math.min(Math.ceil((lp.to - lp.from) / partBytes), Math.max(threads, 2) * 4)) : 1;
    const bounds = pieces > 1 ? await splitAtLines(f.file, lp.from, lp.to, pieces) : [lp.from, lp.to];
    // A log of times of day is read with the date estimated for it (one part: see LogPlan.dateless).
    const fileOptions = planOptions(lp, fo);
    for (let k = 0; k + 1 < bounds.length; k++) add({ kind: 'log', file: f.file, sample: lp.sample, format: lp.format, from: bounds[k] as number, to: bounds[k + 1] as number, o: fileOptions }, i);
  }
  const results = await runTasks(tasks, threads, early);
  const out: SourceEvents[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i] as { file: string; kind: 'log' | 'fix'; park?: boolean };
    const p = plans[i] as LogPlan | FixPlan;
    const mine = results.filter((_, k) => owner[k] === i);
    const idx = indexes[i];
    let before = idx ? indexedBefore(idx, p.from).lines : 0;
    const chunks: number[] = [];
    for (const r of mine) {
      if (r.kind !== 'count') continue;
      before += r.lines;
      chunks.push(...r.chunks);
    }
    if (idx) await extendLineIndex(idx, chunks);
    const note = seekNote(p, before, f.kind === 'fix' ? FIX_LOOKBACK_NOTE : '');
    const notes = note ? [note, ...p.notes] : p.notes;
    if (f.kind === 'fix') {
      const r = mine.find((x) => x.kind === 'fix');
      if (r?.kind === 'fix') out.push(shiftFix(r.source, before, notes));
      continue;
    }
    const lp = p as LogPlan;
    const parts = mine.flatMap((r) => (r.kind === 'log' ? [r.part] : []));
    if (parts.length > 1 && yearsMayDisagree(parts)) {
      // Rare: read the file again in one part, as the single source of truth for its years.
      const one = await runTasks([{ kind: 'log', file: f.file, sample: lp.sample, format: lp.format, from: lp.from, to: lp.to, o: planOptions(lp, parkingOf(f, taskOptions)) }], 1);
      const part = one[0];
      out.push(joinLogParts(f.file, withReboots(f.file, part?.kind === 'log' ? [part.part] : [], o), notes, before));
    } else {
      out.push(joinLogParts(f.file, withReboots(f.file, parts, o), notes, before));
    }
  }
  return out;
}

/** A file's options: without the spill directory when its events must stay in memory. */
const parkingOf = <T extends { spill?: string }>(f: { park?: boolean }, o: T): T => (f.park === false ? withoutSpill(o) : o);

/** The options a log's parts are read with: the date its plan estimated for a log of times of day. */
const planOptions = (lp: LogPlan, o: TaskOptions): TaskOptions => (lp.date !== undefined ? { ...o, date: lp.date, dateAssumed: true } : o);

/** A FIX source read with lines numbered from 0 gets the lines before it added, and its notes. */
function shiftFix(source: SourceEvents, before: number, notes: string[]): SourceEvents {
  if (before) for (const e of source.events) if (typeof e.metadata.line === 'number') e.metadata.line += before;
  const parked = source.parked?.map((r) => ({ ...r, lineShift: r.lineShift + before }));
  return { events: source.events, ...(parked ? { parked } : {}), stats: { ...source.stats, notes: [...notes, ...source.stats.notes] } };
}

function yearsMayDisagree(parts: LogPart[]): boolean {
  if (!parts.some((p) => p.stats.flagged.year_assumed)) return false;
  for (let k = 1; k < parts.length; k++) {
    const a = parts[k - 1]?.edges.lastNs;
    const b = parts[k]?.edges.firstNs;
    if (a === null || a === undefined || b === null || b === undefined) continue;
    if (b - a > YEAR_JUMP || a - b > YEAR_JUMP) return true;
  }
  return false;
}
