/** Builds the disk and network sections of a snapshot from the two raw readings. */
import { isLoopback } from './assemble-host.js';
import { buildPressure, pairWhy } from './assemble-metrics.js';
import { completed, diskRates, diskTotals, parseDiskstats } from './diskstats.js';
import { filesystemUsage, parseMountinfo, selectFilesystems } from './mounts.js';
import { netRates, netTotals, parseNetDev } from './netdev.js';
import type { RawCapture } from './raw.js';
import type { Connections, DiskDevice, DiskMetrics, DiskIo, Filesystem, NetworkMetrics } from './schema.js';
import { countSocketStates, mergeCounts, parseSockstat } from './sockets.js';
import { pct, type Gaps } from './text.js';

/**
 * Disk section: per-device iostat figures, totals over physical devices, filesystem usage, I/O pressure.
 * Devices that never completed a request since boot (unused loop devices) are left out.
 * @example buildDisk(raw, elapsedMs, gaps).totals.read_iops
 */
export function buildDisk(raw: RawCapture, elapsedMs: number, gaps: Gaps): DiskMetrics {
  const why = pairWhy('/proc/diskstats', raw.first.diskstats, raw.second.diskstats);
  const a = new Map((raw.first.diskstats.ok ? parseDiskstats(raw.first.diskstats.text) : []).map((d) => [d.name, d]));
  const b = raw.second.diskstats.ok ? parseDiskstats(raw.second.diskstats.text) : [];
  if (!raw.second.diskstats.ok) gaps.add('disk.devices', why);
  // /sys/block lists whole devices only; diskstats also has every partition.
  const known = raw.blockDevices.ok ? new Map(raw.blockDevices.items.map((d) => [d.name, d])) : null;
  const devices: DiskDevice[] = [];
  const physical: { io: DiskIo; completed: number | null }[] = [];
  // Without /sys/block, partitions are recognised by name: sda1 of sda, and (base ending in a digit)
  // nvme0n1p1 of nvme0n1, mmcblk0p1 of mmcblk0; nvme0n10 is a namespace of its own, not a partition.
  const names = b.map((d) => d.name);
  const isPartition = (name: string) =>
    names.some((n) => n !== name && name.startsWith(n) && (/\d$/.test(n) ? /^p\d+$/ : /^\d+$/).test(name.slice(n.length)));
  for (const after of b) {
    const info = known?.get(after.name);
    if ((known ? !info : isPartition(after.name)) || after.reads + after.writes === 0) continue;
    const before = a.get(after.name);
    const io = before ? diskRates(before, after, elapsedMs) : nullIo();
    const at = `disk.devices[${after.name}]`;
    const done = before ? completed(before, after) : null;
    noLatencyGaps(at, io, gaps);
    devices.push(gaps.nulls(at, { name: after.name, ...io, in_flight: after.inFlight }, before ? why : 'device appeared during the interval'));
    if (!info?.virtual) physical.push({ io, completed: done });
  }
  const totals = diskTotals(physical);
  noLatencyGaps('disk.totals', totals, gaps);
  gaps.nulls('disk.totals', totals, physical.length === 0 ? 'no physical block device with I/O' : why);
  const filesystems = buildFilesystems(raw, gaps);
  const capacity = filesystems.filter((f) => f.fstype !== 'tmpfs');
  const used = capacity.reduce((s, f) => s + (f.used_bytes ?? 0), 0);
  const usable = capacity.reduce((s, f) => s + (f.used_bytes ?? 0) + (f.avail_bytes ?? 0), 0);
  const fullest = filesystems.reduce<Filesystem | null>((m, f) => (f.used_pct !== null && (m === null || f.used_pct > (m.used_pct ?? -1)) ? f : m), null);
  const noFs = 'no filesystem usage could be read';
  return {
    devices,
    totals,
    filesystems,
    usage_pct: gaps.need('disk.usage_pct', pct(used, usable), noFs),
    fullest_mount: gaps.need('disk.fullest_mount', fullest?.mount, noFs),
    fullest_used_pct: gaps.need('disk.fullest_used_pct', fullest?.used_pct, noFs),
    pressure: buildPressure('disk.pressure', '/proc/pressure/io', raw.first.pressure.io, raw.second.pressure.io, elapsedMs, gaps),
  };
}

/** A latency with no completed request is undefined, not 0: say why it is null. */
function noLatencyGaps(at: string, io: DiskIo, gaps: Gaps): void {
  const idle = 'no request completed during the interval';
  if (io.read_iops === 0 && io.write_iops === 0) gaps.add(`${at}.avg_latency_ms`, idle);
  if (io.read_iops === 0) gaps.add(`${at}.read_latency_ms`, 'no read completed during the interval');
  if (io.write_iops === 0) gaps.add(`${at}.write_latency_ms`, 'no write completed during the interval');
}

function nullIo(): DiskIo {
  return { read_iops: null, write_iops: null, read_mb_s: null, write_mb_s: null, avg_latency_ms: null, read_latency_ms: null, write_latency_ms: null, queue_depth: null, util_pct: null };
}

