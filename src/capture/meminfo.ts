/**
 * `/proc/meminfo` and `/proc/vmstat`: memory use as `free` reports it, swap, huge pages, and the
 * fault, swap and OOM counters whose rates come from two readings.
 */
import { fields, lines, pct, rate, toCount } from './text.js';

/**
 * Parses `/proc/meminfo` into bytes (values given in kB are multiplied by 1024; unit-less values such as
 * `HugePages_Total` stay counts).
 * @example parseMeminfo('MemTotal:  1024 kB\n').get('MemTotal') === 1048576
 */
export function parseMeminfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of lines(text)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const [value, unit] = fields(line.slice(colon + 1));
    const v = toCount(value);
    if (v === null) continue;
    out.set(line.slice(0, colon).trim(), unit?.toLowerCase() === 'kb' ? v * 1024 : v);
  }
  return out;
}

/**
 * Parses `/proc/vmstat` (`name value` per line).
 * @example parseVmstat('pgfault 12\npgmajfault 1\n').get('pgfault') === 12
 */
export function parseVmstat(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of lines(text)) {
    const [k, v] = fields(line);
    const value = toCount(v);
    if (k && value !== null) out.set(k, value);
  }
  return out;
}

export interface MemoryFigures {
  total_bytes: number | null;
  used_bytes: number | null;
  used_pct: number | null;
  free_bytes: number | null;
  available_bytes: number | null;
  cached_bytes: number | null;
  buffers_bytes: number | null;
  shmem_bytes: number | null;
  dirty_bytes: number | null;
  swap_total_bytes: number | null;
  swap_used_bytes: number | null;
  swap_used_pct: number | null;
  hugepages_total: number | null;
  hugepages_free: number | null;
  hugepage_size_bytes: number | null;
  committed_bytes: number | null;
  commit_limit_bytes: number | null;
}

const get = (m: Map<string, number>, k: string): number | null => m.get(k) ?? null;

/**
 * Memory figures from parsed meminfo, with `free`'s definitions: used = total − available (procps-ng ≥ 4),
 * cache = Cached + SReclaimable. Kernels older than 3.14 lack MemAvailable; used then falls back to
 * total − free − buffers − cache, which is what older `free` printed.
 * @example memoryFigures(parseMeminfo(text)).used_pct
 */
export function memoryFigures(m: Map<string, number>): MemoryFigures {
  const total = get(m, 'MemTotal');
  const free = get(m, 'MemFree');
  const buffers = get(m, 'Buffers');
  const pageCache = get(m, 'Cached');
  const cached = pageCache === null ? null : pageCache + (get(m, 'SReclaimable') ?? 0);
  const available = get(m, 'MemAvailable');
  let used: number | null = null;
  if (total !== null && available !== null) used = Math.max(0, total - available);
  else if (total !== null && free !== null && buffers !== null && cached !== null) used = Math.max(0, total - free - buffers - cached);
  const swapTotal = get(m, 'SwapTotal');
  const swapFree = get(m, 'SwapFree');
  const swapUsed = swapTotal !== null && swapFree !== null ? Math.max(0, swapTotal - swapFree) : null;
  return {
    total_bytes: total,
    used_bytes: used,
    used_pct: pct(used, total),
    free_bytes: free,
    available_bytes: available,
    cached_bytes: cached,
    buffers_bytes: buffers,
    shmem_bytes: get(m, 'Shmem'),
    dirty_bytes: get(m, 'Dirty'),
    swap_total_bytes: swapTotal,
    swap_used_bytes: swapUsed,
    // No swap configured: the share is not 0 % of something, it does not exist.
    swap_used_pct: pct(swapUsed, swapTotal),
    hugepages_total: get(m, 'HugePages_Total'),
    hugepages_free: get(m, 'HugePages_Free'),
    hugepage_size_bytes: get(m, 'Hugepagesize'),
    committed_bytes: get(m, 'Committed_AS'),
    commit_limit_bytes: get(m, 'CommitLimit'),
  };
}

export interface VmRates {
  page_faults_per_sec: number | null;
  major_faults_per_sec: number | null;
  swap_in_pages_per_sec: number | null;
  swap_out_pages_per_sec: number | null;
}

/**
 * Fault and swap rates between two vmstat readings.
 * @example vmRates(parseVmstat(t1), parseVmstat(t2), 1000).page_faults_per_sec
 */
export function vmRates(a: Map<string, number>, b: Map<string, number>, elapsedMs: number): VmRates {
  const r = (k: string) => rate(a.get(k), b.get(k), elapsedMs);
  return {
    page_faults_per_sec: r('pgfault'),
    major_faults_per_sec: r('pgmajfault'),
    swap_in_pages_per_sec: r('pswpin'),
    swap_out_pages_per_sec: r('pswpout'),
  };
}

/** OOM kills since boot (`oom_kill`, kernel ≥ 4.13). */
export function oomKills(vm: Map<string, number>): number | null {
  return vm.get('oom_kill') ?? null;
}
