/**
 * Log files into timeline events. The fast path seeks by time in time-ordered files and parses in
 * full only the lines that can become events (level, notable phrase, window); the reference path
 * (`exhaustive`) parses every line. Both give the same events.
 */
import { stat } from 'node:fs/promises';
import { formatDuration, formatTimestamp, NS_PER_MIN } from '../../shared/time.js';
import { bootSeconds, datelessStart, datelessTimes, detectFormat, headSample, LEVELS, readSelected, SEEK_ORDER_SAMPLES, seekRange, streamLogFile, type LineResult, type LogFileStats, type LogFormat, type Level, type LogParseOptions, type LogRecord, type PartEdges } from '../logs/index.js';
import { sourceName } from './sources.js';
import type { CollectOptions, SourceEvents, SourceStats } from './collect.js';
import type { TimelineEvent, UnplacedEvent } from './event.js';
import { NOTABLE_HINT, NOTABLE_LITERALS, notableKind } from './notable.js';
import { BootMarks, nextOf, rebootEvents, type BootMark, type NextRecord } from './reboots.js';
import { parkedCount, Parking, type ParkedRun } from './spool.js';
import { TemplateTracker } from './template-events.js';

/** Files smaller than this are read whole: a seek's probes would cost more than they save. */
const SEEK_MIN_BYTES = 16 << 20;
/** Lines this much out of time order around the window are still found after a seek. */
export const SEEK_SLACK = 2n * NS_PER_MIN;

export interface LogPlan {
  sample: string[];
  /** Detected once from the sample: parts and probes need not detect it again. */
  format: LogFormat;
  /** Times of day without a date: read in one part, each line dated by the ones before it. */
  dateless: boolean;
  /** The date of such a file's first line, estimated from its end when the user gave none (dateless.ts). */
  date?: string;
  from: number;
  to: number;
  size: number;
  /** Why the file is read whole, when a seek was tried and refused. */
  notes: string[];
}

/**
 * What a seek skipped, for the source's notes: the statistics count only the lines read.
 * @example seekNote({ from: 10, to: 20, size: 30 }, 1)
 */
export function seekNote(p: { from: number; to: number; size: number }, linesBefore: number, lookback = ''): string | null {
  if (p.from === 0 && p.to >= p.size) return null;
  // Order is sampled, not proven: a line written far from its time elsewhere (a late flush, a clock
  // step) is in the skipped bytes, and the note says so rather than promise every line was seen.
  return `time-ordered: read bytes ${p.from}–${p.to} of ${p.size}${lookback}; the ${linesBefore} lines before (counted, not parsed) and the ${p.size - p.to} bytes after were skipped (order checked at ${SEEK_ORDER_SAMPLES} points: a line written more than ${formatDuration(SEEK_SLACK)} away from its time elsewhere in the file is not seen)`;
}

const withFlags = (flagged: Record<string, number>): { flagged?: Record<string, number> } => (Object.keys(flagged).length ? { flagged } : {});

export const parseOptions = (o: CollectOptions): LogParseOptions => ({
  ...(o.tz ? { tz: o.tz } : {}),
  // A yearless line takes the year nearest the window: the incident says when the logs are from
  // better than a file's mtime, which a copy or an archive resets. A --year of another year than
  // the window's wins (see Clock).
  ...(o.year ? { year: o.year } : {}),
  ...(o.date ? { date: o.date, dateAssumed: o.dateAssumed === true } : {}),
  near: o.start + (o.end - o.start) / 2n,
  ...(o.bootTime ? { bootTime: o.bootTime } : {}),
});

/** Time range whose lines must be parsed: the window, or from the template baseline on. */
export const readStart = (o: CollectOptions): bigint => (o.templates ? o.start - o.baseline : o.start);

/** What a source's notes say of the date its times of day were given when the user gave none. */
const datelessNote = (date: string): string =>
  `times of day without a date: the first line taken as of ${date}, counting days back from the last line, taken as of the file's modification time (--date gives the first line's date)`;

/**
 * Where to read a log file: the bytes holding the window when the file is time-ordered and large,
 * else all of it (with a note saying why when a seek was tried).
 * @example const plan = await planLog('/var/log/syslog', options);
 */
