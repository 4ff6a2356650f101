/** Reads each source file into timeline events within the window, with per-source statistics. */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { counterRates, detectAnomalies, type Anomaly } from '../../analysis/anomaly/index.js';
import { exactDigits, formatTimestamp, parseTimestamp } from '../../shared/time.js';
import type { Level } from '../logs/index.js';
import { isCounter } from '../metrics/counters.js';
import { mergeSeries } from '../metrics/merge.js';
import type { ParsedMetrics } from '../metrics/types.js';
import { mergeEngineNotices } from '../fix/index.js';
import { alertsOf, eventsOfAlerts, mergeAlertFiles, type AmAlert } from './alerts.js';
import { placeRelative } from './collect-boot.js';
import type { TimelineEvent, UnplacedEvent } from './event.js';
import { parkedCount, type ParkedRun } from './spool.js';
import { readHead, withDecompressedAll } from '../files.js';
import { readEventFiles } from './read-files.js';
import { sniffSource, type SourceKind } from './sniff.js';
import { expandSources, sourceName, sourceNames } from './sources.js';
import { isMixedFix, mergeMixed } from './mixed.js';

export interface CollectOptions {
  /** Window [start, end) in ns. */
  start: bigint;
  end: bigint;
  minLevel: Level;
  tz?: string;
  year?: number;
  /** Date of the first line of logs that give only the time of day (`YYYY-MM-DD`); default: estimated per file. */
  date?: string;
  /** Set per file by the plan: `date` is its estimate, not the user's. */
  dateAssumed?: boolean;
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
  /** The name events give each file read, by its path (sourceNames); its base name otherwise. */
  names?: Record<string, string>;
  /** Where readers park the events they find, off the heap (spool.ts); none: all kept in memory. */
  spill?: string;
  /** A large read, cut into many parts: each part parks what it ends with too (spool.ts PARK_REST). */
  spillRest?: boolean;
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
  /** Events a reader gathers before it parks them (spool.ts PARK_BATCH). */
  parkBatch?: number;
  /** Events the timeline's sort keeps in memory (spool.ts SPOOL_BUDGET). */
  spoolBudget?: number;
}

export interface SourceStats {
  file: string;
  /** The evidence the file was read from, in an incident's timeline. */
  evidence?: string;
  kind: SourceKind;
  format: string;
  lines: number;
  events: number;
  /** Lines not read, by reason. */
  rejected: Record<string, number>;
  /** Lines read but with a caveat (time going back, year assumed, bad UTF-8…), by flag; only when any. */
  flagged?: Record<string, number>;
  notes: string[];
}

/** One source's events and account, as every reader below returns them. */
export interface SourceEvents {
  /** Events in memory (with those parked, all the source's events). */
  events: TimelineEvent[];
  /** Events parked on disk (spool.ts). */
  parked?: ParkedRun[];
  stats: SourceStats;
  /** Boot-relative kernel lines left off the axis for want of a boot time (boot-anchor.ts may place them). */
  relative?: number;
  /** Those of them that would be events, kept beside the timeline. */
  unplaced?: UnplacedEvent[];
}

/** A series read live (`http://prometheus:9090 query`), named by its server and query, not a file. */
const URL_SOURCE = /^[a-z][a-z0-9+.-]*:\/\//i;

const inWindow = (ns: bigint | null, o: CollectOptions): ns is bigint => ns !== null && ns >= o.start && ns < o.end;

/**
 * An alert that began firing in the baseline period before the window and was still firing when it
 * opened (not resolved, or resolved after): shown at its real start, like a metric excursion already
 * under way. Older unresolved ones are left out, and the statistics say so: a saved payload says
 * nothing of how long they lasted.
 */
function firingAtStart(e: TimelineEvent, o: CollectOptions): boolean {
  return unresolvedAtStart(e, o) && e.ns >= o.start - o.baseline;
}

/** A firing alert that began before the window and was not resolved before it opened. */
function unresolvedAtStart(e: TimelineEvent, o: CollectOptions): boolean {
  if (e.metadata.status !== 'firing' || e.ns >= o.start) return false;
  const resolved = e.metadata.resolved_at;
  return typeof resolved !== 'string' || parseTimestamp(resolved).ns >= o.start;
}

/** What the statistics say of the firing alerts left out for being older than the baseline period. */
function olderNote(left: TimelineEvent[]): string[] {
  if (left.length === 0) return [];
  const named = left.slice(0, 3).map((e) => `${e.description.replace(/ firing$/, '')} since ${e.timestamp}`).join(', ');
  const more = left.length > 3 ? ` and ${left.length - 3} more` : '';
  return [`${left.length} alert${left.length === 1 ? '' : 's'} firing since before the baseline period left out (${named}${more}): the payload does not say whether ${left.length === 1 ? 'it' : 'they'} still fired`];
}

