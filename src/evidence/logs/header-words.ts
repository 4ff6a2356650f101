/**
 * The header scan's judgements of single tokens (header.ts; a level is tokens.ts' levelIn): what a
 * bare word is (host, logger or column name, anchored word), which may need the tokens after it.
 */
import { KindCode } from './header-scan.js';
import { peekTime } from './header-time.js';
import { allDigits, isSpace, isTagToken, levelIn, skipSpaces, tokenEnd, upperLevelWithin } from './tokens.js';

/** Longest `(thread name)` group read as a header field. */
export const MAX_PAREN = 128;
const { Time: T, Level: L, Bracket: B } = KindCode;

/**
 * Where the message starts after a `tag:` ending at q: past nginx's connection number when the tag
 * is its `pid#tid:` (`[error] 1234#0: *44 connect() failed`), else at the next token.
 * @example nginxConnection('1234#0: *44 connect()', 0, 7) === 12
 */
export function nginxConnection(s: string, p: number, q: number): number {
  const next = skipSpaces(s, q);
  const hash = indexIn(s, 35, p, q - 2);
  if (hash <= p || !allDigits(s, p, hash) || !allDigits(s, hash + 1, q - 1) || s.charCodeAt(next) !== 42) return next;
  const end = tokenEnd(s, next);
  return end > next + 1 && end < s.length && allDigits(s, next + 1, end) ? skipSpaces(s, end) : next;
}

/** First index of char code c in s[a, b), or -1: a search that reads nothing past b (see header.ts' scanReach). */
function indexIn(s: string, c: number, a: number, b: number): number {
  for (let i = a; i < b; i++) if (s.charCodeAt(i) === c) return i;
  return -1;
}

/**
 * Index just past the `)` that closes the `(` at i, when it is followed by a space or the line's
 * end and holds no other parenthesis (WildFly's `(default task-1)`, not Apache's `(13)Permission`); -1 otherwise.
 */
export function closeParen(s: string, i: number): number {
  const stop = Math.min(s.length, i + MAX_PAREN);
  for (let j = i + 1; j < stop; j++) {
    const c = s.charCodeAt(j);
    if (c === 40) return -1;
    if (c === 41) return j > i + 1 && (j + 1 >= s.length || isSpace(s.charCodeAt(j + 1))) ? j + 1 : -1;
  }
  return -1;
}

/**
 * What the bare word s[p, q) is, after a field of kind `prev`: a bare word belongs to the header when
 * the layout says so: a host between a timestamp and a tag or another timestamp; a field before '|';
 * a name (logger, column) before ' - ', padded by 2+ spaces next to a level, a dotted logger name
 * right after the level or [thread]; or words anchored by an upper-case level a few tokens on
 * (`node RAS KERNEL INFO msg`). Null: the word is the message's.
 * @example headerWord('app.db - ERROR - x', 0, 6, KindCode.Time, true) === 'name'
 */
export function headerWord(s: string, p: number, q: number, prev: number, levelAhead: boolean): 'host' | 'name' | 'anchor' | 'field' | null {
  if (q >= s.length) return null;
  const r = skipSpaces(s, q);
  if (r >= s.length) return null;
  // a field before '|', or before ' | ' in a header whose separators are padded
  if (s.charCodeAt(r) === 124) return 'field';
  if (prev === T) {
    const e = tokenEnd(s, r);
    if (isTagToken(s, r, e) || peekTime(s, r) !== null) return 'host';
  }
  const d = skipSpaces(s, decorationsEnd(s, q));
  // before ' - ', or after a [thread] before ' : ' (Spring Boot's `[main] o.s.b.App   : msg`)
  const sep = s.charCodeAt(d);
  if ((sep === 45 || (sep === 58 && prev === B)) && isSpace(d + 1 < s.length ? s.charCodeAt(d + 1) : 32)) return 'name';
  // Padding makes a column (Windows CBS' `Info                  CBS    Loaded …`, Python's `%(name)-12s`)
  // when a level is before it or right after it; without one it is the message's own spacing
  // (HPC's `1 boot  (command 1911)`).
  if (r - q >= 2 && (!levelAhead || levelIn(s, r, tokenEnd(s, r)))) return 'name';
  if ((prev === L || prev === B) && indexIn(s, 46, p, q) >= 0 && QUALIFIED.test(s.slice(p, q))) return 'name';
  if (levelAhead && upperLevelWithin(s, r, 3)) return 'anchor';
  return null;
}

/**
 * Where the marks a name may carry before its ` - ` end: a pid in parentheses and an architecture
 * (Proxifier's `chrome.exe *64 - `, `multipass.exe (64924) *64 - `); q itself when there are none.
 * @example decorationsEnd('chrome.exe *64 - x', 10) === 14
 */
export function decorationsEnd(s: string, q: number): number {
  let end = q;
  for (let k = 0; k < 2; k++) {
    const a = skipSpaces(s, end);
    const b = tokenEnd(s, a);
    const c = s.charCodeAt(a);
    const digitsFrom = c === 42 ? a + 1 : c === 40 && s.charCodeAt(b - 1) === 41 ? a + 1 : -1;
    const digitsTo = c === 42 ? b : b - 1;
    if (digitsFrom < 0 || digitsTo <= digitsFrom || digitsTo - digitsFrom > 10 || !allDigits(s, digitsFrom, digitsTo)) break;
    end = b;
  }
  return end;
}

// `com.example.Service`, `nova.compute.manager`, `org.apache.hadoop.ipc.Client$Connection`
const QUALIFIED = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$-]*)+$/;
