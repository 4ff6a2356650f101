import { describe, expect, it } from 'vitest';
import { useApi } from '../test/api.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { auditPageSchema, auditVerificationSchema } from './routes.js';

describe.each(databases)('audit API on $name', (database) => {
  const t = useApi(database);

  it('lists entries per incident and in pages, and verifies the chain', async () => {
    const a = (await t.api.request('POST', '/api/v1/incidents', { body: buildIncident() })).json<{ id: string }>().id;
    const b = (await t.api.request('POST', '/api/v1/incidents', { body: buildIncident() })).json<{ id: string }>().id;
    await t.api.request('PATCH', `/api/v1/incidents/${a}`, { body: { title: 'Order-book engine OOM' }, headers: { 'if-match': '"1"', 'x-request-id': 'patch-1' } });

    const mine = auditPageSchema.parse((await t.api.request('GET', `/api/v1/incidents/${a}/audit`)).json());
    expect(mine.items.map((e) => [e.action, e.actor, e.source])).toEqual([
      ['incident.create', 'local', 'api'],
      ['incident.update', 'local', 'api'],
    ]);
    expect(mine.items[1]?.request_id).toBe('patch-1');
    // changes as the object it is, not JSON text inside JSON
    expect(mine.items[1]?.changes).toMatchObject({ version: 2, fields: [{ path: 'title' }] });

    const page = auditPageSchema.parse((await t.api.request('GET', '/api/v1/audit?limit=1&offset=1')).json());
    expect(page).toMatchObject({ limit: 1, offset: 1 });
    expect(page.items.map((e) => [e.seq, e.subject])).toEqual([[2, b]]);
    expect(auditPageSchema.parse((await t.api.request('GET', `/api/v1/audit?subject=${b}`)).json()).items).toHaveLength(1);
    expect((await t.api.request('GET', '/api/v1/audit?limit=0')).statusCode).toBe(400);

    expect(auditVerificationSchema.parse((await t.api.request('GET', '/api/v1/audit/verify')).json())).toEqual({ ok: true, checked: 3, problems: [] });
    await t.store.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 2).execute();
    const broken = auditVerificationSchema.parse((await t.api.request('GET', '/api/v1/audit/verify')).json());
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatchObject({ seq: 2, problem: 'edited' });
  });
});
