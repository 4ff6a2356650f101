/**
 * `/proc/net/dev`: per-interface byte, packet, error and drop counters, and from two readings the
 * traffic in Mbps and packets per second.
 */
import type { NetTraffic } from './schema.js';
import { lines, rate, round, sumKnown, toCount } from './text.js';

export interface NetCounters {
  name: string;
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDrops: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDrops: number;
}

/**
 * Parses `/proc/net/dev`. The interface name ends at its colon, which may touch the first number
 * (`eth0:123`) on old kernels.
 * @example parseNetDev('  eth0: 100 2 0 0 0 0 0 0 50 1 0 0 0 0 0 0\n')[0]?.rxBytes === 100
 */
export function parseNetDev(text: string): NetCounters[] {
  const out: NetCounters[] = [];
  for (const line of lines(text)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim();
    const v = line.slice(colon + 1).trim().split(/\s+/).map((x) => toCount(x));
    if (!name || name.includes('|') || v.length < 12 || v.slice(0, 12).some((x) => x === null)) continue;
    const at = (i: number) => v[i] as number;
    out.push({
      name,
      rxBytes: at(0),
      rxPackets: at(1),
      rxErrors: at(2),
      rxDrops: at(3),
      txBytes: at(8),
      txPackets: at(9),
      txErrors: at(10),
      txDrops: at(11),
    });
  }
  return out;
}

/**
 * Traffic of one interface between two readings; Mbps = 10^6 bits per second.
 * @example netRates(before, after, 1000).rx_mbps
 */
export function netRates(a: NetCounters, b: NetCounters, elapsedMs: number): NetTraffic {
  const mbps = (x: number, y: number) => {
    const r = rate(x, y, elapsedMs);
    return r === null ? null : round((r * 8) / 1e6, 3);
  };
  return {
    rx_mbps: mbps(a.rxBytes, b.rxBytes),
    tx_mbps: mbps(a.txBytes, b.txBytes),
    rx_packets_per_sec: rate(a.rxPackets, b.rxPackets, elapsedMs),
    tx_packets_per_sec: rate(a.txPackets, b.txPackets, elapsedMs),
    rx_errors_per_sec: rate(a.rxErrors, b.rxErrors, elapsedMs),
    tx_errors_per_sec: rate(a.txErrors, b.txErrors, elapsedMs),
    rx_drops_per_sec: rate(a.rxDrops, b.rxDrops, elapsedMs),
    tx_drops_per_sec: rate(a.txDrops, b.txDrops, elapsedMs),
    rx_errors: b.rxErrors,
    tx_errors: b.txErrors,
    rx_drops: b.rxDrops,
    tx_drops: b.txDrops,
  };
}

/**
 * Sum of several interfaces' traffic (a field is null only when it is null on every interface).
 * @example netTotals([netRates(a, b, 1000)]).rx_mbps
 */
export function netTotals(items: readonly NetTraffic[]): NetTraffic {
  const sum = (k: keyof NetTraffic) => round(sumKnown(items.map((x) => x[k])), 3);
  return {
    rx_mbps: sum('rx_mbps'),
    tx_mbps: sum('tx_mbps'),
    rx_packets_per_sec: sum('rx_packets_per_sec'),
    tx_packets_per_sec: sum('tx_packets_per_sec'),
    rx_errors_per_sec: sum('rx_errors_per_sec'),
    tx_errors_per_sec: sum('tx_errors_per_sec'),
    rx_drops_per_sec: sum('rx_drops_per_sec'),
    tx_drops_per_sec: sum('tx_drops_per_sec'),
    rx_errors: sum('rx_errors'),
    tx_errors: sum('tx_errors'),
    rx_drops: sum('rx_drops'),
    tx_drops: sum('tx_drops'),
  };
}
