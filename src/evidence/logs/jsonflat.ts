/**
 * The fast path of JSON lines. Once the general reader (json.ts) has met a key list on many lines
 * in a row, patterns for exactly that flat object are made: those keys in that order, values that are
 * strings, numbers, true, false or null, JSON's own grammar. One checks a whole line in one native
 * pass and captures only the values that have a role, where JSON.parse builds an object of every
 * value. Lines they do not match (nested values, other keys, strings of many escapes, broken JSON)
 * are left to the general reader: these functions return null for them.
 */
import { quickHeader, type FlatSkimmer, type Parsed, type QuickHeader } from './family.js';
import { ESCAPE, INT, NUMBER, UNESCAPED } from './json-grammar.js';
import { epochAt, epochParts, type EpochParts } from './jsonraw.js';
import { levelOf, type Roles } from './jsonroles.js';
import { numericLevel } from './levels.js';
import type { Level } from './types.js';
import { parseTimeText, type TimeValue } from './timestamp.js';

type Role = 'time' | 'level' | 'message' | 'component' | 'host' | 'thread' | 'pid';

// The roles a pattern captures, in this order (`Pattern.group` follows it).
const QUICK_ROLES: readonly Role[] = ['time', 'level', 'message'];
const ALL_ROLES: readonly Role[] = ['time', 'level', 'message', 'component', 'host', 'thread', 'pid'];
const [TIME, LEVEL, MESSAGE, COMPONENT, HOST, THREAD, PID] = [0, 1, 2, 3, 4, 5, 6] as const;

interface Pattern {
  /** No white space between tokens, no escapes in strings: what most loggers write, and the cheapest to run. */
  tight: RegExp;
  /**
   * JSON's white space wherever the grammar allows it (Python's `json.dumps` writes `": "`), and
   * up to MAX_ESCAPES escapes a string (Docker's `"log":"…\n"`, a quote in a message).
   */
  loose: RegExp;
  /**
   * Per captured role, its first group (-1 without such a key): the value's string content, then
   * its other value as written; for the time, a string's content, then a decimal number's integer
   * and fraction digits, then any other value.
   */
  group: number[];
}

export interface Shape {
  roles: Roles;
  /** Its key list as skimFlatBytes' native skimmer reads it (jsonflat-bytes.ts), made on first use; null: not skimmed there. */
  spec?: Uint8Array | null;
  quick: Pattern;
  /** Made on first use: whole records are asked for far less often than quick looks. */
  full: Pattern | null;
  /** Lines of this key list matched, and read by JSON.parse after the patterns failed (see tally). */
  hits: number;
  misses: number;
  /** Lines to go before the patterns are tried again, and the next such rest. */
  rest: number;
  pause: number;
  /** A line of white space between tokens matched: the log writes it (Python's `": "`), the tight pattern is skipped. */
  spaced: boolean;
  /** The last line matched had escapes (Docker ends every `log` with `\n`): the loose pattern is tried first. */
  escaping: boolean;
}

// JSON's grammar (json-grammar.ts) for what a flat object holds.
const WS = String.raw`[ \t\n\r]*`;
// A string's content without escapes.
const PLAIN = UNESCAPED;
// With escapes too, a bounded number: a pattern pays more per escape than JSON.parse, so a string
// dense with them (`\u4e2d\u6587…`, Python's ensure_ascii) is left to JSON.parse after a few.
const MAX_ESCAPES = 16;
const ESCAPED = `${PLAIN}(?:${ESCAPE}${PLAIN}){0,${MAX_ESCAPES}}`;
const OTHER = `(?:${NUMBER}|true|false|null)`;
const value = (content: string): string => `(?:"${content}"|${OTHER})`;
const capture = (content: string): string => `(?:"(${content})"|(${OTHER}))`;
// A number without sign or exponent apart, its digits kept as written (an epoch beyond 2^53), and
// any other number (with an exponent, or negative) or literal: the branches never match the same
// text, so a line that fails later is not matched again from here.
const SIGNED = String.raw`(?:${INT}(?:\.[0-9]+)?[eE][+-]?[0-9]+|-(?:0|[1-9][0-9]*)(?:\.[0-9]+)?|true|false|null)`;
const timeCapture = (content: string): string => `(?:"(${content})"|(0|[1-9][0-9]*)(?:\\.([0-9]+))?|(${SIGNED}))`;

