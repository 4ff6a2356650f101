/**
 * FIX messages, one per line, fields separated by SOH, `|` or `^A`: bare, whose time is the
 * message's SendingTime (52), else its TransactTime (60), in UTC as FIX writes them; or as a
 * QuickFIX FileLog writes them, after the time it logged them (`20251126-10:27:35.123456 : 8=FIX…`,
 * QuickFIX/J's `…: 8=FIX…`), which is then the record's time. The message is the FIX message.
 */
import { FILE_PREFIX } from '../fix/time.js';
import { familyParser, type Family, type FamilyResult } from './family.js';
import { parseTimeText } from './timestamp.js';

// eslint-disable-next-line no-control-regex -- SOH is FIX's own field separator
const BEGIN = /^8=FIXT?\.\d\.\d(\x01|\||\^A)/;

/**
 * Parses one bare FIX message line; null for any other line.
 * @example parseFixLine('8=FIX.4.4|9=5|35=0|52=20260101-05:01:03|10=000|')?.time // 2026-01-01 05:01:03 UTC
 */
export function parseFixLine(line: string): FamilyResult {
  const logged = FILE_PREFIX.exec(line);
  if (logged && line.startsWith('8=FIX', logged[0].length)) {
    const r = parseFixLine(line.slice(logged[0].length));
    const at = parseTimeText(logged[1] as string);
    // The engine logs in UTC, as FIX times are.
    return r && r !== 'malformed' && at ? { ...r, time: at.kind === 'wall' ? { ...at, offsetMin: 0 } : at } : r;
  }
  const m = BEGIN.exec(line);
  if (!m) return null;
  const sep = m[1] as string;
  const field = (tag: string): string | undefined => {
    const key = `${sep}${tag}=`;
    const at = line.indexOf(key);
    if (at < 0) return undefined;
    const from = at + key.length;
    const to = line.indexOf(sep, from);
    return line.slice(from, to < 0 ? line.length : to);
  };
  const written = field('52') ?? field('60');
  const t = written === undefined ? null : parseTimeText(written);
  // FIX times are UTC by the standard, whatever zone the reader is told for other files.
  const time = t && t.kind === 'wall' ? { ...t, offsetMin: 0 } : t;
  const sender = field('49');
  const target = field('56');
  return {
    time,
    rawLevel: null,
    level: null,
    message: line.trimEnd(),
    dialect: 'fix',
    ...(sender !== undefined && target !== undefined ? { component: `${sender}->${target}` } : {}),
  };
}

/**
 * The bare FIX message family for detection and parsing.
 * @example fixFamily.prepare([]).parse('8=FIX.4.4|9=5|35=0|52=20260101-05:01:03|10=000|')
 */
export const fixFamily: Family = {
  name: 'fix',
  prepare: () => familyParser(parseFixLine),
};
