/**
 * The 5-whys steps as a forest: a step's `parent` names the step it asks "why?" about. Steps entered
 * without any parent are the framework's classic chain, read in order.
 */
import type { WhyStep } from '../../incidents/schema/index.js';

export interface WhyNode {
  step: WhyStep;
  /** Position in the record's list (for stable labels when a step has no id). */
  index: number;
  children: WhyNode[];
}

export interface WhyForest {
  /** True when no step names a parent: render as a numbered chain. */
  chain: boolean;
  roots: WhyNode[];
}

/**
 * Builds the tree by `parent`. A parent that does not exist makes its child a root; a cycle is broken
 * at the earliest step of it, so every step appears exactly once.
 * @example whyForest([{ id: 'W1', question: 'a' }, { id: 'W2', parent: 'W1', question: 'b' }]).roots[0]?.children.length // 1
 */
export function whyForest(steps: readonly WhyStep[]): WhyForest {
  const nodes: WhyNode[] = steps.map((step, index) => ({ step, index, children: [] }));
  const chain = steps.every((s) => s.parent === undefined);
  if (chain) return { chain, roots: nodes };
  const byId = new Map<string, WhyNode>();
  for (const n of nodes) if (n.step.id !== undefined && !byId.has(n.step.id)) byId.set(n.step.id, n);
  const parentOf = (n: WhyNode): WhyNode | undefined => {
    const p = n.step.parent === undefined ? undefined : byId.get(n.step.parent);
    return p === n ? undefined : p;
  };
  const childrenOf = new Map<WhyNode, WhyNode[]>();
  for (const n of nodes) {
    const p = parentOf(n);
    if (p) childrenOf.set(p, [...(childrenOf.get(p) ?? []), n]);
  }
  const placed = new Set<WhyNode>();
  const attach = (n: WhyNode): void => {
    placed.add(n);
    for (const c of childrenOf.get(n) ?? []) {
      if (placed.has(c)) continue;
      n.children.push(c);
      attach(c);
    }
  };
  const roots: WhyNode[] = [];
  for (const n of nodes) {
    if (parentOf(n) === undefined) {
      roots.push(n);
      attach(n);
    }
  }
  // Whatever is left hangs off a cycle: start it at its earliest step.
  for (const n of nodes) {
    if (!placed.has(n)) {
      roots.push(n);
      attach(n);
    }
  }
  roots.sort((a, b) => a.index - b.index);
  return { chain, roots };
}

/** Every step marked as a root cause, in record order. */
export function rootCauseSteps(steps: readonly WhyStep[]): WhyStep[] {
  return steps.filter((s) => s.root_cause === true);
}
