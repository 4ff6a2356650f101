/**
 * Severity normalization. Sources spell levels as words (`WARNING`, `Info`), single letters (glog,
 * logcat), syslog numbers (`<3>`, PRIORITY=3), `facility.level` pairs or pino numbers; all map to
 * syslog's eight names plus the applications' `fatal` and `trace` (LEVELS, most severe first).
 */
import { LEVELS, type Level } from './types.js';

const SYSLOG_SEVERITIES: readonly Level[] = ['emerg', 'alert', 'crit', 'error', 'warn', 'notice', 'info', 'debug'];

// Keys are lower case. FATAL, PANIC (PostgreSQL's and the issue's `fatal/panic`) and logcat's Assert
// are `fatal`: the process dies, not the host. Java's SEVERE is its top level but is used for ordinary errors.
const WORDS = new Map<string, Level>([
  ['emerg', 'emerg'], ['emergency', 'emerg'],
  ['alert', 'alert'],
  ['fatal', 'fatal'], ['panic', 'fatal'],
  ['crit', 'crit'], ['critical', 'crit'],
  ['err', 'error'], ['error', 'error'], ['eror', 'error'], ['severe', 'error'],
  ['warn', 'warn'], ['warning', 'warn'],
  ['notice', 'notice'],
  ['info', 'info'], ['information', 'info'], ['informational', 'info'],
  ['debug', 'debug'], ['dbg', 'debug'], ['fine', 'debug'],
  ['debug1', 'debug'], ['debug2', 'debug'], ['debug3', 'debug'], ['debug4', 'debug'], ['debug5', 'debug'],
  // PostgreSQL's LOG: operational information for administrators.
  ['log', 'info'],
  ['trace', 'trace'], ['verbose', 'trace'], ['finer', 'trace'], ['finest', 'trace'],
  // Apache httpd's trace1…trace8.
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n): [string, Level] => [`trace${n}`, 'trace']),
  // Go loggers' short spellings: zerolog's console writer (`INF`, `WRN`, `FTL`, `PNC`), logrus'
  // terminal format (`ERRO`, `DEBU`, `FATA`, `PANI`), and zap's DPanic (an error worth a panic in
  // development, logged and survived in production).
  ['inf', 'info'], ['wrn', 'warn'], ['trc', 'trace'], ['ftl', 'fatal'], ['pnc', 'fatal'],
  ['erro', 'error'], ['debu', 'debug'], ['trac', 'trace'], ['fata', 'fatal'], ['pani', 'fatal'],
  ['dpanic', 'crit'],
  // Serilog's VRB, supervisord's DEBG and BLAT (blather: below debug).
  ['vrb', 'trace'], ['debg', 'debug'], ['blat', 'trace'],
]);

// Words that are a level only in capitals, where they are not prose: IBM Blue Gene RAS logs rank
// FAILURE between ERROR and FATAL (`RAS BGLMASTER FAILURE ciodb exited abnormally`).
const UPPER_WORDS = new Map<string, Level>([['FAILURE', 'crit']]);

// Words that are a level only in brackets, where a header writes its level, and only so spelt: the
// labels of MySQL's error log (`[Note]`, `[System]`; MariaDB's too). Bare, they begin ordinary
// messages (`Note that…`, `System halted`). Note is MySQL's information priority. System marks what
// mysqld always writes whatever the verbosity (startup, shutdown, significant changes): not an error,
// and MySQL's documentation says such messages take the information level wherever a log cannot hold
// its label (syslog, the Windows event log), as its own syslog writer does.
const BRACKET_WORDS = new Map<string, Level>([['Note', 'info'], ['System', 'info']]);

// Single upper-case letters used by glog, logcat and friends.
const LETTERS = new Map<string, Level>([
  ['V', 'trace'], ['T', 'trace'], ['D', 'debug'], ['I', 'info'], ['N', 'notice'],
  ['W', 'warn'], ['E', 'error'], ['F', 'fatal'], ['A', 'fatal'], ['C', 'crit'],
]);

// Redis writes its level as one mark after the time (`1234:M 26 Nov 2025 10:27:35.123 # …`):
// `#` warning, `*` notice, `.` debug (its `-` verbose cannot be told from a ` - ` separator).
const MARKS = new Map<string, Level>([['#', 'warn'], ['*', 'notice'], ['.', 'debug']]);

/**
 * Level of a one-character severity mark (Redis), or null.
 * @example markLevel('#') === 'warn'
 */
