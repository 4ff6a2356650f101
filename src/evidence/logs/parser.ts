/**
 * The per-file parser: samples the first lines to detect the format, then turns each line into a
 * record, a continuation of the previous record (stack traces), an annotation (journalctl's
 * banners) or a rejected line with a reason, keeping the statistics the reader reports. Pure:
 * lines in, results out.
 */
import { Clock, formatInstant, type Instant } from './clock.js';
import { detectFormat } from './detect.js';
import { journalMarker } from './journal-markers.js';
import { blank, lineReason, recordAfterNuls } from './line-checks.js';
import { QuickMemo } from './memo.js';
import { quickHeader, type FamilyParser, type FlatSkim, type Parsed, type QuickHeader } from './family.js';
import { MAX_LINE_LENGTH, type Level, type LineMark, type LineResult, type LogFileStats, type LogFormat, type LogParseOptions, type LogRecord, type RecordFlag, type RejectReason } from './types.js';

export interface LogParser {
  /** The detected (or forced) format; null while the first lines are still being sampled. */
  readonly format: LogFormat | null;
  readonly stats: LogFileStats;
  /**
   * Feeds the next line (without its newline). Returns the results that are ready: nothing while
   * sampling, then the sampled lines at once, then one per line. `reason` lets the reader reject a
   * line it already judged (bytes that are not UTF-8, a line too long to buffer).
   */
  push(text: string, mark?: LineMark): LineResult[];
  /** Flushes lines still held for sampling (a file shorter than the sample). */
  end(): LineResult[];
  /**
   * Like `push`, for a caller that needs only some records in full. When the family can read the
   * line's header cheaply, `chooser.want(ns, level, levelExact, verbatim, message)` decides: if it says no, the line
   * is counted exactly as `push` would count it (statistics, time order, year) and nothing is
   * returned. Lines the family cannot read cheaply go through `push`. `clean`: the caller checked
   * that the line holds no control characters (so it cannot be binary). The first record with a
   * time after a boot marker is built whatever the chooser says: the marker is placed at its time.
   */
  pushQuick(text: string, chooser: QuickChooser, clean?: boolean): LineResult[];
  /**
   * Counts at once the lines from `lines[from]` on that pushQuick would only count, one after the
   * other, and returns how many (0: none; push the next line). `invalid`: the lines that were not UTF-8.
   */
  skim(lines: readonly string[], from: number, invalid: ReadonlySet<number> | null | undefined, chooser: QuickChooser): number;
  /** Whether skimBytes may count lines now (the addon reads the remembered text header, or the family has a ByteSkimmer). */
  readonly skimsBytes: boolean;
  /**
   * skim over a block's bytes (line i is [starts[i], starts[i + 1] - 1), `count` in all), for
   * lines not decoded: those it counts skim would have counted, but it may count fewer.
   */
  skimBytes(bytes: Buffer, starts: Int32Array, from: number, count: number, chooser: QuickChooser): number;
  /**
   * Where this part of a file meets its neighbours, for joining the statistics of a file read in
   * parts: the first and last record times, and the lines rejected as `no_header` before the first
   * record (continuations of the previous part's last record, had the file been read whole), the
   * text of the first MAX_LEADING_KEPT of those (a stack trace cut by the part boundary), and the
   * line of the last record, built or skimmed (whose continuations a next part's leading lines are).
   */
  readonly edges: PartEdges;
}

/** See LogParser.edges. */
export interface PartEdges {
  firstNs: bigint | null;
  lastNs: bigint | null;
  leadingNoHeader: number;
  leadingText: readonly string[];
  lastRecordLine: number | null;
}

/** Leading no-header lines whose text a part keeps: a stack trace rarely runs longer. */
export const MAX_LEADING_KEPT = 2000;

/**
 * The decision `pushQuick` asks for; arguments are those of the line's QuickHeader and its instant.
 * An object with a method, not a function: a reader makes one per file, and a method of one class
 * is one call target for V8's optimized reading loop, where a closure per file was a new one.
 */
export interface QuickChooser {
  want(ns: bigint | null, level: Level | null, levelExact: boolean, verbatim: boolean, message: string | undefined): boolean;
  /**
   * The current block's prescan flags when want() says no, whatever the time, to every line with
   * header `q` and no flag; null when it may say yes to one (every line wanted, no prescan). Without
   * it, every line is asked.
   */
  skims?(q: QuickHeader): Uint8Array | null;
  /** Whether want() says yes to a line of this exact level (in the window, whatever its flags). */
  severe?(level: Level): boolean;
}

