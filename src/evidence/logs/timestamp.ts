/**
 * The timestamp recognizer: knows the date/time shapes log headers use (ISO 8601 with `T` or space,
 * comma/dot/colon fractions, 2-digit years, compact `yyMMdd HHmmss` and `yyyyMMdd-HH:mm:ss`,
 * yearless `MM-dd` and `Mon dd`, weekday and day-month-name forms, glog, epoch numbers) and returns
 * the fields as written. Turning fields into an instant (year, zone) is the clock's job.
 */
import { tokensReach } from './tokens.js';

export interface WallTime {
  kind: 'wall';
  /** Null when the shape has no year (`Nov 26 10:27:35`, `03-17 …`, glog). */
  year: number | null;
  /** 0, with `day` 0 and no year, for a time of day without a date (see {@link isDateless}). */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Fractional-second digits as written (decimal), up to 9. */
  frac: string;
  /** Offset from UTC in minutes when the text gives a zone, else null. */
  offsetMin: number | null;
}

export interface DateOnly {
  kind: 'date';
  year: number;
  month: number;
  day: number;
}

export interface EpochTime {
  kind: 'epoch';
  ns: bigint;
  digits: number;
}

export type TimeValue = WallTime | DateOnly | EpochTime;

export interface TimestampMatch {
  value: TimeValue;
  /** Index of the timestamp's first character, and just past its last one. */
  start: number;
  end: number;
  /** Which shape matched (see timeKey). */
  shape: number;
  /** glog folds the level letter into the timestamp (`I1126 …`). */
  level?: string;
}

const MONTHS: Record<string, number> = {
  Jan: 1, Feb: 2, Mar: 3, Apr: 4, May: 5, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Oct: 10, Nov: 11, Dec: 12,
};
const MON = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const WDAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?';
// h:m:s with optional seconds is only allowed where a full date precedes it.
const TIME = '(\\d{1,2}):(\\d{2}|\\d(?!\\d))(?::(\\d{2}|\\d(?!\\d)))?';
const TIME_S = '(\\d{1,2}):(\\d{1,2}):(\\d{1,2})';
// Decimal fraction after . or , ; a `:` fraction is a count of milliseconds (`22:15:29:606`, `0:0:0:9`).
const FRAC = '(?:[.,](\\d{1,9})|:(\\d{1,3})(?![\\d:]))?';
// Zone abbreviations a host's local time is printed with (PostgreSQL's %m, `date`, journalctl's
// short-full): the unambiguous ones give their offset; CST (US Central, China) and IST (India,
// Israel, Ireland) are read as written in the `tz` option's zone.
const ABBREVIATIONS: Record<string, number | null> = {
  UTC: 0, GMT: 0, WET: 0, WEST: 60, BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, MSK: 180,
  EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  HKT: 480, SGT: 480, JST: 540, KST: 540, AEST: 600, AEDT: 660, NZST: 720, NZDT: 780, CST: null, IST: null,
};
const ABBR = Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length).join('|');
const ZONE = `(?:\\s?(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2}(?![\\d:])|${ABBR})(?![A-Za-z0-9]))?`;
const END = '(?![0-9])';

interface Shape {
  re: RegExp;
  /**
   * Whitespace-separated tokens its regex may read from where it is tried (a zone, a year, what its
   * lookaheads see, and a 12-hour mark after the time counted): see trace.
   */
  tokens: number;
  build(m: RegExpExecArray): TimeValue | null;
  /** A necessary condition checked before the regex: separators at fixed places (`d` leading digits). */
  may?(s: string, pos: number, d: number): boolean;
  level?: boolean;
  /** Index in SHAPES, reported as TimestampMatch.shape. */
  id?: number;
  /** A wall time's group of the hour: minute, second, fraction and millisecond count follow (see wall). */
  hour?: number;
  /** The regex with match indices, made the first time timeKey needs it. */
  indexed?: RegExp;
  /** After the time, the regex may read on past spaces (a zone, a year): see timeKey. */
  trailing?: boolean;
}

/**
 * A time of day written without a date (`10:27:35.123 [main] ERROR …`, the console default of
 * logback and log4j2): the clock gives it the date of the lines around it.
 * @example isDateless(matchTimestamp('10:27:35 x', 0, true)!.value) === true
 */
export const isDateless = (t: TimeValue): boolean => t.kind === 'wall' && t.month === 0;

