/**
 * Kernel ring-buffer lines: raw `dmesg` (`[ 1234.567890] msg`, boot-relative, with the optional
 * printk caller `[  T123]`), `dmesg -T` (`[Wed Nov 26 10:27:35 2025] msg`), `--time-format=iso`
 * (`2025-11-26T10:27:35,123456+00:00 msg`), `dmesg -x` (`kern  :err   : …`) and `<3>` level prefixes.
 */
import { familyParser, type Family, type FamilyResult, type Parsed } from './family.js';
import { normalizeLevel, syslogSeverity } from './levels.js';
import { matchTimestamp, type WallTime } from './timestamp.js';

const LEVEL_PREFIX = /<(\d{1,3})>/y;
const DECODED_PREFIX = /(kern|user|mail|daemon|auth|syslog|lpr|news|uucp|cron|authpriv|ftp|local[0-7]) *:(emerg|alert|crit|err|warn|notice|info|debug) *: ?/y;
const BOOT = /\[ *(\d{1,10})\.(\d{1,9})\]/y;
const CALLER = /\[ *([TC]\d{1,7})\]/y;
const ISO = /(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2}),(\d{1,9})([+-])(\d{2}):?(\d{2})(?= |$)/y;

function at(re: RegExp, s: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(s);
}

/**
 * Parses one kernel log line; null when it has neither a kernel timestamp nor a level prefix.
 * @example parseKernel('[ 1234.567890] nvme nvme0: I/O 12 QID 3 timeout')?.boot?.ns === 1234567890000n
 */
export function parseKernel(line: string): FamilyResult {
  let pos = 0;
  const out: Parsed = { time: null, rawLevel: null, level: null, message: '', dialect: 'kmsg' };
  let prefixed = false;
  const lp = at(LEVEL_PREFIX, line, 0);
  if (lp) {
    out.rawLevel = lp[0];
    out.level = syslogSeverity(Number(lp[1]) & 7);
    pos = LEVEL_PREFIX.lastIndex;
    prefixed = true;
  } else {
    const dp = at(DECODED_PREFIX, line, 0);
    if (dp) {
      out.rawLevel = dp[2] ?? null;
      out.level = normalizeLevel(dp[2] ?? '');
      out.extra = { facility: dp[1] ?? '' };
      pos = DECODED_PREFIX.lastIndex;
      prefixed = true;
    }
  }
  const boot = at(BOOT, line, pos);
  if (boot) {
    out.boot = stampValue(boot);
    out.dialect = 'dmesg';
    pos = BOOT.lastIndex;
    const caller = at(CALLER, line, pos);
    if (caller) {
      out.thread = caller[1];
      pos = CALLER.lastIndex;
    }
  } else if (line.charCodeAt(pos) === 91) {
    const m = matchTimestamp(line, pos + 1);
    if (m && m.value.kind === 'wall' && m.value.year !== null && line.charCodeAt(m.end) === 93) {
      out.time = m.value;
      out.dialect = 'dmesg-ctime';
      pos = m.end + 1;
    } else if (!prefixed) {
      return null;
    }
  } else {
    const iso = at(ISO, line, pos);
    if (iso) {
      out.time = isoWall(iso);
      out.dialect = 'dmesg-iso';
      pos = ISO.lastIndex;
    } else if (!prefixed) {
      return null;
    }
  }
  // One space separates the header; further indentation belongs to the message (call traces).
  if (line.charCodeAt(pos) === 32) pos++;
  out.message = line.slice(pos).trimEnd();
  return out;
}

/**
 * The boot-relative stamp a kernel message forwarded by syslog still carries (`kernel: [ 1234.567890] …`),
 * and the message without it; null when it has none. A line with both this stamp and the syslog time
 * anchors boot-relative dmesg lines on the absolute axis.
 * @example kernelStamp('[ 1234.5] eth0: link down')?.boot.ns === 1234500000000n
 */
export function kernelStamp(message: string): { boot: { ns: bigint; digits: number }; message: string } | null {
  const m = at(BOOT, message, 0);
  if (!m) return null;
  const end = BOOT.lastIndex + (message.charCodeAt(BOOT.lastIndex) === 32 ? 1 : 0);
  return { boot: stampValue(m), message: message.slice(end) };
}

/** The time since boot a `[ 1234.567890]` stamp (BOOT's match) gives, every digit kept. */
function stampValue(m: RegExpExecArray): { ns: bigint; digits: number } {
  const frac = m[2] ?? '';
  return { ns: BigInt(m[1] ?? '0') * 1_000_000_000n + BigInt(frac.padEnd(9, '0')), digits: frac.length };
}

function isoWall(m: RegExpExecArray): WallTime {
  const off = Number(m[9]) * 60 + Number(m[10]);
  return {
    kind: 'wall', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4]),
    minute: Number(m[5]), second: Number(m[6]), frac: m[7] ?? '', offsetMin: m[8] === '-' ? -off : off,
  };
}

/**
 * The kernel format family for detection and parsing.
 * @example kernelFamily.prepare([]).parse('[ 1.5] x')
 */
export const kernelFamily: Family = {
  name: 'kernel',
  prepare: () => familyParser(parseKernel),
};