const hasSevere = (c: QuickChooser): c is QuickChooser & Required<Pick<QuickChooser, 'severe'>> => c.severe !== undefined;

// The header skims() is asked about for lines whose level each line gives (JSON): its text as it is.
const PLAIN_HEADER: QuickHeader = quickHeader(null, null, false, true);

const NONE: LineResult[] = [];

/**
 * Creates the parser for one file.
 * @example
 * const p = createLogParser({ year: 2025 });
 * const results = [...p.push('Nov 26 10:27:35 host app[1]: up'), ...p.end()];
 */
export function createLogParser(options: LogParseOptions = {}): LogParser {
  return new FileParser(options);
}

/**
 * One file's parser. A class rather than closures made per file: its methods are the same
 * functions for every file, so V8's optimized reading loop, which inlines them, stays valid from
 * one file to the next (closures made per file sent it back to the interpreter, to be compiled
 * again, at each new file of a timeline).
 */
class FileParser implements LogParser {
  readonly stats: LogFileStats = { format: 'plain', lines: 0, parsed: 0, continuation: 0, annotation: 0, rejected: {}, flagged: {} };
  private readonly forced: LogFormat | 'auto';
  private readonly maxLineLength: number;
  private readonly sampleSize: number;
  private readonly lineOffset: number;
  private readonly clock: Clock;
  private family: FamilyParser | null = null;
  private detected: LogFormat | null = null;
  private readonly held: { text: string; line: number; reason: RejectReason | null; invalid: boolean }[] = [];
  private last: LogRecord | null = null;
  private lastNs: bigint | null = null;
  private firstNs: bigint | null = null;
  private leadingNoHeader = 0;
  private readonly leadingText: string[] = [];
  private lastRecordLine: number | null = null;
  // A boot marker waits for the next record with a time: pushQuick builds that one in full.
  private bootWaits = false;
  // The previous line's quick header, while nothing else has touched the clock since.
  private readonly memo: QuickMemo;
  // What the family's skimmer last read (reused from run to run).
  private readonly flatSkim: FlatSkim = { last: null, back: 0 };
  // The instant before a run of the remembered header, from its minute's start (runFlags sets it):
  // exact within 104 days of it, and on the right side beyond.
  private runPrev = 0;

  constructor(options: LogParseOptions) {
    const { format = 'auto', maxLineLength = MAX_LINE_LENGTH, sampleSize = 200, lineOffset = 0 } = options;
    this.forced = format;
    this.maxLineLength = maxLineLength;
    this.sampleSize = sampleSize;
    this.lineOffset = lineOffset;
    this.clock = new Clock(options);
    this.memo = new QuickMemo(this.clock);
    if (options.sample) this.choose(options.sample);
  }

  get format(): LogFormat | null {
    return this.detected;
  }

  get edges(): PartEdges {
    const { stats } = this;
    return {
      firstNs: this.firstNs,
      lastNs: this.lastNs,
      leadingNoHeader: stats.parsed === 0 ? (stats.rejected.no_header ?? 0) : this.leadingNoHeader,
      leadingText: this.leadingText,
      lastRecordLine: this.lastRecordLine,
    };
  }

  push(text: string, mark?: LineMark): LineResult[] {
    const line = this.lineOffset + ++this.stats.lines;
    const pre = mark === 'too_long' ? 'too_long' : lineReason(text, this.maxLineLength);
    const invalid = mark === 'invalid_utf8';
    if (this.detected === null) {
      this.held.push({ text, line, reason: pre, invalid });
      return this.held.length >= this.sampleSize ? this.detect() : NONE;
    }
    return [this.handle(text, line, pre, invalid)];
  }

  end(): LineResult[] {
    return this.detected === null ? this.detect() : NONE;
  }

  pushQuick(text: string, chooser: QuickChooser, clean = false): LineResult[] {
    return this.detected === null ? this.push(text) : this.quick(text, chooser, clean);
  }

  /**
   * Counts the lines from `lines[from]` on that pushQuick would only count, without reading each one
   * in turn, with the same statistics and clock; returns how many (0: push the next line as usual).
   * Text and syslog lines: the remembered header at another second of its minute (QuickMemo.skim);
   * JSON and journal lines: the family's skimmer, whose lines give their own level and an epoch time.
   */
  skim(lines: readonly string[], from: number, invalid: ReadonlySet<number> | null | undefined, chooser: QuickChooser): number {
    const flags = this.runFlags(chooser);
    if (flags === null) return 0;
    const { memo } = this;
    if (memo.header !== null) return this.memoSkimmed(memo.skim(lines, from, flags, invalid, this.maxLineLength, this.runPrev));
    const skimmer = this.family?.skim;
    // (runFlags saw to lastNs.)
    if (skimmer === undefined || !hasSevere(chooser)) return 0;
    return this.flatSkimmed(skimmer(lines, from, flags, invalid, this.maxLineLength, chooser, this.lastNs as bigint, this.flatSkim));
  }

