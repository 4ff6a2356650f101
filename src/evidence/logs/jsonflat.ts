/**
 * The fast path of JSON lines. Once the general reader (json.ts) has met a key list twice in a row,
 * a pattern for exactly that flat object is made: those keys in that order, values that are strings
 * without escapes, numbers, true, false or null, JSON's own grammar. It checks a whole line in one
 * native pass and captures only the values that have a role, where JSON.parse builds an object of
 * every value. Lines it does not match (escapes, nested values, other keys, broken JSON) are left
 * to the general reader: these functions return null for them.
 */
import type { Parsed, QuickHeader } from './family.js';
import { epochAt } from './jsonraw.js';
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
  /** Without white space between tokens (most loggers write none): its loops were a sixth of the spaced one's time. */
  tight: RegExp;
  /** With JSON's white space wherever the grammar allows it (Python's `json.dumps` writes `": "`). */
  spaced: RegExp;
  /**
   * Per captured role, its first group (-1 without such a key): the value's string content, then
   * its other value as written; for the time, a string's content, then a decimal number's integer
   * and fraction digits, then any other value.
   */
  group: number[];
}

interface Shape {
  roles: Roles;
  quick: Pattern;
  /** Made on first use: whole records are asked for far less often than quick looks. */
  full: Pattern | null;
}

// JSON's grammar (RFC 8259) for what a flat object holds.
const WS = String.raw`[ \t\n\r]*`;
// A string's content without escapes: no quote, backslash or control character. Escapes are left
// to JSON.parse: a pattern that takes them costs more per escape than JSON.parse does.
const CONTENT = String.raw`[^"\\\x00-\x1f]*`;
const OTHER = String.raw`(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)`;
const VALUE = `(?:"${CONTENT}"|${OTHER})`;
const CAPTURE = `(?:"(${CONTENT})"|(${OTHER}))`;
// A number without sign or exponent apart, its digits kept as written (an epoch beyond 2^53).
// With an exponent the second branch fails (a separator must follow the value) and OTHER takes it.
const TIME_CAPTURE = `(?:"(${CONTENT})"|(0|[1-9][0-9]*)(?:\\.([0-9]+))?|(${OTHER}))`;

/**
 * The pattern of a line with exactly the keys of `roles` in their order. Object.keys gives them
 * distinct and in the order a text matching the pattern has them, so that text's object has these
 * very keys: the same roles, and each value is the one captured.
 */
function pattern(roles: Roles, wanted: readonly Role[]): Pattern {
  const group = wanted.map(() => -1);
  let next = 1;
  const values = roles.keys.map((key) => {
    const r = wanted.findIndex((role) => roles[role] === key);
    if (r < 0) return VALUE;
    group[r] = next;
    next += r === TIME ? 4 : 2;
    return r === TIME ? TIME_CAPTURE : CAPTURE;
  });
  const source = (ws: string): string => {
    // A key spelled as JSON.stringify writes it; another spelling of it is left to the general reader.
    const members = roles.keys.map((key, i) => `${JSON.stringify(key).replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')}${ws}:${ws}${values[i] as string}`);
    const body = members.length > 0 ? `${members.join(`${ws},${ws}`)}${ws}` : '';
    return `^${ws}\\{${ws}${body}\\}${ws}$`;
  };
  return { tight: new RegExp(source('')), spaced: new RegExp(source(WS)), group };
}

// Key lists learnt, the last one matched first: a log has one or a few.
const shapes: Shape[] = [];
const MAX_SHAPES = 8;
// Records of more keys than this are left to JSON.parse, and their patterns never grow large.
const MAX_KEYS = 64;

/**
 * Makes the pattern for a key list the general reader met twice in a row (not for every list seen
 * once: a pattern costs more to make than a line to parse).
 * @example learnShape(rolesFor(['ts', 'level', 'msg']))
 */
export function learnShape(roles: Roles): void {
  if (roles.keys.length > MAX_KEYS) return;
  for (const s of shapes) if (s.roles === roles || sameList(s.roles.keys, roles.keys)) return;
  shapes.unshift({ roles, quick: pattern(roles, QUICK_ROLES), full: null });
  if (shapes.length > MAX_SHAPES) shapes.pop();
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

// The shape and pattern matchLine last matched.
let matched: Shape | null = null;
let matchedPattern: Pattern | null = null;

function matchLine(line: string, full: boolean): RegExpExecArray | null {
  for (let k = 0; k < shapes.length; k++) {
    const s = shapes[k] as Shape;
    const p = full ? (s.full ??= pattern(s.roles, ALL_ROLES)) : s.quick;
    // A spaced line fails the tight pattern at its first space, early.
    const m = p.tight.exec(line) ?? p.spaced.exec(line);
    if (m === null) continue;
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

/**
 * quickJsonLine's answer for a line of a learnt shape, or null when the general reader must decide.
 * @example quickFlat('{"ts":1764152855,"level":"warn","msg":"slow"}')?.level // 'warn' once learnt
 */
export function quickFlat(line: string): QuickHeader | null {
  const m = matchLine(line, false);
  if (m === null) return null;
  const g = (matchedPattern as Pattern).group;
  const level = levelFrom(m, g[LEVEL] as number, (matched as Shape).roles);
  return { time: timeFrom(m, g[TIME] as number), level, levelExact: true, verbatim: true, message: messageFrom(m, g[MESSAGE] as number, line) };
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

/** A captured string value (it has no escapes); undefined when the value is not a string (or no such key). */
function stringFrom(m: RegExpExecArray, g: number): string | undefined {
  return g < 0 ? undefined : m[g];
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
