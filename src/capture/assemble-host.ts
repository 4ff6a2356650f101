/** Builds the snapshot's host description (the form's SYSTEM SPECIFICATIONS) from the raw capture. */
import { parseCpuinfo, parseOsRelease, parseUptime } from './host-text.js';
import type { RawBlockDevice, RawCapture, RawNic } from './raw.js';
import type { BlockDevice, HostInfo, IpAddress, Nic } from './schema.js';
import { round, toCount, type Gaps, type Source } from './text.js';

/** ARPHRD_LOOPBACK, the `type` of a loopback interface. */
const ARPHRD_LOOPBACK = 772;

const why = (file: string, s: Source) => (s.ok ? `not found in ${file}` : `${file}: ${s.reason}`);
const text = (s: Source): string | null => (s.ok && s.text.trim() !== '' ? s.text.trim() : null);

/** Whether a NIC from the raw listing is a loopback interface. */
export function isLoopback(nic: Pick<RawNic, 'name' | 'type'>): boolean {
  return nic.type.ok ? toCount(nic.type.text.trim()) === ARPHRD_LOOPBACK : nic.name === 'lo';
}

/**
 * The host section. `logicalFromStat` is the number of per-core lines of /proc/stat, used when
 * cpuinfo does not count processors (s390).
 * @example const host = buildHost(raw, gaps, { memTotal: 8e9, logicalFromStat: 4 });
 */
export function buildHost(raw: RawCapture, gaps: Gaps, { memTotal, logicalFromStat }: { memTotal: number | null; logicalFromStat: number | null }): HostInfo {
  const os = raw.osRelease.ok ? parseOsRelease(raw.osRelease.text) : {};
  const osWhy = why('/etc/os-release', raw.osRelease);
  const cpu = buildCpu(raw, gaps, logicalFromStat);
  return {
    hostname: gaps.need('host.hostname', raw.hostname, 'the system reports no hostname'),
    ip_addresses: addresses(raw, gaps),
    os: {
      name: gaps.need('host.os.name', os.NAME, osWhy),
      version: gaps.need('host.os.version', os.VERSION ?? os.VERSION_ID, osWhy),
      id: gaps.need('host.os.id', os.ID, osWhy),
      pretty_name: gaps.need('host.os.pretty_name', os.PRETTY_NAME, osWhy),
    },
    kernel: {
      release: gaps.need('host.kernel.release', raw.kernel.release, 'os.release() returned nothing'),
      version: gaps.need('host.kernel.version', raw.kernel.version, 'os.version() returned nothing'),
      machine: gaps.need('host.kernel.machine', raw.kernel.machine, 'os.machine() returned nothing'),
      proc_version: gaps.need('host.kernel.proc_version', text(raw.procVersion), why('/proc/version', raw.procVersion)),
    },
    uptime_s: gaps.need('host.uptime_s', raw.uptime.ok ? parseUptime(raw.uptime.text) : null, why('/proc/uptime', raw.uptime)),
    cpu,
    memory_total_bytes: gaps.need('host.memory_total_bytes', memTotal, why('/proc/meminfo', raw.meminfo)),
    block_devices: blockDevices(raw, gaps),
    nics: nics(raw, gaps),
  };
}

function addresses(raw: RawCapture, gaps: Gaps): IpAddress[] {
  if (!raw.addresses.ok) {
    gaps.add('host.ip_addresses', raw.addresses.reason);
    return [];
  }
  const out: IpAddress[] = [];
  for (const { iface, info } of raw.addresses.items) {
    if (info.internal) continue;
    // Node 18.0–18.3 gave the family as a number; later versions as 'IPv4' / 'IPv6'.
    const family = info.family === 4 || info.family === 'IPv4' ? 'IPv4' : info.family === 6 || info.family === 'IPv6' ? 'IPv6' : null;
    if (!family) continue;
    out.push({ interface: iface, address: info.address, family, cidr: gaps.need(`host.ip_addresses[${info.address}].cidr`, info.cidr, 'no netmask reported') });
  }
  return out;
}

