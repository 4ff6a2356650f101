/**
 * `/proc/stat`: CPU time per core and overall, context switches, interrupts and forks. Usage and rates
 * need two readings; one reading only gives totals since boot.
 */
import { fields, lines, pct, rate, round, toCount } from './text.js';

/** Jiffies spent in each state; a column the kernel does not report is null. */
export interface CpuTimes {
  user: number;
  nice: number;
  system: number;
  idle: number;
  iowait: number | null;
  irq: number | null;
  softirq: number | null;
  steal: number | null;
}

export interface ProcStat {
  /** The aggregate `cpu` line. */
  total: CpuTimes | null;
  /** `cpu0`, `cpu1`… in file order (offline CPUs are absent). */
  cores: { name: string; times: CpuTimes }[];
  ctxt: number | null;
  /** Total interrupts serviced (first number of the `intr` line). */
  intr: number | null;
  /** Forks since boot (`processes`). */
  forks: number | null;
  procsRunning: number | null;
  procsBlocked: number | null;
}

export interface CpuUsage {
  busy_pct: number | null;
  user_pct: number | null;
  system_pct: number | null;
  iowait_pct: number | null;
  irq_pct: number | null;
  steal_pct: number | null;
  idle_pct: number | null;
}

function parseTimes(cols: string[]): CpuTimes | null {
  const v = cols.map((x) => toCount(x));
  const [user, nice, system, idle, iowait, irq, softirq, steal] = v;
  if (user == null || nice == null || system == null || idle == null) return null;
  return { user, nice, system, idle, iowait: iowait ?? null, irq: irq ?? null, softirq: softirq ?? null, steal: steal ?? null };
}

/**
 * Parses `/proc/stat`.
 * @example parseProcStat('cpu  10 0 5 85 0 0 0 0\ncpu0 10 0 5 85 0 0 0 0\nctxt 1000\n').cores.length === 1
 */
export function parseProcStat(text: string): ProcStat {
  const out: ProcStat = { total: null, cores: [], ctxt: null, intr: null, forks: null, procsRunning: null, procsBlocked: null };
  for (const line of lines(text)) {
    const [key = '', ...cols] = fields(line);
    if (key === 'cpu') out.total = parseTimes(cols);
    else if (/^cpu\d+$/.test(key)) {
      const times = parseTimes(cols);
      if (times) out.cores.push({ name: key, times });
    } else if (key === 'ctxt') out.ctxt = toCount(cols[0]);
    else if (key === 'intr') out.intr = toCount(cols[0]);
    else if (key === 'processes') out.forks = toCount(cols[0]);
    else if (key === 'procs_running') out.procsRunning = toCount(cols[0]);
    else if (key === 'procs_blocked') out.procsBlocked = toCount(cols[0]);
  }
  return out;
}

/** All accounted jiffies; guest time is already inside user and nice, so it is not added again. */
export function totalJiffies(t: CpuTimes): number {
  return t.user + t.nice + t.system + t.idle + (t.iowait ?? 0) + (t.irq ?? 0) + (t.softirq ?? 0) + (t.steal ?? 0);
}

const delta = (a: number | null, b: number | null): number | null => (a === null || b === null ? null : Math.max(0, b - a));

/**
 * CPU usage between two readings of the same CPU, in percent of that CPU's time. Null when no time
 * passed (or the counters went back, e.g. a CPU went offline and came back).
 * @example cpuUsage(a.total, b.total)?.busy_pct
 */
export function cpuUsage(a: CpuTimes, b: CpuTimes): CpuUsage | null {
  const total = totalJiffies(b) - totalJiffies(a);
  if (total <= 0) return null;
  const idle = Math.max(0, b.idle - a.idle);
  const iowait = delta(a.iowait, b.iowait);
  const irq = delta(a.irq, b.irq);
  const softirq = delta(a.softirq, b.softirq);
  return {
    // Busy is everything but idle and iowait: a CPU waiting on I/O could run other work.
    busy_pct: round(Math.min(100, Math.max(0, ((total - idle - (iowait ?? 0)) / total) * 100))),
    user_pct: pct(Math.max(0, b.user + b.nice - a.user - a.nice), total),
    system_pct: pct(Math.max(0, b.system - a.system), total),
    iowait_pct: pct(iowait, total),
    irq_pct: irq === null ? null : pct(irq + (softirq ?? 0), total),
    steal_pct: pct(delta(a.steal, b.steal), total),
    idle_pct: pct(idle, total),
  };
}

export interface StatRates {
  context_switches_per_sec: number | null;
  interrupts_per_sec: number | null;
  forks_per_sec: number | null;
}

/**
 * Per-second rates of the `/proc/stat` counters between two readings `elapsedMs` apart.
 * @example statRates(parseProcStat(t1), parseProcStat(t2), 1000).context_switches_per_sec
 */
export function statRates(a: ProcStat, b: ProcStat, elapsedMs: number): StatRates {
  return {
    context_switches_per_sec: rate(a.ctxt, b.ctxt, elapsedMs),
    interrupts_per_sec: rate(a.intr, b.intr, elapsedMs),
    forks_per_sec: rate(a.forks, b.forks, elapsedMs),
  };
}
