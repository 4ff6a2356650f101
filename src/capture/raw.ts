/**
 * What the adapter hands the pure assembly: the texts of the files read (or why each was not), taken in
 * two readings over the interval. Keeping this plain data lets every figure be tested from fixtures.
 */
import type { CommandOutput } from './schema.js';
import type { StatFsNumbers } from './mounts.js';
import type { Source } from './text.js';

/** A list the adapter could enumerate, or why it could not. */
export type Listing<T> = { ok: true; items: T[] } | { ok: false; reason: string };

/** One of the two readings taken `interval` apart. */
export interface RawReading {
  /** Monotonic clock, in milliseconds, when the reading was taken. */
  atMs: number;
  stat: Source;
  diskstats: Source;
  netdev: Source;
  vmstat: Source;
  pressure: { cpu: Source; memory: Source; io: Source };
  /** Text of each readable `/proc/[pid]/stat` (processes that exit mid-read are simply absent). */
  pidStats: Listing<string>;
}

export interface RawCpuFreq {
  cpu: string;
  curKhz: Source;
  maxKhz: Source;
  governor: Source;
}

export interface RawBlockDevice {
  name: string;
  /** In 512-byte sectors, whatever the device's sector size. */
  size: Source;
  rotational: Source;
  removable: Source;
  model: Source;
  /** The device lives under /sys/devices/virtual (loop, zram, dm, md…). */
  virtual: boolean;
  slaves: string[];
}

export interface RawNic {
  name: string;
  /** ARPHRD type number (`type`): 772 is loopback. */
  type: Source;
  operstate: Source;
  mtu: Source;
  speed: Source;
  address: Source;
  /** Basename of the `device/driver` link, null when the interface has no device (virtual). */
  driver: string | null;
  virtual: boolean;
}

export interface RawFsStat {
  mountPoint: string;
  stat: { ok: true; numbers: StatFsNumbers } | { ok: false; reason: string };
}

export interface RawProcessDetail {
  pid: number;
  status: Source;
  cmdline: Source;
  limits: Source;
  /** Entries of `/proc/[pid]/fd`, or why it could not be listed (usually another user's process). */
  fdCount: { ok: true; count: number } | { ok: false; reason: string };
}

/** Address of one interface, in the shape of Node's `os.networkInterfaces()`. */
export interface RawAddress {
  address: string;
  family: string | number;
  internal: boolean;
  cidr: string | null;
}

export interface RawCapture {
  /** Wall clock at the second reading, ns since the epoch. */
  wallNs: bigint;
  first: RawReading;
  second: RawReading;
  hostname: string | null;
  addresses: Listing<{ iface: string; info: RawAddress }>;
  /** From `os.release()`, `os.version()`, `os.machine()`. */
  kernel: { release: string | null; version: string | null; machine: string | null };
  /** From `os.cpus()`: the fallback when /proc/cpuinfo names no model. */
  osCpus: { model: string | null; count: number | null };
  osRelease: Source;
  procVersion: Source;
  cpuinfo: Source;
  cpufreq: Listing<RawCpuFreq>;
  meminfo: Source;
  loadavg: Source;
  uptime: Source;
  fileNr: Source;
  sockstat: Source;
  sockstat6: Source;
  tcp: Source;
  tcp6: Source;
  udp: Source;
  udp6: Source;
  blockDevices: Listing<RawBlockDevice>;
  nics: Listing<RawNic>;
  mountinfo: Source;
  statfs: RawFsStat[];
  processDetails: RawProcessDetail[];
  commands: CommandOutput[];
}
