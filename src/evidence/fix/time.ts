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
  const year = Number(s.slice(0, 4));
  const month = Number(s.slice(4, 6));
  const day = Number(s.slice(6, 8));
  const hour = Number(s.slice(9, 11));
  const minute = Number(s.slice(12, 14));
  const sec = Number(s.slice(15, 17));
  // Years below 100 would be shifted into the 1900s by Date.UTC; no FIX log has them.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || sec > 60) return null;
  const ms = Date.UTC(year, month - 1, day, hour, minute, sec);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return BigInt(ms) * NS_PER_MS;
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
