/**
 * The curated timeline: reconstructed events saved into the incident (merged, never duplicated),
 * manual entries, pins, annotations and the recovery markers.
 */
import { createHash } from 'node:crypto';
import type { TimelineEvent } from '../../evidence/timeline/index.js';
import { MARKERS, type Marker, type TimelineEntry } from '../../incidents/schema/index.js';
import { formatEvidenceLink, lineNumberOf, parseEvidenceLink } from '../../incidents/schema/index.js';
import { ConflictError, InputError } from '../../shared/errors.js';
import { NS_PER_DAY, parseTimestamp } from '../../shared/time.js';
import { indexOfId, requireText, withIds } from './ids.js';
import { highestId } from './timeline-ids.js';

/** Most entries an incident's timeline holds (the record schema's limit). */
export const TIMELINE_MAX = 10_000;

const byTime = (a: TimelineEntry, b: TimelineEntry) => {
  const x = parseTimestamp(a.at).ns;
  const y = parseTimestamp(b.at).ns;
  return x < y ? -1 : x > y ? 1 : 0;
};

const key = (e: Pick<TimelineEntry, 'at' | 'event'>) => `${parseTimestamp(e.at).ns}\u0000${e.event}`;

/**
 * The evidence lines an entry cites (`<evidence id>#line N`, whatever the link's kind): an entry
 * written by hand that cites a log line, and the event reconstructed from that line, are one event
 * however each words it (a `log:` and a `system:` link to the same kernel line are the same line).
 */
function lineAnchors(e: Pick<TimelineEntry, 'evidence'>): string[] {
  const out: string[] = [];
  for (const link of e.evidence ?? []) {
    const p = parseEvidenceLink(link);
    if (p && lineNumberOf(p.ref) !== null) out.push(`\u0001${p.target}#${p.ref}`);
  }
  return out;
}

/**
 * A reconstructed event as a timeline entry; `evidenceOf` maps a source file to its evidence id so
 * the entry links back to its exact line.
 */
export function entryFromEvent(e: TimelineEvent, evidenceOf: (file: string) => string | undefined): TimelineEntry {
  const file = typeof e.metadata.file === 'string' ? e.metadata.file : undefined;
  const line = typeof e.metadata.line === 'number' ? e.metadata.line : undefined;
  const evId = file ? evidenceOf(file) : undefined;
  const kind = e.source === 'metric' ? 'metric' : e.source === 'alert' ? 'alert' : e.source === 'order' ? 'order' : e.source === 'system' ? 'system' : 'log';
  const ref = kind === 'metric' ? (typeof e.metadata.metric === 'string' ? e.metadata.metric : undefined) : line !== undefined ? `line ${line}` : undefined;
  return {
    at: e.timestamp,
    event: e.description.slice(0, 10_000) || e.event_type,
    source: e.source,
    event_type: e.event_type.slice(0, 500),
    ...(evId ? { evidence: [formatEvidenceLink({ kind, target: evId, ...(ref ? { ref } : {}) })] } : {}),
  };
}

/**
 * Gives every entry without an id the next one above `floor` and the ids present (see timeline-ids.ts:
 * an id once given out, even to an entry since removed, is not given again).
 */
export function assignIds(entries: readonly TimelineEntry[], floor: number): { entries: TimelineEntry[]; last: number } {
  let last = Math.max(floor, highestId(entries));
  const out = entries.map((e) => (e.id ? e : { ...e, id: `T${++last}` }));
  return { entries: out, last };
}

/**
 * The keys under which two entries are one event: the instant with the text, and each evidence line
 * cited. Saving skips an event that shares any of them with an entry there, or with one removed.
 */
export function mergeKeys(e: Pick<TimelineEntry, 'at' | 'event' | 'evidence'>): string[] {
  return [key(e), ...lineAnchors(e)];
}

/**
 * A merge key as the store keeps those of removed entries: a SHA-256, since an event's text runs to
 * 10,000 characters and the key must fit an index on both databases.
 * @example dismissalKey(mergeKeys(entry)[0]).length // 64
 */
export const dismissalKey = (k: string): string => createHash('sha256').update(k).digest('hex');

const NONE: ReadonlySet<string> = new Set();

