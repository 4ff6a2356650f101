import { describe, expect, it } from 'vitest';
import { assembleSnapshot, snapshotId } from './assemble.js';
import { uncoveredNulls } from './flatten.js';
import { snapshotSchema } from './schema.js';
import { buildRaw, reading, STAT_A, STAT_B, DISKSTATS_A, DISKSTATS_B, NETDEV_A, NETDEV_B, VMSTAT_A, VMSTAT_B } from './test-fixtures.js';
import { unread } from './text.js';

describe('assembleSnapshot', () => {
  const snap = assembleSnapshot(buildRaw());

  it('produces a schema-valid snapshot whose every null is listed as unavailable', () => {
    expect(() => snapshotSchema.parse(snap)).not.toThrow();
    expect(uncoveredNulls(snap)).toEqual([]);
    expect(snap.id).toBe('snap-20251126T102735.123456Z-trade-gw-01');
    expect(snap.taken_at).toBe('2025-11-26T10:27:35.123456Z');
    expect(snap.interval_ms).toBe(1000);
  });

  it('describes the host', () => {
    const h = snap.host;
    expect(h.ip_addresses.map((a) => a.address)).toEqual(['10.0.0.1', 'fd00::1']);
    expect(h.os.pretty_name).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(h.cpu).toEqual({ model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', logical_cores: 2, physical_cores: 1, sockets: 1, mhz_current: 3000, mhz_max: 3200, governor: 'performance' });
    // The unattached loop device is not storage; dm-0 is listed as virtual.
    expect(h.block_devices.map((d) => [d.name, d.kind, d.size_bytes])).toEqual([['sda', 'ssd', 1953525168 * 512], ['dm-0', 'virtual', 1000000000 * 512]]);
    expect(h.nics).toEqual([{ name: 'eth0', operstate: 'up', mtu: 9000, speed_mbps: 25000, driver: 'mlx5_core', mac: '0c:42:a1:00:00:01', virtual: false }]);
  });

  it('computes the metrics over the interval', () => {
    expect(snap.cpu).toMatchObject({ busy_pct: 52.5, load_1m: 1.5, runnable: 3, context_switches_per_sec: 5000, interrupts_per_sec: 1200 });
    expect(snap.cpu.per_core).toEqual([{ name: 'cpu0', busy_pct: 90, iowait_pct: 5 }, { name: 'cpu1', busy_pct: 15, iowait_pct: 5 }]);
    expect(snap.memory).toMatchObject({ used_pct: 50, swap_used_pct: 25, page_faults_per_sec: 2000, oom_kills_since_boot: 1 });
    expect(snap.memory.pressure?.level).toBe('medium');
    // Only physical sda counts in the totals (dm-0 sits on it); the texts hold 500 ms of I/O, read 1 s apart.
    expect(snap.disk.devices.map((d) => d.name)).toEqual(['sda', 'dm-0']);
    expect(snap.disk.totals).toMatchObject({ read_iops: 100, write_iops: 50, avg_latency_ms: 2.67, queue_depth: 0.9, util_pct: 40 });
    expect(snap.network.totals).toMatchObject({ rx_mbps: 100, tx_mbps: 20, rx_drops: 6 }); // lo excluded
    expect(snap.network.connections).toMatchObject({ tcp_established: 3, tcp_listen: 1, tcp_time_wait: 1, tcp_connections: 4, udp_sockets: 1, source: 'proc_net' });
  });

  it('lists filesystems with usage, and unreadable ones as unavailable', () => {
    expect(snap.disk.filesystems.map((f) => [f.mount, f.used_pct])).toEqual([['/', 66.67], ['/dev/shm', 0], ['/mnt/my data', null]]);
    expect(snap.disk.fullest_mount).toBe('/');
    expect(snap.disk.usage_pct).toBe(66.67); // tmpfs is memory, not capacity; the unreadable one adds nothing
    expect(snap.unavailable).toContainEqual({ item: 'disk.filesystems[/mnt/my data].used_pct', reason: 'statfs: timed out after 1000 ms' });
  });

  it('reports processes, their CPU over the interval and their file descriptors', () => {
    const p = snap.processes;
    expect([p.total, p.zombies, p.threads, p.open_fds, p.fd_limit]).toEqual([5, 1, 19, 5000, 1000000]);
    expect(p.top_cpu.map((x) => [x.name, x.cpu_pct])).toEqual([['md-feed', 90], ['order gw (fix)', 25], ['cron', 3], ['systemd', 0], ['defunct', 0]]);
    expect(p.top_memory[0]).toMatchObject({ pid: 200, rss_bytes: 20000 * 1024, open_fds: 20, fd_limit: 65536, command: '/usr/bin/app200 --flag' });
    expect(p.top_memory[0]?.mem_pct).toBeCloseTo((20000 / 16384000) * 100, 2);
    expect(snap.unavailable).toContainEqual({ item: 'processes.top_cpu[1].open_fds', reason: 'fd: EACCES: permission denied' });
  });

  it('records failed commands and missing sources with their reasons, never as zeros', () => {
    expect(snap.unavailable).toContainEqual({ item: 'commands[dmesg -T | tail -n 200]', reason: expect.stringContaining('Operation not permitted') as string });
    expect(snap.disk.pressure).toBeNull();
    expect(snap.unavailable).toContainEqual({ item: 'disk.pressure', reason: '/proc/pressure/io: ENOENT: no such file or directory' });
  });

  it('degrades to nulls with reasons when sources are unreadable', () => {
    const gone = unread('EACCES: permission denied');
    const raw = buildRaw({ meminfo: gone, tcp: gone, tcp6: gone, cpuinfo: gone, nics: { ok: false, reason: '/sys/class/net: ENOENT' } });
    raw.first = { ...reading(1000, { stat: STAT_A, diskstats: DISKSTATS_A, netdev: NETDEV_A, vmstat: VMSTAT_A, psiMemory: '', pids: [] }), stat: gone };
    raw.second = reading(2000, { stat: STAT_B, diskstats: DISKSTATS_B, netdev: NETDEV_B, vmstat: VMSTAT_B, psiMemory: '', pids: [] });
    const s = assembleSnapshot(raw);
    expect(() => snapshotSchema.parse(s)).not.toThrow();
    expect(uncoveredNulls(s)).toEqual([]);
    expect(s.memory.total_bytes).toBeNull();
    expect(s.cpu.busy_pct).toBeNull();
    expect(s.unavailable).toContainEqual({ item: 'cpu.busy_pct', reason: '/proc/stat (first reading): EACCES: permission denied' });
    expect(s.unavailable).toContainEqual({ item: 'memory.used_bytes', reason: '/proc/meminfo: EACCES: permission denied' });
    // Without the socket tables the kernel summary still gives TIME-WAIT and UDP, but no per-state counts.
    expect(s.network.connections).toMatchObject({ source: 'sockstat', tcp_time_wait: 1, udp_sockets: 1, tcp_established: null });
    // cpuinfo unreadable: the logical count comes from /proc/stat, the model from os.cpus().
    expect(s.host.cpu).toMatchObject({ logical_cores: 2, model: 'Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz', physical_cores: null });
    expect(s.host.nics).toEqual([]);
    expect(s.unavailable).toContainEqual({ item: 'host.nics', reason: '/sys/class/net: ENOENT' });
  });

  it('tells partitions from disks by name when /sys/block is unreadable', () => {
    const s = assembleSnapshot(buildRaw({ blockDevices: { ok: false, reason: '/sys/block: EACCES' } }));
    expect(s.disk.devices.map((d) => d.name)).toEqual(['sda', 'dm-0']);
    expect(s.unavailable).toContainEqual({ item: 'host.block_devices', reason: '/sys/block: EACCES' });
    expect(uncoveredNulls(s)).toEqual([]);
    const nvme = ' 259 0 nvme0n1 5 0 8 1 5 0 8 1 0 2 2\n 259 1 nvme0n1p1 5 0 8 1 5 0 8 1 0 2 2\n 259 2 nvme0n10 5 0 8 1 5 0 8 1 0 2 2\n 179 0 mmcblk0p2 5 0 8 1 5 0 8 1 0 2 2\n 179 0 mmcblk0 5 0 8 1 5 0 8 1 0 2 2\n';
    const texts = { stat: STAT_A, diskstats: nvme, netdev: NETDEV_A, vmstat: VMSTAT_A, psiMemory: '', pids: [] };
    const raw = buildRaw({ blockDevices: { ok: false, reason: '/sys/block: EACCES' } });
    raw.first = reading(1000, texts);
    raw.second = reading(2000, texts);
    expect(assembleSnapshot(raw).disk.devices.map((d) => d.name)).toEqual(['nvme0n1', 'nvme0n10', 'mmcblk0']);
  });

  it('makes ids safe for any hostname', () => {
    expect(snapshotId(0n, 'a b/c')).toBe('snap-19700101T000000.000000Z-a_b_c');
    expect(snapshotId(0n, null)).toBe('snap-19700101T000000.000000Z-unknown-host');
  });
});
