/**
 * Times in FIX logs: the FIX UTCTimestamp `YYYYMMDD-HH:MM:SS[.f…]` (UTC by the spec; 0–9 fraction
 * digits kept) and the ISO-like stamps other loggers put in front of a line.
 */
import { NS_PER_MS, parseTimestamp } from '../../shared/time.js';
import type { Zone } from '../logs/zone.js';

/**
 * A QuickFIX FileLog's time and colon before each line: `20251126-10:27:35.123456789 : ` (C++) and
 * `20251126-10:27:35.123: ` (QuickFIX/J). The FIX engine and the log reader both take it off.
 */
export const FILE_PREFIX = /^(\d{8}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?) ?: ?/;

export interface Instant {
  ns: bigint;
  digits: number;
}

// One-entry cache: consecutive log lines share their second, and Date.UTC + BigInt per line cost more than the rest.
let cachedSecond = '';
let cachedSecondNs = 0n;

/**
 * Parses a FIX UTCTimestamp at `text[start…end)`: exactly `YYYYMMDD-HH:MM:SS` plus an optional
 * `.` and 1–9 digits. Returns null for anything else, including out-of-range fields
 * (`00000000-00:00:00.000`, `<TIME>`).
 * @example parseFixTime('20251126-10:27:35.123456789')?.ns === 1764152855123456789n
 */
export function parseFixTime(text: string, start = 0, end = text.length): Instant | null {
  const len = end - start;
  if (len < 17 || len === 18 || len > 27) return null;
  if (text.charCodeAt(start + 8) !== 45 || text.charCodeAt(start + 11) !== 58 || text.charCodeAt(start + 14) !== 58) return null;
  let base: bigint;
  if (cachedSecond !== '' && text.startsWith(cachedSecond, start)) {
    base = cachedSecondNs;
  } else {
    const second = text.slice(start, start + 17);
    const computed = secondNs(second);
    if (computed === null) return null;
    cachedSecond = second;
    cachedSecondNs = computed;
    base = computed;
  }
  if (len === 17) return { ns: base, digits: 0 };
  if (text.charCodeAt(start + 17) !== 46) return null;
  let frac = 0;
  for (let i = start + 18; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    frac = frac * 10 + d;
  }
  const digits = len - 18;
  return { ns: base + BigInt(frac * 10 ** (9 - digits)), digits };
}

function secondNs(s: string): bigint | null {
  for (const i of [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 13, 15, 16]) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return utcSecondNs(Number(s.slice(0, 4)), Number(s.slice(4, 6)), Number(s.slice(6, 8)), Number(s.slice(9, 11)), Number(s.slice(12, 14)), Number(s.slice(15, 17)));
}

/** The instant of a UTC date and time to the second, or null when a field is out of range. */
function utcSecondNs(year: number, month: number, day: number, hour: number, minute: number, sec: number): bigint | null {
  // Years below 100 would be shifted into the 1900s by Date.UTC; no FIX log has them.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 60) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, sec);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return BigInt(ms) * NS_PER_MS;
}

/** Where `fixTimeAt` puts the time it read: one object per caller, reused from line to line. */
export interface TimeAt {
  /** Characters of the time, fraction included. */
  length: number;
  ns: bigint;
  digits: number;
}

// The one-entry cache of fixTimeAt, keyed by the second's digits as a number (YYYYMMDDhhmmss).
let cachedKey = -1;
let cachedKeyNs = 0n;
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
// The digits of `YYYYMMDD-HH:MM:SS`.
const DIGIT_AT = [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 12, 13, 15, 16];

/**
 * Reads the longest FIX UTCTimestamp at `text[at…]` into `out`, as `fixTimeLength` and then
 * `parseFixTime` would (false where either fails), from character codes: the per-line path of a
 * FileLog, which allocates nothing but the result's bigint.
 * @example fixTimeAt('20251126-10:27:35.123 : 8=FIX', 0, out) && out.length === 21
 */
