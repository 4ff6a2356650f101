import { describe, expect, it } from 'vitest';
import { mergePatch, replacePatch } from './merge.js';

describe('replacePatch', () => {
  it('gives the merge patch that turns one record into another, removing what only the first has', () => {
    const before = { a: 1, b: { c: 2, d: 3 }, e: [1, 2], f: { g: 1 } };
    const after = { b: { c: 4 }, e: [3], f: 'x', h: { i: 5 } };
    const patch = replacePatch(before, after);
    expect(patch).toEqual({ a: null, b: { c: 4, d: null }, e: [3], f: 'x', h: { i: 5 } });
    expect(mergePatch(before, patch)).toEqual(after);
  });
});
