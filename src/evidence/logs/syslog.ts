/**
 * Syslog lines: RFC 5424 (`<34>1 2025-11-26T10:27:35.123Z host app pid msgid [sd] msg`), RFC 3164
 * (`<13>Nov 26 10:27:35 host proc[123]: msg`, no year, no zone) and rsyslog's RFC 3339 file format
 * (`2025-11-26T10:27:35.123456+00:00 host proc[123]: msg`). The `<PRI>` prefix gives the level.
 */
import { familyParser, quickHeader, type Family, type FamilyResult, type HeadLayout, type Parsed, type QuickHeader } from './family.js';
import { FACILITY_NAMES, normalizeLevel, syslogSeverity } from './levels.js';
import type { TimeKey, WallTime } from './timestamp.js';
import { tokensReach } from './tokens.js';
import { kernelStamp } from './kernel.js';

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';
const PRI = /<(\d{1,3})>/y;
const BSD_TIME = /(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]?\d) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?= )/y;
// rsyslog writes a '.' fraction; dmesg's ISO form (kernel.ts) writes ',' — the two stay apart.
const RFC3339_TIME = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})(?= )/y;
// `proc[pid]:`, also with the job a supervisor speaks for: `launchd[1] (com.apple.quicklook[80437]):`
const TAG = /([^\s[\]:]{1,96})(?:\[([^\]\s]{0,32})\])?(?: \(([^()\s]{1,160})\))?:(?=\s|$)/y;
// Only after a host: an application name of several words with its pid (`Google Chrome Helper[81016]:`),
// or a daemon with its version (sysklogd's `syslogd 1.4.1: restart.`).
const WIDE_TAG = /([^\s[\]:()]{1,96}(?: [^\s[\]:()]{1,96}){1,3})\[(\d{1,10})\](?: \(([^()\s]{1,160})\))?:(?=\s|$)/y;
const VERSIONED_TAG = /([^\s[\]:]{1,96} v?\d+(?:\.\d+)+)():(?=\s|$)/y;
const HOST = /[^\s]+/y;

function at(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

function offset(zone: string): number {
  if (zone === 'Z') return 0;
  const d = zone.slice(1).replace(':', '');
  const m = Number(d.slice(0, 2)) * 60 + Number(d.slice(2, 4));
  return zone[0] === '-' ? -m : m;
}

function wallOf(m: RegExpExecArray, bsd: boolean): WallTime {
  if (bsd) {
    return {
      kind: 'wall', year: null, month: MONTHS.indexOf(m[1] ?? '') / 3 + 1, day: Number((m[2] ?? '').trim()),
      hour: Number(m[3]), minute: Number(m[4]), second: Number(m[5]), frac: m[6] ?? '', offsetMin: null,
    };
  }
  return {
    kind: 'wall', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]),
    minute: Number(m[5]), second: Number(m[6]), frac: m[7] ?? '', offsetMin: offset(m[8] ?? 'Z'),
  };
}

function valid(t: WallTime): boolean {
  return t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31 && t.hour <= 23 && t.minute <= 59 && t.second <= 60;
}

/**
 * Parses one syslog line; null when it is not one, 'malformed' when a `<PRI>` or version promised one.
 * @example parseSyslog('<34>Nov 26 10:27:35 host sshd[42]: Accepted key')
 */
