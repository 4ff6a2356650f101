import { describe, expect, it } from 'vitest';
import type { WhyStep } from '../../incidents/schema/index.js';
import { nextId, walkWhys, whyLeaves, whyTree, type WhyNode } from './whys.js';

const q = (over: Partial<WhyStep>): WhyStep => ({ question: 'Why?', ...over });
const shape = (nodes: readonly WhyNode[]): unknown => nodes.map((n) => (n.children.length ? { [n.key]: shape(n.children) } : n.key));

describe('whyTree', () => {
  it('reads steps without parents as a chain, each asking why about the previous', () => {
    const t = whyTree([q({}), q({}), q({ id: 'W7' }), q({})]);
    expect(t.mode).toBe('chain');
    expect(shape(t.roots)).toEqual([{ '#1': [{ '#2': [{ W7: ['#4'] }] }] }]);
    expect(walkWhys(t.roots).map((n) => n.depth)).toEqual([0, 1, 2, 3]);
    expect(whyLeaves(t).map((n) => n.key)).toEqual(['#4']);
    expect(t.issues).toEqual([]);
  });

  it('builds a tree by parent, with several roots and branches in list order', () => {
    const t = whyTree([
      q({ id: 'W1' }),
      q({ id: 'W2', parent: 'W1' }),
      q({ id: 'W3', parent: 'W1' }),
      q({ id: 'W4', parent: 'W2' }),
      q({}), // no parent in a tree: a second first why
      q({ id: 'W5', parent: 'W3' }),
    ]);
    expect(t.mode).toBe('tree');
    expect(shape(t.roots)).toEqual([{ W1: [{ W2: ['W4'] }, { W3: ['W5'] }] }, '#5']);
    expect(whyLeaves(t).map((n) => n.key)).toEqual(['W4', '#5', 'W5']);
  });

  it('reports a parent that is not a step and keeps the step as a root', () => {
    const t = whyTree([q({ id: 'W1' }), q({ id: 'W2', parent: 'W9' })]);
    expect(shape(t.roots)).toEqual(['W1', 'W2']);
    expect(t.issues).toEqual([{ code: 'dangling_parent', step: 'W2', message: 'W2 asks why about W9, which is not a step: shown as a first why' }]);
  });

  it('reports cycles, self-references included, and cuts them at the first step', () => {
    const t = whyTree([q({ id: 'W1' }), q({ id: 'W2', parent: 'W4' }), q({ id: 'W3', parent: 'W2' }), q({ id: 'W4', parent: 'W3' }), q({ id: 'W5', parent: 'W5' }), q({ id: 'W6', parent: 'W3' })]);
    expect(t.issues.map((i) => i.code)).toEqual(['cycle', 'cycle']);
    expect(t.issues[0]?.message).toBe('the why steps W2 → W4 → W3 → W2 form a cycle (each asks why about the next): W2 is shown as a first why');
    expect(t.issues[1]?.message).toMatch(/^the why steps W5 → W5 form a cycle/);
    expect(shape(t.roots)).toEqual(['W1', { W2: [{ W3: ['W4', 'W6'] }] }, 'W5']);
    expect(walkWhys(t.roots)).toHaveLength(6);
  });

  it('reports duplicate ids and hangs children under the first', () => {
    const t = whyTree([q({ id: 'W1' }), q({ id: 'W1' }), q({ id: 'W2', parent: 'W1' })]);
    expect(t.issues).toEqual([{ code: 'duplicate_id', step: 'W1', message: 'steps #1 and #2 share the id W1: children of W1 hang under #1' }]);
    expect(shape(t.roots)).toEqual([{ W1: ['W2'] }, 'W1']);
  });

  it('handles an empty list', () => {
    expect(whyTree([])).toEqual({ mode: 'chain', roots: [], issues: [] });
  });
});

describe('nextId', () => {
  it('is one more than the highest id with the prefix', () => {
    expect(nextId('W', ['W1', 'W3', 'F9', undefined, null, 'W10x', 'w12'])).toBe('W4');
    expect(nextId('F', [])).toBe('F1');
    expect(nextId('C', ['C9', 'C10'])).toBe('C11');
  });
  it('rejects a prefix that is not one capital letter', () => {
    expect(() => nextId('WX', [])).toThrow(/one capital letter/);
  });
});
