/**
 * Recovery figures of a post-mortem: the curated timeline's markers (falling back to the record's
 * own fields), the phase spans, downtime against the component's RTO, orders failed or lost from
 * FIX evidence, and the financial loss. Pure: the caller passes the config map and parsed events.
 */
import { WINDOW_MARGIN } from '../../evidence/timeline/defaults.js';
import type { TimelineEvent } from '../../evidence/timeline/index.js';
import { MARKERS, type IncidentContent, type Marker } from '../../incidents/schema/index.js';
import { parseDuration, parseTimestamp } from '../../shared/time.js';
import type { RecoveryFigures, Span } from '../types.js';
import { humanDuration, span } from './duration.js';
import { countOrders } from './orders.js';

/** What the figures are computed against: the configured RTO map and, when read, FIX evidence. */
export interface RecoveryOptions {
  /** Component value → duration, with a `default` (config `rto`). */
  rto: Record<string, string>;
  /** FIX events of the incident's evidence; null or absent means none was read (orders stay null). */
  fixEvents?: readonly TimelineEvent[] | null;
  /** Names of the FIX logs the events came from, for the document. */
  fixSources?: string[];
}

/** The RTO used when the configured map has neither the component nor a default (config's own default). */
const FALLBACK_RTO = '15m';

/**
 * Which entry wins when a marker is set on several timeline entries. The first sign and the first
 * detection are what the detection time measures, so the earliest. For diagnosis, fix, verification
 * and recovery a later entry refines an earlier one (a wrong first diagnosis, a workaround before the
 * real fix, a partial then a full recovery), and the phases measure the time to the effective one,
 * so the latest.
 */
const EARLIEST: ReadonlySet<Marker> = new Set(['first_indication', 'detection']);

interface Instant {
  at: string;
  ns: bigint;
  source: string;
}

function instant(at: string | undefined, source: string, notes: string[]): Instant | null {
  if (at === undefined) return null;
  try {
    return { at, ns: parseTimestamp(at).ns, source };
  } catch {
    notes.push(`${source}: "${at}" is not a timestamp and was ignored`);
    return null;
  }
}

function timelineMarkers(incident: IncidentContent, notes: string[]): Map<Marker, Instant> {
  const found = new Map<Marker, Instant>();
  (incident.timeline ?? []).forEach((entry, i) => {
    if (entry.marker === undefined) return;
    const here = instant(entry.at, entry.id ?? `timeline.${i}`, notes);
    if (here === null) return;
    const prev = found.get(entry.marker);
    const better = prev === undefined || (EARLIEST.has(entry.marker) ? here.ns < prev.ns : here.ns >= prev.ns);
    if (better) found.set(entry.marker, here);
  });
  return found;
}

/**
 * Record fields standing in for a marker the timeline lacks. Detection, diagnosis and verification
 * have no field of their own. The fix is the workaround when one was applied (it is what restored
 * service), else the deployment of the permanent fix.
 */
function fallbacks(incident: IncidentContent): Partial<Record<Marker, Array<[string | undefined, string]>>> {
  return {
    first_indication: [
      [incident.failure?.first_indication_at, 'failure.first_indication_at'],
      [incident.started_at, 'started_at'],
    ],
    fix: [
      [incident.resolution?.workaround?.implemented_at, 'resolution.workaround.implemented_at'],
      [incident.resolution?.verification?.deployed_at, 'resolution.verification.deployed_at'],
    ],
    recovery: [[incident.ended_at, 'ended_at']],
  };
}

function resolveMarkers(incident: IncidentContent, notes: string[]): Map<Marker, Instant> {
  const markers = timelineMarkers(incident, notes);
  const fields = fallbacks(incident);
  for (const m of MARKERS) {
    if (markers.has(m)) continue;
    for (const [at, source] of fields[m] ?? []) {
      const here = instant(at, source, notes);
      if (here) {
        markers.set(m, here);
        break;
      }
    }
  }
  return markers;
}

const label = (m: Marker) => m.replace('_', ' ');