/** Value of a run of ASCII digits (the regexes guarantee it); 0 for a missing group. */
function n(s: string | undefined): number {
  if (s === undefined) return 0;
  let v = 0;
  for (let i = 0; i < s.length; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}

/** Wall time from a match whose groups i…i+4 are hour, minute, second, decimal fraction, ms count. */
function wall(year: number | null, month: number, day: number, m: RegExpExecArray, i: number, zone?: string): WallTime | null {
  const msFrac = m[i + 4];
  const v: WallTime = {
    kind: 'wall', year, month, day, hour: n(m[i]), minute: n(m[i + 1]), second: n(m[i + 2]),
    frac: m[i + 3] ?? (msFrac !== undefined ? msFrac.padStart(3, '0') : ''),
    offsetMin: zone === undefined ? null : zoneOffset(zone),
  };
  return validWall(v) ? v : null;
}

function zoneOffset(zone: string): number | null {
  if (zone === 'Z') return 0;
  const abbreviated = ABBREVIATIONS[zone];
  if (abbreviated !== undefined) return abbreviated;
  const digits = zone.slice(1).replace(':', '');
  const minutes = n(digits.slice(0, 2)) * 60 + n(digits.slice(2, 4));
  return zone[0] === '-' ? -minutes : minutes;
}

function validWall(v: WallTime): boolean {
  if (v.month === 0 && v.day === 0 && v.year === null) return v.hour <= 23 && v.minute <= 59 && v.second <= 60;
  return v.month >= 1 && v.month <= 12 && v.day >= 1 && v.day <= daysIn(v.year, v.month)
    && v.hour <= 24 && v.minute <= 59 && v.second <= 60 && (v.hour < 24 || (v.minute === 0 && v.second === 0));
}

function daysIn(year: number | null, month: number): number {
  if (month === 2) return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Two-digit years pivot at 70, like POSIX strptime's %y.
const yy = (s: string | undefined): number => (n(s) < 70 ? 2000 : 1900) + n(s);
const mon = (s: string | undefined): number => (s === undefined ? 0 : MONTHS[s.length === 3 ? s : s.slice(0, 3)] ?? 0);
const sticky = (src: string): RegExp => new RegExp(src, 'y');

const DB2: Shape = {
  tokens: 2, // 2005-06-03-15.42.50.675872 (IBM DB2 style, dots in the time)
  hour: 4,
  re: sticky(`(\\d{4})-(\\d{2})-(\\d{2})-(\\d{2})\\.(\\d{2})\\.(\\d{2})(?:\\.(\\d{1,9}))?${END}`),
  build: (m) => wall(n(m[1]), n(m[2]), n(m[3]), m, 4),
  may: (s, pos) => s.charCodeAt(pos + 10) === 45 && s.charCodeAt(pos + 13) === 46,
};
const ISO: Shape = {
  tokens: 4, // 2025-11-26T10:27:35.123Z, 2025/11/26 10:27:35, 2025-11-26 10:27:35,123 +0200, 2005.11.09 (date only, then a space)
  trailing: true,
  hour: 5,
  re: sticky(`(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?:(?:[T ]|\\s+|[_:@-])${TIME}${FRAC}${ZONE}|(?=[\\s\\],;|]|$))${END}`),
  build: (m) => {
    if (m[5] === undefined) {
      const d: DateOnly = { kind: 'date', year: n(m[1]), month: n(m[3]), day: n(m[4]) };
      return d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= daysIn(d.year, d.month) ? d : null;
    }
    return wall(n(m[1]), n(m[3]), n(m[4]), m, 5, m[10]);
  },
};
const COMPACT: Shape = {
  tokens: 4, // 20171223-22:15:29:606, 20260115-14:30:00.123456789 (FIX), 20251126 10:27:35
  trailing: true,
  hour: 4,
  re: sticky(`(\\d{4})(\\d{2})(\\d{2})[-T ]${TIME_S}${FRAC}${ZONE}${END}`),
  // `yyyyMMdd-HH:mm:ss[.fff]` is FIX's UTCTimestamp (QuickFIX log headers, tags 52/60): UTC, not --tz
  build: (m) => wall(n(m[1]), n(m[2]), n(m[3]), m, 4, m[9] ?? (m.input.charCodeAt(m.index + 8) === 45 && m[8] === undefined ? 'Z' : undefined)),
};
const BASIC: Shape = {
  tokens: 3, // 20251126T102735.123Z (ISO 8601 basic)
  trailing: true,
  hour: 4,
  re: sticky(`(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})${FRAC}${ZONE}${END}`),
  build: (m) => wall(n(m[1]), n(m[2]), n(m[3]), m, 4, m[9]),
};
const HDFS: Shape = {
  tokens: 3, // 081109 203615 (yyMMdd HHmmss)
  hour: 4,
  re: sticky(`(\\d{2})(\\d{2})(\\d{2})[ -](\\d{2})(\\d{2})(\\d{2})${FRAC}${END}`),
  build: (m) => wall(yy(m[1]), n(m[2]), n(m[3]), m, 4),
};
const YY: Shape = {
  tokens: 4, // 17/06/09 20:10:40, 25-11-26 10:27:35 (yy-MM-dd)
  trailing: true,
  hour: 5,
  re: sticky(`(\\d{2})([-/])(\\d{2})\\2(\\d{2})[T ]${TIME_S}${FRAC}${ZONE}${END}`),
  build: (m) => wall(yy(m[1]), n(m[3]), n(m[4]), m, 5, m[10]),
  may: (s, pos) => s.charCodeAt(pos + 5) === s.charCodeAt(pos + 2),
};
const DMY: Shape = {
  tokens: 4, // 11/26/2025 10:27:35 (US: slashes put the month first), 26.11.2025 / 26-11-2025 (day first)
  trailing: true,
  hour: 5,
  re: sticky(`(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})[T ]${TIME_S}${FRAC}${ZONE}${END}`),
  build: (m) => (m[2] === '/' ? wall(n(m[4]), n(m[1]), n(m[3]), m, 5, m[10]) : wall(n(m[4]), n(m[3]), n(m[1]), m, 5, m[10])),
  // the first separator follows the leading digits; the second, one or two digits later
  may: (s, pos, d) => s.charCodeAt(pos + d + 2) === s.charCodeAt(pos + d) || s.charCodeAt(pos + d + 3) === s.charCodeAt(pos + d),
};
const MD: Shape = {
  tokens: 3, // 03-17 16:13:38.811 (logcat), 11/26 10:27:35, 10.30 16:49:06 — month first, no year
  hour: 3,
  re: sticky(`(\\d{2})[-/.](\\d{2})[ T]${TIME_S}${FRAC}${END}`),
  build: (m) => wall(null, n(m[1]), n(m[2]), m, 3),
};
const CLF: Shape = {
  tokens: 6, // 26/Nov/2025:10:27:35 +0000 (CLF), 26-Nov-2025 10:27:35.123, 26 Nov 2025 10:27:35,123
  trailing: true,
  hour: 5,
  re: sticky(`(\\d{1,2})([-/ ])${MON}\\2(\\d{4})[: ]${TIME_S}${FRAC}${ZONE}${END}`),
  build: (m) => wall(n(m[4]), mon(m[3]), n(m[1]), m, 5, m[10]),
};
const TIME_OF_DAY: Shape = {
  tokens: 3, // 10:27:35.123, 10:27:35,123 +0200 (no date: only where a header starts, see matchTimestamp)
  trailing: true,
  hour: 1,
  re: sticky(`(\\d{2}):(\\d{2}):(\\d{2})${FRAC}${ZONE}${END}`),
  build: (m) => wall(null, 0, 0, m, 1, m[6]),
};
const EPOCH: Shape = {
  tokens: 1, // epoch seconds/ms/µs/ns, optionally with a fraction
  re: /(\d{10}|\d{13}|\d{16}|\d{19})(?:\.(\d{1,9}))?(?![\d.])/y,
  build: (m) => epochValue(m[1] ?? '', m[2] ?? ''),
};
const MONTH_FIRST: Shape = {
  tokens: 7, // Nov 26 10:27:35, Nov  6 10:27:35.123456, Dec 04 04:47:44 2005, Nov 26 2025 10:27:35, Nov 26 10:27:35 UTC 2025
  trailing: true,
  hour: 4,
  re: sticky(`${MON}\\s+(\\d{1,2})(?:,?\\s+(\\d{4}))?\\s+${TIME_S}${FRAC}(?:\\s+(${ABBR}|[+-]\\d{4}))?(?:\\s+(\\d{4}))?${END}`),
  build: (m) => wall(m[3] ? n(m[3]) : m[10] ? n(m[10]) : null, mon(m[1]), n(m[2]), m, 4, m[9]),
};
const CTIME: Shape = {
  tokens: 7, // Wed Nov 26 10:27:35 2025 (ctime), Wed Nov 26 10:27:35.123456 2025 (Apache 2.4), Wed Nov 26 10:27:35 UTC 2025
  trailing: true,
  hour: 3,
  re: sticky(`${WDAY}\\s+${MON}\\s+(\\d{1,2})\\s+${TIME_S}${FRAC}(?:\\s+(${ABBR}|[+-]\\d{4}))?(?:\\s+(\\d{4}))?${END}`),
  build: (m) => wall(m[9] ? n(m[9]) : null, mon(m[1]), n(m[2]), m, 3, m[8]),
};
const RFC1123: Shape = {
  tokens: 7, // Wed, 26 Nov 2025 10:27:35 GMT (RFC 1123 / 2822)
  trailing: true,
  hour: 4,
  re: sticky(`${WDAY}\\s+(\\d{1,2})\\s+${MON}\\s+(\\d{4})\\s+${TIME_S}${FRAC}${ZONE}${END}`),
  build: (m) => wall(n(m[3]), mon(m[2]), n(m[1]), m, 4, m[9]),
};
const GLOG: Shape = {
  tokens: 3, // glog/klog: I1126 10:27:35.123456 (level letter, MMdd), or with a year I20251126
  hour: 5,
  re: /([IWEFD])(\d{4})?(\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?![0-9])/y,
  build: (m) => wall(m[2] ? n(m[2]) : null, n(m[3]), n(m[4]), m, 5),
  level: true,
};

const SHAPES: readonly Shape[] = [DB2, ISO, COMPACT, BASIC, HDFS, YY, DMY, MD, CLF, EPOCH, MONTH_FIRST, CTIME, RFC1123, GLOG, TIME_OF_DAY];
SHAPES.forEach((shape, i) => (shape.id = i));

// Candidate shapes by the first few characters, so a header token that is no time (a pid, a
// level, a logger) costs a character count instead of a dozen regex runs.
const NONE: readonly Shape[] = [];
const BY_DIGITS: Partial<Record<number, readonly Shape[]>> = { 4: [DB2, ISO], 6: [HDFS], 8: [COMPACT, BASIC], 10: [EPOCH], 13: [EPOCH], 16: [EPOCH], 19: [EPOCH] };
const TWO_DIGITS: readonly Shape[] = [YY, DMY, MD, CLF];
const ONE_DIGIT: readonly Shape[] = [DMY, CLF];
const ONLY_CLF: readonly Shape[] = [CLF];
const ONLY_MONTH: readonly Shape[] = [MONTH_FIRST];
const WEEKDAY: readonly Shape[] = [CTIME, RFC1123];
const ONLY_GLOG: readonly Shape[] = [GLOG];
const ONLY_TIME_OF_DAY: readonly Shape[] = [TIME_OF_DAY];
// Three-letter names as numbers (char codes packed), so a look at a word slices no string.
const code3 = (w: string): number => (w.charCodeAt(0) << 16) | (w.charCodeAt(1) << 8) | w.charCodeAt(2);
const MONTH_NAMES = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map(code3));
const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].map(code3));

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// The number of digits that start the text candidates() last looked at.
let leadingDigits = 0;

