/** Compact, aligned text reports of a snapshot and of a diff, for the terminal. */
import type { SnapshotDiff } from './diff.js';
import type { Leaf } from './flatten.js';
import { formatBytes, formatNumber, formatPct, formatSeconds } from './format.js';
import type { Pressure, ProcessInfo, Snapshot } from './schema.js';

const LABEL = 18;

function section(title: string, rows: readonly (readonly [string, string])[]): string[] {
  // A label longer than the column still gets one space before its value.
  return [title, ...rows.map(([k, v]) => `  ${k.padEnd(LABEL - 1)} ${v}`.trimEnd())];
}

const list = (items: readonly (string | null)[], sep = ', ') => items.filter((x) => x !== null && x !== '').join(sep) || 'none';
const na = (v: string | null) => v ?? 'n/a';

function pressure(p: Pressure | null): string {
  if (!p) return 'n/a';
  return `some ${formatPct(p.some_avg10_pct)} full ${formatPct(p.full_avg10_pct)} (avg10) → ${p.level ?? 'n/a'}`;
}

function proc(p: ProcessInfo): string {
  const fds = p.open_fds === null ? 'n/a' : `${p.open_fds}/${p.fd_limit ?? 'n/a'}`;
  return `${String(p.pid).padStart(7)} ${p.name.padEnd(16).slice(0, 16)} cpu ${formatPct(p.cpu_pct).padStart(6)}  rss ${formatBytes(p.rss_bytes).padStart(10)}  thr ${String(p.threads ?? 'n/a').padStart(4)}  fds ${fds}${p.started_during ? '  (started during the interval)' : ''}`;
}

/**
 * The snapshot as a text report; `commandOutput` appends each command's output.
 * @example console.log(renderSnapshot(await captureSnapshot()));
 */
