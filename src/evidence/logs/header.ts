/**
 * The general header grammar of application text logs: a timestamp near the start of the line
 * (after at most a few short prefix tokens), then any of level, pid/tid numbers, [bracketed]
 * groups, separators (` - `, `|`, `,`, `:`), host/logger/column words and a `tag:` that ends the
 * header. The scan is greedy and records, after every field, where the message would begin if the
 * header stopped there; the per-file profile (text.ts) then picks the stopping point.
 */
import { clearScan, KindCode, MAX_FIELDS, MAX_PREFIX, MAX_PREFIX_TOKEN, newScan, put, type HeaderScan } from './header-scan.js';
import { forgetPeek, timeAt, timeEnd, timeStart } from './header-time.js';
import { closeParen, decorationsEnd, headerWord, MAX_PAREN, nginxConnection } from './header-words.js';
import { isMark } from './levels.js';
import { resetTimeTrace, traceReach, type TimestampMatch } from './timestamp.js';
import { allDigits, closeBracket, MAX_BRACKET, tokensReach, criStream, dashRun, isCaller, isCode, isSpace, isTagToken, levelIn, skipSpaces, tokenEnd, wordAfter } from './tokens.js';

const MAX_HEADER = 512;
// Local constants for the scan's hot loop.
const { Prefix: P, Time: T, Level: L, Number: N, Bracket: B, Word: W, Tag: G } = KindCode;

/**
 * Scans the header of one line into `scan`. `prefixTokens` fixes how many tokens precede the
 * timestamp (from the file profile); without it up to five are tried. Returns null when no
 * timestamp starts the line.
 * @example scanHeader('081109 203615 148 INFO dfs.DataNode: done')?.sig === 'TNLG'
 */
