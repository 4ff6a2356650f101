import { describe, expect, it } from 'vitest';
import { systemStateSchema } from '../incidents/schema/state.js';
import { assembleSnapshot } from './assemble.js';
import { toSystemState } from './system-state.js';
import { buildRaw } from './test-fixtures.js';
import { unread } from './text.js';

describe('toSystemState', () => {
  it('fills the incident record section in its units and validates against its schema', () => {
    const state = toSystemState(assembleSnapshot(buildRaw()));
    expect(() => systemStateSchema.parse(state)).not.toThrow();
    expect(state.specs).toMatchObject({
      hostname: 'trade-gw-01',
      ip_addresses: ['10.0.0.1', 'fd00::1'],
      operating_system: 'Debian GNU/Linux 12 (bookworm)',
      kernel_version: '6.1.0-18-amd64',
      cpu_cores: 2,
      cpu_speed: '3000 MHz, max 3200 MHz, governor performance',
      total_ram: '15.63 GiB',
      storage_type: 'SSD (sda)',
      total_storage: '931.51 GiB (sda 931.51 GiB)',
      network_cards: 'eth0 (mlx5_core, up, 25000 Mb/s, MTU 9000)',
    });
    expect(state.cpu).toEqual({ overall_pct: 52.5, per_core: 'cpu0 90.0%, cpu1 15.0%', load_average: '1.50 / 1.20 / 0.90', context_switches_per_sec: 5000, interrupts_per_sec: 1200 });
    // Probe E F12: the `_gb` fields, printed with "GB", held GiB (15.63 for 16.78 GB). total_ram is a string with its own unit.
    expect(state.memory).toMatchObject({ used_gb: 8.39, total_gb: 16.78, free_gb: 2.1, used_pct: 50, swap_pct: 25, page_faults_per_sec: 2000, pressure: 'medium' });
    expect(state.disk).toEqual({ read_iops: 100, write_iops: 50, read_mb_s: 10.486, write_mb_s: 5.243, avg_latency_ms: 2.67, queue_depth: 0.9, usage_pct: 66.67 });
    expect(state.network).toMatchObject({ inbound_mbps: 100, outbound_mbps: 20, packets_received_per_sec: 10000, connection_count: 4 });
    expect(state.network?.errors_drops).toBe('rx errors 2, rx drops 6, tx errors 0, tx drops 1 since boot; 1/s during capture');
    expect(state.processes).toMatchObject({ total: 5, zombies: 1, open_fds: 5000, fd_limit: 1000000, threads: 19 });
    expect(state.processes?.high_cpu).toMatch(/^md-feed \(pid 300\) 90\.0%, order gw \(fix\) \(pid 200\) 25\.0%/);
    expect(state.snapshots).toEqual(['snap-20251126T102735.123456Z-trade-gw-01']);
  });

  it('leaves out what was not measured instead of writing zeros', () => {
    const state = toSystemState(assembleSnapshot(buildRaw({ meminfo: unread('EACCES'), fileNr: unread('ENOENT') })));
    expect(() => systemStateSchema.parse(state)).not.toThrow();
    expect(state.memory).not.toHaveProperty('used_gb');
    expect(state.memory).not.toHaveProperty('total_gb');
    expect(state.memory?.page_faults_per_sec).toBe(2000);
    expect(state.specs).not.toHaveProperty('total_ram');
    expect(state.processes).not.toHaveProperty('fd_limit');
  });
});
