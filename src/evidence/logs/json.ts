/**
 * JSON-lines logs: the time under ts/time/timestamp/@timestamp/t (RFC 3339 or epoch s/ms/µs/ns,
 * number or string; numbers are read from the raw text so 19-digit nanoseconds keep every digit),
 * the level under level/severity/lvl (words, syslog or pino numbers), the message under msg/message.
 */
import type { Family, FamilyResult, Parsed, QuickHeader } from './family.js';
import type { Level } from './types.js';
import { rawTopLevelValue } from './jsonraw.js';
import { normalizeLevel, numericLevel } from './levels.js';
import { textFamily } from './text.js';
import { epochValue, parseTimeText, type TimeValue } from './timestamp.js';

// Lower-case key → role, most specific first within a role.
const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 't', 'datetime', 'eventtime', 'asctime', 'date'];
// `s`: MongoDB's structured log (`"s":"E"`, `"D1"`…`"D5"`), a letter taken only as a string.
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'loglevel', 'log.level', 'log_level', 'levelname', 'severitytext', 's'];
const MESSAGE_KEYS = ['msg', 'message', 'log', 'text', 'body'];
const COMPONENT_KEYS = ['logger', 'logger_name', 'loggername', 'name', 'component', 'module'];
const HOST_KEYS = ['host', 'hostname'];
const THREAD_KEYS = ['thread', 'thread_name', 'threadname', 'tid'];

type Json = Record<string, unknown>;

function pick(keys: Map<string, string>, roles: readonly string[]): string | undefined {
  for (const r of roles) {
    const k = keys.get(r);
    if (k !== undefined) return k;
  }
  return undefined;
}

/** Which key holds each role in an object with a given list of keys. */
interface Roles {
  keys: string[];
  time: string | undefined;
  level: string | undefined;
  message: string | undefined;
  component: string | undefined;
  host: string | undefined;
  thread: string | undefined;
  pid: string | undefined;
}

// The roles of the last key list seen: lines of one log nearly always share their keys, and
// JSON.parse internalizes key strings, so comparing the lists costs a few pointer comparisons
// where building the lower-case map costs a Map and a toLowerCase per key. Roles depend on the
// ordered key list only, so reusing them gives the same answer.
let lastRoles: Roles | null = null;

function rolesOf(o: Json): Roles {
  const keys = Object.keys(o);
  const last = lastRoles;
  if (last !== null && sameKeys(last.keys, keys)) return last;
  return (lastRoles = rolesFor(keys));
}