/**
 * Merges entries into the timeline by time; an entry equal in instant and text to one already there
 * is skipped (saving twice adds nothing), and so is one a curator removed before (`dismissed`: the
 * dismissalKey of each merge key of the entries removed), so that a removal sticks. New entries get
 * ids above `floor`, the highest id ever given out in this timeline. Returns the new list, how many
 * were added, dropped for want of room or skipped as removed, and the highest id now given out.
 */
export function mergeEntries(
  current: readonly TimelineEntry[],
  incoming: readonly TimelineEntry[],
  floor = 0,
  dismissed: ReadonlySet<string> = NONE,
): { timeline: TimelineEntry[]; added: number; dropped: number; removed: number; last: number } {
  const { entries: all, last: afterCurrent } = assignIds(current, floor);
  const seen = new Set(all.flatMap(mergeKeys));
  const fresh: TimelineEntry[] = [];
  let removed = 0;
  for (const e of incoming) {
    const keys = mergeKeys(e);
    if (keys.some((k) => seen.has(k))) continue;
    if (dismissed.size > 0 && keys.some((k) => dismissed.has(dismissalKey(k)))) {
      removed++;
      continue;
    }
    for (const k of keys) seen.add(k);
    fresh.push(e);
  }
  const room = Math.max(0, TIMELINE_MAX - all.length);
  const kept = fresh.slice(0, room).map(({ id: _id, ...e }) => e);
  const numbered = assignIds(kept, afterCurrent);
  return { timeline: [...all, ...numbered.entries].sort(byTime), added: kept.length, dropped: fresh.length - kept.length, removed, last: numbered.last };
}

export interface EntryEdit {
  pinned?: boolean;
  annotation?: string;
  /** A marker, or null to clear it. */
  marker?: Marker | null;
  evidence?: string[];
}

export function parseMarker(s: string): Marker {
  const m = s.trim().toLowerCase().replace(/[-\s]+/g, '_');
  if (!(MARKERS as readonly string[]).includes(m)) throw new InputError(`unknown marker "${s}": expected one of ${MARKERS.join(', ')}`);
  return m as Marker;
}

/**
 * Pins, annotates or marks an entry. A marker names one moment, so setting it moves it off the entry
 * that had it: the notes say so ("detection marker moved from T6 to T21"), as they say when a pin or
 * marker asked for was already there, or one to clear was not.
 * @example editEntry(timeline, 'T4', { marker: 'detection', pinned: true }).notes
 */
export function editEntry(current: readonly TimelineEntry[], id: string, edit: EntryEdit): { timeline: TimelineEntry[]; notes: string[] } {
  const all = withIds(current, 'T');
  const i = indexOfId(all, id, 'timeline entry');
  const target = all[i] as TimelineEntry;
  refuseSecondMarker(target, edit.marker);
  const notes = unchangedNotes(target, edit);
  const timeline = all.map((e, j) => {
    if (j !== i) {
      if (edit.marker && e.marker === edit.marker) {
        notes.push(`${edit.marker} marker moved from ${e.id} to ${target.id}`);
        const { marker: _m, ...rest } = e;
        return rest;
      }
      return e;
    }
    return applyEdit(e, edit);
  });
  return { timeline, notes };
}

/**
 * An entry carries one marker (the record's `marker` field), and the recovery figures read every
 * marker as a moment of its own: replacing one silently would drop a phase boundary (a lost recovery
 * marker makes the figures fall back to the incident's end without a word). So a second, different
 * marker is refused, naming the one there; two markers at one moment take two entries at that time.
 */
function refuseSecondMarker(e: TimelineEntry, marker: Marker | null | undefined): void {
  if (!marker || !e.marker || e.marker === marker) return;
  throw new ConflictError(
    `${e.id} already carries the ${e.marker} marker, and an entry carries one: unmark ${e.id} first to move the ${e.marker} marker, or add an entry at the same time for ${marker}`,
    { details: { entry: e.id, marker: e.marker } },
  );
}

/** Notes for the parts of an edit that change nothing (pinning a pinned entry, unmarking an unmarked one). */
function unchangedNotes(e: TimelineEntry, edit: EntryEdit): string[] {
  const notes: string[] = [];
  if (edit.pinned === true && e.pinned) notes.push(`${e.id} was already pinned`);
  if (edit.pinned === false && !e.pinned) notes.push(`${e.id} was not pinned`);
  if (edit.marker && e.marker === edit.marker) notes.push(`${e.id} already carries the ${edit.marker} marker`);
  if (edit.marker === null && !e.marker) notes.push(`${e.id} had no marker`);
  return notes;
}

