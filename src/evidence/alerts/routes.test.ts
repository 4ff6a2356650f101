/** The webhook receiver through the HTTP layer (in-process), on every test database, with recorded payloads. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/store.js';
import { createToken } from '../../auth/index.js';
import { configSchema } from '../../config/schema.js';
import type { Store } from '../../db/database.js';
import { getIncident, listIncidentSummaries, transitionIncident, updateIncident } from '../../incidents/service.js';
import { apiClient, type ApiClient } from '../../server/inject.js';
import { cliContext } from '../../shared/context.js';
import { databases, freshStore } from '../../test/databases.js';
import { evidenceList } from '../service.js';
import { webhookResultSchema } from './routes.js';
import { recordedPayload } from './testdata.js';

const URL_PATH = '/api/v1/webhooks/alertmanager';
const admin = cliContext();

describe.each(databases)('Alertmanager webhook on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const clients: ApiClient[] = [];
  const client = (webhook: Record<string, unknown> = {}) => {
    const c = apiClient(store.db, { config: configSchema.parse({ webhook }) });
    clients.push(c);
    return c;
  };
  const post = async (api: ApiClient, body: unknown, token?: string) => {
    const res = await api.request('POST', URL_PATH, { body, ...(token ? { token } : {}) });
    expect(res.statusCode, res.body).toBe(200);
    return webhookResultSchema.parse(res.json());
  };

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(database));
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await cleanup();
  });

  it('stores the payload as alert evidence and opens nothing by default', async () => {
    const r = await post(client(), recordedPayload('critical-firing'));
    expect(r.alerts).toEqual([{ fingerprint: 'bf3efc9a695671d6', alertname: 'PfaTestAlwaysFiring', status: 'firing', incident: { id: null, outcome: 'disabled' } }]);
    expect(r.evidence).toEqual([{ id: expect.stringMatching(/^alert-[0-9a-f]{16}-unattached$/) as string, incident_id: null, created: true }]);
    const [e] = await evidenceList({ db: store.db, config: configSchema.parse({}) }, { kind: 'alert' });
    expect(e).toMatchObject({ kind: 'alert', incident_id: null, created_by: 'local', metadata: { receiver: 'pfa', status: 'firing', fingerprints: ['bf3efc9a695671d6'] } });
    expect(JSON.parse(e!.content ?? '')).toMatchObject({ version: '4', groupKey: '{}:{alertname="PfaTestAlwaysFiring"}' });
    const audit = await listAudit(store.db, {});
    expect(audit.find((a) => a.action === 'evidence.add')).toMatchObject({ source: 'webhook', actor: 'local' });
    expect((await listIncidentSummaries({ db: store.db, config: configSchema.parse({}) }, {})).total).toBe(0);
  });

  it('opens one incident per firing fingerprint, attaches repeats to it, and opens anew once it is closed', async () => {
    const api = client({ open_incidents: true, default_severity: 'P4' });
    const deps = { db: store.db, config: configSchema.parse({}) };
    const first = await post(api, recordedPayload('critical-firing'));
    const id = first.alerts[0]?.incident.id;
    expect(first.alerts[0]?.incident.outcome).toBe('opened');
    expect(id).toMatch(/^INC-20261122-\d{3}$/);
    const inc = await getIncident(deps, id ?? '');
    expect(inc).toMatchObject({ kind: 'inc', severity: 'P4', status: 'open', component: 'application', started_at: '2026-11-22T03:46:43.974Z' });
    expect(inc.supporting?.links?.[0]?.label).toBe('alert:bf3efc9a695671d6');
    expect(first.evidence).toEqual([{ id: expect.stringMatching(new RegExp(`-${id}$`)) as string, incident_id: id, created: true }]);
    const created = (await listAudit(store.db, { subject: id ?? '' })).find((a) => a.action === 'incident.create');
    expect(created?.source).toBe('webhook');

    // Alertmanager repeats the same payload, and sends the alert again in a changed group.
    const again = await post(api, recordedPayload('critical-firing'));
    expect(again.alerts[0]?.incident).toEqual({ id, outcome: 'existing' });
    expect(again.evidence).toEqual([{ id: first.evidence[0]?.id, incident_id: id, created: false }]);
    const changed = recordedPayload('critical-firing');
    changed.truncatedAlerts = 1;
    const third = await post(api, changed);
    expect(third.alerts[0]?.incident).toEqual({ id, outcome: 'existing' });
    expect(third.evidence[0]).toMatchObject({ incident_id: id, created: true });
    expect((await evidenceList(deps, { incidentId: id ?? '' })).length).toBe(2);

    // A responder renames the incident: the next notification still finds it, through its alert evidence.
    const current = await getIncident(deps, id ?? '');
    await updateIncident(deps, admin, id ?? '', { title: 'Gateway order path stalled' }, current.version);
    const renamed = await post(api, changed);
    expect(renamed.alerts[0]?.incident).toEqual({ id, outcome: 'existing' });

    // Concurrent deliveries of a new alert still open a single incident.
    const other = recordedPayload('critical-firing');
    const alert = (other.alerts as Record<string, Record<string, string>>[])[0]!;
    alert.labels = { ...alert.labels, instance: 'gw-02' };
    delete alert.fingerprint;
    const burst = await Promise.all([post(api, other), post(api, other), post(api, other)]);
    const ids = new Set(burst.map((b) => b.alerts[0]?.incident.id));
    expect(ids.size).toBe(1);
    expect([...ids][0]).not.toBe(id);
    expect(burst.filter((b) => b.alerts[0]?.incident.outcome === 'opened')).toHaveLength(1);
    expect((await listIncidentSummaries(deps, {})).total).toBe(2);

    await transitionIncident(deps, admin, id ?? '', 'resolved', { at: '2026-11-22T03:47:00Z' });
    expect((await post(api, recordedPayload('critical-firing'))).alerts[0]?.incident).toEqual({ id, outcome: 'existing' });
    await transitionIncident(deps, admin, id ?? '', 'closed');
    const reopened = await post(api, recordedPayload('critical-firing'));
    expect(reopened.alerts[0]?.incident.outcome).toBe('opened');
    expect(reopened.alerts[0]?.incident.id).not.toBe(id);
    expect((await listIncidentSummaries(deps, {})).total).toBe(3);
  });

  it('leaves unlisted severities unattached, and files a resolution with the incident it belongs to', async () => {
    const api = client({ open_incidents: true, severities: ['critical'] });
    const warn = await post(api, recordedPayload('warning-firing'));
    expect(warn.alerts[0]?.incident).toEqual({ id: null, outcome: 'severity_not_listed' });
    expect(warn.evidence[0]?.incident_id).toBeNull();

    const both = client({ open_incidents: true, severities: ['critical', 'warning'] });
    const opened = await post(both, recordedPayload('warning-firing'));
    const id = opened.alerts[0]?.incident.id;
    expect(opened.alerts[0]?.incident.outcome).toBe('opened');
    const resolved = await post(both, recordedPayload('warning-resolved'));
    expect(resolved.alerts[0]).toMatchObject({ status: 'resolved', incident: { id, outcome: 'existing' } });
    expect(resolved.evidence).toEqual([expect.objectContaining({ incident_id: id, created: true })]);
  });

  it('refuses bad payloads with every bad field, and callers below responder', async () => {
    const api = client();
    const bad = recordedPayload('critical-firing');
    bad.version = '3';
    (bad.alerts as Record<string, unknown>[])[0]!.startsAt = 'soon';
    const res = await api.request('POST', URL_PATH, { body: bad });
    expect(res.statusCode).toBe(400);
    const problem = res.json<{ code: string; issues: { path: string }[] }>();
    expect(problem.code).toBe('invalid_input');
    expect(problem.issues.map((i) => i.path).sort()).toEqual(['alerts.0.startsAt', 'version']);

    const viewer = await createToken({ db: store.db }, admin, { name: 'grafana', role: 'viewer' });
    const bot = await createToken({ db: store.db }, admin, { name: 'alertmanager', role: 'responder' });
    expect((await api.request('POST', URL_PATH, { body: recordedPayload('critical-firing') })).statusCode).toBe(401);
    expect((await api.request('POST', URL_PATH, { body: recordedPayload('critical-firing'), token: viewer.token })).statusCode).toBe(403);
    const ok = await post(api, recordedPayload('critical-firing'), bot.token);
    expect(ok.evidence[0]?.created).toBe(true);
    const [e] = await evidenceList({ db: store.db, config: configSchema.parse({}) }, { kind: 'alert' });
    expect(e?.created_by).toBe('alertmanager');
  });
});
