/**
 * Where the header scan (header.ts) looks for timestamps: at a token, bare or in [brackets], and
 * ahead of a host word; also the cheap first-time look of a line ({@link headerTime}).
 */
import { MAX_PREFIX, MAX_PREFIX_TOKEN } from './header-scan.js';
import { matchTimestamp, trace, type TimestampMatch } from './timestamp.js';
import { isSpace, levelIn, skipSpaces, tokenEnd } from './tokens.js';

/** Where the last time {@link timeAt} found starts and ends (brackets included when they close on it). */
export let timeStart = 0;
export let timeEnd = 0;

/**
 * Timestamp at i (bare or in [brackets], which may add one token: Ruby's `[ts #pid]`); sets
 * timeStart/timeEnd. A time of day without a date only when `dateless` (the line's first token).
 * @example timeAt('[2025-11-26 10:27:35] x', 0) !== null && timeEnd === 21
 */
export function timeAt(s: string, i: number, dateless = false): TimestampMatch | null {
  if (s.charCodeAt(i) === 91) {
    const start = skipSpaces(s, i + 1);
    const m = matchTimestamp(s, start, dateless);
    if (!m) return null;
    let close = skipSpaces(s, m.end);
    if (close + 1 > trace.reach) trace.reach = Math.min(s.length, close + 1);
    if (s.charCodeAt(close) !== 93 && close > m.end) {
      const e = bracketEnd(s, close);
      if (e < 0 || levelIn(s, close, e)) {
        // The bracket holds more of the header (Rust env_logger's `[ts LEVEL module] msg`,
        // Serilog's `[ts LVL] msg`): the time is its first field, and the scan goes on inside it.
        timeStart = start;
        timeEnd = m.end;
        return m;
      }
      close = e;
    }
    if (s.charCodeAt(close) !== 93) return null;
    timeStart = start;
    timeEnd = close + 1;
    return m;
  }
  const m = peekedAt === i && peekedLine === s ? peeked : matchTimestamp(s, i, dateless);
  if (m) {
    timeStart = i;
    timeEnd = m.end;
  }
  return m;
}

/**
 * The `]` at most 16 characters after i with no space before it, else -1 (the bracket holds more
 * than the time). Reads no further, and notes how far it read (trace.reach).
 */
function bracketEnd(s: string, i: number): number {
  const stop = Math.min(s.length, i + 17);
  if (stop + 1 > trace.reach) trace.reach = Math.min(s.length, stop + 1);
  for (let j = i; j < stop; j++) {
    const c = s.charCodeAt(j);
    if (c === 93) return j;
    if (c === 32) return -1;
  }
  return -1;
}

// headerWord looks ahead for a timestamp after a host word; the scan then asks for the same one.
// Forgotten when a scan starts, so that the check never compares two lines' text.
let peekedLine = '';
let peekedAt = -1;
let peeked: TimestampMatch | null = null;

/**
 * The timestamp at i, kept for the {@link timeAt} of the same place that may follow.
 * @example peekTime('web1 Nov 26 10:27:35 x', 5) !== null
 */
export function peekTime(s: string, i: number): TimestampMatch | null {
  peekedLine = s;
  peekedAt = i;
  peeked = matchTimestamp(s, i);
  return peeked;
}

/** Forgets the peeked timestamp: a new scan starts. */
export function forgetPeek(): void {
  peekedAt = -1;
}

/**
 * The first timestamp of a header, found exactly as the header scan finds it (same prefix-token
 * rules), without scanning the rest: the cheap look at a line that cannot be an event.
 * @example headerTime('2025-11-26 10:27:35,123 INFO x', 0)?.value.kind === 'wall'
 */
export function headerTime(s: string, prefixTokens = -1): TimestampMatch | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0))) return null;
  forgetPeek();
  let pos = 0;
  const maxPrefix = prefixTokens >= 0 ? prefixTokens : MAX_PREFIX;
  for (let k = 0; k <= maxPrefix; k++) {
    const first = prefixTokens < 0 || k === prefixTokens ? timeAt(s, pos, k === 0) : null;
    if (first) return first;
    const end = tokenEnd(s, pos);
    if (end === pos || end - pos > MAX_PREFIX_TOKEN || end >= s.length) return null;
    pos = skipSpaces(s, end);
  }
  return null;
}
