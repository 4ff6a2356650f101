/**
 * Edits of the 5-whys tree. A record where no step has a parent is the classic chain (each step asks
 * why about the one before, as the engines' whyTree reads it): the first edit makes that explicit.
 */
import type { WhyStep } from '../../incidents/schema/index.js';
import { ConflictError, InputError } from '../../shared/errors.js';
import { nextId } from '../engines/index.js';
import { indexOfId, requireText, withIds } from './ids.js';

export function normalizeWhys(steps: readonly WhyStep[]): WhyStep[] {
  const all = withIds(steps, 'W');
  if (all.every((s) => !s.parent)) return all.map((s, i) => (i > 0 ? { ...s, parent: all[i - 1]?.id } : s));
  return all;
}

export interface WhyInput {
  question?: string;
  answer?: string;
  /** Parent step id; `null` makes a new first why (a new branch root). Default: the last step. */
  parent?: string | null;
  root_cause?: boolean;
  evidence?: string[];
}

/**
 * Adds a step; by default it follows the last step, which continues the chain.
 * @example addWhy(steps, { question: 'Why did memory run out?', answer: 'Entries leaked', parent: 'W1' })
 */
export function addWhy(steps: readonly WhyStep[], input: WhyInput): { steps: WhyStep[]; id: string } {
  const all = normalizeWhys(steps);
  const id = nextId('W', all.map((s) => s.id));
  const parent = input.parent === undefined ? all.at(-1)?.id : input.parent === null ? undefined : all[indexOfId(all, input.parent, 'why step')]?.id;
  const step: WhyStep = {
    id,
    question: requireText(input.question, 'the question'),
    ...(parent ? { parent } : {}),
    ...(input.answer?.trim() ? { answer: input.answer.trim() } : {}),
    ...(input.root_cause ? { root_cause: true } : {}),
    ...(input.evidence?.length ? { evidence: [...new Set(input.evidence)] } : {}),
  };
  return { steps: [...all, step], id };
}

/** Changes a step's question, answer, parent or root-cause mark. */
export function editWhy(steps: readonly WhyStep[], id: string, input: WhyInput): WhyStep[] {
  const all = normalizeWhys(steps);
  const i = indexOfId(all, id, 'why step');
  const old = all[i] as WhyStep;
  const next: WhyStep = { ...old };
  if (input.question !== undefined) next.question = requireText(input.question, 'the question');
  if (input.answer !== undefined) {
    if (input.answer.trim()) next.answer = input.answer.trim();
    else delete next.answer;
  }
  if (input.root_cause !== undefined) {
    if (input.root_cause) next.root_cause = true;
    else delete next.root_cause;
  }
  if (input.parent !== undefined) {
    if (input.parent === null) delete next.parent;
    else {
      const p = all[indexOfId(all, input.parent, 'why step')]?.id as string;
      if (isDescendant(all, p, old.id as string)) throw new InputError(`${p} follows from ${old.id}: making it ${old.id}'s parent would close a loop`);
      next.parent = p;
    }
  }
  if (input.evidence !== undefined) next.evidence = [...new Set([...(old.evidence ?? []), ...input.evidence])];
  return all.map((s, j) => (j === i ? next : s));
}

function isDescendant(steps: readonly WhyStep[], candidate: string, ancestor: string): boolean {
  const parentOf = new Map(steps.map((s) => [s.id, s.parent]));
  for (let at: string | undefined = candidate, n = 0; at && n <= steps.length; at = parentOf.get(at), n++) if (at === ancestor) return true;
  return false;
}

export function unlinkWhy(steps: readonly WhyStep[], id: string, links: readonly string[]): WhyStep[] {
  const all = normalizeWhys(steps);
  const i = indexOfId(all, id, 'why step');
  const old = all[i] as WhyStep;
  const missing = links.filter((l) => !(old.evidence ?? []).includes(l));
  if (missing.length) throw new InputError(`${old.id} has no evidence link ${missing.join(', ')}`);
  const rest = (old.evidence ?? []).filter((l) => !links.includes(l));
  const { evidence: _e, ...bare } = old;
  return all.map((s, j) => (j === i ? (rest.length ? { ...bare, evidence: rest } : bare) : s));
}

/** Removes a step; one that others follow from is refused unless `cascade` removes them too. */
export function removeWhy(steps: readonly WhyStep[], id: string, { cascade = false } = {}): WhyStep[] {
  const all = normalizeWhys(steps);
  const target = all[indexOfId(all, id, 'why step')]?.id as string;
  const doomed = new Set(all.filter((s) => isDescendant(all, s.id as string, target)).map((s) => s.id));
  if (doomed.size > 1 && !cascade) {
    throw new ConflictError(`${target} has follow-up steps (${[...doomed].filter((d) => d !== target).join(', ')}): remove them first, or remove with cascade (--cascade, ?cascade=true)`);
  }
  return all.filter((s) => !doomed.has(s.id));
}
