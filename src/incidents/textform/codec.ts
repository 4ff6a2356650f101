/**
 * Line-level encoding of the text form: blanks (`____`), backslash-escaped value lines, quoted cells,
 * numbers, timestamps and checkbox marks. Every writer here has a reader that inverts it exactly.
 */
import { InputError } from '../../shared/errors.js';
import { formatTimestamp, NS_PER_DAY, parseTimestamp } from '../../shared/time.js';

/** A full-width blank line, as the seed prints it. */
export const FILLER = '_'.repeat(77);
/** The blank of a cell inside a line. */
export const CELL_FILLER = '__________';

/** Blank for an inline value so the line reaches the seed's width. */
export const fillerAfter = (head: string): string => '_'.repeat(Math.max(10, 76 - head.length));

export const isFillerOnly = (s: string): boolean => /^\s*_{3,}\s*$/.test(s);

/** Removes underscores a human left around a filled-in blank. */
export const stripFiller = (s: string): string => s.replace(/^_{3,}\s*/, '').replace(/\s*_{3,}$/, '');

/** A banner rule (`====`). */
export const isRule = (t: string): boolean => /^={3,}$/.test(t.trim());

/**
 * Escapes a value line: a leading backslash says "take the rest literally"; a trailing backslash is
 * added when the line ends in whitespace or a backslash, so trimming editors cannot eat it.
 * @example escapeLine('ERROR MESSAGES: x') === '\\ERROR MESSAGES: x'; escapeLine('a  ') === '\\a  \\'
 */
export function escapeLine(s: string): string {
  return `\\${s}${/[\s\\]$/.test(s) ? '\\' : ''}`;
}

/** Inverse of escapeLine; `t` starts with a backslash. */
export function unescapeLine(t: string): string {
  const s = t.slice(1);
  return s.endsWith('\\') ? s.slice(0, -1) : s;
}

/**
 * Whether a value line must be escaped to survive reading: it starts with a backslash, ends in
 * whitespace, carries blank underscores at an end, or would be read as structure (`structural`).
 */
export function needsEscape(s: string, structural: (t: string) => boolean): boolean {
  if (s === '') return false;
  if (s.startsWith('\\') || /\s$/.test(s) || stripFiller(s) !== s) return true;
  const t = s.trimStart();
  return t !== '' && structural(t);
}

/** An inline value (after a label on the same line) is trimmed when read, so it also escapes leading space. */
export function needsInlineEscape(s: string): boolean {
  return s.startsWith('\\') || /^\s|\s$/.test(s) || stripFiller(s) !== s;
}

// ---- cells: blanks inside a line ----

export const QUOTED_SRC = String.raw`"(?:[^"\\]|\\.)*"`;
const QUOTED = new RegExp(`^${QUOTED_SRC}$`);

/** JSON string literal, or null when the text is not one (e.g. a human's `"C:\dir"`). */
function unquote(s: string): string | null {
  if (!QUOTED.test(s)) return null;
  try {
    return JSON.parse(s) as string;
  } catch {
    return null;
  }
}

/** Reads a text cell: a quoted JSON string verbatim, else the trimmed text without blank underscores. */
export function readTextCell(raw: string | undefined, placeholder?: RegExp): string | undefined {
  const s = (raw ?? '').trim();
  const q = unquote(s);
  if (q !== null) return q;
  const v = stripFiller(s).trim();
  if (v === '' || (placeholder && placeholder.test(v))) return undefined;
  return v;
}

/**
 * Writes a text cell, quoting it as JSON when the raw text would not read back identically.
 * @example writeTextCell('ny4-trade-07') === 'ny4-trade-07'; writeTextCell(' padded') === '" padded"'
 */
export function writeTextCell(v: string, placeholder?: RegExp): string {
  return !/[\r\n]/.test(v) && readTextCell(v, placeholder) === v ? v : JSON.stringify(v);
}

/** Comma-separated list; items that contain a comma or would not read back are JSON-quoted. */
export function writeList(items: readonly string[]): string {
  return items
    .filter((i) => i !== '')
    .map((i) => (!/[,\r\n]/.test(i) && readTextCell(i) === i ? i : JSON.stringify(i)))
    .join(', ');
}

