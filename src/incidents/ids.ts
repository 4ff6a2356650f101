/** Incident identifiers: SYS-YYYYMMDD-NNN for system failures, INC-YYYYMMDD-NNN otherwise. */
import { parseTimestamp, formatTimestamp } from '../shared/time.js';
import type { Kind } from './schema/index.js';

export function idPrefix(kind: Kind): 'SYS' | 'INC' {
  return kind === 'sys' ? 'SYS' : 'INC';
}

/** The counter key: prefix and the UTC start date. @example counterKey('sys', '2025-11-26T23:59:59-05:00') === 'SYS-20251127' */
export function counterKey(kind: Kind, startedAt: string): string {
  const day = formatTimestamp(parseTimestamp(startedAt).ns, 0).slice(0, 10).replaceAll('-', '');
  return `${idPrefix(kind)}-${day}`;
}

/** @example formatId('SYS-20251126', 1) === 'SYS-20251126-001' */
export function formatId(key: string, seq: number): string {
  return `${key}-${String(seq).padStart(3, '0')}`;
}

/**
 * An incident id. The sequence is written with at least three digits and no extra leading zero
 * (`-0001` would be a second spelling of `-001`), and at most six: an imported id raises the day's
 * counter, and an unbounded one (`-999…9`, 30 digits) would push later ids past exact integers.
 */
export const ID_PATTERN = /^((SYS|INC)-\d{8})-(\d{3}|[1-9]\d{3,5})$/;

/** Splits an id into its counter key and sequence number. @example parseId('SYS-20251126-007')?.seq === 7 */
export function parseId(id: string): { key: string; seq: number; kind: Kind } | null {
  const m = ID_PATTERN.exec(id);
  if (!m) return null;
  return { key: m[1] ?? '', seq: Number(m[3]), kind: m[2] === 'SYS' ? 'sys' : 'inc' };
}
