/**
 * Files with no timestamps whose lines start with their level (Python logging's default
 * `WARNING:root:msg`, HAProxy's stderr `[ALERT]    (1234) : msg`): the level is read and lines
 * that do not start with one (a traceback) continue the record above. Decided once per file.
 */
import { familyParser, mostLines, type FamilyParser, type FamilyResult, type Parsed } from './family.js';
import { headerLevel } from './levels.js';

/**
 * Parser for a time-less file whose lines (half at least) lead with a level, or null when they do not.
 * @example leveledPlainParser(['ERROR:root:boom'])?.parse('WARNING:app.db:slow') // { level: 'warn', component: 'app.db', message: 'slow', … }
 */
export function leveledPlainParser(sample: readonly string[]): FamilyParser | null {
  return mostLines(sample, (line) => parseLeveled(line) !== null) ? familyParser(parseLeveled) : null;
}

// `LEVEL:`, `LEVEL ` (capitals) or `[Level]` at the start; Python's `LEVEL:name:` also names the logger.
const LEADING = /^(?:\[([A-Za-z]{3,9})\]|([A-Z]{3,9}):|([A-Z]{3,9})(?= ))/;
const LOGGER = /^([A-Za-z_][\w.-]*):(?! )/;

/**
 * One line: a record when it starts with a level, null (a continuation) otherwise.
 * @example parseLeveled('[WARNING]  (1234) : Exiting Master process...')?.level === 'warn'
 */
export function parseLeveled(line: string): FamilyResult {
  const m = LEADING.exec(line);
  if (!m) return null;
  const raw = m[1] ?? m[2] ?? m[3] ?? '';
  const level = headerLevel(raw);
  if (level === null) return null;
  let rest = line.slice(m[0].length);
  const out: Parsed = { time: null, rawLevel: raw, level, message: '', dialect: 'plain' };
  const logger = m[2] !== undefined ? LOGGER.exec(rest) : null;
  if (logger) {
    out.component = logger[1];
    rest = rest.slice(logger[0].length);
  }
  out.message = rest.trim();
  return out;
}
