/**
 * Which keys of a JSON log line hold its time, level, message and names, and what a level string
 * means: shared by the general reader (json.ts) and the flat-line fast path (jsonflat.ts).
 */
import type { Level } from './types.js';
import { normalizeLevel } from './levels.js';

// Lower-case key → role, most specific first within a role.
// `@t`, `@l`, `@m`, `@mt`: Serilog's compact format (CLEF); `instant`, `timemillis`: log4j2's JsonLayout;
// `event`: structlog's message, taken only when no other key holds one; `textpayload`, `jsonpayload`
// (whose own message key holds it, json.ts) and `receivetimestamp` (when the entry has no `timestamp`):
// Google Cloud Logging's LogEntry.
const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 't', '@t', 'instant', 'timemillis', 'datetime', 'eventtime', 'asctime', 'date', 'receivetimestamp'];
// `s`: MongoDB's structured log (`"s":"E"`, `"D1"`…`"D5"`), a letter taken only as a string;
// `error_severity`: PostgreSQL's jsonlog (LOG, ERROR, FATAL, PANIC…); `severity_text`: OpenTelemetry's log record.
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'loglevel', 'log.level', 'log_level', 'levelname', 'severitytext', 'severity_text', 'error_severity', '@l', 's'];
const MESSAGE_KEYS = ['msg', 'message', 'log', 'text', 'body', '@m', '@mt', 'textpayload', 'jsonpayload', 'event'];
const COMPONENT_KEYS = ['logger', 'logger_name', 'loggername', 'name', 'component', 'module'];
const HOST_KEYS = ['host', 'hostname'];
const THREAD_KEYS = ['thread', 'thread_name', 'threadname', 'tid'];

/** Which key holds each role in an object with a given list of keys. */
export interface Roles {
  keys: string[];
  time: string | undefined;
  level: string | undefined;
  message: string | undefined;
  component: string | undefined;
  host: string | undefined;
  thread: string | undefined;
  pid: string | undefined;
}

/**
 * The roles of an ordered key list (as Object.keys gives it): the first key spelled, in any case,
 * like a role's most specific name.
 * @example rolesFor(['TS', 'msg']).time === 'TS'
 */
export function rolesFor(keys: string[]): Roles {
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

function pick(keys: Map<string, string>, roles: readonly string[]): string | undefined {
  for (const r of roles) {
    const k = keys.get(r);
    if (k !== undefined) return k;
  }
  return undefined;
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

// Level words by their spelling: a log uses a handful, and normalizeLevel trims and lower-cases.
// Bounded, so that a log with a level per line (ids by mistake) cannot grow it without end.
const levelCache = new Map<string, Level | null>();

// MongoDB's debug verbosities D1…D5.
const MONGO_DEBUG = /^D[1-5]$/;

/**
 * The level a JSON level string names (a word, a letter, MongoDB's D1…D5), or null.
 * @example levelOf('WARNING') === 'warn'
 */
export function levelOf(raw: string): Level | null {
  const hit = levelCache.get(raw);
  if (hit !== undefined) return hit;
  const level = normalizeLevel(raw) ?? (MONGO_DEBUG.test(raw) ? 'debug' : null);
  if (levelCache.size < 256) levelCache.set(raw, level);
  return level;
}