export function markLevel(mark: string): Level | null {
  return MARKS.get(mark) ?? null;
}

/** Whether the char code is one of the severity marks (see markLevel). */
export const isMark = (c: number): boolean => c === 35 || c === 42 || c === 46;

const FACILITIES = new Set([
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
]);

/** Syslog facility names by code, for `<PRI>` prefixes. */
export const FACILITY_NAMES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp',
  'ntp', 'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5',
  'local6', 'local7',
] as const;

/**
 * Level of a syslog severity number 0–7.
 * @example syslogSeverity(3) === 'error'
 */
export function syslogSeverity(n: number): Level | null {
  return SYSLOG_SEVERITIES[n] ?? null;
}

/**
 * Normalizes a level word as it appears in a line: any case, optional brackets or trailing colon,
 * single letters, `facility.level`, `module:level`, or a syslog number. Returns null for anything else.
 * @example normalizeLevel('WARNING') === 'warn'; normalizeLevel('[error]') === 'error'; normalizeLevel('kern.crit') === 'crit'
 */
export function normalizeLevel(raw: string): Level | null {
  let s = raw.trim();
  if (s.length > 2 && ((s[0] === '[' && s.endsWith(']')) || (s[0] === '<' && s.endsWith('>')))) s = s.slice(1, -1).trim();
  if (s.endsWith(':')) s = s.slice(0, -1);
  if (s.length === 1) {
    if (s >= '0' && s <= '7') return syslogSeverity(Number(s));
    return LETTERS.get(s) ?? null;
  }
  const word = WORDS.get(s.toLowerCase());
  if (word) return word;
  const dot = s.indexOf('.');
  if (dot > 0 && FACILITIES.has(s.slice(0, dot).toLowerCase())) return WORDS.get(s.slice(dot + 1).toLowerCase()) ?? null;
  // Apache 2.4 writes `module:level` (`[core:error]`).
  const colon = s.lastIndexOf(':');
  if (colon > 0 && /^[a-z_0-9]+$/i.test(s.slice(0, colon))) return WORDS.get(s.slice(colon + 1).toLowerCase()) ?? null;
  return null;
}

/**
 * Level of a numeric level field: syslog 0–7, or pino/bunyan 10–60.
 * @example numericLevel(50) === 'error'
 */
export function numericLevel(n: number): Level | null {
  if (Number.isInteger(n) && n >= 0 && n <= 7) return syslogSeverity(n);
  const pino: Record<number, Level> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
  return pino[n] ?? null;
}

/**
 * Level of a header word in free text: like {@link normalizeLevel} but without numbers, which in a
 * text header are pids or thread ids, not severities.
 * @example headerLevel('INFO') === 'info'; headerLevel('148') === null
 */
export function headerLevel(token: string): Level | null {
  const c = token.charCodeAt(0);
  // Cheap refusals first: this runs on several tokens of every line.
  if (token.length > 20 || !LEVEL_START.has(c)) return null;
  const hit = headerCache.get(token);
  if (hit !== undefined) return hit;
  const level = normalizeLevel(token) ?? UPPER_WORDS.get(token) ?? (token.charCodeAt(0) === 91 && token.endsWith(']') ? BRACKET_WORDS.get(token.slice(1, -1)) : undefined) ?? null;
  if (headerCache.size > 4096) headerCache.clear();
  headerCache.set(token, level);
  return level;
}

