/**
 * The row shape of `pfa logs parse FILE --jsonl`: one JSON object per input line, whatever became
 * of it (record, continuation of the record on `parent`, annotation, or rejected with a reason).
 */
import type { Level, LineResult, LogFormat, RecordFlag, RejectReason } from './types.js';

export interface JsonlRow {
  line: number;
  timestamp: string | null;
  level: Level | null;
  message: string;
  format: LogFormat;
  kind: LineResult['kind'];
  /** Why a rejected line was rejected. */
  reason?: RejectReason;
  /** Header line of the record a continuation line belongs to. */
  parent?: number;
  /** The level as the line wrote it (`FATAL`, `W`, `<3>`), when it wrote one: `level` is its normalized name. */
  raw_level?: string;
  /** Kept with a caveat: time_backwards, year_assumed, no_time, invalid_utf8. */
  flags?: RecordFlag[];
  /** Seconds since boot of a kernel line (`634.794473`): a raw dmesg line's only time, or the stamp a forwarded one kept. */
  boot?: string;
  /** `boot` on journalctl's boot marker, a record without a time: the lines after it are of a new boot. */
  marker?: 'boot';
  /** The boot id the marker names (`-- Boot <id> --`). */
  boot_id?: string;
}

/**
 * Builds the CLI row for one line result; `format` is the file's (stats.format).
 * @example toJsonlRow({ kind: 'rejected', line: 3, reason: 'binary', text: '\0' }, 'text') // { line: 3, timestamp: null, … }
 */
export function toJsonlRow(result: LineResult, format: LogFormat): JsonlRow {
  if (result.kind === 'record') {
    const r = result.record;
    const row: JsonlRow = { line: r.line, timestamp: r.timestamp, level: r.level, message: r.message, format, kind: 'record' };
    if (r.rawLevel !== null && r.level !== null) row.raw_level = r.rawLevel;
    if (r.bootOffsetNs !== undefined) row.boot = bootSeconds(r.bootOffsetNs);
    if (r.flags?.length) row.flags = r.flags;
    if (r.newBoot) {
      row.marker = 'boot';
      if (r.newBoot.id !== null) row.boot_id = r.newBoot.id;
    }
    return row;
  }
  if (result.kind === 'continuation') {
    return { line: result.line, timestamp: null, level: null, message: result.text, format, kind: 'continuation', parent: result.record.line };
  }
  if (result.kind === 'annotation') return { line: result.line, timestamp: null, level: null, message: result.text, format, kind: 'annotation' };
  return { line: result.line, timestamp: null, level: null, message: result.text, format, kind: 'rejected', reason: result.reason };
}

/**
 * Seconds since boot as dmesg prints them, to the microsecond.
 * @example bootSeconds(634794473000n) === '634.794473'
 */
export function bootSeconds(ns: bigint): string {
  const s = ns / 1_000_000_000n;
  const frac = (ns % 1_000_000_000n).toString().padStart(9, '0').slice(0, 6);
  return `${s}.${frac}`;
}

/**
 * One line of JSONL output for a line result.
 * @example toJsonl(result, 'syslog') // '{"line":1,"timestamp":"2025-11-26T10:27:35Z",…}'
 */
export function toJsonl(result: LineResult, format: LogFormat): string {
  return JSON.stringify(toJsonlRow(result, format));
}
