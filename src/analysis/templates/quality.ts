/**
 * What a file's lines were, beyond its templates: how many were skipped as binary and how many were
 * mined though not valid UTF-8, so that a report never passes byte noise off as a log's events.
 */

/** Per input file: lines read, lines skipped as binary, lines mined that are not valid UTF-8. */
export interface FileQuality {
  lines: number;
  binary: number;
  invalidUtf8: number;
}

/**
 * Whether most of a file's lines are binary or not valid UTF-8: then it is not a text log (random or
 * compressed bytes split at their newline bytes), and its templates are noise. A text log with a few
 * Latin-1 names or a crash's NUL block stays far below half.
 * @example looksBinary({ lines: 91, binary: 72, invalidUtf8: 18 }) // true
 */
export function looksBinary(q: FileQuality): boolean {
  return q.lines > 0 && 2 * (q.binary + q.invalidUtf8) > q.lines;
}

/**
 * One line for a human report on what was skipped or doubtful in a file (null when nothing was).
 * @example qualityNote('a.log', { lines: 9, binary: 1, invalidUtf8: 2 }) // 'a.log: 1 line skipped as binary; 2 lines not valid UTF-8 (mined, bad bytes as �)'
 */
export function qualityNote(file: string, q: FileQuality): string | null {
  const parts: string[] = [];
  if (q.binary) parts.push(`${plural(q.binary, 'line')} skipped as binary`);
  if (q.invalidUtf8) parts.push(`${plural(q.invalidUtf8, 'line')} not valid UTF-8 (mined, bad bytes as \uFFFD)`);
  return parts.length ? `${file}: ${parts.join('; ')}` : null;
}

/**
 * The warning for a file that does not look like text (null when it does).
 * @example binaryWarning('x.bin', { lines: 91, binary: 72, invalidUtf8: 18 }) // 'x.bin does not look like text: …'
 */
export function binaryWarning(file: string, q: FileQuality): string | null {
  if (!looksBinary(q)) return null;
  return `warning: ${file} does not look like text: ${q.binary + q.invalidUtf8} of its ${plural(q.lines, 'line')} are binary or not valid UTF-8; its templates are byte noise, not log events`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
