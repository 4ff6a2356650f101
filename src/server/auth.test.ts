import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/store.js';
import { createToken, revokeToken } from '../auth/index.js';
import type { Store } from '../db/database.js';
import { cliContext } from '../shared/context.js';
import { databases, freshStore } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { accessFor } from './auth.js';
import { apiClient, type ApiClient } from './inject.js';

const INCIDENTS = '/api/v1/incidents';

describe.each(databases)('API authorization on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  const clients: ApiClient[] = [];
  const client = (opts: { loopback?: boolean } = {}) => {
    const c = apiClient(store.db, opts);
    clients.push(c);
    return c;
  };
  const admin = cliContext();

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(database));
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close();
    await cleanup();
  });

  it('lets the local user in on loopback while no token exists, as actor "local"', async () => {
    const api = client({ loopback: true });
    const res = await api.request('POST', INCIDENTS, { body: buildIncident(), headers: { 'x-request-id': 'req-42' } });
    expect(res.statusCode).toBe(201);
    expect(res.headers['x-request-id']).toBe('req-42');
    const [entry] = await listAudit(store.db);
    expect(entry).toMatchObject({ actor: 'local', source: 'api', requestId: 'req-42', action: 'incident.create' });

    // The same store served on a non-loopback address needs a token even before one exists.
    const remote = client({ loopback: false });
    expect((await remote.request('GET', INCIDENTS)).statusCode).toBe(401);
  });

  it('requires a token as soon as one exists, and enforces roles', async () => {
    const api = client({ loopback: true });
    const viewer = await createToken({ db: store.db }, admin, { name: 'dashboard', role: 'viewer' });
    const responder = await createToken({ db: store.db }, admin, { name: 'oncall-bot', role: 'responder' });

    const anon = await api.request('GET', INCIDENTS);
    expect(anon.statusCode).toBe(401);
    expect(anon.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(anon.json()).toMatchObject({ code: 'unauthenticated', status: 401 });
    expect((await api.request('GET', INCIDENTS, { headers: { authorization: 'Basic Zm9vOmJhcg==' } })).statusCode).toBe(401);
    expect((await api.request('GET', INCIDENTS, { token: 'pfa_nope' })).statusCode).toBe(401);

    expect((await api.request('GET', INCIDENTS, { token: viewer.token })).statusCode).toBe(200);
    const denied = await api.request('POST', INCIDENTS, { token: viewer.token, body: buildIncident() });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'not_allowed', details: { needed: 'responder', role: 'viewer' } });

    const created = await api.request('POST', INCIDENTS, { token: responder.token, body: buildIncident() });
    expect(created.statusCode).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await api.request('POST', `${INCIDENTS}/${id}/transition`, { token: viewer.token, body: { to: 'mitigated' } })).statusCode).toBe(403);
    expect((await api.request('PATCH', `${INCIDENTS}/${id}`, { token: viewer.token, body: { title: 'x' }, headers: { 'if-match': '"1"' } })).statusCode).toBe(403);
    const moved = await api.request('POST', `${INCIDENTS}/${id}/transition`, { token: responder.token, body: { to: 'mitigated' } });
    expect(moved.statusCode).toBe(200);

    const entries = (await listAudit(store.db)).filter((e) => e.subject === id);
    expect(entries.map((e) => [e.action, e.actor, e.source])).toEqual([
      ['incident.create', 'oncall-bot', 'api'],
      ['incident.transition', 'oncall-bot', 'api'],
    ]);
    expect(entries[1]?.requestId).toBe(moved.headers['x-request-id']);

    // Revocation takes effect on the next request.
    await revokeToken({ db: store.db }, admin, responder.info.id);
    const revoked = await api.request('GET', INCIDENTS, { token: responder.token });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'unauthenticated', detail: expect.stringMatching(/revoked/) as unknown });
  });

  it('keeps health and the API docs public once tokens exist', async () => {
    const api = client({ loopback: false });
    await createToken({ db: store.db }, admin, { name: 'x', role: 'viewer' });
    expect((await api.request('GET', '/api/v1/healthz')).json()).toEqual({ status: 'ok', database: 'ok' });
    expect((await api.request('GET', '/api/openapi.json')).statusCode).toBe(200);
    expect((await api.request('GET', '/api/docs')).statusCode).toBe(200);
    // Unknown paths are 404 to anyone, without revealing anything else.
    expect((await api.request('GET', '/api/v1/nothing-here')).statusCode).toBe(404);
  });
});

describe('accessFor', () => {
  it('reads need viewer, writes responder, unless declared', () => {
    expect(accessFor('GET', undefined)).toBe('viewer');
    expect(accessFor('HEAD', undefined)).toBe('viewer');
    expect(accessFor('POST', undefined)).toBe('responder');
    expect(accessFor('PATCH', undefined)).toBe('responder');
    expect(accessFor('DELETE', 'admin')).toBe('admin');
    expect(accessFor('GET', 'public')).toBe('public');
  });
});
