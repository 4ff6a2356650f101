/**
 * Small helpers shared by the /proc parsers: a source that may be unreadable, number parsing that
 * says "unknown" instead of guessing, rates over an interval, and the list of unavailable items.
 */
import type { Unavailable } from './schema.js';

/** The text of one file or command, or why it could not be had. */
export type Source = { ok: true; text: string } | { ok: false; reason: string };

/** @example read('cpu 1 2 3 4') → { ok: true, text: 'cpu 1 2 3 4' } */
export const read = (text: string): Source => ({ ok: true, text });
/** @example unread('ENOENT: no such file') → { ok: false, reason: 'ENOENT: no such file' } */
export const unread = (reason: string): Source => ({ ok: false, reason });

/** Non-empty lines, trimmed at the end. */
export function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trimEnd()).filter((l) => l.trim() !== '');
}

/** Whitespace-separated fields. */
export function fields(line: string): string[] {
  return line.trim().split(/\s+/);
}

/** A finite number, or null (never 0) when the text is not one. */
export function toNumber(text: string | undefined): number | null {
  if (text === undefined || text.trim() === '') return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : null;
}

/** A non-negative safe integer, or null: counters beyond 2^53 (e.g. "no limit" sentinels) are not counts. */
export function toCount(text: string | undefined): number | null {
  const v = toNumber(text);
  return v !== null && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** Rounded to `digits` decimals, keeping null. Rates and percentages are kept to 2 decimals. */
export function round(v: number | null, digits = 2): number | null {
  if (v === null || !Number.isFinite(v)) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/**
 * Per-second rate of a counter between two readings; null when either reading is missing or the counter
 * went backwards (reset or wrap), because a negative or made-up rate would mislead.
 * @example rate(100, 350, 500) === 500
 */
export function rate(before: number | null | undefined, after: number | null | undefined, elapsedMs: number): number | null {
  if (before === null || before === undefined || after === null || after === undefined || elapsedMs <= 0) return null;
  const d = after - before;
  if (d < 0) return null;
  return round((d * 1000) / elapsedMs);
}

/** Share `part / whole` in percent, null when unknown or the whole is 0. */
export function pct(part: number | null | undefined, whole: number | null | undefined): number | null {
  if (part === null || part === undefined || whole === null || whole === undefined || whole <= 0) return null;
  return round((part / whole) * 100);
}

/** Sum that is null when every term is null, and ignores nulls otherwise. */
export function sumKnown(values: readonly (number | null)[]): number | null {
  let total: number | null = null;
  for (const v of values) if (v !== null) total = (total ?? 0) + v;
  return total;
}

/**
 * Collects what could not be measured. Every null in a snapshot is covered by an item here whose path is
 * the null's path or one of its parents.
 * @example const gaps = new Gaps(); gaps.add('memory.pressure', 'PSI not enabled'); gaps.list;
 */
export class Gaps {
  readonly list: Unavailable[] = [];
  private readonly seen = new Set<string>();

  /** Records the item once (the first reason wins) and returns null, to be used in place of the value. */
  add(item: string, reason: string): null {
    if (!this.seen.has(item)) {
      this.seen.add(item);
      this.list.push({ item, reason });
    }
    return null;
  }

  /** The value, or null and a recorded gap when it is null or undefined. */
  need<T>(item: string, value: T | null | undefined, reason: string): T | null {
    if (value === null || value === undefined) return this.add(item, reason);
    return value;
  }

  /** Adds a gap for every null field of `obj` under `prefix`, with one reason; returns `obj`. */
  nulls<T extends object>(prefix: string, obj: T, reason: string): T {
    for (const [k, v] of Object.entries(obj)) if (v === null) this.add(`${prefix}.${k}`, reason);
    return obj;
  }
}