export function parseSyslog(line: string): FamilyResult {
  read.ok = false;
  let pos = 0;
  let pri = -1;
  const p = at(PRI, line, 0);
  if (p) {
    pri = Number(p[1]);
    if (pri > 191) return 'malformed';
    pos = PRI.lastIndex;
    if (line.startsWith('1 ', pos)) return parse5424(line, pos + 2, pri);
  }
  const timeAt = pos;
  let m = at(BSD_TIME, line, pos);
  const bsd = m !== null;
  if (!m) m = at(RFC3339_TIME, line, pos);
  if (!m) return pri >= 0 ? 'malformed' : null;
  const time = wallOf(m, bsd);
  if (!valid(time)) return 'malformed';
  const timeEnd = (bsd ? BSD_TIME : RFC3339_TIME).lastIndex;
  pos = timeEnd + 1;
  const out: Parsed = { time, rawLevel: null, level: null, message: '', dialect: bsd ? 'rfc3164' : 'rfc3339' };
  setPri(out, pri, p?.[0]);

  // HOST, unless the next token is already the tag (local messages written without a host).
  // (What each step reads is noted for layoutOf: the tag regexes read one token, or two with a
  // job; WIDE_TAG up to four words, a pid and a job.)
  let reach = Math.max(pos + 1, bsd ? 0 : timeAt + BSD_LONGEST);
  let tag = at(TAG, line, pos);
  if (!tag) {
    reach = tokensReach(line, pos, 2);
    const h = at(HOST, line, pos);
    if (!h) return out;
    out.host = h[0];
    pos = HOST.lastIndex + 1;
    tag = at(TAG, line, pos);
    if (!tag) {
      reach = Math.max(reach, tokensReach(line, pos, 6));
      tag = at(WIDE_TAG, line, pos) ?? at(VERSIONED_TAG, line, pos);
    }
  }
  if (tag) {
    out.process = tag[1];
    if (tag[2]) out.pid = tag[2];
    if (tag[3]) (out.extra ??= {}).job = tag[3];
    pos = tag.index + tag[0].length + 1;
  }
  // `secd[276]:  SOSAccount…`: the padding after the tag is not part of the message
  out.message = pos < line.length ? line.slice(pos).trim() : '';
  if (pri < 0) levelFromMessage(out);
  if (out.process !== 'kernel') {
    let messageAt = pos;
    while (messageAt < line.length && (line.charCodeAt(messageAt) === 32 || line.charCodeAt(messageAt) === 9)) messageAt++;
    read.ok = true;
    read.reach = Math.max(reach, Math.min(line.length, messageAt + 1));
    read.messageAt = messageAt;
    read.priEnd = p ? PRI.lastIndex : 0;
    read.timeAt = timeAt;
    read.timeEnd = timeEnd;
    read.key = keyTime(m, bsd, timeEnd);
  }
  return withKernelStamp(out);
}

// A failed BSD_TIME reads at most this far (`Nov 26 10:27:35.123456789` and the space after it).
const BSD_LONGEST = 27;

// What the last parseSyslog read (for layoutOf): how far, where its message, PRI and time are.
const read = { ok: false, reach: 0, messageAt: 0, priEnd: 0, timeAt: 0, timeEnd: 0, key: null as TimeKey | null };

/**
 * The layout of the line the last parseSyslog read (see family.ts HeadLayout): every regex of the
 * header reads digits as a class; the values decide only the PRI's range and the time's validity,
 * so the PRI and the time are the layout's time matches.
 */
function layoutOf(line: string): HeadLayout | null {
  if (!read.ok || read.messageAt >= line.length) return null;
  const matches = read.priEnd > 0 ? [read.timeAt, read.timeEnd, 0, read.priEnd] : [read.timeAt, read.timeEnd];
  const k = read.key;
  const digits = k ? { minute: k.minute, second: k.second, fracFrom: k.fracFrom, fracTo: k.fracTo, msCount: false } : null;
  return { reach: read.reach, messageAt: read.messageAt, matches, chosen: 0, digits };
}

// A level word in capitals that starts the message (`ERROR: db down`, `[WARN] slow`): rsyslog's
// file format has no <PRI>, and programs write their own severity there. In lower case only the
// `word: ` form counts, the one OpenSSH's error()/fatal() and many tools print (`error: Received
// disconnect`); a bare lower-case word (`error while …`) is prose as often as a level.
const MESSAGE_LEVEL = /^\[?(EMERG|ALERT|CRITICAL|CRIT|FATAL|ERROR|ERR|WARNING|WARN)\]?(?=[:\s]|$)|^(emerg|alert|critical|crit|fatal|panic|error|warning): /;

/** The level a message without <PRI> gives itself, at or above warning. */
function levelFromMessage(out: Parsed): void {
  const m = MESSAGE_LEVEL.exec(out.message);
  const word = m?.[1] ?? m?.[2];
  if (word === undefined) return;
  out.rawLevel = word;
  out.level = normalizeLevel(word);
}

/** A kernel message keeps its boot-relative stamp as `boot`, out of the message. */
function withKernelStamp(out: Parsed): Parsed {
  if (out.process !== 'kernel') return out;
  const k = kernelStamp(out.message);
  if (k) {
    out.boot = k.boot;
    out.message = k.message;
  }
  return out;
}

