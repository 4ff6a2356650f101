/**
 * Character-level helpers of the header scan (header.ts): token and bracket bounds, separators and
 * the small token shapes (levels, error codes, CRI streams, upper-case words) it asks about.
 */
import { headerLevelIn } from './levels.js';

/** Longest `[group]` closeBracket looks through. */
export const MAX_BRACKET = 256;
const MAX_LEVEL_TOKEN = 24;

/** Space or tab. @example isSpace(9) === true */
export const isSpace = (c: number): boolean => c === 32 || c === 9;

/** Index of the first non-space at or after i. @example skipSpaces('a  b', 1) === 3 */
export function skipSpaces(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** End of the token at i: the next space, tab or `|`. @example tokenEnd('ab cd', 0) === 2 */
export function tokenEnd(s: string, i: number): number {
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 124) break;
    i++;
  }
  return i;
}

/**
 * Index just past what reading `n` tokens from i may look at (see header.ts' scanReach): tokens as
 * skipSpaces and tokenEnd find them, and the character that ends the last one.
 * @example tokensReach('ab cd ef', 0, 2) === 6
 */
export function tokensReach(s: string, i: number, n: number): number {
  for (let k = 0; k < n && i < s.length; k++) {
    const from = skipSpaces(s, i);
    i = tokenEnd(s, from);
    if (i === from && i < s.length) i++; // a lone '|'
  }
  return Math.min(s.length, i + 1);
}

/** Index just past the `]` that closes the `[` at i (nesting allowed), or -1. @example closeBracket('[a[b]] x', 0) === 6 */
export function closeBracket(s: string, i: number): number {
  let depth = 0;
  const stop = Math.min(s.length, i + MAX_BRACKET);
  for (let j = i; j < stop; j++) {
    const c = s.charCodeAt(j);
    if (c === 91) depth++;
    else if (c === 93 && --depth === 0) return j + 1;
  }
  return -1;
}

/** Level of s[a, b) without slicing tokens that cannot be one. @example levelIn('x INFO y', 2, 6) === true */
export function levelIn(s: string, a: number, b: number): boolean {
  if (b - a > MAX_LEVEL_TOKEN || b <= a) return false;
  const c = s.charCodeAt(a);
  if (c < 65 || (c > 90 && c !== 91 && c < 97) || c > 122) return false;
  return headerLevelIn(s, a, b) !== null;
}

/** `word:` (one colon, not `::`) at [a, b). @example isTagToken('sshd[1]: x', 0, 8) === true */
export const isTagToken = (s: string, a: number, b: number): boolean => b - a > 1 && s.charCodeAt(b - 1) === 58 && s.charCodeAt(b - 2) !== 58;

/**
 * Dashes at p (one to three: ` - `, ` -- `, Spring Boot's ` --- `) followed by a space or the end; 0 otherwise.
 * @example dashRun('--- [main]', 0) === 3
 */
export function dashRun(s: string, p: number): number {
  let n = 0;
  while (n < 3 && s.charCodeAt(p + n) === 45) n++;
  return p + n >= s.length || isSpace(s.charCodeAt(p + n)) ? n : 0;
}

/**
 * A bracket group glued to a word (PostgreSQL's `[unknown]@[unknown]`) is part of that word: the
 * character after the group's end is a letter, digit, `@` or `_`.
 * @example wordAfter('[unknown]@[unknown]', 9) === true
 */
export function wordAfter(s: string, close: number): boolean {
  if (close < 0 || close >= s.length) return false;
  const c = s.charCodeAt(close);
  return (c >= 48 && c <= 57) || (c >= 64 && c <= 90) || c === 95 || (c >= 97 && c <= 122);
}

/**
 * `stdout F` / `stderr P` at [p, q): the stream and the full/partial mark of a CRI container log line.
 * @example criStream('stderr F boom', 0, 6) === true
 */
export function criStream(s: string, p: number, q: number): boolean {
  if (q - p !== 6 || !s.startsWith('std', p) || !(s.startsWith('out', p + 3) || s.startsWith('err', p + 3))) return false;
  const mark = s.charCodeAt(q + 1);
  return s.charCodeAt(q) === 32 && (mark === 70 || mark === 80) && (q + 2 >= s.length || isSpace(s.charCodeAt(q + 2)));
}

