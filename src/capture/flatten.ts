/**
 * Flattens a snapshot into leaf values by path, with array elements keyed by their identity (device
 * name, mount point, pid) rather than position, so two snapshots line up device by device. The paths
 * are those `unavailable` items use: `disk.devices[vda].read_iops`.
 */

export type Leaf = number | string | boolean | null;

export interface Flat {
  leaves: Map<string, Leaf>;
  /** Paths of keyed array elements (`disk.devices[vda]`). */
  elements: Set<string>;
}

// pid before name: many processes share a name.
const KEYS = ['pid', 'name', 'mount', 'address', 'command', 'item'] as const;

/** The identity of an array element: its first identifying field, else its position. */
export function elementKey(el: unknown, index: number): string {
  if (el !== null && typeof el === 'object') {
    for (const k of KEYS) {
      const v = (el as Record<string, unknown>)[k];
      if (typeof v === 'string' || typeof v === 'number') return String(v);
    }
  }
  return String(index);
}

/**
 * Leaves of a JSON value by path. Arrays of plain values become one comma-joined leaf.
 * @example flatten({ a: { b: 1 }, d: [{ name: 'x', v: null }] }).leaves → a.b = 1, d[x].v = null
 */
export function flatten(value: unknown, { skip = () => false }: { skip?: (path: string) => boolean } = {}): Flat {
  const out: Flat = { leaves: new Map(), elements: new Set() };
  const walk = (v: unknown, path: string) => {
    if (path !== '' && skip(path)) return;
    if (Array.isArray(v)) {
      if (v.every((x) => x === null || typeof x !== 'object')) {
        out.leaves.set(path, v.map(String).join(','));
        return;
      }
      v.forEach((el, i) => {
        const p = `${path}[${elementKey(el, i)}]`;
        out.elements.add(p);
        walk(el, p);
      });
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, path === '' ? k : `${path}.${k}`);
    } else if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
      out.leaves.set(path, v);
    }
  };
  walk(value, '');
  return out;
}

/** Whether `path` is `item` or lies under it. */
export function isUnder(path: string, item: string): boolean {
  return path === item || path.startsWith(`${item}.`) || path.startsWith(`${item}[`);
}

/**
 * Paths of null leaves not covered by any `unavailable` item: empty for an honest snapshot.
 * @example uncoveredNulls(snapshot) → []
 */
export function uncoveredNulls(snapshot: { unavailable: readonly { item: string }[] }): string[] {
  const items = snapshot.unavailable.map((u) => u.item);
  const { leaves } = flatten(snapshot, { skip: (p) => p === 'unavailable' });
  return [...leaves].filter(([p, v]) => v === null && !items.some((i) => isUnder(p, i))).map(([p]) => p);
}