export function scanHeader(s: string, prefixTokens = -1, scan: HeaderScan = newScan()): HeaderScan | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0))) return null;
  forgetPeek();
  resetTimeTrace();
  clearScan(scan);

  let pos = 0;
  let first: TimestampMatch | null = null;
  const maxPrefix = prefixTokens >= 0 ? prefixTokens : MAX_PREFIX;
  scan.ahead = 2;
  for (let k = 0; k <= maxPrefix; k++) {
    scan.last = pos;
    // A time of day alone starts the line (logback's `10:27:35.123 [main] ERROR …`); after other
    // tokens it is more likely a count or a message's own clock reading.
    if (prefixTokens < 0 || k === prefixTokens) first = timeAt(s, pos, k === 0);
    if (first) break;
    const end = tokenEnd(s, pos);
    if (end === pos || end - pos > MAX_PREFIX_TOKEN || end >= s.length) return null;
    const next = skipSpaces(s, end);
    put(scan, P, pos, end, next, undefined);
    pos = next;
  }
  if (!first) return null;
  put(scan, T, timeStart, timeEnd, skipSpaces(s, timeEnd), first);
  pos = timeEnd;
  let prev = T;
  let named = false;
  let leveled = false;
  let levelColon = false;
  let fields = 1;

  while (fields < MAX_FIELDS && pos < MAX_HEADER) {
    const glued = pos;
    const p = skipSpaces(s, pos);
    scan.last = p;
    scan.ahead = LOOK_AHEAD;
    if (p >= s.length) break;
    const c = s.charCodeAt(p);
    const after = p + 1 < s.length ? s.charCodeAt(p + 1) : 32;
    let kind = 0;
    let end = p;
    let bracketClose = -1;

    if (c === 124) { // '|': fields of a pipe-separated header keep the message's leading spaces
      // … past the one space that pads a ` | ` separator (`10:27:35,123 | INFO  | main | msg`)
      const next = p > 0 && isSpace(s.charCodeAt(p - 1)) && s.charCodeAt(p + 1) === 32 ? p + 2 : p + 1;
      put(scan, 124, p, p + 1, next, undefined);
      pos = next;
      prev = 124;
      fields++;
      continue;
    }
    const dashes = c === 45 ? dashRun(s, p) : 0;
    if (dashes > 0 || ((c === 44 || c === 58) && isSpace(after) && (p === glued || prev === T || c === 58))) {
      // ' - ', ' -- ', ' --- ' (Spring Boot), a lone ' : ', or a ',' glued to the field before (`10:27:35, Info`, `…:00: msg`)
      end = c === 45 ? p + dashes : p + 1;
      kind = c;
    } else if (prev === T && fields === 1 && isMark(c) && isSpace(after)) {
      // Redis' severity mark right after the time (`… 10:27:35.123 # msg`)
      kind = L;
      end = p + 1;
      leveled = true;
    } else if (named && !(c === 91 || c >= 65)) {
      // After a logger or column name only separators, the level and [context] may follow
      // (`name - ERROR - msg`, `nova.compute.manager [req-…] msg`).
      break;
    } else if (c === 91 && !wordAfter(s, (bracketClose = groupRead(scan, s, p, closeBracket(s, p), MAX_BRACKET)))) { // '[…]'
      const close = bracketClose;
      // A name takes one [context] group; a second one is the message's (`[req-…] [instance: …] msg`).
      if (close < 0 || (named && prev === B)) break;
      const t = timeAt(s, p);
      if (t && timeEnd === close) {
        put(scan, T, timeStart, timeEnd, skipSpaces(s, close), t);
        kind = T;
      } else {
        let a = p + 1;
        let b = close - 1;
        while (a < b && isSpace(s.charCodeAt(a))) a++;
        while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
        kind = !leveled && levelIn(s, a, b) ? L : B;
        if (kind === L) leveled = true;
        if (!named && kind === B && s.charCodeAt(close) === 58 && isSpace(s.charCodeAt(close + 1))) {
          put(scan, G, p + 1, close - 1, skipSpaces(s, close + 1), undefined); // `[component]: msg`
          break;
        }
        put(scan, kind, p + 1, close - 1, skipSpaces(s, close), undefined);
      }
      pos = close;
      prev = kind;
      fields++;
      continue;
    } else if (c === 40 && prev === B && leveled && (bracketClose = groupRead(scan, s, p, closeParen(s, p), MAX_PAREN)) > 0) {
      // WildFly's `LEVEL [category] (thread name) msg`: the thread, spaces and all
      put(scan, B, p + 1, bracketClose - 1, skipSpaces(s, bracketClose), undefined);
      pos = bracketClose;
      prev = B;
      fields++;
      continue;
    } else {
      const t = fields < 8 && !named ? timeAt(s, p) : null;
      if (t) {
        put(scan, T, timeStart, timeEnd, skipSpaces(s, timeEnd), t);
        pos = timeEnd;
        prev = T;
        fields++;
        continue;
      }
      const q = tokenEnd(s, p);
      if (q === p) break;
      // a number; signed right after the time or another number (HPC's flag column: `1`, `0`, `-1`)
      if ((c >= 48 && c <= 57 && allDigits(s, p, q)) || (c === 45 && (prev === T || prev === N) && q - p > 1 && allDigits(s, p + 1, q))) {
        kind = N;
        end = q;
      } else if (prev === T && fields === 1 && criStream(s, p, q)) {
        // A container runtime's (CRI) `stdout F`: the stream and the partial/full mark, then the
        // container's own line, whose level may follow.
        put(scan, W, p, q, q + 1, undefined);
        // the container's line starts after one space: its own indentation is kept
        put(scan, W, q + 1, q + 2, Math.min(s.length, q + 3), undefined);
        pos = q + 2;
        prev = W;
        named = true;
        fields += 2;
        continue;
      } else if (isTagToken(s, p, q)) {
        // What follows reads this token (and after a time, the next one: criStream), then nginxConnection's answer.
        scan.ahead = prev === T && fields === 1 ? 2 : 1;
        // An error code (`AH00124:`, `ORA-00600:`) names the message, not its source: it is the message's.
        if (isCode(s, p, q - 1)) break;
        // One level per header: a second level word already belongs to the message (`Info CBS Warning: …`).
        if (levelIn(s, p, q - 1)) {
          if (leveled) break;
          leveled = true;
          levelColon = true;
          put(scan, L, p, q - 1, skipSpaces(s, q), undefined);
          pos = q;
          prev = L;
          fields++;
          continue;
        }
        // A header names its source once: after a logger or column word, `word:` is the message's;
        // so is it right after a bare number with no level in the header (HPC's `1076264468 1
        // ClusterFileSystem: There is no server…`), where a pid would be followed by a level, and
        // right after a level that ends with its own colon (PostgreSQL's `LOG:  disconnection: …`).
        if (!named && !(prev === N && !leveled) && !(prev === L && levelColon)) {
          const next = nginxConnection(s, p, q);
          if (next + 1 > scan.upTo) scan.upTo = next + 1; // it read up to the message's first character
          put(scan, G, p, q - 1, next, undefined);
        }
        break;
      } else if (s.charCodeAt(q - 1) === 93 && q - p > 1 && s.lastIndexOf('[', q) < p) { // glog `file.cc:42]`
        // … or the level that closes the bracket a time opened (Serilog's `[10:27:35 INF] msg`)
        if (!leveled && levelIn(s, p, q - 1)) put(scan, L, p, q - 1, skipSpaces(s, q), undefined);
        else if (!named) put(scan, G, p, q - 1, skipSpaces(s, q), undefined);
        break;
      } else if (prev === L && !named && isCaller(s, p, q)) { // zap's `LEVEL\tpkg/file.go:86\tmsg`
        put(scan, G, p, q, skipSpaces(s, q), undefined);
        break;
      } else if (levelIn(s, p, q)) {
        if (leveled) break;
        leveled = true;
        kind = L;
        end = q;
      } else {
        // headerWord reads this token and three after it, or four when it looks for a level ahead (upperLevelWithin)
        scan.ahead = leveled ? 4 : LOOK_AHEAD;
        const role = headerWord(s, p, q, prev, !leveled);
        if (role === null || (named && role !== 'anchor')) break;
        if (role === 'name' || role === 'anchor') named = true;
        kind = W;
        end = role === 'name' ? decorationsEnd(s, q) : q;
      }
    }
    put(scan, kind, p, end, skipSpaces(s, end), undefined);
    pos = end;
    prev = kind;
    fields++;
  }
  scan.sig = scan.node.sig;
  return scan;
}

