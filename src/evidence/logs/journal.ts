/**
 * systemd journal exported with `journalctl -o json`: `__REALTIME_TIMESTAMP` (µs since the epoch,
 * as a string; `_SOURCE_REALTIME_TIMESTAMP` instead when the entry has one), `PRIORITY` 0–7, `_HOSTNAME`, `SYSLOG_IDENTIFIER`, `_PID`, and `MESSAGE`, which the
 * journal writes as an array of bytes when it is not valid UTF-8 or holds control characters.
 */
import { familyParser, quickHeader, type Family, type FamilyResult, type FlatSkimmer, type Parsed, type QuickHeader } from './family.js';
import { flatFieldReader } from './flatjson.js';
import { journalByteSkimmer } from './journal-bytes.js';
import { syslogSeverity } from './levels.js';

type Json = Record<string, unknown>;
const lossy = new TextDecoder('utf-8');

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;

/**
 * Parses one `journalctl -o json` line; null when it is not a journal entry.
 * @example parseJournal('{"__REALTIME_TIMESTAMP":"1764152855123456","PRIORITY":"3","MESSAGE":"boom"}')?.level === 'error'
 */
export function parseJournal(line: string): FamilyResult {
  const o = entry(line);
  if (o === null || o === 'malformed') return o;
  const head = headOf(o);
  if (head === null) return 'malformed';
  const out: Parsed = { time: head.time, rawLevel: null, level: head.level, message: messageOf(o.MESSAGE), dialect: 'journal-json' };
  if (head.level !== null) out.rawLevel = str(o.PRIORITY) ?? null;
  const host = str(o._HOSTNAME);
  if (host !== undefined) out.host = host;
  const proc = str(o.SYSLOG_IDENTIFIER) ?? str(o._COMM);
  if (proc !== undefined) out.process = proc;
  const pid = str(o._PID) ?? str(o.SYSLOG_PID);
  if (pid !== undefined) out.pid = pid;
  const unit = str(o._SYSTEMD_UNIT);
  if (unit !== undefined) out.component = unit;
  // A kernel entry's printk time (µs since boot), by which dmesg's boot-relative lines can be placed.
  const mono = o._TRANSPORT === 'kernel' ? str(o._SOURCE_MONOTONIC_TIMESTAMP) : undefined;
  if (mono !== undefined && /^\d{1,16}$/.test(mono)) out.boot = { ns: BigInt(mono) * 1000n, digits: 6 };
  return out;
}

function entry(line: string): Json | null | 'malformed' {
  if (!line.includes('"__REALTIME_TIMESTAMP"')) return null;
  try {
    const v: unknown = JSON.parse(line);
    return v === null || typeof v !== 'object' || Array.isArray(v) ? 'malformed' : (v as Json);
  } catch {
    return 'malformed';
  }
}

const MICROS = /^\d{1,17}$/;

function headOf(o: Json): QuickHeader | null {
  const received = str(o.__REALTIME_TIMESTAMP);
  if (received === undefined || !MICROS.test(received)) return null;
  // When the sender's own time is known (a message sent to the syslog socket or with the native
  // protocol), it is when the event happened; journald may write it seconds later when it is
  // backlogged, as it is in an incident. journalctl shows this time too.
  const source = str(o._SOURCE_REALTIME_TIMESTAMP);
  const us = source !== undefined && MICROS.test(source) ? source : received;
  const pri = str(o.PRIORITY);
  const level = pri !== undefined && /^[0-7]$/.test(pri) ? syslogSeverity(Number(pri)) : null;
  return quickHeader({ kind: 'epoch', ns: BigInt(us) * 1000n, digits: 6 }, level, true, true);
}

/**
 * Time and level of a journal entry without building its record; null when not a clean entry.
 * @example quickJournal('{"__REALTIME_TIMESTAMP":"1764152855123456","PRIORITY":"3"}')?.level === 'error'
 */
export function quickJournal(line: string): QuickHeader | null {
  // Most lines are only counted: one pass over the line reads the four fields that decide, and
  // checks that JSON.parse would take it. A line it is not sure of goes the general way.
  if (readFields(line, fields)) return quickHead();
  const o = entry(line);
  if (o === null || o === 'malformed') return null;
  const head = headOf(o);
  // The message decoded as parseJournal decodes it (escapes, or bytes), for patterns to look at.
  if (head) head.message = messageOf(o.MESSAGE);
  return head;
}

/** The fields quickHead and skimJournal read, raw, by their index here (journalByteSkimmer in this order too). */
export const QUICK_KEYS = ['__REALTIME_TIMESTAMP', '_SOURCE_REALTIME_TIMESTAMP', 'PRIORITY', 'MESSAGE'];
const readFields = flatFieldReader(QUICK_KEYS);
const fields: (string | undefined)[] = QUICK_KEYS.map(() => undefined);

/** headOf and messageOf over the raw values readFields found, read as JSON.parse would read them. */
function quickHead(): QuickHeader | null {
  const received = microsOf(fields[0]);
  if (received === undefined) return null;
  const ns = microsOf(fields[1]) ?? received;
  const raw = fields[2];
  // A one-digit string, the norm, read in place; anything else as str reads it.
  const pri = raw !== undefined && raw.length === 3 && raw.charCodeAt(0) === QUOTE ? raw.charCodeAt(1) - ZERO : priority(scalar(raw));
  const level = pri >= 0 && pri <= 7 ? syslogSeverity(pri) : null;
  return quickHeader({ kind: 'epoch', ns, digits: 6 }, level, true, true, rawMessage(fields[3]));
}

