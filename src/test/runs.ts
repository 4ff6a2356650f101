/**
 * Reading lines as the selective reader does (src/evidence/logs/select.ts), for the tests that hold
 * its runs against the full parse: one copy of that loop, not one per test file.
 */
import type { LogParser, QuickChooser } from '../evidence/logs/parser.js';
import type { LineResult } from '../evidence/logs/types.js';

/**
 * Pushes `lines` into `parser` as the selective reader does: runs counted at once where the parser
 * takes them, a line not UTF-8 (in `invalid`) pushed as such, any other quickly with a trailing CR
 * dropped. `cursor.at` is the line being pushed, for a chooser that answers by line. Returns what
 * the pushes built and the indexes of the lines counted in runs.
 * @example const { built, skimmed } = readInRuns(createLogParser({ sample }), lines, chooser);
 */
export function readInRuns(
  parser: LogParser,
  lines: readonly string[],
  chooser: QuickChooser,
  { invalid = null, cursor = { at: 0 } }: { invalid?: ReadonlySet<number> | null; cursor?: { at: number } } = {},
): { built: LineResult[]; skimmed: number[] } {
  const built: LineResult[] = [];
  const skimmed: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    const n = parser.skim(lines, i, invalid, chooser);
    if (n > 0) {
      for (let k = i; k < i + n; k++) skimmed.push(k);
      i += n - 1;
      continue;
    }
    cursor.at = i;
    const line = lines[i] as string;
    if (invalid?.has(i) === true) built.push(...parser.push(line, 'invalid_utf8'));
    else built.push(...parser.pushQuick(line.replace(/\r$/, ''), chooser, true));
  }
  return { built, skimmed };
}