function applyEdit(e: TimelineEntry, edit: EntryEdit): TimelineEntry {
  const next: TimelineEntry = { ...e };
  if (edit.pinned !== undefined) {
    if (edit.pinned) next.pinned = true;
    else delete next.pinned;
  }
  if (edit.annotation !== undefined) {
    if (edit.annotation.trim()) next.annotation = edit.annotation.trim();
    else delete next.annotation;
  }
  if (edit.marker !== undefined) {
    if (edit.marker) next.marker = edit.marker;
    else delete next.marker;
  }
  if (edit.evidence?.length) next.evidence = [...new Set([...(e.evidence ?? []), ...edit.evidence])];
  return next;
}

/**
 * How far from the incident a timeline entry may lie. A post-mortem's timeline runs from the change
 * that planted the fault to the verification after it: weeks, rarely months. An entry a year away is a
 * typo (2052 for 2025, a default 0000-01-01 or 9999-12-31) that would turn the recovery figures into
 * millions of days, so it is refused when written rather than explained afterwards.
 */
export const ENTRY_REACH_DAYS = 366;
const ENTRY_REACH_NS = BigInt(ENTRY_REACH_DAYS) * NS_PER_DAY;

/**
 * Refuses a time further than ENTRY_REACH_DAYS before the incident's start or after its end (its
 * start while it has none).
 * @example refuseFarTime('0000-01-01T00:00:00Z', incident) // throws: … 739,939 days before the incident's start …
 */
export function refuseFarTime(at: string, incident: { started_at: string; ended_at?: string | undefined }): void {
  const t = parseTimestamp(at).ns;
  const start = parseTimestamp(incident.started_at).ns;
  const end = parseTimestamp(incident.ended_at ?? incident.started_at).ns;
  const before = t < start;
  const gap = before ? start - t : t - end;
  if (gap <= ENTRY_REACH_NS) return;
  const edge = before ? `start (${incident.started_at})` : `${incident.ended_at ? 'end' : 'start'} (${incident.ended_at ?? incident.started_at})`;
  throw new InputError(
    `${at} is ${(gap / NS_PER_DAY).toLocaleString('en-US')} days ${before ? 'before' : 'after'} the incident's ${edge}: a timeline entry must lie within ${ENTRY_REACH_DAYS} days of the incident (a typo in the year?)`,
  );
}

export interface ManualEntry {
  at: string;
  event: string;
  marker?: Marker;
  pinned?: boolean;
  annotation?: string;
  evidence?: string[];
}

/** Adds a manual entry; with a marker, the notes say which entry the marker moved from. */
export function addEntry(current: readonly TimelineEntry[], input: ManualEntry, floor = 0): { timeline: TimelineEntry[]; id: string; notes: string[]; last: number } {
  const entry: TimelineEntry = {
    at: input.at,
    event: requireText(input.event, 'the event'),
    source: 'manual',
    ...(input.pinned ? { pinned: true } : {}),
    ...(input.annotation?.trim() ? { annotation: input.annotation.trim() } : {}),
    ...(input.evidence?.length ? { evidence: [...new Set(input.evidence)] } : {}),
  };
  const merged = mergeEntries(current, [entry], floor);
  if (merged.added === 0) throw new InputError('the timeline already has that event at that time');
  const added = merged.timeline.find((e) => key(e) === key(entry));
  const id = added?.id as string;
  if (!input.marker) return { timeline: merged.timeline, id, notes: [], last: merged.last };
  return { ...editEntry(merged.timeline, id, { marker: input.marker }), id, last: merged.last };
}

/**
 * Removes entries, all or none: an unknown id leaves the timeline as it was.
 * @example removeEntries(timeline, ['T20', 'T19'])
 */
export function removeEntries(current: readonly TimelineEntry[], ids: readonly string[]): TimelineEntry[] {
  const all = withIds(current, 'T');
  const doomed = new Set(ids.map((id) => indexOfId(all, id, 'timeline entry')));
  return all.filter((_, j) => !doomed.has(j));
}

/** The key events: pinned or marked entries when any is pinned, else every entry. */
export function keyEntries(timeline: readonly TimelineEntry[]): TimelineEntry[] {
  return timeline.some((e) => e.pinned) ? timeline.filter((e) => e.pinned || e.marker) : [...timeline];
}
