import { describe, expect, it } from 'vitest';
import { anomalyDescription } from './collect.js';

describe('anomalyDescription', () => {
  it('gives the baseline and σ of a noisy series, and the change itself against a flat one', () => {
    const noisy = { series: 'heap_bytes', direction: 'up' as const, value: 9.5e8, baseline_mean: 4.01e8, baseline_std: 2.2e6, peak_z: 250.4 };
    expect(anomalyDescription(noisy)).toBe('Metric anomaly: heap_bytes rose to 950000000 (baseline 4.010e+8 ± 2.20e+6, 250.4σ at peak)');
    // a gauge that never moved: no "99000000σ"
    const flat = { series: 'up{job="gw"}', direction: 'down' as const, value: 0, baseline_mean: 1, baseline_std: 0, peak_z: 1e6 };
    expect(anomalyDescription(flat)).toBe('Metric anomaly: up{job="gw"} fell to 0 from a flat baseline of 1');
  });
});