export function renderSnapshot(s: Snapshot, { commandOutput = false }: { commandOutput?: boolean } = {}): string {
  const { host: h, cpu, memory: m, disk, network: net, processes: p } = s;
  const out: string[] = [`Snapshot ${s.id}`, `  taken ${s.taken_at}, rates over ${formatNumber(s.interval_ms, 0)} ms`, ''];
  out.push(
    ...section('HOST', [
      ['hostname', na(h.hostname)],
      ['addresses', list(h.ip_addresses.map((a) => `${a.cidr ?? a.address} (${a.interface})`))],
      ['os', na(h.os.pretty_name)],
      ['kernel', `${na(h.kernel.release)} ${h.kernel.machine ?? ''}`.trim()],
      ['uptime', formatSeconds(h.uptime_s)],
      ['cpu', `${na(h.cpu.model)}, ${h.cpu.logical_cores ?? 'n/a'} logical / ${h.cpu.physical_cores ?? 'n/a'} physical cores, ${h.cpu.sockets ?? 'n/a'} socket(s)`],
      ['clock', `${formatNumber(h.cpu.mhz_current, 0)} MHz (max ${formatNumber(h.cpu.mhz_max, 0)}), governor ${na(h.cpu.governor)}`],
      ['ram', formatBytes(h.memory_total_bytes)],
      ['disks', list(h.block_devices.map((d) => `${d.name} ${d.kind ?? '?'} ${formatBytes(d.size_bytes)}`))],
      ['nics', list(h.nics.map((n) => `${n.name} ${n.operstate ?? '?'} ${n.speed_mbps === null ? '' : `${n.speed_mbps}Mb/s `}mtu ${n.mtu ?? '?'} ${n.driver ?? ''}`.trim()))],
    ]),
    ...section('CPU', [
      ['busy', `${formatPct(cpu.busy_pct)} (user ${formatPct(cpu.user_pct)}, system ${formatPct(cpu.system_pct)}, iowait ${formatPct(cpu.iowait_pct)}, irq ${formatPct(cpu.irq_pct)}, steal ${formatPct(cpu.steal_pct)})`],
      ['per core', list(cpu.per_core.map((c) => `${c.name} ${formatPct(c.busy_pct)}`))],
      ['load 1/5/15m', `${formatNumber(cpu.load_1m)} / ${formatNumber(cpu.load_5m)} / ${formatNumber(cpu.load_15m)}  (runnable ${cpu.runnable ?? 'n/a'}, blocked ${cpu.blocked ?? 'n/a'})`],
      ['ctx sw / intr', `${formatNumber(cpu.context_switches_per_sec, 0)}/s / ${formatNumber(cpu.interrupts_per_sec, 0)}/s`],
      ['pressure', pressure(cpu.pressure)],
    ]),
    ...section('MEMORY', [
      ['used', `${formatBytes(m.used_bytes)} / ${formatBytes(m.total_bytes)} (${formatPct(m.used_pct)}), available ${formatBytes(m.available_bytes)}`],
      ['free/cache/buf', `${formatBytes(m.free_bytes)} / ${formatBytes(m.cached_bytes)} / ${formatBytes(m.buffers_bytes)}`],
      ['swap', m.swap_total_bytes === 0 ? 'none configured' : `${formatBytes(m.swap_used_bytes)} / ${formatBytes(m.swap_total_bytes)} (${formatPct(m.swap_used_pct)})`],
      ['faults', `${formatNumber(m.page_faults_per_sec, 0)}/s (major ${formatNumber(m.major_faults_per_sec, 0)}/s), OOM kills since boot ${m.oom_kills_since_boot ?? 'n/a'}`],
      ['pressure', pressure(m.pressure)],
    ]),
    ...section('DISK', [
      ['total I/O', io(disk.totals)],
      ...disk.devices.map((d) => [`  ${d.name}`, io(d)] as const),
      ['usage', `${formatPct(disk.usage_pct)} used, as df: used / (used + available); fullest ${na(disk.fullest_mount)} ${formatPct(disk.fullest_used_pct)}`],
      ...disk.filesystems.map((f) => [`  ${f.mount}`, filesystem(f)] as const),
      ['pressure', pressure(disk.pressure)],
    ]),
    ...section('NETWORK', [
      ['traffic', traffic(net.totals)],
      ...net.interfaces.map((i) => [`  ${i.name}`, traffic(i)] as const),
      ['errors/drops', `rx ${net.totals.rx_errors ?? 'n/a'}/${net.totals.rx_drops ?? 'n/a'}, tx ${net.totals.tx_errors ?? 'n/a'}/${net.totals.tx_drops ?? 'n/a'} since boot`],
      ['tcp', `${net.connections.tcp_connections ?? 'n/a'} connections (${list(Object.entries(net.connections.tcp_by_state).map(([k, v]) => `${k} ${v}`))}); udp ${net.connections.udp_sockets ?? 'n/a'}`],
    ]),
    ...section('PROCESSES', [
      ['count', `${p.total ?? 'n/a'} processes, ${p.threads ?? 'n/a'} threads, ${p.running ?? 'n/a'} running, ${p.zombies ?? 'n/a'} zombies`],
      ['file handles', `${p.open_fds ?? 'n/a'} / ${p.fd_limit ?? 'n/a'}`],
      ['top by cpu', ''],
      ...p.top_cpu.map((x, i) => [`  #${i + 1}`, proc(x)] as const),
      ['top by memory', ''],
      ...p.top_memory.map((x, i) => [`  #${i + 1}`, proc(x)] as const),
    ]),
    ...section('COMMANDS', s.commands.map((c) => [c.command, c.unavailable ? `unavailable: ${c.unavailable}` : `ok (${c.output.split('\n').filter(Boolean).length} lines)`] as const)),
  );
  if (s.unavailable.length > 0) out.push(`UNAVAILABLE (${s.unavailable.length})`, ...s.unavailable.map((u) => `  ${u.item}: ${u.reason}`));
  if (commandOutput) for (const c of s.commands) out.push('', `$ ${c.command}`, c.output.trimEnd());
  return `${out.join('\n')}\n`;
}

