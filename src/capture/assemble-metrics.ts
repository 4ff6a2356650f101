/** Builds the CPU and memory sections of a snapshot from the two raw readings. */
import { parseLoadavg } from './host-text.js';
import { memoryFigures, oomKills, parseMeminfo, parseVmstat, vmRates } from './meminfo.js';
import { parsePressure, pressureRecord } from './pressure.js';
import { cpuUsage, statRates, type ProcStat } from './proc-stat.js';
import type { RawCapture } from './raw.js';
import type { CpuMetrics, MemoryMetrics, Pressure } from './schema.js';
import type { Gaps, Source } from './text.js';

/** Why a value derived from two readings of `file` is missing. */
export function pairWhy(file: string, a: Source, b: Source): string {
  if (!b.ok) return `${file}: ${b.reason}`;
  if (!a.ok) return `${file} (first reading): ${a.reason}`;
  return `not reported by ${file}`;
}

/**
 * Pressure record of one resource, or null (and a gap) when PSI is not there: kernels before 4.20, or
 * built without CONFIG_PSI, or booted with psi=0.
 * @example buildPressure('memory.pressure', '/proc/pressure/memory', start, end, 1000, gaps)?.level
 */
export function buildPressure(item: string, file: string, start: Source, end: Source, elapsedMs: number, gaps: Gaps): Pressure | null {
  if (!end.ok) return gaps.add(item, `${file}: ${end.reason}`);
  const record = pressureRecord(parsePressure(end.text), start.ok ? parsePressure(start.text) : null, elapsedMs);
  return gaps.nulls(item, record, pairWhy(file, start, end));
}

/**
 * CPU section: usage per core and overall, load, context switches, interrupts, pressure.
 * @example buildCpu(raw, parsed, elapsedMs, gaps).busy_pct
 */
export function buildCpu(raw: RawCapture, stats: { a: ProcStat | null; b: ProcStat | null }, elapsedMs: number, gaps: Gaps): CpuMetrics {
  const statWhy = pairWhy('/proc/stat', raw.first.stat, raw.second.stat);
  const { a, b } = stats;
  const usage = a?.total && b?.total ? cpuUsage(a.total, b.total) : null;
  const before = new Map((a?.cores ?? []).map((c) => [c.name, c.times]));
  const perCore = (b?.cores ?? []).map(({ name, times }) => {
    const prev = before.get(name);
    const u = prev ? cpuUsage(prev, times) : null;
    const core = { name, busy_pct: u?.busy_pct ?? null, iowait_pct: u?.iowait_pct ?? null };
    return gaps.nulls(`cpu.per_core[${name}]`, core, prev || !a ? statWhy : 'core came online during the interval');
  });
  if (b && b.cores.length === 0) gaps.add('cpu.per_core', 'no per-core lines in /proc/stat');
  const load = raw.loadavg.ok ? parseLoadavg(raw.loadavg.text) : null;
  const loadWhy = raw.loadavg.ok ? 'unparseable /proc/loadavg' : `/proc/loadavg: ${raw.loadavg.reason}`;
  const rates = a && b ? statRates(a, b, elapsedMs) : { context_switches_per_sec: null, interrupts_per_sec: null, forks_per_sec: null };
  const cpu: CpuMetrics = {
    busy_pct: usage?.busy_pct ?? null,
    user_pct: usage?.user_pct ?? null,
    system_pct: usage?.system_pct ?? null,
    iowait_pct: usage?.iowait_pct ?? null,
    irq_pct: usage?.irq_pct ?? null,
    steal_pct: usage?.steal_pct ?? null,
    idle_pct: usage?.idle_pct ?? null,
    per_core: perCore,
    load_1m: gaps.need('cpu.load_1m', load?.one, loadWhy),
    load_5m: gaps.need('cpu.load_5m', load?.five, loadWhy),
    load_15m: gaps.need('cpu.load_15m', load?.fifteen, loadWhy),
    runnable: b?.procsRunning ?? null,
    blocked: b?.procsBlocked ?? null,
    ...rates,
    pressure: buildPressure('cpu.pressure', '/proc/pressure/cpu', raw.first.pressure.cpu, raw.second.pressure.cpu, elapsedMs, gaps),
  };
  return gaps.nulls('cpu', cpu, statWhy);
}

/**
 * Memory section: meminfo at the end of the interval, fault and swap rates over it, pressure.
 * @example buildMemory(raw, elapsedMs, gaps).used_pct
 */
export function buildMemory(raw: RawCapture, elapsedMs: number, gaps: Gaps): MemoryMetrics {
  const info = raw.meminfo.ok ? parseMeminfo(raw.meminfo.text) : new Map<string, number>();
  const figures = memoryFigures(info);
  if (figures.swap_total_bytes === 0) gaps.add('memory.swap_used_pct', 'no swap configured');
  const vmA = raw.first.vmstat.ok ? parseVmstat(raw.first.vmstat.text) : null;
  const vmB = raw.second.vmstat.ok ? parseVmstat(raw.second.vmstat.text) : null;
  const rates = vmA && vmB ? vmRates(vmA, vmB, elapsedMs) : { page_faults_per_sec: null, major_faults_per_sec: null, swap_in_pages_per_sec: null, swap_out_pages_per_sec: null };
  gaps.nulls('memory', rates, pairWhy('/proc/vmstat', raw.first.vmstat, raw.second.vmstat));
  const oom = vmB ? oomKills(vmB) : null;
  if (oom === null) {
    const oomWhy = raw.second.vmstat.ok ? 'no oom_kill counter in /proc/vmstat (kernel < 4.13)' : `/proc/vmstat: ${raw.second.vmstat.reason}`;
    gaps.add('memory.oom_kills_since_boot', oomWhy);
  }
  const memory: MemoryMetrics = {
    ...figures,
    ...rates,
    oom_kills_since_boot: oom,
    pressure: buildPressure('memory.pressure', '/proc/pressure/memory', raw.first.pressure.memory, raw.second.pressure.memory, elapsedMs, gaps),
  };
  const why = raw.meminfo.ok ? 'not reported by /proc/meminfo' : `/proc/meminfo: ${raw.meminfo.reason}`;
  return gaps.nulls('memory', memory, why);
}
