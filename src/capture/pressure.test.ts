import { describe, expect, it } from 'vitest';
import { PRESSURE_THRESHOLDS, parsePressure, pressureLevel, pressureRecord } from './pressure.js';
import { PSI_MEMORY_A, PSI_MEMORY_B } from './test-fixtures.js';

describe('PSI', () => {
  it('parses some and full lines', () => {
    const p = parsePressure(PSI_MEMORY_B);
    expect(p.some).toEqual({ avg10: 8.5, avg60: 3.1, avg300: 1, totalUs: 1100000 });
    expect(p.full?.avg10).toBe(1.2);
    // cpu pressure before kernel 5.13 has no full line.
    expect(parsePressure('some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n').full).toBeNull();
  });

  it('computes the stall share over the interval from the totals', () => {
    const r = pressureRecord(parsePressure(PSI_MEMORY_B), parsePressure(PSI_MEMORY_A), 1000);
    expect(r.some_interval_pct).toBe(10); // 100,000 µs of 1 s
    expect(r.full_interval_pct).toBe(2);
    expect(r.level).toBe('medium');
    expect(pressureRecord(parsePressure(PSI_MEMORY_B), null, 1000).some_interval_pct).toBeNull();
  });

  it.each([
    [0, 0, 'none'],
    [0.99, 0.49, 'none'],
    [1, 0, 'low'],
    [0, 0.5, 'low'],
    [7, 0, 'medium'],
    [6.9, 2, 'medium'],
    [25, 0, 'high'],
    [3, 10, 'high'],
    [60, 0, 'critical'],
    [30, 40, 'critical'],
    [100, 100, 'critical'],
  ] as const)('maps some %d%% / full %d%% to %s', (some, full, level) => {
    expect(pressureLevel({ some, full })).toBe(level);
  });

  it('keeps the thresholds ordered and says unknown when some is unknown', () => {
    for (let i = 1; i < PRESSURE_THRESHOLDS.length; i++) {
      expect(PRESSURE_THRESHOLDS[i]!.some).toBeGreaterThan(PRESSURE_THRESHOLDS[i - 1]!.some);
      expect(PRESSURE_THRESHOLDS[i]!.full).toBeGreaterThan(PRESSURE_THRESHOLDS[i - 1]!.full);
    }
    expect(pressureLevel({ some: null, full: 50 })).toBeNull();
    expect(pressureLevel({ some: 2, full: null })).toBe('low');
  });
});