  get skimsBytes(): boolean {
    return this.memo.header !== null ? this.memo.skimsBytes : this.family?.skimBytes !== undefined;
  }

  skimBytes(bytes: Buffer, starts: Int32Array, from: number, count: number, chooser: QuickChooser): number {
    const flags = this.runFlags(chooser);
    if (flags === null) return 0;
    const { memo } = this;
    if (memo.header !== null) return this.memoSkimmed(memo.skimBytes(bytes, starts, from, count, flags, this.maxLineLength, this.runPrev));
    const skimmer = this.family?.skimBytes;
    if (skimmer === undefined || !hasSevere(chooser)) return 0;
    return this.flatSkimmed(skimmer(bytes, starts, from, count, flags, this.maxLineLength, chooser, this.lastNs as bigint, this.flatSkim));
  }

  /**
   * The chooser's flags for a run of skimmed lines from here, or null when there can be none (a boot
   * marker waits, nothing is read yet, the chooser may want such a line): those of the remembered
   * header, runPrev then set, else those of lines that give their own level (whose skimmers then
   * need the chooser to say which levels it wants).
   */
  private runFlags(chooser: QuickChooser): Uint8Array | null {
    if (this.bootWaits || this.lastNs === null || this.stats.parsed === 0) return null;
    const q = this.memo.header;
    if (q === null) return chooser.skims?.(PLAIN_HEADER) ?? null;
    const flags = chooser.skims?.(q) ?? null;
    const start = flags === null ? null : this.clock.minuteStart();
    if (start === null) return null;
    this.runPrev = Number(this.lastNs - start);
    return flags;
  }

  // After QuickMemo counted `n` lines: the clock moved to the last, as recall() would have.
  private memoSkimmed(n: number): number {
    return n === 0 ? 0 : this.skimmed(n, this.memo.skimEnd(), this.memo.skimBack);
  }

  // After the family's skimmer counted `n` lines: the clock reads the last time as it would have read each in turn (an epoch: it notes it).
  private flatSkimmed(n: number): number {
    const out = this.flatSkim;
    if (n === 0 || out.last === null) return 0;
    return this.skimmed(n, this.clock.resolve(out.last)?.ns ?? null, out.back);
  }

  // The statistics and clock after `n` lines skimmed, the last at `ns`, `back` of them back in time.
  private skimmed(n: number, ns: bigint | null, back: number): number {
    const { stats } = this;
    if (ns === null) throw new Error('skimmed lines left the clock without an instant');
    if (back > 0) stats.flagged.time_backwards = (stats.flagged.time_backwards ?? 0) + back;
    stats.lines += n;
    stats.parsed += n;
    this.lastNs = ns;
    this.last = SKIMMED;
    this.lastRecordLine = this.lineOffset + stats.lines;
    return n;
  }

  private reject(line: number, reason: RejectReason, text: string): LineResult {
    const { stats } = this;
    stats.rejected[reason] = (stats.rejected[reason] ?? 0) + 1;
    // A copy: a slice of the block would keep the whole block alive for as long as the part's edges.
    if (reason === 'no_header' && stats.parsed === 0 && this.leadingText.length < MAX_LEADING_KEPT) this.leadingText.push(` ${text}`.slice(1));
    return { kind: 'rejected', line, reason, text };
  }

  // Counted for lines not built into a record too (skimmed by pushQuick, continuations).
  private count(f: RecordFlag): void {
    this.stats.flagged[f] = (this.stats.flagged[f] ?? 0) + 1;
  }

  private flag(rec: LogRecord, f: RecordFlag): void {
    (rec.flags ??= []).push(f);
    this.count(f);
  }

  // A line that was not valid UTF-8 is read like any other (its time and level are usually intact:
  // a Latin-1 name in an error line) and flagged, so that no error is lost to one byte.
  private handle(text: string, line: number, pre: RejectReason | null, invalid = false): LineResult {
    const r = this.read(text, line, pre);
    if (invalid) {
      if (r.kind === 'record') this.flag(r.record, 'invalid_utf8');
      else if (r.kind === 'continuation') this.count('invalid_utf8');
    }
    return r;
  }

