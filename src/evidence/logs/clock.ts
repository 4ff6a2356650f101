/**
 * Per-file clock: turns recognized time fields into instants. It owns what a single line cannot
 * know — the year of yearless timestamps (and its Dec→Jan rollover), the date of times of day
 * written without one (and its midnight rollover), the zone of zoneless ones (choosing, in a DST
 * overlap, the instant that keeps the file moving forward) and the boot instant of boot-relative
 * kernel times.
 */
import { NS_PER_DAY, NS_PER_HOUR, NS_PER_MS, NS_PER_S, nowNs, parseTimestamp } from '../../shared/time.js';
import type { TimeValue, WallTime } from './timestamp.js';
import { createZone, type Zone } from './zone.js';

// A yearless time this far before the previous one means the year turned; this far after, a late
// line from before the turn.
const ROLLOVER_NS = 180n * NS_PER_DAY;
// A time of day more than half a day before the previous one means midnight passed. One this far
// after it is a late line from before midnight (an hour late at most); anything less is the same
// day, for a log may stay quiet for hours (opened in the morning, closed at night).
const MIDNIGHT_NS = 12n * NS_PER_HOUR;
const LATE_NS = 23n * NS_PER_HOUR;
// A first time of day is put on the reference instant's date unless that makes it later than the
// reference by more than this (a file's mtime is its last write, a little after its last line).
const LATEST_SLACK_NS = NS_PER_HOUR;

export interface ClockOptions {
  year?: number;
  /** The date (`YYYY-MM-DD`, in the file's zone) of the first time of day written without one. */
  date?: string;
  /** `date` is an estimate (see dateless.ts), not the user's: the first line that uses it is flagged. */
  dateAssumed?: boolean;
  latest?: bigint;
  near?: bigint;
  tz?: string;
  bootTime?: string | bigint;
}

export interface Instant {
  ns: bigint;
  digits: number;
  /** The year was not in the line, nor given, nor derived from a reference instant. */
  yearAssumed: boolean;
  /** A time of day without a date, dated by a guess: not given, nor the file's earlier dated lines. */
  dateAssumed: boolean;
}

/** A calendar date, as Date.UTC takes it (month 1–12). */
interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/**
 * One per file: resolves every line's time fields in order.
 * @example
 * const clock = new Clock({ year: 2025, tz: 'Europe/London' });
 * clock.resolve({ kind: 'wall', year: null, month: 7, day: 1, hour: 9, minute: 0, second: 0, frac: '', offsetMin: null })?.ns // 08:00Z
 */
export class Clock {
  private readonly zone: Zone;
  private readonly latest: bigint;
  private readonly near: bigint | null;
  private readonly givenYear: boolean;
  private year: number | null;
  private lastYearless: bigint | null = null;
  // The date of the running times of day without one, and the last instant given to one of them.
  private date: CivilDate | null;
  private lastDateless: bigint | null = null;
  private dateGuessed: boolean;
  private lastNs: bigint | null = null;
  /** Absolute instant of boot, if known. */
  readonly bootNs: bigint | null;
  readonly bootDigits: number;

  constructor({ year, date, dateAssumed = false, latest, near, tz = 'UTC', bootTime }: ClockOptions = {}) {
    this.zone = createZone(tz);
    // A given year that is the reference instant's own says no more than the instant does, which
    // is the better guide at a New Year: yearless December lines then belong to the year before
    // the January ones. Taken literally, `--year 2026` for an incident on 1 January 2026 would
    // make a file's first line (31 December) 2026 and roll the January lines into 2027.
    this.year = year !== undefined && !(near !== undefined && yearsAround(near).includes(year)) ? year : null;
    this.givenYear = year !== undefined;
    this.date = date !== undefined ? civilDateOf(date) : null;
    this.dateGuessed = dateAssumed && date !== undefined;
    this.latest = latest ?? nowNs();
    this.near = near ?? null;
    if (bootTime === undefined) {
      this.bootNs = null;
      this.bootDigits = 0;
    } else if (typeof bootTime === 'bigint') {
      this.bootNs = bootTime;
      this.bootDigits = 9;
    } else {
      const p = parseTimestamp(bootTime);
      this.bootNs = p.ns;
      this.bootDigits = p.digits;
    }
  }

