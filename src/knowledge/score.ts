/**
 * Scores past incidents against a query (crash signatures, component, failure type, tags, text).
 * A shared crash signature is the same bug seen again, so it outranks every other kind of match;
 * the rest is a weighted mean of what the query asked about. Pure: the service feeds it incidents.
 */
import { choices, type Incident } from '../incidents/schema/index.js';
import { timestampSortKey } from '../shared/time.js';
import { crashSignaturesOf, plainTags } from './signatures.js';
import { cosine, coverage, idfOf, termCounts, tokenize, weigh, type TermCounts } from './text.js';

/** What to look for; every field is optional, at least one should be given. */
export interface SimilarityQuery {
  signatures?: readonly string[];
  tags?: readonly string[];
  component?: string;
  failure_type?: string;
  text?: string;
}

/** The parts of a past incident the scoring reads, extracted once. */
export interface KnowledgeDoc {
  incident_id: string;
  title: string;
  started_at: string;
  status: string;
  component: string | null;
  failure_type: string | null;
  signatures: string[];
  tags: string[];
  root_cause: string | null;
  permanent_fix: string | null;
  terms: TermCounts;
}

export interface SimilarIncident {
  incident_id: string;
  title: string;
  started_at: string;
  status: string;
  component: string | null;
  failure_type: string | null;
  /** 0–1. With signatures in the query: ≥ 0.6 when one is shared, ≤ 0.4 otherwise. */
  score: number;
  /** Why it matched, strongest first (e.g. `same crash signature …`, `same component: memory`). */
  reasons: string[];
  shared_signatures: string[];
  root_cause: string | null;
  permanent_fix: string | null;
}

export interface RankSimilarOptions {
  limit?: number;
  /**
   * Least weighted mean of the non-signature criteria for a match without a shared signature:
   * below it, a lone "same component" in a query that also gave text and tags is not a match.
   */
  minScore?: number;
  /** Incident ids to leave out (the incident the query came from). */
  exclude?: readonly string[];
}

/** A text query of at most this many distinct words is a keyword search (see coverage). */
const KEYWORDS = 4;

/** Relative weight of each non-signature criterion; text is continuous and says the most. */
const WEIGHTS = { component: 1, failure_type: 1, tags: 1, text: 1.5 } as const;
/** Share of the score a shared signature is worth; everything else shares the rest. */
const SIGNATURE_SHARE = 0.6;

const normTag = (t: string) => t.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * The knowledge document of an incident: title and root cause are its text.
 * @example docOf(incident).signatures // ['4f2a9c01d3e7:segfault:parse_order']
 */
export function docOf(inc: Incident): KnowledgeDoc {
  const rootCause = inc.analysis?.root_cause?.trim() || null;
  return {
    incident_id: inc.id,
    title: inc.title,
    started_at: inc.started_at,
    status: inc.status,
    component: inc.component ?? null,
    failure_type: inc.failure_type ?? null,
    signatures: crashSignaturesOf(inc.analysis?.tags),
    tags: [...new Set(plainTags(inc.analysis?.tags).map(normTag).filter((t) => t !== ''))],
    root_cause: rootCause,
    permanent_fix: inc.resolution?.permanent_fix?.description?.trim() || null,
    terms: termCounts(tokenize(`${inc.title}\n${rootCause ?? ''}`)),
  };
}

/** Set cosine (Ochiai): shared / √(|a|·|b|), so neither a one-tag query nor a 50-tag incident dominates. */
function tagSimilarity(a: ReadonlySet<string>, b: readonly string[]): { score: number; shared: string[] } {
  if (a.size === 0 || b.length === 0) return { score: 0, shared: [] };
  const shared = b.filter((t) => a.has(t));
  return { score: shared.length / Math.sqrt(a.size * b.length), shared };
}

