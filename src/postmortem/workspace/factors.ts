/**
 * Contributing factors: engine suggestions a user accepts (kept with their evidence) or rejects
 * (kept too, so they are not proposed again), and factors entered by hand. A suggestion that a
 * recorded factor already covers (same source) is not proposed again either.
 */
import type { Factor } from '../../analysis/suggest/index.js';
import type { ContributingFactor } from '../../incidents/schema/index.js';
import { formatEvidenceLink, parseEvidenceLink, type EvidenceLinkKind } from '../../incidents/schema/index.js';
import { seriesKey, tryParseSelector } from '../../evidence/metrics/index.js';
import { ConflictError } from '../../shared/errors.js';
import { nextId } from '../engines/index.js';
import { indexOfId, requireText, withIds } from './ids.js';
import { stableIds, type StableId } from './stable-ids.js';

/** A suggestion's evidence as record links: series of a metric file, a log line, a crash signature, a past incident. */
export function suggestionLinks(f: Factor): string[] {
  const kind: EvidenceLinkKind = f.kind === 'metric' ? 'metric' : 'log';
  const links = f.evidence.map((e) => formatEvidenceLink({ kind, target: e.evidence_id, ...(e.ref ? { ref: e.ref } : {}) }));
  if (f.signature) links.unshift(formatEvidenceLink({ kind: 'crash', target: f.signature }));
  if (f.incident_id) links.unshift(formatEvidenceLink({ kind: 'incident', target: f.incident_id }));
  return [...new Set(links)].slice(0, 50);
}

/** Same suggestion as a recorded factor: same kind and text. */
export function sameFactor(a: Pick<ContributingFactor, 'kind' | 'description'>, f: Factor): boolean {
  return a.kind === f.kind && a.description === f.description;
}

/** A series however its labels are ordered: `cpu{b="2",a="1"}` and `cpu{a="1",b="2"}` are one series. */
function seriesCoverKey(ref: string): string {
  const s = tryParseSelector(ref);
  return `series:${s ? seriesKey(s.metric, s.labels) : ref.trim()}`;
}

/**
 * What a suggestion is about, apart from its wording (a score or a peak changes as evidence grows):
 * a metric suggestion its leading series, a crash its signature, a similar incident that incident,
 * a log template its line.
 */
function identityOf(f: Factor): string[] {
  const first = f.evidence[0];
  switch (f.kind) {
    case 'metric':
      return first ? [seriesCoverKey(first.ref)] : [];
    case 'crash':
      return f.signature ? [`crash:${f.signature}`] : [];
    case 'similar_incident':
      return f.incident_id ? [`incident:${f.incident_id}`] : [];
    default:
      return first ? [`line:${first.evidence_id}#${first.ref}`] : [];
  }
}

/** The sources a recorded factor's evidence links cover, in the terms of identityOf. */
function coverKeys(links: readonly string[]): Set<string> {
  const keys = new Set<string>();
  for (const l of links) {
    const p = parseEvidenceLink(l);
    if (!p) continue;
    if (p.kind === 'metric' && p.ref) keys.add(seriesCoverKey(p.ref));
    else if (p.kind === 'crash' || p.kind === 'incident') keys.add(`${p.kind}:${p.target}`);
    else if ((p.kind === 'log' || p.kind === 'order' || p.kind === 'system') && p.ref) keys.add(`line:${p.target}#${p.ref}`);
  }
  return keys;
}

/**
 * The recorded factor (accepted or rejected) that already covers a suggestion: same kind and text,
 * or evidence on the same source (the same series, crash signature, past incident or log line).
 * @example coveredBy(recorded, suggestion)?.id // 'F4'
 */
export function coveredBy(recorded: readonly ContributingFactor[], f: Factor): ContributingFactor | undefined {
  const identity = identityOf(f);
  return recorded.find((r) => sameFactor(r, f) || (identity.length > 0 && identity.some((k) => coverKeys(r.evidence ?? []).has(k))));
}

/** A suggestion with its stable id (S…): derived from what it is about, so deciding others leaves it unchanged. */
export type Suggestion = Factor & StableId;

/**
 * Gives each suggestion its stable id, from its kind and identity (its text when it has none).
 * @example identifySuggestions(factors)[0]?.id // 'S3fa2'
 */
export function identifySuggestions(suggestions: readonly Factor[]): Suggestion[] {
  const keys = suggestions.map((f) => `${f.kind}\u0000${identityOf(f)[0] ?? f.description}`);
  // Two suggestions about one source (a template's first occurrence and its burst, on one line) are told apart by their text.
  const repeated = new Set(keys.filter((k, i) => keys.indexOf(k) !== i));
  const ids = stableIds('S', keys.map((k, i) => (repeated.has(k) ? `${k}\u0000${suggestions[i]?.description}` : k)));
  return suggestions.map((f, i) => ({ ...f, ...(ids[i] as StableId) }));
}

/**
 * Suggestions no recorded factor covers yet.
 * @example openSuggestions(inc.analysis?.contributing_factors ?? [], suggestions)
 */
export function openSuggestions<T extends Factor>(recorded: readonly ContributingFactor[], suggestions: readonly T[]): T[] {
  return suggestions.filter((s) => !coveredBy(recorded, s));
}

/**
 * Records a suggestion as an accepted or rejected factor; one that a recorded factor already covers
 * is refused (accepting it again would only duplicate that factor).
 * @example decideSuggestion(recorded, suggestion, 'accepted', { category: 'Technology' }).id // 'F5'
 */
export function decideSuggestion(
  recorded: readonly ContributingFactor[],
  f: Factor,
  status: 'accepted' | 'rejected',
  { category, name = 'that suggestion' }: { category?: string; name?: string } = {},
): { factors: ContributingFactor[]; id: string } {
  const all = withIds(recorded, 'F');
  const old = coveredBy(all, f);
  if (old) {
    const was = old.status ?? 'accepted';
    const change = was === status ? '' : ` (to make it ${status}: set ${old.id} ${status})`;
    throw new ConflictError(`${name} is already covered by ${old.id}, ${was}${change}`, { details: { factor: old.id } });
  }
  const id = nextId('F', all.map((r) => r.id));
  const factor: ContributingFactor = {
    id,
    description: f.description,
    kind: f.kind,
    status,
    ...(f.score !== undefined ? { score: Number(f.score.toFixed(4)) } : {}),
    ...(category ? { category } : {}),
    evidence: suggestionLinks(f),
  };
  return { factors: [...all, factor], id };
}

export interface ManualFactor {
  description: string;
  details?: string;
  category?: string;
  evidence?: string[];
}

export function addFactor(recorded: readonly ContributingFactor[], input: ManualFactor): { factors: ContributingFactor[]; id: string } {
  const all = withIds(recorded, 'F');
  const id = nextId('F', all.map((r) => r.id));
  const factor: ContributingFactor = {
    id,
    description: requireText(input.description, 'the factor'),
    kind: 'manual',
    status: 'accepted',
    ...(input.details?.trim() ? { details: input.details.trim() } : {}),
    ...(input.category?.trim() ? { category: input.category.trim() } : {}),
    ...(input.evidence?.length ? { evidence: [...new Set(input.evidence)] } : {}),
  };
  return { factors: [...all, factor], id };
}

export function setFactorStatus(recorded: readonly ContributingFactor[], id: string, status: 'accepted' | 'rejected'): ContributingFactor[] {
  const all = withIds(recorded, 'F');
  const i = indexOfId(all, id, 'contributing factor');
  return all.map((r, j) => (j === i ? { ...r, status } : r));
}
