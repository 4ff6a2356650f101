/**
 * Nanosecond-precise instants. JavaScript's Date stops at milliseconds, and trading incidents are
 * argued over microseconds, so an instant is a bigint of nanoseconds since the Unix epoch and a
 * timestamp string keeps the fractional digits its source gave.
 */
import { InputError } from './errors.js';

export const NS_PER_US = 1_000n;
export const NS_PER_MS = 1_000_000n;
export const NS_PER_S = 1_000_000_000n;
export const NS_PER_MIN = 60n * NS_PER_S;
export const NS_PER_HOUR = 60n * NS_PER_MIN;
export const NS_PER_DAY = 24n * NS_PER_HOUR;

// Date, a 'T' or space, time with optional fraction of up to 9 digits, then Z, UTC, GMT or ±hh[:]mm.
const RFC3339ISH =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;

export interface ParsedTimestamp {
  /** Nanoseconds since the Unix epoch, UTC. */
  ns: bigint;
  /** Number of fractional-second digits the source gave (0–9). */
  digits: number;
}

/**
 * Parses an RFC 3339-like timestamp keeping every fractional digit.
 * A timestamp without a zone is read as UTC: incident records are UTC by convention.
 * @example parseTimestamp('2025-11-26T10:27:35.123456789Z').ns === 1764152855123456789n
 */
export function parseTimestamp(input: string): ParsedTimestamp {
  const m = RFC3339ISH.exec(input.trim());
  if (!m) throw new InputError(`invalid timestamp "${truncate(input)}": expected RFC 3339, e.g. 2025-11-26T10:27:35.123456789Z`);
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const year = Number(y), month = Number(mo), day = Number(d), hour = Number(h), minute = Number(mi), second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) {
    throw new InputError(`invalid timestamp "${truncate(input)}": field out of range`);
  }
  const offset = zoneOffsetNs(zone);
  if (offset === null) throw new InputError(`invalid timestamp "${truncate(input)}": zone offset out of range (±23:59 at most)`);
  // A leap second (:60) is folded onto the next second, as POSIX time does.
  const ms = utcMs(year, month, day, hour, minute, second);
  let ns = BigInt(ms) * NS_PER_MS + BigInt(frac.padEnd(9, '0') || '0');
  ns -= offset;
  return { ns, digits: frac.length };
}

/** The zone's offset in ns, or null when out of range (RFC 3339: hours 00–23, minutes 00–59). */
function zoneOffsetNs(zone: string): bigint | null {
  if (zone === 'Z' || zone === 'z' || zone === 'UTC' || zone === 'GMT') return 0n;
  const sign = zone.startsWith('-') ? -1n : 1n;
  const digits = zone.slice(1).replace(':', '');
  const hours = BigInt(digits.slice(0, 2));
  const minutes = BigInt(digits.slice(2, 4) || '0');
  if (hours > 23n || minutes > 59n) return null;
  return sign * (hours * NS_PER_HOUR + minutes * NS_PER_MIN);
}

/** Date.UTC, except that years 0–99 stay themselves (Date.UTC reads them as 1900–1999). */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  if (year >= 100) return ms;
  const d = new Date(ms);
  d.setUTCFullYear(year);
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Formats an instant as RFC 3339 UTC with `digits` fractional digits (0–9).
 * @example formatTimestamp(1764152855123456789n, 9) === '2025-11-26T10:27:35.123456789Z'
 */
export function formatTimestamp(ns: bigint, digits = 9): string {
  const secs = floorDiv(ns, NS_PER_S);
  const frac = ns - secs * NS_PER_S;
  const iso = new Date(Number(secs) * 1000).toISOString().slice(0, 19);
  if (digits <= 0) return `${iso}Z`;
  return `${iso}.${frac.toString().padStart(9, '0').slice(0, Math.min(digits, 9))}Z`;
}

/**
 * Fractional digits of a timestamp as formatTimestamp writes it (`…35.123Z` → 3, `…35Z` → 0).
 * @example fractionDigits('2025-11-26T10:27:35.123456Z') === 6
 */
export function fractionDigits(formatted: string): number {
  return /\.(\d+)Z$/.exec(formatted)?.[1]?.length ?? 0;
}

/**
 * The fewest fractional digits (0, 3, 6 or 9) that write an instant exactly, at least `digits`:
 * for instants that carry no written precision of their own (a metric sample, an onset).
 * @example exactDigits(1764152855_123000000n) === 3
 */
export function exactDigits(ns: bigint, digits = 0): number {
  const frac = ((ns % 1_000_000_000n) + 1_000_000_000n) % 1_000_000_000n;
  const needed = frac === 0n ? 0 : frac % 1_000_000n === 0n ? 3 : frac % 1_000n === 0n ? 6 : 9;
  return Math.max(needed, digits);
}

/** Canonical form of a timestamp: UTC, 'Z', with the source's fractional digits. */
export function normalizeTimestamp(input: string): string {
  const p = parseTimestamp(input);
  return formatTimestamp(p.ns, p.digits);
}

/** Fixed-width form (9 digits) whose string order is time order: used for sorting and range queries. */
export function timestampSortKey(input: string): string {
  return formatTimestamp(parseTimestamp(input).ns, 9);
}

