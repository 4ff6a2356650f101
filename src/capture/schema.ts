/**
 * The capture snapshot: what `pfa capture` records about a host, shaped after the system-failure form
 * (SYSTEM STATE INFORMATION). Anything the host would not tell is null and named in `unavailable`.
 */
import { z } from 'zod';
import { incidentIdSchema } from '../incidents/schema/index.js';
import { parseDuration } from '../shared/time.js';

/** A measurement that may be missing; missing is null, never 0. */
const n = () => z.number().finite().nullable();
/** A count that may be missing. */
const c = () => z.number().int().nonnegative().nullable();
const s = () => z.string().nullable();
/** A resource limit: a number, "unlimited", or unknown. */
const limit = () => z.union([z.number().int().nonnegative(), z.literal('unlimited')]).nullable();

export const PRESSURE_LEVELS = ['none', 'low', 'medium', 'high', 'critical'] as const;
export const pressureLevelSchema = z.enum(PRESSURE_LEVELS);

export const unavailableSchema = z.object({
  /** Dotted path of the missing value in the snapshot (`memory.pressure`, `host.nics[eth0].speed_mbps`), or `commands[<command>]`. */
  item: z.string(),
  reason: z.string(),
});

/** Pressure stall information: share of time some (or all) tasks stalled on the resource. */
export const pressureSchema = z.object({
  some_avg10_pct: n(),
  some_avg60_pct: n(),
  some_avg300_pct: n(),
  /** Stall share over the capture interval itself, from the two readings of `total`. */
  some_interval_pct: n(),
  full_avg10_pct: n(),
  full_avg60_pct: n(),
  full_avg300_pct: n(),
  full_interval_pct: n(),
  /** The form's None…Critical scale, see `pressureLevel`. */
  level: pressureLevelSchema.nullable(),
});

export const ipAddressSchema = z.object({
  interface: z.string(),
  address: z.string(),
  family: z.enum(['IPv4', 'IPv6']),
  cidr: s(),
});

export const blockDeviceSchema = z.object({
  name: z.string(),
  /** nvme, ssd (non-rotational), hdd (rotational flag set), or virtual (loop, zram, dm, md…). */
  kind: z.enum(['nvme', 'ssd', 'hdd', 'virtual']).nullable(),
  rotational: z.boolean().nullable(),
  removable: z.boolean().nullable(),
  size_bytes: c(),
  model: s(),
  /** Devices this one is built on (device-mapper, md); empty for a physical disk. */
  slaves: z.array(z.string()),
});

export const nicSchema = z.object({
  name: z.string(),
  operstate: s(),
  mtu: c(),
  speed_mbps: c(),
  driver: s(),
  mac: s(),
  virtual: z.boolean(),
});

export const hostSchema = z.object({
  hostname: s(),
  ip_addresses: z.array(ipAddressSchema),
  os: z.object({ name: s(), version: s(), id: s(), pretty_name: s() }),
  kernel: z.object({ release: s(), version: s(), machine: s(), proc_version: s() }),
  uptime_s: n(),
  cpu: z.object({
    model: s(),
    logical_cores: c(),
    physical_cores: c(),
    sockets: c(),
    /** Mean current clock over logical CPUs. */
    mhz_current: n(),
    /** Highest rated clock (cpufreq `cpuinfo_max_freq`). */
    mhz_max: n(),
    governor: s(),
  }),
  memory_total_bytes: c(),
  block_devices: z.array(blockDeviceSchema),
  nics: z.array(nicSchema),
});

export const coreUsageSchema = z.object({ name: z.string(), busy_pct: n(), iowait_pct: n() });

export const cpuSchema = z.object({
  busy_pct: n(),
  user_pct: n(),
  system_pct: n(),
  iowait_pct: n(),
  irq_pct: n(),
  steal_pct: n(),
  idle_pct: n(),
  per_core: z.array(coreUsageSchema),
  load_1m: n(),
  load_5m: n(),
  load_15m: n(),
  runnable: c(),
  blocked: c(),
  context_switches_per_sec: n(),
  interrupts_per_sec: n(),
  forks_per_sec: n(),
  pressure: pressureSchema.nullable(),
});

export const memorySchema = z.object({
  total_bytes: c(),
  /** total − available, as `free` (procps-ng ≥ 4) counts it. */
  used_bytes: c(),
  used_pct: n(),
  free_bytes: c(),
  available_bytes: c(),
  /** Page cache plus reclaimable slab, as `free -w` shows under "cache". */
  cached_bytes: c(),
  buffers_bytes: c(),
  shmem_bytes: c(),
  dirty_bytes: c(),
  swap_total_bytes: c(),
  swap_used_bytes: c(),
  swap_used_pct: n(),
  hugepages_total: c(),
  hugepages_free: c(),
  hugepage_size_bytes: c(),
  committed_bytes: c(),
  commit_limit_bytes: c(),
  page_faults_per_sec: n(),
  major_faults_per_sec: n(),
  swap_in_pages_per_sec: n(),
  swap_out_pages_per_sec: n(),
  oom_kills_since_boot: c(),
  pressure: pressureSchema.nullable(),
});

