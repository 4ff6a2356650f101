import { describe, expect, it } from 'vitest';
import { whyForest } from './whys.js';

const ids = (nodes: ReturnType<typeof whyForest>['roots']): unknown[] => nodes.map((n) => (n.children.length ? [n.step.id, ids(n.children)] : n.step.id));

describe('whyForest', () => {
  it('reads steps without any parent as the classic chain', () => {
    const f = whyForest([{ id: 'W1', question: 'a' }, { id: 'W2', question: 'b' }]);
    expect(f.chain).toBe(true);
    expect(ids(f.roots)).toEqual(['W1', 'W2']);
  });

  it('builds a tree by parent, in record order, with dangling parents as roots', () => {
    const f = whyForest([
      { id: 'W1', question: 'a' },
      { id: 'W3', parent: 'W2', question: 'c' },
      { id: 'W2', parent: 'W1', question: 'b' },
      { id: 'W4', parent: 'W1', question: 'd' },
      { id: 'W5', parent: 'W7', question: 'e' },
    ]);
    expect(f.chain).toBe(false);
    expect(ids(f.roots)).toEqual([['W1', [['W2', ['W3']], 'W4']], 'W5']);
  });

  it('breaks a cycle at its earliest step and shows every step once', () => {
    const f = whyForest([
      { id: 'W1', parent: 'W3', question: 'a' },
      { id: 'W2', parent: 'W1', question: 'b' },
      { id: 'W3', parent: 'W2', question: 'c' },
      { id: 'W4', parent: 'W4', question: 'self' },
    ]);
    expect(ids(f.roots)).toEqual([['W1', [['W2', ['W3']]]], 'W4']);
  });
});
