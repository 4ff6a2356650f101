import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createToken } from '../auth/index.js';
import { listAudit } from '../audit/store.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import type { Store } from '../db/database.js';
import { addEvidence } from '../evidence/service.js';
import { apiClient, type ApiClient } from '../server/inject.js';
import { cliContext } from '../shared/context.js';
import { databases, freshStore } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { crashesResultSchema, templatesResultSchema } from './routes.js';
import { rankReportSchema, suggestionsSchema } from './suggest/index.js';
import { leadingSeriesCsv } from './suggest/test-metrics.js';

const BASE = '/api/v1/analysis';
const SEGFAULT = 'Nov 26 10:27:36 ob1 kernel: [1016.000002] matcher[4242]: segfault at 8 ip 000055d1c0a1b2c3 sp 00007ffd4b2a1e10 error 4 in matcher[55d1c0a00000+200000]';
const ONSET_S = Date.parse('2025-11-26T10:27:35Z') / 1000;

describe.each(databases)('analysis API on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let api: ApiClient;
  let viewer: string;

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(database));
    api = apiClient(store.db);
    // A viewer token: these routes compute, so reading is enough even for POSTs.
    viewer = (await createToken({ db: store.db }, cliContext(), { name: 'dashboard', role: 'viewer' })).token;
  });
  afterEach(async () => {
    await api.close();
    await cleanup();
  });

  const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
    const body = res.json() as { code: string; detail: string; issues?: { path: string }[] };
    expect(body.code).toBe(code);
    return body;
  };

  it('documents its routes and schemas in the OpenAPI document', async () => {
    const doc = (await api.request('GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, { requestBody?: unknown; tags?: string[] }>>; components: { schemas: Record<string, unknown> } }>();
    for (const p of ['crashes', 'rank', 'templates']) {
      expect(doc.paths[`${BASE}/${p}`]?.post?.requestBody, p).toBeDefined();
      expect(doc.paths[`${BASE}/${p}`]?.post?.tags).toEqual(['analysis']);
    }
    expect(doc.paths['/api/v1/incidents/{id}/suggestions']?.get).toBeDefined();
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['CrashesRequestInput', 'Crashes', 'RankRequestInput', 'RankReport', 'TemplatesRequestInput', 'Templates', 'Suggestions', 'SuggestedFactor']));
  });

  it('finds crashes in a posted log, as pfa crash --json', async () => {
    const res = await api.request('POST', `${BASE}/crashes`, { token: viewer, body: { text: `boot ok\n${SEGFAULT}\n` } });
    expect(res.statusCode).toBe(200);
    const out = crashesResultSchema.parse(res.json());
    expect(out.crashes).toEqual([{ title: 'segfault in matcher', kind: 'segfault', signature: expect.stringMatching(/^[0-9a-f]{12}:segfault:matcher$/) as unknown, frames: ['matcher'], signal: 'SIGSEGV', address: '0x8' }]);
    expect(crashesResultSchema.parse((await api.request('POST', `${BASE}/crashes`, { token: viewer, body: { text: 'all quiet' } })).json())).toEqual({ crashes: [] });

    expect(expectProblem(await api.request('POST', `${BASE}/crashes`, { token: viewer, body: {} }), 400, 'invalid_input').issues?.map((i) => i.path)).toContain('text');
    expectProblem(await api.request('POST', `${BASE}/crashes`, { token: viewer, body: { text: 'x', extra: 1 } }), 400, 'invalid_input');
    expectProblem(await api.request('POST', `${BASE}/crashes`, { token: viewer, body: { text: 'x'.repeat(5 * 1024 * 1024) } }), 413, 'payload_too_large');
    expectProblem(await api.request('POST', `${BASE}/crashes`, { body: { text: 'x' } }), 401, 'unauthenticated');
  });

  it('ranks posted metrics around an onset, as pfa rca rank --json', async () => {
    const m = leadingSeriesCsv({ onsetSeconds: ONSET_S });
    const metrics = [
      { name: 'normal.csv', text: m.normal },
      { name: 'anomalous.csv', text: m.anomalous },
    ];
    const res = await api.request('POST', `${BASE}/rank`, { token: viewer, body: { metrics, onset: '2025-11-26T10:27:35Z' } });
    expect(res.statusCode).toBe(200);
    const report = rankReportSchema.parse(res.json());
    expect(report.onset).toEqual({ t: '2025-11-26T10:27:35.000000000Z', estimated: false });
    expect(report.components[0]).toMatchObject({ component: 'db', top_series: 'db_cpu' });
    expect(report.ranking[0]?.series).toBe('db_cpu');
    expect(report.files.map((f) => f.source)).toEqual(['normal.csv', 'anomalous.csv']);
    expect(report.baseline).toBe('before_onset');

    // Epoch seconds as a number, and the onset estimated from the data.
    const epoch = rankReportSchema.parse((await api.request('POST', `${BASE}/rank`, { token: viewer, body: { metrics, onset: ONSET_S, method: 'nsigma' } })).json());
    expect(epoch.components[0]?.component).toBe('db');
    const auto = rankReportSchema.parse((await api.request('POST', `${BASE}/rank`, { token: viewer, body: { metrics, onset: 'auto' } })).json());
    expect(auto.onset.estimated).toBe(true);
    expect(auto.ranking[0]?.series).toBe('db_cpu');

    const bad = (body: unknown) => api.request('POST', `${BASE}/rank`, { token: viewer, body });
    expect(expectProblem(await bad({ metrics, onset: 'yesterday' }), 400, 'invalid_input').detail).toMatch(/invalid timestamp "yesterday"/);
    expect(expectProblem(await bad({ metrics: [], onset: 'auto' }), 400, 'invalid_input').issues?.map((i) => i.path)).toContain('metrics');
    expectProblem(await bad({ metrics, onset: 'auto', method: 'magic' }), 400, 'invalid_input');
    expectProblem(await bad({ metrics }), 400, 'invalid_input');
    expect(expectProblem(await bad({ metrics: [{ text: '' }], onset: 'auto' }), 400, 'invalid_input').detail).toMatch(/no metric series/);
    // An onset the data cannot be ranked around is refused as on the command line, not answered with empty lists.
    expect(expectProblem(await bad({ metrics, onset: '2030-01-01T00:00:00Z' }), 400, 'invalid_input').detail).toMatch(/^onset 2030-01-01T00:00:00Z is after the data: the data runs from /);
  });

  it('mines the templates of a posted log', async () => {
    const text = ['2025-11-26 10:27:35,001 INFO Connection from 10.0.0.1 closed', '2025-11-26 10:27:35,002 INFO Connection from 10.0.0.2 closed', '2025-11-26 10:27:35,003 WARN disk 93% full', ''].join('\n');
    const res = await api.request('POST', `${BASE}/templates`, { token: viewer, body: { text } });
    expect(res.statusCode).toBe(200);
    const out = templatesResultSchema.parse(res.json());
    expect(out).toMatchObject({ lines: 3, messages: 3 });
    expect(out.templates[0]).toMatchObject({ count: 2, first_line: 1 });
    expect(out.templates[0]?.template).toMatch(/^Connection from <\*> closed$/);
    expect(out.templates[1]).toMatchObject({ count: 1, first_line: 3 });
    const whole = templatesResultSchema.parse((await api.request('POST', `${BASE}/templates`, { token: viewer, body: { text: 'took 3 ms\n\ntook 12 ms', strip_headers: false } })).json());
    expect(whole).toMatchObject({ format: null, lines: 3, messages: 2 });
    expect(whole.templates).toEqual([expect.objectContaining({ template: 'took <*> ms', count: 2, first_line: 1 })]);
    expectProblem(await api.request('POST', `${BASE}/templates`, { token: viewer, body: { text: 1 } }), 400, 'invalid_input');
  });

  it("suggests an incident's contributing factors from its evidence, and stores nothing", async () => {
    const created = await api.request('POST', '/api/v1/incidents', { body: buildIncident({ started_at: '2025-11-26T10:27:35Z' }), token: (await createToken({ db: store.db }, cliContext(), { name: 'bot', role: 'responder' })).token });
    const id = created.json<{ id: string }>().id;
    const m = leadingSeriesCsv({ onsetSeconds: ONSET_S, leader: 'api_cpu' });
    const deps = { db: store.db, config: DEFAULT_CONFIG };
    await addEvidence(deps, cliContext(), { id: 'ev-metrics', kind: 'file', name: 'm.csv', incidentId: id, content: m.normal + m.anomalous.split('\n').slice(1).join('\n'), metadata: { source_kind: 'metrics' } });
    await addEvidence(deps, cliContext(), { id: 'ev-log', kind: 'file', name: 'kern.log', incidentId: id, content: SEGFAULT, metadata: { source_kind: 'log' } });
    const auditBefore = (await listAudit(store.db)).length;

    const res = await api.request('GET', `/api/v1/incidents/${id}/suggestions`, { token: viewer });
    expect(res.statusCode).toBe(200);
    const s = suggestionsSchema.parse(res.json());
    expect(s.onset).toBe('2025-11-26T10:27:35Z');
    // The api component: the leading api_cpu, and the latency that followed it.
    expect(s.factors[0]).toMatchObject({ kind: 'metric', evidence: [{ evidence_id: 'ev-metrics', ref: 'api_cpu' }, { evidence_id: 'ev-metrics', ref: 'api_lat_99' }] });
    expect(s.factors[0]?.description).toMatch(/^api: api_cpu rose/);
    expect(s.factors.find((f) => f.kind === 'crash')?.evidence).toEqual([{ evidence_id: 'ev-log', ref: 'line 1' }]);
    expect((await listAudit(store.db)).length).toBe(auditBefore);

    expectProblem(await api.request('GET', '/api/v1/incidents/SYS-20251126-999/suggestions', { token: viewer }), 404, 'not_found');
    expectProblem(await api.request('GET', '/api/v1/incidents/nonsense/suggestions', { token: viewer }), 400, 'invalid_input');
  });
});