function buildCpu(raw: RawCapture, gaps: Gaps, logicalFromStat: number | null): HostInfo['cpu'] {
  const info = raw.cpuinfo.ok ? parseCpuinfo(raw.cpuinfo.text) : null;
  const infoWhy = why('/proc/cpuinfo', raw.cpuinfo);
  const freqs = raw.cpufreq.ok ? raw.cpufreq.items : [];
  const khz = (s: Source) => (s.ok ? toCount(s.text.trim()) : null);
  const cur = freqs.map((f) => khz(f.curKhz)).filter((v): v is number => v !== null);
  const max = freqs.map((f) => khz(f.maxKhz)).filter((v): v is number => v !== null);
  const governors = [...new Set(freqs.map((f) => text(f.governor)).filter((g): g is string => g !== null))];
  const freqWhy = raw.cpufreq.ok ? (freqs.length === 0 ? 'no cpufreq driver (common in VMs)' : 'cpufreq does not report it') : raw.cpufreq.reason;
  const logical = info && info.logicalCores > 0 ? info.logicalCores : (logicalFromStat ?? raw.osCpus.count);
  return {
    model: gaps.need('host.cpu.model', info?.model ?? raw.osCpus.model, infoWhy),
    logical_cores: gaps.need('host.cpu.logical_cores', logical, infoWhy),
    physical_cores: gaps.need('host.cpu.physical_cores', info?.physicalCores, info ? 'cpuinfo gives no core topology' : infoWhy),
    sockets: gaps.need('host.cpu.sockets', info?.sockets, info ? 'cpuinfo gives no socket ids' : infoWhy),
    // cpufreq's current clock is the one the governor set; cpuinfo's MHz is the fallback (x86 only).
    mhz_current: gaps.need('host.cpu.mhz_current', cur.length > 0 ? round(cur.reduce((a, b) => a + b, 0) / cur.length / 1000, 1) : info?.mhzAverage, `${freqWhy}; cpuinfo has no MHz`),
    mhz_max: gaps.need('host.cpu.mhz_max', max.length > 0 ? Math.max(...max) / 1000 : null, freqWhy),
    governor: gaps.need('host.cpu.governor', governors.length > 0 ? governors.join(',') : null, freqWhy),
  };
}

function blockKind(d: RawBlockDevice, rotational: boolean | null): BlockDevice['kind'] {
  if (d.virtual) return 'virtual';
  if (d.name.startsWith('nvme')) return 'nvme';
  if (rotational === null) return null;
  return rotational ? 'hdd' : 'ssd';
}

function flag(s: Source): boolean | null {
  const v = s.ok ? s.text.trim() : '';
  return v === '1' ? true : v === '0' ? false : null;
}

function blockDevices(raw: RawCapture, gaps: Gaps): BlockDevice[] {
  if (!raw.blockDevices.ok) {
    gaps.add('host.block_devices', raw.blockDevices.reason);
    return [];
  }
  const out: BlockDevice[] = [];
  for (const d of raw.blockDevices.items) {
    const sectors = d.size.ok ? toCount(d.size.text.trim()) : null;
    // An unattached loop or ram device has size 0: it is not storage.
    if (d.virtual && sectors === 0) continue;
    const at = `host.block_devices[${d.name}]`;
    const rotational = gaps.need(`${at}.rotational`, flag(d.rotational), why('queue/rotational', d.rotational));
    out.push({
      name: d.name,
      kind: gaps.need(`${at}.kind`, blockKind(d, rotational), 'rotational flag unreadable'),
      rotational,
      removable: gaps.need(`${at}.removable`, flag(d.removable), why('removable', d.removable)),
      size_bytes: gaps.need(`${at}.size_bytes`, sectors === null ? null : sectors * 512, why('size', d.size)),
      model: gaps.need(`${at}.model`, text(d.model), d.virtual ? 'virtual device has no model' : why('device/model', d.model)),
      slaves: d.slaves,
    });
  }
  return out;
}

function nics(raw: RawCapture, gaps: Gaps): Nic[] {
  if (!raw.nics.ok) {
    gaps.add('host.nics', raw.nics.reason);
    return [];
  }
  const out: Nic[] = [];
  for (const n of raw.nics.items) {
    if (isLoopback(n)) continue;
    const at = `host.nics[${n.name}]`;
    const speed = n.speed.ok ? toCount(n.speed.text.trim()) : null;
    // The kernel answers -1 (or EINVAL when the link is down) when the driver does not know the speed.
    const speedWhy = n.speed.ok ? 'driver reports no link speed' : `speed: ${n.speed.reason}`;
    out.push({
      name: n.name,
      operstate: gaps.need(`${at}.operstate`, text(n.operstate), why('operstate', n.operstate)),
      mtu: gaps.need(`${at}.mtu`, n.mtu.ok ? toCount(n.mtu.text.trim()) : null, why('mtu', n.mtu)),
      speed_mbps: gaps.need(`${at}.speed_mbps`, speed, speedWhy),
      driver: gaps.need(`${at}.driver`, n.driver, n.virtual ? 'virtual interface has no driver device' : 'device/driver link unreadable'),
      mac: gaps.need(`${at}.mac`, text(n.address), why('address', n.address)),
      virtual: n.virtual,
    });
  }
  return out;
}
