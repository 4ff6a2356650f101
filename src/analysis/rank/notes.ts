/**
 * The one-line notes under the human ranking: what the tables do not show but changes how to read
 * them (a series ranked on its rate, cells that were not numbers). JSON carries the same facts.
 */
import type { RankReport } from './report.js';

/** Names listed in a note before "+N more": enough to recognise, bounded for wide files. */
const LISTED = 5;

/**
 * Notes for the human report, each one line, in a stable order.
 * @example reportNotes(report) // → ['ranked on their per-second rate (counters): errors_total']
 */
export function reportNotes(report: Pick<RankReport, 'ranking'>): string[] {
  const notes: string[] = [];
  const rates = report.ranking.filter((r) => r.rate).map((r) => r.series);
  if (rates.length) notes.push(`ranked on their per-second rate (counters): ${listed(rates)}`);
  return notes;
}

function listed(names: readonly string[]): string {
  const shown = names.slice(0, LISTED).join(', ');
  return names.length > LISTED ? `${shown} +${names.length - LISTED} more` : shown;
}
