import { describe, expect, it } from 'vitest';
import { componentResolver, namePartOf, namePrefix } from './component.js';
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

  it('groups metric-first names by the part that varies across series of one metric, not by the metric', () => {
    const names = ['gateway', 'router', 'matcher', 'risk'].flatMap((svc) => [`cpu_percent_${svc}`, `latency_ms_${svc}`]);
    const of = componentResolver(names.map((name) => ({ name, points: [] })));
    expect(of({ name: 'latency_ms_risk', points: [] })).toEqual({ component: 'risk', groupedBy: 'name_suffix' });
    expect(of({ name: 'cpu_percent_gateway', points: [] })).toEqual({ component: 'gateway', groupedBy: 'name_suffix' });
    // a service in the middle (Graphite-like paths flattened with underscores)
    const middle = namePartOf(['orders', 'carts'].flatMap((svc) => [`app_${svc}_cpu_seconds`, `app_${svc}_mem_bytes`]));
    expect(middle('app_carts_mem_bytes')).toEqual({ component: 'carts', groupedBy: 'name_part' });
  });

  it('keeps the first part when the names do not tell otherwise', () => {
    // Sock Shop: two- and three-word names; the two-word grid reads both ways, so the convention holds
    const sock = ['carts', 'carts-db', 'orders', 'orders-db'].flatMap((svc) => [`${svc}_cpu`, `${svc}_mem`]).concat(['carts_lat_50', 'carts_lat_99', 'orders_lat_50', 'orders_lat_99']);
    expect(sock.map(namePartOf(sock))).toEqual(sock.map((n) => ({ component: n.split('_')[0], groupedBy: 'name_prefix' })));
    // one service with many metrics forms no grid: it stays one component, not one per quantile
    const single = ['matcher_lat_p50', 'matcher_lat_p90', 'matcher_lat_p99', 'matcher_cpu', 'matcher_mem'];
    expect(new Set(single.map((n) => namePartOf(single)(n).component))).toEqual(new Set(['matcher']));
    // unrelated names, and a one-word name
    const mixed = namePartOf(['router_cpu', 'matcher_errors_total', 'gateway_latency_ms', 'up']);
    expect(['router_cpu', 'matcher_errors_total', 'up'].map((n) => mixed(n).component)).toEqual(['router', 'matcher', 'up']);
  });
});
