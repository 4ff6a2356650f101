import { describe, expect, it } from 'vitest';
import { labelFingerprint } from './fingerprint.js';
import { alertmanagerWebhookSchema } from './schema.js';
import { recordedPayload } from './testdata.js';

describe('Alertmanager webhook payload schema', () => {
  it('accepts the payloads Alertmanager 0.25 sent, firing and resolved', () => {
    for (const name of ['critical-firing', 'warning-firing', 'warning-resolved'] as const) {
      const r = alertmanagerWebhookSchema.safeParse(recordedPayload(name));
      expect(r.success, name).toBe(true);
    }
    const p = alertmanagerWebhookSchema.parse(recordedPayload('warning-resolved'));
    expect(p.status).toBe('resolved');
    expect(p.alerts[0]).toMatchObject({ status: 'resolved', fingerprint: '7f5e7e7834b87faf', labels: { severity: 'warning' } });
  });

  it('keeps fields it does not know, and fills the optional ones', () => {
    const raw = recordedPayload('critical-firing');
    raw.futureField = { x: 1 };
    const alerts = raw.alerts as Record<string, unknown>[];
    delete alerts[0]!.annotations;
    delete raw.truncatedAlerts;
    const p = alertmanagerWebhookSchema.parse(raw);
    expect((p as Record<string, unknown>).futureField).toEqual({ x: 1 });
    expect(p.alerts[0]!.annotations).toEqual({});
    expect(p.truncatedAlerts).toBe(0);
  });

  it('refuses other versions, bad statuses and bad times, naming the field', () => {
    const wrong = (mutate: (p: Record<string, unknown>) => void) => {
      const raw = recordedPayload('critical-firing');
      mutate(raw);
      const r = alertmanagerWebhookSchema.safeParse(raw);
      expect(r.success).toBe(false);
      return r.error?.issues.map((i) => i.path.join('.')) ?? [];
    };
    expect(wrong((p) => (p.version = '3'))).toEqual(['version']);
    expect(wrong((p) => delete p.version)).toEqual(['version']);
    expect(wrong((p) => ((p.alerts as Record<string, unknown>[])[0]!.status = 'pending'))).toEqual(['alerts.0.status']);
    expect(wrong((p) => ((p.alerts as Record<string, unknown>[])[0]!.startsAt = 'yesterday'))).toEqual(['alerts.0.startsAt']);
    expect(wrong((p) => ((p.alerts as Record<string, unknown>[])[0]!.labels = { alertname: 5 }))).toEqual(['alerts.0.labels.alertname']);
    expect(wrong((p) => (p.alerts = 'none'))).toEqual(['alerts']);
  });
});

describe('alert fingerprint', () => {
  it("matches Alertmanager's own for the recorded alerts", () => {
    for (const name of ['critical-firing', 'warning-firing', 'warning-resolved'] as const) {
      const p = alertmanagerWebhookSchema.parse(recordedPayload(name));
      for (const a of p.alerts) expect(labelFingerprint(a.labels)).toBe(a.fingerprint);
    }
  });

  it('depends on every label and not on their order', () => {
    const a = labelFingerprint({ alertname: 'X', severity: 'critical' });
    expect(labelFingerprint({ severity: 'critical', alertname: 'X' })).toBe(a);
    expect(labelFingerprint({ alertname: 'X', severity: 'warning' })).not.toBe(a);
    // The separator keeps "ab"+"c" apart from "a"+"bc".
    expect(labelFingerprint({ a: 'bc' })).not.toBe(labelFingerprint({ ab: 'c' }));
    expect(labelFingerprint({})).toBe('cbf29ce484222325');
  });
});
