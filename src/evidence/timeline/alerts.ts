/** Alertmanager alerts (webhook payloads or API answers) as timeline events, pure. */
import { parseTimestamp, formatTimestamp } from '../../shared/time.js';
import type { TimelineEvent } from './event.js';

interface AmAlert {
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
 * One event when an alert fired, and one when it resolved (if it did).
 * @example alertEvents(JSON.parse(payload), 'am.json').map((e) => e.description)
 */
export function alertEvents(doc: unknown, file: string): { events: TimelineEvent[]; rejected: number } {
  const events: TimelineEvent[] = [];
  let rejected = 0;
  for (const a of alertsOf(doc)) {
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
