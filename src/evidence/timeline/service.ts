/**
 * The reconstruction `pfa timeline` and `POST /incidents/{id}/timeline/reconstruct` share: the window
 * (from the options, else the incident's), the incident's attached files and alerts, the timeline,
 * each source named as the evidence it came from, and on request the events saved into the incident's
 * curated timeline. The store's modules load only when an incident is named: a timeline of files
 * alone does not pay for them.
 */
import { basename } from 'node:path';
import type { Deps } from '../../incidents/service.js';
import type { saveTimeline } from '../../postmortem/workspace/service.js';
import type { Context } from '../../shared/context.js';
import { InputError } from '../../shared/errors.js';
import { nowNs, parseInstant, type ParsedTimestamp } from '../../shared/time.js';
import type { LiveWindow } from '../connectors/timeline.js';
import type { Materialized } from '../files.js';
import { createZone, LEVELS, normalizeLevel } from '../logs/index.js';
import { openTimeline, type OpenTimeline, type TimelineOptions } from './build.js';
export { timelineJson, windowJson } from './render.js';

export interface ReconstructRequest {
  /** An incident: its window is the default one, and its attached files and alerts are read. */
  incidentId?: string;
  /** Files read beside the incident's (the command line's). */
  files?: readonly string[];
  /** Window bounds as the user wrote them (RFC 3339 or epoch; zone-less ones in `tz`). */
  start?: string;
  end?: string;
  before: string;
  after: string;
  /** Any spelling a log uses (warning, err, critical…). */
  minLevel: string;
  tz?: string;
  year?: number;
  date?: string;
  bootTime?: string;
  /** Per-host clock offsets to correct, as HOST=±DURATION (trade-gw-01=+250us). */
  offsets?: readonly string[];
  baseline: string;
  threshold: number;
  method: string;
  templates?: boolean;
  workers?: number;
  /** Keep and use line-count indexes of large files (default true). */
  lineIndex?: boolean;
  /** Save the events into the incident's curated timeline. */
  save?: boolean;
  /** With `save`: the incident version the save is based on (If-Match); without, a concurrent edit is retried. */
  version?: number;
  /** Live sources (Prometheus, Alertmanager) named on the command line, fetched once the window is known. */
  live?: { given: boolean; fetch(w: LiveWindow): Promise<Pick<TimelineOptions, 'extraSeries' | 'extraEvents'>> };
}

export interface ReconstructEnv {
  /** The store, opened only when an incident is named. */
  deps: () => Promise<Deps>;
  ctx: Context;
  /** Told as it happens: attached evidence that cannot be read, or changed since it was attached. */
  warn: (message: string) => void;
}

export type SaveResult = Awaited<ReturnType<typeof saveTimeline>>;

export interface Reconstruction {
  /** Its events may be on disk: `close` it once read. */
  timeline: OpenTimeline;
  incidentId?: string;
  /** What saving did, as saveTimeline returns it, when `save` was asked. */
  saved?: SaveResult;
}

/** An attached file as the user knows it: its original path (or name) and evidence id. */
interface EvidenceRead {
  file: string;
  evidence: string;
}

/**
 * Builds the timeline of a window, or of an incident's window from its evidence, as `pfa timeline` does.
 * Temporary copies of stored evidence are removed however it ends.
 * @example const { timeline } = await reconstructTimeline({ incidentId: 'SYS-20251119-001', before: '15m', after: '15m', minLevel: 'error', baseline: '1h', threshold: 3, method: 'sigma' }, env);
 */
export async function reconstructTimeline(req: ReconstructRequest, env: ReconstructEnv): Promise<Reconstruction> {
  const copies: Materialized[] = [];
  try {
    let start: ParsedTimestamp | undefined = req.start ? instantIn(req.start, req.tz) : undefined;
    let end: ParsedTimestamp | undefined = req.end ? instantIn(req.end, req.tz) : undefined;
    let files = [...(req.files ?? [])];
    const { incidentId } = req;
    /** The evidence each file read comes from, by the path it was read at. */
    let read = new Map<string, EvidenceRead>();
    if (incidentId) {
      const inc = await incidentSources(await env.deps(), incidentId, copies, env.warn);
      start ??= inc.start;
      end ??= inc.end;
      // The incident's attached files join any named beside it.
      files = [...files, ...inc.read.keys()];
      read = inc.read;
    }
    if (!start) throw new InputError('give --start (and --end), or an incident id first');
    if (req.save && !incidentId) throw new InputError('--save needs an incident id first: pfa timeline ID --save');
    end ??= start;
    if (end.ns < start.ns) throw new InputError('--end is before --start');
    if (files.length === 0 && !req.live?.given) throw new InputError('no sources: name log, FIX, metric or alert files, or --prometheus/--alertmanager');
    // Any spelling a log uses is accepted: warning, err, critical, fatal, emergency, 4…
    const minLevel = normalizeLevel(req.minLevel);
    if (minLevel === null) throw new InputError(`--min-level "${req.minLevel}" is not a level: use one of ${LEVELS.join(', ')} (or warning, err, critical, fatal…)`);
    if (req.method !== 'sigma' && req.method !== 'mad') throw new InputError('--method must be sigma or mad');
    if (!(req.threshold > 0)) throw new InputError('--threshold must be a positive number');
    const t = await openTimeline(files, {
      start,
      end,
      before: req.before,
      after: req.after,
      minLevel,
      offsets: parseOffsets(req.offsets),
      baseline: req.baseline,
      threshold: req.threshold,
      method: req.method,
      templates: Boolean(req.templates),
      ...(req.workers ? { workers: req.workers } : {}),
      lineIndex: req.lineIndex ?? true,
      ...(req.tz ? { tz: req.tz } : {}),
      ...(req.year ? { year: req.year } : {}),
      ...(req.date ? { date: req.date } : {}),
      ...(req.bootTime ? { bootTime: req.bootTime } : {}),
      ...(req.live ? await req.live.fetch({ start: start.ns, end: end.ns, before: req.before, after: req.after, baseline: req.baseline }) : {}),
      labels: Object.fromEntries([...read].map(([path, r]) => [path, r.file])),
    });
    // Evidence read from a temporary copy is named as the user knows it: its id and original file.
    t.sources = t.sources.map((src) => {
      const as = read.get(src.file);
      return as ? { ...src, ...as } : src;
    });
    if (!req.save || !incidentId) return { timeline: t, ...(incidentId ? { incidentId } : {}) };
    try {
      const { saveTimeline } = await import('../../postmortem/workspace/service.js');
      // Events name their file (its base name, or more of its path when two share one): saved entries link to their exact line of that evidence.
      const evidenceOf = new Map([...read].map(([path, r]) => [t.names[path] ?? basename(path), r.evidence]));
      const saved = await saveTimeline(await env.deps(), env.ctx, incidentId, [...t.events], (f) => evidenceOf.get(f), req.version);
      return { timeline: t, incidentId, saved };
    } catch (err) {
      t.close();
      throw err;
    }
  } finally {
    await Promise.all(copies.map((m) => m.release()));
  }
}