/** Tokens from a field's start that its look may read: the token, and four after it (headerWord, upperLevelWithin). */
const LOOK_AHEAD = 5;

/**
 * Notes how far the search for the end of a group opened at p read (see scanReach), and returns
 * `close`, that search's answer: to the closing character (just before `close`), or up to `max`
 * characters on when it found none.
 */
function groupRead(scan: HeaderScan, s: string, p: number, close: number, max: number): number {
  const i = close < 0 ? Math.min(s.length, p + max) : close - 1;
  if (i > scan.far) scan.far = i;
  return close;
}

/**
 * Index just past all that the last scan of s read, digits aside: a line with the same characters
 * up to there (each digit as any digit) is scanned the same way but for the values of its times
 * (timestamp.ts' trace). It is the furthest of: the scan's last field start and the tokens its last
 * look may read (`ahead`: up to four after it, for headerWord's and upperLevelWithin's look ahead);
 * a group it closed and the token after it; a place read exactly (`upTo`); what the timestamp
 * matching read.
 */
export function scanReach(s: string, scan: HeaderScan): number {
  const far = scan.far >= 0 ? tokensReach(s, scan.far, 2) : 0;
  return Math.max(traceReach(s), tokensReach(s, scan.last, scan.ahead), far, Math.min(s.length, scan.upTo));
}

