import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, webhookConfigSchema } from '../../config/schema.js';
import { incidentCreateSchema } from '../../incidents/schema/index.js';
import { alertFingerprintsOf, incidentForAlert } from './rules.js';
import { alertmanagerWebhookSchema, type Alert } from './schema.js';
import { recordedPayload, type RecordedPayload } from './testdata.js';

const on = webhookConfigSchema.parse({ open_incidents: true });
const firstAlert = (name: RecordedPayload): Alert => alertmanagerWebhookSchema.parse(recordedPayload(name)).alerts[0]!;

describe('opening incidents from alerts', () => {
  it('opens an incident from an alert whose text holds control characters, dropping them', () => {
    const a = firstAlert('critical-firing');
    const noisy: Alert = { ...a, labels: { ...a.labels, instance: 'gw01\u0007' }, annotations: { ...a.annotations, summary: 'disk \u001b[31mfull\u001b[0m' } };
    const d = incidentForAlert(noisy, on);
    expect(d.open).toBe(true);
    if (!d.open) return;
    const inc = incidentCreateSchema.parse(d.incident);
    expect(inc.title).toBe('PfaTestAlwaysFiring: disk [31mfull[0m');
    expect(inc.analysis?.tags).toContain('gw01');
    // the fingerprint is Alertmanager's, of the alert as sent
    expect(alertFingerprintsOf(inc)).toEqual(alertFingerprintsOf(incidentCreateSchema.parse((incidentForAlert(a, on) as { incident: unknown }).incident)));
  });

  it('is off by default, and the default opens P1 for critical', () => {
    expect(DEFAULT_CONFIG.webhook).toEqual({ open_incidents: false, severities: ['critical'], default_severity: 'P1' });
    expect(incidentForAlert(firstAlert('critical-firing'), DEFAULT_CONFIG.webhook)).toEqual({ open: false, reason: 'disabled' });
  });

  it('opens a valid incident from a firing critical alert, recording its fingerprint', () => {
    const d = incidentForAlert(firstAlert('critical-firing'), on);
    expect(d.open).toBe(true);
    if (!d.open) return;
    const inc = incidentCreateSchema.parse(d.incident);
    expect(inc).toMatchObject({
      kind: 'inc',
      title: 'PfaTestAlwaysFiring: always firing, for the pfa tests',
      severity: 'P1',
      started_at: '2026-11-22T03:46:43.974Z',
      component: 'application',
      response: { detection_methods: ['automated_alert'] },
      analysis: { tags: ['PfaTestAlwaysFiring', 'application'] },
    });
    expect(inc.supporting?.links).toEqual([{ label: 'alert:bf3efc9a695671d6', url: 'http://vm:27480/graph?g0.expr=vector%281%29+%3E+0&g0.tab=1' }]);
    expect(alertFingerprintsOf(inc)).toEqual(['bf3efc9a695671d6']);
    expect(inc.summary?.description).toContain('severity=critical');
  });

  it('leaves out severities not listed and resolved alerts', () => {
    expect(incidentForAlert(firstAlert('warning-firing'), on)).toEqual({ open: false, reason: 'severity_not_listed' });
    const both = webhookConfigSchema.parse({ open_incidents: true, severities: ['Critical', 'WARNING'], default_severity: 'P2' });
    const d = incidentForAlert(firstAlert('warning-firing'), both);
    expect(d.open && d.incident.severity).toBe('P2');
    expect(incidentForAlert(firstAlert('warning-resolved'), both)).toEqual({ open: false, reason: 'resolved' });
  });

  it('maps a service label onto a component only when it names one, and keeps the description', () => {
    const d = incidentForAlert(firstAlert('warning-firing'), webhookConfigSchema.parse({ open_incidents: true, severities: ['warning'] }));
    if (!d.open) throw new Error('expected an incident');
    expect(d.incident.component).toBe('exchange_connectivity');
    expect(d.incident.summary?.description).toContain('p99 of fix_order_latency_seconds is 3.1ms on gw-01');
    expect(d.incident.analysis?.tags).toEqual(['OrderGatewayLatencyHigh', 'exchange_connectivity', 'fix-gateway', 'gw-01:9100']);

    const odd = { ...firstAlert('critical-firing'), labels: { alertname: 'X', severity: 'critical', service: 'matching-engine', component: 'Memory (RAM)' } };
    const d2 = incidentForAlert(odd, on);
    expect(d2.open && d2.incident.component).toBe('memory');
    const none = incidentForAlert({ ...odd, labels: { alertname: 'X', severity: 'critical', service: 'matching-engine' } }, on);
    expect(none.open && 'component' in none.incident).toBe(false);
  });

  it('computes the fingerprint when the sender gave none, and bounds the title', () => {
    const { fingerprint: _f, ...rest } = firstAlert('critical-firing');
    const d = incidentForAlert({ ...rest, annotations: { summary: 'x'.repeat(1000) } }, on);
    if (!d.open) throw new Error('expected an incident');
    expect(alertFingerprintsOf(incidentCreateSchema.parse(d.incident))).toEqual(['bf3efc9a695671d6']);
    expect(d.incident.title.length).toBe(300);
  });
});
