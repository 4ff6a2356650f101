/**
 * JSON-lines logs: the time under ts/time/timestamp/@timestamp/t (RFC 3339 or epoch s/ms/µs/ns,
 * number or string; numbers are read from the raw text so 19-digit nanoseconds keep every digit),
 * the level under level/severity/lvl (words, syslog or pino numbers), the message under msg/message.
 */
import type { Family, FamilyResult, Parsed } from './family.js';
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
  const start = line.search(/\S/);
  if (start < 0 || line[start] !== '{') return null;
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch {
    return 'malformed';
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return 'malformed';
  const o = obj as Json;
  const keys = new Map<string, string>();
  for (const k of Object.keys(o)) {
    const lower = k.toLowerCase();
    if (!keys.has(lower)) keys.set(lower, k);
  }
  const out: Parsed = { time: null, rawLevel: null, level: null, message: '', dialect: 'json' };

  const tk = pick(keys, TIME_KEYS);
  if (tk !== undefined) out.time = timeOf(o[tk], line, tk);

  const lk = pick(keys, LEVEL_KEYS);
  const nested = o.log;
  const lv = lk !== undefined ? o[lk] : nested && typeof nested === 'object' ? (nested as Json).level : undefined;
  if (typeof lv === 'string') {
    out.rawLevel = lv;
    out.level = normalizeLevel(lv);
  } else if (typeof lv === 'number') {
    out.rawLevel = String(lv);
    out.level = numericLevel(lv);
  }

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
  prepare: () => ({ parse: parseJsonLine }),
};
