/**
 * Linux audit records (auditd's audit.log, `ausearch` and `ausearch -i` output): the time is inside
 * `msg=audit(EPOCH.mmm:SERIAL):`, or `ausearch -i`'s `msg=audit(11/26/2025 10:27:35.123:SERIAL) :`
 * written in the local time of the host that ran it. Chosen once per file by the logfmt family.
 */
import { familyParser, mostLines, type FamilyParser, type FamilyResult, type Parsed } from './family.js';
import type { Level } from './types.js';
import { epochValue, parseTimeText, type TimeValue } from './timestamp.js';

/** Where the parts of an audit record's header are in its line. */
interface Stamp {
  /** `node=` name (auditd's name_format), or null. */
  node: string | null;
  /** Start and end of `type=…`, the stamp's text (between the parentheses) and where the fields begin. */
  typeStart: number;
  typeEnd: number;
  inner: string;
  rest: number;
}

/** Day order of `ausearch -i` slash dates: the C and en_US locales write month first. */
type DateOrder = 'mdy' | 'dmy';

/**
 * The audit parser for a file whose sampled lines are mostly (half at least) audit records, or null.
 * @example auditParser(['type=SYSCALL msg=audit(1764152855.123:4567): arch=c000003e'])?.parse('type=AVC msg=audit(1764152856.250:4568): avc:  denied  { read }')
 */
export function auditParser(sample: readonly string[]): FamilyParser | null {
  // ausearch's event separators and `time->` lines frame the records: they do not count against them.
  if (!mostLines(sample, (line) => stampOf(line) !== null, (line) => line.startsWith('----') || line.startsWith('time->'))) return null;
  let order: DateOrder = 'mdy';
  for (const line of sample) {
    // One stamp with a first field above 12 settles the file's order: the month cannot be that.
    const slash = /^(\d{1,2})\/\d{1,2}\//.exec(stampOf(line)?.inner ?? '');
    if (slash && Number(slash[1]) > 12) order = 'dmy';
  }
  return familyParser((line) => parseAudit(line, order));
}

/**
 * One audit line: a record with the stamp's time, the record's type and fields as the message (the
 * stamp taken out), the serial in `extra`; null when the line is not an audit record (`ausearch`'s
 * `----` separators and `time->` lines continue the record above).
 * @example parseAudit('type=ANOM_ABEND msg=audit(1764152858.500:4570): pid=2345 comm="oms" sig=11')?.level === 'fatal'
 */
export function parseAudit(line: string, order: DateOrder = 'mdy'): FamilyResult {
  const s = stampOf(line);
  if (s === null) return null;
  const colon = s.inner.lastIndexOf(':');
  const when = s.inner.slice(0, colon);
  const type = line.slice(s.typeStart + 5, s.typeEnd);
  const fields = line.slice(s.rest).trimEnd();
  const out: Parsed = {
    time: stampTime(when, order),
    rawLevel: null,
    level: auditLevel(type, fields),
    message: fields === '' ? line.slice(s.typeStart, s.typeEnd) : `${line.slice(s.typeStart, s.typeEnd)} ${fields}`,
    dialect: 'audit',
    component: type,
    extra: { serial: s.inner.slice(colon + 1) },
  };
  if (s.node !== null) out.host = s.node;
  return out;
}

// `[node=NAME ]type=TYPE msg=audit(…):` (raw) or `… msg=audit(…) :` (ausearch -i).
const STAMP = /^(?:node=(\S+) )?(type=[A-Z0-9_]+) msg=audit\(([^()]+:\d+)\) ?:(?: |$)/;

function stampOf(line: string): Stamp | null {
  // Cheap refusal: every audit record starts with `type=` or `node=`.
  const c = line.charCodeAt(0);
  if (c !== 116 && c !== 110) return null;
  const m = STAMP.exec(line);
  if (!m) return null;
  const node = m[1] ?? null;
  const typeStart = node === null ? 0 : node.length + 6;
  return { node, typeStart, typeEnd: typeStart + (m[2] ?? '').length, inner: m[3] ?? '', rest: m[0].length };
}

const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Epoch seconds (UTC), or `ausearch -i`'s local date and time (zone from the `tz` option). */
function stampTime(when: string, order: DateOrder): TimeValue | null {
  const dot = when.indexOf('.');
  if (dot > 0 && !when.includes(' ')) return epochValue(when.slice(0, dot), when.slice(dot + 1));
  const m = SLASH_DATE.exec(when);
  if (!m) return parseTimeText(when);
  const [a, b, y] = [Number(m[1]), Number(m[2]), m[3] ?? ''];
  return {
    kind: 'wall',
    // `%x` in the C locale has a two-digit year.
    year: y.length === 2 ? 2000 + Number(y) : Number(y),
    month: order === 'mdy' ? a : b,
    day: order === 'mdy' ? b : a,
    hour: Number(m[4]),
    minute: Number(m[5]),
    second: Number(m[6]),
    frac: m[7] ?? '',
    offsetMin: null,
  };
}

const DENIED = /\bavc:\s+denied\b|apparmor="DENIED"/;

/**
 * Audit records have no severity; the ones a responder must see at the timeline's default (error)
 * threshold get one. ANOM_ABEND is the kernel's record of a process killed by a core-dumping
 * signal (SIGSEGV, SIGABRT…): `fatal`, as for an application's own last words, since the process
 * died. The other ANOM_* (promiscuous mode, too many failed logins, suspicious links) and
 * access-control denials (SELinux `avc:  denied`, AppArmor `apparmor="DENIED"`, SELINUX_ERR) are
 * `error`: something was refused or is wrong, and denials are a classic cause of a failed restart.
 * Failed syscalls and logins (`success=no`, `res=failed`) are routine on any host and stay unlevelled.
 */
function auditLevel(type: string, fields: string): Level | null {
  if (type === 'ANOM_ABEND') return 'fatal';
  if (type.startsWith('ANOM_')) return 'error';
  if (type === 'SELINUX_ERR' || type === 'USER_SELINUX_ERR' || type === 'APPARMOR_DENIED') return 'error';
  if ((type === 'AVC' || type === 'USER_AVC') && DENIED.test(fields)) return 'error';
  return null;
}