/**
 * An error code: one to eight capitals, an optional `-`, then three or more digits (`AH00124`,
 * `ORA-00600`, WildFly's `WFLYCTL0013`).
 * @example isCode('AH00124', 0, 7) === true
 */
export function isCode(s: string, a: number, b: number): boolean {
  let i = a;
  while (i < b && s.charCodeAt(i) >= 65 && s.charCodeAt(i) <= 90) i++;
  if (i === a || i - a > 8) return false;
  if (s.charCodeAt(i) === 45) i++;
  return b - i >= 3 && allDigits(s, i, b);
}

/** A capital letter, then capitals and digits (`ERROR`, `DEBUG1`). @example upperWord('DEBUG1', 0, 6) === true */
export function upperWord(s: string, a: number, b: number): boolean {
  if (b <= a || s.charCodeAt(a) < 65 || s.charCodeAt(a) > 90) return false;
  for (let i = a + 1; i < b; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

/** Capitals only in [a, b). @example allUpper('INFO', 0, 4) === true */
export function allUpper(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 65 || c > 90) return false;
  }
  return true;
}

/** Digits only in [a, b). @example allDigits('1234', 0, 4) === true */
export function allDigits(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

// PostgreSQL's secondary fields, each written on a line of its own after the ERROR (or LOG) it
// belongs to, with the same prefix. The label stays in the message and the line gets no level: it
// is not a second error (an error count would double), and the label says what it adds.
const SECONDARY = new Set(['DETAIL', 'HINT', 'CONTEXT', 'STATEMENT', 'QUERY', 'LOCATION']);
const UPPER_LEVEL = /^(?:EMERG|ALERT|CRIT|CRITICAL|FATAL|FAILURE|ERROR|ERR|SEVERE|WARN|WARNING|NOTICE|INFO|DEBUG|TRACE)$/;

/**
 * Whether one of the next `n` tokens from i is an upper-case level word, with plain words before it:
 * what anchors a header's words that are not a host or a logger (`node RAS KERNEL INFO msg`).
 * @example upperLevelWithin('trader@orders ERROR:  boom', 14, 3) === true
 */
export function upperLevelWithin(s: string, i: number, n: number): boolean {
  for (let k = 0; k < n && i < s.length; k++) {
    const e = tokenEnd(s, i);
    if (e === i || s.charCodeAt(i) === 91) return false;
    // PostgreSQL's `%u@%d ERROR:  msg`: an upper-case level that ends with its colon, or the label of
    // a line that completes the one before (`%u@%d DETAIL:  …`), whose prefix is the same header.
    if (isTagToken(s, i, e)) return upperWord(s, i, e - 1) && (headerLevelIn(s, i, e - 1) !== null || SECONDARY.has(s.slice(i, e - 1)));
    if (e - i >= 3 && e - i <= 8 && allUpper(s, i, e) && UPPER_LEVEL.test(s.slice(i, e))) return true;
    i = skipSpaces(s, e);
  }
  return false;
}

// A source file and line (`router/router.go:86`, `OrderBook.java:412`): the caller column of Go's
// zap, log15 and similar console encoders. The extension is a source language's, so that a
// `host.example.com:5432` at the start of a message is not taken for one.
const CALLER = /^[\w.\-/]*[\w-]\.(?:go|java|kt|scala|groovy|py|rb|rs|c|cc|cpp|cxx|h|hpp|js|mjs|cjs|ts|cs|swift|ex|exs|erl|php|m|mm|zig|nim|d|lua|pl):\d+$/;

/** A `file.ext:line` caller at [a, b). @example isCaller('x router/router.go:86', 2, 21) === true */
export function isCaller(s: string, a: number, b: number): boolean {
  if (b - a < 5 || b - a > 160) return false;
  const last = s.charCodeAt(b - 1);
  return last >= 48 && last <= 57 && CALLER.test(s.slice(a, b));
}