  /**
   * Instant of a time value. `yearHint` is a year found elsewhere in the same header (a date-only
   * token or an epoch), used before the file's running year.
   */
  resolve(t: TimeValue, yearHint: number | null = null): Instant | null {
    this.reusable = false;
    if (t.kind === 'epoch') return this.note({ ns: t.ns, digits: t.digits, yearAssumed: false, dateAssumed: false });
    if (t.kind === 'date') return null;
    this.impossible = false;
    const dateless = t.month === 0;
    const year = dateless ? null : t.year ?? yearHint;
    const instant = dateless ? this.dateless(t) : year !== null ? { ns: this.absolute(t, year), digits: t.frac.length, yearAssumed: false, dateAssumed: false } : this.yearless(t);
    // No instant for a date that does not exist; the line keeps its text and is counted as such.
    if (this.impossible) return null;
    // Within one minute of the wall clock an instant is the minute's plus its seconds (the zone's
    // offset is looked up by the minute), unless the minute is in a DST overlap or has a leap second.
    this.reusable = !this.ambiguous && t.second < 60 && t.hour < 24;
    this.reusedSecond = t.second;
    this.reusedFloating = dateless ? DATELESS : year === null ? YEARLESS : FIXED;
    return this.note(instant);
  }

  /**
   * The instant (ns; its digits are the fraction's) resolve() would give for the wall time it was
   * last given with another second (0–59) and fraction (in ns): for the next lines of the same
   * minute, with the same bookkeeping (year rollover, DST) but no date arithmetic. Null when
   * resolve() is needed.
   * @example clock.resolve(t); clock.sameMinute(36, 500_000_000) // t's minute, 36.5 s
   */
  sameMinute(second: number, fracNs: number): bigint | null {
    if (!this.reusable || second > 59) return null;
    if (second !== this.reusedSecond) {
      this.base += BigInt(second - this.reusedSecond) * NS_PER_S;
      this.reusedSecond = second;
    }
    const ns = fracNs === 0 ? this.base : this.base + bigNs(fracNs);
    // A yearless time a few seconds from the one before cannot be a year's rollover, nor a time of
    // day a midnight.
    if (this.reusedFloating === YEARLESS) this.lastYearless = ns;
    else if (this.reusedFloating === DATELESS) this.lastDateless = ns;
    this.lastNs = ns;
    return ns;
  }

  /** The instant at which the minute sameMinute() moves within starts, or null when it cannot. */
  minuteStart(): bigint | null {
    return this.reusable ? this.base - BigInt(this.reusedSecond) * NS_PER_S : null;
  }

  // What sameMinute needs of the last resolve() (with `base`, the instant of its whole second):
  // fields rather than an object, as resolve() runs for every line of some files.
  private reusable = false;
  private reusedSecond = 0;
  private reusedFloating = FIXED;

  /**
   * The year of the first yearless time when nothing in the file gives one: nearest the time of
   * interest when it is known (an incident's window, whatever the file's mtime says: a copy has a new
   * one), else the latest year that does not put the time after the reference instant.
   */
  private firstYear(t: WallTime): number {
    if (this.near !== null) return nearestYear(t, this.near);
    const refYear = new Date(Number(this.latest / NS_PER_MS)).getUTCFullYear();
    return this.absolute(t, refYear) > this.latest + NS_PER_DAY ? refYear - 1 : refYear;
  }

  /** Set by absolute() when the wall time names a day its month does not have. */
  private impossible = false;

  private note(i: Instant): Instant {
    this.lastNs = i.ns;
    return i;
  }

  private yearless(t: WallTime): Instant {
    // Lines with a full date came before (JSON records beside klog lines in `kubectl logs`): the year
    // nearest to them is the file's own, not a guess; the year is assumed otherwise.
    const assumed = this.year === null && this.lastNs === null;
    this.year ??= this.lastNs !== null ? nearestYear(t, this.lastNs) : this.firstYear(t);
    // only the year finally taken decides whether the date exists
    this.impossible = false;
    let ns = this.absolute(t, this.year);
    const last = this.lastYearless;
    if (last !== null && ns < last - ROLLOVER_NS) {
      this.year += 1;
      this.impossible = false;
      ns = this.absolute(t, this.year);
    } else if (last !== null && ns > last + ROLLOVER_NS) {
      this.impossible = false;
      ns = this.absolute(t, this.year - 1);
    }
    this.lastYearless = ns;
    return { ns, digits: t.frac.length, yearAssumed: assumed && !this.givenYear, dateAssumed: false };
  }