export function readList(raw: string | undefined): string[] | undefined {
  const s = (raw ?? '').trim();
  const out: string[] = [];
  const quoted = new RegExp(`^${QUOTED_SRC}(?=\\s*(?:,|$))`);
  let i = 0;
  while (i < s.length) {
    while (s[i] === ' ' || s[i] === '\t') i++;
    const q = quoted.exec(s.slice(i));
    const val = q ? unquote(q[0]) : null;
    if (q && val !== null) {
      out.push(val);
      i += q[0].length;
      const comma = s.indexOf(',', i);
      i = comma < 0 ? s.length : comma + 1;
      continue;
    }
    let j = s.indexOf(',', i);
    if (j < 0) j = s.length;
    const piece = readTextCell(s.slice(i, j));
    if (piece !== undefined) out.push(piece);
    i = j + 1;
  }
  return out.length ? out : undefined;
}

// ---- numbers ----

const NUMBER = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/;

/** Writes a number so that reading it gives the same value (including -0). */
export const writeNumber = (n: number): string => (Object.is(n, -0) ? '-0' : String(n));

/**
 * Reads a number, accepting thousands separators. Text after the number is returned as `rest`
 * (callers decide whether that is allowed).
 */
export function readNumber(s: string, what: string, int: boolean): { value: number; rest: string } {
  const m = NUMBER.exec(s);
  const text = m?.[0] ?? '';
  const value = Number(text.replace(/,/g, ''));
  if (!/\d/.test(text) || !Number.isFinite(value)) throw new InputError(`${what}: expected a number, got "${clip(s)}"`);
  if (int && (!Number.isInteger(value) || value < 0)) throw new InputError(`${what}: expected a whole number, got "${clip(s)}"`);
  return { value, rest: s.slice(text.length).trim() };
}

// ---- timestamps ----

/** `2025-11-26T10:27:35.123Z` → `2025-11-26 10:27:35.123 UTC`, the seed's style, same digits. */
export function writeTimestamp(v: string): string {
  try {
    const p = parseTimestamp(v);
    return formatTimestamp(p.ns, p.digits).replace('T', ' ').replace(/Z$/, ' UTC');
  } catch {
    return v;
  }
}

const TS_PLACEHOLDER = /^[YMDHSm:.\-\s/]*(?:UTC)?$/;

/**
 * Reads a timestamp in any RFC 3339-like form, in brackets or not; the seed's `[YYYY-MM-DD …]` is a
 * blank. A time-only value takes its date from `dateFrom` (the seed's deployment window) and rolls
 * over midnight when it would end before it starts.
 */
export function readTimestamp(raw: string, what: string, dateFrom?: string): string | undefined {
  const s = raw.trim().replace(/^\[/, '').replace(/\]$/, '').trim();
  if (s === '' || (TS_PLACEHOLDER.test(s) && /[YMDHS]{2}/.test(s))) return undefined;
  let text = s;
  const timeOnly = /^(\d{1,2}):\d{2}/.exec(s);
  if (dateFrom && timeOnly) text = `${dateFrom.slice(0, 10)} ${s.padStart(s.length + 2 - (timeOnly[1] ?? '').length, '0')}`;
  try {
    const p = parseTimestamp(text);
    let ns = p.ns;
    if (dateFrom && timeOnly && ns < parseTimestamp(dateFrom).ns) ns += NS_PER_DAY;
    return formatTimestamp(ns, p.digits);
  } catch {
    throw new InputError(`${what}: invalid timestamp "${clip(s)}"; expected e.g. 2025-11-26 10:27:35.123456789 UTC`);
  }
}

// ---- checkbox marks ----

export type Mark = { on: false; no: boolean } | { on: true; order: number[] };

const TICKS = new Set(['x', 'X', '✓', '✔', '☑', '☒', '✅', '*', 'v', 'V', '+', '●', '■', '•']);

/**
 * `[ ]` off, `[x]`/`[✓]`… on, `[2]` or `[1,3]` on at these positions of the list, `[-]` explicitly no.
 * @example readMark('X') // { on: true, order: [] }
 */
export function readMark(m: string): Mark | null {
  const t = m.trim();
  if (t === '') return { on: false, no: false };
  if (t === '-') return { on: false, no: true };
  if (/^\d+(?:\s*,\s*\d+)*$/.test(t)) return { on: true, order: t.split(',').map((n) => Number(n.trim())) };
  if (TICKS.has(t)) return { on: true, order: [] };
  return null;
}

export function clip(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
