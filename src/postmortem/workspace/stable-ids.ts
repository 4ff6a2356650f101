/**
 * Stable ids of the items the engines propose (suggested factors, action drafts). They are derived
 * from what an item is, not from its place in a list: deciding one item leaves the others' ids as
 * they were, and an id shown once either names the same item or is refused, never another item.
 */
import { createHash } from 'node:crypto';
import { InputError } from '../../shared/errors.js';

/** Fewest hex digits an id shows (65,536 values: a collision among a few dozen items is rare, and handled). */
const MIN_HEX = 4;

export interface StableId {
  /** What the user sees and types: the prefix and the shortest unambiguous hex prefix, e.g. S3fa2. */
  id: string;
  /** The prefix and the whole hash: what a typed id is matched against. */
  full: string;
}

const hashOf = (prefix: string, key: string) => `${prefix}${createHash('sha1').update(key).digest('hex')}`;

/**
 * Ids for item keys: the prefix and the fewest hex digits (at least four) that tell each key apart
 * from the other keys of the set, as git shortens commit hashes. Equal keys get equal ids.
 * @example stableIds('S', ['metric cpu', 'crash 7097cc']).map((s) => s.id) // ['S1c2f', 'S80ab']
 */
export function stableIds(prefix: string, keys: readonly string[]): StableId[] {
  const fulls = keys.map((k) => hashOf(prefix, k));
  // In sorted order a hash shares its longest prefix with a neighbour: one more digit tells it apart.
  const sorted = [...new Set(fulls)].sort();
  const length = new Map<string, number>();
  sorted.forEach((full, i) => {
    const shared = Math.max(commonPrefix(full, sorted[i - 1]), commonPrefix(full, sorted[i + 1]));
    length.set(full, Math.max(prefix.length + MIN_HEX, shared + 1));
  });
  return fulls.map((full) => ({ id: full.slice(0, length.get(full)), full }));
}

function commonPrefix(a: string, b: string | undefined): number {
  if (b === undefined) return 0;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i;
}

/**
 * Whether a typed word has the shape of a stable id with this prefix (any case).
 * @example looksLikeStableId('S', 's3fa2') === true && looksLikeStableId('S', '1') === false
 */
export function looksLikeStableId(prefix: string, typed: string): boolean {
  return new RegExp(`^${prefix}[0-9a-f]{${MIN_HEX},40}$`, 'i').test(typed.trim());
}

/**
 * The item a typed id names: its full id starts with what was typed (case-insensitive, at least four
 * hex digits). Undefined when none does; an id that fits several items is refused as ambiguous.
 * @example findByStableId(items, 's1c2f', 'suggestion')
 */
export function findByStableId<T extends StableId>(items: readonly T[], typed: string, what: string): T | undefined {
  const t = typed.trim();
  const wanted = `${t.slice(0, 1).toUpperCase()}${t.slice(1).toLowerCase()}`;
  const matches = items.filter((i, k) => i.full.startsWith(wanted) && items.findIndex((j) => j.full === i.full) === k);
  if (matches.length > 1) throw new InputError(`${what} id ${typed} is ambiguous: it fits ${matches.map((m) => m.id).join(', ')}`);
  return matches[0];
}
