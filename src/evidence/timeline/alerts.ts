/** Alertmanager alerts (webhook payloads or API answers) as timeline events, pure. */
import { parseTimestamp, formatTimestamp } from '../../shared/time.js';
import type { TimelineEvent } from './event.js';

export interface AmAlert {
  status?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt?: string;
  endsAt?: string;
  generatorURL?: string;
  fingerprint?: string;
}

/** Alerts of one JSON document: a webhook payload `{alerts: […]}` or an API list `[…]`. */
export function alertsOf(doc: unknown): AmAlert[] {
  if (Array.isArray(doc)) return doc as AmAlert[];
  if (typeof doc === 'object' && doc !== null && Array.isArray((doc as { alerts?: unknown }).alerts)) return (doc as { alerts: AmAlert[] }).alerts;
  return [];
}

// Alertmanager's "zero" endsAt for firing alerts.
const ZERO_TIME = /^0001-01-01/;

/**
 * The alerts of several documents, each told once. A receiver's log holds every notification of a
 * group: the same alert again at each group or repeat interval, then resolved. One alert is its
 * fingerprint (else its labels) and start; a resolved copy wins over firing ones, the latest end over
 * earlier ones. First-seen order is kept.
 * @example mergeAlerts([payload1, payload2]).length
 */
export function mergeAlerts(docs: readonly unknown[]): AmAlert[] {
  return mergeAlertFiles([{ file: '', docs }]).get('') ?? [];
}

/**
 * The same across files (a directory of saved notifications): each alert goes with the file that
 * first has it, in the state the last word about it says.
 * @example mergeAlertFiles([{ file: 'a.json', docs: [p1] }, { file: 'b.json', docs: [p2] }]).get('b.json')
 */
export function mergeAlertFiles(files: readonly { file: string; docs: readonly unknown[] }[]): Map<string, AmAlert[]> {
  const byKey = new Map<string, { alert: AmAlert; file: string }>();
  for (const { file, docs } of files) {
    for (const doc of docs) {
      for (const a of alertsOf(doc)) {
        const key = `${a.fingerprint || labelKey(a.labels)}\u0000${instantKey(a.startsAt)}`;
        const seen = byKey.get(key);
        if (!seen) byKey.set(key, { alert: a, file });
        else if (supersedes(a, seen.alert)) seen.alert = a;
      }
    }
  }
  const out = new Map<string, AmAlert[]>(files.map((f) => [f.file, []]));
  for (const { alert, file } of byKey.values()) out.get(file)?.push(alert);
  return out;
}

const labelKey = (labels: Record<string, string> | undefined): string =>
  JSON.stringify(Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

// Two spellings of one instant (`…:00Z`, `…:00.000Z`) are one start.
function instantKey(s: string | undefined): string {
  if (!s) return '';
  try {
    return String(parseTimestamp(s).ns);
  } catch {
    return s;
  }
}

function supersedes(a: AmAlert, seen: AmAlert): boolean {
  if (a.status !== 'resolved') return false;
  if (seen.status !== 'resolved') return true;
  const end = (x: AmAlert): bigint => (/^\d+$/.test(instantKey(x.endsAt)) ? BigInt(instantKey(x.endsAt)) : 0n);
  return end(a) > end(seen);
}

/**
 * One event when an alert fired, and one when it resolved (if it did).
 * @example alertEvents(JSON.parse(payload), 'am.json').map((e) => e.description)
 */
export function alertEvents(doc: unknown, file: string): { events: TimelineEvent[]; rejected: number } {
  return alertEventsOfDocs([doc], file);
}

/**
 * The events of several documents (the payloads a receiver appended to one file), merged first so
 * that a repeated notification adds nothing (see mergeAlerts).
 * @example alertEventsOfDocs(text.split('\n').filter(Boolean).map((l) => JSON.parse(l)), 'am.jsonl').events
 */
export function alertEventsOfDocs(docs: readonly unknown[], file: string): { events: TimelineEvent[]; rejected: number } {
  return eventsOfAlerts(mergeAlerts(docs), file);
}

/**
 * Events of alerts already merged (see mergeAlertFiles).
 * @example eventsOfAlerts(mergeAlerts(docs), 'am.json').events
 */
export function eventsOfAlerts(alerts: readonly AmAlert[], file: string): { events: TimelineEvent[]; rejected: number } {
  const events: TimelineEvent[] = [];
  let rejected = 0;
  for (const a of alerts) {
    const name = a.labels?.alertname ?? 'alert';
    const severity = a.labels?.severity ?? null;
    const summary = a.annotations?.summary ?? a.annotations?.description ?? a.annotations?.message ?? '';
    const meta = {
      file,
      alert_id: a.fingerprint ?? null,
      alertname: name,
      severity,
      component: a.labels?.service ?? a.labels?.component ?? a.labels?.job ?? null,
      host: a.labels?.instance ?? a.labels?.host ?? null,
      labels: JSON.stringify(a.labels ?? {}),
      generator: a.generatorURL ?? null,
    };
    const at = (s: string | undefined) => {
      if (!s || ZERO_TIME.test(s)) return null;
      try {
        const p = parseTimestamp(s);
        return { ns: p.ns, timestamp: formatTimestamp(p.ns, p.digits) };
      } catch {
        return null;
      }
    };
    const start = at(a.startsAt);
    if (!start) {
      rejected++;
      continue;
    }
    // The event type is the alert's severity; an alert without one is just firing.
    const end = a.status === 'resolved' ? at(a.endsAt) : null;
    events.push({
      ...start, source: 'alert', event_type: severity ?? 'firing', description: `${name} firing${summary ? `: ${summary}` : ''}`,
      metadata: { ...meta, status: 'firing', ...(end ? { resolved_at: end.timestamp } : {}) },
    });
    if (end) events.push({ ...end, source: 'alert', event_type: 'resolved', description: `${name} resolved`, metadata: { ...meta, status: 'resolved' } });
  }
  return { events, rejected };
}
