/** Dotted-path access into plain record objects (the form addresses fields as `system_state.cpu.overall_pct`). */

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @example getPath({ a: { b: 1 } }, 'a.b') === 1 */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

/** @example const o = {}; setPath(o, 'a.b', 1); // o = { a: { b: 1 } } */
export function setPath(obj: Obj, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = obj;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (isObj(next)) cur = next;
    else {
      const created: Obj = {};
      cur[key] = created;
      cur = created;
    }
  }
  cur[keys[keys.length - 1] ?? ''] = value;
}
