import { describe, expect, it } from 'vitest';
import { memoryFigures, oomKills, parseMeminfo, parseVmstat, vmRates } from './meminfo.js';
import { MEMINFO, VMSTAT_A, VMSTAT_B } from './test-fixtures.js';

const KB = 1024;

describe('meminfo', () => {
  it('reads kB values as bytes and unit-less values as counts', () => {
    const m = parseMeminfo(MEMINFO);
    expect(m.get('MemTotal')).toBe(16384000 * KB);
    expect(m.get('HugePages_Total')).toBe(128);
    expect(m.get('Hugepagesize')).toBe(2048 * KB);
  });

  it('computes used, cache and swap as free does', () => {
    const f = memoryFigures(parseMeminfo(MEMINFO));
    expect(f.used_bytes).toBe((16384000 - 8192000) * KB); // total − available
    expect(f.used_pct).toBe(50);
    expect(f.cached_bytes).toBe((4096000 + 256000) * KB); // Cached + SReclaimable
    expect(f.buffers_bytes).toBe(512000 * KB);
    expect(f.swap_used_bytes).toBe(1024000 * KB);
    expect(f.swap_used_pct).toBe(25);
    expect([f.hugepages_total, f.hugepages_free]).toEqual([128, 64]);
  });

  it('falls back to the old definition of used without MemAvailable, and reports no swap share without swap', () => {
    const text = MEMINFO.replace(/^MemAvailable.*\n/m, '').replace('SwapTotal:       4096000', 'SwapTotal:             0').replace('SwapFree:        3072000', 'SwapFree:              0');
    const f = memoryFigures(parseMeminfo(text));
    expect(f.available_bytes).toBeNull();
    expect(f.used_bytes).toBe((16384000 - 2048000 - 512000 - 4352000) * KB);
    expect(f.swap_total_bytes).toBe(0);
    expect(f.swap_used_pct).toBeNull();
  });

  it('computes page fault and swap rates from two vmstat readings', () => {
    const a = parseVmstat(VMSTAT_A);
    const b = parseVmstat(VMSTAT_B);
    expect(vmRates(a, b, 1500)).toEqual({ page_faults_per_sec: 1333.33, major_faults_per_sec: 2, swap_in_pages_per_sec: 0, swap_out_pages_per_sec: 13.33 });
    expect(oomKills(b)).toBe(1);
    expect(vmRates(a, new Map(), 1000).page_faults_per_sec).toBeNull();
  });
});
