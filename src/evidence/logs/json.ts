/**
 * JSON-lines logs: the time under ts/time/timestamp/@timestamp/t (RFC 3339 or epoch s/ms/µs/ns,
 * number or string; numbers are read from the raw text so 19-digit nanoseconds keep every digit),
 * the level under level/severity/lvl (words, syslog or pino numbers), the message under msg/message.
 */
import type { Family, FamilyResult, Parsed, QuickHeader } from './family.js';
import type { Level } from './types.js';
import { rawTopLevelValue } from './jsonraw.js';
import { normalizeLevel, numericLevel } from './levels.js';
import { epochValue, parseTimeText, type TimeValue } from './timestamp.js';

// Lower-case key → role, most specific first within a role.
const TIME_KEYS = ['@timestamp', 'timestamp', 'time', 'ts', 't', 'datetime', 'eventtime', 'asctime', 'date'];
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'loglevel', 'log.level', 'log_level', 'levelname', 'severitytext'];
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

/**
 * Parses one JSON log line; null when the line is not a JSON object, 'malformed' when it starts
 * like one but does not parse.
 * @example parseJsonLine('{"ts":1764152855123456789,"level":"warn","msg":"slow"}')
 */
export function parseJsonLine(line: string): FamilyResult {
  const o = objectOf(line);
  if (o === null || o === 'malformed') return o;
  const keys = keyMap(o);
  const head = headOf(o, keys, line);
  const out: Parsed = { time: head.time, rawLevel: head.rawLevel, level: head.level, message: '', dialect: 'json' };

  const mk = pick(keys, MESSAGE_KEYS);
  const mv = mk !== undefined ? o[mk] : undefined;
  out.message = typeof mv === 'string' ? mv.trimEnd() : mv !== undefined ? JSON.stringify(mv) : line.trim();

  const ck = pick(keys, COMPONENT_KEYS);
  if (ck !== undefined && typeof o[ck] === 'string') out.component = o[ck];
  const hk = pick(keys, HOST_KEYS);
  if (hk !== undefined && typeof o[hk] === 'string') out.host = o[hk];
  const thk = pick(keys, THREAD_KEYS);
  if (thk !== undefined && (typeof o[thk] === 'string' || typeof o[thk] === 'number')) out.thread = String(o[thk]);
  const pid = keys.get('pid');
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

/** Lower-case key → the first key spelled that way. */
function keyMap(o: Json): Map<string, string> {
  const keys = new Map<string, string>();
  for (const k of Object.keys(o)) {
    const lower = k.toLowerCase();
    if (!keys.has(lower)) keys.set(lower, k);
  }
  return keys;
}

function headOf(o: Json, keys: Map<string, string>, line: string): { time: TimeValue | null; rawLevel: string | null; level: Level | null } {
  const tk = pick(keys, TIME_KEYS);
  const time = tk !== undefined ? timeOf(o[tk], line, tk) : null;
  const lk = pick(keys, LEVEL_KEYS);
  const nested = o.log;
  const lv = lk !== undefined ? o[lk] : nested && typeof nested === 'object' ? (nested as Json).level : undefined;
  if (typeof lv === 'string') return { time, rawLevel: lv, level: normalizeLevel(lv) };
  if (typeof lv === 'number') return { time, rawLevel: String(lv), level: numericLevel(lv) };
  return { time, rawLevel: null, level: null };
}

/**
 * Time and level of a JSON log line without building its record; null when it is not a clean object.
 * @example quickJsonLine('{"ts":1764152855123456789,"level":"warn"}')?.level === 'warn'
 */
export function quickJsonLine(line: string): QuickHeader | null {
  const o = objectOf(line);
  if (o === null || o === 'malformed') return null;
  const keys = keyMap(o);
  const h = headOf(o, keys, line);
  const mk = pick(keys, MESSAGE_KEYS);
  const mv = mk !== undefined ? o[mk] : undefined;
  // The message exactly as parseJsonLine makes it (escapes decoded), for patterns to look at.
  const message = typeof mv === 'string' ? mv.trimEnd() : mv !== undefined ? JSON.stringify(mv) : line.trim();
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
  const m = raw === null ? null : /^(\d+)(?:\.(\d+))?$/.exec(raw);
  if (m) return epochValue(m[1] ?? '', m[2] ?? '');
  // Exponent notation or a negative value: only the double is left.
  return Number.isFinite(v) && v > 0 ? parseTimeText(v.toFixed(9)) : null;
}

/**
 * The json format family for detection and parsing.
 * @example jsonFamily.prepare([]).parse('{"msg":"x"}')
 */
export const jsonFamily: Family = {
  name: 'json',
  prepare: () => ({ parse: parseJsonLine, quick: quickJsonLine }),
};
