/**
 * Contributing factors: engine suggestions a user accepts (kept with their evidence) or rejects
 * (kept too, so they are not proposed again), and factors entered by hand.
 */
import type { Factor } from '../../analysis/suggest/index.js';
import type { ContributingFactor } from '../../incidents/schema/index.js';
import { formatEvidenceLink, type EvidenceLinkKind } from '../../incidents/schema/index.js';
import { ConflictError } from '../../shared/errors.js';
import { nextId } from '../engines/index.js';
import { indexOfId, requireText, withIds } from './ids.js';

/** A suggestion's evidence as record links: series of a metric file, a log line, a crash signature, a past incident. */
export function suggestionLinks(f: Factor): string[] {
  const kind: EvidenceLinkKind = f.kind === 'metric' ? 'metric' : 'log';
  const links = f.evidence.map((e) => formatEvidenceLink({ kind, target: e.evidence_id, ...(e.ref ? { ref: e.ref } : {}) }));
  if (f.signature) links.unshift(formatEvidenceLink({ kind: 'crash', target: f.signature }));
  if (f.incident_id) links.unshift(formatEvidenceLink({ kind: 'incident', target: f.incident_id }));
  return [...new Set(links)].slice(0, 50);
}

/** Same suggestion as a recorded factor: same kind and text (scores change as evidence grows). */
export function sameFactor(a: Pick<ContributingFactor, 'kind' | 'description'>, f: Factor): boolean {
  return a.kind === f.kind && a.description === f.description;
}

/** Suggestions not yet accepted or rejected. */
export function openSuggestions(recorded: readonly ContributingFactor[], suggestions: readonly Factor[]): Factor[] {
  return suggestions.filter((s) => !recorded.some((r) => sameFactor(r, s)));
}

export function decideSuggestion(
  recorded: readonly ContributingFactor[],
  f: Factor,
  status: 'accepted' | 'rejected',
  { category }: { category?: string } = {},
): { factors: ContributingFactor[]; id: string } {
  const all = withIds(recorded, 'F');
  const existing = all.findIndex((r) => sameFactor(r, f));
  if (existing >= 0) {
    const old = all[existing] as ContributingFactor;
    if (old.status === status || (status === 'accepted' && old.status === undefined)) throw new ConflictError(`that suggestion is already ${status} as ${old.id}`);
    return { factors: all.map((r, i) => (i === existing ? { ...r, status } : r)), id: old.id as string };
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
