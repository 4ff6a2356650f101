/** Symptoms and system state at the time of failure (system-failure log: SYMPTOMS OBSERVED, SYSTEM STATE INFORMATION). */
import { z } from 'zod';
import { memoryPressure } from './choices.js';
import { count, line, lines, num, text, timestamp } from './fields.js';

export const symptomsSchema = z
  .strictObject({
    initial: text().optional(),
    error_messages: text().optional(),
    behavior_before_failure: text().optional(),
    warning_signs: text().optional(),
  })
  .meta({ id: 'Symptoms', description: 'What was observed before and at the failure.' });

export const systemSpecsSchema = z.strictObject({
  hostname: line().optional(),
  ip_addresses: z.array(line()).max(64).optional(),
  operating_system: line().optional(),
  kernel_version: line().optional(),
  cpu_model: line().optional(),
  cpu_cores: count().optional(),
  cpu_speed: line().optional(),
  total_ram: line().optional(),
  available_ram: line().optional(),
  storage_type: line().optional(),
  total_storage: line().optional(),
  network_cards: line().optional(),
});

export const cpuMetricsSchema = z.strictObject({
  overall_pct: num().optional(),
  per_core: line().optional(),
  load_average: line().optional(),
  context_switches_per_sec: num().optional(),
  interrupts_per_sec: num().optional(),
});

export const memoryMetricsSchema = z.strictObject({
  used_gb: num().optional(),
  total_gb: num().optional(),
  used_pct: num().optional(),
  free_gb: num().optional(),
  cached_gb: num().optional(),
  buffers_gb: num().optional(),
  swap_used_gb: num().optional(),
  swap_total_gb: num().optional(),
  swap_pct: num().optional(),
  page_faults_per_sec: num().optional(),
  pressure: memoryPressure.one().optional(),
});

export const diskMetricsSchema = z.strictObject({
  read_iops: num().optional(),
  write_iops: num().optional(),
  read_mb_s: num().optional(),
  write_mb_s: num().optional(),
  avg_latency_ms: num().optional(),
  queue_depth: num().optional(),
  usage_pct: num().optional(),
});

export const networkMetricsSchema = z.strictObject({
  inbound_mbps: num().optional(),
  outbound_mbps: num().optional(),
  packets_received_per_sec: num().optional(),
  packets_sent_per_sec: num().optional(),
  errors_drops: line().optional(),
  connection_count: num().optional(),
});

export const processMetricsSchema = z.strictObject({
  total: count().optional(),
  zombies: count().optional(),
  high_cpu: line().optional(),
  high_memory: line().optional(),
  open_fds: count().optional(),
  fd_limit: count().optional(),
  threads: count().optional(),
});

export const systemStateSchema = z
  .strictObject({
    specs: systemSpecsSchema.optional(),
    cpu: cpuMetricsSchema.optional(),
    memory: memoryMetricsSchema.optional(),
    disk: diskMetricsSchema.optional(),
    network: networkMetricsSchema.optional(),
    processes: processMetricsSchema.optional(),
    /** Ids of capture snapshots this section was filled from. */
    snapshots: lines().optional(),
    /** When the metrics above were read (the end of the capture's interval): how near the failure they are. */
    captured_at: timestamp().optional(),
  })
  .meta({ id: 'SystemState', description: 'System specifications and metrics at the time of failure.' });
