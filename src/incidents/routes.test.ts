import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/store.js';
import { useApi } from '../test/api.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { importResultSchema, incidentListSchema } from './routes.js';
import { incidentExportSchema, incidentSchema } from './schema/index.js';

const BASE = '/api/v1/incidents';

describe.each(databases)('incident API on $name', (database) => {
  const t = useApi(database);

  const create = async (overrides: Parameters<typeof buildIncident>[0] = {}) => {
    const res = await t.api.request('POST', BASE, { body: buildIncident(overrides) });
    expect(res.statusCode).toBe(201);
    return incidentSchema.parse(res.json());
  };

  const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = res.json() as { status: number; code: string; type: string; title: string; detail: string; issues?: { path: string; message: string }[] };
    expect(body).toMatchObject({ status, code, type: `urn:pfa:problem:${code}` });
    expect(body.title.length).toBeGreaterThan(0);
    return body;
  };

  it('creates, reads and lists with filters and paging', async () => {
    const res = await t.api.request('POST', BASE, { body: buildIncident() });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`${BASE}/SYS-20251126-001`);
    expect(res.headers.etag).toBe('"1"');
    const created = incidentSchema.parse(res.json());
    expect(created).toMatchObject({ id: 'SYS-20251126-001', status: 'open', version: 1, started_at: '2025-11-26T10:27:35.123456789Z' });

    const got = await t.api.request('GET', String(res.headers.location));
    expect(got.statusCode).toBe(200);
    expect(got.headers.etag).toBe('"1"');
    expect(got.json()).toEqual(created);

    for (let i = 0; i < 5; i++) await create({ severity: i % 2 ? 'P1' : 'P3', component: i < 2 ? 'cpu' : 'memory', started_at: `2025-11-2${i}T10:00:00Z` });
    await create({ kind: 'inc', severity: 'P2', component: 'network', title: 'DNS failure halts NASDAQ' });

    const list = async (query: string) => {
      const r = await t.api.request('GET', `${BASE}?${query}`);
      expect(r.statusCode).toBe(200);
      return incidentListSchema.parse(r.json());
    };
    expect((await list('')).total).toBe(7);
    expect((await list('severity=P1&component=memory')).items.map((i) => i.started_at)).toEqual(['2025-11-26T10:27:35.123456789Z', '2025-11-23T10:00:00Z']);
    // Repeated and comma-separated forms, and loose spellings, mean the same thing.
    expect((await list('severity=P1,P2')).total).toBe(4);
    expect((await list('severity=p1&severity=P2')).total).toBe(4);
    expect((await list('component=Memory%20(RAM)')).total).toBe(4);
    expect((await list('kind=inc')).items[0]?.title).toMatch(/DNS/);
    expect((await list('q=nasdaq')).total).toBe(1);
    expect((await list('status=open,closed')).total).toBe(7);
    const range = await list('from=2025-11-21T00:00:00Z&to=2025-11-23T00:00:00Z');
    expect(range.items.map((i) => i.started_at)).toEqual(['2025-11-22T10:00:00Z', '2025-11-21T10:00:00Z']);
    const page = await list('limit=2&offset=2');
    expect(page).toMatchObject({ total: 7, limit: 2, offset: 2 });
    expect(page.items).toHaveLength(2);
    const all = await list('limit=500');
    expect(page.items).toEqual(all.items.slice(2, 4));

    expectProblem(await t.api.request('GET', `${BASE}?limit=501`), 400, 'invalid_input');
    expectProblem(await t.api.request('GET', `${BASE}?severity=P9`), 400, 'invalid_input');
    expectProblem(await t.api.request('GET', `${BASE}?from=yesterday`), 400, 'invalid_input');
    const typo = expectProblem(await t.api.request('GET', `${BASE}?severty=P1`), 400, 'invalid_input');
    expect(typo.detail).toMatch(/severty/);
  });

  it('answers 404 for an unknown incident and 400 for a malformed id', async () => {
    expectProblem(await t.api.request('GET', `${BASE}/SYS-20251126-999`), 404, 'not_found');
    expectProblem(await t.api.request('GET', `${BASE}/nonsense`), 400, 'invalid_input');
  });

  it('updates with a merge patch under If-Match; a stale version is 409 and changes nothing', async () => {
    const inc = await create();
    const patch = { impact: { trading: { orders_lost: 437 } } };
    const ok = await t.api.request('PATCH', `${BASE}/${inc.id}`, { body: patch, headers: { 'if-match': '"1"', 'content-type': 'application/merge-patch+json' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(incidentSchema.parse(ok.json()).impact?.trading?.orders_lost).toBe(437);

    const auditBefore = (await listAudit(t.store.db)).length;
    const stale = await t.api.request('PATCH', `${BASE}/${inc.id}`, { body: { title: 'stale write' }, headers: { 'if-match': '"1"' } });
    const problem = expectProblem(stale, 409, 'version_conflict');
    expect(problem.detail).toMatch(/version 2/);
    const after = await t.api.request('GET', `${BASE}/${inc.id}`);
    expect(after.headers.etag).toBe('"2"');
    expect(incidentSchema.parse(after.json()).title).toBe(inc.title);
    expect((await listAudit(t.store.db)).length).toBe(auditBefore);

    // Without a version: 428; `*` would be a blind overwrite and is refused; ?version= works too.
    expectProblem(await t.api.request('PATCH', `${BASE}/${inc.id}`, { body: { title: 'x' } }), 428, 'invalid_input');
    expectProblem(await t.api.request('PATCH', `${BASE}/${inc.id}`, { body: { title: 'x' }, headers: { 'if-match': '*' } }), 400, 'invalid_input');
    expectProblem(await t.api.request('PATCH', `${BASE}/${inc.id}?version=1`, { body: { title: 'x' }, headers: { 'if-match': '"2"' } }), 400, 'invalid_input');
    const byQuery = await t.api.request('PATCH', `${BASE}/${inc.id}?version=2`, { body: { title: 'Order-book engine OOM' } });
    expect(byQuery.statusCode).toBe(200);
    expect(incidentSchema.parse(byQuery.json())).toMatchObject({ title: 'Order-book engine OOM', version: 3 });

    expectProblem(await t.api.request('PATCH', `${BASE}/${inc.id}`, { body: { kind: 'inc' }, headers: { 'if-match': '"3"' } }), 400, 'invalid_input');
    expectProblem(await t.api.request('PATCH', `${BASE}/SYS-20251126-999`, { body: { title: 'x' }, headers: { 'if-match': '"1"' } }), 404, 'not_found');
  });

  it('rejects bad input with problem+json and stores nothing', async () => {
    const bad = async (body: unknown, status: number, path?: string) => {
      const p = expectProblem(await t.api.request('POST', BASE, { body }), status, status === 413 ? 'payload_too_large' : 'invalid_input');
      if (path !== undefined) expect(p.issues?.map((i) => i.path)).toContain(path);
      return p;
    };
    await bad(buildIncident({ severity: 'P9' }), 400, 'severity');
    await bad(buildIncident({ started_at: '26/11/2025' }), 400, 'started_at');
    const { title: _t, ...untitled } = buildIncident();
    await bad(untitled, 400, 'title');
    await bad({ ...buildIncident(), title: '   ' }, 400, 'title');
    const unknown = await bad({ ...buildIncident(), colour: 'red' }, 400);
    expect(unknown.detail).toMatch(/colour/);
    await bad(buildIncident({ ended_at: '2025-11-26T09:00:00Z' }), 400, 'ended_at');
    await bad(buildIncident({ title: 'x'.repeat(10_000_000) }), 413);
    await bad([buildIncident()], 400);
    expectProblem(await t.api.request('POST', BASE, { payload: '{"title": "unterminated' }), 400, 'invalid_input');
    expectProblem(await t.api.request('POST', BASE, { payload: '' }), 400, 'invalid_input');
    expectProblem(await t.api.request('POST', BASE, { payload: '{"__proto__": {"x": 1}}' }), 400, 'invalid_input');
    expectProblem(await t.api.request('POST', BASE, { payload: 'title=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 400, 'invalid_input');

    const list = incidentListSchema.parse((await t.api.request('GET', BASE)).json());
    expect(list.total).toBe(0);
    expect(await listAudit(t.store.db)).toHaveLength(0);
  });

  it('enforces the lifecycle over HTTP', async () => {
    const inc = await create();
    const move = (body: unknown, headers: Record<string, string> = {}) => t.api.request('POST', `${BASE}/${inc.id}/transition`, { body, headers });

    const forbidden = expectProblem(await move({ to: 'approved' }), 409, 'invalid_transition');
    expect(forbidden.detail).toMatch(/allowed: mitigated, resolved/);
    expectProblem(await move({ to: 'done' }), 400, 'invalid_input');
    expectProblem(await move({ to: 'resolved', at: 'noon' }), 400, 'invalid_input');

    const resolved = await move({ to: 'resolved', at: '2025-11-26T10:45:00Z', note: 'failover complete' }, { 'if-match': '"1"' });
    expect(resolved.statusCode).toBe(200);
    expect(resolved.headers.etag).toBe('"2"');
    expect(incidentSchema.parse(resolved.json())).toMatchObject({ status: 'resolved', ended_at: '2025-11-26T10:45:00Z' });

    expectProblem(await move({ to: 'postmortem', version: 1 }), 409, 'version_conflict');
    // P1: the post-mortem is mandatory, so closing straight from resolved is refused.
    const needsPm = expectProblem(await move({ to: 'closed' }), 409, 'invalid_transition');
    expect(needsPm.detail).toMatch(/post-mortem/);
    expect((await move({ to: 'postmortem' })).statusCode).toBe(200);
    // A mandatory post-mortem is approved by its review, not by a status change that records no approval.
    expect(expectProblem(await move({ to: 'in_review' }), 409, 'invalid_transition').detail).toMatch(/post-mortem review \(the "submit" step\)/);
    const review = (action: string) => t.api.request('POST', `${BASE}/${inc.id}/postmortem/review`, { body: { action } });
    expect((await review('submit')).statusCode).toBe(200);
    expectProblem(await move({ to: 'approved' }), 409, 'invalid_transition');
    expect((await review('approve')).statusCode).toBe(200);
    expect((await move({ to: 'closed' })).statusCode).toBe(200);
    const closed = incidentSchema.parse((await t.api.request('GET', `${BASE}/${inc.id}`)).json());
    expect(closed.status).toBe('closed');
    expect(closed.signoff?.closed_at).toBeDefined();
  });

  it('imports: 201 created, 200 unchanged, 409 conflict unless replace', async () => {
    const record = { ...buildIncident(), id: 'SYS-20251126-007', status: 'resolved', version: 9, created_at: '2025-01-01T00:00:00Z' };
    const created = await t.api.request('POST', `${BASE}/import`, { body: record });
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe(`${BASE}/SYS-20251126-007`);
    expect(importResultSchema.parse(created.json())).toMatchObject({ outcome: 'created', incident: { status: 'resolved', version: 1 } });

    const again = await t.api.request('POST', `${BASE}/import`, { body: record });
    expect(again.statusCode).toBe(200);
    expect(importResultSchema.parse(again.json()).outcome).toBe('unchanged');

    expectProblem(await t.api.request('POST', `${BASE}/import`, { body: { ...record, title: 'changed' } }), 409, 'conflict');
    const replaced = await t.api.request('POST', `${BASE}/import?replace=true`, { body: { ...record, title: 'changed' } });
    expect(importResultSchema.parse(replaced.json())).toMatchObject({ outcome: 'replaced', incident: { title: 'changed', version: 2 } });
    const copy = await t.api.request('POST', `${BASE}/import?new_id=true`, { body: record });
    expect(importResultSchema.parse(copy.json()).incident.id).toBe('SYS-20251126-008');
    expectProblem(await t.api.request('POST', `${BASE}/import?replace=maybe`, { body: record }), 400, 'invalid_input');
    const both = expectProblem(await t.api.request('POST', `${BASE}/import?replace=true&new_id=true`, { body: record }), 400, 'invalid_input');
    expect(both.detail).toMatch(/replace and new_id contradict each other/);
  });

  it('exports an incident with its removed timeline entries, and imports them with it; a malformed key is a 400 naming the field', async () => {
    const inc = await create();
    for (const [at, event] of [['2025-11-26T10:28:00Z', 'connection timeout'], ['2025-11-26T10:29:00Z', 'breaker open']]) {
      expect((await t.api.request('POST', `${BASE}/${inc.id}/timeline`, { body: { at, event } })).statusCode).toBe(200);
    }
    expect((await t.api.request('DELETE', `${BASE}/${inc.id}/timeline/T2`)).statusCode).toBe(200);
    const exported = await t.api.request('GET', `${BASE}/${inc.id}/export`);
    expect(exported.statusCode).toBe(200);
    const file = incidentExportSchema.parse(exported.json());
    expect(exported.headers.etag).toBe(`"${file.version}"`);
    expect(file.timeline?.map((e) => e.id)).toEqual(['T1']);
    expect(file.timeline_dismissals).toEqual([{ entry_id: 'T2', removed_at: expect.any(String) as string, removed_by: 'local', keys: [expect.stringMatching(/^[0-9a-f]{64}$/) as string] }]);

    const copy = await t.api.request('POST', `${BASE}/import?new_id=true`, { body: file });
    expect(copy.statusCode).toBe(201);
    const copyId = importResultSchema.parse(copy.json()).incident.id;
    expect(incidentExportSchema.parse((await t.api.request('GET', `${BASE}/${copyId}/export`)).json()).timeline_dismissals).toEqual(file.timeline_dismissals);

    const [removal] = file.timeline_dismissals;
    const bad = await t.api.request('POST', `${BASE}/import?new_id=true`, { body: { ...file, timeline_dismissals: [{ ...removal, keys: ['d41d8cd98f00b204e9800998ecf8427e'] }] } });
    const problem = expectProblem(bad, 400, 'invalid_input');
    expect(problem.issues?.map((i) => i.path)).toEqual(['timeline_dismissals.0.keys.0']);
    expect(problem.detail).toMatch(/timeline_dismissals\.0\.keys\.0: expected a SHA-256 in 64 hexadecimal digits/);
    expect((await t.api.request('GET', BASE)).json()).toMatchObject({ total: 2 });
    expectProblem(await t.api.request('GET', `${BASE}/SYS-20990101-001/export`), 404, 'not_found');
  });
});
