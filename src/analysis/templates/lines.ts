/**
 * The message and time of one log line, read as `pfa logs parse` reads it (evidence/logs): the
 * file's format is detected from its first lines, a line with a header gives its message and time,
 * any other line (continuation, no header, malformed, too long) is mined whole (a line that is not
 * valid UTF-8 is read like the others, with U+FFFD for its bad bytes), and
 * empty or binary lines are skipped. Pure, and the same in every thread for the same setup.
 */
import { detectFormat, journalMarker, lineReason, recordAfterNuls, MAX_LINE_LENGTH, type Detection, type LogFormat, type TimeValue } from '../../evidence/logs/index.js';
import type { HeadLayout } from '../../evidence/logs/family.js';

/** What a thread needs to read a file's lines exactly as any other thread does. */
export interface LogSetup {
  /** Detected format and the sample it was detected from (families learn their layout from it). */
  format: LogFormat;
  sample: readonly string[];
  /** Clock options of the file, as for streamLogFile. */
  tz: string;
  year?: number;
  /** The date of the first time of day written without one (`YYYY-MM-DD`), and whether it was estimated. */
  date?: string;
  dateAssumed?: boolean;
  latest: bigint;
}

/** Lines the detection samples, as in evidence/logs. */
export const SAMPLE_SIZE = 200;
/** Longest line in characters that is parsed (as evidence/logs); a longer one is mined whole. */
export { MAX_LINE_LENGTH };

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * Whether bytes [a, b) are not valid UTF-8 (only asked when the decoded line holds U+FFFD, which
 * valid text rarely does).
 * @example isInvalidUtf8(new Uint8Array([0xff]), 0, 1) // true
 */
export function isInvalidUtf8(bytes: Uint8Array, a: number, b: number): boolean {
  try {
    strict.decode(bytes.subarray(a, b));
    return false;
  } catch {
    return true;
  }
}

// The control characters that make evidence/logs call a line binary (parser.ts' CONTROL), as they
// stand in a chunk's text: a CR counts unless it ends its line (where it is stripped).
// (Two tests: a lone character class is scanned much faster than an alternation.)
// eslint-disable-next-line no-control-regex -- these control characters are exactly what is looked for
const CONTROLS = /[\x00\x02-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f]/;
const INNER_CR = /\r(?!\n)/;

/**
 * Whether any line of a chunk's text (lines ending with '\n', a CR before it stripped) holds a
 * control character: when none does, no line is binary, and one regex pass over the chunk spares
 * a pass per line.
 * @example hasControls('a\r\nb\n') // false
 */
export function hasControls(text: string): boolean {
  return CONTROLS.test(text) || (text.includes('\r') && INNER_CR.test(text));
}

/**
 * Whether a line joins the detection sample: evidence/logs samples the lines it does not reject.
 * @example sampleable('2025-01-01 INFO up', false) // true
 */
export function sampleable(text: string, invalid: boolean): boolean {
  return !invalid && lineReason(text, MAX_LINE_LENGTH) === null;
}

/**
 * What a read line is to `pfa logs parse`: a record (it has a header), a continuation (no header,
 * attached to the file's last record, as the lines of a stack trace are), or loose (rejected there as
 * malformed or too long: it neither has a time nor changes the record that later continuations join).
 */
export type LineRole = 'record' | 'continuation' | 'loose';

/**
 * Reads lines of one file. After read(), `message` is what to mine, `time`/`yearHint` the
 * header's time as written (null without one; the caller's clock turns it into an instant) and
 * `role` what the line is to `pfa logs parse`.
 * @example
 * const r = new LineReader({ format: 'plain', sample: [], tz: 'UTC', latest: 0n });
 * r.read('hello  ', false) && r.message // 'hello'
 */
export class LineReader {
  message = '';
  time: TimeValue | null = null;
  yearHint: number | null = null;
  role: LineRole = 'loose';
  /** After a read() that returned false: the line was skipped as binary (not as empty). */
  binary = false;
  private readonly parser: Detection['parser'];
  /** The last read() found the record's header through the family's parser (whose last reading layout() describes). */
  private headed = false;
  /** JSON lines and journal exports hold one record per line: a stray line continues nothing unless indented. */
  private readonly oneRecordPerLine: boolean;

  constructor(setup: LogSetup) {
    this.parser = detectFormat(setup.sample, setup.format).parser;
    this.oneRecordPerLine = setup.format === 'json' || setup.format === 'journal';
  }

  /**
   * Reads one line (no newline, no CR); `whole` when it is not to be parsed (the cut start of a
   * line too long to buffer); `clean` when the line is known to hold no
   * control character (see hasControls), which spares the binary test. False: skip the line.
   */
  read(text: string, whole: boolean, clean = false): boolean {
    this.headed = false;
    this.time = null;
    this.yearHint = null;
    this.role = 'loose';
    this.binary = false;
    if (whole) {
      this.message = text;
      return true;
    }
    // After a crash's NUL bytes, the line a restarted process wrote (as evidence/logs reads it).
    if (!clean) text = recordAfterNuls(text, this.parser, MAX_LINE_LENGTH)?.tail ?? text;
    // A clean line that starts with a visible ASCII character is neither empty nor binary.
    const c = text.charCodeAt(0);
    const reason = clean && c > 32 && c < 127 && text.length <= MAX_LINE_LENGTH ? null : lineReason(text, MAX_LINE_LENGTH);
    if (reason === 'empty' || reason === 'binary') {
      this.binary = reason === 'binary';
      return false;
    }
    this.message = text;
    if (reason !== null) return true;
    // journalctl's boot marker is a record without a time, its banners loose lines (as evidence/logs reads them).
    const marker = journalMarker(text);
    if (marker !== null) {
      if (marker.kind === 'boot') {
        this.message = text.trim();
        this.role = 'record';
      }
      return true;
    }
    if (!this.parser) {
      this.message = text.trimEnd(); // the plain format: the whole line, as a record
      this.role = 'record';
      return true;
    }
    // Only the message and time are mined: a family's head() skips building the other fields.
    const r = this.parser.head ? this.parser.head(text) : this.parser.parse(text);
    if (r === 'malformed') return true;
    if (r === null) {
      // As evidence/logs' parser decides (which also needs a record before it, known only in input order).
      if (!this.oneRecordPerLine || /^\s/.test(text)) this.role = 'continuation';
      return true;
    }
    this.role = 'record';
    this.message = r.message;
    this.time = r.time;
    this.yearHint = r.yearHint ?? null;
    this.headed = true;
    return true;
  }

  /** Whether the format has header layouts (see layout()). */
  get layouts(): boolean {
    return this.parser?.layout !== undefined;
  }

  /** The header layout of `text`, right after a read() of it that made it a record (layouts.ts); null when none. */
  layout(text: string): HeadLayout | null {
    return this.headed && this.parser?.layout ? this.parser.layout(text) : null;
  }
}
