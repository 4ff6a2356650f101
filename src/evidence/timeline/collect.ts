/** Reads each source file into timeline events within the window, with per-source statistics. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectAnomalies, type Anomaly } from '../../analysis/anomaly/index.js';
import { InputError } from '../../shared/errors.js';
import { formatTimestamp } from '../../shared/time.js';
import type { Level } from '../logs/index.js';
import { readMetricFiles } from '../metrics/files.js';
import { mergeSeries, type ParsedMetrics } from '../metrics/index.js';
import { alertEvents } from './alerts.js';
import { placeRelative } from './collect-boot.js';
import type { TimelineEvent } from './event.js';
import { readHead } from '../files.js';
import { readEventFiles } from './read-files.js';
import { sniffSource, type SourceKind } from './sniff.js';

export interface CollectOptions {
  /** Window [start, end) in ns. */
  start: bigint;
  end: bigint;
  minLevel: Level;
  tz?: string;
  year?: number;
  bootTime?: string;
  /** Metric baseline length before the window (ns). */
  baseline: bigint;
  threshold: number;
  method: 'sigma' | 'mad';
  /** Series already in memory (e.g. fetched from Prometheus): they join the metric files. */
  extraSeries?: ParsedMetrics[];
  /** Events already made (e.g. current Alertmanager alerts), each source with its statistics. */
  extraEvents?: SourceEvents[];
  /** Add new and bursting log templates (against the baseline) as events. */
  templates?: boolean;
  /** Parse every line of every file (the reference path); by default files are read selectively. */
  exhaustive?: boolean;
  /** Worker threads for reading files (default: one per core). */
  workers?: number;
  /** Keep and use line-count indexes of large files in the user's cache; default true. */
  lineIndex?: boolean;
  /** Size thresholds of the fast path, for tests on small files (defaults in collect-log.ts, read-files.ts). */
  tuning?: Tuning;
}

export interface Tuning {
  /** Files smaller than this are read whole, without seeking. */
  seekMinBytes?: number;
  /** Cut log ranges into parts of this size (and do so even on one thread). */
  partBytes?: number;
  /** Directory of the line-count indexes (line-index.ts); null: none. Default: the user's cache. */
  indexDir?: string | null;
  /** Bytes per line-index entry (default 4 MiB). */
  indexChunk?: number;
}

export interface SourceStats {
  file: string;
  kind: SourceKind;
  format: string;
  lines: number;
  events: number;
  rejected: Record<string, number>;
  notes: string[];
}

/** One source's events and account, as every reader below returns them. */
export interface SourceEvents {
  events: TimelineEvent[];
  stats: SourceStats;
  /** Boot-relative kernel lines left off the axis for want of a boot time (boot-anchor.ts may place them). */
  relative?: number;
}

const inWindow = (ns: bigint | null, o: CollectOptions): ns is bigint => ns !== null && ns >= o.start && ns < o.end;

