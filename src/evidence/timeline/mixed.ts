/**
 * Application logs that carry FIX traffic among their own lines (QuickFIX/J through log4j or SLF4J,
 * a gateway logging `incoming: 8=FIX…`): read by the FIX engine for the messages and by the log
 * reader for everything, so that neither the rejects nor the application's errors are lost. Pure.
 */
import type { SourceEvents } from './collect.js';

/** A head is mixed when at least this share of its lines are not FIX messages (a FIX log's stray garbage is far rarer). */
const OTHER_SHARE = 0.1;
const MIN_OTHER = 2;

/**
 * Whether the first lines of a file sniffed as FIX are an application's log with FIX lines in it.
 * @example isMixedFix('2025-11-26 10:27:30,000 ERROR risk check failed\n2025-11-26 10:27:31,000 INFO in: 8=FIX.4.4|9=5|35=0|10=1|\n…') // true when enough lines are not FIX
 */
export function isMixedFix(head: string): boolean {
  const lines = head.split('\n');
  // The head is cut at a byte count: its last line may be partial.
  if (lines.length > 1) lines.pop();
  let fix = 0;
  let other = 0;
  for (const l of lines) {
    if (l.trim() === '') continue;
    if (FIX_MESSAGE.test(l)) fix++;
    else other++;
  }
  return other >= MIN_OTHER && other >= (fix + other) * OTHER_SHARE;
}

const FIX_MESSAGE = /8=FIXT?\.\d/;

/**
 * One source from the two reads of a mixed file: the FIX engine's events, and the log reader's
 * events on lines that are not already a FIX event; the log reader's account of the lines (it read
 * them all), the FIX reader's notes.
 * @example const merged = mergeMixed(fixRead, logRead);
 */
export function mergeMixed(fix: SourceEvents, log: SourceEvents): SourceEvents {
  const fixLines = new Set(fix.events.map((e) => e.metadata.line));
  const fromLog = log.events.filter((e) => !fixLines.has(e.metadata.line));
  const events = [...fix.events, ...fromLog];
  const notFix = fix.stats.rejected.not_fix ?? 0;
  const rejected = { ...log.stats.rejected };
  if (fix.stats.rejected.no_time) rejected.no_time = Math.max(rejected.no_time ?? 0, fix.stats.rejected.no_time);
  const note = `${notFix} of ${fix.stats.lines} lines are not FIX messages: the file was also read as a ${log.stats.format} log (${fromLog.length} events from it)`;
  return {
    events,
    stats: {
      ...fix.stats,
      format: `fix+${log.stats.format}`,
      events: events.length,
      rejected,
      ...(log.stats.flagged ? { flagged: log.stats.flagged } : {}),
      notes: [...fix.stats.notes, note, ...log.stats.notes],
    },
    ...(log.relative ? { relative: log.relative } : {}),
    ...(log.unplaced?.length ? { unplaced: log.unplaced } : {}),
  };
}
