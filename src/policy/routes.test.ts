import { describe, expect, it } from 'vitest';
import { useApi } from '../test/api.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { overdueListSchema, policyResultSchema } from './routes.js';

describe.each(databases)('policy API on $name', (database) => {
  const t = useApi(database);

  it("reports an incident's policy and every overdue deadline", async () => {
    // Ended long ago with no milestone: every deadline of the mandatory P1 post-mortem is overdue.
    const p1 = await t.api.request('POST', '/api/v1/incidents', { body: buildIncident({ ended_at: '2025-11-26T10:45:00Z' }) });
    const p4 = await t.api.request('POST', '/api/v1/incidents', { body: buildIncident({ severity: 'P4', ended_at: '2025-11-26T10:28:00Z' }) });
    const [id1, id4] = [p1.json<{ id: string }>().id, p4.json<{ id: string }>().id];

    const res = await t.api.request('GET', `/api/v1/incidents/${id1}/policy`);
    expect(res.statusCode).toBe(200);
    const policy = policyResultSchema.parse(res.json());
    expect(policy).toMatchObject({ incident_id: id1, mandatory: true, status: 'open', overdue: 5 });
    expect(policy.reasons.join(' ')).toMatch(/severity P1/);
    expect(policy.deadlines.map((d) => d.key)).toEqual(['initial_timeline', 'draft', 'final', 'actions_started', 'fixes_reviewed']);

    const optional = policyResultSchema.parse((await t.api.request('GET', `/api/v1/incidents/${id4}/policy`)).json());
    expect(optional).toMatchObject({ mandatory: false, overdue: 0 });

    const overdue = overdueListSchema.parse((await t.api.request('GET', '/api/v1/overdue')).json());
    expect(overdue.total).toBe(5);
    expect(new Set(overdue.items.map((i) => i.incident_id))).toEqual(new Set([id1]));

    expect((await t.api.request('GET', '/api/v1/incidents/SYS-20251126-999/policy')).statusCode).toBe(404);
  });
});