export const diskIoSchema = z.object({
  read_iops: n(),
  write_iops: n(),
  /** MB = 10^6 bytes. */
  read_mb_s: n(),
  write_mb_s: n(),
  /** Mean time per completed request (iostat's await), reads and writes together. */
  avg_latency_ms: n(),
  read_latency_ms: n(),
  write_latency_ms: n(),
  /** Mean requests queued or in service over the interval (iostat's aqu-sz). */
  queue_depth: n(),
  util_pct: n(),
});

export const diskDeviceSchema = diskIoSchema.extend({ name: z.string(), in_flight: c() });

export const filesystemSchema = z.object({
  mount: z.string(),
  device: z.string(),
  fstype: z.string(),
  size_bytes: c(),
  used_bytes: c(),
  avail_bytes: c(),
  used_pct: n(),
  inodes_used_pct: n(),
});

export const diskSchema = z.object({
  devices: z.array(diskDeviceSchema),
  /** Sum over the bottom layer of the block stack (devices built on nothing), so dm/md are not counted twice. */
  totals: diskIoSchema,
  filesystems: z.array(filesystemSchema),
  /** Used share of all listed filesystems' capacity. */
  usage_pct: n(),
  fullest_mount: s(),
  fullest_used_pct: n(),
  pressure: pressureSchema.nullable(),
});

export const netTrafficSchema = z.object({
  /** Mbps = 10^6 bits per second. */
  rx_mbps: n(),
  tx_mbps: n(),
  rx_packets_per_sec: n(),
  tx_packets_per_sec: n(),
  rx_errors_per_sec: n(),
  tx_errors_per_sec: n(),
  rx_drops_per_sec: n(),
  tx_drops_per_sec: n(),
  /** Cumulative counters since boot. */
  rx_errors: c(),
  tx_errors: c(),
  rx_drops: c(),
  tx_drops: c(),
});

export const netInterfaceSchema = netTrafficSchema.extend({ name: z.string() });

export const connectionsSchema = z.object({
  tcp_by_state: z.record(z.string(), z.number().int().nonnegative()),
  /** TCP sockets other than LISTEN. */
  tcp_connections: c(),
  tcp_established: c(),
  tcp_listen: c(),
  tcp_time_wait: c(),
  udp_sockets: c(),
  /** Where the counts came from: the socket tables, or the kernel's summary when the tables were unreadable. */
  source: z.enum(['proc_net', 'sockstat']).nullable(),
});

export const networkSchema = z.object({
  interfaces: z.array(netInterfaceSchema),
  /** Sum over non-loopback interfaces. */
  totals: netTrafficSchema,
  connections: connectionsSchema,
});

export const processSchema = z.object({
  pid: z.number().int().positive(),
  name: z.string(),
  command: s(),
  state: s(),
  /**
   * Percent of one core over the interval, as top shows it: CPU time used between the two readings
   * (never since the process started), null when that cannot be measured.
   */
  cpu_pct: n(),
  /** Absent from the first reading: started during the interval, so cpu_pct is its CPU time since it started, over the whole interval. Absent from snapshots of earlier versions. */
  started_during: z.boolean().optional(),
  /**
   * Start time in clock ticks after boot (/proc/PID/stat field 22). With the pid it names the process:
   * a name does not (kernel workers rename themselves), and a pid comes back. Absent from snapshots of earlier versions.
   */
  start_ticks: z.number().int().nonnegative().optional(),
  rss_bytes: c(),
  mem_pct: n(),
  threads: c(),
  open_fds: c(),
  fd_limit: limit(),
});

export const processesSchema = z.object({
  total: c(),
  running: c(),
  zombies: c(),
  threads: c(),
  top_cpu: z.array(processSchema),
  top_memory: z.array(processSchema),
  /** System-wide file handles in use (`/proc/sys/fs/file-nr`). */
  open_fds: c(),
  fd_limit: limit(),
});

export const commandOutputSchema = z.object({
  command: z.string(),
  exit_code: z.number().int().nullable(),
  duration_ms: n(),
  output: z.string(),
  /** Why the command gave no usable output: not installed, not permitted, timed out, failed. */
  unavailable: z.string().optional(),
});

