/**
 * End to end with the real services of .ci/services.sh: Prometheus fires an alert, Alertmanager
 * posts it to `pfa serve` on PFA_TEST_WEBHOOK_PORT, which stores it and opens exactly one incident.
 */
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../audit/store.js';
import { configSchema } from '../../config/schema.js';
import type { Deps } from '../../incidents/service.js';
import { getIncident, listIncidentSummaries } from '../../incidents/service.js';
import { startServer, type RunningServer } from '../../server/index.js';
import { databases, freshStore } from '../../test/databases.js';
import { evidenceList } from '../service.js';

const PORT = process.env.PFA_TEST_WEBHOOK_PORT;
const WEBHOOK_PATH = '/api/v1/webhooks/alertmanager';

describe.skipIf(!PORT || !process.env.PFA_TEST_ALERTMANAGER_URL)('Alertmanager → pfa serve webhook (.ci/services.sh)', () => {
  let deps: Deps;
  let cleanup: () => Promise<void>;
  let srv: RunningServer;
  let deliveries = 0;

  beforeAll(async () => {
    const fresh = await freshStore(databases[0]!);
    cleanup = fresh.cleanup;
    deps = { db: fresh.store.db, config: configSchema.parse({ webhook: { open_incidents: true } }) };
    srv = await startServer(deps, { host: '127.0.0.1', port: Number(PORT), logger: pino({ level: 'silent' }) });
    // Observe requests beside Fastify's own handler: how many notifications Alertmanager sent.
    srv.app.server.on('request', (req: { url?: string }) => {
      if (req.url === WEBHOOK_PATH) deliveries++;
    });
  });
  afterAll(async () => {
    await srv.close();
    await cleanup();
  });

  it('stores the delivered alert and opens one incident, however often it is repeated', async () => {
    // group_wait 1s, repeat_interval 2s: the first delivery comes within seconds, a repeat soon after.
    const deadline = Date.now() + 60_000;
    let stored = await evidenceList(deps, { kind: 'alert' });
    while ((stored.length === 0 || deliveries < 2) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      stored = await evidenceList(deps, { kind: 'alert' });
    }
    expect(deliveries).toBeGreaterThanOrEqual(2);
    // A repeat may still be in flight: let it finish before counting.
    await new Promise((r) => setTimeout(r, 500));
    stored = await evidenceList(deps, { kind: 'alert' });
    const ours = stored.filter((e) => (e.metadata.fingerprints as string[]).includes('bf3efc9a695671d6'));
    expect(ours.length).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(ours[0]!.content ?? '{}')).toMatchObject({ version: '4', receiver: 'pfa', status: 'firing' });

    const incidents = await listIncidentSummaries(deps, {});
    expect(incidents.total).toBe(1);
    const inc = await getIncident(deps, incidents.items[0]!.id);
    expect(inc).toMatchObject({ kind: 'inc', severity: 'P1', status: 'open', component: 'application', title: 'PfaTestAlwaysFiring: always firing, for the pfa tests' });
    expect(inc.supporting?.links?.map((l) => l.label)).toEqual(['alert:bf3efc9a695671d6']);
    expect(ours.every((e) => e.incident_id === inc.id)).toBe(true);
    const audit = await listAudit(deps.db, { subject: inc.id });
    expect(audit.map((a) => [a.action, a.source, a.actor])).toEqual(expect.arrayContaining([['incident.create', 'webhook', 'local']]));
  }, 70_000);
});