function candidates(s: string, pos: number, dateless: boolean): readonly Shape[] {
  const c = s.charCodeAt(pos);
  // what a look that finds no shape reads: the digits and the character after them, or three characters
  trace.looked = pos + 3;
  if (isDigit(c)) {
    let d = 1;
    while (d < 21 && isDigit(s.charCodeAt(pos + d))) d++;
    leadingDigits = d;
    trace.looked = pos + d + 1;
    const next = s.charCodeAt(pos + d);
    const sep = next === 45 || next === 47 || next === 46; // - / .
    if (d === 2) return sep ? TWO_DIGITS : next === 32 ? ONLY_CLF : next === 58 && dateless ? ONLY_TIME_OF_DAY : NONE;
    if (d === 1) return sep || next === 32 ? ONE_DIGIT : NONE;
    if (d === 4) return sep ? BY_DIGITS[4] ?? NONE : NONE;
    if (d === 6) return next === 32 || next === 45 ? BY_DIGITS[6] ?? NONE : NONE;
    if (d === 8) return next === 45 || next === 84 || next === 32 ? BY_DIGITS[8] ?? NONE : NONE;
    return BY_DIGITS[d] ?? NONE;
  }
  if (c < 65 || c > 90) return NONE;
  if (isDigit(s.charCodeAt(pos + 1))) return c === 73 || c === 87 || c === 69 || c === 70 || c === 68 ? ONLY_GLOG : NONE;
  const c1 = s.charCodeAt(pos + 1);
  const c2 = s.charCodeAt(pos + 2);
  if (!(c1 >= 97 && c1 <= 122 && c2 >= 97 && c2 <= 122)) return NONE; // past the end: NaN
  const three = (c << 16) | (c1 << 8) | c2;
  if (MONTH_NAMES.has(three)) return ONLY_MONTH;
  return WEEKDAYS.has(three) ? WEEKDAY : NONE;
}