/**
 * Scores and sorts candidates, best first (ties: newer first, then id).
 * @example rankSimilar({ signatures: ['ab:oom-kill:-'] }, docs)[0]?.reasons[0] // 'same crash signature ab:oom-kill:-'
 */
export function rankSimilar(query: SimilarityQuery, docs: readonly KnowledgeDoc[], { limit = 10, minScore = 0.4, exclude = [] }: RankSimilarOptions = {}): SimilarIncident[] {
  const excluded = new Set(exclude);
  const candidates = docs.filter((d) => !excluded.has(d.incident_id));
  const signatures = new Set((query.signatures ?? []).map((s) => s.trim()).filter((s) => s !== ''));
  const tags = new Set(plainTags(query.tags ?? []).map(normTag).filter((t) => t !== ''));
  const component = query.component?.trim() ? choices.component.normalize(query.component) : null;
  const failureType = query.failure_type?.trim() ? choices.failureType.normalize(query.failure_type) : null;
  const queryTerms = termCounts(tokenize(query.text ?? ''));
  const idf = idfOf(candidates.map((d) => d.terms));
  const queryText = weigh(queryTerms, idf);

  // Only the criteria the query gave take part in the mean.
  const active = (component ? WEIGHTS.component : 0) + (failureType ? WEIGHTS.failure_type : 0) + (tags.size ? WEIGHTS.tags : 0) + (queryText.norm > 0 ? WEIGHTS.text : 0);
  if (active === 0 && signatures.size === 0) return [];

  const out: SimilarIncident[] = [];
  for (const d of candidates) {
    const reasons: string[] = [];
    const shared = d.signatures.filter((s) => signatures.has(s));
    for (const s of shared) reasons.push(`same crash signature ${s}`);
    let sum = 0;
    if (component && d.component === component) {
      sum += WEIGHTS.component;
      reasons.push(`same component: ${component}`);
    }
    if (failureType && d.failure_type === failureType) {
      sum += WEIGHTS.failure_type;
      reasons.push(`same failure type: ${failureType}`);
    }
    const t = tagSimilarity(tags, d.tags);
    if (t.score > 0) {
      sum += WEIGHTS.tags * t.score;
      reasons.push(`shared tags: ${t.shared.join(', ')}`);
    }
    if (queryText.norm > 0) {
      const text = weigh(d.terms, idf);
      const c = cosine(queryText, text);
      // A few words typed as a search are matched by how many of them the incident holds; a whole
      // incident's text (title and root cause) by cosine, so that shared common words do not suffice.
      const score = queryTerms.size <= KEYWORDS ? Math.max(c.score, coverage(queryText, text)) : c.score;
      if (score > 0) {
        sum += WEIGHTS.text * score;
        reasons.push(`similar words (${score.toFixed(2)}): ${c.words.join(', ')}`);
      }
    }
    if (shared.length === 0 && (active === 0 || sum / active < minScore)) continue;
    // A query of signatures alone is fully answered by a shared one.
    const rest = active > 0 ? sum / active : 1;
    const score = signatures.size === 0 ? rest : shared.length > 0 ? SIGNATURE_SHARE + (1 - SIGNATURE_SHARE) * rest : (1 - SIGNATURE_SHARE) * rest;
    out.push({
      incident_id: d.incident_id,
      title: d.title,
      started_at: d.started_at,
      status: d.status,
      component: d.component,
      failure_type: d.failure_type,
      score: Math.round(score * 1000) / 1000,
      reasons,
      shared_signatures: shared,
      root_cause: d.root_cause,
      permanent_fix: d.permanent_fix,
    });
  }
  const newer = (a: string, b: string) => {
    const [ka, kb] = [timestampSortKey(a), timestampSortKey(b)];
    return ka < kb ? 1 : ka > kb ? -1 : 0;
  };
  out.sort((a, b) => b.score - a.score || newer(a.started_at, b.started_at) || (a.incident_id < b.incident_id ? -1 : 1));
  return out.slice(0, limit);
}
