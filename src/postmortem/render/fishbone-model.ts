/** The fishbone as drawn and tabulated: the effect, and the causes grouped by category in drawing order. */
import type { FishboneCause, Incident } from '../../incidents/schema/index.js';

/** What a fishbone diagram needs, with or without a whole post-mortem around it. */
export interface FishboneDiagram {
  effect: string;
  categories: readonly string[];
  causes: readonly FishboneCause[];
}

export interface FishboneGroup {
  category: string;
  causes: FishboneCause[];
}

const key = (s: string) => s.trim().toLowerCase();

/**
 * Causes by category: the given categories first, in order, then any category a cause names that the
 * list lacks (so that no cause is dropped). Names match case-insensitively.
 * @example fishboneGroups(['People'], [{ category: 'people', cause: 'x' }])[0]?.causes.length // 1
 */
export function fishboneGroups(categories: readonly string[], causes: readonly FishboneCause[]): FishboneGroup[] {
  const groups: FishboneGroup[] = [];
  const byKey = new Map<string, FishboneGroup>();
  const add = (name: string): FishboneGroup => {
    const k = key(name);
    let g = byKey.get(k);
    if (!g) {
      g = { category: name.trim(), causes: [] };
      byKey.set(k, g);
      groups.push(g);
    }
    return g;
  };
  for (const c of categories) if (c.trim() !== '') add(c);
  for (const cause of causes) add(cause.category).causes.push(cause);
  return groups;
}

/**
 * The diagram of a post-mortem: the record's effect (else the incident title), the input's categories.
 * @example fishboneOf(input).effect // 'Order book unavailable'
 */
export function fishboneOf(input: { incident: Incident; categories: readonly string[] }): FishboneDiagram {
  const fb = input.incident.analysis?.fishbone;
  const effect = fb?.effect?.trim() ? fb.effect : input.incident.title;
  return { effect, categories: input.categories, causes: fb?.causes ?? [] };
}