export async function planLog(file: string, o: CollectOptions): Promise<LogPlan> {
  const popts = parseOptions(o);
  const sample = await headSample(file, popts);
  const detected = detectFormat(sample);
  const format = detected.format;
  const size = (await stat(file)).size;
  const dateless = detected.parser !== null && datelessTimes(sample, detected.parser);
  const date = dateless && o.date === undefined ? await datelessStart(file, popts, { sample, format }) : null;
  const dated = date !== null ? [datelessNote(date)] : [];
  const whole: LogPlan = { sample, format, dateless, ...(date !== null ? { date } : {}), from: 0, to: size, size, notes: dated };
  if (size < (o.tuning?.seekMinBytes ?? SEEK_MIN_BYTES)) return whole;
  const seek = await seekRange(file, readStart(o) - SEEK_SLACK, o.end + SEEK_SLACK, { ...popts, sample, format, slack: SEEK_SLACK });
  if (!seek.ok) return { ...whole, notes: [...dated, `read whole: ${seek.reason}`] };
  return { ...whole, from: seek.range.from, to: seek.range.to };
}

/**
 * A copy of a string that does not keep the block of text it was cut from alive (V8 slices point
 * into their parent): an event outlives its block, and thousands of them would pin every block read.
 */
const detach = (s: string): string => ` ${s}`.slice(1);
const detachOrNull = (s: string | undefined): string | null => (s === undefined ? null : detach(s));

/** The timeline event of a record, or null when it is not one. */
export function recordEvent(rec: LogRecord, name: string, o: CollectOptions, maxLevel: number): TimelineEvent | null {
  if (rec.ns === null || rec.ns < o.start || rec.ns >= o.end) return null;
  const e = eventFields(rec, name, maxLevel);
  return e && { timestamp: rec.timestamp ?? formatTimestamp(rec.ns), ns: rec.ns, ...e };
}

/** A boot-relative record that would be an event, kept beside the timeline; null when it is not one. */
export function unplacedEvent(rec: LogRecord, name: string, maxLevel: number): UnplacedEvent | null {
  if (rec.bootOffsetNs === undefined) return null;
  const e = eventFields(rec, name, maxLevel);
  return e && { boot_offset: bootSeconds(rec.bootOffsetNs), ...e };
}

/** Rank of the lowest level: asking for it is asking for every line, with a level or without one. */
const LOWEST = LEVELS.length - 1;
const everyLine = (minLevel: Level): boolean => LEVELS.indexOf(minLevel) === LOWEST;

function eventFields(rec: LogRecord, name: string, maxLevel: number): Omit<TimelineEvent, 'timestamp' | 'ns'> | null {
  const severe = rec.level !== null ? LEVELS.indexOf(rec.level) <= maxLevel : maxLevel === LOWEST;
  const notable = notableKind(rec.message);
  if (!severe && !notable) return null;
  return {
    // A kernel failure is a system event whatever level it was logged at (a journal gives kernel
    // lines their printk level); an application's error that names one stays the application's.
    source: notable && (rec.format === 'kernel' || rec.process === 'kernel' || !severe) ? 'system' : 'log',
    event_type: notable ?? rec.level ?? 'log',
    description: detach(rec.message),
    metadata: {
      file: name,
      line: rec.line,
      host: detachOrNull(rec.host),
      process: detachOrNull(rec.process),
      pid: detachOrNull(rec.pid),
      logger: detachOrNull(rec.component),
      level: rec.level,
      format: rec.format,
      ...(rec.bootOffsetNs !== undefined ? { boot_offset: bootSeconds(rec.bootOffsetNs) } : {}),
      ...(rec.flags?.length ? { flags: rec.flags.join(',') } : {}),
    },
  };
}

/** The note of a source whose kernel lines stayed off the axis. */
export const relativeNote = (n: number): string =>
  `${n} kernel lines have boot-relative times only: pass --boot-time, or add a syslog or journal file holding the same kernel lines, to place them`;

/** One part of a log file read: its events and the counts to join with its neighbours'. */
export interface LogPart {
  /** Events kept in memory (with those parked, all the part's events). */
  events: TimelineEvent[];
  /** Events parked on disk when the options give a spill directory (spool.ts). */
  parked: ParkedRun[];
  stats: LogFileStats;
  edges: PartEdges;
  /**
   * The part's last record when it is an event, with its continuation lines so far: the next part's
   * leading lines (edges.leadingText) continue its stack trace (joinLogParts).
   */
  tail?: { index: number; lines: string[] };
  relative: number;
  /** Boot-relative lines that would be events (at most MAX_UNPLACED per part). */
  unplaced: UnplacedEvent[];
  notes: string[];
  /**
   * journalctl's boot markers: their reboot events are made when the parts are joined (withReboots),
   * since the records before a marker may be in a part before.
   */
  boots: BootMark[];
}

