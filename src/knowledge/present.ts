/** Human presentation of knowledge matches, shared by `pfa kb search` and `pfa crash --incident`. */
import { table, type Output } from '../cli/output.js';
import type { SimilarIncident } from './score.js';

/**
 * Prints past incidents with what matched, their root cause and permanent fix.
 * @example printSimilar(rt.output, matches)
 */
export function printSimilar(output: Output, matches: readonly SimilarIncident[]): void {
  if (matches.length === 0) return output.out('no similar incident found');
  output.out(
    table(
      matches.map((m) => ({ incident: m.incident_id, score: m.score.toFixed(2), started: m.started_at.slice(0, 10), status: m.status, title: m.title })),
      ['incident', 'score', 'started', 'status', 'title'],
    ),
  );
  for (const m of matches) {
    output.out(`\n${m.incident_id}  ${m.title}`);
    output.out(`  matched: ${m.reasons.join('; ')}`);
    output.out(`  root cause: ${m.root_cause ?? '(not recorded)'}`);
    output.out(`  permanent fix: ${m.permanent_fix ?? '(not recorded)'}`);
  }
}