/**
 * Notes on markers that lie outside the incident's window, and on a recovery after the recorded end:
 * the figures are computed as marked, but a reader must not take them at face value. Instants that
 * are the window's own edges (started_at, ended_at standing in for a marker) need no note. A marker
 * may lie WINDOW_MARGIN outside [start, end] without one, the margins `pfa timeline` reads around an
 * incident by default: an event found there is expected; one further out is most likely a wrong
 * marker or time (a year typo gives figures of millions of days).
 */
function windowNotes(incident: IncidentContent, m: Map<Marker, Instant>, notes: string[]): void {
  const margin = parseDuration(WINDOW_MARGIN);
  const start = instant(incident.started_at, 'started_at', []);
  const end = instant(incident.ended_at, 'ended_at', []);
  const window = `[start − ${WINDOW_MARGIN}, ${end ? `end + ${WINDOW_MARGIN}` : 'no end recorded'}]`;
  for (const name of MARKERS) {
    const v = m.get(name);
    if (!v || v.source === 'started_at' || v.source === 'ended_at') continue;
    const what = `${label(name)} marker (${v.source}, ${v.at})`;
    if (start && v.ns < start.ns - margin) {
      notes.push(`${what} is ${humanDuration(start.ns - v.ns)} before the incident's start (${start.at}), outside its window ${window}: the figures that use it are doubtful; check the marker`);
    } else if (end && v.ns > end.ns + margin) {
      notes.push(`${what} is ${humanDuration(v.ns - end.ns)} after the incident's end (${end.at}), outside its window ${window}: the figures that use it are doubtful; check the marker`);
    } else if (end && name === 'recovery' && v.ns > end.ns) {
      notes.push(`${what} is ${humanDuration(v.ns - end.ns)} after the incident's end (${end.at}): the recovery figures run past the recorded end; correct the marker or ended_at`);
    }
  }
}

/** The span between two instants; a note instead when one is missing or they are out of order. */
function between(from: Instant | null | undefined, to: Instant | null | undefined, name: string, ends: [string, string], notes: string[]): Span | undefined {
  if (!from || !to) return undefined;
  if (to.ns < from.ns) {
    notes.push(`${name} not computed: ${ends[1]} (${to.at}) is before ${ends[0]} (${from.at})`);
    return undefined;
  }
  return span(to.ns - from.ns);
}

function objective(component: string, rto: Record<string, string>, notes: string[]): bigint {
  const candidates: Array<[string, string | undefined]> = [
    [component, rto[component]],
    ['default', rto.default],
  ];
  for (const [key, value] of candidates) {
    if (value === undefined) continue;
    try {
      const ns = parseDuration(value);
      if (ns > 0n) {
        if (key !== component) notes.push(`no RTO configured for ${component}: the default (${value}) applies`);
        return ns;
      }
    } catch {
      // An invalid entry falls through to the next candidate, with a note.
    }
    notes.push(`RTO "${value}" for ${key} is not a positive duration and was ignored`);
  }
  notes.push(`no RTO configured: ${FALLBACK_RTO} assumed`);
  return parseDuration(FALLBACK_RTO);
}

/**
 * Computes the recovery figures of an incident.
 * Spans: detection = first indication → detection, diagnosis = detection → diagnosis, fix = diagnosis
 * → fix, testing = fix → verification, total = first indication → recovery; downtime = complete
 * failure (else first indication, else start) → recovery. The RTO's actual time is the downtime when
 * the complete-failure time is recorded, else the total time to recovery (stated in a note).
 * @example recoveryFigures(incident, { rto: { default: '15m' } }).rto.met
 */