/** Unplaced events kept per file: the first ones say what happened; a flood would say nothing more. */
export const MAX_UNPLACED = 500;

async function gather(
  file: string,
  batches: AsyncIterable<LineResult[]>,
  o: CollectOptions,
): Promise<Pick<LogPart, 'events' | 'parked' | 'relative' | 'unplaced' | 'notes'> & { boots: BootMarks; last: { index: number; line: number; lines: string[] } | null }> {
  const maxLevel = LEVELS.indexOf(o.minLevel);
  let events: TimelineEvent[] = [];
  const parking = new Parking(o);
  const unplaced: UnplacedEvent[] = [];
  const name = sourceName(o.names, file);
  const templates = o.templates ? new TemplateTracker({ start: o.start, end: o.end, baselineStart: o.start - o.baseline }, name) : null;
  let relative = 0;
  // Events and the continuation lines (a stack trace) their record may still gain: the array only,
  // not the record, whose fields are slices that would keep their blocks alive. A record's lines are
  // all in once the next record comes, so only the latest events wait (a scan's 46,000 events kept
  // to the end held every block with a trace line: peak RSS doubled).
  let traced: [TimelineEvent, string[]][] = [];
  const settle = (): void => {
    for (const [e, lines] of traced) if (lines.length) Object.assign(e.metadata, stackFacts(lines));
    traced = [];
  };
  // The last record seen, when it made an event (a record skimmed later is not seen here: the
  // caller compares lines with the parser's last record).
  let last: { index: number; line: number; lines: string[] } | null = null;
  const boots = new BootMarks();
  for await (const batch of batches) {
    for (const r of batch) {
      if (r.kind !== 'record') continue;
      settle();
      last = null;
      const rec = r.record;
      if (boots.follow(rec)) continue;
      if (rec.ns === null) {
        if (rec.relative) {
          relative++;
          const u = unplaced.length < MAX_UNPLACED ? unplacedEvent(rec, name, maxLevel) : null;
          if (u) unplaced.push(u);
        }
        continue;
      }
      templates?.add(rec.message, rec.ns, rec.line);
      const e = recordEvent(rec, name, o, maxLevel);
      if (e) {
        events.push(e);
        traced.push([e, (rec.continuation ??= [])]);
        // The event just made stays: its trace may still grow, and it may be the part's last.
        if (parking.due(events)) events = parking.park(events, 1);
        last = { index: events.length - 1, line: rec.line, lines: rec.continuation };
      }
    }
  }
  // (A trace that a file's cut into parts puts at the start of the next part is joined in joinLogParts.)
  settle();
  // A part's last event stays, for the trace the next part may continue (joinLogParts).
  if (parking.ends(events)) {
    events = parking.park(events, last ? 1 : 0);
    if (last) last.index = events.length - 1;
  }
  const notes: string[] = [];
  const t = templates?.events();
  if (t) events.push(...t.events);
  if (t?.note) notes.push(t.note);
  return { events, parked: parking.runs, relative, unplaced, notes, last, boots };
}

/**
 * What the lines printed after an error say (a Java or Python stack trace): the exception, the
 * root cause (Java's last `Caused by:`) and how many lines there were. Often the key fact of the
 * event, and otherwise only in the file.
 * @example stackFacts(['java.lang.IllegalStateException: boom', '\tat a.B.c(B.java:1)', 'Caused by: java.net.ConnectException: refused'])
 */
export function stackFacts(lines: readonly string[]): { exception?: string; root_cause?: string; stack_lines?: number } {
  // Lines that continue a message without frames (a multi-line SQL statement, a wrapped text) are no trace.
  if (!lines.some((l) => FRAME.test(l.trim()))) return {};
  const out: { exception?: string; root_cause?: string; stack_lines: number } = { stack_lines: lines.length };
  // Python names the exception last, after the frames and their (indented) source lines.
  if (lines.some((l) => l.startsWith('Traceback (most recent call last)'))) {
    const last = [...lines].reverse().find((l) => l.trim() !== '' && !/^\s/.test(l) && !l.startsWith('Traceback'));
    if (last !== undefined) out.exception = detach(last.trim());
    return out;
  }
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || FRAME.test(line)) continue;
    if (line.startsWith('Caused by:')) out.root_cause = detach(line.slice('Caused by:'.length).trim());
    else out.exception ??= detach(line);
  }
  return out;
}