  private dateless(t: WallTime): Instant {
    let assumed = this.dateGuessed;
    this.dateGuessed = false;
    if (this.date === null) {
      // Dated lines came before (a banner, a rotated file's header): the date nearest to them is
      // the file's; else the one nearest the time of interest, else the reference instant's.
      assumed = this.lastNs === null;
      this.date = this.lastNs !== null ? this.nearestDate(t, this.lastNs) : this.near !== null ? this.nearestDate(t, this.near) : this.latestDate(t);
    }
    let ns = this.on(t, this.date);
    const last = this.lastDateless;
    if (last !== null && ns < last - MIDNIGHT_NS) {
      this.date = addDays(this.date, 1);
      ns = this.on(t, this.date);
    } else if (last !== null && ns > last + LATE_NS) {
      ns = this.on(t, addDays(this.date, -1));
    }
    this.lastDateless = ns;
    return { ns, digits: t.frac.length, yearAssumed: false, dateAssumed: assumed };
  }

  /**
   * The date (`YYYY-MM-DD`) the last time of day without one was put on, midnights counted; null
   * before the first.
   * @example clock.resolve(tod); clock.datelessDate // '2025-11-26'
   */
  get datelessDate(): string | null {
    const d = this.date;
    return d === null || this.lastDateless === null ? null : `${String(d.year).padStart(4, '0')}-${pad2(d.month)}-${pad2(d.day)}`;
  }

  /** The instant of a time of day on a date. */
  private on(t: WallTime, d: CivilDate): bigint {
    return this.absolute(t, d.year, d.month, d.day);
  }

  /** The date, of the three around `ns`, that puts the time of day nearest to it (in the file's zone). */
  private nearestDate(t: WallTime, ns: bigint): CivilDate {
    const around = utcDate(ns);
    let best = around;
    let bestDiff: bigint | null = null;
    for (const d of [addDays(around, -1), around, addDays(around, 1)]) {
      const at = this.on(t, d);
      const diff = at > ns ? at - ns : ns - at;
      if (bestDiff === null || diff < bestDiff) [best, bestDiff] = [d, diff];
    }
    return best;
  }

  /** The latest date that does not put the time of day after the reference instant (with a little slack). */
  private latestDate(t: WallTime): CivilDate {
    const around = utcDate(this.latest);
    for (const d of [addDays(around, 1), around]) if (this.on(t, d) <= this.latest + LATEST_SLACK_NS) return d;
    return addDays(around, -1);
  }

  // Lines of a file come in runs within one second: remember the last second's instant.
  private cached: { year: number; month: number; day: number; hour: number; minute: number; second: number; offset: number | null; base: bigint } | null = null;

  // The whole second of the last instant absolute() or sameMinute() gave, and whether the wall time
  // absolute() last read had two instants.
  private base = 0n;
  private ambiguous = false;

  /** The instant of a wall time in `year` (and on `month`/`day` when given: a time of day without a date). */
  private absolute(t: WallTime, year: number, month = t.month, day = t.day): bigint {
    const fracNs = fractionNs(t.frac);
    const c = this.cached;
    if (c && c.second === t.second && c.minute === t.minute && c.hour === t.hour && c.day === day
      && c.month === month && c.year === year && c.offset === t.offsetMin) {
      this.base = c.base;
      this.ambiguous = false;
      return c.base + fracNs;
    }
    // A day the month does not have (Feb 29 of a common year, Nov 31): Date.UTC would roll it over.
    if (day > 28 && day > new Date(Date.UTC(year, month, 0)).getUTCDate()) this.impossible = true;
    // Date.UTC maps years 0–99 to 1900–1999; logs do not go back that far.
    const wallMs = Date.UTC(year, month - 1, day, t.hour, t.minute, t.second);
    let utcMs: number;
    let ambiguous = false;
    if (t.offsetMin !== null) utcMs = wallMs - t.offsetMin * 60_000;
    else {
      const options = this.zone.toUtc(wallMs);
      utcMs = options[0] ?? wallMs;
      ambiguous = options.length > 1;
      if (ambiguous && this.lastNs !== null && BigInt(utcMs) * NS_PER_MS + fracNs < this.lastNs) {
        // DST overlap: the earlier reading unless it would put this line before the previous one.
        utcMs = options[options.length - 1] ?? utcMs;
      }
    }
    const base = BigInt(utcMs) * NS_PER_MS;
    this.cached = ambiguous ? null : { year, month, day, hour: t.hour, minute: t.minute, second: t.second, offset: t.offsetMin, base };
    this.base = base;
    this.ambiguous = ambiguous;
    return base + fracNs;
  }
}

// What the last resolve() read: a time with its whole date, a yearless one, or a time of day.
const FIXED = 0;
const YEARLESS = 1;
const DATELESS = 2;

const utcDate = (ns: bigint): CivilDate => {
  const d = new Date(Number(ns / NS_PER_MS));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
};