/**
 * The pattern of a line with exactly the keys of `roles` in their order. Object.keys gives them
 * distinct and in the order a text matching the pattern has them, so that text's object has these
 * very keys: the same roles, and each value is the one captured.
 */
function pattern(roles: Roles, wanted: readonly Role[]): Pattern {
  const group = wanted.map(() => -1);
  let next = 1;
  const kinds = roles.keys.map((key) => {
    const r = wanted.findIndex((role) => roles[role] === key);
    if (r >= 0) {
      group[r] = next;
      next += r === TIME ? 4 : 2;
    }
    return r < 0 ? value : r === TIME ? timeCapture : capture;
  });
  const source = (ws: string, content: string): string => {
    // A key spelled as JSON.stringify writes it; another spelling of it is left to the general reader.
    const members = roles.keys.map((key, i) => `${JSON.stringify(key).replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}${ws}:${ws}${(kinds[i] as typeof value)(content)}`);
    const body = members.length > 0 ? `${members.join(`${ws},${ws}`)}${ws}` : '';
    return `^${ws}\\{${ws}${body}\\}${ws}$`;
  };
  return { tight: new RegExp(source('', PLAIN)), loose: new RegExp(source(WS, ESCAPED)), group };
}

// Key lists learnt, the last one matched first: a log has one or a few.
const shapes: Shape[] = [];
const MAX_SHAPES = 8;
// Records of more keys than this are left to JSON.parse, and their patterns never grow large.
const MAX_KEYS = 64;

/**
 * Makes the patterns for a key list the general reader met on many lines in a row, or counts a
 * line of a known one that they failed to read.
 * @example learnShape(rolesFor(['ts', 'level', 'msg']))
 */
export function learnShape(roles: Roles): void {
  if (roles.keys.length > MAX_KEYS) return;
  for (const s of shapes) {
    if (s.roles !== roles && !sameList(s.roles.keys, roles.keys)) continue;
    // Known already: the patterns failed on this line (or rest).
    if (s.rest === 0) tally(s, false);
    return;
  }
  shapes.unshift({ roles, quick: pattern(roles, QUICK_ROLES), full: null, hits: 0, misses: 0, rest: 0, pause: FIRST_PAUSE, spaced: false, escaping: false });
  if (shapes.length > MAX_SHAPES) shapes.pop();
}

const TALLY = 32;
const FIRST_PAUSE = 256;
const MAX_PAUSE = 1 << 16;

/**
 * Counts a line of the shape's key list as matched or not. When most of the last TALLY were not
 * (nested values, strings dense with escapes), each cost a failed match on top of JSON.parse: the
 * patterns rest for a while, twice as long each time it happens again.
 */
function tally(s: Shape, hit: boolean): void {
  if (hit) s.hits++;
  else s.misses++;
  if (s.hits + s.misses < TALLY) return;
  if (s.misses > s.hits) {
    s.rest = s.pause;
    s.pause = Math.min(2 * s.pause, MAX_PAUSE);
  } else {
    s.pause = FIRST_PAUSE;
  }
  s.hits = 0;
  s.misses = 0;
}

/**
 * The shape a line is matched against first, when only its tight pattern would run (the shape not
 * resting, no white space or escapes met): what skimFlatBytes reads lines as. Null otherwise.
 */
export function leadShape(): Shape | null {
  const s = shapes[0];
  return s !== undefined && s.rest === 0 && !s.spaced && !s.escaping ? s : null;
}

/** Counts `n` lines matched by the lead shape's tight pattern, as matchLine would have counted them. */
export function matchedLines(s: Shape, n: number): void {
  for (let k = 0; k < n; k++) tally(s, true);
}

/** The role of `key` among a quick look's (0 time, 1 level, 2 message; -1 none), as pattern() finds it. */
export const quickRoleOf = (roles: Roles, key: string): number => QUICK_ROLES.findIndex((role) => roles[role] === key);

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

