/**
 * The curated timeline: reconstructed events saved into the incident (merged, never duplicated),
 * manual entries, pins, annotations and the recovery markers.
 */
import type { TimelineEvent } from '../../evidence/timeline/index.js';
import { MARKERS, type Marker, type TimelineEntry } from '../../incidents/schema/index.js';
import { formatEvidenceLink, lineNumberOf, parseEvidenceLink } from '../../incidents/schema/index.js';
import { InputError } from '../../shared/errors.js';
import { parseTimestamp } from '../../shared/time.js';
import { nextId } from '../engines/index.js';
import { indexOfId, requireText, withIds } from './ids.js';

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
 * Merges entries into the timeline by time; an entry equal in instant and text to one already there
 * is skipped (saving twice adds nothing). Returns the new list and how many were added or dropped.
 */
export function mergeEntries(current: readonly TimelineEntry[], incoming: readonly TimelineEntry[]): { timeline: TimelineEntry[]; added: number; dropped: number } {
  const all = withIds(current, 'T');
  const seen = new Set(all.flatMap((e) => [key(e), ...lineAnchors(e)]));
  const fresh: TimelineEntry[] = [];
  for (const e of incoming) {
    const keys = [key(e), ...lineAnchors(e)];
    if (keys.some((k) => seen.has(k))) continue;
    for (const k of keys) seen.add(k);
    fresh.push(e);
  }
  const room = Math.max(0, TIMELINE_MAX - all.length);
  const kept = fresh.slice(0, room);
  const ids = all.map((e) => e.id);
  const withNewIds = kept.map((e) => {
    const id = nextId('T', ids);
    ids.push(id);
    return { ...e, id };
  });
  return { timeline: [...all, ...withNewIds].sort(byTime), added: kept.length, dropped: fresh.length - kept.length };
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
 * that had it: the notes say so ("detection marker moved from T6 to T21").
 * @example editEntry(timeline, 'T4', { marker: 'detection', pinned: true }).notes
 */
export function editEntry(current: readonly TimelineEntry[], id: string, edit: EntryEdit): { timeline: TimelineEntry[]; notes: string[] } {
  const all = withIds(current, 'T');
  const i = indexOfId(all, id, 'timeline entry');
  const notes: string[] = [];
  const timeline = all.map((e, j) => {
    if (j !== i) {
      if (edit.marker && e.marker === edit.marker) {
        notes.push(`${edit.marker} marker moved from ${e.id} to ${all[i]?.id}`);
        const { marker: _m, ...rest } = e;
        return rest;
      }
      return e;
    }
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
  });
  return { timeline, notes };
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
export function addEntry(current: readonly TimelineEntry[], input: ManualEntry): { timeline: TimelineEntry[]; id: string; notes: string[] } {
  const entry: TimelineEntry = {
    at: input.at,
    event: requireText(input.event, 'the event'),
    source: 'manual',
    ...(input.pinned ? { pinned: true } : {}),
    ...(input.annotation?.trim() ? { annotation: input.annotation.trim() } : {}),
    ...(input.evidence?.length ? { evidence: [...new Set(input.evidence)] } : {}),
  };
  const merged = mergeEntries(current, [entry]);
  if (merged.added === 0) throw new InputError('the timeline already has that event at that time');
  const added = merged.timeline.find((e) => key(e) === key(entry));
  const id = added?.id as string;
  if (!input.marker) return { timeline: merged.timeline, id, notes: [] };
  return { ...editEntry(merged.timeline, id, { marker: input.marker }), id };
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
