import { describe, expect, it } from 'vitest';
import { isCounter } from './counters.js';
import type { MetricSeries } from './types.js';

const series = (name: string, values: number[], type?: string): MetricSeries => ({
  name,
  metric: name,
  labels: {},
  points: values.map((v, i) => ({ t: BigInt(i) * 1_000_000_000n, v })),
  ...(type ? { type } : {}),
});

describe('isCounter', () => {
  it('trusts a declared type, else a counter name whose samples only grow (a restart allowed)', () => {
    expect(isCounter(series('heap', [1, 2, 3], 'counter'))).toBe(true);
    expect(isCounter(series('reqs_total', [1, 2, 3], 'gauge'))).toBe(false);
    expect(isCounter(series('reqs_total', [1, 5, 9, 2, 6]))).toBe(true);
    expect(isCounter(series('rpc_duration_seconds_count', [1, 5, 9], 'untyped'))).toBe(true);
    // a name that looks like a counter but goes up and down is a gauge
    expect(isCounter(series('queue_total', [5, 3, 6, 2, 7, 1, 8]))).toBe(false);
    expect(isCounter(series('heap_bytes', [1, 2, 3]))).toBe(false);
  });
});