export function fixTimeAt(text: string, at: number, out: TimeAt): boolean {
  if (text.charCodeAt(at + 8) !== 45 || text.charCodeAt(at + 11) !== 58 || text.charCodeAt(at + 14) !== 58) return false;
  let key = 0;
  for (let k = 0; k < DIGIT_AT.length; k++) {
    const d = text.charCodeAt(at + (DIGIT_AT[k] ?? 0)) - 48;
    // NaN past the end of the text fails too.
    if (!(d >= 0 && d <= 9)) return false;
    key = key * 10 + d;
  }
  if (key !== cachedKey) {
    const ns = utcSecondNs(Math.floor(key / 1e10), Math.floor(key / 1e8) % 100, Math.floor(key / 1e6) % 100, Math.floor(key / 1e4) % 100, Math.floor(key / 100) % 100, key % 100);
    if (ns === null) return false;
    cachedKey = key;
    cachedKeyNs = ns;
  }
  if (text.charCodeAt(at + 17) !== 46) {
    out.length = 17;
    out.ns = cachedKeyNs;
    out.digits = 0;
    return true;
  }
  let frac = 0;
  let i = at + 18;
  for (; i < at + 27; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) break;
    frac = frac * 10 + d;
  }
  const digits = i - at - 18;
  if (digits === 0) return false;
  out.length = i - at;
  out.ns = cachedKeyNs + BigInt(frac * (POW10[9 - digits] ?? 1));
  out.digits = digits;
  return true;
}

/**
 * Length of the FIX UTCTimestamp shape (`YYYYMMDD-HH:MM:SS[.f…]`) at `start`, or 0. Shape only:
 * `parseFixTime` checks the values.
 * @example fixTimeLength('20251126-10:27:35.123 : x') === 21
 */
export function fixTimeLength(text: string, start = 0): number {
  for (let i = 0; i < 17; i++) {
    const c = text.charCodeAt(start + i);
    const want = i === 8 ? 45 : i === 11 || i === 14 ? 58 : -1;
    if (want >= 0 ? c !== want : c < 48 || c > 57) return 0;
  }
  if (text.charCodeAt(start + 17) !== 46) return 17;
  let i = start + 18;
  while (i < start + 27 && isDigit(text.charCodeAt(i))) i++;
  return i === start + 18 ? 0 : i - start;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const FIX_TIME_AT = /^\d{8}-\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?/;
// ISO-ish: date, T or space, time, optional fraction with . or , and an optional zone.
const ISO_TIME_AT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(Z|[+-]\d{2}:?\d{2}\b|\s?(?:UTC|GMT)\b)?/;

// A level some layouts print before the time: `[INFO] [2007-10-30 10:12:35,069] …`, `WARN 2025-…`.
const LEVEL_FIRST = /^\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|SEVERE|FATAL)\]?\s+/;

/**
 * A time at the start of a logger prefix (after an optional level and `[`): FIX form or ISO form. The
 * FIX form is UTC by the standard; an ISO time without a zone is the logger's local time, read in
 * `zone` (the timeline's `--tz`; UTC without one, the project's convention for zone-less records).
 * @example leadingTime('2025-11-26 10:27:35,123 INFO …')?.digits === 3
 */
export function leadingTime(prefix: string, zone?: Zone): (Instant & { length: number }) | null {
  const level = LEVEL_FIRST.exec(prefix)?.[0].length ?? 0;
  const offset = level + (prefix.startsWith('[', level) ? 1 : 0);
  const rest = offset ? prefix.slice(offset) : prefix;
  const fix = FIX_TIME_AT.exec(rest);
  if (fix) {
    const t = parseFixTime(fix[0]);
    return t ? { ...t, length: offset + fix[0].length } : null;
  }
  const iso = ISO_TIME_AT.exec(rest);
  if (!iso) return null;
  try {
    const t = parseTimestamp(iso[0].replace(/\s(UTC|GMT)$/, '$1'));
    const ns = iso[1] === undefined && zone !== undefined ? inZone(t.ns, zone) : t.ns;
    return { ns, digits: t.digits, length: offset + iso[0].length };
  } catch {
    return null;
  }
}

/** A local wall time (read as if UTC) to its instant in `zone`: the earlier one in a DST overlap. */
function inZone(wallNs: bigint, zone: Zone): bigint {
  const wallMs = wallNs / NS_PER_MS;
  const utcMs = zone.toUtc(Number(wallMs))[0] ?? Number(wallMs);
  return BigInt(utcMs) * NS_PER_MS + (wallNs - wallMs * NS_PER_MS);
}