const headerCache = new Map<string, Level | null>();
// A level spelling starts with a letter (`module:level` and `facility.level` too), `[` or `<`.
const LEVEL_START = new Set([...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ[<'].map((ch) => ch.charCodeAt(0)));

/**
 * {@link headerLevel} of the token s[a, b), refusing without slicing the tokens that cannot be a
 * level (hosts, loggers, ids: most header tokens), since a scan asks this of several per line. A
 * token the line writes in brackets (`[Note]`, s[a, b) being what is inside) may also be one of
 * the words that are levels only there, as may a token that holds its brackets.
 * @example headerLevelIn('x [WARN] y', 3, 7) === 'warn'; headerLevelIn('0 [Note] up', 3, 7) === 'info'
 */
export function headerLevelIn(s: string, a: number, b: number): Level | null {
  const c = s.charCodeAt(a);
  if (b - a > 20 || b <= a || !LEVEL_START.has(c)) return null;
  if (mayBeLevel(s, a, b) || (UPPER_LENGTHS.has(b - a) && c >= 65 && c <= 90)) return headerLevel(s.slice(a, b));
  if (BRACKET_LENGTHS.has(b - a) && s.charCodeAt(a - 1) === 91 && s.charCodeAt(b) === 93) return BRACKET_WORDS.get(s.slice(a, b)) ?? null;
  if (BRACKET_LENGTHS.has(b - a - 2) && c === 91 && s.charCodeAt(b - 1) === 93) return BRACKET_WORDS.get(s.slice(a + 1, b - 1)) ?? null;
  return null;
}

// Lengths of the BRACKET_WORDS, their cheap refusal.
const BRACKET_LENGTHS = new Set([...BRACKET_WORDS.keys()].map((w) => w.length));

// Lengths of the UPPER_WORDS, the cheap refusal for them that mayBeLevel is for WORDS.
const UPPER_LENGTHS = new Set([...UPPER_WORDS.keys()].map((w) => w.length));

// Level words by length, and a bit per first letter of the words of each length, for mayBeLevel.
const WORDS_BY_LENGTH: string[][] = [];
const FIRST_LETTERS: number[] = [];
for (const word of WORDS.keys()) {
  (WORDS_BY_LENGTH[word.length] ??= []).push(word);
  FIRST_LETTERS[word.length] = (FIRST_LETTERS[word.length] ?? 0) | (1 << (word.charCodeAt(0) - 97));
}

const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/**
 * A necessary condition for normalizeLevel(s[a, b)) to be a level: whatever it strips (spaces, one
 * pair of brackets, a `:`, a `facility.` or `module:` prefix), a level ends in an ASCII word that is
 * a single character or a key of WORDS (which holds no `k`, the only letter a non-ASCII character
 * lower-cases to) and is the token's last run of ASCII letters and digits.
 */
function mayBeLevel(s: string, a: number, b: number): boolean {
  let j = b - 1;
  while (j >= a && !isAlnum(s.charCodeAt(j))) j--;
  if (j < a) return false;
  let i = j;
  while (i > a && isAlnum(s.charCodeAt(i - 1))) i--;
  const len = j - i + 1;
  if (len === 1) return true;
  const first = (s.charCodeAt(i) | 32) - 97; // every word starts with a letter
  const words = WORDS_BY_LENGTH[len];
  if (!words || first < 0 || first > 25 || (((FIRST_LETTERS[len] as number) >>> first) & 1) === 0) return false;
  for (const word of words) if (sameLower(s, i, word)) return true;
  return false;
}

/** Whether s at i holds `word` (lower case letters and digits) in any case. */
function sameLower(s: string, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((s.charCodeAt(i + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * A pattern (global) that matches, somewhere in a line, every level word or letter at or above
 * `minLevel` that a text header can hold — and more (it ignores where the header ends): a line it
 * does not match cannot carry such a level, so a reader may skip its full parse. A header's level
 * token is delimited by non-alphanumerics (`[ERROR]`, `kern.err`, `core:error`, ` E `). Built from
 * the tables above, so a new spelling there is covered here.
 * @example levelHint('error').test('2025-11-26 10:27:35 ERROR x') === true
 */
export function levelHint(minLevel: Level): RegExp {
  const { anyCase, exact } = levelTokens(minLevel);
  const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const folded = (w: string): string => [...w].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : escape(c))).join('');
  // Longest first, so that `error` is not cut to `err` and then refused by the boundary after it.
  const alternatives = [...anyCase.map(folded), ...exact.map(escape)].sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![A-Za-z0-9])(?:${alternatives.join('|')})(?![A-Za-z0-9])`, 'g');
}

/**
 * The tokens {@link levelHint} looks for: words in any case, and letters, capitalized words and
 * marks in their case only. The prescan (prescan.ts) flags lines from the same list.
 * @example levelTokens('fatal') // { anyCase: ['emerg', …, 'fatal', 'panic', …], exact: ['F', 'A'] }
 */
export function levelTokens(minLevel: Level): { anyCase: string[]; exact: string[] } {
  const max = LEVELS.indexOf(minLevel);
  const severe = (l: Level): boolean => LEVELS.indexOf(l) <= max;
  return {
    anyCase: [...WORDS].filter(([, l]) => severe(l)).map(([w]) => w),
    exact: [...LETTERS, ...UPPER_WORDS, ...MARKS, ...BRACKET_WORDS].filter(([, l]) => severe(l)).map(([c]) => c),
  };
}
