/**
 * The per-file parser: samples the first lines to detect the format, then turns each line into a
 * record, a continuation of the previous record (stack traces) or a rejected line with a reason,
 * keeping the statistics the reader reports. Pure: lines in, results out.
 */
import { Clock, formatInstant } from './clock.js';
import { detectFormat } from './detect.js';
import type { FamilyParser, Parsed } from './family.js';
import type { LineResult, LogFileStats, LogFormat, LogParseOptions, LogRecord, RecordFlag, RejectReason } from './types.js';

export interface LogParser {
  /** The detected (or forced) format; null while the first lines are still being sampled. */
  readonly format: LogFormat | null;
  readonly stats: LogFileStats;
  /**
   * Feeds the next line (without its newline). Returns the results that are ready: nothing while
   * sampling, then the sampled lines at once, then one per line. `reason` lets the reader reject a
   * line it already judged (bytes that are not UTF-8, a line too long to buffer).
   */
  push(text: string, reason?: RejectReason): LineResult[];
  /** Flushes lines still held for sampling (a file shorter than the sample). */
  end(): LineResult[];
}

const NONE: LineResult[] = [];
const NON_BLANK = /\S/;

/**
 * Creates the parser for one file.
 * @example
 * const p = createLogParser({ year: 2025 });
 * const results = [...p.push('Nov 26 10:27:35 host app[1]: up'), ...p.end()];
 */
export function createLogParser(options: LogParseOptions = {}): LogParser {
  const { format = 'auto', maxLineLength = 65_536, sampleSize = 200 } = options;
  const clock = new Clock(options);
  const stats: LogFileStats = { format: 'plain', lines: 0, parsed: 0, continuation: 0, rejected: {}, flagged: {} };
  let family: FamilyParser | null = null;
  let detected: LogFormat | null = null;
  const held: { text: string; line: number; reason: RejectReason | null }[] = [];
  let last: LogRecord | null = null;
  let lastNs: bigint | null = null;

  const precheck = (text: string): RejectReason | null => {
    if (text.length > maxLineLength) return 'too_long';
    if (!NON_BLANK.test(text)) return 'empty';
    if (isBinary(text)) return 'binary';
    return null;
  };

  const reject = (line: number, reason: RejectReason, text: string): LineResult => {
    stats.rejected[reason] = (stats.rejected[reason] ?? 0) + 1;
    return { kind: 'rejected', line, reason, text };
  };

  const flag = (rec: LogRecord, f: RecordFlag): void => {
    (rec.flags ??= []).push(f);
    stats.flagged[f] = (stats.flagged[f] ?? 0) + 1;
  };

  const handle = (text: string, line: number, pre: RejectReason | null): LineResult => {
    if (pre) return reject(line, pre, text);
    const r = family ? family.parse(text) : plain(text);
    if (r === 'malformed') return reject(line, 'malformed', text);
    if (r === null) {
      // One record per line is the contract of JSON lines and journal exports, so a stray line is
      // malformed; an indented one is still taken as a stack trace printed after its record.
      if ((detected === 'json' || detected === 'journal') && !/^\s/.test(text)) return reject(line, 'malformed', text);
      if (!last) return reject(line, 'no_header', text);
      (last.continuation ??= []).push(text);
      stats.continuation++;
      return { kind: 'continuation', line, text, record: last };
    }
    const rec = build(r, line, detected ?? 'plain');
    if (rec.ns !== null) {
      if (lastNs !== null && rec.ns < lastNs) flag(rec, 'time_backwards');
      lastNs = rec.ns;
    }
    stats.parsed++;
    last = rec;
    return { kind: 'record', line, record: rec };
  };

  const build = (r: Parsed, line: number, fmt: LogFormat): LogRecord => {
    const rec: LogRecord = {
      line, timestamp: null, ns: null, level: r.level, rawLevel: r.rawLevel, message: r.message, format: fmt, dialect: r.dialect,
    };
    if (r.time) {
      const t = clock.resolve(r.time, r.yearHint ?? null);
      if (t) {
        rec.ns = t.ns;
        rec.timestamp = formatInstant(t.ns, t.digits);
        if (t.yearAssumed) flag(rec, 'year_assumed');
      }
    } else if (r.boot) {
      rec.bootOffsetNs = r.boot.ns;
      if (clock.bootNs !== null) {
        rec.ns = clock.bootNs + r.boot.ns;
        rec.timestamp = formatInstant(rec.ns, Math.max(r.boot.digits, Math.min(clock.bootDigits, 9)));
      } else {
        rec.relative = true;
      }
    }
    if (r.host !== undefined) rec.host = r.host;
    if (r.process !== undefined) rec.process = r.process;
    if (r.pid !== undefined) rec.pid = r.pid;
    if (r.thread !== undefined) rec.thread = r.thread;
    if (r.component !== undefined) rec.component = r.component;
    if (r.extra !== undefined) rec.extra = r.extra;
    return rec;
  };

  const detect = (): LineResult[] => {
    const sample = held.filter((h) => h.reason === null).map((h) => h.text);
    const d = detectFormat(sample, format === 'auto' ? undefined : format);
    family = d.parser;
    detected = d.format;
    stats.format = d.format;
    const out = held.map((h) => handle(h.text, h.line, h.reason));
    held.length = 0;
    return out;
  };

  return {
    get format() {
      return detected;
    },
    stats,
    push(text: string, reason?: RejectReason): LineResult[] {
      const line = ++stats.lines;
      const pre = reason ?? precheck(text);
      if (detected === null) {
        held.push({ text, line, reason: pre });
        return held.length >= sampleSize ? detect() : NONE;
      }
      return [handle(text, line, pre)];
    },
    end(): LineResult[] {
      return detected === null ? detect() : NONE;
    },
  };
}

function plain(text: string): Parsed {
  return { time: null, rawLevel: null, level: null, message: text.trimEnd(), dialect: 'plain' };
}

// Binary: a NUL, or control characters making up more than a tenth of the line. Tab, SOH (FIX's
// field separator) and ESC (colour codes) are ordinary in logs.
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is looked for
const CONTROL = /[\x00\x02-\x08\x0a-\x1a\x1c-\x1f]/;

function isBinary(text: string): boolean {
  if (!CONTROL.test(text)) return false;
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 1 && c !== 27) {
      if (c === 0) return true;
      controls++;
    }
  }
  return controls * 10 > text.length;
}

/**
 * Parses a whole text (lines split on `\n`, a trailing `\r` dropped) in one go.
 * @example parseLogText('{"ts":1,"msg":"a"}\n').stats.format === 'json'
 */
export function parseLogText(text: string, options: LogParseOptions = {}): { results: LineResult[]; stats: LogFileStats } {
  const parser = createLogParser(options);
  const results: LineResult[] = [];
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    for (const r of parser.push(line)) results.push(r);
  }
  for (const r of parser.end()) results.push(r);
  return { results, stats: parser.stats };
}