  private read(text: string, line: number, pre: RejectReason | null): LineResult {
    const saved = pre === 'binary' ? recordAfterNuls(text, this.family, this.maxLineLength) : null;
    if (saved !== null) {
      const r = this.record(saved.parsed, line);
      if (r.kind === 'record') this.flag(r.record, 'nul_prefix');
      return r;
    }
    if (pre) return this.reject(line, pre, text);
    // journalctl's own lines come before the family's reading, whatever the format: its banner
    // holds a time a text header would take.
    const marker = journalMarker(text);
    if (marker !== null) return marker.kind === 'boot' ? this.bootMarker(text, line, marker.id) : this.annotate(text, line);
    const r = this.family ? this.family.parse(text) : plain(text);
    if (r === 'malformed') return this.reject(line, 'malformed', text);
    if (r === null) {
      // One record per line is the contract of JSON lines and journal exports, so a stray line is
      // malformed; an indented one is still taken as a stack trace printed after its record.
      if ((this.detected === 'json' || this.detected === 'journal') && !/^\s/.test(text)) return this.reject(line, 'malformed', text);
      const last = this.last;
      if (!last) return this.reject(line, 'no_header', text);
      // A record counted by pushQuick stands in for itself: its continuation is not kept.
      if (last !== SKIMMED) (last.continuation ??= []).push(text);
      this.stats.continuation++;
      return { kind: 'continuation', line, text, record: last };
    }
    return this.record(r, line);
  }

  private record(r: Parsed, line: number, resolved?: Instant | null): LineResult {
    const rec = this.build(r, line, this.detected ?? 'plain', resolved);
    if (rec.ns !== null) {
      if (this.lastNs !== null && rec.ns < this.lastNs) this.flag(rec, 'time_backwards');
      this.firstNs ??= rec.ns;
      this.lastNs = rec.ns;
      this.bootWaits = false;
    }
    return this.accept(rec, line);
  }

  private accept(rec: LogRecord, line: number): LineResult {
    const { stats } = this;
    if (stats.parsed === 0) this.leadingNoHeader = stats.rejected.no_header ?? 0;
    stats.parsed++;
    this.last = rec;
    this.lastRecordLine = line;
    return { kind: 'record', line, record: rec };
  }

  /**
   * A boot marker is a record of its own: the lines after it are not the previous record's, and
   * a reboot is an event (timeline/reboots.ts). It has no time, and is not flagged no_time for it:
   * journalctl writes none there.
   */
  private bootMarker(text: string, line: number, id: string | null): LineResult {
    const rec: LogRecord = {
      line, timestamp: null, ns: null, level: null, rawLevel: null, message: text.trim(), format: this.detected ?? 'plain', dialect: 'journal-marker',
      newBoot: { id, prevNs: this.lastNs },
    };
    this.bootWaits = true;
    return this.accept(rec, line);
  }

  /**
   * journalctl's banners are neither records (no entry of the log, no time of their own) nor
   * continuations (they say nothing of the record before), and rejecting them would count the
   * output's own lines among the lines that could not be read: they are annotations, counted as
   * such the way continuations are, and the record before stays the one later header-less lines
   * continue.
   */
  private annotate(text: string, line: number): LineResult {
    this.stats.annotation++;
    return { kind: 'annotation', line, text };
  }

  private build(r: Parsed, line: number, fmt: LogFormat, resolved?: Instant | null): LogRecord {
    const { clock } = this;
    const rec: LogRecord = {
      line, timestamp: null, ns: null, level: r.level, rawLevel: r.rawLevel, message: r.message, format: fmt, dialect: r.dialect,
    };
    if (r.time) {
      // The clock moves: the memo's instants would no longer follow from its last reading.
      if (resolved === undefined) this.memo.clear();
      const t = resolved !== undefined ? resolved : clock.resolve(r.time, r.yearHint ?? null);
      if (t) {
        rec.ns = t.ns;
        rec.timestamp = formatInstant(t.ns, t.digits);
        if (t.yearAssumed) this.flag(rec, 'year_assumed');
        if (t.dateAssumed) this.flag(rec, 'date_assumed');
      }
      // A kernel line forwarded with its printk stamp: both times known, an anchor for boot-relative lines.
      if (r.boot) rec.bootOffsetNs = r.boot.ns;
    } else if (r.boot) {
      rec.bootOffsetNs = r.boot.ns;
      if (clock.bootNs !== null) {
        rec.ns = clock.bootNs + r.boot.ns;
        rec.timestamp = formatInstant(rec.ns, Math.max(r.boot.digits, Math.min(clock.bootDigits, 9)));
      } else {
        rec.relative = true;
      }
    }
    // A record whose time could not be read (impossible date, unreadable value) cannot be placed on a timeline: say so.
    if (rec.ns === null && r.boot === undefined && fmt !== 'plain') this.flag(rec, 'no_time');
    if (r.host !== undefined) rec.host = r.host;
    if (r.process !== undefined) rec.process = r.process;
    if (r.pid !== undefined) rec.pid = r.pid;
    if (r.thread !== undefined) rec.thread = r.thread;
    if (r.component !== undefined) rec.component = r.component;
    if (r.extra !== undefined) rec.extra = r.extra;
    return rec;
  }

