import { describe, expect, it } from 'vitest';
import { netRates, netTotals, parseNetDev } from './netdev.js';
import { NETDEV_A, NETDEV_B } from './test-fixtures.js';

describe('parseNetDev / netRates', () => {
  const a = parseNetDev(NETDEV_A);
  const b = parseNetDev(NETDEV_B);

  it('skips the two header lines and reads each interface', () => {
    expect(a.map((n) => n.name)).toEqual(['lo', 'eth0']);
    expect(a[1]).toEqual({ name: 'eth0', rxBytes: 100000000, rxPackets: 200000, rxErrors: 2, rxDrops: 5, txBytes: 50000000, txPackets: 100000, txErrors: 0, txDrops: 1 });
    // Old kernels let a long counter touch the colon.
    expect(parseNetDev('eth1:123 4 0 0 0 0 0 0 56 7 0 0 0 0 0 0\n')[0]).toMatchObject({ name: 'eth1', rxBytes: 123, txPackets: 7 });
  });

  it('computes Mbps, packets, error and drop rates', () => {
    const r = netRates(a[1]!, b[1]!, 1000);
    expect(r).toMatchObject({ rx_mbps: 100, tx_mbps: 20, rx_packets_per_sec: 10000, tx_packets_per_sec: 5000, rx_drops_per_sec: 1, rx_errors_per_sec: 0, rx_drops: 6, rx_errors: 2 });
    expect(netRates(a[1]!, b[1]!, 2000).rx_mbps).toBe(50);
  });

  it('sums interfaces', () => {
    const t = netTotals([netRates(a[0]!, b[0]!, 1000), netRates(a[1]!, b[1]!, 1000)]);
    expect(t.rx_mbps).toBe(108); // 1 MB/s on lo is 8 Mbps
    expect(t.tx_drops).toBe(1);
  });
});
