/**
 * The contract between format families and the file parser: a family turns one line into fields
 * (time as written, level, message, names) or says the line has no header of its kind.
 */
import type { Level, LogDialect, LogFormat } from './types.js';
import type { TimeKey, TimeValue } from './timestamp.js';

export interface Parsed {
  time: TimeValue | null;
  /** A year found elsewhere in the header, for a yearless `time`. */
  yearHint?: number | null;
  /** Boot-relative kernel time (ns since boot) and its fractional digits. */
  boot?: { ns: bigint; digits: number };
  rawLevel: string | null;
  level: Level | null;
  message: string;
  dialect: LogDialect;
  host?: string;
  process?: string;
  pid?: string;
  thread?: string;
  component?: string;
  extra?: Record<string, string>;
}

/** `null`: no header of this family (a continuation line); `'malformed'`: looks like one but is broken. */
export type FamilyResult = Parsed | null | 'malformed';

/**
 * What a cheap look at a header line tells, when it is sure: the line parses as a record with this
 * time (the same value `parse` would give). `level` is the record's level when `levelExact`;
 * otherwise only a pattern over the line (levels.ts `levelHint`) can say it may be severe.
 */
export interface QuickHeader {
  time: TimeValue | null;
  yearHint?: number | null;
  level: Level | null;
  levelExact: boolean;
  /** The record's message is the line's own text (no JSON escapes or byte arrays to decode). */
  verbatim: boolean;
  /** The record's message itself, when the quick look has it anyway (JSON): patterns are matched on it. */
  message?: string;
  /**
   * When set, the answer depends on the line's first `key` characters only: a next line starting
   * with the same ones has the same header time (lines of one second share it), so the reader may
   * reuse it instead of reading the line again.
   */
  key?: number;
  /**
   * With `key`, for a wall time: where its minutes, seconds and fraction digits are in the key, and
   * what must follow the key. A next line whose key differs only in those digits (another moment of
   * the same hour) and whose rest satisfies `tail` has the same header at its own minute, second and
   * fraction.
   */
  keyTime?: TimeKey;
}

/**
 * A QuickHeader with every field present, always in this order. The file parser reads these on
 * every line, one family after another in a timeline of many files: one object shape for all of
 * them keeps those reads monomorphic, where a shape per family made V8 discard and recompile the
 * parser's hot path at each new format.
 * @example quickHeader(null, 'warn', true, true).levelExact === true
 */
export function quickHeader(
  time: TimeValue | null,
  level: Level | null,
  levelExact: boolean,
  verbatim: boolean,
  message?: string,
  yearHint: number | null = null,
  key?: number,
  keyTime?: TimeKey,
): QuickHeader {
  return { time, yearHint, level, levelExact, verbatim, message, key, keyTime };
}

/** What template mining needs of a record: its time as written, a year hint and its message. */
export interface Head {
  time: TimeValue | null;
  yearHint: number | null;
  message: string;
}

/**
 * What the scan behind the last head() read and found, for template mining's header layouts
 * (analysis/templates/layouts.ts): a next line with the same characters up to `reach`, each digit as
 * any digit, has its message at `messageAt` and the times of the same shapes at the same places,
 * so only those need reading again.
 */
export interface HeadLayout {
  /** Index just past what the scan read of the line. */
  reach: number;
  /** Where the message starts: head().message is the line from there, trailing white space trimmed. */
  messageAt: number;
  /** The time matches the scan accepted, as [start, end) pairs. */
  matches: number[];
  /** Which of them is the header's time (head().time), -1 for none. */
  chosen: number;
  /** Where the chosen wall time's minutes, seconds and fraction digits are (timestamp.ts' timeDigits); null when not such a time. */
  digits: { minute: number; second: number; fracFrom: number; fracTo: number; msCount: boolean } | null;
}

