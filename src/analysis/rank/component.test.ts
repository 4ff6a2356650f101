import { describe, expect, it } from 'vitest';
import { componentResolver, namePrefix } from './component.js';
import type { RankSeries } from './types.js';

describe('componentResolver', () => {
  it('prefers service over pod and ignores a label every series shares', () => {
    const series: RankSeries[] = [
      { name: 'a', labels: { job: 'kubelet', pod: 'carts-7f9', service: 'carts' }, points: [] },
      { name: 'b', labels: { job: 'kubelet', pod: 'orders-5c2' }, points: [] },
      { name: 'c', labels: { job: 'kubelet', pod: 'orders-6d1' }, points: [] },
    ];
    const of = componentResolver(series);
    expect(series.map((s) => of(s))).toEqual([
      { component: 'carts', groupedBy: 'label:service' },
      { component: 'orders-5c2', groupedBy: 'label:pod' },
      { component: 'orders-6d1', groupedBy: 'label:pod' },
    ]);
  });

  it('uses a shared label when nothing better exists, and the name prefix only without labels', () => {
    const of = componentResolver([
      { name: 'x', labels: { job: 'api' }, points: [] },
      { name: 'carts-db_mem', points: [] },
    ]);
    expect(of({ name: 'x', labels: { job: 'api' }, points: [] })).toEqual({ component: 'api', groupedBy: 'label:job' });
    expect(of({ name: 'carts-db_mem', points: [] })).toEqual({ component: 'carts-db', groupedBy: 'name_prefix' });
  });

  it('takes the prefix from the metric part of a selector', () => {
    expect(namePrefix('orders_latency_p99{le="0.5"}')).toBe('orders');
    expect(namePrefix('up')).toBe('up');
  });
});
