/**
 * Lines that open with a level glued to a bracketed time, logrus' terminal format:
 * `ERRO[2025-11-26T10:27:35Z] msg  key=value`, or `ERRO[0042] msg` (seconds since the process
 * started: no absolute time, the level is kept). Chosen once per file by the text family.
 */
import { familyParser, mostLines, type FamilyParser, type FamilyResult, type Parsed } from './family.js';
import { headerLevel } from './levels.js';
import { parseTimeText } from './timestamp.js';

const HEAD = /^([A-Za-z]{3,9})\[([^\][]{1,64})\](?: |$)/;
const DIGITS = /^\d+$/;

/**
 * Parser for a file whose sampled lines mostly (half at least) lead with `LEVEL[time]`, or null.
 * @example bracketLevelParser(['INFO[0000] up'])?.parse('ERRO[0042] boom') // { level: 'error', time: null, message: 'boom', … }
 */
export function bracketLevelParser(sample: readonly string[]): FamilyParser | null {
  return mostLines(sample, (line) => parseBracketLevel(line) !== null) ? familyParser(parseBracketLevel) : null;
}

/**
 * One line: a record when it opens with a level word glued to a bracketed time or second count,
 * null (a continuation: the next line of a multi-line message) otherwise.
 * @example parseBracketLevel('WARN[2025-11-26T10:28:01Z] limit near  account=7')?.level === 'warn'
 */
export function parseBracketLevel(line: string): FamilyResult {
  const m = HEAD.exec(line);
  if (!m) return null;
  const raw = m[1] ?? '';
  const level = headerLevel(raw);
  if (level === null) return null;
  const inside = m[2] ?? '';
  // A bare count is the seconds since logrus started (its default without a full timestamp): a
  // time, but not one that can be placed, so the record has none.
  const relative = DIGITS.test(inside);
  const time = relative ? null : parseTimeText(inside);
  if (!relative && time === null) return null;
  const out: Parsed = { time, rawLevel: raw, level, message: line.slice(m[0].length).trimEnd(), dialect: 'text' };
  if (relative) out.extra = { uptime: inside };
  return out;
}
