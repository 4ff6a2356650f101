/** Builds the processes section: counts, the top processes by CPU and by memory, file descriptors. */
import { parseFileNr } from './host-text.js';
import { type ProcStat, totalJiffies } from './proc-stat.js';
import { commandLine, openFilesLimit, parsePidStat, parsePidStatus, rankProcesses, statusRssBytes, summarizeProcesses, type PidStat, type RankedProcess } from './procs.js';
import type { RawCapture, RawProcessDetail, RawReading } from './raw.js';
import type { ProcessInfo, ProcessMetrics } from './schema.js';
import { pct, type Gaps } from './text.js';

/** Parsed `/proc/[pid]/stat` of a reading, or null when /proc could not be listed. */
export function pidStatsOf(reading: RawReading): PidStat[] | null {
  if (!reading.pidStats.ok) return null;
  return reading.pidStats.items.map(parsePidStat).filter((p): p is PidStat => p !== null);
}

/**
 * CPU time one core had between the readings, in clock ticks: the yardstick for per-process CPU %.
 * @example jiffiesPerCore(parseProcStat(t1), parseProcStat(t2)) === 100 // 1 s at USER_HZ 100
 */
export function jiffiesPerCore(a: ProcStat | null, b: ProcStat | null): number | null {
  if (!a?.total || !b?.total) return null;
  const cores = b.cores.length || 1;
  const d = totalJiffies(b.total) - totalJiffies(a.total);
  return d > 0 ? d / cores : null;
}

/**
 * Top processes by CPU and by memory over the interval, as the adapter needs them to know whose
 * details to read and as the snapshot reports them.
 * @example topProcesses(raw, statA, statB, 5).byCpu.map((p) => p.stat.pid)
 */
export function topProcesses(raw: Pick<RawCapture, 'first' | 'second'>, a: ProcStat | null, b: ProcStat | null, limit: number): { byCpu: RankedProcess[]; byMemory: RankedProcess[] } {
  const first = pidStatsOf(raw.first);
  // Without a first listing there is nothing to subtract from: no CPU % rather than lifetime totals.
  const before = first === null ? null : new Map(first.map((p) => [p.pid, p]));
  return rankProcesses(before, pidStatsOf(raw.second) ?? [], { jiffiesPerCore: jiffiesPerCore(a, b), limit });
}

/**
 * Processes section.
 * @example buildProcesses(raw, statA, statB, memTotal, gaps, 5).zombies
 */
export function buildProcesses(raw: RawCapture, a: ProcStat | null, b: ProcStat | null, memTotal: number | null, gaps: Gaps, limit: number): ProcessMetrics {
  const after = pidStatsOf(raw.second);
  const summary = after ? summarizeProcesses(after) : null;
  const listWhy = raw.second.pidStats.ok ? '' : `/proc: ${raw.second.pidStats.reason}`;
  const { byCpu, byMemory } = topProcesses(raw, a, b, limit);
  const details = new Map(raw.processDetails.map((d) => [d.pid, d]));
  const firstWhy = raw.first.pidStats.ok ? null : `/proc (first reading): ${raw.first.pidStats.reason}`;
  const describe = (list: string) => (r: RankedProcess) => processInfo(r, details.get(r.stat.pid), memTotal, gaps, `processes.${list}[${r.stat.pid}]`, firstWhy ?? r.cpuWhy ?? 'not measured');
  const fileNr = raw.fileNr.ok ? parseFileNr(raw.fileNr.text) : null;
  const fileWhy = raw.fileNr.ok ? 'unparseable /proc/sys/fs/file-nr' : `/proc/sys/fs/file-nr: ${raw.fileNr.reason}`;
  return {
    total: gaps.need('processes.total', summary?.total, listWhy),
    running: gaps.need('processes.running', summary?.running, listWhy),
    zombies: gaps.need('processes.zombies', summary?.zombies, listWhy),
    threads: gaps.need('processes.threads', summary?.threads, listWhy),
    top_cpu: byCpu.map(describe('top_cpu')),
    top_memory: byMemory.map(describe('top_memory')),
    open_fds: gaps.need('processes.open_fds', fileNr?.open, fileWhy),
    fd_limit: gaps.need('processes.fd_limit', fileNr?.max, fileWhy),
  };
}

function processInfo(r: RankedProcess, d: RawProcessDetail | undefined, memTotal: number | null, gaps: Gaps, at: string, cpuWhy: string): ProcessInfo {
  const gone = 'process exited before its details were read';
  const status = d?.status.ok ? parsePidStatus(d.status.text) : null;
  const rss = status ? statusRssBytes(status) : null;
  const kernelThread = status !== null && !status.has('VmRSS');
  const info: ProcessInfo = {
    pid: r.stat.pid,
    name: r.stat.comm,
    command: d?.cmdline.ok ? commandLine(d.cmdline.text) : null,
    state: r.stat.state,
    cpu_pct: r.cpuPct,
    started_during: r.startedDuring,
    start_ticks: r.stat.startTicks,
    rss_bytes: rss,
    mem_pct: pct(rss, memTotal),
    threads: r.stat.threads,
    open_fds: d?.fdCount.ok ? d.fdCount.count : null,
    fd_limit: d?.limits.ok ? openFilesLimit(d.limits.text) : null,
  };
  if (info.cpu_pct === null) gaps.add(`${at}.cpu_pct`, cpuWhy);
  if (!d) return gaps.nulls(at, info, 'details not read');
  if (kernelThread) {
    // Zombies have released their memory; kernel threads never had user memory.
    const reason = r.stat.state === 'Z' ? 'zombie: memory already released' : 'kernel thread: no user memory';
    gaps.add(`${at}.rss_bytes`, reason);
    gaps.add(`${at}.mem_pct`, reason);
  }
  if (info.command === null) gaps.add(`${at}.command`, d.cmdline.ok ? 'no command line (kernel thread or zombie)' : `cmdline: ${d.cmdline.reason}`);
  if (!d.fdCount.ok) gaps.add(`${at}.open_fds`, `fd: ${d.fdCount.reason}`);
  if (!d.limits.ok) gaps.add(`${at}.fd_limit`, `limits: ${d.limits.reason}`);
  if (!d.status.ok) gaps.add(`${at}.rss_bytes`, `status: ${d.status.reason}`);
  if (info.rss_bytes === null) gaps.add(`${at}.mem_pct`, 'resident size unknown');
  return gaps.nulls(at, info, memTotal === null ? '/proc/meminfo unreadable' : gone);
}
