/**
 * FIX engine logs into timeline events. Large time-ordered files are read from a while before the
 * window (so that heartbeat state is rebuilt) to a while after it; the rest is skipped.
 */
import { open, stat } from 'node:fs/promises';
import { formatDuration, NS_PER_MIN, NS_PER_S, parseTimestamp } from '../../shared/time.js';
import { FixEventStream, hintsFromFileName, mayMerge, readFixLogs, settle, type FixEvent, type FixStats } from '../fix/index.js';
import { blocks, createZone, headSample, seekRange, type Zone } from '../logs/index.js';
import { sourceName } from './sources.js';
import type { CollectOptions, SourceEvents } from './collect.js';
import { SEEK_SLACK } from './collect-log.js';
import type { TimelineEvent } from './event.js';
import { parkedCount, Parking, type ParkedRun } from './spool.js';

const SEEK_MIN_BYTES = 16 << 20;
const GZIP = /\.gz$/i;
/**
 * Read this long before the window: a session's last messages before it (a heartbeat gap that
 * becomes overdue inside the window began up to 1.5 × HeartBtInt before) and its recent state.
 */
export const FIX_LOOKBACK = 10n * NS_PER_MIN;

export interface FixPlan {
  from: number;
  to: number;
  size: number;
  notes: string[];
}

/** How a FIX seek note says where reading began. */
export const FIX_LOOKBACK_NOTE = ` (from ${FIX_LOOKBACK / NS_PER_MIN} min before the window)`;

/**
 * The bytes of a FIX log to read for the window: all of a small or unordered file.
 * @example const plan = await planFix('FIX.4.4-GW-NASDAQ.messages.current.log', options);
 */
export async function planFix(file: string, o: CollectOptions): Promise<FixPlan> {
  const size = (await stat(file)).size;
  const whole: FixPlan = { from: 0, to: size, size, notes: [] };
  // Compressed logs have no byte offsets to seek to: the FIX reader inflates them whole.
  if (size < (o.tuning?.seekMinBytes ?? SEEK_MIN_BYTES) || GZIP.test(file)) return whole;
  // FIX times are UTC by the standard (the FIX family reads them so whatever tz says); a logger's
  // own zone-less prefix (log4j, logback) is in the zone of the other logs.
  const popts = { tz: o.tz ?? 'UTC', ...(o.year ? { year: o.year } : {}) };
  const sample = await headSample(file, popts);
  const seek = await seekRange(file, o.start - FIX_LOOKBACK, o.end + SEEK_SLACK, { ...popts, sample, slack: SEEK_SLACK });
  if (!seek.ok) return { ...whole, notes: [`read whole: ${seek.reason}`] };
  return { from: seek.range.from, to: seek.range.to, size, notes: [] };
}

/**
 * Reads the planned bytes of one FIX log through the FIX event engine; `lineOffset` lines come before.
 * @example const { events, stats } = await readFixPart(file, plan, options);
 */
export async function readFixPart(file: string, plan: FixPlan, o: CollectOptions, lineOffset = 0): Promise<SourceEvents> {
  if (GZIP.test(file)) return collectFixExhaustive(file, o);
  const stream = new FixEventStream();
  stream.describeSource(file, hintsFromFileName(file));
  const zone = o.tz === undefined ? undefined : createZone(o.tz);
  const found: FixEvent[] = [];
  // With a spill directory, events no notice can fold into are made timeline events as they come and
  // parked in batches: only the session events wait in memory for settle().
  const parking = new Parking(o);
  let early: TimelineEvent[] = [];
  const name = sourceName(o.names, file);
  const fh = await open(file, 'r');
  try {
    // One origin for every line (the parser only reads it): no object per line.
    const where: { file: string; line: number; zone?: Zone } = { file, line: lineOffset, ...(zone ? { zone } : {}) };
    for await (const b of blocks(fh, plan.from, plan.to, 96 << 10, Infinity, false)) {
      // Each line is read where it stands in the block's text (its end found there, the text not split):
      // its characters are reached directly, not through a substring, and only what a record keeps is cut out.
      const text = b.text;
      for (let at = 0; at <= text.length; ) {
        let nl = text.indexOf('\n', at);
        if (nl < 0) nl = text.length;
        where.line++;
        const events = stream.pushLine(text, at, nl, where);
        at = nl + 1;
        for (let i = 0; i < events.length; i++) {
          const e = events[i] as FixEvent;
          if (o.spill === undefined || mayMerge(e)) {
            found.push(e);
            continue;
          }
          const t = timelineEvent(e, name, o);
          if (t) early.push(t);
          if (parking.due(early)) early = parking.park(early, 0);
        }
      }
    }
  } finally {
    await fh.close();
  }
  // Sessions still silent at the end of the file end there; at the end of a range they go on.
  if (plan.to >= plan.size) found.push(...stream.finish());
  // As the reference path does: time order, and a notice that repeats a message event folded into it.
  const settled = settle(found, stream.stats());
  if (parking.ends(early)) early = parking.park(early, 0);
  return fixSource(file, settled.events, settled.stats, o, plan.notes, { events: early, parked: parking.runs });
}

