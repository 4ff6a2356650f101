/**
 * Batch entry points over the streaming engine: records or whole texts in, time-ordered events
 * and statistics out, plus a JSON-safe form of an event.
 */
import { hintsFromFileName } from './file-names.js';
import { mergeEngineNotices } from './notice-merge.js';
import { FixEventStream } from './stream.js';
import type { FixEvent, FixEventOptions, FixRecord, FixStats, MetadataValue, SourceHints } from './types.js';

export interface FixEventResult {
  /** Events in time order; undated ones last, in input order. */
  events: FixEvent[];
  stats: FixStats;
}

/**
 * Events and statistics from parsed records (nulls, for lines that were not FIX, are counted). An
 * engine notice that repeats a message event (a session's event and message logs read together) is
 * folded into it (see `mergeEngineNotices`).
 * @example fixEvents(lines.map((l, i) => parseFixLine(l, { line: i + 1 }))).events
 */
export function fixEvents(records: Iterable<FixRecord | null>, options: FixEventOptions = {}): FixEventResult {
  const stream = new FixEventStream(options);
  const events: FixEvent[] = [];
  for (const record of records) {
    const found = stream.pushRecord(record);
    if (found.length) events.push(...found);
  }
  events.push(...stream.finish());
  return settle(events, stream.stats());
}

/**
 * Events and statistics from the text of one log file (any mix of the supported styles). `file`
 * names it in event metadata and, when it is a QuickFIX log name, tells the session; `hints` overrides.
 * @example fixEventsFromText(readFileSync('FIX.4.4-A-B.messages.log', 'utf8'), { file: 'FIX.4.4-A-B.messages.log' })
 */
export function fixEventsFromText(
  text: string,
  { file, hints, ...options }: FixEventOptions & { file?: string; hints?: SourceHints } = {},
): FixEventResult {
  const stream = new FixEventStream(options);
  if (file !== undefined || hints !== undefined) stream.describeSource(file ?? '', hints ?? hintsFromFileName(file ?? ''));
  const events: FixEvent[] = [];
  let lineNo = 0;
  let pos = 0;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    lineNo++;
    const line = text.slice(pos, nl);
    if (line !== '' || nl < text.length) {
      const found = stream.push(line, file === undefined ? { line: lineNo } : { file, line: lineNo });
      if (found.length) events.push(...found);
    }
    pos = nl + 1;
  }
  events.push(...stream.finish());
  return settle(events, stream.stats());
}

/**
 * The result of a run: events in time order, an engine notice that repeats a message event folded
 * into it, and the event counts of the statistics made to agree.
 * @example return settle(events, stream.stats());
 */
export function settle(events: FixEvent[], stats: FixStats): FixEventResult {
  const merged = mergeEngineNotices(sortEvents(events));
  if (merged.length !== events.length) {
    // Counted down by the notices folded away, not counted again from what is left: a timeline
    // reader settles only the events a notice may fold into and counts the others as it parks them.
    const counts: FixStats['events'] = { ...stats.events };
    for (const e of events) counts[e.event_type] = (counts[e.event_type] ?? 0) - 1;
    for (const e of merged) counts[e.event_type] = (counts[e.event_type] ?? 0) + 1;
    for (const k of Object.keys(counts) as (keyof typeof counts)[]) if (counts[k] === 0) delete counts[k];
    stats.events = counts;
  }
  return { events: merged, stats };
}

/**
 * Sorts events by time, stably; events without a time keep their order at the end.
 * @example sortEvents(events)[0]?.ns
 */
export function sortEvents(events: FixEvent[]): FixEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((x, y) => {
      const a = x.e.ns;
      const b = y.e.ns;
      if (a === null || b === null) return a === b ? x.i - y.i : a === null ? 1 : -1;
      return a < b ? -1 : a > b ? 1 : x.i - y.i;
    })
    .map((x) => x.e);
}

/** An event with `ns` as a decimal string, safe for `JSON.stringify`. */
export interface FixEventJson {
  timestamp: string | null;
  ns: string | null;
  source: FixEvent['source'];
  event_type: FixEvent['event_type'];
  description: string;
  metadata: Record<string, MetadataValue>;
}

/**
 * JSON-safe copy of an event.
 * @example JSON.stringify(eventToJson(event))
 */
export function eventToJson(event: FixEvent): FixEventJson {
  return { ...event, ns: event.ns === null ? null : event.ns.toString() };
}
