/** Edits of the fishbone: causes in categories (the configured set unless the record has its own). */
import type { Fishbone, FishboneCause } from '../../incidents/schema/index.js';
import { InputError } from '../../shared/errors.js';
import { nextId } from '../engines/index.js';
import { indexOfId, requireText, withIds } from './ids.js';

/** The categories drawn: the record's own, else the configured ones; a cause's unknown category joins at the end. */
export function fishboneCategories(fb: Fishbone | undefined, configured: readonly string[]): string[] {
  const base = fb?.categories?.length ? [...fb.categories] : [...configured];
  for (const c of fb?.causes ?? []) if (!base.some((b) => b.toLowerCase() === c.category.toLowerCase())) base.push(c.category);
  return base;
}

function canonicalCategory(category: string, known: readonly string[]): string {
  const c = requireText(category, 'the category');
  return known.find((k) => k.toLowerCase() === c.toLowerCase()) ?? c;
}

export interface CauseInput {
  category: string;
  cause: string;
  factor?: string;
  evidence?: string[];
  /** Allow a category outside the drawn set (it is added). */
  newCategory?: boolean;
}

export function addCause(fb: Fishbone | undefined, configured: readonly string[], input: CauseInput): { fishbone: Fishbone; id: string } {
  const known = fishboneCategories(fb, configured);
  const category = canonicalCategory(input.category, known);
  if (!known.includes(category) && !input.newCategory) {
    throw new InputError(`unknown fishbone category "${category}": expected one of ${known.join(', ')} (or allow a new one)`);
  }
  const causes = withIds(fb?.causes ?? [], 'C');
  const id = nextId('C', causes.map((c) => c.id));
  const cause: FishboneCause = {
    id,
    category,
    cause: requireText(input.cause, 'the cause'),
    ...(input.factor ? { factor: input.factor.trim().toUpperCase() } : {}),
    ...(input.evidence?.length ? { evidence: [...new Set(input.evidence)] } : {}),
  };
  const categories = fb?.categories?.length && !fb.categories.includes(category) ? [...fb.categories, category] : fb?.categories;
  return { fishbone: { ...fb, ...(categories ? { categories } : {}), causes: [...causes, cause] }, id };
}

export function removeCause(fb: Fishbone | undefined, id: string): Fishbone {
  const causes = withIds(fb?.causes ?? [], 'C');
  const i = indexOfId(causes, id, 'fishbone cause');
  return { ...fb, causes: causes.filter((_, j) => j !== i) };
}

/** Replaces the categories drawn; causes in a dropped category are refused rather than orphaned. */
export function setCategories(fb: Fishbone | undefined, categories: readonly string[]): Fishbone {
  const cats = [...new Set(categories.map((c) => c.trim()).filter(Boolean))];
  if (cats.length === 0) throw new InputError('give at least one category');
  const orphan = (fb?.causes ?? []).filter((c) => !cats.some((k) => k.toLowerCase() === c.category.toLowerCase()));
  if (orphan.length) throw new InputError(`causes ${orphan.map((c) => c.id ?? c.cause.slice(0, 30)).join(', ')} are in categories not in the new set: move or remove them first`);
  return { ...fb, categories: cats };
}
