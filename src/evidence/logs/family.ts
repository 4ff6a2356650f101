/**
 * The contract between format families and the file parser: a family turns one line into fields
 * (time as written, level, message, names) or says the line has no header of its kind.
 */
import type { Level, LogDialect, LogFormat } from './types.js';
import type { TimeValue } from './timestamp.js';

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

export interface FamilyParser {
  parse(line: string): FamilyResult;
}

export interface Family {
  name: LogFormat;
  /** Builds the parser for one file; families that learn the file's layout do it from `sample`. */
  prepare(sample: readonly string[]): FamilyParser;
}
