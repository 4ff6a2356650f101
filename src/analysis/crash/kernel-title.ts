/**
 * Turns the text of one kernel report into a title: the formats of the report's header are tried
 * in order, the earliest match in the text wins, and its template is filled with the captured
 * groups and the guilty frames. Mirrors syzkaller's extractDescription.
 */
import type { Oops, OopsFormat } from './kernel-oops-types.js';
import { formatTitle } from './kernel-oops-types.js';
import { displayFrames, extractStack } from './kernel-stack.js';

export interface TitleResult {
  title: string;
  format: OopsFormat | null;
  /** Guilty frames that were put into the title. */
  guilty: string[];
  /** All frames seen while extracting, cleaned, innermost first. */
  frames: string[];
  corrupted: boolean;
}

/**
 * Builds the title of a report whose first line contains `oops.header`.
 * @example describeReport('BUG: KCSAN: data-race in foo+0x1/0x2\n', oops).title
 */
export function describeReport(text: string, oops: Oops): TitleResult {
  let startPos = text.length;
  let title = '';
  let format: OopsFormat | null = null;
  let guilty: string[] = [];
  let frames: string[] = [];
  let matchedTitle = false;
  let corrupted = false;
  for (const f of oops.formats) {
    const t = f.title.exec(text);
    if (!t || t.index > startPos) continue;
    if (t.index === startPos && title !== '') continue;
    if (t.index < startPos) {
      title = '';
      format = null;
      startPos = t.index;
    }
    matchedTitle = true;
    let match: RegExpExecArray = t;
    if (f.report) {
      const m = f.report.exec(text);
      if (!m) continue;
      match = m;
    }
    const args = match.slice(1).map((g) => g ?? '');
    corrupted = false;
    guilty = [];
    frames = [];
    if (f.stack) {
      const res = extractStack(text.slice(match.index), f.stack);
      if (!res.ok) corrupted = true;
      args.push(...res.keys);
      guilty = res.keys;
      frames = res.seen;
    }
    title = formatTitle(f.fmt, args);
    format = f;
  }
  if (title === '') {
    // A header without a matching format: use its line as the title; the report is suspect.
    if (matchedTitle) corrupted = true;
    const pos = text.indexOf(oops.header);
    if (pos >= 0) {
      const end = text.indexOf('\n', pos);
      title = text.slice(pos, end < 0 ? text.length : end);
    }
  }
  if (format?.corrupted) corrupted = true;
  if (!corrupted && format && !format.noStackTrace && format.stack && !hasStack(text)) corrupted = true;
  // A stack format may stop at the trapping RIP line; the call trace still belongs to the crash.
  if (frames.length <= 1) frames = [...frames, ...displayFrames(text).filter((f, i) => i > 0 || f !== frames[0])];
  // The frame named on the header line usually reappears in the trace below it.
  if (frames.length > 1 && frames.indexOf(frames[0]!, 1) > 0) frames = frames.slice(1);
  // Only the frames the title names identify the bug.
  guilty = guilty.filter((g) => title.includes(g));
  return { title, format, guilty, frames, corrupted };
}

const STACK_KEYS = /Call (?:T|t)race|[^k] backtrace:|Backtrace:|Allocated by task|Freed by task/;

function hasStack(text: string): boolean {
  return STACK_KEYS.test(text);
}