export const snapshotSchema = z
  .object({
    id: z.string(),
    /** End of the interval, when the state values were read (RFC 3339 UTC, microseconds). */
    taken_at: z.string(),
    /** Measured length of the interval the rates cover. */
    interval_ms: z.number().nonnegative(),
    host: hostSchema,
    cpu: cpuSchema,
    memory: memorySchema,
    disk: diskSchema,
    network: networkSchema,
    processes: processesSchema,
    commands: z.array(commandOutputSchema),
    unavailable: z.array(unavailableSchema),
  })
  .meta({ id: 'CaptureSnapshot', description: 'Host state captured by `pfa capture`.' });

// ---- over HTTP ----

function isDuration(s: string): boolean {
  try {
    return parseDuration(s) > 0n;
  } catch {
    return false;
  }
}

/** What `POST /captures` takes: the options of `pfa capture` that mean something for a server (it always stores). */
export const captureRequestSchema = z
  .strictObject({
    incident: incidentIdSchema.optional().describe("Attach to this incident; its system state is filled when still empty and the capture is near the incident's window"),
    replace_state: z.boolean().default(false).describe("With incident: replace the incident's recorded system state by this capture"),
    interval: z.string().trim().max(32).refine(isDuration, 'expected a duration such as 1s or 500ms').default('1s').describe('Time between the two readings rates come from (50ms to 60s)'),
    top: z.number().int().min(1).max(50).default(5).describe('Length of the top-process lists'),
    commands: z.boolean().default(true).describe('Run the diagnostic commands (uname, free, df, ss, dmesg, journalctl)'),
  })
  .refine((r) => !r.replace_state || r.incident !== undefined, { message: "replace_state replaces an incident's system state: it needs incident", path: ['replace_state'] })
  .prefault({})
  .meta({ id: 'CaptureRequest' });

export const captureResultSchema = z
  .object({
    evidence: z.string().describe('The evidence id the snapshot is stored under'),
    note: z.string().optional().describe("What was done to the incident's system state"),
    snapshot: snapshotSchema,
  })
  .meta({ id: 'CaptureResult' });

export const snapshotListSchema = z
  .object({ snapshots: z.array(z.object({ id: z.string(), incident: z.string(), taken_at: z.string(), size: z.number().nullable() })) })
  .meta({ id: 'SnapshotList', description: 'Stored snapshots, newest first (as `pfa capture list --json`).' });

const leafSchema = z.union([z.number(), z.string(), z.boolean(), z.null()]);
const processChangeSchema = z.object({ list: z.enum(['top_cpu', 'top_memory']), pid: z.number().int(), name: z.string() });
const sideSchema = z.object({ id: z.string(), taken_at: z.string() });

export const snapshotDiffSchema = z
  .object({
    from: sideSchema,
    to: sideSchema,
    rebooted: z.boolean().describe('Uptime went down: the host rebooted between the snapshots'),
    numeric: z.array(z.object({ path: z.string(), before: z.number(), after: z.number(), delta: z.number(), relative: z.number().nullable(), flagged: z.boolean() })),
    changed: z.array(z.object({ path: z.string(), before: leafSchema, after: leafSchema })),
    added: z.array(z.string()),
    removed: z.array(z.string()),
    appeared: z.array(processChangeSchema),
    disappeared: z.array(processChangeSchema),
    new_unavailable: z.array(unavailableSchema),
    resolved_unavailable: z.array(unavailableSchema),
  })
  .meta({ id: 'SnapshotDiff', description: 'As `pfa capture diff A B --json`: numeric changes (large ones flagged first), changed values, what came and went.' });

export type Snapshot = z.infer<typeof snapshotSchema>;
export type PressureLevel = z.infer<typeof pressureLevelSchema>;
export type Pressure = z.infer<typeof pressureSchema>;
export type Unavailable = z.infer<typeof unavailableSchema>;
export type HostInfo = z.infer<typeof hostSchema>;
export type BlockDevice = z.infer<typeof blockDeviceSchema>;
export type Nic = z.infer<typeof nicSchema>;
export type IpAddress = z.infer<typeof ipAddressSchema>;
export type CpuMetrics = z.infer<typeof cpuSchema>;
export type MemoryMetrics = z.infer<typeof memorySchema>;
export type DiskIo = z.infer<typeof diskIoSchema>;
export type DiskDevice = z.infer<typeof diskDeviceSchema>;
export type Filesystem = z.infer<typeof filesystemSchema>;
export type DiskMetrics = z.infer<typeof diskSchema>;
export type NetTraffic = z.infer<typeof netTrafficSchema>;
export type NetInterface = z.infer<typeof netInterfaceSchema>;
export type Connections = z.infer<typeof connectionsSchema>;
export type NetworkMetrics = z.infer<typeof networkSchema>;
export type ProcessInfo = z.infer<typeof processSchema>;
export type ProcessMetrics = z.infer<typeof processesSchema>;
export type CommandOutput = z.infer<typeof commandOutputSchema>;
