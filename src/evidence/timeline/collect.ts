/** Reads each source file into timeline events within the window, with per-source statistics. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { detectAnomalies } from '../../analysis/anomaly/index.js';
import { InputError } from '../../shared/errors.js';
import { formatTimestamp } from '../../shared/time.js';
import { readFixLogs } from '../fix/index.js';
import { LEVELS, streamLogFile, type Level } from '../logs/index.js';
import { readMetricFiles } from '../metrics/files.js';
import { mergeSeries, type ParsedMetrics } from '../metrics/index.js';
import { alertEvents } from './alerts.js';
import type { TimelineEvent } from './event.js';
import { readHead } from '../files.js';
import { notableKind } from './notable.js';
import { TemplateTracker } from './template-events.js';
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
}

const inWindow = (ns: bigint | null, o: CollectOptions): ns is bigint => ns !== null && ns >= o.start && ns < o.end;

async function collectLog(file: string, o: CollectOptions): Promise<{ events: TimelineEvent[]; stats: SourceStats }> {
  const maxLevel = LEVELS.indexOf(o.minLevel);
  const stream = streamLogFile(file, { ...(o.tz ? { tz: o.tz } : {}), ...(o.year ? { year: o.year } : {}), ...(o.bootTime ? { bootTime: o.bootTime } : {}) });
  const events: TimelineEvent[] = [];
  const templates = o.templates ? new TemplateTracker({ start: o.start, end: o.end, baselineStart: o.start - o.baseline }, basename(file)) : null;
  let relative = 0;
  for await (const batch of stream.batches()) {
    for (const r of batch) {
      if (r.kind !== 'record') continue;
      const rec = r.record;
      if (rec.ns === null) {
        if (rec.relative) relative++;
        continue;
      }
      templates?.add(rec.message, rec.ns, rec.line);
      if (!inWindow(rec.ns, o)) continue;
      const severe = rec.level !== null && LEVELS.indexOf(rec.level) <= maxLevel;
      const notable = notableKind(rec.message);
      if (!severe && !notable) continue;
      events.push({
        timestamp: rec.timestamp ?? formatTimestamp(rec.ns),
        ns: rec.ns,
        source: notable && rec.format === 'kernel' ? 'system' : notable && !severe ? 'system' : 'log',
        event_type: notable ?? rec.level ?? 'error',
        description: rec.message,
        metadata: {
          file: basename(file),
          line: rec.line,
          host: rec.host ?? null,
          process: rec.process ?? null,
          pid: rec.pid ?? null,
          logger: rec.component ?? null,
          level: rec.level,
          format: rec.format,
        },
      });
    }
  }
  const s = stream.stats;
  const notes = relative ? [`${relative} kernel lines have boot-relative times only: pass --boot-time to place them`] : [];
  const t = templates?.events();
  if (t) events.push(...t.events);
  if (t?.note) notes.push(t.note);
  const rejected: Record<string, number> = { ...s.rejected };
  for (const [k, v] of Object.entries(s.flagged)) rejected[k] = v;
  return { events, stats: { file, kind: 'log', format: s.format, lines: s.lines, events: events.length, rejected, notes } };
}

async function collectFix(file: string, o: CollectOptions): Promise<{ events: TimelineEvent[]; stats: SourceStats }> {
  const r = await readFixLogs([file]);
  const events: TimelineEvent[] = [];
  for (const e of r.events) {
    if (!inWindow(e.ns, o) || e.timestamp === null) continue;
    events.push({ timestamp: e.timestamp, ns: e.ns, source: e.source, event_type: e.event_type, description: e.description, metadata: { ...e.metadata, file: basename(file) } });
  }
  const st = r.stats;
  const rejected: Record<string, number> = {};
  if (st.corrupt) rejected.corrupt_message = st.corrupt;
  if (st.untimed) rejected.no_time = st.untimed;
  if (st.ignoredLines) rejected.not_fix = st.ignoredLines;
  return { events, stats: { file, kind: 'fix', format: 'fix', lines: st.lines, events: events.length, rejected, notes: [] } };
}

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
    description: `Metric anomaly: ${a.series} ${a.direction === 'up' ? 'rose' : 'fell'} to ${Number(a.value.toPrecision(6))} (baseline ${a.baseline_mean.toPrecision(4)} ± ${a.baseline_std.toPrecision(3)}, ${a.peak_z}σ at peak)`,
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

/** Reads every source; metric files are read together, since one series may span several files. */
export async function collectSources(files: string[], o: CollectOptions): Promise<{ events: TimelineEvent[]; stats: SourceStats[] }> {
  const events: TimelineEvent[] = [];
  const stats: SourceStats[] = [];
  const metricFiles: string[] = [];
  for (const file of files) {
    const kind = sniffSource(file, await readHead(file));
    if (kind === 'metrics') {
      metricFiles.push(file);
      continue;
    }
    const r = kind === 'fix' ? await collectFix(file, o) : kind === 'alerts' ? await collectAlerts(file, o) : await collectLog(file, o);
    events.push(...r.events);
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