/**
 * One filesystem as df shows it. Use% is of used + available, not of the size: reserved blocks (and, on
 * some filesystems, space other users hold) are in neither, so "25.6% of 252 GiB" would suggest ~187 GiB
 * free where only 75 GiB were available.
 */
function filesystem(f: Snapshot['disk']['filesystems'][number]): string {
  return `size ${formatBytes(f.size_bytes)}, used ${formatBytes(f.used_bytes)}, avail ${formatBytes(f.avail_bytes)}, use ${formatPct(f.used_pct)} (${f.fstype} ${f.device})`;
}

function io(d: Snapshot['disk']['totals']): string {
  return `r ${formatNumber(d.read_iops, 0)} w ${formatNumber(d.write_iops, 0)} IOPS, r ${formatNumber(d.read_mb_s)} w ${formatNumber(d.write_mb_s)} MB/s, lat ${formatNumber(d.avg_latency_ms)} ms, queue ${formatNumber(d.queue_depth)}, util ${formatPct(d.util_pct)}`;
}

function traffic(t: Snapshot['network']['totals']): string {
  return `in ${formatNumber(t.rx_mbps)} out ${formatNumber(t.tx_mbps)} Mbps, ${formatNumber(t.rx_packets_per_sec, 0)} / ${formatNumber(t.tx_packets_per_sec, 0)} pkt/s`;
}

const value = (v: Leaf) => (v === null ? 'n/a' : typeof v === 'number' ? formatNumber(v) : String(v));

/**
 * A diff as a text report: flagged changes first (marked `!`), the rest only with `all`.
 * @example console.log(renderDiff(diffSnapshots(healthy, failing)));
 */
export function renderDiff(d: SnapshotDiff, { all = false }: { all?: boolean } = {}): string {
  const out = [`Diff ${d.from.id} → ${d.to.id}`, `  ${d.from.taken_at} → ${d.to.taken_at}`];
  if (d.rebooted) out.push('  ! host rebooted between the snapshots (uptime went down)');
  const shown = all ? d.numeric : d.numeric.filter((c) => c.flagged);
  const width = Math.min(56, Math.max(10, ...shown.map((c) => c.path.length)));
  out.push('', `CHANGES (${d.numeric.filter((c) => c.flagged).length} flagged of ${d.numeric.length})`);
  for (const c of shown) {
    const rel = c.relative === null ? 'from 0' : `${c.relative >= 0 ? '+' : ''}${(c.relative * 100).toFixed(0)}%`;
    out.push(`${c.flagged ? '!' : ' '} ${c.path.padEnd(width)} ${value(c.before).padStart(12)} → ${value(c.after).padEnd(12)} ${c.delta >= 0 ? '+' : ''}${formatNumber(c.delta)} (${rel})`);
  }
  if (d.changed.length > 0) out.push('', 'CHANGED VALUES', ...d.changed.map((c) => `  ${c.path}: ${value(c.before)} → ${value(c.after)}`));
  if (d.added.length + d.removed.length > 0) out.push('', 'ADDED / REMOVED', ...d.added.map((e) => `  + ${e}`), ...d.removed.map((e) => `  - ${e}`));
  if (d.appeared.length + d.disappeared.length > 0) {
    out.push('', 'TOP PROCESSES', ...d.appeared.map((p) => `  + ${p.list} ${p.name} (pid ${p.pid})`), ...d.disappeared.map((p) => `  - ${p.list} ${p.name} (pid ${p.pid})`));
  }
  if (d.new_unavailable.length > 0) out.push('', 'NEWLY UNAVAILABLE', ...d.new_unavailable.map((u) => `  ${u.item}: ${u.reason}`));
  if (d.resolved_unavailable.length > 0) out.push('', 'AVAILABLE AGAIN', ...d.resolved_unavailable.map((u) => `  ${u.item}`));
  return `${out.join('\n')}\n`;
}
