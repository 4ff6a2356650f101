/**
 * The general header grammar of application text logs: a timestamp near the start of the line
 * (after at most a few short prefix tokens), then any of level, pid/tid numbers, [bracketed]
 * groups, separators (` - `, `|`, `,`, `:`), host/logger/column words and a `tag:` that ends the
 * header. The scan is greedy and records, after every field, where the message would begin if the
 * header stopped there; the per-file profile (text.ts) then picks the stopping point.
 */
import { headerLevelIn, isMark } from './levels.js';
import { matchTimestamp, type TimestampMatch } from './timestamp.js';
import { allDigits, closeBracket, criStream, dashRun, isCaller, isCode, isSpace, isTagToken, skipSpaces, tokenEnd, upperLevelWithin, wordAfter } from './tokens.js';

/** Field kinds, one character each so a header's shape is a short string (its signature). */
export const Kind = {
  Prefix: 'P',
  Time: 'T',
  Level: 'L',
  Number: 'N',
  Bracket: 'B',
  Word: 'W',
  Tag: 'G',
} as const;

const MAX_PREFIX = 5;
const MAX_PREFIX_TOKEN = 64;
const MAX_FIELDS = 14;
const MAX_HEADER = 512;
const MAX_LEVEL_TOKEN = 24;
/** Longest `(thread name)` group read as a header field. */
const MAX_PAREN = 128;

export interface HeaderScan {
  /** One character per field: a Kind, or the separator character itself (`-`, `|`, `,`, `:`). */
  sig: string;
  /** Number of fields, and the char code of each field's kind (sig's characters). */
  n: number;
  kinds: Uint8Array;
  /** Start and end of each field's text (brackets and trailing `:` excluded). */
  starts: Int32Array;
  ends: Int32Array;
  /** Where the message begins if the header ends after field i. */
  next: Int32Array;
  /** Timestamp match of each Time field, by field index. */
  times: (TimestampMatch | undefined)[];
  /** The interned signature so far (see SigNode). */
  node: SigNode;
}

/**
 * An empty scan to pass to {@link scanHeader} again and again (it is overwritten, not reallocated).
 * @example const scan = newScan(); scanHeader('2025-11-26 10:27:35 INFO x', -1, scan);
 */
export function newScan(): HeaderScan {
  const n = MAX_PREFIX + MAX_FIELDS + 1;
  return {
    sig: '', n: 0, kinds: new Uint8Array(n), starts: new Int32Array(n), ends: new Int32Array(n), next: new Int32Array(n),
    times: new Array<TimestampMatch | undefined>(n).fill(undefined), node: ROOT,
  };
}

/** The kinds as char codes: HeaderScan.kinds holds these (a field's kind is sig's character at its index). */
export const KindCode = {
  Prefix: Kind.Prefix.charCodeAt(0),
  Time: Kind.Time.charCodeAt(0),
  Level: Kind.Level.charCodeAt(0),
  Number: Kind.Number.charCodeAt(0),
  Bracket: Kind.Bracket.charCodeAt(0),
  Word: Kind.Word.charCodeAt(0),
  Tag: Kind.Tag.charCodeAt(0),
};
// Local constants for the scan's hot loop.
const { Prefix: P, Time: T, Level: L, Number: N, Bracket: B, Word: W, Tag: G } = KindCode;

/**
 * Signatures are interned in a trie walked as fields are found, so a scan builds no string: a file
 * has a handful of header shapes, and the profile looks them up by an already hashed string.
 */
interface SigNode {
  sig: string;
  kids: (SigNode | undefined)[];
}
// The eleven field characters (7 kinds, 4 separators) as trie slots.
const SLOT = new Int8Array(128).fill(-1);
[P, T, L, N, B, W, G, 45, 124, 44, 58].forEach((code, i) => (SLOT[code] = i));
const ROOT: SigNode = { sig: '', kids: [] };
// A bound on the trie, for files whose lines have endless header shapes: past it, plain strings.
const MAX_NODES = 4096;
let nodes = 0;

function child(node: SigNode, code: number): SigNode {
  const slot = SLOT[code] as number;
  const kid = node.kids[slot];
  if (kid) return kid;
  const made: SigNode = { sig: node.sig + String.fromCharCode(code), kids: [] };
  if (nodes < MAX_NODES) {
    nodes++;
    node.kids[slot] = made;
  }
  return made;
}

/** Records field scan.n. */
function put(scan: HeaderScan, code: number, start: number, end: number, next: number, time: TimestampMatch | undefined): void {
  const n = scan.n++;
  scan.kinds[n] = code;
  scan.starts[n] = start;
  scan.ends[n] = end;
  scan.next[n] = next;
  scan.times[n] = time;
  scan.node = child(scan.node, code);
}


/**
 * Timestamp at i (bare or in [brackets], which may add one token: Ruby's `[ts #pid]`); sets
 * timeStart/timeEnd. A time of day without a date only when `dateless` (the line's first token).
 */
