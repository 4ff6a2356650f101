import { describe, expect, it } from 'vitest';
import { cpuUsage, parseProcStat, statRates } from './proc-stat.js';
import { STAT_A, STAT_B } from './test-fixtures.js';

describe('parseProcStat / cpuUsage', () => {
  const a = parseProcStat(STAT_A);
  const b = parseProcStat(STAT_B);

  it('reads the aggregate, per-core lines and counters', () => {
    expect(a.cores.map((c) => c.name)).toEqual(['cpu0', 'cpu1']);
    expect(a.total).toMatchObject({ user: 1000, system: 500, idle: 8000, iowait: 100, steal: 0 });
    expect([a.ctxt, a.intr, a.forks, a.procsRunning, a.procsBlocked]).toEqual([200000, 50000, 3000, 2, 1]);
  });

  it('computes per-core and overall busy % from two readings', () => {
    const core0 = cpuUsage(a.cores[0]!.times, b.cores[0]!.times);
    const core1 = cpuUsage(a.cores[1]!.times, b.cores[1]!.times);
    // cpu0: 80 user + 10 system of 100 jiffies, 5 idle, 5 iowait; cpu1: 10 + 5 busy, 80 idle, 5 iowait.
    expect(core0).toMatchObject({ busy_pct: 90, user_pct: 80, system_pct: 10, iowait_pct: 5, idle_pct: 5 });
    expect(core1).toMatchObject({ busy_pct: 15, iowait_pct: 5, idle_pct: 80 });
    expect(cpuUsage(a.total!, b.total!)).toMatchObject({ busy_pct: 52.5, user_pct: 45, system_pct: 7.5, iowait_pct: 5, steal_pct: 0 });
  });

  it('computes context switch, interrupt and fork rates over the elapsed time', () => {
    expect(statRates(a, b, 1000)).toEqual({ context_switches_per_sec: 5000, interrupts_per_sec: 1200, forks_per_sec: 7 });
    expect(statRates(a, b, 500).context_switches_per_sec).toBe(10000);
  });

  it('gives null, not 0, for columns an old kernel does not have and for counters that went back', () => {
    const old = parseProcStat('cpu  10 0 5 85\ncpu0 10 0 5 85\n');
    const later = parseProcStat('cpu  20 0 10 170\ncpu0 20 0 10 170\n');
    const u = cpuUsage(old.total!, later.total!);
    expect(u?.iowait_pct).toBeNull();
    expect(u?.steal_pct).toBeNull();
    expect(u?.busy_pct).toBe(15);
    expect(old.ctxt).toBeNull();
    expect(statRates(b, a, 1000).context_switches_per_sec).toBeNull();
    expect(cpuUsage(a.total!, a.total!)).toBeNull();
  });
});
