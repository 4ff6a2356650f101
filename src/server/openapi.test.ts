import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databases, freshStore } from '../test/databases.js';
import { apiClient, type ApiClient } from './inject.js';

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { required?: boolean; content?: Record<string, unknown> }; responses: Record<string, { content?: Record<string, unknown> }> }>>;
  components: { schemas: Record<string, { properties?: Record<string, { enum?: string[] }>; required?: string[] }> };
}

describe('OpenAPI document and docs UI', () => {
  let api: ApiClient;
  let cleanup: () => Promise<void>;
  let doc: OpenApiDoc;

  beforeAll(async () => {
    const fresh = await freshStore(databases[0]!);
    cleanup = fresh.cleanup;
    api = apiClient(fresh.store.db);
    const res = await api.request('GET', '/api/openapi.json');
    expect(res.statusCode).toBe(200);
    doc = res.json<OpenApiDoc>();
  });
  afterAll(async () => {
    await api.close();
    await cleanup();
  });

  it('is generated from the zod schemas of the incident record', () => {
    expect(doc.openapi).toBe('3.1.0');
    const s = doc.components.schemas;
    for (const id of ['Incident', 'IncidentCreateInput', 'IncidentPatchInput', 'Impact', 'RootCauseAnalysis', 'Problem', 'IncidentList', 'PolicyResult', 'AuditEntry']) {
      expect(s, id).toHaveProperty(id);
    }
    expect(s.IncidentCreateInput?.required).toEqual(expect.arrayContaining(['title', 'severity', 'started_at']));
    expect(s.Incident?.properties?.status?.enum).toEqual(['open', 'mitigated', 'resolved', 'postmortem', 'in_review', 'approved', 'closed']);
  });

  it('describes every route with its parameters and problem responses', () => {
    // Every core route is documented; other domains add theirs (checked in their own tests).
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/webhooks/alertmanager',
        '/api/v1/audit',
        '/api/v1/audit/verify',
        '/api/v1/healthz',
        '/api/v1/incidents',
        '/api/v1/incidents/import',
        '/api/v1/incidents/{id}',
        '/api/v1/incidents/{id}/audit',
        '/api/v1/incidents/{id}/policy',
        '/api/v1/incidents/{id}/transition',
        '/api/v1/overdue',
      ]),
    );
    const list = doc.paths['/api/v1/incidents']?.get;
    expect(list?.parameters?.map((p) => p.name)).toEqual(expect.arrayContaining(['severity', 'status', 'component', 'kind', 'from', 'to', 'q', 'limit', 'offset']));
    expect(doc.paths['/api/v1/incidents']?.post?.requestBody).toBeDefined();
    const patch = doc.paths['/api/v1/incidents/{id}']?.patch;
    expect(patch?.parameters?.some((p) => p.name === 'id' && p.in === 'path')).toBe(true);
    // A merge patch, based on the version in If-Match: both said in the document.
    expect(patch?.parameters?.some((p) => p.name === 'if-match' && p.in === 'header')).toBe(true);
    expect(Object.keys(patch?.requestBody?.content ?? {})).toEqual(['application/json', 'application/merge-patch+json']);
    expect(Object.keys(patch?.responses['4XX']?.content ?? {})).toEqual(['application/problem+json']);
  });

  it('marks a body optional exactly where the route takes none (every field optional, no body read as {})', () => {
    // @fastify/swagger marks every declared body required; these two routes answer a request without one.
    for (const [path, method] of [['/api/v1/incidents/{id}/timeline/reconstruct', 'post'], ['/api/v1/captures', 'post']] as const) {
      const body = doc.paths[path]?.[method]?.requestBody;
      expect(body?.content, path).toHaveProperty('application/json');
      expect(body?.required, path).toBe(false);
      expect(doc.paths[path]?.[method], path).not.toHaveProperty('x-pfa-optional-body');
    }
    expect(doc.paths['/api/v1/incidents']?.post?.requestBody?.required).toBe(true);
    expect(doc.paths['/api/v1/incidents/import']?.post?.requestBody?.required).toBe(true);
  });

  it('sends a browser that opens the server root to the docs', async () => {
    const res = await api.request('GET', '/');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/api/docs/');
  });

  it('serves swagger-ui and its assets from the server itself (works offline)', async () => {
    const page = await api.request('GET', '/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/swagger/i);
    // No asset is fetched from another host.
    expect(page.body).not.toMatch(/(src|href)="https?:\/\//);
    const scripts = [...page.body.matchAll(/src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const res = await api.request('GET', new URL(src, 'http://x/api/docs/').pathname);
      expect(res.statusCode, src).toBe(200);
    }
    const init = await api.request('GET', '/api/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    const json = await api.request('GET', '/api/docs/json');
    expect(json.json<OpenApiDoc>().components.schemas).toHaveProperty('Incident');
  });
});