/**
 * The FlatSkimmer of journal entries (family.ts): entries the one-pass reader takes whose priority
 * is a one-digit string the chooser does not want, whose message is a string without escapes (the
 * prescan's flags cover it) or absent, and whose times are quoted microseconds below 2^53, compared
 * as numbers instead of a bigint per entry.
 * @example skimJournal(lines, 0, flags, null, 65536, { severe: (l) => l === 'error' }, lastNs, out)
 */
export const skimJournal: FlatSkimmer = (lines, from, flags, invalid, maxLength, chooser, prevNs, out) => {
  let back = 0;
  let prev = -1;
  let i = from;
  for (; i < lines.length; i++) {
    if (flags[i] !== 0 || invalid?.has(i) === true) break;
    const line = lines[i] as string;
    if (line.length > maxLength || line.charCodeAt(line.length - 1) === 13 || !readFields(line, fields)) break;
    const received = quotedMicros(fields[0]);
    if (received < 0) break;
    const source = quotedMicros(fields[1]);
    // A source time that is there but not quoted digits is read by microsOf: not here.
    if (source < 0 && fields[1] !== undefined) break;
    const us = source >= 0 ? source : received;
    const raw = fields[2];
    if (raw === undefined || raw.length !== 3 || raw.charCodeAt(0) !== QUOTE) break;
    const level = syslogSeverity(raw.charCodeAt(1) - ZERO);
    if (level === null || chooser.severe(level)) break;
    const m = fields[3];
    if (m !== undefined && (m.charCodeAt(0) !== QUOTE || m.includes('\\'))) break;
    if (prev < 0 ? BigInt(us) * 1000n < prevNs : us < prev) back++;
    prev = us;
  }
  out.last = i > from ? { kind: 'epoch', ns: BigInt(prev) * 1000n, digits: 6 } : null;
  out.back = back;
  return i - from;
};

/** A raw value that is a quoted run of digits below 2^53, as its number; else -1. */
function quotedMicros(raw: string | undefined): number {
  if (raw === undefined || raw.length > 18 || raw.charCodeAt(0) !== QUOTE) return -1;
  const n = digits(raw, 1, raw.length - 1);
  return n <= Number.MAX_SAFE_INTEGER ? n : -1;
}

/** What MICROS over `str` of a raw value accepts (1 to 17 digits), as nanoseconds; else undefined. */
function microsOf(raw: string | undefined): bigint | undefined {
  if (raw === undefined) return undefined;
  // A quoted run of digits below 2^53, the norm, read in place; a longer one as str reads it.
  const n = quotedMicros(raw);
  if (n >= 0) return BigInt(n) * 1000n;
  const s = scalar(raw);
  return s !== undefined && s.length <= 17 && digits(s, 0, s.length) >= 0 ? BigInt(s) * 1000n : undefined;
}

/** The value of s[from, to) when it is 1 or more ASCII digits (rounded beyond 2^53), else -1. */
function digits(s: string, from: number, to: number): number {
  if (to <= from) return -1;
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    n = n * 10 + (c - ZERO);
  }
  return n;
}

/** What /^[0-7]$/ over a priority's text says, as its number (-1: no). */
function priority(s: string | undefined): number {
  return s !== undefined && s.length === 1 ? s.charCodeAt(0) - ZERO : -1;
}

/** What `str` gives for a raw JSON value: a string's text, a number as JavaScript prints it, else undefined. */
function scalar(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const c = raw.charCodeAt(0);
  if (c === QUOTE) return raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
  // JSON's number syntax is a part of Number's, and both round alike.
  return c === MINUS || (c >= ZERO && c <= NINE) ? String(Number(raw)) : undefined;
}

/** messageOf for a raw JSON value. */
function rawMessage(raw: string | undefined): string {
  if (raw === undefined) return '';
  const c = raw.charCodeAt(0);
  if (c === QUOTE && !raw.includes('\\')) return raw.slice(1, -1).trimEnd();
  // Escapes, or bytes or several values in an array: decoded as the full parse decodes them.
  return c === QUOTE || c === OPEN_BRACKET ? messageOf(JSON.parse(raw)) : '';
}

const QUOTE = 34;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const OPEN_BRACKET = 91;

function messageOf(v: unknown): string {
  if (typeof v === 'string') return v.trimEnd();
  if (!Array.isArray(v)) return '';
  if (v.every((b) => typeof b === 'number')) {
    // The journal chose bytes because the text is not clean UTF-8: decode what can be decoded.
    return lossy.decode(Uint8Array.from(v)).trimEnd();
  }
  // A field the entry holds more than once is exported as an array of its values (each text or bytes): all are kept.
  return v.map(messageOf).filter((m) => m !== '').join('\n');
}

const skimJournalBytes = journalByteSkimmer(QUICK_KEYS);

/**
 * The journal format family for detection and parsing.
 * @example journalFamily.prepare([]).parse('{"__REALTIME_TIMESTAMP":"1764152855123456","MESSAGE":"x"}')
 */
export const journalFamily: Family = {
  name: 'journal',
  prepare: () => familyParser(parseJournal, quickJournal, undefined, skimJournal, skimJournalBytes),
};