interface AlertFile {
  /** The file's alerts that no file before it had, merged (see mergeAlertFiles). */
  alerts: AmAlert[];
  /** Alerts the file holds, repeats included. */
  read: number;
  invalid: number;
  error?: string;
}

/** The JSON documents of every alert file, and each file's alerts once merged across them all. */
async function readAlertFiles(files: readonly string[]): Promise<Map<string, AlertFile>> {
  const read = await Promise.all(files.map(async (file) => ({ file, ...readJsonDocs(await readFile(file, 'utf8')) })));
  const merged = mergeAlertFiles(read);
  return new Map(read.map((r) => [r.file, {
    alerts: merged.get(r.file) ?? [],
    read: r.docs.reduce((n: number, d) => n + alertsOf(d).length, 0),
    invalid: r.invalid,
    ...(r.error === undefined ? {} : { error: r.error }),
  }]));
}

function collectAlerts(file: string, read: AlertFile, o: CollectOptions): SourceEvents {
  const { invalid, error } = read;
  const { events, rejected: noStart } = eventsOfAlerts(read.alerts, sourceName(o.names, file));
  const kept = events.flatMap((e) => (inWindow(e.ns, o) ? [e] : firingAtStart(e, o) ? [{ ...e, metadata: { ...e.metadata, active_at_window_start: true } }] : []));
  const rejected: Record<string, number> = {};
  if (noStart) rejected.no_start_time = noStart;
  if (invalid) rejected.invalid_json = invalid;
  const notes = error ? [`not valid JSON: ${error}`] : [];
  // Left out, but said: a responder would otherwise not know the payload held them.
  notes.push(...olderNote(events.filter((e) => unresolvedAtStart(e, o) && !firingAtStart(e, o))));
  const repeats = read.read - read.alerts.length;
  // Repeated notifications of one alert (group and repeat intervals, resolution) are told once.
  if (repeats > 0) notes.push(`${repeats} of its ${read.read} alerts repeat notifications already read: told once`);
  return { events: kept, stats: { file, kind: 'alerts', format: 'alertmanager', lines: read.read, events: kept.length, rejected, notes } };
}

/**
 * The JSON documents of an alert file: one document, or one per line (payloads appended by a
 * receiver). A document that does not parse is counted, with the first error, not fatal.
 * @example readJsonDocs('{"alerts":[]}\n{"alerts":[]}\n').docs.length // 2
 */
export function readJsonDocs(text: string): { docs: unknown[]; invalid: number; error?: string } {
  try {
    return { docs: [JSON.parse(text) as unknown], invalid: 0 };
  } catch (err) {
    const docs: unknown[] = [];
    let invalid = 0;
    let error: string | undefined;
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        docs.push(JSON.parse(line) as unknown);
      } catch (lineErr) {
        invalid++;
        error ??= (lineErr as Error).message;
      }
    }
    // A single document broken across lines (truncated, pretty-printed) counts once, with its own error.
    if (docs.length === 0) return { docs, invalid: 1, error: (err as Error).message };
    return error === undefined ? { docs, invalid } : { docs, invalid, error };
  }
}