function setPri(out: Parsed, pri: number, raw: string | undefined): void {
  if (pri < 0 || raw === undefined) return;
  out.rawLevel = raw;
  out.level = syslogSeverity(pri & 7);
  out.extra = { facility: FACILITY_NAMES[pri >> 3] ?? String(pri >> 3) };
}

// RFC 5424: fields are single-space separated, '-' is nil.
function parse5424(line: string, pos: number, pri: number): FamilyResult {
  const fields: string[] = [];
  for (let i = 0; i < 5; i++) {
    const sp = line.indexOf(' ', pos);
    if (sp < 0) return 'malformed';
    fields.push(line.slice(pos, sp));
    pos = sp + 1;
  }
  const [ts = '-', host = '-', app = '-', procid = '-', msgid = '-'] = fields;
  let time: WallTime | null = null;
  if (ts !== '-') {
    const m = at(RFC3339_TIME, `${ts} `, 0);
    if (!m) return 'malformed';
    time = wallOf(m, false);
    if (!valid(time)) return 'malformed';
  }
  const sdEnd = structuredDataEnd(line, pos);
  if (sdEnd < 0) return 'malformed';
  const sd = line.slice(pos, sdEnd);
  let message = sdEnd < line.length ? line.slice(sdEnd + 1) : '';
  if (message.charCodeAt(0) === 0xfeff) message = message.slice(1);
  const out: Parsed = { time, rawLevel: null, level: null, message: message.trimEnd(), dialect: 'rfc5424' };
  setPri(out, pri, `<${pri}>`);
  if (host !== '-') out.host = host;
  if (app !== '-') out.process = app;
  if (procid !== '-') out.pid = procid;
  if (msgid !== '-') (out.extra ??= {}).msgid = msgid;
  if (sd !== '-') (out.extra ??= {}).structuredData = sd;
  return withKernelStamp(out);
}

/** End index of STRUCTURED-DATA at pos: '-' or one or more [id k="v"…] with \" \] \\ escapes; -1 if broken. */
function structuredDataEnd(s: string, pos: number): number {
  if (s[pos] === '-') return pos + 1;
  let i = pos;
  while (s[i] === '[') {
    i++;
    let quoted = false;
    for (; i < s.length; i++) {
      const c = s[i];
      if (c === '\\') i++;
      else if (c === '"') quoted = !quoted;
      else if (c === ']' && !quoted) break;
    }
    if (i >= s.length) return -1;
    i++;
  }
  return i === pos ? -1 : i;
}

/**
 * The time of a syslog line without `<PRI>` (whose level only the message may give), exactly as
 * {@link parseSyslog} reads it; null for anything else.
 * @example quickSyslog('Nov 26 10:27:35 h a: x')?.time
 */
export function quickSyslog(line: string): QuickHeader | null {
  if (line.charCodeAt(0) === 60) return null;
  let m = at(BSD_TIME, line, 0);
  const bsd = m !== null;
  if (!m) m = at(RFC3339_TIME, line, 0);
  if (!m) return null;
  const time = wallOf(m, bsd);
  // The match ends where its lookahead saw a space: that character is read too.
  const end = (bsd ? BSD_TIME : RFC3339_TIME).lastIndex;
  // the message may name its own level (levelFromMessage): only a pattern over the line can tell
  return valid(time) ? quickHeader(time, null, false, true, undefined, null, end + 1, keyTime(m, bsd, end)) : null;
}

/** Where the minutes, seconds and fraction of a time matched by BSD_TIME or RFC3339_TIME are (the zone ends the latter). */
function keyTime(m: RegExpExecArray, bsd: boolean, end: number): TimeKey {
  const fracTo = bsd ? end : end - (m[8] ?? '').length;
  const frac = (bsd ? m[6] : m[7]) ?? '';
  const fracFrom = fracTo - frac.length;
  const second = (frac ? fracFrom - 1 : fracFrom) - 2;
  return { key: end + 1, minute: second - 3, second, fracFrom, fracTo, tail: '' };
}

/**
 * The syslog format family for detection and parsing.
 * @example syslogFamily.prepare([]).parse('Nov 26 10:27:35 h a: x')
 */
export const syslogFamily: Family = {
  name: 'syslog',
  prepare: () => familyParser(parseSyslog, quickSyslog, undefined, undefined, undefined, layoutOf),
};