function rolesFor(keys: string[]): Roles {
  const map = keyMap(keys);
  const time = pick(map, TIME_KEYS);
  const level = pick(map, LEVEL_KEYS);
  const message = pick(map, MESSAGE_KEYS);
  return {
    keys,
    time,
    level,
    message,
    component: pick(map, COMPONENT_KEYS),
    host: pick(map, HOST_KEYS),
    thread: pick(map, THREAD_KEYS),
    pid: map.get('pid'),
  };
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Parses one JSON log line; null when the line is not a JSON object, 'malformed' when it starts
 * like one but does not parse.
 * @example parseJsonLine('{"ts":1764152855123456789,"level":"warn","msg":"slow"}')
 */
export function parseJsonLine(line: string): FamilyResult {
  const o = objectOf(line);
  if (o === null || o === 'malformed') return o;
  const roles = rolesOf(o);
  const head = headOf(o, roles, line);
  const out: Parsed = { time: head.time, rawLevel: head.rawLevel, level: head.level, message: messageOf(o, roles, line), dialect: 'json' };

  const ck = roles.component;
  if (ck !== undefined && typeof o[ck] === 'string') out.component = o[ck];
  const hk = roles.host;
  if (hk !== undefined && typeof o[hk] === 'string') out.host = o[hk];
  const thk = roles.thread;
  if (thk !== undefined && (typeof o[thk] === 'string' || typeof o[thk] === 'number')) out.thread = String(o[thk]);
  const pid = roles.pid;
  if (pid !== undefined && (typeof o[pid] === 'string' || typeof o[pid] === 'number')) out.pid = String(o[pid]);
  return out;
}

function objectOf(line: string): Json | null | 'malformed' {
  const start = line.search(/\S/);
  if (start < 0 || line[start] !== '{') return null;
  try {
    const obj: unknown = JSON.parse(line);
    return obj === null || typeof obj !== 'object' || Array.isArray(obj) ? 'malformed' : (obj as Json);
  } catch {
    return 'malformed';
  }
}

function messageOf(o: Json, roles: Roles, line: string): string {
  const mk = roles.message;
  const mv = mk !== undefined ? o[mk] : undefined;
  return typeof mv === 'string' ? mv.trimEnd() : mv !== undefined ? JSON.stringify(mv) : line.trim();
}

/** Lower-case key → the first key spelled that way. */
function keyMap(list: string[]): Map<string, string> {
  const keys = new Map<string, string>();
  for (const k of list) {
    const lower = k.toLowerCase();
    if (!keys.has(lower)) keys.set(lower, k);
  }
  return keys;
}

function headOf(o: Json, roles: Roles, line: string): { time: TimeValue | null; rawLevel: string | null; level: Level | null } {
  const tk = roles.time;
  const time = tk !== undefined ? timeOf(o[tk], line, tk) : null;
  const lk = roles.level;
  const nested = o.log;
  const lv = lk !== undefined ? o[lk] : nested && typeof nested === 'object' ? (nested as Json).level : undefined;
  if (typeof lv === 'string') return { time, rawLevel: lv, level: levelOf(lv) };
  if (typeof lv === 'number' && lk !== 's') return { time, rawLevel: String(lv), level: numericLevel(lv) };
  return { time, rawLevel: null, level: null };
}

/**
 * Time and level of a JSON log line without building its record; null when it is not a clean object.
 * @example quickJsonLine('{"ts":1764152855123456789,"level":"warn"}')?.level === 'warn'
 */
export function quickJsonLine(line: string): QuickHeader | null {
  const o = objectOf(line);
  if (o === null || o === 'malformed') return null;
  const roles = rolesOf(o);
  const h = headOf(o, roles, line);
  // The message exactly as parseJsonLine makes it (escapes decoded), for patterns to look at.
  const message = messageOf(o, roles, line);
  return { time: h.time, level: h.level, levelExact: true, verbatim: true, message };
}

function timeOf(v: unknown, line: string, key: string): TimeValue | null {
  if (typeof v === 'string') return parseTimeText(v);
  // MongoDB's extended JSON: {"$date": "…"} or {"$date": {"$numberLong": "…"}}
  if (v !== null && typeof v === 'object' && '$date' in v) {
    const d = (v as Json).$date;
    if (typeof d === 'string') return parseTimeText(d);
    if (typeof d === 'number') return parseTimeText(String(d));
    if (d !== null && typeof d === 'object' && typeof (d as Json).$numberLong === 'string') return parseTimeText((d as Json).$numberLong as string);
    return null;
  }
  if (typeof v !== 'number') return null;
  const raw = rawTopLevelValue(line, key);
  const dot = raw === null ? -1 : decimalDot(raw);
  // Every digit of `digits[.digits]` kept.
  if (raw !== null && dot >= 0) return dot === raw.length ? epochValue(raw, '') : epochValue(raw.slice(0, dot), raw.slice(dot + 1));
  // Exponent notation or a negative value: only the double is left.
  return Number.isFinite(v) && v > 0 ? parseTimeText(v.toFixed(9)) : null;
}

/**
 * Where `digits[.digits]` has its dot (its length when it has none), or -1 when it is not of that
 * shape (the regex /^(\d+)(?:\.(\d+))?$/ without running one on every line).
 */
function decimalDot(s: string): number {
  let i = 0;
  while (i < s.length && isDigit(s.charCodeAt(i))) i++;
  if (i === 0) return -1;
  if (i === s.length) return i;
  if (s.charCodeAt(i) !== 46 || i + 1 === s.length) return -1;
  for (let j = i + 1; j < s.length; j++) if (!isDigit(s.charCodeAt(j))) return -1;
  return i;
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

// Level words by their spelling: a log uses a handful, and normalizeLevel trims and lower-cases.
// Bounded, so that a log with a level per line (ids by mistake) cannot grow it without end.
const levelCache = new Map<string, Level | null>();

// MongoDB's debug verbosities D1…D5.
const MONGO_DEBUG = /^D[1-5]$/;

function levelOf(raw: string): Level | null {
  const hit = levelCache.get(raw);
  if (hit !== undefined) return hit;
  const level = normalizeLevel(raw) ?? (MONGO_DEBUG.test(raw) ? 'debug' : null);
  if (levelCache.size < 256) levelCache.set(raw, level);
  return level;
}

/**
 * The json format family for detection and parsing.
 * @example jsonFamily.prepare([]).parse('{"msg":"x"}')
 */
export const jsonFamily: Family = {
  name: 'json',
  prepare: (sample) => {
    // `kubectl logs` of a pod interleaves JSON records with other programs' text lines (klog's
    // `I0312 10:15:00.678 …`): those are read by the text grammar learnt from them, not rejected.
    const others = sample.filter((l) => !OBJECT_START.test(l));
    if (others.length === 0) return { parse: parseJsonLine, quick: quickJsonLine };
    const text = textFamily.prepare(others);
    const parse = (line: string): FamilyResult => {
      const r = parseJsonLine(line);
      if (r !== null) return r;
      const t = text.parse(line);
      return t !== null && t !== 'malformed' && t.time !== null ? t : null;
    };
    return { parse, quick: quickJsonLine };
  },
};

const OBJECT_START = /^\s*\{/;
