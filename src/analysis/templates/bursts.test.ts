import { describe, expect, it } from 'vitest';
import { detectTemplateChanges, poissonTailBound } from './bursts.js';

const S = 1_000_000_000n;

describe('detectTemplateChanges', () => {
  // baseline [0 s, 100 s): 'steady' once a second, 'rare' every 20 s; window [100 s, 110 s)
  const ts: bigint[] = [];
  const ids: string[] = [];
  const add = (sec: number, id: string): void => {
    ts.push(BigInt(Math.round(sec * 1000)) * 1_000_000n);
    ids.push(id);
  };
  for (let s = 0; s < 100; s++) add(s, 'steady');
  for (let s = 0; s < 100; s += 20) add(s + 0.5, 'rare');
  for (let s = 100; s < 110; s++) add(s, 'steady');
  for (let k = 0; k < 40; k++) add(100 + k / 4, 'rare'); // 4 per second against 0.05
  add(104, 'fresh');
  add(105.5, 'fresh');
  add(103, 'once');
  add(120, 'later'); // after the window: ignored

  it('reports templates absent from the baseline, in order of appearance', () => {
    const r = detectTemplateChanges(ts, ids, { start: 100n * S, end: 110n * S });
    expect(r.newTemplates.map((t) => [t.templateId, t.windowCount])).toEqual([['once', 1], ['fresh', 2]]);
    expect(r.newTemplates[1]?.windowRate).toBeCloseTo(0.2);
    expect(r.newTemplates[1]?.firstSeen).toBe(104n * S);
  });

  it('reports a template whose rate jumps far above its baseline, with counts and rates', () => {
    const r = detectTemplateChanges(ts, ids, { start: 100n * S, end: 110n * S });
    expect(r.bursting).toHaveLength(1);
    const b = r.bursting[0];
    expect(b).toMatchObject({ templateId: 'rare', windowCount: 40, baselineCount: 5 });
    expect(b?.windowRate).toBeCloseTo(4);
    expect(b?.baselineRate).toBeCloseTo(0.05);
    expect(b?.ratio).toBeCloseTo(80);
    expect(b?.pValue).toBeLessThan(1e-20);
    expect(r.windowLines).toBe(53);
    expect(r.baselineLines).toBe(105);
  });

  it('does not flag steady templates or small fluctuations', () => {
    const r = detectTemplateChanges(ts, ids, { start: 100n * S, end: 110n * S }, { minRatio: 2 });
    expect(r.bursting.map((b) => b.templateId)).toEqual(['rare']);
  });

  it('honours the baseline start and rejects bad input', () => {
    const r = detectTemplateChanges(ts, ids, { start: 100n * S, end: 110n * S }, { baselineStart: 50n * S });
    expect(r.baselineLines).toBe(52);
    expect(() => detectTemplateChanges([1n], [], { start: 0n, end: 1n })).toThrow(/same length/);
    expect(() => detectTemplateChanges([], [], { start: 2n, end: 1n })).toThrow(/window/);
  });

  it('works with numeric template indexes and typed arrays', () => {
    const r = detectTemplateChanges(BigInt64Array.from([0n, 5n * S, 6n * S]), [1, 2, 2], { start: 4n * S, end: 7n * S });
    expect(r.newTemplates.map((t) => t.templateId)).toEqual([2]);
  });
});

describe('poissonTailBound', () => {
  it('bounds the chance of k or more events', () => {
    expect(poissonTailBound(1, 2)).toBe(1);
    expect(poissonTailBound(20, 1)).toBeLessThan(1e-10);
    expect(poissonTailBound(12, 10)).toBeGreaterThan(0.5);
  });
});