async function collectAlerts(file: string, o: CollectOptions): Promise<{ events: TimelineEvent[]; stats: SourceStats }> {
  let doc: unknown;
  try {
    doc = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new InputError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  const { events, rejected } = alertEvents(doc, basename(file));
  const kept = events.filter((e) => inWindow(e.ns, o));
  return { events: kept, stats: { file, kind: 'alerts', format: 'alertmanager', lines: events.length, events: kept.length, rejected: rejected ? { no_start_time: rejected } : {}, notes: [] } };
}

async function collectMetrics(files: string[], o: CollectOptions): Promise<{ events: TimelineEvent[]; stats: SourceStats[] }> {
  const fromFiles = files.length ? await readMetricFiles(files) : { series: [], files: [] };
  const extra = o.extraSeries ?? [];
  // One series may come both from a file and from Prometheus: merged like a series split over files.
  const set = extra.length
    ? { series: mergeSeries([fromFiles.series, ...extra.map((p) => p.series)]).series, files: [...fromFiles.files, ...extra.map((p) => p.stats)] }
    : fromFiles;
  const anomalies = detectAnomalies(set.series, { start: o.start, end: o.end, baseline: o.baseline, threshold: o.threshold, method: o.method });
  const events = anomalies.map((a): TimelineEvent => ({
    timestamp: formatTimestamp(a.onset, 9),
    ns: a.onset,
    source: 'metric',
    event_type: 'anomaly',
    description: anomalyDescription(a),
    metadata: {
      metric: a.series,
      value: a.value,
      mean: a.baseline_mean,
      std_dev: a.baseline_std,
      crossed_at: formatTimestamp(a.crossed_at, 9),
      peak_z: a.peak_z,
      method: a.method,
      baseline_samples: a.baseline_samples,
      baseline_from_window: a.baseline_from_window,
    },
  }));
  const stats = set.files.map((f): SourceStats => ({ file: f.source, kind: 'metrics', format: f.format, lines: f.rows, events: 0, rejected: f.rejected, notes: [] }));
  if (stats[0]) stats[0].events = events.length;
  return { events, stats };
}

/**
 * What a metric anomaly says. A baseline without spread (a gauge that never moved) makes any change
 * millions of σ, a number that tells nothing: then the change itself is given.
 * @example anomalyDescription({ series: 'up', direction: 'down', value: 0, baseline_mean: 1, baseline_std: 0, peak_z: 1e6 }) // 'Metric anomaly: up fell to 0 from a flat baseline of 1'
 */
export function anomalyDescription(a: Pick<Anomaly, 'series' | 'direction' | 'value' | 'baseline_mean' | 'baseline_std' | 'peak_z'>): string {
  const verb = a.direction === 'up' ? 'rose' : 'fell';
  const value = Number(a.value.toPrecision(6));
  const mean = Number(a.baseline_mean.toPrecision(6));
  if (!(a.baseline_std > Math.abs(a.baseline_mean) * 1e-6)) return `Metric anomaly: ${a.series} ${verb} to ${value} from a flat baseline of ${mean}`;
  return `Metric anomaly: ${a.series} ${verb} to ${value} (baseline ${a.baseline_mean.toPrecision(4)} ± ${a.baseline_std.toPrecision(3)}, ${a.peak_z}σ at peak)`;
}

/** Reads every source; metric files are read together, since one series may span several files. */
export async function collectSources(files: string[], o: CollectOptions): Promise<{ events: TimelineEvent[]; stats: SourceStats[] }> {
  const events: TimelineEvent[] = [];
  const stats: SourceStats[] = [];
  const metricFiles: string[] = [];
  const read: { file: string; kind: 'log' | 'fix' }[] = [];
  const kinds: SourceKind[] = [];
  for (const file of files) {
    const kind = sniffSource(file, await readHead(file));
    kinds.push(kind);
    if (kind === 'metrics') metricFiles.push(file);
    else if (kind === 'log' || kind === 'fix') read.push({ file, kind });
  }
  const fromFiles = await readEventFiles(read, o, o.workers !== undefined ? { workers: o.workers } : {});
  await placeRelative(read, fromFiles, o);
  let next = 0;
  for (let i = 0; i < files.length; i++) {
    const kind = kinds[i];
    if (kind === 'metrics') continue;
    const r = kind === 'alerts' ? await collectAlerts(files[i] as string, o) : fromFiles[next++];
    if (!r) continue;
    for (const e of r.events) events.push(e);
    stats.push(r.stats);
  }
  if (metricFiles.length || o.extraSeries?.length) {
    const r = await collectMetrics(metricFiles, o);
    events.push(...r.events);
    stats.push(...r.stats);
  }
  for (const x of o.extraEvents ?? []) {
    const kept = x.events.filter((e) => inWindow(e.ns, o));
    events.push(...kept);
    stats.push({ ...x.stats, events: kept.length });
  }
  return { events, stats };
}