/**
 * Epoch value from integer and fraction digits, the unit read from the integer's length.
 * @example epochValue('1764152855123', '') // { kind: 'epoch', ns: 1764152855123000000n, digits: 3 }
 */
export function epochValue(int: string, frac: string): EpochTime | null {
  const len = int.length;
  // ≤ 11 digits: seconds (up to year 5138); 12–14: ms; 15–17: µs; 18–20: ns.
  const unitDigits = len <= 11 ? 9 : len <= 14 ? 6 : len <= 17 ? 3 : len <= 20 ? 0 : -1;
  if (unitDigits < 0 || len === 0 || !allDigits(int) || !allDigits(frac)) return null;
  const f = frac.length > unitDigits ? frac.slice(0, unitDigits) : frac;
  const ns = BigInt(int) * (POW10[unitDigits] ?? 1n) + (f ? BigInt(f.padEnd(unitDigits, '0')) : 0n);
  return { kind: 'epoch', ns, digits: 9 - unitDigits + f.length };
}

const POW10 = [1n, 10n, 100n, 1_000n, 10_000n, 100_000n, 1_000_000n, 10_000_000n, 100_000_000n, 1_000_000_000n];

function allDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isDigit(s.charCodeAt(i))) return false;
  return true;
}

// Epochs found in free text must land in a plausible range, or any 10-digit id would be a time.
const EPOCH_MIN = 631_152_000n * 1_000_000_000n; // 1990-01-01
const EPOCH_MAX = 4_102_444_800n * 1_000_000_000n; // 2100-01-01

