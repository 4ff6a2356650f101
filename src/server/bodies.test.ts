import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { useApi } from '../test/api.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';

const BASE = '/api/v1/incidents';

interface ProblemBody {
  status: number;
  code: string;
  detail: string;
  details?: Record<string, unknown>;
}

const problem = (res: LightMyRequestResponse, status: number): ProblemBody => {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  return res.json<ProblemBody>();
};

// What clients really send that is not a well-formed JSON request: every answer is a problem
// document that says what is wrong, and nothing is stored.
describe.each(databases.slice(0, 1))('request bodies and URLs on $name', (database) => {
  const t = useApi(database);
  const count = async () => (await t.api.request('GET', BASE)).json<{ total: number }>().total;

  it('names the syntax error of malformed JSON', async () => {
    const body = problem(await t.api.request('POST', BASE, { payload: '{"title":' }), 400);
    expect(body.detail).toMatch(/^the request body is not valid JSON: .+/);
    expect(problem(await t.api.request('POST', BASE, { payload: ' ' }), 400).detail).toMatch(/body is empty/);
  });

  it('refuses __proto__ and constructor.prototype keys, saying so rather than "not valid JSON"', async () => {
    const inc = JSON.stringify(buildIncident());
    for (const payload of [inc.replace(/^\{/, '{"__proto__":{"admin":true},'), inc.replace(/^\{/, '{"summary":{"constructor":{"prototype":{"x":1}}},')]) {
      const body = problem(await t.api.request('POST', BASE, { payload }), 400);
      expect(body.detail).toMatch(/"(__proto__|constructor)" key, which is refused/);
    }
    // …in merge patches too.
    const created = await t.api.request('POST', BASE, { body: buildIncident() });
    const patch = await t.api.request('PATCH', `${BASE}/${created.json<{ id: string }>().id}`, {
      payload: '{"summary":{"__proto__":{"x":1}}}',
      headers: { 'content-type': 'application/merge-patch+json', 'if-match': '"1"' },
    });
    expect(problem(patch, 400).detail).toMatch(/__proto__/);
    expect(await count()).toBe(1);
  });

  it('refuses a JSON document sent as text/plain with a message about the content type', async () => {
    const body = problem(await t.api.request('POST', BASE, { payload: JSON.stringify(buildIncident()), headers: { 'content-type': 'text/plain' } }), 400);
    expect(body.detail).toMatch(/Content-Type.*application\/json/);
    expect(await count()).toBe(0);
  });

  it('answers router failures (an over-long path segment, bad percent-encoding) as problems', async () => {
    const long = problem(await t.api.request('GET', `${BASE}/${'x'.repeat(500)}`), 400);
    expect(long).toMatchObject({ code: 'invalid_input', details: { reason: 'FST_ERR_MAX_PARAM_LENGTH' } });
    expect(long.detail).not.toContain('xxxxxxxxxx');
    const bad = problem(await t.api.request('GET', `${BASE}/%E0%A4%A`), 400);
    expect(bad.code).toBe('invalid_input');
  });
});