let timeStart = 0;
let timeEnd = 0;
function timeAt(s: string, i: number, dateless = false): TimestampMatch | null {
  if (s.charCodeAt(i) === 91) {
    const start = skipSpaces(s, i + 1);
    const m = matchTimestamp(s, start, dateless);
    if (!m) return null;
    let close = skipSpaces(s, m.end);
    if (s.charCodeAt(close) !== 93 && close > m.end) {
      const e = s.indexOf(']', close);
      const space = s.indexOf(' ', close);
      if (e < 0 || e - close > 16 || (space >= 0 && space < e) || levelIn(s, close, e)) {
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

// headerWord looks ahead for a timestamp after a host word; the scan then asks for the same one.
// Forgotten when a scan starts, so that the check never compares two lines' text.
let peekedLine = '';
let peekedAt = -1;
let peeked: TimestampMatch | null = null;
function peekTime(s: string, i: number): TimestampMatch | null {
  peekedLine = s;
  peekedAt = i;
  peeked = matchTimestamp(s, i);
  return peeked;
}


/** Level of s[a, b) without slicing tokens that cannot be one. */
function levelIn(s: string, a: number, b: number): boolean {
  if (b - a > MAX_LEVEL_TOKEN || b <= a) return false;
  const c = s.charCodeAt(a);
  if (c < 65 || (c > 90 && c !== 91 && c < 97) || c > 122) return false;
  return headerLevelIn(s, a, b) !== null;
}

/**
 * The first timestamp of a header, found exactly as {@link scanHeader} finds it (same prefix-token
 * rules), without scanning the rest: the cheap look at a line that cannot be an event.
 * @example headerTime('2025-11-26 10:27:35,123 INFO x', 0)?.value.kind === 'wall'
 */
export function headerTime(s: string, prefixTokens = -1): TimestampMatch | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0))) return null;
  peekedAt = -1;
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

/**
 * Scans the header of one line into `scan`. `prefixTokens` fixes how many tokens precede the
 * timestamp (from the file profile); without it up to five are tried. Returns null when no
 * timestamp starts the line.
 * @example scanHeader('081109 203615 148 INFO dfs.DataNode: done')?.sig === 'TNLG'
 */
export function scanHeader(s: string, prefixTokens = -1, scan: HeaderScan = newScan()): HeaderScan | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0))) return null;
  peekedAt = -1;
  scan.n = 0;
  scan.node = ROOT;

  let pos = 0;
  let first: TimestampMatch | null = null;
  const maxPrefix = prefixTokens >= 0 ? prefixTokens : MAX_PREFIX;
  for (let k = 0; k <= maxPrefix; k++) {
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
    } else if (c === 91 && !wordAfter(s, (bracketClose = closeBracket(s, p)))) { // '[…]'
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
    } else if (c === 40 && prev === B && leveled && (bracketClose = closeParen(s, p)) > 0) {
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
        if (!named && !(prev === N && !leveled) && !(prev === L && levelColon)) put(scan, G, p, q - 1, nginxConnection(s, p, q), undefined);
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

/**
 * Where the message starts after a `tag:` ending at q: past nginx's connection number when the tag
 * is its `pid#tid:` (`[error] 1234#0: *44 connect() failed`), else at the next token.
 */
function nginxConnection(s: string, p: number, q: number): number {
  const next = skipSpaces(s, q);
  const hash = s.indexOf('#', p);
  if (hash <= p || hash >= q - 2 || !allDigits(s, p, hash) || !allDigits(s, hash + 1, q - 1) || s.charCodeAt(next) !== 42) return next;
  const end = tokenEnd(s, next);
  return end > next + 1 && end < s.length && allDigits(s, next + 1, end) ? skipSpaces(s, end) : next;
}

/**
 * Index just past the `)` that closes the `(` at i, when it is followed by a space or the line's
 * end and holds no other parenthesis (WildFly's `(default task-1)`, not Apache's `(13)Permission`); -1 otherwise.
 */
function closeParen(s: string, i: number): number {
  const stop = Math.min(s.length, i + MAX_PAREN);
  for (let j = i + 1; j < stop; j++) {
    const c = s.charCodeAt(j);
    if (c === 40) return -1;
    if (c === 41) return j > i + 1 && (j + 1 >= s.length || isSpace(s.charCodeAt(j + 1))) ? j + 1 : -1;
  }
  return -1;
}

// A bare word belongs to the header when the layout says so: a host between a timestamp and a tag
// or another timestamp; a field before '|'; a name (logger, column) before ' - ', padded by 2+
// spaces next to a level, a dotted logger name right after the level or [thread]; or words anchored by an
// upper-case level a few tokens on (`node RAS KERNEL INFO msg`).
function headerWord(s: string, p: number, q: number, prev: number, levelAhead: boolean): 'host' | 'name' | 'anchor' | 'field' | null {
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
  if ((prev === L || prev === B) && s.indexOf('.', p) < q && QUALIFIED.test(s.slice(p, q))) return 'name';
  if (levelAhead && upperLevelWithin(s, r, 3)) return 'anchor';
  return null;
}

/**
 * Where the marks a name may carry before its ` - ` end: a pid in parentheses and an architecture
 * (Proxifier's `chrome.exe *64 - `, `multipass.exe (64924) *64 - `); q itself when there are none.
 */
function decorationsEnd(s: string, q: number): number {
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