/**
 * Recognizes a timestamp starting exactly at `pos`; a time of day without a date (`HH:mm:ss`, two
 * digits each) only when `dateless`: at the start of a header it is the line's time, while inside a
 * header or a value it is as likely some other count (`uptime 10:27:35`).
 * @example matchTimestamp('081109 203615 148 INFO x', 0)?.value // { kind: 'wall', year: 2008, month: 11, day: 9, … }
 */
export function matchTimestamp(s: string, pos = 0, dateless = false): TimestampMatch | null {
  const shapes = candidates(s, pos, dateless);
  if (trace.looked > trace.reach) trace.reach = trace.looked;
  if (shapes.length > 0) {
    if (pos > trace.tried) trace.tried = pos;
    for (const shape of shapes) if (shape.tokens > trace.tokens) trace.tokens = shape.tokens;
  }
  for (const shape of shapes) {
    if (shape.may && !shape.may(s, pos, leadingDigits)) continue;
    const hit = tryShape(shape, s, pos);
    if (hit) return hit;
  }
  return null;
}

/**
 * What the timestamp matching did since resetTimeTrace(), for header layouts (templates' layouts.ts):
 * how far it read (`reach`, exclusive, with traceReach()), the matches it accepted (shape, start and
 * end, at most TRACE_MATCHES), and whether some decision depended on the digits' values rather than
 * on their places (`valueDependent`: a shape matched but its values were refused, or a 12-hour mark
 * may follow a time). Every shape reads digits as a class, so a line with the same characters,
 * other digits aside, as far as the matching read takes the same steps unless a value decides one.
 */
export const trace = { reach: 0, looked: 0, tried: -1, tokens: 0, valueDependent: false, n: 0, shapes: new Int8Array(16), starts: new Int32Array(16), ends: new Int32Array(16) };
export const TRACE_MATCHES = 16;

