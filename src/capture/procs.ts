/**
 * Processes from `/proc/[pid]/stat` (two readings give CPU use), `/proc/[pid]/status` (RSS in bytes)
 * and `/proc/[pid]/limits` (the open-files limit).
 */
import { fields, lines, round, toCount } from './text.js';

export interface PidStat {
  pid: number;
  comm: string;
  /** R running, S sleeping, D uninterruptible, Z zombie, T stopped, I idle kernel thread… */
  state: string;
  /** utime + stime, in clock ticks (the unit of /proc/stat too). */
  ticks: number;
  threads: number;
  rssPages: number;
  /** Start time after boot, in clock ticks: with the pid, what tells one process from a later one reusing its pid. */
  startTicks: number;
}

/**
 * Parses `/proc/[pid]/stat`. The command name sits in parentheses and may itself hold spaces and
 * parentheses, so the fields are counted from the last ')'.
 * @example parsePidStat('42 (my app) S 1 42 42 0 -1 0 0 0 0 0 7 3 0 0 20 0 4 0 100 1000 250')?.ticks === 10
 */
export function parsePidStat(text: string): PidStat | null {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const pid = toCount(text.slice(0, open));
  const rest = fields(text.slice(close + 1));
  // rest[0] is field 3 (state): utime is field 14, stime 15, num_threads 20, starttime 22, rss 24.
  const utime = toCount(rest[11]);
  const stime = toCount(rest[12]);
  const threads = toCount(rest[17]);
  const start = toCount(rest[19]);
  const rss = toCount(rest[21]);
  if (pid === null || pid <= 0 || utime === null || stime === null || threads === null || start === null || rss === null) return null;
  return { pid, comm: text.slice(open + 1, close), state: rest[0] ?? '?', ticks: utime + stime, threads, rssPages: rss, startTicks: start };
}

/**
 * Parses `/proc/[pid]/status` into its `Key: value` pairs.
 * @example parsePidStatus('Name:\tnode\nVmRSS:\t  2048 kB\n').get('VmRSS') === '2048 kB'
 */
export function parsePidStatus(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of lines(text)) {
    const colon = line.indexOf(':');
    if (colon > 0) out.set(line.slice(0, colon), line.slice(colon + 1).trim());
  }
  return out;
}

/** Resident set size in bytes from a parsed status (`VmRSS`, absent for kernel threads). */
export function statusRssBytes(status: Map<string, string>): number | null {
  const [v, unit] = fields(status.get('VmRSS') ?? '');
  const kb = toCount(v);
  return kb === null || unit?.toLowerCase() !== 'kb' ? null : kb * 1024;
}

/**
 * The soft "Max open files" limit from `/proc/[pid]/limits`.
 * @example openFilesLimit('Max open files            1024                 4096                 files\n') === 1024
 */
export function openFilesLimit(text: string): number | 'unlimited' | null {
  for (const line of lines(text)) {
    if (!line.startsWith('Max open files')) continue;
    const soft = fields(line.slice('Max open files'.length))[0];
    if (soft === 'unlimited') return 'unlimited';
    return toCount(soft);
  }
  return null;
}

/**
 * Argument vector from `/proc/[pid]/cmdline` (NUL-separated), as one line, shortened to `max` characters.
 * Empty for kernel threads and zombies, which have none.
 * @example commandLine('node\0server.js\0') === 'node server.js'
 */
export function commandLine(raw: string, max = 200): string | null {
  const s = raw.split('\0').filter((x) => x !== '').join(' ');
  if (s === '') return null;
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface ProcessSummary {
  total: number;
  running: number;
  zombies: number;
  threads: number;
}

/**
 * Counts of a process table reading.
 * @example summarizeProcesses([parsePidStat(text)!]).total === 1
 */
export function summarizeProcesses(procs: readonly PidStat[]): ProcessSummary {
  let running = 0;
  let zombies = 0;
  let threads = 0;
  for (const p of procs) {
    if (p.state === 'R') running++;
    if (p.state === 'Z') zombies++;
    threads += p.threads;
  }
  return { total: procs.length, running, zombies, threads };
}

export interface RankedProcess {
  stat: PidStat;
  /**
   * Percent of one core over the interval, from the CPU time used between the two readings; null when it
   * cannot be measured (`cpuWhy` says why). Never a lifetime average.
   */
  cpuPct: number | null;
  cpuWhy: string | null;
  /** Absent from the first reading: it started during the interval, so all its CPU time lies inside it. */
  startedDuring: boolean;
}

type CpuUse = Pick<RankedProcess, 'cpuPct' | 'cpuWhy' | 'startedDuring'>;

/**
 * CPU time a process used between the readings. It is the same process when pid and start time agree; the
 * name is no identity, since kernel workers rename themselves (kworker/0:1-events → …-mm_percpu_wq) and
 * matching on it once counted their lifetime CPU as current use. A process missing from the first reading
 * started after that reading listed /proc — unless it is older than a process that reading did list, in
 * which case it was alive then and missed, and its CPU time over the interval is unknown.
 */
function cpuUse(stat: PidStat, before: ReadonlyMap<number, PidStat> | null, newestBefore: number, jiffiesPerCore: number | null): CpuUse {
  const unknown = (cpuWhy: string, startedDuring = false): CpuUse => ({ cpuPct: null, cpuWhy, startedDuring });
  if (jiffiesPerCore === null || jiffiesPerCore <= 0) return unknown('no CPU time elapsed between the readings');
  if (before === null) return unknown('no first reading of the process table to compare with');
  const prev = before.get(stat.pid);
  const same = prev !== undefined && prev.startTicks === stat.startTicks;
  if (same && stat.ticks < prev.ticks) return unknown('CPU time went down between the readings');
  if (!same && stat.startTicks < newestBefore) return unknown('missing from the first reading although older than processes it listed: CPU time over the interval unknown');
  const used = same ? stat.ticks - prev.ticks : stat.ticks;
  return { cpuPct: round((used / jiffiesPerCore) * 100), cpuWhy: null, startedDuring: !same };
}

/**
 * CPU use of each process between two readings and the top `limit` by CPU and by resident memory.
 * `jiffiesPerCore` is the CPU time one core had in the interval (from /proc/stat), so no clock-tick
 * constant is assumed. `before` is null when the first reading could not list the processes.
 * @example rankProcesses(before, after, { jiffiesPerCore: 100 }).byCpu[0]?.cpuPct
 */
export function rankProcesses(
  before: ReadonlyMap<number, PidStat> | null,
  after: readonly PidStat[],
  { jiffiesPerCore, limit = 5 }: { jiffiesPerCore: number | null; limit?: number },
): { byCpu: RankedProcess[]; byMemory: RankedProcess[] } {
  let newestBefore = 0;
  for (const p of before?.values() ?? []) newestBefore = Math.max(newestBefore, p.startTicks);
  const ranked = after.map((stat): RankedProcess => ({ stat, ...cpuUse(stat, before, newestBefore, jiffiesPerCore) }));
  const byCpu = [...ranked].sort((a, b) => (b.cpuPct ?? -1) - (a.cpuPct ?? -1) || b.stat.ticks - a.stat.ticks).slice(0, limit);
  const byMemory = [...ranked].sort((a, b) => b.stat.rssPages - a.stat.rssPages).slice(0, limit);
  return { byCpu, byMemory };
}
