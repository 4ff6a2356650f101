import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { openStore, type Store } from '../db/database.js';
import { ConflictError, ERROR_CODES, InputError, NotFoundError, PfaError, UnavailableError } from '../shared/errors.js';
import { databases, freshStore } from '../test/databases.js';
import { buildApp } from './app.js';
import { tokenAuthenticator } from './auth.js';
import { PreconditionRequiredError } from './kit.js';
import { classify, httpStatus, problemOf, registerProblemHandlers } from './problem.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe('error catalogue', () => {
  it('documents every error code in docs/errors.md', () => {
    const doc = readFileSync(resolve(repoRoot, 'docs/errors.md'), 'utf8');
    const headings = new Set([...doc.matchAll(/^## (\w+)\s*$/gm)].map((m) => m[1]));
    const undocumented = ERROR_CODES.filter((c) => !headings.has(c));
    expect(undocumented).toEqual([]);
    // …and documents nothing that is not a code.
    expect([...headings].filter((h) => !(ERROR_CODES as readonly (string | undefined)[]).includes(h))).toEqual([]);
  });

  it('maps every code to one HTTP status', () => {
    const statuses = Object.fromEntries(ERROR_CODES.map((c) => [c, httpStatus(new PfaError(c, 'x'))]));
    expect(statuses).toEqual({
      invalid_input: 400,
      not_found: 404,
      conflict: 409,
      version_conflict: 409,
      invalid_transition: 409,
      not_allowed: 403,
      unauthenticated: 401,
      payload_too_large: 413,
      unavailable: 503,
      internal: 500,
    });
    expect(httpStatus(new PreconditionRequiredError('send If-Match'))).toBe(428);
  });

  it('builds problem documents with issues and details', () => {
    const p = problemOf(new InputError('invalid incident: title: required', { issues: [{ path: 'title', message: 'required' }] }), 'r1');
    expect(p).toEqual({
      type: 'urn:pfa:problem:invalid_input',
      title: 'Invalid input',
      status: 400,
      detail: 'invalid incident: title: required',
      code: 'invalid_input',
      issues: [{ path: 'title', message: 'required' }],
      request_id: 'r1',
    });
    expect(problemOf(new ConflictError('stale', { code: 'version_conflict', details: { current_version: 3 } }))).toMatchObject({ status: 409, details: { current_version: 3 } });
  });

  it('classifies Fastify client errors, connection failures and bugs', () => {
    expect(classify(new NotFoundError('x')).error.code).toBe('not_found');
    expect(classify(Object.assign(new Error('too big'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' })).error.code).toBe('payload_too_large');
    expect(classify(Object.assign(new Error('bad json'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' })).error.code).toBe('invalid_input');
    expect(classify(Object.assign(new Error('media'), { statusCode: 415 })).error.code).toBe('invalid_input');
    expect(classify(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).error).toBeInstanceOf(UnavailableError);
    const bug = classify(new TypeError("Cannot read properties of undefined (reading 'password')"));
    expect(bug.expected).toBe(false);
    expect(bug.error.code).toBe('internal');
    expect(bug.error.message).not.toMatch(/password/);
  });
});

describe.each(databases)('error responses on $name', (database) => {
  let store: Store;
  let url: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, url, cleanup } = await freshStore(database));
  });
  afterEach(async () => cleanup());

  it('hides unexpected errors behind a generic problem and logs them', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const app = buildApp({ deps: { db: store.db, config: DEFAULT_CONFIG }, auth: tokenAuthenticator(store.db), logger: pino({ level: 'warn' }, sink) });
    app.get('/boom', () => {
      throw new Error('secret connection string postgres://u:pw@db');
    });
    const res = await app.inject({ url: '/boom' });
    await app.close();
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const body = res.json<{ code: string; detail: string; request_id: string }>();
    expect(body.code).toBe('internal');
    expect(body.detail).not.toMatch(/secret|pw/);
    const logged = lines.map((l) => JSON.parse(l) as { level: number; reqId?: string; err?: { message?: string } });
    expect(logged.some((l) => l.level >= 50 && l.err?.message?.includes('secret connection string') && l.reqId === body.request_id)).toBe(true);
  });

  it('answers 503 unavailable from healthz when the database is gone', async () => {
    const gone = await openStore(url);
    await gone.close();
    const app = buildApp({ deps: { db: gone.db, config: DEFAULT_CONFIG }, auth: tokenAuthenticator(gone.db), logger: pino({ level: 'silent' }) });
    const res = await app.inject({ url: '/api/v1/healthz' });
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'unavailable' });
  });
});

describe('unknown routes', () => {
  it('answers a known path asked with another method 405 with Allow, and an unknown path 404', async () => {
    const app = Fastify({ logger: false });
    registerProblemHandlers(app);
    app.get('/api/v1/incidents/:id', () => ({}));
    app.patch('/api/v1/incidents/:id', () => ({}));
    app.post('/api/v1/incidents/:id/evidence', () => ({}));
    app.get('/files/*', () => ({}));
    const wrong = await app.inject({ method: 'DELETE', url: '/api/v1/incidents/SYS-20251126-001?x=1' });
    expect(wrong.statusCode).toBe(405);
    expect(wrong.headers.allow).toBe('GET, HEAD, PATCH');
    expect(wrong.json()).toMatchObject({ code: 'invalid_input', status: 405, title: 'Method not allowed', details: { reason: 'method_not_allowed' } });
    expect((await app.inject({ method: 'PUT', url: '/files/a/b' })).headers.allow).toBe('GET, HEAD');
    // A parameter is one segment: a deeper path is unknown, not a wrong method.
    const deeper = await app.inject({ method: 'DELETE', url: '/api/v1/incidents/SYS-20251126-001/nothing' });
    expect(deeper.statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/nothing' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/incidents/X' })).statusCode).toBe(200);
    await app.close();
  });
});