async function collectMetrics(files: string[], o: CollectOptions): Promise<{ events: TimelineEvent[]; stats: SourceStats[] }> {
  // The metric readers are loaded for metric files only: the query_range reader's schema (zod) is
  // ~50 ms of start-up that a timeline of logs need not pay.
  const fromFiles = files.length ? await (await import('../metrics/files.js')).readMetricFiles(files, { tolerant: true }) : { series: [], files: [] };
  const extra = o.extraSeries ?? [];
  // One series may come both from a file and from Prometheus: merged like a series split over files.
  const set = extra.length
    ? {
        // Named by their source like the series of a file, so that their anomalies count in its statistics.
        series: mergeSeries([fromFiles.series, ...extra.map((p) => p.series.map((s) => ({ ...s, sources: s.sources ?? [p.stats.source] })))]).series,
        files: [...fromFiles.files, ...extra.map((p) => p.stats)],
      }
    : fromFiles;
  // A counter only grows; what can be anomalous is how fast (its rate, resets allowed for).
  const counters = new Set(set.series.filter(isCounter).map((s) => s.name));
  const sourcesOf = new Map(set.series.map((s) => [s.name, s.sources ?? []]));
  const inputs = set.series.map((s) => (counters.has(s.name) ? { name: s.name, points: counterRates(s.points) } : s));
  const anomalies = detectAnomalies(inputs, { start: o.start, end: o.end, baseline: o.baseline, threshold: o.threshold, method: o.method });
  const perFile = new Map<string, number>();
  const events = anomalies.map((a): TimelineEvent => {
    const sources = sourcesOf.get(a.series) ?? [];
    for (const f of sources) perFile.set(f, (perFile.get(f) ?? 0) + 1);
    const counter = counters.has(a.series);
    return {
      // a sample's time as written: no invented nanoseconds
      timestamp: formatTimestamp(a.onset, exactDigits(a.onset)),
      ns: a.onset,
      source: 'metric',
      event_type: 'anomaly',
      // The event stands at the onset; the value quoted is the crossing's, so say when that was.
      description: `${anomalyDescription(a, counter, a.crossed_at === a.onset ? undefined : formatTimestamp(a.crossed_at, exactDigits(a.crossed_at)))}${a.onset_before_window ? '; already under way before the window' : ''}`,
      metadata: {
        // Named as log, FIX and alert events name their file (the statistics give the paths).
        ...(sources.length ? { file: sources.map((f) => (URL_SOURCE.test(f) ? f : basename(f))).join(', ') } : {}),
        metric: a.series,
        ...(counter ? { counter: true, value_is: 'per-second rate' } : {}),
        value: a.value,
        mean: a.baseline_mean,
        std_dev: a.baseline_std,
        ...(a.method === 'mad' ? { median: a.baseline_center, scaled_mad: a.baseline_scale } : {}),
        crossed_at: formatTimestamp(a.crossed_at, exactDigits(a.crossed_at)),
        peak_z: a.peak_z,
        method: a.method,
        baseline_samples: a.baseline_samples,
        baseline_from_window: a.baseline_from_window,
        onset_shape: a.onset_shape,
        ...(a.onset_before_window ? { onset_before_window: true } : {}),
        // the baseline stopped where the excursion began (it had started inside the baseline period)
        ...(a.baseline_trimmed ? { baseline_trimmed: true, baseline_end: formatTimestamp(a.baseline_end, exactDigits(a.baseline_end)) } : {}),
      },
    };
  });
  const stats = set.files.map((f): SourceStats => ({
    file: f.source,
    kind: 'metrics',
    format: f.format,
    lines: f.rows,
    events: perFile.get(f.source) ?? 0,
    rejected: f.rejected,
    notes: f.rejected.unreadable ? f.issues.map((i) => i.reason) : [],
  }));
  return { events, stats };
}

/**
 * What a metric anomaly says. A baseline without spread (a gauge that never moved) makes any change
 * millions of σ, a number that tells nothing: then the change itself is given.
 * @example anomalyDescription({ series: 'up', direction: 'down', value: 0, baseline_mean: 1, baseline_std: 0, peak_z: 1e6 }) // 'Metric anomaly: up fell to 0 from a flat baseline of 1'
 */
export function anomalyDescription(
  a: Pick<Anomaly, 'series' | 'direction' | 'value' | 'baseline_mean' | 'baseline_std' | 'peak_z'> & Partial<Pick<Anomaly, 'method' | 'baseline_center' | 'baseline_scale'>>,
  counter = false,
  crossedAt?: string,
): string {
  const verb = a.direction === 'up' ? 'rose' : 'fell';
  const what = counter ? `the rate of ${a.series}` : a.series;
  const unit = counter ? '/s' : '';
  const when = crossedAt ? ` at ${crossedAt}` : '';
  // Whole values as they are (a byte count of 2050789253 is not 2050790000); others to six digits.
  const value = Number.isInteger(a.value) && Math.abs(a.value) < 1e15 ? a.value : Number(a.value.toPrecision(6));
  const mean = Number(a.baseline_mean.toPrecision(6));
  if (!(a.baseline_std > Math.abs(a.baseline_mean) * 1e-6)) return `Metric anomaly: ${what} ${verb} to ${value}${unit}${when} from a flat baseline of ${mean}${unit}`;
  // The robust method measures from the median in scaled MADs: say so, or the figures would not add up.
  if (a.method === 'mad' && a.baseline_center !== undefined && a.baseline_scale !== undefined) {
    return `Metric anomaly: ${what} ${verb} to ${value}${unit}${when} (baseline median ${a.baseline_center.toPrecision(4)}, scaled MAD ${a.baseline_scale.toPrecision(3)}${unit}, ${a.peak_z} MADs at peak)`;
  }
  return `Metric anomaly: ${what} ${verb} to ${value}${unit}${when} (baseline ${a.baseline_mean.toPrecision(4)} ± ${a.baseline_std.toPrecision(3)}${unit}, ${a.peak_z}σ at peak)`;
}

