/**
 * The one-line notes under the human ranking: what the tables do not show but changes how to read
 * them (a series ranked on its rate, rows refused, cells that were not numbers). JSON carries the
 * same facts in `ranking[].rate` and `files[]`.
 */
import type { RankReport } from './report.js';
import type { RankSeries } from './types.js';

/** Names listed in a note before "+N more": enough to recognise, bounded for wide files. */
const LISTED = 5;

/**
 * Notes for the human report, each one line, in a stable order. `series` are the input series, whose
 * `nonNumeric` counts say which columns held text.
 * @example reportNotes(report, input.series) // → ['ranked on their per-second rate (counters): errors_total', '46 non-numeric values skipped: mem 46']
 */
export function reportNotes(report: Pick<RankReport, 'ranking' | 'files'>, series: readonly Pick<RankSeries, 'name' | 'nonNumeric'>[] = []): string[] {
  const notes: string[] = [];
  const rates = report.ranking.filter((r) => r.rate).map((r) => r.series);
  if (rates.length) notes.push(`ranked on their per-second rate (counters): ${listed(rates)}`);
  const rejected = tally(report.files.map((f) => f.rejected));
  const rows = sum(rejected);
  if (rows) notes.push(`${plural(rows, 'row')} rejected (${listed(counts(rejected))}; examples in --json files[].issues)`);
  const text = report.files.reduce((n, f) => n + (f.skipped.non_numeric ?? 0), 0);
  const columns = series.filter((s) => (s.nonNumeric ?? 0) > 0).sort((a, b) => (b.nonNumeric ?? 0) - (a.nonNumeric ?? 0));
  if (text) notes.push(`${plural(text, 'non-numeric value')} skipped${columns.length ? `: ${listed(columns.map((s) => `${s.name} ${s.nonNumeric ?? 0}`))}` : ''}`);
  return notes;
}

function tally(records: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of records) for (const [k, n] of Object.entries(r)) out[k] = (out[k] ?? 0) + n;
  return out;
}

function sum(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}

/** `reason n` pairs, most frequent first. */
function counts(r: Record<string, number>): string[] {
  return Object.entries(r)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, LISTED).join(', ');
  return items.length > LISTED ? `${shown} +${items.length - LISTED} more` : shown;
}
