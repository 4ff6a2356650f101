/**
 * PostgreSQL's csvlog (`log_destination = 'csvlog'`): after the time, a fixed row of CSV columns
 * (user, database, pid, connection, session, …, error_severity, sql_state, message, detail, hint, …,
 * query, …, application_name, backend_type). The text family reads the time; this reads the row
 * that follows it, so that its severity is the record's level and its message the record's message.
 * Columns as documented for PostgreSQL 13–17 (runtime-config-logging, "Using CSV-Format Log Output").
 */
import { normalizeLevel } from './levels.js';
import type { Level } from './types.js';

/** Columns after log_time, counted from 0: the row has at least through `message`. */
const PID = 2;
const SEVERITY = 10;
const MESSAGE = 12;
const DETAIL = 13;
const HINT = 14;
const QUERY = 18;
const APPLICATION = 21;
const BACKEND = 22;
/** Columns after log_time in the shortest documented row (PostgreSQL 9.0–12: through application_name). */
const MIN_COLUMNS = 22;

const SEVERITIES = new Set(['DEBUG5', 'DEBUG4', 'DEBUG3', 'DEBUG2', 'DEBUG1', 'LOG', 'INFO', 'NOTICE', 'WARNING', 'ERROR', 'FATAL', 'PANIC']);

export interface CsvlogRow {
  rawLevel: string;
  level: Level | null;
  message: string;
  pid?: string;
  component?: string;
  extra?: Record<string, string>;
}

/**
 * The record a csvlog row gives, from the text after its time (starting at its comma); null when the
 * text is not such a row. A row whose quoted message goes on past the line (a newline in it) gives
 * the message's first line: the lines after it are the record's continuation.
 * @example csvlogRow(',"app","orders",12345,…,ERROR,23505,"duplicate key",…')?.level === 'error'
 */
export function csvlogRow(rest: string): CsvlogRow | null {
  if (rest.charCodeAt(0) !== 44) return null;
  const cols = csvColumns(rest, 1);
  const severity = cols[SEVERITY];
  if (severity === undefined || !SEVERITIES.has(severity) || cols.length <= MESSAGE) return null;
  // A complete row has every column of its version; a cut one ends inside its message or later.
  if (!cutShort && cols.length < MIN_COLUMNS) return null;
  const row: CsvlogRow = { rawLevel: severity, level: normalizeLevel(severity), message: cols[MESSAGE] as string };
  const pid = cols[PID];
  if (pid) row.pid = pid;
  const component = cols[APPLICATION] || cols[BACKEND];
  if (component) row.component = component;
  const extra: Record<string, string> = {};
  for (const [name, at] of [['detail', DETAIL], ['hint', HINT], ['query', QUERY]] as const) {
    const v = cols[at];
    if (v) extra[name] = v;
  }
  if (Object.keys(extra).length > 0) row.extra = extra;
  return row;
}

// Whether the last csvColumns call ended inside a quoted column (a module-level second result).
let cutShort = false;

/** RFC 4180 columns of `s` from `at` (quotes doubled inside quoted columns). */
function csvColumns(s: string, at: number): string[] {
  const cols: string[] = [];
  let i = at;
  cutShort = false;
  for (;;) {
    if (s.charCodeAt(i) === 34) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        if (q < 0) {
          cols.push(value + s.slice(from));
          cutShort = true;
          return cols;
        }
        value += s.slice(from, q);
        if (s.charCodeAt(q + 1) === 34) {
          value += '"';
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      cols.push(value);
      // After a closing quote only a comma or the end may come: anything else is not CSV.
      if (i >= s.length) return cols;
      if (s.charCodeAt(i) !== 44) return [];
      i++;
    } else {
      const comma = s.indexOf(',', i);
      if (comma < 0) {
        cols.push(s.slice(i));
        return cols;
      }
      cols.push(s.slice(i, comma));
      i = comma + 1;
    }
  }
}
