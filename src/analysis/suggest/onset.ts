/**
 * The instant an incident's evidence is ranked around: its start, unless the record knows of an
 * earlier first indication (a precursor seen before anyone declared the incident).
 */
import type { Incident } from '../../incidents/schema/index.js';
import { parseTimestamp } from '../../shared/time.js';
import type { Suggestions } from './schema.js';

export interface IncidentOnset {
  at: string;
  ns: bigint;
  source: Suggestions['onset_source'];
}

/**
 * @example incidentOnset({ ...inc, failure: { first_indication_at: '2025-11-26T10:20:00Z' } }).source === 'failure.first_indication_at'
 */
export function incidentOnset(inc: Pick<Incident, 'started_at' | 'failure' | 'timeline'>): IncidentOnset {
  let best: IncidentOnset = { at: inc.started_at, ns: parseTimestamp(inc.started_at).ns, source: 'started_at' };
  const consider = (at: string | undefined, source: IncidentOnset['source']) => {
    if (at === undefined) return;
    const ns = parseTimestamp(at).ns;
    if (ns < best.ns) best = { at, ns, source };
  };
  consider(inc.failure?.first_indication_at, 'failure.first_indication_at');
  for (const e of inc.timeline ?? []) if (e.marker === 'first_indication') consider(e.at, 'timeline.first_indication');
  return best;
}
