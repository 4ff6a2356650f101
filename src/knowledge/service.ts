/**
 * Knowledge-base use cases: find past incidents like a query (and say why none matched), and record
 * the crash signatures of an incident (with links to the past incidents that had the same crash) as
 * an audited update.
 */
import { allIncidents } from '../incidents/store.js';
import { getIncident, updateIncident, type Deps } from '../incidents/service.js';
import type { Incident } from '../incidents/schema/index.js';
import type { Context } from '../shared/context.js';
import { docOf, rankSimilar, type KnowledgeDoc, type RankSimilarOptions, type SimilarIncident, type SimilarityQuery } from './score.js';
import { crashSignaturesOf, plainTags, withCrashTags } from './signatures.js';

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

/** How many known values an explanation lists before "…". */
const KNOWN_SHOWN = 12;

/**
 * Why nothing matched: each exact filter (signature, tag, component, failure type) that no incident
 * in the store carries, with the values that are there. Text is scored, not filtered: no line for it.
 * @example await explainNoMatch(deps, { component: 'cpu' }) // ['no incident has component cpu; components recorded: memory, network']
 */
export async function explainNoMatch(deps: Deps, query: SimilarityQuery): Promise<string[]> {
  const filters: { what: string; plural: string; asked: string[]; of: (d: KnowledgeDoc) => readonly (string | null)[]; seen: Set<string> }[] = [
    { what: 'crash signature', plural: 'crash signatures', asked: [...(query.signatures ?? [])], of: (d) => d.signatures, seen: new Set() },
    { what: 'tag', plural: 'tags', asked: plainTags(query.tags ?? []).map((t) => t.trim().toLowerCase().replace(/\s+/g, ' ')), of: (d) => d.tags, seen: new Set() },
    { what: 'component', plural: 'components', asked: query.component ? [query.component] : [], of: (d) => [d.component], seen: new Set() },
    { what: 'failure type', plural: 'failure types', asked: query.failure_type ? [query.failure_type] : [], of: (d) => [d.failure_type], seen: new Set() },
  ];
  for await (const inc of allIncidents(deps.db)) {
    const d = docOf(inc);
    for (const f of filters) for (const v of f.of(d)) if (v) f.seen.add(v);
  }
  const lines: string[] = [];
  for (const { what, plural, asked, seen } of filters) {
    // one tag of several present: that filter did match something
    if (asked.length === 0 || asked.some((v) => seen.has(v))) continue;
    const known = [...seen].sort();
    const list = known.length === 0 ? `no ${plural} recorded` : `${plural} recorded: ${known.slice(0, KNOWN_SHOWN).join(', ')}${known.length > KNOWN_SHOWN ? `, … (${known.length} in all)` : ''}`;
    lines.push(`no incident has ${what} ${asked.join(', ')}; ${list}`);
  }
  return lines;
}
