/**
 * Reads the raw text of a top-level JSON value without parsing the document into numbers:
 * an epoch in nanoseconds (19 digits) is beyond 2^53, and JSON.parse would round it.
 */
import type { EpochTime } from './timestamp.js';

/**
 * Raw source text of the value of top-level `key` in a JSON object text, or null.
 * @example rawTopLevelValue('{"a":{"ts":1},"ts":1764152855123456789}', 'ts') === '1764152855123456789'
 */
export function rawTopLevelValue(text: string, key: string): string | null {
  // Character codes throughout: this runs on every timed JSON line.
  let i = skipWs(text, 0);
  if (text.charCodeAt(i) !== OPEN_BRACE) return null;
  i = skipWs(text, i + 1);
  while (i < text.length && text.charCodeAt(i) === QUOTE) {
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return null;
    // Keys with escapes are compared decoded; plain keys (the norm) in place, without a copy.
    const plain = keyEnd - i - 2 === key.length && text.startsWith(key, i + 1);
    const name = plain ? key : text.slice(i + 1, keyEnd - 1);
    i = skipWs(text, keyEnd);
    if (text.charCodeAt(i) !== COLON) return null;
    i = skipWs(text, i + 1);
    const valueEnd = valueEndAt(text, i);
    if (valueEnd < 0) return null;
    if (plain || (name.includes('\\') && decodeKey(name) === key)) return text.slice(i, valueEnd);
    i = skipWs(text, valueEnd);
    if (text.charCodeAt(i) !== COMMA) return null;
    i = skipWs(text, i + 1);
  }
  return null;
}

const QUOTE = 34;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;

function decodeKey(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function skipWs(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}

/** Index just past the string starting at i (which is a '"'), or -1. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 92) j++;
    else if (c === 34) return j + 1;
  }
  return -1;
}

function valueEndAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === QUOTE) return stringEnd(s, i);
  if (c === OPEN_BRACE || c === 91) {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const d = s.charCodeAt(j);
      if (d === QUOTE) {
        j = stringEnd(s, j) - 1;
        if (j < 0) return -1;
      } else if (d === OPEN_BRACE || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return j + 1;
    }
    return -1;
  }
  // A scalar ends at a separator or white space: , } ] space tab CR LF.
  let j = i;
  for (; j < s.length; j++) {
    const d = s.charCodeAt(j);
    if (d === COMMA || d === 125 || d === 93 || d === 32 || d === 9 || d === 13 || d === 10) break;
  }
  return j > i ? j : -1;
}

/** What epochParts read: whole seconds, the nanoseconds after them, and the fraction digits kept. */
export interface EpochParts {
  sec: number;
  ns: number;
  digits: number;
}

/**
 * The digits of a JSON number read as epochValue(int, frac) of timestamp.ts reads them (the unit
 * from the integer's length, every digit kept), into `out` as two exact doubles: the whole seconds
 * and the nanoseconds after them. False where epochValue gives null (a non-digit, over 20 digits).
 * @example epochParts('1764152855123456789', '', out) && out.sec === 1764152855 && out.ns === 123456789
 */
export function epochParts(int: string, frac: string, out: EpochParts): boolean {
  const len = int.length;
  // ≤ 11 digits: seconds (up to year 5138); 12–14: ms; 15–17: µs; 18–20: ns.
  const unit = len <= 11 ? 9 : len <= 14 ? 6 : len <= 17 ? 3 : len <= 20 ? 0 : -1;
  if (unit < 0 || len === 0) return false;
  // The integer's first `split` digits are the whole seconds, the rest the first of nine more.
  const split = len + unit - 9;
  let hi = 0;
  let lo = 0;
  // (A character code minus '0', unsigned, is above 9 for anything but a digit.)
  for (let p = 0; p < split; p++) {
    const d = int.charCodeAt(p) - 48;
    if (d >>> 0 > 9) return false;
    hi = hi * 10 + d;
  }
  for (let p = split; p < len; p++) {
    const d = int.charCodeAt(p) - 48;
    if (d >>> 0 > 9) return false;
    lo = lo * 10 + d;
  }
  // Then the fraction's first digits, zeros up to the unit.
  const fracLen = Math.min(frac.length, unit);
  for (let p = 0; p < unit; p++) lo = lo * 10 + (p < fracLen ? frac.charCodeAt(p) - 48 : 0);
  // epochValue requires every digit of the fraction, the dropped ones too.
  for (let p = 0; p < frac.length; p++) if ((frac.charCodeAt(p) - 48) >>> 0 > 9) return false;
  out.sec = hi;
  out.ns = lo;
  out.digits = 9 - unit + fracLen;
  return true;
}

const PARTS: EpochParts = { sec: 0, ns: 0, digits: 0 };

/**
 * epochParts as an epoch time: the nanoseconds (at most 20 digits) joined as a bigint from the two
 * doubles, without a bigint made from a string.
 * @example epochAt('1764152855123456789', '')?.ns === 1764152855123456789n
 */
export function epochAt(int: string, frac: string): EpochTime | null {
  if (!epochParts(int, frac, PARTS)) return null;
  return epochTime(PARTS.sec, PARTS.ns, PARTS.digits);
}

/**
 * The epoch time of `sec` whole seconds and `ns` nanoseconds (exact doubles, as epochParts gives
 * them) with `digits` fractional digits.
 * @example epochTime(1764152855, 123456789, 9).ns === 1764152855123456789n
 */
export function epochTime(sec: number, ns: number, digits: number): EpochTime {
  return { kind: 'epoch', ns: secondsNs(sec) + BigInt(ns), digits };
}

// Lines of one second share their whole seconds: the bigint of those is made once.
let lastHi = -1;
let lastHiNs = 0n;

function secondsNs(hi: number): bigint {
  if (hi !== lastHi) {
    lastHiNs = BigInt(hi) * 1_000_000_000n;
    lastHi = hi;
  }
  return lastHiNs;
}
