/** Builds one sorted timeline from many sources around a window, after the framework's reconstructor. */
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { InputError } from '../../shared/errors.js';
import { formatTimestamp, fractionDigits, NS_PER_DAY, parseDuration, type ParsedTimestamp } from '../../shared/time.js';
import type { Level } from '../logs/index.js';
import { sweepStale } from '../files.js';
import type { ParsedMetrics } from '../metrics/index.js';
import { WINDOW_MARGIN } from './defaults.js';
import { collectSources, type SourceEvents, type SourceStats, type Tuning } from './collect.js';
import { compareEvents, type TimelineEvent, type UnplacedEvent } from './event.js';
import { EventSpool, MERGE_FAN_IN, mergeParked, readRun, SPILL_PREFIX, spillDir, type EventSeq } from './spool.js';

export interface TimelineOptions {
  start: ParsedTimestamp;
  end: ParsedTimestamp;
  /** Widen the window before the start and after the end (framework default 15 minutes each). */
  before?: string;
  after?: string;
  minLevel?: Level;
  tz?: string;
  year?: number;
  /** Date of the first line of logs that give only the time of day (`YYYY-MM-DD`). */
  date?: string;
  bootTime?: string;
  /** Per-host clock offsets to apply, e.g. {'trade-gw-01': '+250us'}: the host's clock ran ahead by that much. */
  offsets?: Record<string, string>;
  baseline?: string;
  threshold?: number;
  method?: 'sigma' | 'mad';
  /** Series already in memory (e.g. from a live Prometheus): they join the metric files for anomaly detection. */
  extraSeries?: ParsedMetrics[];
  /** Events already made (e.g. a live Alertmanager's alerts): kept when in the window. */
  extraEvents?: SourceEvents[];
  /** Add new and bursting log templates as events (off by default: they are not log lines of a level). */
  templates?: boolean;
  /** Parse every line of every file in full: the reference the fast path is checked against. */
  exhaustive?: boolean;
  /** Worker threads reading large files (default: one per core). */
  workers?: number;
  /** Keep and use line-count indexes of large files in the user's cache (line-index.ts); default true. */
  lineIndex?: boolean;
  /** Size thresholds of the fast path (for tests on small files). */
  tuning?: Tuning;
  /** The path the user knows for a file read under another (a temporary copy of stored evidence): names events when base names clash. */
  labels?: Record<string, string>;
}

export interface Timeline {
  window: { start: bigint; end: bigint };
  /** Sorted by compareEvents. */
  events: TimelineEvent[];
  sources: SourceStats[];
  /** Boot-relative kernel lines that would be events but have no place on the axis, in file order. */
  unplaced: UnplacedEvent[];
  /** What the user should know about the options (an --offset for a host no event comes from). */
  notes: string[];
  /** The name events give each source file (metadata.file), by the path given: its base name unless two share one. */
  names: Record<string, string>;
}

/**
 * A timeline whose events may be on disk (spool.ts): read them as often as needed, then `close` it,
 * which removes them. What `pfa timeline` prints from, in memory bounded whatever the input's size.
 */
export interface OpenTimeline extends Omit<Timeline, 'events'> {
  events: EventSeq;
  close: () => void;
}

let swept: Promise<number> | undefined;

/** Longest widening or baseline a timeline takes: past it a typo, not an incident (and the clock's arithmetic overflows). */
const MAX_SPAN = 3660n * NS_PER_DAY;

/**
 * The timeline with its events in memory.
 * @example const t = await buildTimeline(['syslog', 'gw.fix', 'metrics.prom'], { start, end });
 */
export async function buildTimeline(files: string[], opts: TimelineOptions): Promise<Timeline> {
  const { close, ...t } = await openTimeline(files, opts);
  try {
    return { ...t, events: [...t.events] };
  } finally {
    close();
  }
}

/**
 * The timeline with its events read from disk when there are many (`close` it once read).
 * @example const t = await openTimeline(files, { start, end }); try { for (const e of t.events) print(e); } finally { t.close(); }
 */
export async function openTimeline(files: string[], opts: TimelineOptions): Promise<OpenTimeline> {
  const { before = WINDOW_MARGIN, after = WINDOW_MARGIN, baseline = '1h', offsets = {} } = opts;
  const [widenBefore, widenAfter] = [parseDuration(before), parseDuration(after)];
  if (widenBefore < 0n || widenAfter < 0n) throw new InputError(`--before and --after widen the window: ${widenBefore < 0n ? before : after} is negative`);
  // Past these a value is a typo, not an incident (and the clock's arithmetic would overflow); a
  // host's clock may be off by days (a reset RTC), so offsets get the same bound.
  const spans: [string, string][] = [['--before', before], ['--after', after], ['--baseline', baseline], ...Object.entries(offsets).map(([h, d]): [string, string] => [`--offset ${h}=`, d])];
  for (const [flag, text] of spans) {
    const d = parseDuration(text);
    if (d > MAX_SPAN || -d > MAX_SPAN) throw new InputError(`${flag}${flag.endsWith('=') ? '' : ' '}${text} is longer than the ${MAX_SPAN / NS_PER_DAY} days a timeline can span`);
  }
  const start = opts.start.ns - widenBefore;
  const end = opts.end.ns + widenAfter;
  // Host names are case-insensitive (trade-GW-01 in one log, trade-gw-01 in another).
  const offsetNs = new Map(Object.entries(offsets).map(([h, d]) => [h.toLowerCase(), parseDuration(d)]));
  // A host whose clock runs ahead logs times that are too late: widen reading by the largest offset, then correct.
  const slack = [...offsetNs.values()].reduce((m, v) => (v < 0n ? (-v > m ? -v : m) : v > m ? v : m), 0n);
  // A run stopped by a signal (^C during a long output) exits without removing its spill directory.
  swept ??= sweepStale(tmpdir(), SPILL_PREFIX);
  await swept;
  const spill = spillDir();
  try {
    return await sortedTimeline(files, opts, { start, end, slack, offsetNs, spill: spill.path }, spill.remove);
  } catch (err) {
    spill.remove();
    throw err;
  }
}

