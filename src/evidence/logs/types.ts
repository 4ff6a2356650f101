/**
 * Shapes shared by the log parsers: the record one header line becomes, the per-line outcome
 * (record, continuation, rejected) and the per-file statistics the reader reports.
 */

/** Normalized severities, most to least severe (syslog's eight plus `trace`). */
// Syslog's eight names, with the application logs' `fatal` (the process dies) between alert and crit,
// and `trace` below debug.
export const LEVELS = ['emerg', 'alert', 'fatal', 'crit', 'error', 'warn', 'notice', 'info', 'debug', 'trace'] as const;
export type Level = (typeof LEVELS)[number];

/**
 * Longest line, in characters, that is parsed; a longer one is counted and rejected (`too_long`).
 * A JSON record carrying a deep stack trace runs to tens of kilobytes: a megabyte keeps those and
 * still bounds what one line may hold in memory.
 */
export const MAX_LINE_LENGTH = 1 << 20;

/** Format families a file is detected as; `plain` means no line had a recognizable header. */
export const LOG_FORMATS = ['journal', 'json', 'fix', 'syslog', 'kernel', 'logfmt', 'text', 'plain'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The variant within a family, e.g. `rfc3164` within `syslog` or `dmesg-ctime` within `kernel`. */
export type LogDialect =
  | 'rfc3164'
  | 'rfc5424'
  | 'rfc3339'
  | 'journal-json'
  | 'dmesg'
  | 'dmesg-ctime'
  | 'dmesg-iso'
  | 'kmsg'
  | 'json'
  | 'logfmt'
  | 'audit'
  | 'cri'
  | 'fix'
  | 'text'
  | 'plain'
  /** journalctl's boot marker (journal-markers.ts), whatever the format of the lines around it. */
  | 'journal-marker';

export interface LogRecord {
  /** 1-based line number of the header line. */
  line: number;
  /** RFC 3339 UTC with the source's fractional digits, or null when the line has no absolute time. */
  timestamp: string | null;
  /** Nanoseconds since the Unix epoch, or null. */
  ns: bigint | null;
  level: Level | null;
  /** The level as written in the line (`W`, `WARN`, `<4>`, `4`…). */
  rawLevel: string | null;
  message: string;
  format: LogFormat;
  dialect: LogDialect;
  host?: string;
  process?: string;
  pid?: string;
  thread?: string;
  /** Logger, tag or component name. */
  component?: string;
  /** Boot-relative time of a kernel line: a raw dmesg line (kept even when `bootTime` placed it), or a forwarded one's printk stamp. */
  bootOffsetNs?: bigint;
  /** True when the time is boot-relative and no `bootTime` was given: `timestamp` is then null. */
  relative?: boolean;
  /** Format-specific fields that have no slot above (syslog facility, RFC 5424 msgid and structured data…). */
  extra?: Record<string, string>;
  /** Lines with no header that followed this one (stack traces, wrapped messages). */
  continuation?: string[];
  /**
   * Set on journalctl's boot marker (`-- Boot <id> --`, older `-- Reboot --`): the entries after it
   * are of a new boot. The marker has no time of its own (`timestamp` null): `prevNs` is the time of
   * the last record before it in the lines read, null when none had one.
   */
  newBoot?: { id: string | null; prevNs: bigint | null };
  /**
   * Suspicious but kept: the time went backwards, the year was guessed, the time could not be read,
   * or the bytes were not valid UTF-8 (read with U+FFFD in place of each bad sequence).
   */
  flags?: RecordFlag[];
}

/**
 * `nul_prefix`: the line began with the NUL bytes a crash leaves where a file's last block was
 * never written, and was read from after them (the first line a restarted process wrote).
 */
export type RecordFlag = 'time_backwards' | 'year_assumed' | 'date_assumed' | 'no_time' | 'invalid_utf8' | 'nul_prefix';

/** Why a line was not turned into a record or continuation. */
export type RejectReason = 'empty' | 'binary' | 'too_long' | 'malformed' | 'no_header';

/** What the reader knows of a line before the parser sees it: cut for length, or not valid UTF-8. */
export type LineMark = 'too_long' | 'invalid_utf8';

export type LineResult =
  | { kind: 'record'; line: number; record: LogRecord }
  /** A header-less line attached to `record` (its parent, whose `continuation` holds the text too). */
  | { kind: 'continuation'; line: number; text: string; record: LogRecord }
  /**
   * A line the tool that wrote the file added about the output itself, not a record nor a part of
   * one: journalctl's banners (`-- Journal begins at … --`, `-- No entries --`).
   */
  | { kind: 'annotation'; line: number; text: string }
  | { kind: 'rejected'; line: number; reason: RejectReason; text: string };

export interface LogFileStats {
  format: LogFormat;
  lines: number;
  parsed: number;
  continuation: number;
  /** Lines read as annotations (see LineResult): neither parsed nor rejected. */
  annotation: number;
  rejected: Partial<Record<RejectReason, number>>;
  flagged: Partial<Record<RecordFlag, number>>;
}

export interface LogParseOptions {
  /** Skip detection and parse as this family. */
  format?: LogFormat | 'auto';
  /** Year of the first yearless timestamp (RFC 3164, glog, logcat); later ones roll over Dec→Jan. */
  year?: number;
  /**
   * Date (`YYYY-MM-DD`, in `tz`) of the first time of day written without a date (`10:27:35.123 …`);
   * later ones roll over at midnight. Default: the file's dated lines before it, else the date
   * nearest `near`, else the latest date that keeps it at or before `latest`.
   */
  date?: string;
  /** `date` was estimated (dateless.ts), not given: the first line dated by it is flagged `date_assumed`. */
  dateAssumed?: boolean;
  /**
   * When `year` (or `date`) is absent: no yearless timestamp (or time of day) is later than this
   * instant (e.g. the file's mtime), so the first one takes the latest year (or date) that keeps
   * it at or before it. Defaults to now.
   */
  latest?: bigint;
  /**
   * When `year` is absent or is this instant's own year: the instant the reader is about (an
   * incident's window). The first yearless timestamp takes the year that puts it nearest to it;
   * `latest` is then not used.
   */
  near?: bigint;
  /** Zone of timestamps that carry none: `UTC`, `+02:00`, or an IANA name. Default UTC. */
  tz?: string;
  /** Absolute boot instant (RFC 3339 or ns) placing raw dmesg `[seconds]` on the wall-clock axis. */
  bootTime?: string | bigint;
  /** Lines longer than this many characters are rejected as `too_long`. Default MAX_LINE_LENGTH (1 MiB). */
  maxLineLength?: number;
  /** How many leading lines format detection samples. Default 200. */
  sampleSize?: number;
  /**
   * Detect the format from these lines (the file's first clean lines, see `headSample`) instead of
   * holding the first pushed ones: for reading a file from the middle.
   */
  sample?: readonly string[];
  /** Lines of the file before the first one pushed (reading from the middle): numbering starts after them. */
  lineOffset?: number;
}
