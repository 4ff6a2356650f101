/** Canonical form, JSON merge patch (RFC 7396) and change lists for incident records. */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Drops what carries no information (undefined, empty strings, empty arrays and objects), so that
 * "left blank" has one representation and an export→import round trip compares equal.
 * @example canonicalize({ a: '', b: { c: [] }, d: 1 }) // { d: 1 }
 */
export function canonicalize<T>(value: T): T {
  return (prune(value) ?? {}) as T;
}

function prune(value: unknown): unknown {
  if (value === undefined || value === null || value === '') return undefined;
  if (Array.isArray(value)) {
    const items = value.map(prune).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const p = prune(v);
      if (p !== undefined) out[k] = p;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/**
 * Applies a JSON merge patch: objects merge recursively, arrays and scalars replace, null removes.
 * @example mergePatch({ a: { b: 1, c: 2 } }, { a: { c: null } }) // { a: { b: 1 } }
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * The merge patch that turns `before` into `after` (what `mergePatch(before, ·)` needs to give
 * `after`): keys only `before` has are removed, so a section is replaced, not mixed with its old values.
 * @example replacePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: 4 } }) // { a: null, b: { c: 4, d: null } }
 */
export function replacePatch(before: unknown, after: unknown): unknown {
  if (!isPlainObject(before) || !isPlainObject(after)) return after;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(before)) if (!(k in after)) out[k] = null;
  for (const [k, v] of Object.entries(after)) out[k] = replacePatch(before[k], v);
  return out;
}

export interface Change {
  path: string;
  from?: Json;
  to?: Json;
}

/**
 * Lists leaf-level changes between two canonical records, for the audit trail.
 * @example diffRecords({ a: 1 }, { a: 2 }) // [{ path: 'a', from: 1, to: 2 }]
 */
export function diffRecords(before: unknown, after: unknown, path = ''): Change[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffRecords(before[k], after[k], path ? `${path}.${k}` : k));
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const change: Change = { path };
  if (before !== undefined) change.from = before as Json;
  if (after !== undefined) change.to = after as Json;
  return [change];
}
