/**
 * When a received alert opens an incident, and what that incident says. Pure: the webhook flow
 * (service.ts) applies these to a payload and the store.
 *
 * The alert an incident was opened from is recorded as a supporting link labelled
 * `alert:<fingerprint>` (its URL the alert's generator, e.g. the Prometheus graph): a link to the
 * evidence is what that section is for, it survives edits of the title and tags, and it is visible.
 */
import type { WebhookConfig } from '../../config/schema.js';
import { choices, TITLE_MAX, type IncidentContent, type IncidentCreate } from '../../incidents/schema/index.js';
import { stripControls } from '../../incidents/schema/fields.js';
import { labelFingerprint } from './fingerprint.js';
import type { Alert } from './schema.js';

export const ALERT_LINK_PREFIX = 'alert:';

/** Longest supporting-link value the incident schema takes. */
const LINK_MAX = 500;

/**
 * The alert's fingerprint: Alertmanager's own, else computed from its labels the same way.
 * @example fingerprintOf({ labels: { alertname: 'A' }, fingerprint: '00ab' } as Alert) === '00ab'
 */
export function fingerprintOf(alert: Pick<Alert, 'labels' | 'fingerprint'>): string {
  return (alert.fingerprint ?? labelFingerprint(alert.labels)).toLowerCase();
}

/**
 * Fingerprints of the alerts an incident was opened from.
 * @example alertFingerprintsOf({ supporting: { links: [{ label: 'alert:bf3efc9a695671d6' }] } }) // ['bf3efc9a695671d6']
 */
export function alertFingerprintsOf(inc: Pick<IncidentContent, 'supporting'>): string[] {
  return (inc.supporting?.links ?? []).filter((l) => l.label.startsWith(ALERT_LINK_PREFIX)).map((l) => l.label.slice(ALERT_LINK_PREFIX.length));
}

export type OpenDecision =
  | { open: true; incident: IncidentCreate }
  | { open: false; reason: 'disabled' | 'resolved' | 'severity_not_listed' };

/** The `component` (or else `service`) label when it names one of the record's components. */
function componentOf(labels: Record<string, string>): string | undefined {
  for (const key of ['component', 'service']) {
    const v = labels[key];
    if (!v) continue;
    const c = choices.component.normalize(v);
    if ((choices.component.values as readonly string[]).includes(c)) return c;
  }
  return undefined;
}

function cleanValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, stripControls(v)]));
}

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/**
 * Whether a received alert opens an incident under the webhook settings, and its content if so:
 * a firing alert whose `severity` label (compared case-insensitively) is listed.
 * @example
 * const d = incidentForAlert(alert, { open_incidents: true, severities: ['critical'], default_severity: 'P1' });
 * if (d.open) await createIncident(deps, ctx, d.incident);
 */
export function incidentForAlert(alert: Alert, cfg: WebhookConfig): OpenDecision {
  if (!cfg.open_incidents) return { open: false, reason: 'disabled' };
  if (alert.status !== 'firing') return { open: false, reason: 'resolved' };
  const severity = (alert.labels.severity ?? '').trim().toLowerCase();
  if (!cfg.severities.some((s) => s.trim().toLowerCase() === severity)) return { open: false, reason: 'severity_not_listed' };

  // The fingerprint is of the alert as sent (Alertmanager's own); its text is a machine's, so control
  // characters (colour codes, a bell) are dropped, not refused, and the incident opens.
  const fp = fingerprintOf(alert);
  const cleanLabels = cleanValues(alert.labels);
  const cleanNotes = cleanValues(alert.annotations);
  const name = cleanLabels.alertname ?? 'alert';
  const summary = cleanNotes.summary ?? cleanNotes.message ?? '';
  const description = cleanNotes.description;
  const labels = Object.entries(cleanLabels)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const component = componentOf(cleanLabels);
  // Tags name the alert and the systems it is about, for finding similar incidents later.
  const tags = [...new Set([name, cleanLabels.service, cleanLabels.job, cleanLabels.instance].filter((t): t is string => !!t))];
  const url = alert.generatorURL && alert.generatorURL.length <= LINK_MAX ? alert.generatorURL : undefined;
  return {
    open: true,
    incident: {
      kind: 'inc',
      title: clip(summary ? `${name}: ${summary}` : name, TITLE_MAX),
      severity: cfg.default_severity,
      started_at: alert.startsAt,
      ...(component ? { component } : {}),
      summary: {
        description: [`Opened from Alertmanager alert ${name} (fingerprint ${fp}); labels: ${labels}.`, description].filter(Boolean).join('\n\n'),
      },
      response: { detection_methods: ['automated_alert'] },
      analysis: { tags },
      supporting: { links: [{ label: `${ALERT_LINK_PREFIX}${fp}`, ...(url ? { url } : {}) }] },
    },
  };
}
