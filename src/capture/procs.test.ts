import { describe, expect, it } from 'vitest';
import { commandLine, openFilesLimit, parsePidStat, parsePidStatus, rankProcesses, statusRssBytes, summarizeProcesses, type PidStat } from './procs.js';
import { pidStat } from './test-fixtures.js';

describe('process files', () => {
  it('parses a stat line whose command name holds spaces and parentheses', () => {
    expect(parsePidStat(pidStat(42, 'my (odd) app', 'S', 7, 3, 4, 250))).toEqual({ pid: 42, comm: 'my (odd) app', state: 'S', ticks: 10, threads: 4, rssPages: 250, startTicks: 1000 });
    expect(parsePidStat('garbage')).toBeNull();
  });

  it('reads RSS, the open-files limit and the command line', () => {
    expect(statusRssBytes(parsePidStatus('Name:\tnode\nVmRSS:\t  2048 kB\n'))).toBe(2048 * 1024);
    expect(statusRssBytes(parsePidStatus('Name:\tkworker/0:1\n'))).toBeNull();
    expect(openFilesLimit('Limit  Soft Limit Hard Limit Units\nMax open files            1024                 4096                 files\n')).toBe(1024);
    expect(openFilesLimit('Max open files            unlimited            unlimited            files\n')).toBe('unlimited');
    expect(commandLine('java\0-Xmx4g\0-jar\0gw.jar\0')).toBe('java -Xmx4g -jar gw.jar');
    expect(commandLine('')).toBeNull();
    expect(commandLine('x'.repeat(300), 20)).toHaveLength(20);
  });

  it('ranks by CPU over the interval and by resident memory', () => {
    const parse = (t: string) => parsePidStat(t) as PidStat;
    const before = new Map([parse(pidStat(1, 'a', 'S', 100, 0, 1, 10)), parse(pidStat(2, 'b', 'R', 500, 0, 1, 900)), parse(pidStat(3, 'c', 'S', 0, 0, 1, 50))].map((p) => [p.pid, p]));
    const after = [parse(pidStat(1, 'a', 'S', 150, 0, 1, 10)), parse(pidStat(2, 'b', 'R', 510, 0, 1, 900)), parse(pidStat(3, 'c', 'S', 0, 0, 1, 50)), parse(pidStat(4, 'new', 'R', 20, 0, 2, 5)), parse(pidStat(5, 'z', 'Z', 0, 0, 1, 0))];
    const { byCpu, byMemory } = rankProcesses(before, after, { jiffiesPerCore: 100, limit: 3 });
    expect(byCpu.map((r) => [r.stat.pid, r.cpuPct])).toEqual([[1, 50], [4, 20], [2, 10]]);
    expect(byMemory.map((r) => r.stat.pid)).toEqual([2, 3, 1]);
    expect(rankProcesses(before, after, { jiffiesPerCore: null }).byCpu[0]?.cpuPct).toBeNull();
    expect(summarizeProcesses(after)).toEqual({ total: 5, running: 2, zombies: 1, threads: 6 });
  });

  // Probe E F5: renamed idle kworkers showed 114–121 % from their lifetime ticks, having used none.
  it('takes CPU % from the ticks between the readings, even when a kernel worker renamed itself', () => {
    const parse = (t: string) => parsePidStat(t) as PidStat;
    const before = new Map([parse(pidStat(11, 'kworker/0:1-events', 'I', 0, 118, 1, 0, 50)), parse(pidStat(70, 'old', 'S', 500, 0, 1, 0, 60)), parse(pidStat(80, 'app', 'R', 900, 0, 1, 0, 5000))].map((p) => [p.pid, p]));
    const after = [
      parse(pidStat(11, 'kworker/0:1-mm_percpu_wq', 'I', 0, 118, 1, 0, 50)), // same pid and start: 0 ticks used
      parse(pidStat(70, 'reused', 'R', 30, 0, 1, 0, 6000)), // pid reused by a process started after the first reading
      parse(pidStat(90, 'missed', 'S', 4000, 0, 1, 0, 100)), // older than pid 80, yet not in the first reading
      parse(pidStat(80, 'app', 'R', 960, 0, 1, 0, 5000)),
    ];
    const { byCpu } = rankProcesses(before, after, { jiffiesPerCore: 100, limit: 4 });
    expect(byCpu.map((r) => [r.stat.pid, r.cpuPct, r.startedDuring])).toEqual([[80, 60, false], [70, 30, true], [11, 0, false], [90, null, false]]);
    expect(byCpu[3]?.cpuWhy).toMatch(/missing from the first reading/);
    // No first listing: nothing to subtract, so no figure at all rather than lifetime totals.
    const blind = rankProcesses(null, after, { jiffiesPerCore: 100 }).byCpu;
    expect(blind.every((r) => r.cpuPct === null && r.cpuWhy !== null)).toBe(true);
  });
});