export function recoveryFigures(incident: IncidentContent, { rto, fixEvents = null, fixSources }: RecoveryOptions): RecoveryFigures {
  const notes: string[] = [];
  const m = resolveMarkers(incident, notes);
  const markers: RecoveryFigures['markers'] = {};
  const sources: RecoveryFigures['marker_sources'] = {};
  for (const name of MARKERS) {
    const v = m.get(name);
    if (v) {
      markers[name] = v.at;
      sources[name] = v.source;
    }
  }
  windowNotes(incident, m, notes);
  const missing = MARKERS.filter((k) => !m.has(k));
  if (missing.length) notes.push(`no ${missing.map(label).join(', ')} marker: mark timeline entries to compute the phases that depend on them`);

  const get = (k: Marker) => m.get(k);
  const phase = (name: string, a: Marker, b: Marker) => between(get(a), get(b), name, [label(a), label(b)], notes);
  const out: RecoveryFigures = { markers, marker_sources: sources, rto: { component: '', objective: span(0n) }, orders: { failed: null, lost: null, sources: [] }, notes };
  const spans: Array<[keyof Pick<RecoveryFigures, 'detection' | 'diagnosis' | 'fix' | 'testing' | 'total'>, Span | undefined]> = [
    ['detection', phase('detection time', 'first_indication', 'detection')],
    ['diagnosis', phase('diagnosis time', 'detection', 'diagnosis')],
    ['fix', phase('fix time', 'diagnosis', 'fix')],
    ['testing', phase('testing time', 'fix', 'verification')],
    ['total', phase('total time to recovery', 'first_indication', 'recovery')],
  ];
  for (const [key, value] of spans) if (value) out[key] = value;

  const failedAt = instant(incident.failure?.complete_failure_at, 'failure.complete_failure_at', notes);
  const downFrom = failedAt ?? get('first_indication') ?? instant(incident.started_at, 'started_at', notes);
  const downtime = between(downFrom, get('recovery'), 'downtime', [downFrom?.source ?? 'start', 'recovery'], notes);
  if (downtime) out.downtime = downtime;

  const component = incident.component ?? 'default';
  const goal = objective(component, rto, notes);
  out.rto = { component, objective: span(goal) };
  const actual = failedAt ? downtime : (out.total ?? downtime);
  if (actual) {
    if (!failedAt) notes.push('RTO compared with the total time to recovery (first indication → recovery): no complete-failure time is recorded');
    const variance = BigInt(actual.ns) - goal;
    out.rto.actual = actual;
    out.rto.met = variance <= 0n;
    out.rto.variance = { ns: variance.toString(), text: variance > 0n ? `+${humanDuration(variance)}` : humanDuration(variance), negative: variance < 0n };
  } else {
    notes.push('RTO not assessed: no recovery time');
  }

  out.orders = ordersFigures(incident, m, fixEvents, fixSources, notes);
  const loss = incident.impact?.trading?.financial_loss_usd;
  if (loss !== undefined) out.financial_loss_usd = loss;
  return out;
}

function ordersFigures(
  incident: IncidentContent,
  m: Map<Marker, Instant>,
  fixEvents: readonly TimelineEvent[] | null,
  fixSources: string[] | undefined,
  notes: string[],
): RecoveryFigures['orders'] {
  const orders: RecoveryFigures['orders'] = { failed: null, lost: null, sources: [] };
  const trading = incident.impact?.trading;
  if (trading?.orders_failed !== undefined) orders.recorded_failed = trading.orders_failed;
  if (trading?.orders_lost !== undefined) orders.recorded_lost = trading.orders_lost;
  if (fixEvents === null) return orders;
  // The window opens at the earlier of the start and the first indication and closes at the later
  // of the end and the recovery: FIX traffic of the whole disturbance, nothing before or after.
  const starts = [instant(incident.started_at, 'started_at', []), m.get('first_indication')].filter((x): x is Instant => !!x);
  const ends = [instant(incident.ended_at, 'ended_at', []), m.get('recovery')].filter((x): x is Instant => !!x);
  const start = starts.reduce((a, b) => (b.ns < a ? b.ns : a), starts[0]?.ns ?? 0n);
  const end = ends.length ? ends.reduce((a, b) => (b.ns > a ? b.ns : a), ends[0]?.ns ?? 0n) : null;
  if (end === null) notes.push('orders counted up to the last FIX event: the incident has no end or recovery time');
  const counts = countOrders(fixEvents, { start, end });
  orders.failed = counts.failed;
  orders.lost = counts.lost;
  notes.push(...counts.notes);
  const files = fixSources ?? [...new Set(fixEvents.map((e) => e.metadata.file).filter((f): f is string => typeof f === 'string'))].sort();
  orders.sources = files;
  return orders;
}
