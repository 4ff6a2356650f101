/**
 * Knowledge-base use cases: find past incidents like a query, and record the crash signatures of an
 * incident (with links to the past incidents that had the same crash) as an audited update.
 */
import { allIncidents } from '../incidents/store.js';
import { getIncident, updateIncident, type Deps } from '../incidents/service.js';
import type { Incident } from '../incidents/schema/index.js';
import type { Context } from '../shared/context.js';
import { docOf, rankSimilar, type KnowledgeDoc, type RankSimilarOptions, type SimilarIncident, type SimilarityQuery } from './score.js';
import { crashSignaturesOf, withCrashTags } from './signatures.js';

/**
 * Past incidents that look like the query, best first. Scans every incident once (the store has
 * no text index; incidents number in the thousands, not millions).
 * @example await similarIncidents(deps, { signatures: ['4f2a9c01d3e7:segfault:parse_order'] }, { exclude: ['SYS-20251126-001'] })
 */
export async function similarIncidents(deps: Deps, query: SimilarityQuery, options: RankSimilarOptions = {}): Promise<SimilarIncident[]> {
  const docs: KnowledgeDoc[] = [];
  for await (const inc of allIncidents(deps.db)) docs.push(docOf(inc));
  return rankSimilar(query, docs, options);
}

/** Most `related.similar` entries the schema allows. */
const RELATED_MAX = 100;

export interface LinkResult {
  incident: Incident;
  /** Signatures that were not on the incident before. */
  added: string[];
  /** Other incidents with at least one of the signatures, best first. */
  matches: SimilarIncident[];
  /** Incident ids newly listed under related.similar. */
  linked: string[];
}

/**
 * Records crash signatures on an incident as `crash:<signature>` tags and lists the other incidents
 * that carry one of them under `related.similar`, in one update based on the current version.
 * @example const { added, matches } = await linkCrashSignatures(deps, ctx, 'SYS-20251126-002', crashes.map((c) => c.signature));
 */
export async function linkCrashSignatures(deps: Deps, ctx: Context, incidentId: string, signatures: readonly string[]): Promise<LinkResult> {
  const current = await getIncident(deps, incidentId);
  const unique = [...new Set(signatures.map((s) => s.trim()).filter((s) => s !== ''))];
  const found = await similarIncidents(deps, { signatures: unique }, { exclude: [incidentId], limit: RELATED_MAX });
  const matches = found.filter((m) => m.shared_signatures.length > 0);

  const had = new Set(crashSignaturesOf(current.analysis?.tags));
  const added = unique.filter((s) => !had.has(s));
  const similar = [...(current.related?.similar ?? [])];
  const listed = new Set(similar.map((s) => s.incident_id));
  const linked: string[] = [];
  for (const m of matches) {
    if (listed.has(m.incident_id) || similar.length >= RELATED_MAX) continue;
    similar.push({ incident_id: m.incident_id, date: m.started_at.slice(0, 10), similarity: `same crash signature ${m.shared_signatures[0] ?? ''}`.slice(0, 500) });
    listed.add(m.incident_id);
    linked.push(m.incident_id);
  }
  if (added.length === 0 && linked.length === 0) return { incident: current, added, matches, linked };

  const patch: Record<string, unknown> = {};
  if (added.length) patch.analysis = { tags: withCrashTags(current.analysis?.tags, added) };
  if (linked.length) patch.related = { similar };
  const incident = await updateIncident(deps, ctx, incidentId, patch, current.version);
  return { incident, added, matches, linked };
}
