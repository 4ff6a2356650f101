/** Public entry: the Alertmanager webhook receiver (payload schema, incident-opening rules, flow, route). */
export { alertmanagerWebhookSchema, alertSchema, ALERT_STATUSES, type Alert, type AlertmanagerWebhook } from './schema.js';
export { labelFingerprint } from './fingerprint.js';
export { ALERT_LINK_PREFIX, alertFingerprintsOf, fingerprintOf, incidentForAlert, type OpenDecision } from './rules.js';
export { receiveAlertmanagerWebhook, type AlertOutcome, type StoredEvidence, type WebhookResult } from './service.js';
export { alertWebhookRoutes, webhookResultSchema } from './routes.js';
