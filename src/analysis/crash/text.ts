/**
 * Turns raw log text into lines stripped of their transport prefixes (syslog and journald headers,
 * dmesg times, printk caller ids) and tags each with the "context" it was printed from, so that a
 * crash report can be reassembled from one task's or CPU's lines when several interleave.
 */

export interface LogLine {
  /** The line as given, without a trailing carriage return. */
  raw: string;
  /** The text after all recognised prefixes. */
  body: string;
  /**
   * Who printed the line: a printk caller id (`T123`, `C1`), `console` for kernel lines with a
   * time but no caller id, `tag:<name>` for syslog lines of another program, `` when unprefixed.
   */
  context: string;
  /** An unreliable `? func+0x…` stack entry, which must not be taken as a real frame. */
  questionable: boolean;
}

// Prefixes are tried in this order, each at most once; every one is optional.
const DROPPED = /^\*\* \d+ printk messages dropped \*\* /;
const SYSLOG_TIME =
  /^(?:(\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?)|(?:[A-Za-z]{3} )?[A-Za-z]{3} +\d{1,2} \d\d:\d\d:\d\d(?: \d{4})?) /;
// After the time: up to two tokens (host, facility.level) then `tag[pid]: `.
const SYSLOG_TAG = /^(?:[^\s:]+ ){0,2}?([A-Za-z_][\w./-]*)(?:\[\d+\])?: /;
// After an ISO time a syslog line names its host first; a word and a colon right after the time is
// the message's own (`panic: …`, `BUG: …` in `docker logs -t` or `kubectl logs --timestamps`).
const SYSLOG_HOST_TAG = /^(?:[^\s:]+ ){1,2}?([A-Za-z_][\w./-]*)(?:\[\d+\])?: /;
// The stream marker of container runtime (CRI) log files after their time: `stderr F `.
const CRI_STREAM = /^(?:stdout|stderr) [FP] /;
// A time in brackets that starts a line (`[2024-05-02 10:11:12.001] `, supervisors and app logs).
const BRACKET_TIME = /^\[\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\] /;
// Android `logcat -v threadtime`: `03-17 16:13:45.466  1702 17632 W ActivityManager: …`, and
// `logcat -v time`: `06-26 17:53:52.362 I/wrap.sh (12487): …`.
const LOGCAT = /^\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\s+(?:\d+\s+\d+ [VDIWEFA] ([^:]*?)|[VDIWEFA]\/([^(:]*?)\s*\(\s*\d+\))\s*: /;
// `dmesg -T`: `[Mon Jan 27 19:27:15 2020]`, in the locale's day and month names (`[lun may  5 …]`).
const DMESG_HUMAN = /^\[[A-Za-z]{2,4}\.? [A-Za-z]{3,4}\.? +\d+ \d\d:\d\d:\d\d \d{4}\] ?/;
const DMESG_FACILITY = /^[a-z]+ *:[a-z]+ *: (?=\[)/;
const LOGIN = /^.*? login: (?=(?:<\d+>)?\[ *\d+\.\d+\])/;
const PRIORITY = /^<\d+>/;
const DMESG_TIME = /^\[ *\d+\.\d+\](?:\[ *([CT]\d+)\])? ?/;
const QUESTIONABLE = /(?:\[<[0-9a-f]+>\])? \? /;

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Splits text into lines, accepting \n and \r\n endings.
 * @example splitLines('a\r\nb\n') // ['a', 'b']
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Strips the prefixes of one log line and classifies its context.
 * @example parseLine('[  12.5][ T42] BUG: foo').body === 'BUG: foo'
 */
export function parseLine(raw: string): LogLine {
  let rest = raw;
  let timed = false;
  let tag = '';
  let m: RegExpExecArray | null;
  // Most lines start with `[` (dmesg); the letter- and digit-led prefixes are tried only then.
  const c0 = rest.charCodeAt(0);
  if (c0 === 42 /* * */) {
    m = DROPPED.exec(rest);
    if (m) rest = rest.slice(m[0].length);
  }
  if (isAlnum(rest.charCodeAt(0))) {
    m = SYSLOG_TIME.exec(rest);
    if (m) {
      const iso = m[1] !== undefined;
      const afterTime = rest.slice(m[0].length);
      // A container runtime's file: the program's own output follows the stream marker.
      const cri = iso ? CRI_STREAM.exec(afterTime) : null;
      const t = cri ? null : (iso ? SYSLOG_HOST_TAG : SYSLOG_TAG).exec(afterTime);
      if (t) {
        rest = afterTime.slice(t[0].length);
        tag = t[1]!.toLowerCase();
      } else if (iso) {
        // A timestamp on every line and nothing else (docker -t, CRI files): the text follows it.
        rest = cri ? afterTime.slice(cri[0].length) : afterTime;
      }
    } else if ((m = LOGCAT.exec(rest))) {
      rest = rest.slice(m[0].length);
      tag = (m[1] ?? m[2] ?? '').toLowerCase() || 'logcat';
    }
  }
  if (rest.charCodeAt(0) === 91 /* [ */ && rest.charCodeAt(1) !== 32) {
    m = BRACKET_TIME.exec(rest);
    if (m) rest = rest.slice(m[0].length);
  }
  // `dmesg -x` puts the facility before the time, `dmesg -xT` before a human-readable one.
  const c1 = rest.charCodeAt(0);
  m = c1 >= 97 && c1 <= 122 ? DMESG_FACILITY.exec(rest) : null;
  if (m) {
    rest = rest.slice(m[0].length);
    timed = true;
  }
  m = rest.charCodeAt(0) === 91 /* [ */ ? DMESG_HUMAN.exec(rest) : null;
  if (m) {
    rest = rest.slice(m[0].length);
    timed = true;
  }
  if (rest.includes(' login: ')) {
    m = LOGIN.exec(rest);
    if (m) rest = rest.slice(m[0].length);
  }
  if (rest.charCodeAt(0) === 60 /* < */) {
    m = PRIORITY.exec(rest);
    if (m) rest = rest.slice(m[0].length);
  }
  let caller = '';
  m = rest.charCodeAt(0) === 91 ? DMESG_TIME.exec(rest) : null;
  if (m) {
    rest = rest.slice(m[0].length);
    timed = true;
    caller = m[1] ?? '';
  }
  let context = '';
  if (caller) context = caller;
  else if (tag && tag !== 'kernel') context = `tag:${tag}`;
  else if (timed || tag) context = 'console';
  let questionable = false;
  if (rest.includes('? ') && !rest.includes('<EOI>')) {
    const q = QUESTIONABLE.exec(rest);
    // Only a `?` at the start of the frame text marks it; a `?` later in the line is data.
    if (q && rest.slice(0, q.index).trim() === '') {
      questionable = true;
      rest = rest.slice(q.index + q[0].length - 1);
    }
  }
  if (!questionable && rest.endsWith(' (unreliable)')) {
    // powerpc marks unreliable frames with a suffix instead.
    questionable = true;
    rest = rest.slice(0, -' (unreliable)'.length);
  }
  return { raw, body: rest, context, questionable };
}

/**
 * Parses every line of a text; see {@link parseLine}.
 * @example parseLines('[ 1.0] BUG: x')[0]?.context === 'console'
 */
export function parseLines(text: string): LogLine[] {
  return splitLines(text).map(parseLine);
}

/**
 * True for a printk caller id of a CPU (`C3`), as opposed to a task (`T123`).
 * @example isCpuContext('C3') && !isCpuContext('T123')
 */
export function isCpuContext(context: string): boolean {
  return context.length > 1 && context[0] === 'C' && context.charCodeAt(1) >= 48 && context.charCodeAt(1) <= 57;
}
