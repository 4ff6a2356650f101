/**
 * systemd journal exported with `journalctl -o json`: `__REALTIME_TIMESTAMP` (µs since the epoch,
 * as a string; `_SOURCE_REALTIME_TIMESTAMP` instead when the entry has one), `PRIORITY` 0–7, `_HOSTNAME`, `SYSLOG_IDENTIFIER`, `_PID`, and `MESSAGE`, which the
 * journal writes as an array of bytes when it is not valid UTF-8 or holds control characters.
 */
import type { Family, FamilyResult, Parsed, QuickHeader } from './family.js';
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
  return { time: { kind: 'epoch', ns: BigInt(us) * 1000n, digits: 6 }, level, levelExact: true, verbatim: true };
}

/**
 * Time and level of a journal entry without building its record; null when not a clean entry.
 * @example quickJournal('{"__REALTIME_TIMESTAMP":"1764152855123456","PRIORITY":"3"}')?.level === 'error'
 */
export function quickJournal(line: string): QuickHeader | null {
  const o = entry(line);
  if (o === null || o === 'malformed') return null;
  const head = headOf(o);
  // The message decoded as parseJournal decodes it (escapes, or bytes), for patterns to look at.
  if (head) head.message = messageOf(o.MESSAGE);
  return head;
}

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

/**
 * The journal format family for detection and parsing.
 * @example journalFamily.prepare([]).parse('{"__REALTIME_TIMESTAMP":"1764152855123456","MESSAGE":"x"}')
 */
export const journalFamily: Family = {
  name: 'journal',
  prepare: () => ({ parse: parseJournal, quick: quickJournal }),
};
