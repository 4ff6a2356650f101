/**
 * Live Alertmanager: its current alerts (`GET /api/v2/alerts`), in the shape of the webhook's
 * alerts so the timeline and the webhook receiver read both alike.
 */
import { z } from 'zod';
import { InputError, UnavailableError } from '../../shared/errors.js';
import { nowNs, parseTimestamp } from '../../shared/time.js';
import type { Alert } from '../alerts/index.js';
import { endpoint, httpRequest, jsonOf, type HttpOptions } from './http.js';

const gettableAlertSchema = z.object({
  labels: z.record(z.string(), z.string()),
  annotations: z.record(z.string(), z.string()).default({}),
  startsAt: z.string(),
  endsAt: z.string().optional(),
  updatedAt: z.string().optional(),
  generatorURL: z.string().default(''),
  fingerprint: z.string().optional(),
  receivers: z.array(z.object({ name: z.string() })).default([]),
  status: z.object({ state: z.string(), silencedBy: z.array(z.string()).default([]), inhibitedBy: z.array(z.string()).default([]) }),
});

/** An alert Alertmanager holds now, with its state there (`active`, `suppressed` by a silence or inhibition, `unprocessed`). */
export type CurrentAlert = Alert & { state: string; receivers: string[] };

export interface ListAlertsOptions extends HttpOptions {
  /** Label matchers, e.g. `['severity="critical"', 'job=~"gw.*"']`. */
  filter?: string[];
}

function ended(endsAt: string | undefined, now: bigint): boolean {
  if (!endsAt) return false;
  try {
    const ns = parseTimestamp(endsAt).ns;
    // Go's zero time (year 1) means "no end yet".
    return ns > 0n && ns <= now;
  } catch {
    return false;
  }
}

/**
 * The alerts Alertmanager currently holds (firing, silenced, inhibited). It keeps no history: past
 * alerts of an incident come from webhook evidence or saved payloads.
 * @example const alerts = await listAlerts('http://127.0.0.1:9093', { filter: ['severity="critical"'] });
 */
export async function listAlerts(url: string, { filter = [], ...opts }: ListAlertsOptions = {}): Promise<CurrentAlert[]> {
  const { url: target, headers } = endpoint(url, 'api/v2/alerts');
  for (const f of filter) target.searchParams.append('filter', f);
  const answer = await httpRequest('Alertmanager', target, { method: 'GET' }, { ...opts, headers: { ...headers, ...opts.headers } });
  const where = `${target.origin}${target.pathname}`;
  if (answer.status === 400) throw new InputError(`Alertmanager refused the request (${answer.text.slice(0, 200).trim()}): check the filters`);
  if (answer.status === 401 || answer.status === 403) throw new InputError(`Alertmanager at ${where} refused access (HTTP ${answer.status}): give credentials in the URL`);
  if (answer.status === 404) throw new InputError(`no Alertmanager API v2 at ${where} (HTTP 404): give the server's base URL, e.g. http://127.0.0.1:9093`);
  if (answer.status !== 200) throw new UnavailableError(`Alertmanager at ${where} failed: HTTP ${answer.status}`);
  const parsed = z.array(gettableAlertSchema).safeParse(jsonOf('Alertmanager', answer, target));
  if (!parsed.success) {
    throw new InputError(`${where} did not answer a list of alerts: is this Alertmanager (API v2)?`, {
      issues: parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  const now = nowNs();
  return parsed.data.map((a) => ({
    status: ended(a.endsAt, now) ? 'resolved' : 'firing',
    labels: a.labels,
    annotations: a.annotations,
    startsAt: a.startsAt,
    ...(a.endsAt ? { endsAt: a.endsAt } : {}),
    generatorURL: a.generatorURL,
    ...(a.fingerprint ? { fingerprint: a.fingerprint } : {}),
    state: a.status.state,
    receivers: a.receivers.map((r) => r.name),
  }));
}