/**
 * An incident's window and attached files: files kept by reference are read in place, stored ones
 * from temporary copies added to `copies` (the caller releases them).
 */
async function incidentSources(
  deps: Deps,
  incidentId: string,
  copies: Materialized[],
  warn: (message: string) => void,
): Promise<{ start: ParsedTimestamp; end: ParsedTimestamp; read: Map<string, EvidenceRead> }> {
  // Loaded here: reading files alone should not pay for the store's modules at start-up.
  const [{ getIncident }, { evidenceList }, { materialize }] = await Promise.all([
    import('../../incidents/service.js'), import('../service.js'), import('../files.js'),
  ]);
  const inc = await getIncident(deps, incidentId);
  const read = new Map<string, EvidenceRead>();
  for (const e of await evidenceList(deps, { incidentId, limit: 1000 })) {
    // Files, and the Alertmanager payloads the webhook stored as alert evidence.
    if (e.kind !== 'file' && e.kind !== 'alert') continue;
    const m = await materialize(e);
    if (!m) {
      warn(`evidence ${e.id} (${e.name}) is no longer readable (the file is gone and no copy was stored): skipped`);
      continue;
    }
    if (m.changed) warn(`evidence ${e.id} (${e.name}): ${m.changed}`);
    copies.push(m);
    read.set(m.path, { file: typeof e.metadata.path === 'string' ? e.metadata.path : e.name, evidence: e.id });
  }
  const start = parseInstant(inc.started_at);
  const end = inc.ended_at ? parseInstant(inc.ended_at) : { ns: nowNs(), digits: 6 };
  return { start, end, read };
}

/** A clock offset's duration (+250us, -1.5ms); the API checks its values with it, the CLI its HOST=±DURATION pairs. */
export const OFFSET_DURATION = /^[+-]?\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h)$/;
const OFFSET = new RegExp(`^([^=]+)=(${OFFSET_DURATION.source.slice(1, -1)})$`);

/** Per-host offsets from HOST=±DURATION pairs; a host given two different offsets is refused. */
export function parseOffsets(pairs: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const m = OFFSET.exec(p);
    if (!m?.[1] || !m[2]) throw new InputError(`invalid --offset "${p}": expected HOST=±DURATION, e.g. trade-gw-01=+250us`);
    // Two offsets for one host cannot both be right: keeping either silently would hide the mistake.
    if (Object.hasOwn(out, m[1]) && out[m[1]] !== m[2]) throw new InputError(`--offset given twice for ${m[1]} (${out[m[1]] ?? ''} and ${m[2]}): give one`);
    out[m[1]] = m[2];
  }
  return out;
}

const HAS_ZONE = /(?:[zZ]|[+-]\d{2}(?::?\d{2})?|UTC|GMT)$/;

/**
 * A --start/--end value: one without a zone is a wall time in --tz (the zone the user reads their
 * logs in), else UTC; an epoch or a time with its zone is what it says.
 * @example instantIn('2025-11-26T10:20:00', '+05:00').ns === parseInstant('2025-11-26T05:20:00Z').ns
 */
export function instantIn(input: string, tz: string | undefined): ParsedTimestamp {
  const utc = parseInstant(input);
  const text = input.trim();
  if (!tz || HAS_ZONE.test(text) || !/^\d{4}-\d{2}-\d{2}[T ]\d/.test(text)) return utc;
  // read as a wall clock: its UTC instant under the zone (a DST gap has none; an overlap takes the first)
  const wallMs = utc.ns / 1_000_000n;
  const [ms] = createZone(tz).toUtc(Number(wallMs));
  if (ms === undefined) throw new InputError(`${text} does not exist in ${tz} (a daylight-saving gap)`);
  return { ns: BigInt(ms) * 1_000_000n + (utc.ns - wallMs * 1_000_000n), digits: utc.digits };
}