  private detect(): LineResult[] {
    const { held } = this;
    // Clean lines are the sample; a file with none (a short Latin-1 log) is detected from what it has.
    const clean = held.filter((h) => h.reason === null && !h.invalid).map((h) => h.text);
    const sample = clean.length ? clean : held.filter((h) => h.reason === null).map((h) => h.text);
    this.choose(sample);
    const out = held.map((h) => this.handle(h.text, h.line, h.reason, h.invalid));
    held.length = 0;
    return out;
  }

  private choose(sample: readonly string[]): void {
    const d = detectFormat(sample, this.forced === 'auto' ? undefined : this.forced);
    this.family = d.parser;
    this.detected = d.format;
    this.stats.format = d.format;
  }

  private quick(text: string, chooser: QuickChooser, clean: boolean): LineResult[] {
    const { stats, memo, clock, family } = this;
    const line = this.lineOffset + ++stats.lines;
    // A clean line the memo knows is no blank one (its key holds a time): checked only when it does not.
    let pre = clean ? (text.length > this.maxLineLength ? 'too_long' : null) : lineReason(text, this.maxLineLength);
    let ns = pre === null ? memo.recall(text) : null;
    let q = memo.header;
    // The instant when the family read the line (the memo's lines have no year assumed).
    let t: Instant | null = null;
    if (ns === null || q === null) {
      if (pre === null && clean && blank(text)) pre = 'empty';
      const saved = pre === 'binary' ? recordAfterNuls(text, family, this.maxLineLength) : null;
      if (saved !== null) {
        // Counted here, whether the line is then built or only skimmed.
        this.count('nul_prefix');
        text = saved.tail;
        pre = null;
      }
      if (pre) return [this.reject(line, pre, text)];
      // journalctl's lines are read as the full parse reads them (a text header would take its banner's time).
      if (text.charCodeAt(0) === 45 && journalMarker(text) !== null) return [this.handle(text, line, null)];
      // Not the remembered header at another time of its hour: the family reads the line (a
      // continuation leaves the memo for the next header).
      q = family?.quick?.(text) ?? null;
      if (q === null) return [this.handle(text, line, null)];
      t = q.time ? clock.resolve(q.time, q.yearHint ?? null) : null;
      // The clock moved: the memo follows this line, or forgets.
      if (t !== null && q.key !== undefined) memo.remember(text, q, t);
      else memo.clear();
      if (t === null) {
        // No instant (an impossible date, a boot-relative kernel line): read in full, so that it is
        // counted as the full parse counts it (no_time, relative) whatever the window.
        const r = family?.parse(text);
        return r && r !== 'malformed' ? [this.record(r, line, null)] : [this.handle(text, line, null)];
      }
      ns = t.ns;
    }
    if (this.bootWaits || chooser.want(ns, q.level, q.levelExact, q.verbatim, q.message)) {
      const r = family?.parse(text);
      // The family promised a record; anything else would be its bug, so fail loudly.
      if (!r || r === 'malformed') throw new Error(`quick header disagrees with the parser on line ${line}`);
      return [this.record(r, line, t ?? { ns, digits: memo.digits, yearAssumed: false, dateAssumed: false })];
    }
    if (t?.yearAssumed === true) this.count('year_assumed');
    if (t?.dateAssumed === true) this.count('date_assumed');
    if (this.lastNs !== null && ns < this.lastNs) this.count('time_backwards');
    this.firstNs ??= ns;
    this.lastNs = ns;
    if (stats.parsed === 0) this.leadingNoHeader = stats.rejected.no_header ?? 0;
    stats.parsed++;
    this.last = SKIMMED;
    this.lastRecordLine = line;
    return NONE;
  }
}

// Stands for records that pushQuick counted without building.
const SKIMMED: LogRecord = { line: 0, timestamp: null, ns: null, level: null, rawLevel: null, message: '', format: 'plain', dialect: 'plain' };

function plain(text: string): Parsed {
  return { time: null, rawLevel: null, level: null, message: text.trimEnd(), dialect: 'plain' };
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