// The shape and pattern matchLine last matched, and whether its loose pattern did (strings may hold escapes).
let matched: Shape | null = null;
let matchedPattern: Pattern | null = null;
let matchedLoose = false;

function matchLine(line: string, full: boolean): RegExpExecArray | null {
  for (let k = 0; k < shapes.length; k++) {
    const s = shapes[k] as Shape;
    if (s.rest > 0) {
      s.rest--;
      continue;
    }
    const p = full ? (s.full ??= pattern(s.roles, ALL_ROLES)) : s.quick;
    const m = execShape(s, p, line);
    if (m === null) continue;
    tally(s, true);
    if (k > 0) {
      shapes.splice(k, 1);
      shapes.unshift(s);
    }
    matched = s;
    matchedPattern = p;
    return m;
  }
  return null;
}

function execShape(s: Shape, p: Pattern, line: string): RegExpExecArray | null {
  matchedLoose = true;
  if (s.spaced) return run(p.loose, line);
  if (s.escaping) {
    const m = run(p.loose, line);
    if (m !== null) s.escaping = line.includes('\\');
    return m;
  }
  const m = run(p.tight, line);
  if (m !== null) {
    matchedLoose = false;
    return m;
  }
  // Worth the loose pattern only for escapes or white space between tokens: it would fail where the
  // tight one did on anything else (another key list, a nested value), after as long a search.
  const escapes = line.includes('\\');
  if (!escapes && !line.includes('": ') && !isWs(line.charCodeAt(0)) && !isWs(line.charCodeAt(1))) return null;
  const loose = run(p.loose, line);
  if (loose !== null) {
    if (escapes) s.escaping = true;
    else s.spaced = true;
  }
  return loose;
}

function run(re: RegExp, line: string): RegExpExecArray | null {
  try {
    return re.exec(line);
  } catch {
    // Out of backtracking room on a line of megabytes: not sure, then (JSON.parse decides).
    return null;
  }
}