/** A FIX event in the window as a timeline event; null when outside it or without a time. */
function timelineEvent(e: FixEvent, name: string, o: CollectOptions): TimelineEvent | null {
  if (e.ns === null || e.ns < o.start || e.ns >= o.end || e.timestamp === null) return null;
  // Copies: values cut from a block of the file would keep the whole block alive (see collect-log).
  const metadata = { ...e.metadata, file: name };
  const values: Record<string, unknown> = metadata;
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') values[k] = ` ${v}`.slice(1);
  return { timestamp: e.timestamp, ns: e.ns, source: e.source, event_type: e.event_type, description: ` ${e.description}`.slice(1), metadata };
}

function fixSource(file: string, found: FixEvent[], st: FixStats, o: CollectOptions, notes: string[], made: { events: TimelineEvent[]; parked: ParkedRun[] } = { events: [], parked: [] }): SourceEvents {
  const events: TimelineEvent[] = [];
  const name = sourceName(o.names, file);
  for (const e of found) {
    const t = timelineEvent(e, name, o);
    if (t) events.push(t);
  }
  for (const e of made.events) events.push(e);
  const rejected: Record<string, number> = {};
  if (st.untimed) rejected.no_time = st.untimed;
  if (st.ignoredLines) rejected.not_fix = st.ignoredLines;
  // A wrong checksum or body length is said, but the message is still read (events carry `corrupt`):
  // it is not a rejected line.
  const framing = st.corrupt ? [`${st.corrupt} messages fail their framing (checksum, body length or fields); read as written, their events say so`] : [];
  const said = [...notes, ...framing, ...silentAtEnd(st, o)];
  return { events, ...(made.parked.length ? { parked: made.parked } : {}), stats: { file, kind: 'fix', format: 'fix', lines: st.lines, events: events.length + parkedCount(made.parked), rejected, notes: said } };
}

/**
 * The reference path for one FIX log: read whole through `readFixLogs`.
 * @example const { events } = await collectFixExhaustive('gw.messages.log', options);
 */
export async function collectFixExhaustive(file: string, o: CollectOptions): Promise<SourceEvents> {
  const r = await readFixLogs([file], o.tz === undefined ? {} : { tz: o.tz });
  return fixSource(file, r.events, r.stats, o, []);
}

/**
 * Sessions still open, with heartbeats, where the log ends well before the window does: silent
 * from their last message on, with no logout. A gap is reported only up to the log's last line, and
 * with one session that line is the session's own: no event could say it went quiet. The log may
 * also have been rotated, so it is a note, not an event.
 */
function silentAtEnd(st: FixStats, o: CollectOptions): string[] {
  const out: string[] = [];
  const lasts = st.sessions.flatMap((s) => (s.lastTimestamp === null ? [] : [parseTimestamp(s.lastTimestamp).ns]));
  const logEnd = lasts.reduce((m, t) => (t > m ? t : m), 0n);
  for (const s of st.sessions) {
    const interval = s.heartbeatIntervalS;
    if (s.endedBy !== 'end_of_log' || s.heartbeats === 0 || !interval || s.lastTimestamp === null) continue;
    const last = parseTimestamp(s.lastTimestamp).ns;
    const overdue = BigInt(interval) * 2n * NS_PER_S;
    // Traffic after it (another session) already makes its silence a heartbeat-gap event.
    if (logEnd - last > overdue) continue;
    const quiet = o.end - last;
    if (last < o.start - FIX_LOOKBACK || quiet <= overdue) continue;
    out.push(`session ${s.session}: last message at ${s.lastTimestamp} (heartbeats every ${interval} s), no logout: the session went quiet, or its log stops there, ${formatDuration(quiet)} before the window ends`);
  }
  return out;
}