// Frame and bookkeeping lines of Java and Python traces (`at …`, `... 5 more`, `File "…", line 3`, the traceback header).
const FRAME = /^(?:at\s|\.\.\.\s*\d+\s+(?:more|common frames omitted)|File\s+"|Traceback\s)/;

/**
 * Joins the parts of one file, read in order, into its events and statistics: line numbers are
 * shifted by the lines of the parts before, and what only the whole file shows is restored (time
 * going back across a boundary, continuations at the start of a part, the one assumed year).
 * Parts number their lines from 0; `lineOffset` is the number of lines before the first part.
 * @example const { events, stats } = joinLogParts(file, [part], plan.notes, plan.lineOffset);
 */
export function joinLogParts(file: string, parts: LogPart[], notes: string[], lineOffset = 0): SourceEvents {
  const events: TimelineEvent[] = [];
  const parked: ParkedRun[] = [];
  const rejected: Record<string, number> = {};
  const flagged: Record<string, number> = {};
  const add = (k: string, v: number): void => {
    if (v) rejected[k] = (rejected[k] ?? 0) + v;
  };
  const flag = (k: string, v: number): void => {
    if (v) flagged[k] = (flagged[k] ?? 0) + v;
  };
  let lines = 0;
  let relative = 0;
  const unplaced: UnplacedEvent[] = [];
  let yearAssumed = 0;
  let dateAssumed = 0;
  let lastNs: bigint | null = null;
  let anyRecord = false;
  const partNotes: string[] = [];
  // Rejections first, then flags, each in the order the parts first met them: the order a read
  // in one part gives, however the file was cut.
  for (const p of parts) {
    for (const [k, v] of Object.entries(p.stats.rejected)) add(k, v);
    if (anyRecord && p.edges.leadingNoHeader) add('no_header', -p.edges.leadingNoHeader);
    anyRecord ||= p.stats.parsed > 0;
  }
  // The last event of the parts so far and its trace, which leading lines of the next part continue.
  let open: { event: TimelineEvent; lines: string[] } | null = null;
  for (const p of parts) {
    if (open && p.edges.leadingText.length > 0) {
      const facts = stackFacts([...open.lines, ...p.edges.leadingText]);
      // every line counts, the ones past those a part keeps too
      if (facts.stack_lines !== undefined) facts.stack_lines = open.lines.length + p.edges.leadingNoHeader;
      Object.assign(open.event.metadata, facts);
      open.lines.push(...p.edges.leadingText);
    }
    if (p.stats.parsed > 0) open = p.tail ? { event: p.events[p.tail.index] as TimelineEvent, lines: [...p.tail.lines] } : null;
    for (const e of p.events) {
      if (lines + lineOffset && typeof e.metadata.line === 'number') e.metadata.line += lines + lineOffset;
      events.push(e);
    }
    for (const r of p.parked) parked.push({ ...r, lineShift: r.lineShift + lines + lineOffset });
    if (lastNs !== null && p.edges.firstNs !== null && p.edges.firstNs < lastNs) flag('time_backwards', 1);
    for (const [k, v] of Object.entries(p.stats.flagged)) if (k !== 'year_assumed' && k !== 'date_assumed') flag(k, v);
    yearAssumed += p.stats.flagged.year_assumed ?? 0;
    dateAssumed += p.stats.flagged.date_assumed ?? 0;
    if (p.edges.lastNs !== null) lastNs = p.edges.lastNs;
    for (const u of p.unplaced) {
      if (unplaced.length >= MAX_UNPLACED) break;
      if (lines + lineOffset && typeof u.metadata.line === 'number') u.metadata.line += lines + lineOffset;
      unplaced.push(u);
    }
    lines += p.stats.lines;
    relative += p.relative;
    partNotes.push(...p.notes);
  }
  if (yearAssumed) flagged.year_assumed = 1;
  if (dateAssumed) flagged.date_assumed = 1;
  for (const [k, v] of Object.entries(rejected)) if (v === 0) delete rejected[k];
  const out = [...notes];
  if (relative) out.push(relativeNote(relative));
  out.push(...partNotes);
  const format = parts[0]?.stats.format ?? 'plain';
  const stats: SourceStats = { file, kind: 'log', format, lines, events: events.length + parkedCount(parked), rejected, ...withFlags(flagged), notes: out };
  return { events, ...(parked.length ? { parked } : {}), stats, relative, ...(unplaced.length ? { unplaced } : {}) };
}

/**
 * Reads bytes [from, to) of a log file (a plan, or a part of one) into events; line numbers count
 * from `lineOffset`.
 * @example const part = await readLogPart(file, { ...plan, lineOffset: 0 }, options);
 */
export async function readLogPart(file: string, part: Pick<LogPlan, 'sample' | 'format' | 'from' | 'to'> & { lineOffset: number }, o: CollectOptions): Promise<LogPart> {
  const stream = readSelected(file, {
    ...parseOptions(o),
    sample: part.sample,
    format: part.format,
    lineOffset: part.lineOffset,
    from: part.from,
    to: part.to,
    selection: { start: readStart(o), end: o.end, minLevel: o.minLevel, hint: NOTABLE_HINT, hintLiterals: NOTABLE_LITERALS, all: o.templates === true || everyLine(o.minLevel) },
  });
  const { last, boots, ...g } = await gather(file, stream.batches(), o);
  const edges = stream.edges;
  // Copied, lines too: the record's array, and the blocks its lines were cut from, must not outlive the part.
  const tail = last !== null && last.line === edges.lastRecordLine ? { tail: { index: last.index, lines: last.lines.map(detach) } } : {};
  // A boot marker that ends the part takes its time from the first record after it, read on.
  if (boots.waiting) {
    const next = await recordAfter(file, part, o);
    if (next) for (const m of boots.marks) m.next ??= next;
  }
  return { ...g, stats: stream.stats, edges, ...tail, boots: boots.marks };
}

/** The first record with a time from byte `to` on (where a part ends), as NextRecord; null: none. */
async function recordAfter(file: string, part: Pick<LogPlan, 'sample' | 'format' | 'to'>, o: CollectOptions): Promise<NextRecord | null> {
  const stream = readSelected(file, { ...parseOptions(o), sample: part.sample, format: part.format, from: part.to, selection: { start: -ANY_TIME, end: ANY_TIME, minLevel: o.minLevel, all: true } });
  for await (const batch of stream.batches()) {
    for (const r of batch) if (r.kind === 'record' && r.record.ns !== null) return nextOf(r.record, r.record.ns);
  }
  return null;
}

const ANY_TIME = 1n << 80n;

/**
 * The parts of a file, read in order, with the reboot events of their boot markers (rebootEvents)
 * among their events, where joinLogParts numbers their lines as the others'.
 * @example const source = joinLogParts(file, withReboots(file, parts, options), notes);
 */
export function withReboots(file: string, parts: LogPart[], o: CollectOptions): LogPart[] {
  const made = rebootEvents(parts.map((p) => ({ boots: p.boots, lastNs: p.edges.lastNs })), o, sourceName(o.names, file));
  parts.forEach((p, i) => p.events.push(...(made[i] ?? [])));
  return parts;
}

/**
 * The reference path: every line of the file parsed in full.
 * @example const { events } = await collectLogExhaustive('/var/log/syslog', options);
 */
export async function collectLogExhaustive(file: string, o: CollectOptions): Promise<SourceEvents> {
  const stream = streamLogFile(file, parseOptions(o));
  const g = await gather(file, stream.batches(), o);
  // The date the stream gave a log of times of day (dateless.ts), as the fast path's plan does.
  const date = stream.assumedDate;
  const [reboots = []] = rebootEvents([{ boots: g.boots.marks, lastNs: null }], o, sourceName(o.names, file));
  g.events.push(...reboots);
  const s = stream.stats;
  const rejected: Record<string, number> = { ...s.rejected };
  const flagged: Record<string, number> = { ...s.flagged };
  const notes = [...(date !== null ? [datelessNote(date)] : []), ...g.notes];
  if (g.relative) notes.unshift(relativeNote(g.relative));
  return {
    events: g.events,
    ...(g.parked.length ? { parked: g.parked } : {}),
    stats: { file, kind: 'log', format: s.format, lines: s.lines, events: g.events.length + parkedCount(g.parked), rejected, ...withFlags(flagged), notes },
    relative: g.relative,
    ...(g.unplaced.length ? { unplaced: g.unplaced } : {}),
  };
}