function buildFilesystems(raw: RawCapture, gaps: Gaps): Filesystem[] {
  if (!raw.mountinfo.ok) {
    gaps.add('disk.filesystems', `/proc/self/mountinfo: ${raw.mountinfo.reason}`);
    return [];
  }
  const stats = new Map(raw.statfs.map((s) => [s.mountPoint, s.stat]));
  const out: Filesystem[] = [];
  for (const m of selectFilesystems(parseMountinfo(raw.mountinfo.text))) {
    const st = stats.get(m.mountPoint);
    const at = `disk.filesystems[${m.mountPoint}]`;
    if (st?.ok && st.numbers.blocks === 0) continue;
    const fs: Filesystem = st?.ok
      ? filesystemUsage(m, st.numbers)
      : { mount: m.mountPoint, device: m.source, fstype: m.fstype, size_bytes: null, used_bytes: null, avail_bytes: null, used_pct: null, inodes_used_pct: null };
    if (st?.ok && st.numbers.files === 0) gaps.add(`${at}.inodes_used_pct`, `${m.fstype} has no fixed inode table`);
    out.push(gaps.nulls(at, fs, st ? (st.ok ? 'statfs gave no figure' : `statfs: ${st.reason}`) : 'statfs not attempted'));
  }
  return out;
}

/**
 * Network section: per-interface traffic, totals over non-loopback interfaces, connection counts.
 * @example buildNetwork(raw, elapsedMs, gaps).totals.rx_mbps
 */
export function buildNetwork(raw: RawCapture, elapsedMs: number, gaps: Gaps): NetworkMetrics {
  const why = pairWhy('/proc/net/dev', raw.first.netdev, raw.second.netdev);
  const a = new Map((raw.first.netdev.ok ? parseNetDev(raw.first.netdev.text) : []).map((n) => [n.name, n]));
  const b = raw.second.netdev.ok ? parseNetDev(raw.second.netdev.text) : [];
  if (!raw.second.netdev.ok) gaps.add('network.interfaces', why);
  const loopbacks = new Set(raw.nics.ok ? raw.nics.items.filter(isLoopback).map((n) => n.name) : ['lo']);
  const interfaces = b.map((after) => {
    const before = a.get(after.name);
    // Without a first reading only the cumulative counters are known (a zero interval yields null rates).
    const traffic = netRates(before ?? after, after, before ? elapsedMs : 0);
    return gaps.nulls(`network.interfaces[${after.name}]`, { name: after.name, ...traffic }, before ? why : 'interface appeared during the interval');
  });
  const external = interfaces.filter((i) => !loopbacks.has(i.name));
  const totals = netTotals(external);
  gaps.nulls('network.totals', totals, external.length === 0 && interfaces.length > 0 ? 'no non-loopback interface' : why);
  return { interfaces, totals, connections: buildConnections(raw, gaps) };
}

function buildConnections(raw: RawCapture, gaps: Gaps): Connections {
  const tcpTables = [raw.tcp, raw.tcp6].flatMap((s) => (s.ok ? [s.text] : []));
  const udpTables = [raw.udp, raw.udp6].flatMap((s) => (s.ok ? [s.text] : []));
  const tcpWhy = raw.tcp.ok ? '' : `/proc/net/tcp: ${raw.tcp.reason}`;
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((x, y) => x + y, 0);
  if (tcpTables.length > 0) {
    // /proc/net/tcp6 is absent when IPv6 is disabled; the IPv4 table alone is then complete, but say so.
    if (!raw.tcp6.ok) gaps.add('network.connections.tcp6', `/proc/net/tcp6: ${raw.tcp6.reason}`);
    const states = mergeCounts(...tcpTables.map(countSocketStates));
    const udp: number | null = udpTables.length > 0 ? sum(mergeCounts(...udpTables.map(countSocketStates))) : null;
    if (udp === null) gaps.add('network.connections.udp_sockets', 'udp tables unreadable');
    return {
      tcp_by_state: states,
      tcp_connections: sum(states) - (states.LISTEN ?? 0),
      tcp_established: states.ESTAB ?? 0,
      tcp_listen: states.LISTEN ?? 0,
      tcp_time_wait: states['TIME-WAIT'] ?? 0,
      udp_sockets: udp,
      source: 'proc_net',
    };
  }
  if (!raw.sockstat.ok) {
    gaps.add('network.connections', `${tcpWhy}; /proc/net/sockstat: ${raw.sockstat.reason}`);
    return { tcp_by_state: {}, tcp_connections: null, tcp_established: null, tcp_listen: null, tcp_time_wait: null, udp_sockets: null, source: null };
  }
  // The kernel's summary has TIME-WAIT and in-use totals but no per-state counts: say so rather than guess ESTAB.
  const v4 = parseSockstat(raw.sockstat.text);
  const v6 = raw.sockstat6.ok ? parseSockstat(raw.sockstat6.text) : {};
  const out: Connections = {
    tcp_by_state: {},
    tcp_connections: null,
    tcp_established: null,
    tcp_listen: null,
    tcp_time_wait: v4.TCP?.tw ?? null,
    udp_sockets: v4.UDP?.inuse === undefined ? null : v4.UDP.inuse + (v6.UDP6?.inuse ?? 0),
    source: 'sockstat',
  };
  return gaps.nulls('network.connections', out, `${tcpWhy}; sockstat has no per-state counts`);
}
