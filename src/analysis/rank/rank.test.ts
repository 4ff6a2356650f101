import { describe, expect, it } from 'vitest';
import { rankRootCauses } from './rank.js';
import type { RankSeries } from './types.js';

const S = 1_000_000_000n;
const T0 = 1_700_000_000n * S;

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function noisy(seed: number, n: number, level: number, noise: number, step?: { at: number; size: number }): RankSeries['points'] {
  const rnd = rng(seed);
  return Array.from({ length: n }, (_, i) => {
    const g = Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
    return { t: T0 + BigInt(i) * S, v: level + noise * g + (step && i >= step.at ? step.size : 0) };
  });
}

describe('rankRootCauses', () => {
  it('ranks the one series with a step first among noisy ones of very different units', () => {
    const series: RankSeries[] = [
      { name: 'api_cpu', points: noisy(1, 300, 20, 2, { at: 200, size: 30 }) },
      { name: 'api_mem', points: noisy(2, 300, 2e9, 5e7) },
      { name: 'db_mem', points: noisy(3, 300, 8e9, 2e8) },
      { name: 'db_cpu', points: noisy(4, 300, 50, 5) },
      { name: 'web_latency', points: noisy(5, 300, 0.05, 0.005) },
      { name: 'web_bytes_out', points: noisy(6, 300, 1e12, 1e10) },
    ];
    const r = rankRootCauses(series, { onset: T0 + 200n * S });
    expect(r.ranking[0]?.series).toBe('api_cpu');
    expect(r.ranking[0]?.score).toBeGreaterThan(5);
    // The untouched series, bytes included, stay at noise level.
    for (const x of r.ranking.slice(1)) expect(x.score).toBeLessThan(r.ranking[0]!.score / 2);
    expect(r.components[0]).toMatchObject({ component: 'api', top_series: 'api_cpu', series_count: 2, grouped_by: 'name_prefix' });
    expect(r.onset).toEqual({ t: T0 + 200n * S, estimated: false });
  });

  it('gives the same ranking when a series is expressed in other units', () => {
    const base: RankSeries[] = [
      { name: 'a_mem', points: noisy(11, 200, 3e8, 1e6, { at: 150, size: 8e6 }) },
      { name: 'b_cpu', points: noisy(12, 200, 40, 2, { at: 150, size: 10 }) },
      { name: 'c_cpu', points: noisy(13, 200, 10, 1) },
    ];
    const inMiB = base.map((s) => (s.name === 'a_mem' ? { ...s, points: s.points.map((p) => ({ t: p.t, v: p.v / 2 ** 20 })) } : s));
    const order = (xs: RankSeries[]): string[] => rankRootCauses(xs, { onset: T0 + 150n * S }).ranking.map((x) => x.series);
    expect(order(inMiB)).toEqual(order(base));
  });

  it('groups by a component label when series carry one, and ranks components by their best series', () => {
    const series: RankSeries[] = [
      { name: 'cpu{pod="orders-1",service="orders"}', labels: { pod: 'orders-1', service: 'orders' }, points: noisy(21, 120, 10, 1, { at: 90, size: 20 }) },
      { name: 'cpu{pod="orders-2",service="orders"}', labels: { pod: 'orders-2', service: 'orders' }, points: noisy(22, 120, 10, 1) },
      { name: 'latency{pod="front-1",service="front"}', labels: { pod: 'front-1', service: 'front' }, points: noisy(23, 120, 0.1, 0.01, { at: 95, size: 0.03 }) },
    ];
    const r = rankRootCauses(series, { onset: T0 + 90n * S });
    expect(r.components.map((c) => [c.component, c.series_count, c.grouped_by])).toEqual([
      ['orders', 2, 'label:service'],
      ['front', 1, 'label:service'],
    ]);
  });

  it('ranks counters on their rate, not their ever-growing total', () => {
    let total = 0;
    const requests: RankSeries = {
      name: 'requests_total',
      type: 'counter',
      points: noisy(31, 200, 100, 5).map((p) => ({ t: p.t, v: (total += p.v) })),
    };
    const r = rankRootCauses([requests, { name: 'x_cpu', points: noisy(32, 200, 5, 1, { at: 150, size: 6 }) }], { onset: T0 + 150n * S });
    expect(r.ranking.map((x) => x.series)).toEqual(['x_cpu', 'requests_total']);
    expect(r.ranking[1]?.center).toBeGreaterThan(90);
    expect(r.ranking[1]?.center).toBeLessThan(110);
  });

  it('ranks a counter that jumps at the onset first, as the same values under a gauge name', () => {
    // 0 errors for 200 s, then 3 at the onset and no more: a burst, whatever the column is called
    const burst = Array.from({ length: 300 }, (_, i) => ({ t: T0 + BigInt(i) * S, v: i >= 200 ? 3 : 0 }));
    const others: RankSeries[] = [
      { name: 'matcher_cpu', points: noisy(61, 300, 50, 5) },
      { name: 'gateway_cpu', points: noisy(62, 300, 45, 3, { at: 200, size: 15 }) },
    ];
    for (const errors of [{ name: 'matcher_rejects_total', type: 'counter', points: burst }, { name: 'matcher_rejects', points: burst }]) {
      const r = rankRootCauses([...others, errors], { onset: T0 + 200n * S });
      expect(r.ranking[0]).toMatchObject({ series: errors.name, ...(errors.type ? { rate: true } : {}) });
      expect(r.ranking[0]?.score).toBeGreaterThan(100);
    }
  });

  it('lists series it cannot score with the reason, and honours a separate baseline window', () => {
    const late: RankSeries = { name: 'late_cpu', points: noisy(41, 10, 1, 0.1).map((p) => ({ t: p.t + 100n * S, v: p.v })) };
    const early: RankSeries = { name: 'early_cpu', points: noisy(42, 10, 1, 0.1) };
    const both: RankSeries = { name: 'both_cpu', points: noisy(43, 110, 1, 0.1, { at: 100, size: 2 }) };
    const r = rankRootCauses([late, early, both], { onset: T0 + 100n * S });
    expect(r.skipped).toEqual([
      { series: 'late_cpu', reason: 'no_baseline' },
      { series: 'early_cpu', reason: 'no_anomalous' },
    ]);
    // Baseline taken after the incident (e.g. a capture saved later): only samples inside it count.
    const after = rankRootCauses([both], { onset: T0 + 100n * S, baseline: { from: T0, to: T0 + 2n * S } });
    expect(after.skipped).toEqual([{ series: 'both_cpu', reason: 'short_baseline' }]);
  });

  it('estimates the onset when asked and ranks from it', () => {
    const series: RankSeries[] = Array.from({ length: 12 }, (_, i) => ({
      name: `s${i}_metric`,
      points: noisy(50 + i, 400, 10 * (i + 1), i + 1, i < 3 ? { at: 250, size: 6 * (i + 1) * (3 - i) } : undefined),
    }));
    const r = rankRootCauses(series, { onset: 'auto' });
    expect(r.onset.estimated).toBe(true);
    const onsetSample = Number((r.onset.t - T0) / S);
    expect(Math.abs(onsetSample - 250)).toBeLessThanOrEqual(3);
    expect(r.ranking[0]?.series).toBe('s0_metric');
  });
});
