/**
 * The date of a log whose headers give the time of day only (`10:27:35.123 [main] ERROR …`), when
 * the user gives none: its last line is put on the latest date that keeps it at or before the
 * file's modification time (its last write), and its first line as many midnights before as the
 * file crosses. Dating the first line from the mtime instead would shift every line of a file that
 * spans days, and dating it from an incident's window would do the same for a file that starts days
 * before the incident: a timeline would then show another day's lines as the window's.
 */
import { NS_PER_MS } from '../../shared/time.js';
import { blocks } from './blocks.js';
import { Clock } from './clock.js';
import { detectFormat } from './detect.js';
import { openInput } from './open.js';
import { datelessTimes } from './seek.js';
import { headSample } from './select.js';
import { isDateless, type WallTime } from './timestamp.js';
import { MAX_LINE_LENGTH, type LogFormat, type LogParseOptions } from './types.js';

// Any date serves to count midnights, in UTC (no daylight saving to move a day's length).
const COUNTING_FROM = '2000-01-01';

/**
 * The date (`YYYY-MM-DD`) of the first time of day of a regular file whose lines have no date, or
 * null: the file's times have dates, it has no times, or it is a pipe (read once, not twice).
 * `known` gives the file's first lines (headSample) and format when the caller has them.
 * @example const date = await datelessStart('app.log', { tz: 'Europe/London' });
 */
export async function datelessStart(path: string, options: LogParseOptions, known?: { sample: readonly string[]; format: LogFormat | 'auto' }): Promise<string | null> {
  const fh = await openInput(path);
  try {
    const info = await fh.stat();
    if (!info.isFile()) return null;
    const sample = known?.sample ?? (await headSample(path, options));
    const format = known?.format ?? options.format ?? 'auto';
    const family = detectFormat(sample, format === 'auto' ? undefined : format).parser;
    if (family === null || !datelessTimes(sample, family)) return null;
    const counting = new Clock({ date: COUNTING_FROM });
    let last: WallTime | null = null;
    const maxLineLength = options.maxLineLength ?? MAX_LINE_LENGTH;
    for await (const block of blocks(fh, 0, info.size, 1 << 20, maxLineLength * 3 + 3)) {
      for (const line of block.lines) {
        // head() gives parse()'s time where a family has it, without the other fields.
        const r = family.head ? family.head(line) : family.parse(line);
        if (r === null || r === 'malformed' || r.time === null || !isDateless(r.time)) continue;
        counting.resolve(r.time);
        last = r.time as WallTime;
      }
    }
    const end = counting.datelessDate;
    if (last === null || end === null) return null;
    const latest = options.latest ?? BigInt(Math.floor(info.mtimeMs)) * NS_PER_MS;
    const anchor = new Clock({ latest, ...(options.tz !== undefined ? { tz: options.tz } : {}) });
    anchor.resolve(last);
    const lastDate = anchor.datelessDate;
    return lastDate === null ? null : addDays(lastDate, -daysBetween(COUNTING_FROM, end));
  } finally {
    await fh.close();
  }
}

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
const daysBetween = (a: string, b: string): number => dayNumber(b) - dayNumber(a);
const addDays = (date: string, days: number): string => new Date((dayNumber(date) + days) * 86_400_000).toISOString().slice(0, 10);