/** Starts a new trace (see trace). */
export function resetTimeTrace(): void {
  trace.reach = 0;
  trace.tried = -1;
  trace.tokens = 0;
  trace.valueDependent = false;
  trace.n = 0;
}

/**
 * Index just past what the matching traced since resetTimeTrace() read of s. Where shapes were tried
 * (`tried`: the last such place; `tokens`: the most any of them reads; tokensReach only grows with
 * both), their regexes read at most that many tokens, and `may` looks up to 13 characters on.
 */
export function traceReach(s: string): number {
  if (trace.tried < 0) return trace.reach;
  return Math.max(trace.reach, tokensReach(s, trace.tried, trace.tokens), Math.min(s.length, trace.tried + 24));
}

/**
 * Where the minutes, seconds and fraction of a matched wall time are (see timeKey), for a next line
 * that differs only in those digits: [minute, minute + 2), [second, second + 2) and the fraction's
 * digits [fracFrom, fracTo) (empty when none), which a millisecond count (`22:15:29:606`, padded to
 * three digits) gives when `msCount`. Null for other times.
 */
export function timeDigits(s: string, m: TimestampMatch): { minute: number; second: number; fracFrom: number; fracTo: number; msCount: boolean } | null {
  const shape = SHAPES[m.shape];
  if (shape?.hour === undefined || m.value.kind !== 'wall') return null;
  const re = (shape.indexed ??= new RegExp(shape.re.source, 'yd'));
  re.lastIndex = m.start;
  const x = re.exec(s);
  const minute = x?.indices?.[shape.hour + 1];
  const second = x?.indices?.[shape.hour + 2];
  if (!x || !minute || !second || minute[1] - minute[0] !== 2 || second[1] - second[0] !== 2) return null;
  const ms = x.indices?.[shape.hour + 4];
  const frac = ms ?? x.indices?.[shape.hour + 3];
  return { minute: minute[0], second: second[0], fracFrom: frac ? frac[0] : second[1], fracTo: frac ? frac[1] : second[1], msCount: ms !== undefined };
}

/**
 * The match of shape `shape` (TimestampMatch.shape) at pos, as matchTimestamp's try of that shape
 * there gives it.
 */
export function rematch(shape: number, s: string, pos: number): TimestampMatch | null {
  const sh = SHAPES[shape];
  return sh ? tryShape(sh, s, pos) : null;
}

// A 12-hour clock's mark after the time (.NET's en-US `11/26/2025 10:27:35 PM`): no shape reads
// it, so without it a PM time would be twelve hours early.
const MERIDIEM = /[ \t]?([AaPp])\.?[Mm]\.?(?![A-Za-z0-9])/y;

function tryShape(shape: Shape, s: string, pos: number): TimestampMatch | null {
  shape.re.lastIndex = pos;
  const m = shape.re.exec(s);
  if (!m) return null;
  const value = shape.build(m);
  if (!value || (value.kind === 'epoch' && (value.ns < EPOCH_MIN || value.ns > EPOCH_MAX))) {
    trace.valueDependent = true; // the same places with other digits may be a time
    return null;
  }
  let end = shape.re.lastIndex;
  // MERIDIEM is read for hours 1 to 12 only: other digits may read it
  if (value.kind === 'wall' && value.offsetMin === null && shape.hour !== undefined && mayMeridiem(s, end)) trace.valueDependent = true;
  if (value.kind === 'wall' && value.hour >= 1 && value.hour <= 12 && value.offsetMin === null && shape.hour !== undefined) {
    MERIDIEM.lastIndex = end;
    const mark = MERIDIEM.exec(s);
    if (mark) {
      value.hour = (value.hour % 12) + (mark[1] === 'P' || mark[1] === 'p' ? 12 : 0);
      end = MERIDIEM.lastIndex;
    }
  }
  const out: TimestampMatch = { value, start: pos, end, shape: shape.id ?? -1 };
  if (shape.level) out.level = s[pos];
  const k = trace.n++;
  if (k < TRACE_MATCHES) {
    trace.shapes[k] = out.shape;
    trace.starts[k] = pos;
    trace.ends[k] = end;
  }
  return out;
}

