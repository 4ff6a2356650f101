import { afterEach, describe, expect, it } from 'vitest';
import { InputError, UnavailableError } from '../../shared/errors.js';
import { alertEvents } from '../timeline/index.js';
import { listAlerts } from './alertmanager.js';
import { closedPort, testServer, type TestServer } from './testserver.js';

const AM = process.env.PFA_TEST_ALERTMANAGER_URL;

// GET /api/v2/alerts as Alertmanager 0.25 answered it (Debian's package, via .ci/services.sh).
const RECORDED = JSON.stringify([
  {
    annotations: { summary: 'always firing, for the pfa tests' },
    endsAt: '2999-11-22T03:46:53.974Z',
    fingerprint: 'bf3efc9a695671d6',
    receivers: [{ name: 'pfa' }],
    startsAt: '2026-11-22T03:46:43.974Z',
    status: { inhibitedBy: [], silencedBy: ['5a1b'], state: 'suppressed' },
    updatedAt: '2026-11-22T03:46:49.976Z',
    generatorURL: 'http://vm:27480/graph?g0.expr=vector%281%29+%3E+0&g0.tab=1',
    labels: { alertname: 'PfaTestAlwaysFiring', service: 'application', severity: 'critical' },
  },
]);

describe('Alertmanager answers, from a stand-in server', () => {
  let srv: TestServer | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it('reads current alerts into the webhook shape, with filters sent as matchers', async () => {
    srv = await testServer((_req, res) => res.end(RECORDED));
    const alerts = await listAlerts(srv.url, { filter: ['severity="critical"', 'job=~"gw.*"'] });
    expect(alerts).toEqual([
      {
        status: 'firing',
        state: 'suppressed',
        receivers: ['pfa'],
        labels: { alertname: 'PfaTestAlwaysFiring', service: 'application', severity: 'critical' },
        annotations: { summary: 'always firing, for the pfa tests' },
        startsAt: '2026-11-22T03:46:43.974Z',
        endsAt: '2999-11-22T03:46:53.974Z',
        generatorURL: 'http://vm:27480/graph?g0.expr=vector%281%29+%3E+0&g0.tab=1',
        fingerprint: 'bf3efc9a695671d6',
      },
    ]);
    const q = new URL(srv.requests[0]!.url, srv.url);
    expect(q.pathname).toBe('/api/v2/alerts');
    expect(q.searchParams.getAll('filter')).toEqual(['severity="critical"', 'job=~"gw.*"']);
    // The timeline reads them like a saved payload: one firing event, no resolution.
    const { events } = alertEvents(alerts, srv.url);
    expect(events.map((e) => [e.timestamp, e.event_type, e.description])).toEqual([['2026-11-22T03:46:43.974Z', 'critical', 'PfaTestAlwaysFiring firing: always firing, for the pfa tests']]);
  });

  it('says when the URL is not Alertmanager, or it fails', async () => {
    let status = 200;
    let body = '{"status":"success","data":{}}';
    srv = await testServer((_req, res) => {
      res.statusCode = status;
      res.end(body);
    });
    await expect(listAlerts(srv.url)).rejects.toThrow(/did not answer a list of alerts/);
    status = 404;
    await expect(listAlerts(srv.url)).rejects.toThrow(InputError);
    status = 500;
    body = 'oops';
    await expect(listAlerts(srv.url)).rejects.toThrow(UnavailableError);
  });

  it('is UnavailableError when nothing listens', async () => {
    await expect(listAlerts(`http://127.0.0.1:${await closedPort()}`)).rejects.toThrow(UnavailableError);
  });
});

describe.skipIf(!AM)('a real Alertmanager (.ci/services.sh)', () => {
  it('eventually lists the always-firing alert Prometheus sends it', async () => {
    const deadline = Date.now() + 30_000;
    let found;
    while (!found && Date.now() < deadline) {
      found = (await listAlerts(AM ?? '')).find((a) => a.labels.alertname === 'PfaTestAlwaysFiring');
      if (!found) await new Promise((r) => setTimeout(r, 500));
    }
    expect(found).toMatchObject({ status: 'firing', state: 'active', labels: { severity: 'critical' }, fingerprint: 'bf3efc9a695671d6' });
  }, 40_000);
});
