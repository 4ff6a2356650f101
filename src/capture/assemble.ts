/**
 * Pure assembly of a snapshot from a raw capture: every figure computed from file texts, every missing
 * one null and named in `unavailable`.
 */
import { buildHost } from './assemble-host.js';
import { buildDisk, buildNetwork } from './assemble-io.js';
import { buildCpu, buildMemory } from './assemble-metrics.js';
import { buildProcesses } from './assemble-procs.js';
import { parseMeminfo } from './meminfo.js';
import { parseProcStat } from './proc-stat.js';
import type { RawCapture } from './raw.js';
import type { Snapshot } from './schema.js';
import { Gaps } from './text.js';
import { formatTimestamp } from '../shared/time.js';

export interface AssembleOptions {
  /** Length of the top-process lists. */
  top?: number;
}

/**
 * Snapshot id: `snap-<UTC time to the µs, compact>-<host>`, sortable by time for one host.
 * @example snapshotId(1764152855123456000n, 'db-1') === 'snap-20251126T102735.123456Z-db-1'
 */
export function snapshotId(wallNs: bigint, hostname: string | null): string {
  const t = formatTimestamp(wallNs, 6).replace(/[-:]/g, '');
  const host = (hostname ?? 'unknown-host').replace(/[^A-Za-z0-9.-]+/g, '_').slice(0, 100);
  return `snap-${t}-${host}`;
}

/**
 * Builds a snapshot from raw readings.
 * @example const snap = assembleSnapshot(await readRawCapture({ intervalMs: 1000 }));
 */
export function assembleSnapshot(raw: RawCapture, { top = 5 }: AssembleOptions = {}): Snapshot {
  const gaps = new Gaps();
  const elapsedMs = Math.max(0, raw.second.atMs - raw.first.atMs);
  const statA = raw.first.stat.ok ? parseProcStat(raw.first.stat.text) : null;
  const statB = raw.second.stat.ok ? parseProcStat(raw.second.stat.text) : null;
  const memTotal = raw.meminfo.ok ? (parseMeminfo(raw.meminfo.text).get('MemTotal') ?? null) : null;
  const host = buildHost(raw, gaps, { memTotal, logicalFromStat: statB && statB.cores.length > 0 ? statB.cores.length : null });
  const cpu = buildCpu(raw, { a: statA, b: statB }, elapsedMs, gaps);
  const memory = buildMemory(raw, elapsedMs, gaps);
  const disk = buildDisk(raw, elapsedMs, gaps);
  const network = buildNetwork(raw, elapsedMs, gaps);
  const processes = buildProcesses(raw, statA, statB, memTotal, gaps, top);
  for (const c of raw.commands) if (c.unavailable !== undefined) gaps.add(`commands[${c.command}]`, c.unavailable);
  return {
    id: snapshotId(raw.wallNs, raw.hostname),
    taken_at: formatTimestamp(raw.wallNs, 6),
    interval_ms: Math.round(elapsedMs * 1000) / 1000,
    host,
    cpu,
    memory,
    disk,
    network,
    processes,
    commands: raw.commands,
    unavailable: gaps.list,
  };
}