async function sortedTimeline(
  files: string[],
  opts: TimelineOptions,
  w: { start: bigint; end: bigint; slack: bigint; offsetNs: Map<string, bigint>; spill: string },
  close: () => void,
): Promise<OpenTimeline> {
  const { minLevel = 'error', baseline = '1h', threshold = 3, method = 'sigma', offsets = {} } = opts;
  const { start, end, slack, offsetNs } = w;
  const { events, parked, stats, unplaced, names } = await collectSources(files, {
    start: start - slack,
    // The window includes its end (an event at exactly --end is in it); readers take [start, end).
    end: end + slack + 1n,
    minLevel,
    ...(opts.tz ? { tz: opts.tz } : {}),
    ...(opts.year ? { year: opts.year } : {}),
    ...(opts.date ? { date: opts.date } : {}),
    ...(opts.bootTime ? { bootTime: opts.bootTime } : {}),
    baseline: parseDuration(baseline),
    threshold,
    method,
    ...(opts.extraSeries ? { extraSeries: opts.extraSeries } : {}),
    ...(opts.extraEvents ? { extraEvents: opts.extraEvents } : {}),
    templates: opts.templates ?? false,
    exhaustive: opts.exhaustive ?? false,
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(opts.lineIndex !== undefined ? { lineIndex: opts.lineIndex } : {}),
    ...(opts.tuning ? { tuning: opts.tuning } : {}),
    spill: w.spill,
  }, opts.labels);
  const used = new Set<string>();
  const hosts = new Set<string>();
  const corrected = (e: TimelineEvent): TimelineEvent => {
    if (typeof e.metadata.host === 'string') hosts.add(e.metadata.host);
    const off = typeof e.metadata.host === 'string' ? offsetOf(offsetNs, e.metadata.host, used) : undefined;
    if (!off) return e;
    const ns = e.ns - off;
    return { ...e, ns, timestamp: shift(e.timestamp, ns), metadata: { ...e.metadata, clock_offset: String(off) } };
  };
  // A metric excursion, or an alert, already under way when the window opened is shown at its real start.
  const underWay = (e: TimelineEvent): boolean => e.metadata.onset_before_window === true || e.metadata.active_at_window_start === true;
  const inWindow = (e: TimelineEvent): boolean => (e.ns >= start || underWay(e)) && e.ns <= end;
  // A host's events, clocks corrected, may fall out of their run's order: those go through the spool.
  // So do runs too many to read at once.
  if (offsetNs.size === 0 && parked.length <= MERGE_FAN_IN) {
    // The readers kept only events in the window (they read [start, end + 1) when there is no slack).
    const kept = events.filter(inWindow).sort(compareEvents);
    return { window: { start, end }, events: mergeParked(kept, parked), sources: stats, unplaced, notes: [], names, close };
  }
  const spool = new EventSpool(w.spill, opts.tuning?.spoolBudget);
  const take = (read: TimelineEvent): void => {
    const e = corrected(read);
    if (inWindow(e)) spool.add(e);
  };
  for (const e of events) take(e);
  // Parked events are read back only now, once every reader is done: one run at a time, removed
  // once read (the spool's runs then hold them), so that the disk holds them at most once.
  for (const run of parked) {
    for (const e of readRun(run)) take(e);
    rmSync(run.path, { force: true });
  }
  // A host name mistyped in --offset would leave that clock uncorrected without a word.
  const notes = Object.keys(offsets)
    .filter((h) => !used.has(h.toLowerCase()))
    .map((h) => `--offset ${h}: no event comes from a host of that name${hosts.size ? ` (hosts: ${[...hosts].sort().slice(0, 10).join(', ')})` : ''}; nothing was corrected`);
  return { window: { start, end }, events: spool.sorted(), sources: stats, unplaced, notes, names, close };
}

/**
 * A host's clock offset: by its name, or by its short name when a log writes it in full
 * (gw-01.example.com); the name that matched goes into `used`.
 */
function offsetOf(offsets: Map<string, bigint>, host: string, used: Set<string>): bigint | undefined {
  const name = host.toLowerCase();
  const key = offsets.has(name) ? name : (name.split('.')[0] ?? name);
  const off = offsets.get(key);
  if (off !== undefined) used.add(key);
  return off;
}

/** Re-renders a timestamp for a shifted instant at the precision it had. */
function shift(original: string, ns: bigint): string {
  return formatTimestamp(ns, Math.max(fractionDigits(original), 6));
}
