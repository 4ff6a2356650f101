/**
 * The 5-whys steps as a tree: each step asks "why?" about its parent. Helpers for the CLI and the
 * service: build the tree with its defects reported (cycles, unknown parents, duplicate ids), find
 * its leaves, and choose the next free item id.
 */
import type { WhyStep } from '../../incidents/schema/index.js';
import { InputError } from '../../shared/errors.js';

export interface WhyNode {
  step: WhyStep;
  /** The step's id, else `#N` (its 1-based position in the list). */
  key: string;
  /** 0-based position in the list. */
  index: number;
  /** 0 for a first why. */
  depth: number;
  children: WhyNode[];
}

export interface WhyTreeIssue {
  code: 'cycle' | 'dangling_parent' | 'duplicate_id';
  /** Key of the step the issue is reported on. */
  step: string;
  message: string;
}

export interface WhyTree {
  /**
   * chain: no step names a parent, so each follows the previous (the classic 5 whys, the paper
   * form); tree: steps with a parent hang under it, steps without one are first whys.
   */
  mode: 'chain' | 'tree';
  roots: WhyNode[];
  issues: WhyTreeIssue[];
}

const keyOf = (step: WhyStep, index: number) => step.id ?? `#${index + 1}`;

/**
 * Builds the why tree. Defects never drop a step: a step whose parent is unknown becomes a root;
 * a cycle is cut at its first step in list order, which becomes a root. Children keep list order.
 * @example whyTree([{ id: 'W1', question: 'Why?' }, { id: 'W2', parent: 'W1', question: 'Why?' }]).roots[0]?.children[0]?.key === 'W2'
 */
export function whyTree(steps: readonly WhyStep[]): WhyTree {
  const issues: WhyTreeIssue[] = [];
  const nodes: WhyNode[] = steps.map((step, index) => ({ step, key: keyOf(step, index), index, depth: 0, children: [] }));
  const mode = steps.some((s) => s.parent !== undefined) ? 'tree' : 'chain';
  // parent[i] = index of the step i asks why about, or -1 for a first why.
  const parent: number[] = nodes.map((_, i) => (mode === 'chain' ? i - 1 : -1));
  if (mode === 'tree') {
    const byId = new Map<string, number>();
    nodes.forEach((n, i) => {
      const id = n.step.id;
      if (id === undefined) return;
      const first = byId.get(id);
      if (first === undefined) byId.set(id, i);
      else issues.push({ code: 'duplicate_id', step: n.key, message: `steps #${first + 1} and #${i + 1} share the id ${id}: children of ${id} hang under #${first + 1}` });
    });
    nodes.forEach((n, i) => {
      const p = n.step.parent;
      if (p === undefined) return;
      const at = byId.get(p);
      if (at === undefined) issues.push({ code: 'dangling_parent', step: n.key, message: `${n.key} asks why about ${p}, which is not a step: shown as a first why` });
      else parent[i] = at;
    });
    breakCycles(nodes, parent, issues);
  }
  nodes.forEach((n, i) => {
    const p = parent[i] ?? -1;
    if (p >= 0) nodes[p]?.children.push(n);
  });
  const roots = nodes.filter((_, i) => (parent[i] ?? -1) < 0);
  const setDepth = (n: WhyNode, d: number): void => {
    n.depth = d;
    for (const c of n.children) setDepth(c, d + 1);
  };
  for (const r of roots) setDepth(r, 0);
  return { mode, roots, issues };
}

/** Follows parent links from each step; a walk that comes back to a step on its own path is a cycle. */
function breakCycles(nodes: WhyNode[], parent: number[], issues: WhyTreeIssue[]): void {
  const state = new Array<0 | 1 | 2>(nodes.length).fill(0); // 0 unseen, 1 on the current path, 2 done
  for (let start = 0; start < nodes.length; start++) {
    const path: number[] = [];
    let i = start;
    while (i >= 0 && state[i] === 0) {
      state[i] = 1;
      path.push(i);
      i = parent[i] ?? -1;
    }
    if (i >= 0 && state[i] === 1) {
      const cycle = path.slice(path.indexOf(i));
      const cut = Math.min(...cycle);
      const names = cycle.map((k) => nodes[k]?.key ?? '?');
      const cutKey = nodes[cut]?.key ?? '?';
      issues.push({
        code: 'cycle',
        step: cutKey,
        message: `the why steps ${[...names, names[0]].join(' → ')} form a cycle (each asks why about the next): ${cutKey} is shown as a first why`,
      });
      parent[cut] = -1;
    }
    for (const k of path) state[k] = 2;
  }
}

/**
 * Every node, depth first in list order.
 * @example walkWhys(whyTree(steps).roots).map((n) => n.key)
 */
export function walkWhys(roots: readonly WhyNode[]): WhyNode[] {
  const out: WhyNode[] = [];
  const visit = (n: WhyNode): void => {
    out.push(n);
    for (const c of n.children) visit(c);
  };
  for (const r of roots) visit(r);
  return out;
}

/**
 * The deepest answers: nodes without children, in list order.
 * @example whyLeaves(whyTree(steps)).map((n) => n.step.answer)
 */
export function whyLeaves(tree: WhyTree): WhyNode[] {
  return walkWhys(tree.roots)
    .filter((n) => n.children.length === 0)
    .sort((a, b) => a.index - b.index);
}

/**
 * The number of an id with a one-letter prefix (W3 → 3), or 0 for an id of another prefix or none.
 * @example idNumber('T', 'T17') === 17
 */
export function idNumber(prefix: string, id: string | null | undefined): number {
  const m = id ? /^([A-Z])(\d{1,6})$/.exec(id.trim()) : null;
  return m?.[1] === prefix ? Number(m[2]) : 0;
}

/**
 * The next free id with a one-letter prefix: one more than the highest number in use with it.
 * @example nextId('W', ['W1', 'W3', 'F9', undefined]) === 'W4'
 */
export function nextId(prefix: string, existingIds: Iterable<string | null | undefined>): string {
  if (!/^[A-Z]$/.test(prefix)) throw new InputError(`id prefix must be one capital letter (W, F, C, A, T), got "${prefix}"`);
  let max = 0;
  for (const id of existingIds) max = Math.max(max, idNumber(prefix, id));
  if (max >= 999_999) throw new InputError(`no ${prefix} id left: ${prefix}999999 is in use`);
  return `${prefix}${max + 1}`;
}
