/**
 * logfmt lines (`ts=2025-11-26T10:27:35Z level=warn msg="disk slow" dev=nvme0`): the time under
 * ts/time/timestamp/t, the level under level/lvl/severity, the message under msg/message; without a
 * message the remaining pairs are the message.
 */
import { auditParser } from './audit.js';
import { familyParser, type Family, type FamilyResult, type Parsed } from './family.js';
import { normalizeLevel } from './levels.js';
import { parseTimeText } from './timestamp.js';

const TIME_KEYS = new Set(['ts', 'time', 'timestamp', 't', '@timestamp']);
const LEVEL_KEYS = new Set(['level', 'lvl', 'severity', 'loglevel']);
const MESSAGE_KEYS = new Set(['msg', 'message']);
const PAIR = /([^\s="]+)=("(?:[^"\\]|\\.)*"|[^\s]*)\s*/y;

/**
 * Splits a logfmt line into key/value pairs, or null when it does not start with `key=`.
 * @example logfmtPairs('a=1 msg="x y"') // [['a','1'],['msg','x y']]
 */
export function logfmtPairs(line: string): [string, string, number, number][] | null {
  const pairs: [string, string, number, number][] = [];
  let pos = 0;
  while (pos < line.length) {
    PAIR.lastIndex = pos;
    const m = PAIR.exec(line);
    if (!m) {
      if (pairs.length === 0) return null;
      // A bare word between pairs: skip it, logfmt treats it as a key without value.
      const sp = line.indexOf(' ', pos);
      if (sp < 0) break;
      pos = sp + 1;
      continue;
    }
    const raw = m[2] ?? '';
    const value = raw.startsWith('"') ? unquote(raw) : raw;
    pairs.push([m[1] ?? '', value, pos, pos + (m[1] ?? '').length + 1 + raw.length]);
    pos = PAIR.lastIndex;
  }
  return pairs;
}

function unquote(raw: string): string {
  try {
    return JSON.parse(raw) as string;
  } catch {
    return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  }
}

/**
 * Parses one logfmt line; null unless it has at least two pairs and starts with one.
 * @example parseLogfmt('ts=2025-11-26T10:27:35Z level=error msg="boom"')?.level === 'error'
 */
export function parseLogfmt(line: string): FamilyResult {
  const pairs = logfmtPairs(line);
  if (!pairs || pairs.length < 2) return null;
  const out: Parsed = { time: null, rawLevel: null, level: null, message: '', dialect: 'logfmt' };
  let message: string | null = null;
  const rest: string[] = [];
  let end = 0;
  for (const [key, value, a, b] of pairs) {
    // words outside any pair (`level=error no msg key here`) are part of what the line says
    const words = line.slice(end, a).trim();
    if (words) rest.push(words);
    end = b;
    const k = key.toLowerCase();
    if (out.time === null && TIME_KEYS.has(k)) out.time = parseTimeText(value);
    else if (out.rawLevel === null && LEVEL_KEYS.has(k)) {
      out.rawLevel = value;
      out.level = normalizeLevel(value);
    } else if (message === null && MESSAGE_KEYS.has(k)) message = value;
    else {
      if (k === 'logger' || k === 'component' || k === 'caller') out.component ??= value;
      if (k === 'host' || k === 'hostname') out.host ??= value;
      rest.push(line.slice(a, b));
    }
  }
  const tail = line.slice(end).trim();
  if (tail) rest.push(tail);
  out.message = (message ?? rest.join(' ')).trimEnd();
  return out;
}

/**
 * The logfmt format family for detection and parsing.
 * @example logfmtFamily.prepare([]).parse('ts=1 msg=x')
 */
export const logfmtFamily: Family = {
  name: 'logfmt',
  // An audit log is key=value pairs too, but its time and type sit in a header of its own: decided
  // once per file, so that other logfmt files pay nothing for it.
  prepare: (sample) => auditParser(sample) ?? familyParser(parseLogfmt),
};
