/**
 * Groups distinct masked token sequences ("signatures") into templates, Brain-style: within
 * sequences of equal length, a line's longest common pattern (the largest set of its non-wildcard
 * tokens sharing one frequency) picks its root group; a root group is then split recursively on the
 * column with the fewest distinct values, unless columns.ts judges that column a variable.
 */
import { WILDCARD } from './chars.js';
import { isVariableColumn, namesEvents, variableToken, type ColumnRules } from './columns.js';

export interface Signature {
  /** Masked tokens. */
  tokens: readonly string[];
  /** Number of lines seen with these tokens. */
  count: number;
}

export interface ClusterResult {
  /** Cluster index of each signature. */
  clusterOf: Int32Array;
  /** Template tokens of each cluster, variables as `<*>` with their shared punctuation. */
  templates: string[][];
}

/**
 * Clusters signatures; deterministic for a given signature order.
 * @example clusterSignatures([{ tokens: ['user', 'a'], count: 1 }, { tokens: ['user', 'b'], count: 1 }], { maxConstants: 2 }).templates // [['user', '<*>']]
 */
export function clusterSignatures(sigs: readonly Signature[], rules: ColumnRules): ClusterResult {
  const clusterOf = new Int32Array(sigs.length).fill(-1);
  const templates: string[][] = [];
  const byLength = new Map<number, number[]>();
  sigs.forEach((s, i) => {
    const g = byLength.get(s.tokens.length);
    if (g) g.push(i);
    else byLength.set(s.tokens.length, [i]);
  });
  const emit = (ids: readonly number[], template: string[]): void => {
    const c = templates.length;
    templates.push(template);
    for (const i of ids) clusterOf[i] = c;
  };
  for (const [len, members] of byLength) {
    for (const group of rootGroups(sigs, members, len)) partition(sigs, group, len, rules, emit);
  }
  return { clusterOf, templates };
}

/** Splits same-length signatures by their longest common pattern. */
function rootGroups(sigs: readonly Signature[], members: readonly number[], len: number): number[][] {
  const freq: Map<string, number>[] = [];
  for (let p = 0; p < len; p++) freq.push(new Map());
  for (const i of members) {
    const s = sigs[i] as Signature;
    for (let p = 0; p < len; p++) {
      const m = freq[p] as Map<string, number>;
      const t = s.tokens[p] as string;
      m.set(t, (m.get(t) ?? 0) + s.count);
    }
  }
  const groups = new Map<string, number[]>();
  const fs = new Array<number>(len);
  for (const i of members) {
    const s = sigs[i] as Signature;
    // wildcards say nothing about which event a line is, so they never form the root
    const sizes = new Map<number, number>();
    for (let p = 0; p < len; p++) {
      const t = s.tokens[p] as string;
      const f = (freq[p] as Map<string, number>).get(t) as number;
      fs[p] = f;
      if (t !== WILDCARD) sizes.set(f, (sizes.get(f) ?? 0) + 1);
    }
    let bestF = 0;
    let bestN = 0;
    for (const [f, n] of sizes) if (n > bestN || (n === bestN && f > bestF)) [bestF, bestN] = [f, n];
    let key = '';
    for (let p = 0; p < len; p++) if (fs[p] === bestF && s.tokens[p] !== WILDCARD) key += `${p}\u0001${s.tokens[p] as string}\u0002`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  }
  return [...groups.values()];
}

function partition(
  sigs: readonly Signature[],
  ids: readonly number[],
  len: number,
  rules: ColumnRules,
  emit: (ids: readonly number[], template: string[]) => void,
): void {
  const template = (sigs[ids[0] as number] as Signature).tokens.slice();
  let splitPos = -1;
  let splitDistinct = Infinity;
  for (let p = 0; p < len; p++) {
    const set = new Set<string>();
    for (const i of ids) set.add((sigs[i] as Signature).tokens[p] as string);
    if (set.size === 1) continue;
    const values = [...set];
    // the token before, when every line has the same one there: a noun naming this value, perhaps
    const after = p > 0 && !columnVaries(sigs, ids, p - 1) ? ((sigs[ids[0] as number] as Signature).tokens[p - 1] as string) : '';
    if (!(p === 0 && namesEvents(values)) && isVariableColumn(values, rules, after)) template[p] = variableToken(values);
    else if (values.length < splitDistinct) [splitPos, splitDistinct] = [p, values.length];
  }
  if (splitPos < 0) {
    emit(ids, template);
    return;
  }
  const sub = new Map<string, number[]>();
  for (const i of ids) {
    const t = (sigs[i] as Signature).tokens[splitPos] as string;
    const g = sub.get(t);
    if (g) g.push(i);
    else sub.set(t, [i]);
  }
  for (const g of sub.values()) partition(sigs, g, len, rules, emit);
}

function columnVaries(sigs: readonly Signature[], ids: readonly number[], p: number): boolean {
  const first = (sigs[ids[0] as number] as Signature).tokens[p];
  return ids.some((i) => (sigs[i] as Signature).tokens[p] !== first);
}
