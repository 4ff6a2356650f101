/**
 * JSON-lines logs: the time under ts/time/timestamp/@timestamp/t (RFC 3339 or epoch s/ms/µs/ns,
 * number or string; numbers are read from the raw text so 19-digit nanoseconds keep every digit),
 * the level under level/severity/lvl (words, syslog or pino numbers), the message under msg/message.
 * Lines of a log's usual key list are read by jsonflat.ts's patterns; JSON.parse reads the others.
 */
import { familyParser, quickHeader, type Family, type FamilyResult, type Parsed, type QuickHeader } from './family.js';
import type { Level } from './types.js';
import { learnShape, parseFlat, quickFlat, skimFlat } from './jsonflat.js';
import { skimFlatBytes } from './jsonflat-bytes.js';
import { rawTopLevelValue } from './jsonraw.js';
import { levelOf, rolesFor, type Roles } from './jsonroles.js';
import { numericLevel } from './levels.js';
import { textFamily } from './text.js';
import { epochValue, parseTimeText, type TimeValue } from './timestamp.js';

type Json = Record<string, unknown>;

// The roles of the last key list seen: lines of one log nearly always share their keys, and
// JSON.parse internalizes key strings, so comparing the lists costs a few pointer comparisons
// where building the lower-case map costs a Map and a toLowerCase per key. Roles depend on the
// ordered key list only, so reusing them gives the same answer.
let lastRoles: Roles | null = null;
// How many lines in a row had them, and the last of those (a line read twice, quick then whole, counts once).
let run = 0;
let runLine = '';

// A fast-path pattern costs as much to make as a few dozen lines to parse: it is made for a key
// list this many lines in a row have (a log's usual shape), not for each one a line or two have.
const LEARN_RUN = 32;

function rolesOf(o: Json, line: string): Roles {
  const keys = Object.keys(o);
  const last = lastRoles;
  if (last === null || !sameKeys(last.keys, keys)) {
    run = 1;
    runLine = line;
    return (lastRoles = rolesFor(keys));
  }
  if (line !== runLine) {
    runLine = line;
    if (++run >= LEARN_RUN) learnShape(last);
  }
  return last;
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
  return parseFlat(line) ?? parseJsonGeneral(line);
}

/**
 * parseJsonLine by JSON.parse, for any line: the reference jsonflat.ts's fast path must agree with.
 * @example parseJsonGeneral('{"msg":{"nested":true}}')
 */
export function parseJsonGeneral(line: string): FamilyResult {
  const o = objectOf(line);
  if (o === null || o === 'malformed') return o;
  const roles = rolesOf(o, line);
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
  if (typeof mv === 'string') return mv.trimEnd();
  if (mv === undefined) return line.trim();
  // An object in the message's place (Cloud Logging's jsonPayload) holds the message under a key of
  // its own (`message`, `msg`…), as its console shows it; without one, the object is all it says.
  const inner = isObject(mv) ? ownMessage(mv) : undefined;
  return inner ?? JSON.stringify(mv);
}

function ownMessage(o: Json): string | undefined {
  const k = rolesFor(Object.keys(o)).message;
  const v = k !== undefined ? o[k] : undefined;
  return typeof v === 'string' ? v.trimEnd() : undefined;
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

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
  return quickFlat(line) ?? quickJsonGeneral(line);
}

/**
 * quickJsonLine by JSON.parse, for any line: the reference jsonflat.ts's fast path must agree with.
 * @example quickJsonGeneral('{"ts":1764152855,"msg":"a\\tb"}')?.message === 'a\tb'
 */
export function quickJsonGeneral(line: string): QuickHeader | null {
  const o = objectOf(line);
  if (o === null || o === 'malformed') return null;
  const roles = rolesOf(o, line);
  const h = headOf(o, roles, line);
  // The message exactly as parseJsonLine makes it (escapes decoded), for patterns to look at.
  const message = messageOf(o, roles, line);
  return quickHeader(h.time, h.level, true, true, message);
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
  if (isObject(v)) return secondsAndNanos(v);
  if (typeof v !== 'number') return null;
  const raw = rawTopLevelValue(line, key);
  const dot = raw === null ? -1 : decimalDot(raw);
  // Every digit of `digits[.digits]` kept.
  if (raw !== null && dot >= 0) return dot === raw.length ? epochValue(raw, '') : epochValue(raw.slice(0, dot), raw.slice(dot + 1));
  // Exponent notation or a negative value: only the double is left.
  return Number.isFinite(v) && v > 0 ? parseTimeText(v.toFixed(9)) : null;
}

// An instant as whole seconds since the epoch and nanoseconds: log4j2's JsonLayout
// ({"epochSecond": 1764152855, "nanoOfSecond": 123456789}) and protobuf's Timestamp, as Google Cloud
// Logging exports may write a LogEntry's time ({"seconds": 1764152855, "nanos": 123456789}; protobuf
// writes an int64 as a string of digits too).
const SECONDS_NANOS: readonly (readonly [string, string])[] = [['epochSecond', 'nanoOfSecond'], ['seconds', 'nanos']];

function secondsAndNanos(v: Json): TimeValue | null {
  for (const [sk, nk] of SECONDS_NANOS) {
    if (!(sk in v)) continue;
    const s = v[sk];
    const n = v[nk] ?? 0;
    const secs = typeof s === 'number' && Number.isSafeInteger(s) ? String(s) : typeof s === 'string' ? s : '';
    // Up to 11 digits (epochValue reads longer ones as milliseconds): until the year 5138.
    if (!/^\d{1,11}$/.test(secs) || typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 999_999_999) return null;
    return epochValue(secs, String(n).padStart(9, '0'));
  }
  return null;
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
    if (others.length === 0) return familyParser(parseJsonLine, quickJsonLine, undefined, skimFlat, skimFlatBytes);
    const text = textFamily.prepare(others);
    const parse = (line: string): FamilyResult => {
      const r = parseJsonLine(line);
      if (r !== null) return r;
      const t = text.parse(line);
      return t !== null && t !== 'malformed' && t.time !== null ? t : null;
    };
    return familyParser(parse, quickJsonLine, undefined, skimFlat, skimFlatBytes);
  },
};

const OBJECT_START = /^\s*\{/;