export interface FamilyParser {
  parse(line: string): FamilyResult;
  /**
   * Optional: the time, year hint and message that `parse` would give, without its other fields;
   * null where `parse` gives null. Only for families whose `parse` never says 'malformed'. The
   * object may be reused by the next call.
   */
  head?(line: string): Head | null;
  /** Optional fast path: null when unsure (then `parse` decides). Never wrong when not null. */
  quick?(line: string): QuickHeader | null;
  /** Optional: runs of lines the file parser would only count, read at once (see FlatSkim). */
  skim?: FlatSkimmer;
  /** Optional: `skim` over a block's bytes (the native addon's), for lines not decoded. */
  skimBytes?: ByteSkimmer;
  /** Optional: the layout of the line the last head() (or, without head, parse()) read, when a next line may reuse it (see HeadLayout). */
  layout?(line: string): HeadLayout | null;
}

/**
 * Reads `lines` from `from` on while each is a line the file parser would only count: no prescan
 * flag (`flags`), not in `invalid`, at most `maxLength` long, no CR, its level one the chooser
 * does not want (`severe`), its time read without the clock (an epoch), and says how many; `out` gets the last one's
 * time and how many went back in time (`prevNs`: the instant before the first).
 */
export type FlatSkimmer = (
  lines: readonly string[],
  from: number,
  flags: Uint8Array,
  invalid: ReadonlySet<number> | null | undefined,
  maxLength: number,
  chooser: { severe(level: Level): boolean },
  prevNs: bigint,
  out: FlatSkim,
) => number;

/**
 * A FlatSkimmer over the bytes of a block instead of its lines: line i is the bytes
 * [starts[i], starts[i + 1] - 1), `count` lines in all. The lines it counts are those the
 * FlatSkimmer would count from `from` on, or fewer (it may stop at any line, which the reader then
 * reads as usual); `out` as the FlatSkimmer's.
 */
export type ByteSkimmer = (
  bytes: Buffer,
  starts: Int32Array,
  from: number,
  count: number,
  flags: Uint8Array,
  maxLength: number,
  chooser: { severe(level: Level): boolean },
  prevNs: bigint,
  out: FlatSkim,
) => number;

/** What a FlatSkimmer read: the time of the last line of the run, and the lines that went back in time. */
export interface FlatSkim {
  last: TimeValue | null;
  back: number;
}

/**
 * A FamilyParser with all six members, absent ones undefined, in one order: the file parser
 * calls them on every line, and one object shape for every family keeps those calls from
 * discarding V8's optimized reading loop at each new format of a timeline.
 * @example familyParser(parseSyslog, quickSyslog).head === undefined
 */
export function familyParser(
  parse: FamilyParser['parse'],
  quick?: FamilyParser['quick'],
  head?: FamilyParser['head'],
  skim?: FlatSkimmer,
  skimBytes?: ByteSkimmer,
  layout?: FamilyParser['layout'],
): FamilyParser {
  return { parse, quick, head, skim, skimBytes, layout };
}

/**
 * Whether `test` holds for at least half of a sample's lines (blank ones, and those `skip` sets aside,
 * not counted): how a per-file reading rule (a container wrapper, an audit log, a level-led file) is
 * chosen once, from the sampled lines.
 * @example mostLines(['ERROR:root:a', 'x', 'WARNING:b:c'], (l) => /^[A-Z]+:/.test(l)) === true
 */
export function mostLines(sample: readonly string[], test: (line: string) => boolean, skip?: (line: string) => boolean): boolean {
  let lines = 0;
  let hits = 0;
  for (const line of sample) {
    if (line.trim() === '' || skip?.(line) === true) continue;
    lines++;
    if (test(line)) hits++;
  }
  return lines > 0 && hits >= lines * 0.5;
}

export interface Family {
  name: LogFormat;
  /** Builds the parser for one file; families that learn the file's layout do it from `sample`. */
  prepare(sample: readonly string[]): FamilyParser;
}
