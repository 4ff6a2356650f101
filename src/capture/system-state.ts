/**
 * Maps a snapshot onto the incident record's `system_state` section (the form's SYSTEM STATE
 * INFORMATION), in its units: GB (10^9 bytes, as its `_gb` fields are labelled), Mbps, MB/s, %.
 * Unknown values are left out, never filled with 0.
 */
import type { z } from 'zod';
import { systemStateSchema } from '../incidents/schema/state.js';
import { clip, formatBytes, formatNumber, toGb } from './format.js';
import type { ProcessInfo, Snapshot } from './schema.js';

export type SystemState = z.output<typeof systemStateSchema>;

/** Drops null and undefined fields, so the record carries only what was measured. */
function known<T extends Record<string, unknown>>(obj: T): { [K in keyof T]?: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined)) as { [K in keyof T]?: Exclude<T[K], null> };
}

const orNull = (s: string): string | null => (s === '' ? null : clip(s));

function processLine(list: readonly ProcessInfo[], show: (p: ProcessInfo) => string): string | null {
  return orNull(list.map((p) => `${p.name} (pid ${p.pid}) ${show(p)}`).join(', '));
}

function specs(s: Snapshot): SystemState['specs'] {
  const h = s.host;
  const physical = h.block_devices.filter((d) => d.kind !== 'virtual');
  const kinds = [...new Set(physical.map((d) => d.kind).filter((k) => k !== null))];
  const sized = physical.filter((d) => d.size_bytes !== null);
  const total = sized.reduce((t, d) => t + (d.size_bytes ?? 0), 0);
  const nics = h.nics.some((n) => !n.virtual) ? h.nics.filter((n) => !n.virtual) : h.nics;
  const speed = [
    h.cpu.mhz_current === null ? null : `${formatNumber(h.cpu.mhz_current, 0)} MHz`,
    h.cpu.mhz_max === null ? null : `max ${formatNumber(h.cpu.mhz_max, 0)} MHz`,
    h.cpu.governor === null ? null : `governor ${h.cpu.governor}`,
  ].filter((x) => x !== null);
  return known({
    hostname: h.hostname === null ? null : clip(h.hostname),
    ip_addresses: h.ip_addresses.length > 0 ? h.ip_addresses.slice(0, 64).map((a) => clip(a.address)) : null,
    operating_system: orNull(h.os.pretty_name ?? [h.os.name, h.os.version].filter((x) => x !== null).join(' ')),
    kernel_version: h.kernel.release === null ? null : clip(h.kernel.release),
    cpu_model: h.cpu.model === null ? null : clip(h.cpu.model),
    // Logical CPUs: what the scheduler runs on, and what the per-core figures list.
    cpu_cores: h.cpu.logical_cores,
    cpu_speed: orNull(speed.join(', ')),
    total_ram: h.memory_total_bytes === null ? null : formatBytes(h.memory_total_bytes),
    available_ram: s.memory.available_bytes === null ? null : formatBytes(s.memory.available_bytes),
    storage_type: orNull(kinds.map((k) => `${k.toUpperCase()} (${physical.filter((d) => d.kind === k).map((d) => d.name).join(', ')})`).join(', ')),
    total_storage: sized.length === 0 ? null : clip(`${formatBytes(total)} (${sized.map((d) => `${d.name} ${formatBytes(d.size_bytes)}`).join(', ')})`),
    network_cards: orNull(
      nics
        .map((n) => `${n.name} (${[n.driver, n.operstate, n.speed_mbps === null ? null : `${n.speed_mbps} Mb/s`, n.mtu === null ? null : `MTU ${n.mtu}`].filter((x) => x !== null).join(', ')})`)
        .join(', '),
    ),
  });
}

/**
 * The incident record's `system_state` filled from a snapshot, validated against its schema. Disk usage is
 * the fullest filesystem's, since one full filesystem is what fails a host; CPU cores are logical CPUs.
 * @example incident.system_state = toSystemState(await captureSnapshot());
 */
export function toSystemState(s: Snapshot): SystemState {
  const { cpu, memory: m, disk, network: net, processes: p } = s;
  const t = net.totals;
  const counters = [t.rx_errors, t.rx_drops, t.tx_errors, t.tx_drops];
  const errorsDrops =
    counters.every((x) => x !== null)
      ? `rx errors ${t.rx_errors}, rx drops ${t.rx_drops}, tx errors ${t.tx_errors}, tx drops ${t.tx_drops} since boot` +
        (t.rx_errors_per_sec !== null && t.rx_drops_per_sec !== null && t.tx_errors_per_sec !== null && t.tx_drops_per_sec !== null
          ? `; ${formatNumber(t.rx_errors_per_sec + t.rx_drops_per_sec + t.tx_errors_per_sec + t.tx_drops_per_sec)}/s during capture`
          : '')
      : null;
  const load = [cpu.load_1m, cpu.load_5m, cpu.load_15m];
  const state = {
    specs: specs(s),
    cpu: known({
      overall_pct: cpu.busy_pct,
      per_core: orNull(cpu.per_core.map((c) => `${c.name} ${c.busy_pct === null ? 'n/a' : `${c.busy_pct.toFixed(1)}%`}`).join(', ')),
      load_average: load.every((x) => x !== null) ? load.map((x) => x.toFixed(2)).join(' / ') : null,
      context_switches_per_sec: cpu.context_switches_per_sec,
      interrupts_per_sec: cpu.interrupts_per_sec,
    }),
    memory: known({
      used_gb: toGb(m.used_bytes),
      total_gb: toGb(m.total_bytes),
      used_pct: m.used_pct,
      free_gb: toGb(m.free_bytes),
      cached_gb: toGb(m.cached_bytes),
      buffers_gb: toGb(m.buffers_bytes),
      swap_used_gb: toGb(m.swap_used_bytes),
      swap_total_gb: toGb(m.swap_total_bytes),
      swap_pct: m.swap_used_pct,
      page_faults_per_sec: m.page_faults_per_sec,
      pressure: m.pressure?.level ?? null,
    }),
    disk: known({
      read_iops: disk.totals.read_iops,
      write_iops: disk.totals.write_iops,
      read_mb_s: disk.totals.read_mb_s,
      write_mb_s: disk.totals.write_mb_s,
      avg_latency_ms: disk.totals.avg_latency_ms,
      queue_depth: disk.totals.queue_depth,
      usage_pct: disk.fullest_used_pct,
    }),
    network: known({
      inbound_mbps: t.rx_mbps,
      outbound_mbps: t.tx_mbps,
      packets_received_per_sec: t.rx_packets_per_sec,
      packets_sent_per_sec: t.tx_packets_per_sec,
      errors_drops: errorsDrops,
      connection_count: net.connections.tcp_connections,
    }),
    processes: known({
      total: p.total,
      zombies: p.zombies,
      high_cpu: processLine(p.top_cpu, (x) => (x.cpu_pct === null ? 'n/a' : `${x.cpu_pct.toFixed(1)}%${x.started_during ? ' (started during the capture)' : ''}`)),
      high_memory: processLine(p.top_memory, (x) => formatBytes(x.rss_bytes)),
      open_fds: p.open_fds,
      fd_limit: typeof p.fd_limit === 'number' ? p.fd_limit : null,
      threads: p.threads,
    }),
    snapshots: [s.id],
    captured_at: s.taken_at,
  };
  return systemStateSchema.parse(state);
}
