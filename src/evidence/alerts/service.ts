/**
 * Receiving an Alertmanager webhook: store the payload as alert evidence and, when configured, open
 * one incident per firing alert fingerprint (never a second while the first is not closed).
 */
import { createHash } from 'node:crypto';
import { isUniqueViolation, lockUntilCommit } from '../../db/dialect.js';
import { inTransaction } from '../../db/transaction.js';
import { createIncident, getIncident, listIncidentSummaries, type Deps } from '../../incidents/service.js';
import { STATUSES } from '../../incidents/schema/index.js';
import type { Context } from '../../shared/context.js';
import { NotFoundError } from '../../shared/errors.js';
import { addEvidence, getEvidence } from '../service.js';
import { incidentsWithAlert } from '../store.js';
import { alertFingerprintsOf, fingerprintOf, incidentForAlert } from './rules.js';
import type { AlertmanagerWebhook } from './schema.js';

export interface StoredEvidence {
  id: string;
  incident_id: string | null;
  /** False when the same payload had been stored for that incident already (a repeat notification). */
  created: boolean;
}

export interface AlertOutcome {
  fingerprint: string;
  alertname: string;
  status: 'firing' | 'resolved';
  /** opened: a new incident; existing: one opened earlier and not closed; none: why not (see rules.ts). */
  incident: { id: string; outcome: 'opened' | 'existing' } | { id: null; outcome: 'disabled' | 'resolved' | 'severity_not_listed' };
}

export interface WebhookResult {
  receiver: string;
  status: 'firing' | 'resolved';
  evidence: StoredEvidence[];
  alerts: AlertOutcome[];
}

const OPEN_STATUSES = STATUSES.filter((s) => s !== 'closed');
const PAGE = 200;

/**
 * The incident opened from this fingerprint that is not closed, if any. Incidents opened from an
 * alert carry its name in the title, which narrows the search before each record is read; when a
 * title has been edited since, the alert payloads attached to incidents still lead to it.
 */
async function openIncidentFor(deps: Deps, fingerprint: string, alertname: string): Promise<string | null> {
  const isOpen = async (id: string): Promise<boolean> => {
    const inc = await getIncident(deps, id);
    return inc.status !== 'closed' && alertFingerprintsOf(inc).includes(fingerprint);
  };
  for (let offset = 0; ; offset += PAGE) {
    const page = await listIncidentSummaries(deps, { status: [...OPEN_STATUSES], q: alertname, limit: PAGE, offset });
    for (const s of page.items) if (await isOpen(s.id)) return s.id;
    if (offset + PAGE >= page.total) break;
  }
  for (const id of (await incidentsWithAlert(deps.db, fingerprint)).sort()) if (await isOpen(id)) return id;
  return null;
}

async function storePayload(deps: Deps, ctx: Context, content: string, payload: AlertmanagerWebhook, incidentId: string | null): Promise<StoredEvidence> {
  const sha = createHash('sha256').update(content).digest('hex');
  // Alertmanager repeats an unchanged group's payload every repeat_interval: same content, same id.
  const id = `alert-${sha.slice(0, 16)}-${incidentId ?? 'unattached'}`;
  const found = await getEvidence(deps, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
  if (found) return { id, incident_id: incidentId, created: false };
  try {
    await addEvidence(deps, ctx, {
      id,
      kind: 'alert',
      name: `Alertmanager ${payload.status}: ${payload.groupKey}`.slice(0, 500),
      ...(incidentId ? { incidentId } : {}),
      content,
      metadata: {
        source: 'alertmanager-webhook',
        receiver: payload.receiver,
        group_key: payload.groupKey,
        status: payload.status,
        external_url: payload.externalURL,
        truncated_alerts: payload.truncatedAlerts,
        fingerprints: payload.alerts.map(fingerprintOf),
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { id, incident_id: incidentId, created: false };
    throw err;
  }
  return { id, incident_id: incidentId, created: true };
}

/**
 * Stores an Alertmanager payload (once per incident it concerns, else unattached) and opens
 * incidents as `deps.config.webhook` says, all in one transaction: a failure part-way leaves no
 * incident without its payload, and Alertmanager's retry starts from a clean state. Payloads are
 * handled one at a time, across processes too, so that two deliveries of one new alert (a retry,
 * an HA pair of Alertmanagers, two `pfa serve` on one database) never both find no incident and
 * both open one.
 * @example const r = await receiveAlertmanagerWebhook(deps, { ...ctx, source: 'webhook' }, payload);
 */
export function receiveAlertmanagerWebhook(deps: Deps, ctx: Context, payload: AlertmanagerWebhook): Promise<WebhookResult> {
  return inTransaction(deps.db, async (trx) => {
    await lockUntilCommit(trx, 'pfa:alertmanager-webhook');
    const tx: Deps = { ...deps, db: trx };
    const alerts: AlertOutcome[] = [];
    for (const alert of payload.alerts) {
      const fingerprint = fingerprintOf(alert);
      const alertname = alert.labels.alertname ?? 'alert';
      const base = { fingerprint, alertname, status: alert.status };
      const existing = await openIncidentFor(tx, fingerprint, alertname.slice(0, 200));
      if (existing) {
        alerts.push({ ...base, incident: { id: existing, outcome: 'existing' } });
        continue;
      }
      const decision = incidentForAlert(alert, deps.config.webhook);
      if (!decision.open) {
        alerts.push({ ...base, incident: { id: null, outcome: decision.reason } });
        continue;
      }
      const inc = await createIncident(tx, ctx, decision.incident);
      alerts.push({ ...base, incident: { id: inc.id, outcome: 'opened' } });
    }
    const content = JSON.stringify(payload);
    const incidents = [...new Set(alerts.map((a) => a.incident.id).filter((id): id is string => id !== null))];
    const evidence: StoredEvidence[] = [];
    for (const id of incidents.length ? incidents : [null]) evidence.push(await storePayload(tx, ctx, content, payload, id));
    return { receiver: payload.receiver, status: payload.status, evidence, alerts };
  });
}