/**
 * A session's event log and message log tell its logons, resends and resets twice ("Received
 * logon" beside 35=A): across the FIX files read, the notice is folded into the message's event.
 */
function mergeSessionNotices(read: readonly { kind: 'log' | 'fix' }[], fromFiles: SourceEvents[]): void {
  const fix = fromFiles.filter((_, i) => read[i]?.kind === 'fix');
  if (fix.length < 2) return;
  // Each event remembers its file, so that what the merge keeps goes back where it came from.
  const tagged = fix.flatMap((r, src) => r.events.map((ev) => ({ ns: ev.ns, event_type: ev.event_type, metadata: ev.metadata, ev, src })));
  const merged = mergeEngineNotices(tagged);
  if (merged.length === tagged.length) return;
  for (const r of fix) r.events = [];
  for (const t of merged) fix[t.src]?.events.push(t.metadata === t.ev.metadata ? t.ev : { ...t.ev, metadata: t.metadata });
  for (const r of fix) r.stats = { ...r.stats, events: r.events.length + parkedCount(r.parked) };
}

/** Reads every source; metric files are read together, since one series may span several files. */
export async function collectSources(
  sources: string[],
  o: CollectOptions,
  labels: Record<string, string> = {},
): Promise<Collected & { names: Record<string, string> }> {
  const named = await expandSources(sources);
  // Rotated logs compressed by logrotate are read from a decompressed copy, named back in the statistics.
  return withDecompressedAll(named, async (files, gzip) => {
    const original = new Map(files.flatMap((f, i) => (gzip[i] ? [[f, named[i] as string] as const] : [])));
    const names = sourceNames(files, files.map((f, i) => labels[named[i] as string] ?? (named[i] as string)));
    const r = { ...(await collectFiles(files, { ...o, names })), names: Object.fromEntries(named.map((n, i) => [n, names[files[i] as string] as string])) };
    r.stats = r.stats.map((st) => {
      const from = original.get(st.file);
      return from ? { ...st, file: from, notes: ['decompressed from gzip', ...st.notes] } : st;
    });
    return r;
  });
}

/** Every source's events (in memory and parked), statistics and unplaced kernel lines. */
export interface Collected {
  events: TimelineEvent[];
  parked: ParkedRun[];
  stats: SourceStats[];
  unplaced: UnplacedEvent[];
}

async function collectFiles(files: string[], o: CollectOptions): Promise<Collected> {
  const events: TimelineEvent[] = [];
  const parked: ParkedRun[] = [];
  const stats: SourceStats[] = [];
  const unplaced: UnplacedEvent[] = [];
  const metricFiles: string[] = [];
  const read: { file: string; kind: 'log' | 'fix'; park?: boolean }[] = [];
  const kinds: SourceKind[] = [];
  // Application logs with FIX lines among their own: read as FIX and as a log (mixed.ts).
  const mixed: number[] = [];
  for (const file of files) {
    const head = await readHead(file);
    const kind = sniffSource(file, head);
    kinds.push(kind);
    if (kind === 'metrics') metricFiles.push(file);
    else if (kind === 'log' || kind === 'fix') {
      // Both reads of a mixed file keep their events in memory: mergeMixed matches them line by line.
      if (kind === 'fix' && isMixedFix(head)) {
        mixed.push(read.length);
        read.push({ file, kind, park: false });
      } else read.push({ file, kind });
    }
  }
  const all = await readEventFiles([...read, ...mixed.map((i) => ({ file: (read[i] as { file: string }).file, kind: 'log' as const, park: false }))], o, o.workers !== undefined ? { workers: o.workers } : {});
  const fromFiles = all.slice(0, read.length);
  mixed.forEach((i, k) => {
    const fix = fromFiles[i];
    const log = all[read.length + k];
    if (fix && log) fromFiles[i] = mergeMixed(fix, log);
  });
  const alertFiles = await readAlertFiles(files.filter((_, i) => kinds[i] === 'alerts'));
  await placeRelative(read, fromFiles, o);
  mergeSessionNotices(read, fromFiles);
  let next = 0;
  for (let i = 0; i < files.length; i++) {
    const kind = kinds[i];
    if (kind === 'metrics') continue;
    const alerts = kind === 'alerts' ? alertFiles.get(files[i] as string) : undefined;
    const r: SourceEvents | undefined = alerts ? collectAlerts(files[i] as string, alerts, o) : fromFiles[next++];
    if (!r) continue;
    for (const e of r.events) events.push(e);
    if (r.parked) parked.push(...r.parked);
    if (r.unplaced) unplaced.push(...r.unplaced);
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
  return { events, parked, stats, unplaced };
}
