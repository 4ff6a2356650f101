/**
 * journalctl's boot markers as timeline events: a reboot between two boots is a key system event
 * after a failure (a panic, then the machine came back), told nowhere else in the output. A marker
 * has no time of its own: the event takes that of the first record after it. Pure.
 */
import { exactDigits, formatTimestamp } from '../../shared/time.js';
import type { LogRecord } from '../logs/index.js';
import type { TimelineEvent } from './event.js';

/** The first record with a time after a boot marker: the event's time and host. */
export interface NextRecord {
  ns: bigint;
  timestamp: string;
  host: string | null;
}

/** A boot marker of a file or of a part of one, with the records around it that the lines read showed. */
export interface BootMark {
  /** The marker's line, numbered as the lines read are. */
  line: number;
  id: string | null;
  format: string;
  /** The last record with a time before it in the lines read; null: none there (a part before may hold one). */
  prevNs: bigint | null;
  /** The first record with a time after it; null: none in the lines read. */
  next: NextRecord | null;
}

/**
 * Follows a file's records in order and pairs each boot marker with the first record with a time
 * after it. The fast path sees that record too: the parser builds it whatever the window.
 * @example const boots = new BootMarks(); for (const rec of records) if (boots.follow(rec)) continue;
 */
export class BootMarks {
  readonly marks: BootMark[] = [];
  private open = 0;

  /** Takes a record in file order; true when it is a boot marker (which makes no event of its own). */
  follow(rec: LogRecord): boolean {
    if (rec.newBoot) {
      this.marks.push({ line: rec.line, id: rec.newBoot.id, format: rec.format, prevNs: rec.newBoot.prevNs, next: null });
      return true;
    }
    if (rec.ns !== null && this.open < this.marks.length) {
      const next = nextOf(rec, rec.ns);
      for (; this.open < this.marks.length; this.open++) (this.marks[this.open] as BootMark).next = next;
    }
    return false;
  }

  /** Whether a marker still waits for a record after it (at the end of the lines read). */
  get waiting(): boolean {
    return this.open < this.marks.length;
  }
}

/**
 * What a boot marker takes of the record after it (`ns`, its time).
 * @example nextOf(record, record.ns) // { ns: 1764152855000000000n, timestamp: '2025-11-26T10:27:35Z', host: 'gw1' }
 */
export function nextOf(rec: LogRecord, ns: bigint): NextRecord {
  // A copy of the host: the event outlives the block of text the record was cut from.
  return { ns, timestamp: rec.timestamp ?? formatTimestamp(ns), host: rec.host === undefined ? null : ` ${rec.host}`.slice(1) };
}

/**
 * The reboot events of a file read in parts, in file order (one part for a file read whole), per
 * part: a marker is a reboot when a record with a time came before it in the file (a file that
 * opens with one says nothing of the boot before), placed at the time of the first record after
 * it, or, when the file ends first, at the last record before it. Null outside [start, end).
 * @example const [events] = rebootEvents([{ boots, lastNs: null }], { start, end }, 'journal.txt');
 */
export function rebootEvents(parts: readonly { boots: readonly BootMark[]; lastNs: bigint | null }[], window: { start: bigint; end: bigint }, name: string): TimelineEvent[][] {
  let before: bigint | null = null;
  return parts.map((p) => {
    const events: TimelineEvent[] = [];
    for (const m of p.boots) {
      const e = rebootEvent(m, m.prevNs ?? before, window, name);
      if (e) events.push(e);
    }
    if (p.lastNs !== null) before = p.lastNs;
    return events;
  });
}

function rebootEvent(m: BootMark, prevNs: bigint | null, { start, end }: { start: bigint; end: bigint }, name: string): TimelineEvent | null {
  if (prevNs === null) return null;
  const ns = m.next?.ns ?? prevNs;
  if (ns < start || ns >= end) return null;
  const last = formatTimestamp(prevNs, exactDigits(prevNs));
  return {
    timestamp: m.next?.timestamp ?? last,
    ns,
    source: 'system',
    event_type: 'reboot',
    description: m.id !== null ? `Reboot: boot ${m.id} begins` : 'Reboot: a new boot begins',
    metadata: {
      file: name,
      line: m.line,
      host: m.next?.host ?? null,
      boot_id: m.id,
      format: m.format,
      // The marker only says that one boot ended and another began between two records.
      time_is: m.next
        ? 'that of the first record after the boot marker, which has no time of its own'
        : 'that of the last record before the boot marker, which has no time of its own; no record follows it',
      last_record_before: last,
    },
  };
}
