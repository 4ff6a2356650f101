/** Cell-ready (escaped) renderings of record values for the Markdown documents, and the labels they use. */
import { formatDuration, formatTimestamp, parseTimestamp } from '../../shared/time.js';
import type { ChoiceSet } from '../../incidents/schema/index.js';
import { escapeCell } from './md-writer.js';

const OTHER = 'other: ';

/**
 * Display label of a choice value; `other: x` shows as `Other: x`.
 * @example choiceLabel(choices.severity, 'P1') // 'P1-High'
 */
export function choiceLabel(set: ChoiceSet<string>, v: string): string {
  return v.startsWith(OTHER) ? `Other: ${v.slice(OTHER.length)}` : set.label(v);
}

/**
 * A timestamp in UTC with every fractional digit it was stored with; unparsable text is returned as is.
 * @example utcTime('2025-11-26T10:27:35.123456789Z') // '2025-11-26 10:27:35.123456789 UTC'
 */
export function utcTime(v: string): string {
  try {
    const p = parseTimestamp(v);
    return formatTimestamp(p.ns, p.digits).replace('T', ' ').replace(/Z$/, ' UTC');
  } catch {
    return v;
  }
}

/**
 * The times of one table column, each written with as many fractional digits as the finest of them
 * (14:13:00Z beside 14:07:00.000000Z becomes 14:13:00.000000Z), as the FIX reader writes its times at
 * the session's precision: a column reads on one scale. Padding adds zeros and never drops a digit;
 * the record (JSON, API) keeps each time as it was written. Unparsable text is returned as is.
 * @example columnTimes(['2025-11-19T14:13:00Z', '2025-11-19T14:07:00.000000Z']) // ['2025-11-19T14:13:00.000000Z', '2025-11-19T14:07:00.000000Z']
 */
export function columnTimes(values: readonly string[]): string[] {
  const parsed = values.map((v) => {
    try {
      return parseTimestamp(v);
    } catch {
      return undefined;
    }
  });
  const digits = Math.max(0, ...parsed.map((p) => p?.digits ?? 0));
  return values.map((v, i) => {
    const p = parsed[i];
    return p ? formatTimestamp(p.ns, digits) : v;
  });
}

/**
 * Human duration between two timestamps, or undefined when either is missing or unreadable.
 * @example durationBetween('2025-11-26T10:00:00Z', '2025-11-26T10:15:00Z') // '15m'
 */
export function durationBetween(from: string, to: string | undefined): string | undefined {
  if (!to) return undefined;
  try {
    return formatDuration(parseTimestamp(to).ns - parseTimestamp(from).ns);
  } catch {
    return undefined;
  }
}

export const REVIEW_STATE_LABELS: Readonly<Record<string, string>> = {
  draft: 'Draft',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  published: 'Published',
};

/** A label from a fixed table, falling back to the value itself. */
export const labelOf = (table: Readonly<Record<string, string>>, v: string): string => (Object.hasOwn(table, v) ? (table[v] ?? v) : v);

export const cell = (v: string | number | undefined): string | undefined => (v === undefined || v === '' ? undefined : escapeCell(String(v)));

export const numCell = (v: number | undefined, unit = ''): string | undefined => (v === undefined ? undefined : `${escapeCell(String(v))}${unit}`);

export const tsCell = (v: string | undefined): string | undefined => (v ? escapeCell(utcTime(v)) : undefined);

export const choiceCell = (set: ChoiceSet<string>, v: string | undefined): string | undefined => (v ? escapeCell(choiceLabel(set, v)) : undefined);

export const choicesCell = (set: ChoiceSet<string>, vs: readonly string[] | undefined): string | undefined =>
  vs?.length ? vs.map((v) => escapeCell(choiceLabel(set, v))).join(', ') : undefined;

export const boolCell = (b: boolean | undefined): string | undefined => (b === undefined ? undefined : b ? 'Yes' : 'No');

export const listCell = (vs: readonly string[] | undefined): string | undefined =>
  vs?.filter((v) => v !== '').length ? vs.filter((v) => v !== '').map(escapeCell).join('; ') : undefined;

/** US dollars with thousands separators, e.g. `$25,000.5`. */
export const usdCell = (v: number | undefined): string | undefined =>
  v === undefined ? undefined : `$${escapeCell(v.toLocaleString('en-US', { maximumFractionDigits: 20 }))}`;

/**
 * `a / b unit` when either side is known.
 * @example pairCell(63.6, 64, ' GB') // '63.6 / 64 GB'
 */
export function pairCell(a: number | undefined, b: number | undefined, unit = ''): string | undefined {
  if (a === undefined && b === undefined) return undefined;
  return `${a === undefined ? '?' : escapeCell(String(a))} / ${b === undefined ? '?' : escapeCell(String(b))}${unit}`;
}

/**
 * Text cut to `max` characters on one line, with an ellipsis when cut (for quoted log lines).
 * @example clip('a\n b', 10) // 'a b'
 */
export function clip(s: string, max: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= max ? one : `${one.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
