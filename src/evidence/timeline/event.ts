/** The timeline's one event shape (after the framework's TimelineEvent) and its deterministic order. */

export const EVENT_SOURCES = ['log', 'metric', 'alert', 'order', 'system'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

export type MetadataValue = string | number | boolean | null;

export interface TimelineEvent {
  /** RFC 3339 UTC with the full precision of the source. */
  timestamp: string;
  ns: bigint;
  source: EventSource;
  event_type: string;
  description: string;
  metadata: Record<string, MetadataValue>;
}

/**
 * A boot-relative kernel line that would be an event but cannot be placed on the axis (raw dmesg
 * with neither --boot-time nor an anchor in the evidence): kept, with its offset since boot.
 */
export interface UnplacedEvent {
  /** Seconds since boot as printk wrote them (`8100.500000`). */
  boot_offset: string;
  source: EventSource;
  event_type: string;
  description: string;
  metadata: Record<string, MetadataValue>;
}

/** Time first; ties by source, file, line, then text, so the same inputs always give the same order. */
export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  if (a.ns !== b.ns) return a.ns < b.ns ? -1 : 1;
  const keys = [
    [a.source, b.source],
    [String(a.metadata.file ?? ''), String(b.metadata.file ?? '')],
  ] as const;
  for (const [x, y] of keys) if (x !== y) return x < y ? -1 : 1;
  const la = Number(a.metadata.line ?? 0);
  const lb = Number(b.metadata.line ?? 0);
  if (la !== lb) return la - lb;
  return a.description < b.description ? -1 : a.description > b.description ? 1 : 0;
}

/** JSON form: the bigint instant becomes a string so no digit is lost. */
export function eventJson(e: TimelineEvent): Omit<TimelineEvent, 'ns'> & { ns: string } {
  return { ...e, ns: e.ns.toString() };
}