const isWs = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Forgets the shapes learnt: the next lines are read by the general reader until it learns them
 * again (a test's fresh start).
 * @example forgetShapes()
 */
export function forgetShapes(): void {
  shapes.length = 0;
}

/**
 * quickJsonLine's answer for a line of a learnt shape, or null when the general reader must decide.
 * @example quickFlat('{"ts":1764152855,"level":"warn","msg":"slow"}')?.level // 'warn' once learnt
 */
export function quickFlat(line: string): QuickHeader | null {
  const m = matchLine(line, false);
  if (m === null) return null;
  const g = (matchedPattern as Pattern).group;
  const level = levelFrom(m, g[LEVEL] as number, (matched as Shape).roles);
  const time = timeFrom(m, g[TIME] as number);
  // A message the line holds as it is (a string without escapes, or the line itself) is not given:
  // the reader looks for its patterns in the line, a superset, without a copy of the message.
  const gm = g[MESSAGE] as number;
  if (!matchedLoose && (gm < 0 || m[gm] !== undefined)) return quickHeader(time, level, true, true);
  return quickHeader(time, level, true, true, messageFrom(m, gm, line));
}

/**
 * The FlatSkimmer of JSON lines (family.ts): lines of a learnt key list that its tight pattern reads
 * (no escapes: the line holds the message as it is, and the prescan's flags cover it), whose level
 * the chooser refuses, and whose time is an epoch number or an RFC 3339 time with its zone, its
 * instant taken in two numbers (seconds, nanoseconds) exactly as epochAt or the clock reads it,
 * instead of a bigint per line.
 * @example skimFlat(lines, 0, flags, null, 65536, { severe: (l) => l === 'error' }, lastNs, out)
 */
export const skimFlat: FlatSkimmer = (lines, from, flags, invalid, maxLength, chooser, prevNs, out) => {
  let back = 0;
  let prevS = -1;
  let prevN = 0;
  let last: RegExpExecArray | null = null;
  let lastTime = -1;
  let i = from;
  for (; i < lines.length; i++) {
    if (flags[i] !== 0 || invalid?.has(i) === true) break;
    const line = lines[i] as string;
    if (line.length > maxLength || line.charCodeAt(line.length - 1) === 13) break;
    const m = matchLine(line, false);
    if (m === null || matchedLoose) break;
    const g = (matchedPattern as Pattern).group;
    // A message that is not a string is given to the chooser as a value (quickFlat): not skimmed.
    const gm = g[MESSAGE] as number;
    if (gm >= 0 && m[gm] === undefined) break;
    const level = levelFrom(m, g[LEVEL] as number, (matched as Shape).roles);
    if (level !== null && chooser.severe(level)) break;
    const gt = g[TIME] as number;
    if (gt < 0) break;
    // An RFC 3339 time with its zone as the clock reads it, or an epoch as epochAt does.
    const text = m[gt];
    const int = m[gt + 1];
    if (text !== undefined ? !zoned(text, AT) : int === undefined || !epochParts(int, m[gt + 2] ?? '', AT)) break;
    const { sec, ns } = AT;
    if (prevS < 0 ? BigInt(sec) * 1_000_000_000n + BigInt(ns) < prevNs : sec < prevS || (sec === prevS && ns < prevN)) back++;
    prevS = sec;
    prevN = ns;
    last = m;
    lastTime = gt;
  }
  // The last line's time as quickFlat reads it (its strings hold no escapes: the tight pattern matched).
  out.last = last === null ? null : timeFrom(last, lastTime);
  out.back = back;
  return i - from;
};

// `YYYY-MM-DDTHH:MM:SS[.fraction]` and `Z` or an offset: the times JSON loggers write most, read here
// without the general grammar. Anything else (a space for the T, a zone name, no zone) is left to it.
const RFC3339 = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(?:Z|([+-])(\d\d):(\d\d))$/;
const AT: EpochParts = { sec: 0, ns: 0, digits: 0 };

/**
 * The instant of an RFC 3339 time with its zone (seconds since the epoch, and nanoseconds) as
 * parseTimeText and the clock give it, into `at`; false for one they might read otherwise or not at
 * all (a year before 1900, a day the month lacks, 24:00, a leap second, an offset beyond ±23:59).
 */
function zoned(s: string, at: EpochParts): boolean {
  const m = RFC3339.exec(s);
  if (m === null) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = Number(m[6]);
  if (year < 1900 || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return false;
  if (day > 28 && day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  let offset = 0;
  if (m[8] !== undefined) {
    const oh = Number(m[9]);
    const om = Number(m[10]);
    if (oh > 23 || om > 59) return false;
    offset = (m[8] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const frac = m[7] ?? '';
  let ns = 0;
  for (let p = 0; p < 9; p++) ns = ns * 10 + (p < frac.length ? frac.charCodeAt(p) - 48 : 0);
  at.sec = Date.UTC(year, month - 1, day, hour, minute, second) / 1000 - offset * 60;
  at.ns = ns;
  return true;
}

/**
 * parseJsonLine's answer for a line of a learnt shape, or null when the general reader must decide.
 * @example parseFlat('{"ts":1764152855,"level":"info","msg":"up"}')?.message // 'up' once learnt
 */
export function parseFlat(line: string): Parsed | null {
  const m = matchLine(line, true);
  if (m === null) return null;
  const g = (matchedPattern as Pattern).group;
  const level = levelFrom(m, g[LEVEL] as number, (matched as Shape).roles);
  const rawLevel = rawLevelFrom(m, g[LEVEL] as number, (matched as Shape).roles);
  const out: Parsed = { time: timeFrom(m, g[TIME] as number), rawLevel, level, message: messageFrom(m, g[MESSAGE] as number, line), dialect: 'json' };
  const component = stringFrom(m, g[COMPONENT] as number);
  if (component !== undefined) out.component = component;
  const host = stringFrom(m, g[HOST] as number);
  if (host !== undefined) out.host = host;
  const thread = nameFrom(m, g[THREAD] as number);
  if (thread !== undefined) out.thread = thread;
  const pid = nameFrom(m, g[PID] as number);
  if (pid !== undefined) out.pid = pid;
  return out;
}

/** A captured string value, escapes decoded; undefined when the value is not a string (or no such key). */
function stringFrom(m: RegExpExecArray, g: number): string | undefined {
  const s = g < 0 ? undefined : m[g];
  return s === undefined || !matchedLoose ? s : unescapeJson(s);
}

/**
 * The string a JSON string's content stands for, its escapes being valid (the pattern saw to it):
 * JSON.parse's answer at a third of its cost.
 */
function unescapeJson(s: string): string {
  let at = s.indexOf('\\');
  if (at < 0) return s;
  let out = '';
  let from = 0;
  for (; at >= 0; at = s.indexOf('\\', from)) {
    out += s.slice(from, at);
    const c = s.charCodeAt(at + 1);
    if (c === 117) {
      out += String.fromCharCode(parseInt(s.slice(at + 2, at + 6), 16));
      from = at + 6;
    } else {
      out += c === 110 ? '\n' : c === 116 ? '\t' : c === 114 ? '\r' : c === 98 ? '\b' : c === 102 ? '\f' : s.charAt(at + 1);
      from = at + 2;
    }
  }
  return out + s.slice(from);
}

/** A captured number, true, false or null as written; undefined for a string (or no such key). */
function otherFrom(m: RegExpExecArray, g: number): string | undefined {
  return g < 0 ? undefined : m[g + 1];
}

const isLiteral = (o: string): boolean => o === 'true' || o === 'false' || o === 'null';

/** A string, or a number as String() writes its value (thread, pid: json.ts takes both). */
function nameFrom(m: RegExpExecArray, g: number): string | undefined {
  const o = otherFrom(m, g);
  return o === undefined ? stringFrom(m, g) : isLiteral(o) ? undefined : String(Number(o));
}

function messageFrom(m: RegExpExecArray, g: number, line: string): string {
  if (g < 0) return line.trim();
  const o = otherFrom(m, g);
  // A number as JSON.stringify writes the parsed value; true, false and null as written.
  if (o !== undefined) return isLiteral(o) ? o : JSON.stringify(Number(o));
  const s = stringFrom(m, g) as string;
  // Most messages end in a printable ASCII character: nothing to trim.
  const last = s.charCodeAt(s.length - 1);
  return last > 32 && last < 127 ? s : s.trimEnd();
}

function timeFrom(m: RegExpExecArray, g: number): TimeValue | null {
  if (g < 0) return null;
  const s = stringFrom(m, g);
  if (s !== undefined) return parseTimeText(s);
  const int = m[g + 1];
  // `digits[.digits]`: every digit kept.
  if (int !== undefined) return epochAt(int, m[g + 2] ?? '');
  // A sign or an exponent: only the double is left.
  const o = m[g + 3] as string;
  const v = isLiteral(o) ? NaN : Number(o);
  return Number.isFinite(v) && v > 0 ? parseTimeText(v.toFixed(9)) : null;
}

// Level strings met lately and their levels, matched by equality: a log spells a handful, and a
// Map would hash each line's new string.
const levelWords: string[] = [];
const levelValues: (Level | null)[] = [];

/** The level as json.ts headOf reads it. */
function levelFrom(m: RegExpExecArray, g: number, roles: Roles): Level | null {
  const s = stringFrom(m, g);
  if (s === undefined) {
    const o = otherFrom(m, g);
    // MongoDB's `s` is a level only as a letter.
    return o === undefined || isLiteral(o) || roles.level === 's' ? null : numericLevel(Number(o));
  }
  for (let i = 0; i < levelWords.length; i++) if (levelWords[i] === s) return levelValues[i] as Level | null;
  const level = levelOf(s);
  if (levelWords.length < 16) {
    levelWords.push(s);
    levelValues.push(level);
  }
  return level;
}

/** The level's raw text as json.ts headOf reads it (a number as String() writes its value). */
function rawLevelFrom(m: RegExpExecArray, g: number, roles: Roles): string | null {
  const s = stringFrom(m, g);
  if (s !== undefined) return s;
  const o = otherFrom(m, g);
  return o === undefined || isLiteral(o) || roles.level === 's' ? null : String(Number(o));
}
