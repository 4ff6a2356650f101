import { describe, expect, it } from 'vitest';
import { assembleSnapshot } from './assemble.js';
import { diffSnapshots } from './diff.js';
import type { Snapshot } from './schema.js';
import { buildRaw } from './test-fixtures.js';

function clone(s: Snapshot): Snapshot {
  return structuredClone(s);
}

describe('diffSnapshots', () => {
  const healthy = assembleSnapshot(buildRaw());

  it('finds nothing between a snapshot and itself', () => {
    const d = diffSnapshots(healthy, clone(healthy));
    expect(d.numeric).toEqual([]);
    expect(d.changed).toEqual([]);
    expect([d.added, d.removed, d.appeared, d.disappeared, d.new_unavailable]).toEqual([[], [], [], [], []]);
    expect(d.rebooted).toBe(false);
  });

  it('gives absolute and relative deltas and flags the large ones by unit', () => {
    const failing = clone(healthy);
    failing.memory.used_pct = 97; // +47 points
    failing.cpu.context_switches_per_sec = 5100; // +2 %: noise
    failing.disk.totals.avg_latency_ms = 40; // 2.67 → 40 ms
    failing.network.totals.rx_errors = 3; // errors since boot rose by one
    failing.host.uptime_s = 100; // rebooted
    failing.taken_at = '2025-11-26T11:00:00.000000Z';
    const d = diffSnapshots(healthy, failing);
    const byPath = new Map(d.numeric.map((c) => [c.path, c]));
    expect(byPath.get('memory.used_pct')).toEqual({ path: 'memory.used_pct', before: 50, after: 97, delta: 47, relative: 0.94, flagged: true });
    expect(byPath.get('cpu.context_switches_per_sec')).toMatchObject({ delta: 100, relative: 0.02, flagged: false });
    expect(byPath.get('disk.totals.avg_latency_ms')?.flagged).toBe(true);
    expect(byPath.get('network.totals.rx_errors')?.flagged).toBe(true);
    expect(d.numeric.slice(0, 3).every((c) => c.flagged)).toBe(true); // flagged first
    expect(byPath.has('host.uptime_s')).toBe(false);
    expect(d.rebooted).toBe(true);
  });

  it('does not flag a small percentage change or a falling error counter', () => {
    const later = clone(healthy);
    later.memory.used_pct = 53;
    later.network.totals.rx_errors = 0;
    const byPath = new Map(diffSnapshots(healthy, later).numeric.map((c) => [c.path, c.flagged]));
    expect(byPath.get('memory.used_pct')).toBe(false);
    expect(byPath.get('network.totals.rx_errors')).toBe(false);
  });

  it('reports changed text, devices added and removed, top processes that came and went, and new gaps', () => {
    const after = clone(healthy);
    after.memory.pressure = { ...after.memory.pressure!, level: 'critical' };
    after.host.nics[0] = { ...after.host.nics[0]!, operstate: 'down' };
    after.disk.devices = after.disk.devices.filter((x) => x.name !== 'dm-0');
    after.disk.devices.push({ ...healthy.disk.devices[0]!, name: 'nvme0n1' });
    after.processes.top_cpu = [{ ...healthy.processes.top_cpu[0]!, pid: 9999, name: 'risk-calc' }, ...healthy.processes.top_cpu.slice(1)];
    after.unavailable = [...after.unavailable, { item: 'host.nics[eth0].speed_mbps', reason: 'link down' }];
    after.host.nics[0].speed_mbps = null;
    const d = diffSnapshots(healthy, after);
    expect(d.changed).toContainEqual({ path: 'memory.pressure.level', before: 'medium', after: 'critical' });
    expect(d.changed).toContainEqual({ path: 'host.nics[eth0].operstate', before: 'up', after: 'down' });
    expect(d.changed).toContainEqual({ path: 'host.nics[eth0].speed_mbps', before: 25000, after: null });
    expect(d.added).toEqual(['disk.devices[nvme0n1]']);
    expect(d.removed).toEqual(['disk.devices[dm-0]']);
    expect(d.numeric.some((c) => c.path.startsWith('disk.devices[nvme0n1]'))).toBe(false);
    expect(d.appeared).toEqual([{ list: 'top_cpu', pid: 9999, name: 'risk-calc' }]);
    expect(d.disappeared).toEqual([{ list: 'top_cpu', pid: 300, name: 'md-feed' }]);
    expect(d.new_unavailable).toEqual([{ item: 'host.nics[eth0].speed_mbps', reason: 'link down' }]);
  });

  it('takes a process that renamed itself as the same one, and a reused pid as another, when snapshots carry start times', () => {
    const withStarts = (snap: Snapshot, starts: Record<number, number>): Snapshot => {
      const out = clone(snap);
      out.processes.top_cpu = out.processes.top_cpu.map((p) => ({ ...p, start_ticks: starts[p.pid] ?? 100 }));
      return out;
    };
    const [worker, other] = healthy.processes.top_cpu;
    const before = withStarts(healthy, { [other!.pid]: 500 });
    const after = clone(before);
    after.processes.top_cpu = after.processes.top_cpu.map((p) => (p.pid === worker!.pid ? { ...p, name: `${p.name}-renamed` } : p.pid === other!.pid ? { ...p, start_ticks: 900 } : p));
    const d = diffSnapshots(before, after);
    expect(d.appeared).toEqual([{ list: 'top_cpu', pid: other!.pid, name: other!.name }]);
    expect(d.disappeared).toEqual([{ list: 'top_cpu', pid: other!.pid, name: other!.name }]);
    // without start times (earlier snapshots) the name decides, as before
    const old = diffSnapshots(healthy, { ...clone(healthy), processes: { ...healthy.processes, top_cpu: after.processes.top_cpu.map(({ start_ticks: _s, ...p }) => p) } });
    expect(old.appeared.map((p) => p.name)).toEqual([`${worker!.name}-renamed`]);
  });

  // Probe E F14: gaps of processes that merely left the top list were listed under AVAILABLE AGAIN.
  it('does not call the gaps of a process that left or joined the top list newly unavailable or available again', () => {
    const after = clone(healthy);
    const gone = healthy.processes.top_cpu.find((p) => p.pid === 1)!;
    after.processes.top_cpu = [...after.processes.top_cpu.filter((p) => p.pid !== 1), { ...gone, pid: 4242, name: 'kworker/1:1' }];
    after.processes.top_memory = after.processes.top_memory.filter((p) => p.pid !== 1);
    after.unavailable = [
      ...after.unavailable.filter((u) => !u.item.includes('[1]') && u.item !== 'disk.pressure'),
      { item: 'processes.top_cpu[4242].open_fds', reason: 'fd: EACCES: permission denied' },
    ];
    after.disk.pressure = { ...healthy.memory.pressure! };
    const d = diffSnapshots(healthy, after);
    expect(healthy.unavailable.some((u) => u.item === 'processes.top_cpu[1].open_fds')).toBe(true);
    expect(d.disappeared).toContainEqual({ list: 'top_cpu', pid: 1, name: 'systemd' });
    expect(d.resolved_unavailable.map((u) => u.item)).toEqual(['disk.pressure']);
    expect(d.new_unavailable).toEqual([]);
  });
});