export function toEpochNs(input: string): bigint {
  return parseTimestamp(input).ns;
}

export function nowNs(): bigint {
  // performance.timeOrigin + now() gives sub-millisecond wall time; good to the microsecond.
  const us = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000));
  return us * NS_PER_US;
}

/** Current time as a canonical timestamp with microsecond digits. */
export function nowTimestamp(): string {
  return formatTimestamp(nowNs(), 6);
}

const DURATION_PART = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d|w)/gy;
const UNIT_NS: Record<string, bigint> = {
  ns: 1n, us: NS_PER_US, µs: NS_PER_US, ms: NS_PER_MS, s: NS_PER_S, m: NS_PER_MIN, h: NS_PER_HOUR, d: NS_PER_DAY, w: 7n * NS_PER_DAY,
};

/**
 * Parses a duration such as `15m`, `1h30m`, `250us`, `-1.5s` or `7d` into nanoseconds.
 * @example parseDuration('1h30m') === 5_400_000_000_000n
 */
export function parseDuration(input: string): bigint {
  const text = input.trim();
  let sign = 1n;
  let body = text;
  if (body.startsWith('-') || body.startsWith('+')) {
    if (body.startsWith('-')) sign = -1n;
    body = body.slice(1);
  }
  if (body === '') throw new InputError(`invalid duration "${truncate(input)}": expected e.g. 15m, 1h30m, 250us`);
  if (/^0+(?:\.0+)?$/.test(body)) return 0n; // nothing needs no unit
  let total = 0n;
  DURATION_PART.lastIndex = 0;
  let pos = 0;
  while (pos < body.length) {
    DURATION_PART.lastIndex = pos;
    const m = DURATION_PART.exec(body);
    if (!m) throw new InputError(`invalid duration "${truncate(input)}": expected e.g. 15m, 1h30m, 250us`);
    const [whole = '0', fraction = ''] = (m[1] ?? '0').split('.');
    const unit = UNIT_NS[m[2] ?? ''] ?? 1n;
    total += BigInt(whole) * unit;
    if (fraction) total += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    pos = DURATION_PART.lastIndex;
  }
  return sign * total;
}

/**
 * Human-readable duration, largest units first, e.g. `15m`, `1h 2m 3s`, `250µs`.
 * @example formatDuration(5_400_000_000_000n) === '1h 30m'
 */
export function formatDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  let rest = neg ? -ns : ns;
  const parts: string[] = [];
  for (const [unit, size] of [['d', NS_PER_DAY], ['h', NS_PER_HOUR], ['m', NS_PER_MIN], ['s', NS_PER_S]] as const) {
    if (rest >= size) {
      parts.push(`${rest / size}${unit}`);
      rest %= size;
    }
  }
  if (rest > 0n && parts.length < 2) {
    // Beside a larger unit the sub-second part is read as a round figure (45m 500ms, not 45m 499999993ns);
    // alone it is the whole value and keeps every digit.
    if (parts.length === 1 && rest >= NS_PER_MS) parts.push(`${bigMin((rest + NS_PER_MS / 2n) / NS_PER_MS, 999n)}ms`);
    else if (rest % NS_PER_MS === 0n) parts.push(`${rest / NS_PER_MS}ms`);
    else if (rest % NS_PER_US === 0n) parts.push(`${rest / NS_PER_US}µs`);
    else parts.push(`${rest}ns`);
  }
  return (neg ? '-' : '') + parts.join(' ');
}

const bigMin = (a: bigint, b: bigint): bigint => (a < b ? a : b);

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

function truncate(s: string, max = 60): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}

/**
 * An instant given by a user: RFC 3339, or an epoch number (optionally `@`-prefixed, with a fraction)
 * whose unit — s, ms, µs or ns — is read from its magnitude, as log and metric files mix them.
 * @example parseInstant('1652812675').ns === 1652812675000000000n
 */
export function parseInstant(input: string): ParsedTimestamp {
  const m = /^@?(\d{1,19})(?:\.(\d{1,9}))?$/.exec(input.trim());
  if (!m) return parseTimestamp(input);
  const int = m[1] ?? '0';
  const frac = m[2] ?? '';
  // Seconds until 10^11 (year 5138), then ms, µs and ns by digit count.
  const unitDigits = int.length <= 11 ? 9 : int.length <= 14 ? 6 : int.length <= 17 ? 3 : 0;
  const scaled = BigInt(int) * 10n ** BigInt(unitDigits) + (frac ? BigInt(frac.padEnd(unitDigits, '0').slice(0, unitDigits) || '0') : 0n);
  // Precision shown: the unit's own digits plus any fraction given.
  return { ns: scaled, digits: Math.min(9, 9 - unitDigits + frac.length) };
}

/**
 * Whether `text` is a calendar date written `YYYY-MM-DD` that exists (2025-02-29 does not).
 * @example isCalendarDate('2024-02-29') === true
 */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const at = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return at.getUTCMonth() + 1 === Number(m[2]) && at.getUTCDate() === Number(m[3]);
}
