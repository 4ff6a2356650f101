/**
 * Field builders shared by every section schema. A checkbox list of the seed forms becomes a
 * choice set: stable snake_case values, the seed's label for each, and an "other: text" escape.
 */
import { z } from 'zod';
import { normalizeTimestamp, parseTimestamp } from '../../shared/time.js';

/** Longest one-line value (titles, names, hostnames…). */
export const LINE_MAX = 500;
/** Longest free-text block (explanations, pasted log excerpts). */
export const TEXT_MAX = 200_000;

// C0 controls other than tab, line feed and carriage return, DEL and C1: none means anything in a
// record, and an ESC or BEL in a title rewrites the terminal of whoever lists incidents.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const LINE_BREAKS = /[ \t]*(?:\r\n|[\r\n\u2028\u2029])[ \t]*/g;
// A UTF-16 surrogate without its pair (JSON can spell one: "\ud800") encodes no character: stored, it
// comes back as U+FFFD from any UTF-8 round trip (the text form, a database driver).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a value is free of control characters (tab, newline and carriage return are text).
 * @example isCleanText('a\u001b[31mb') === false
 */
export function isCleanText(s: string): boolean {
  return !CONTROL.test(s) && !LONE_SURROGATE.test(s);
}

/**
 * A one-line value with its line breaks folded into spaces: pasted text (an alert summary, a
 * hostname copied with its newline) keeps its words and cannot break a table or heading it reaches.
 * @example foldLines('OOM\r\nkill') === 'OOM kill'
 */
export function foldLines(s: string): string {
  return s.replace(LINE_BREAKS, ' ');
}

/**
 * The text without its control characters (tab, newline and carriage return kept): for values that
 * come from machines (an alert's labels and annotations) and must open an incident, not be refused.
 * @example stripControls('disk \u001b[31mfull\u0007') === 'disk [31mfull'
 */
export function stripControls(s: string): string {
  return isCleanText(s) ? s : s.replace(CONTROLS, '').replace(LONE_SURROGATES, '\uFFFD');
}
const CONTROLS = new RegExp(CONTROL.source, 'g');
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

export const CONTROL_MESSAGE = 'must not contain control characters (tab, newline and carriage return excepted) nor a lone UTF-16 surrogate';

export const line = () => z.string().overwrite(foldLines).max(LINE_MAX).refine(isCleanText, { message: CONTROL_MESSAGE });
export const text = () => z.string().max(TEXT_MAX).refine(isCleanText, { message: CONTROL_MESSAGE });
/** The text an item exists for (a why's question, an action, a timeline event): blank is refused. */
export const required = () => text().refine((s) => s.trim() !== '', { message: 'must not be empty' });
export const lines = () => z.array(text()).max(1000);
export const num = () => z.number().finite();
export const count = () => z.number().int().nonnegative();

/**
 * Whether a string is a timestamp the record can keep: parseable (parseTimestamp refuses impossible
 * dates and zone offsets) and with a normalized form that parses again (no year past 9999 in UTC).
 * @example isTimestamp('2025-11-26T10:27:35+25:00') === false
 */
export function isTimestamp(s: string): boolean {
  try {
    const trimmed = s.trim();
    parseTimestamp(trimmed);
    parseTimestamp(normalizeTimestamp(trimmed));
    return true;
  } catch {
    return false;
  }
}

/** RFC 3339 timestamp with up to nine fractional digits, stored in UTC with the precision given. */
export const timestamp = () =>
  z
    .string()
    .max(64)
    .refine(isTimestamp, { message: 'expected an RFC 3339 timestamp, e.g. 2025-11-26T10:27:35.123456789Z', abort: true })
    .overwrite((s) => normalizeTimestamp(s))
    .meta({ format: 'date-time', example: '2025-11-26T10:27:35.123456789Z' });

/** A set of checkbox options from a seed form. */
export interface ChoiceSet<V extends string> {
  values: readonly V[];
  labels: Readonly<Record<V, string>>;
  /** One option, or `other: text`. */
  one: () => z.ZodType<string>;
  /** Several options, each an option or `other: text`. */
  many: () => z.ZodType<string[]>;
  /** Maps a label, value or loose spelling ("Memory exhaustion") onto the canonical value. */
  normalize: (input: string) => string;
  label: (value: string) => string;
}

const OTHER = /^other\s*:\s*(.*)$/is;

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * Declares a checkbox list.
 * @example const mode = choiceSet({ hard_crash: 'Hard Crash (Immediate)', gradual: 'Gradual Degradation' });
 */
export function choiceSet<V extends string>(labels: Record<V, string>): ChoiceSet<V> {
  const values = Object.keys(labels) as V[];
  const lookup = new Map<string, V>();
  for (const v of values) {
    lookup.set(squash(v), v);
    lookup.set(squash(labels[v]), v);
    // "Memory (RAM)" also answers to "memory"; "P1-High" to "p1".
    const head = labels[v].split(/[(/-]/)[0];
    if (head && !lookup.has(squash(head))) lookup.set(squash(head), v);
  }
  const normalize = (input: string): string => {
    const trimmed = input.trim();
    const other = OTHER.exec(trimmed);
    if (other) return `other: ${(other[1] ?? '').trim()}`;
    return lookup.get(squash(trimmed)) ?? trimmed;
  };
  const isValid = (s: string) => (values as readonly string[]).includes(s) || /^other: \S/s.test(s);
  const message = `expected one of ${values.join(', ')}, or "other: <text>"`;
  const one = () =>
    z
      .string()
      .max(LINE_MAX)
      .overwrite((s) => normalize(foldLines(s)))
      .refine(isValid, { message })
      .refine(isCleanText, { message: CONTROL_MESSAGE })
      .meta({ description: `One of: ${values.join(', ')}; or "other: <text>".`, examples: [values[0]] });
  const many = () => z.array(one()).max(100);
  const label = (value: string) => (labels as Record<string, string>)[value] ?? value;
  return { values, labels, one, many, normalize, label };
}