function addDays(d: CivilDate, days: number): CivilDate {
  const at = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/** `YYYY-MM-DD` as a date; the option's schema has checked it. */
function civilDateOf(text: string): CivilDate {
  const [year, month, day] = text.split('-').map(Number);
  return { year: year ?? 1970, month: month ?? 1, day: day ?? 1 };
}

const FRACTION_SCALE = [1e9, 1e8, 1e7, 1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1];

/** Nanoseconds of a decimal fraction's digits ('123' → 123000000n), at most 9 digits used. */
function fractionNs(frac: string): bigint {
  if (frac === '') return 0n;
  const len = Math.min(frac.length, 9);
  let v = 0;
  for (let i = 0; i < len; i++) v = v * 10 + frac.charCodeAt(i) - 48;
  return bigNs(v * (FRACTION_SCALE[len] ?? 1));
}

// Converting a number to a bigint costs several times a bigint addition: the fractions of a
// second are kept converted, by milliseconds, microseconds and nanoseconds (1,000 of each at most).
const MS: (bigint | undefined)[] = [];
const US: (bigint | undefined)[] = [];
const NS: (bigint | undefined)[] = [];

/** A fraction of a second, in ns (an integer below 1e9), as a bigint. */
function bigNs(ns: number): bigint {
  const ms = Math.floor(ns / 1e6);
  const rest = ns - ms * 1e6;
  const a = (MS[ms] ??= BigInt(ms * 1e6));
  if (rest === 0) return a;
  const us = Math.floor(rest / 1e3);
  const n = rest - us * 1e3;
  const b = a + (US[us] ??= BigInt(us * 1e3));
  return n === 0 ? b : b + (NS[n] ??= BigInt(n));
}

/**
 * The year that puts a yearless time nearest to an instant (an epoch found in the same header);
 * the zone is ignored, which is safe because candidates are a year apart.
 * @example nearestYear({ kind: 'wall', year: null, month: 12, day: 31, hour: 23, minute: 0, second: 0, frac: '', offsetMin: null }, 1136070000000000000n) === 2005
 */
export function nearestYear(t: WallTime, ns: bigint): number {
  const ms = Number(ns / NS_PER_MS);
  const y = new Date(ms).getUTCFullYear();
  let best = y;
  let bestDiff = Infinity;
  for (const cand of [y - 1, y, y + 1]) {
    const diff = Math.abs(Date.UTC(cand, t.month - 1, t.day, t.hour, t.minute, t.second) - ms);
    if (diff < bestDiff) [best, bestDiff] = [cand, diff];
  }
  return best;
}

// Consecutive lines often share a second, and nearly always a day: keep both formatted.
let lastSecond = -1;
let lastPrefix = '';
let lastDay = NaN;
let lastDate = '';

/**
 * RFC 3339 UTC with `digits` fractional digits (same output as `formatTimestamp`), built with
 * integer civil-date arithmetic because it runs once per log line.
 * @example formatInstant(1764152855123456789n, 6) === '2025-11-26T10:27:35.123456Z'
 */
export function formatInstant(ns: bigint, digits: number): string {
  const secBig = ns / NS_PER_S;
  let fracNs = ns - secBig * NS_PER_S;
  let sec = Number(secBig);
  if (fracNs < 0n) {
    fracNs += NS_PER_S;
    sec -= 1;
  }
  if (sec !== lastSecond) {
    lastSecond = sec;
    const day = Math.floor(sec / 86_400);
    if (day !== lastDay) {
      lastDay = day;
      lastDate = civilDate(day);
    }
    let rem = sec - day * 86_400;
    const hour = Math.floor(rem / 3600);
    rem -= hour * 3600;
    const minute = Math.floor(rem / 60);
    lastPrefix = `${lastDate}T${pad2(hour)}:${pad2(minute)}:${pad2(rem - minute * 60)}`;
  }
  if (digits <= 0) return `${lastPrefix}Z`;
  const frac = fracNs.toString().padStart(9, '0');
  return `${lastPrefix}.${digits >= 9 ? frac : frac.slice(0, digits)}Z`;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

// Days since 1970-01-01 to YYYY-MM-DD (H. Hinnant's civil_from_days).
function civilDate(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const ys = year >= 0 && year <= 9999 ? String(year).padStart(4, '0') : String(year);
  return `${ys}-${pad2(month)}-${pad2(day)}`;
}

/** The UTC years of the day before and the day after an instant: the local year is one of them in any zone. */
function yearsAround(ns: bigint): number[] {
  const year = (at: bigint): number => new Date(Number(at / NS_PER_MS)).getUTCFullYear();
  return [year(ns - NS_PER_DAY), year(ns + NS_PER_DAY)];
}