/** Whether MERIDIEM could match at i: an A or P, after at most one space or tab. */
function mayMeridiem(s: string, i: number): boolean {
  let c = s.charCodeAt(i);
  if (c === 32 || c === 9) c = s.charCodeAt(i + 1);
  return c === 65 || c === 97 || c === 80 || c === 112;
}

/**
 * Recognizes a whole string as a timestamp (a JSON or logfmt value): any shape above, or a bare
 * epoch number of any plausible unit.
 * @example parseTimeText('2025-11-26T10:27:35.123456789Z')?.kind === 'wall'
 */
export function parseTimeText(text: string): TimeValue | null {
  const s = text.trim();
  const num = /^(\d{1,20})(?:\.(\d{1,9})\d*)?$/.exec(s);
  if (num) return epochValue(num[1] ?? '', num[2] ?? '');
  const m = matchTimestamp(s, 0);
  return m && m.end === s.length ? m.value : null;
}

/**
 * Where a matched time's minutes, seconds and fraction are, for a next line that differs only in
 * those digits (see QuickHeader.keyTime): `key`, the text up to and with the character after the
 * time; `minute` and `second`, where their two digits are; [fracFrom, fracTo), the decimal
 * fraction's digits (empty when there is none); `tail`, a lookahead the text after the key must satisfy.
 */
export interface TimeKey {
  key: number;
  minute: number;
  second: number;
  fracFrom: number;
  fracTo: number;
  tail: string;
}

// Every shape reads digits as a class, so other digits in the minutes, seconds or fraction change no step
// of any shape's match; only what follows the time could (a fraction, a zone, a year): it must be
// something no shape takes after a time. The characters below no shape reads after a time; after
// a space or tab, the next word must be no zone, sign or number when a shape tried there reads on.
const ENDS_TIME = new Set([...'])[(|;"\'>}='].map((c) => c.charCodeAt(0)));
/** The tail of a key that is followed by white space where a zone could be read: no zone, sign or number next. */
export const NO_ZONE_AHEAD = `(?!\\s*(?:[\\d+\\-]|(?:Z|${ABBR})(?![A-Za-z0-9])))`;
/** The zone words NO_ZONE_AHEAD names (Z besides): letters only. */
export const ZONE_WORDS: readonly string[] = Object.keys(ABBREVIATIONS);
const NO_ZONE_AT = new RegExp(NO_ZONE_AHEAD, 'y');

function tailAfter(s: string, end: number, trailing: boolean): { key: number; tail: string } | null {
  if (end === s.length) return { key: end, tail: '$' };
  const c = s.charCodeAt(end);
  if (ENDS_TIME.has(c)) return { key: end + 1, tail: '' };
  if (c !== 32 && c !== 9) return null;
  if (!trailing) return { key: end + 1, tail: '' };
  NO_ZONE_AT.lastIndex = end + 1;
  return NO_ZONE_AT.test(s) ? { key: end + 1, tail: NO_ZONE_AHEAD } : null;
}

/**
 * The key of a wall time with two-digit minutes and seconds and a decimal fraction or none (see
 * TimeKey); null for any other time, or when what follows it could change how a next line is read.
 * @example timeKey('2025-11-26 10:27:35,123 INFO x', matchTimestamp('2025-11-26 10:27:35,123 INFO x')!)?.second === 17
 */
export function timeKey(s: string, m: TimestampMatch): TimeKey | null {
  const shape = SHAPES[m.shape];
  if (shape?.hour === undefined || m.value.kind !== 'wall') return null;
  const after = tailAfter(s, m.end, candidates(s, m.start, isDateless(m.value)).some((c) => c.trailing === true));
  if (after === null) return null;
  const re = (shape.indexed ??= new RegExp(shape.re.source, 'yd'));
  re.lastIndex = m.start;
  const x = re.exec(s);
  const minute = x?.indices?.[shape.hour + 1];
  const second = x?.indices?.[shape.hour + 2];
  // a millisecond count (`10:27:35:606`) is not its digits as written
  if (!x || re.lastIndex !== m.end || !minute || !second || minute[1] - minute[0] !== 2 || second[1] - second[0] !== 2 || x[shape.hour + 4] !== undefined) return null;
  const frac = x.indices?.[shape.hour + 3];
  return { key: after.key, minute: minute[0], second: second[0], fracFrom: frac ? frac[0] : second[1], fracTo: frac ? frac[1] : second[1], tail: after.tail };
}
