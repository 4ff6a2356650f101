import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../audit/store.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { apiClient, type ApiClient } from '../server/inject.js';
import { useApi } from '../test/api.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { UPLOAD_LIMIT } from './schema.js';

interface Info {
  id: string;
  kind: string;
  name: string;
  size: number | null;
  sha256: string | null;
  content?: unknown;
  metadata: Record<string, unknown>;
}
interface Attached {
  added: Info[];
  existing: Info[];
}
interface Problem {
  code: string;
  detail: string;
}

const LOG = '2025-11-26 10:27:36,000 ERROR [main] oms.Router - venue XNAS rejected order 42\n';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let dir = '';
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'pfa-evidence-routes-')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(databases)('evidence over HTTP on $name', (database) => {
  const t = useApi(database);
  const newIncident = async (api: ApiClient = t.api) => (await api.request('POST', '/api/v1/incidents', { body: buildIncident() })).json<{ id: string }>().id;
  const attach = (id: string, body: unknown, api: ApiClient = t.api) => api.request('POST', `/api/v1/incidents/${id}/evidence`, { body });

  it('attaches uploaded text and links once each, lists and describes them without content, and gives back the bytes stored', async () => {
    const id = await newIncident();
    const first = await attach(id, { name: 'oms.log', content: LOG });
    expect(first.statusCode).toBe(201);
    const [up] = first.json<Attached>().added;
    // The id a file of the same bytes gets from `pfa evidence add`: the same content is the same evidence.
    expect(up).toMatchObject({ id: `file-${sha(LOG).slice(0, 12)}-${id}`, kind: 'file', name: 'oms.log', size: Buffer.byteLength(LOG), sha256: sha(LOG), metadata: { source_kind: 'log', stored: true, uploaded: true } });
    expect(up).not.toHaveProperty('content');
    const again = await attach(id, { name: 'renamed.log', content: LOG });
    expect(again.statusCode).toBe(200);
    expect(again.json<Attached>()).toMatchObject({ added: [], existing: [{ id: up?.id, name: 'oms.log' }] });

    const link = await attach(id, { url: 'https://grafana.example.com/d/abc' });
    expect(link.statusCode).toBe(201);
    const url = link.json<Attached>().added[0];
    expect(url).toMatchObject({ kind: 'url', name: 'https://grafana.example.com/d/abc' });
    expect((await attach(id, { url: 'https://grafana.example.com/d/abc' })).json<Attached>().existing.map((e) => e.id)).toEqual([url?.id]);

    const list = await t.api.request('GET', `/api/v1/incidents/${id}/evidence`);
    expect(list.statusCode).toBe(200);
    const items = list.json<{ evidence: Info[] }>().evidence;
    expect(items.map((e) => e.id).sort()).toEqual([up?.id, url?.id].sort());
    expect(items.some((e) => 'content' in e)).toBe(false);
    expect((await t.api.request('GET', `/api/v1/incidents/${id}/evidence?kind=url`)).json<{ evidence: Info[] }>().evidence.map((e) => e.id)).toEqual([url?.id]);

    const shown = await t.api.request('GET', `/api/v1/evidence/${up?.id ?? ''}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toMatchObject({ id: up?.id, incident_id: id, created_by: 'local' });
    expect(shown.json()).not.toHaveProperty('content');
    const content = await t.api.request('GET', `/api/v1/evidence/${up?.id ?? ''}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.body).toBe(LOG);
    expect(content.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.headers['content-disposition']).toBe('attachment; filename="oms.log"');
    const nothing = await t.api.request('GET', `/api/v1/evidence/${url?.id ?? ''}/content`);
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json<Problem>().detail).toMatch(/is a link .*nothing of it is stored/);

    // Each attachment audited once, as the API's actor, against the incident.
    const audit = await listAudit(t.store.db, { subject: id, limit: 100 });
    expect(audit.filter((e) => e.action === 'evidence.add').map((e) => [e.actor, e.source])).toEqual([['local', 'api'], ['local', 'api']]);
  });

  it('answers 404 for an unknown incident or evidence, and 400 for a bad body, attaching nothing', async () => {
    const id = await newIncident();
    expect((await t.api.request('GET', '/api/v1/incidents/SYS-20990101-001/evidence')).statusCode).toBe(404);
    expect((await attach('SYS-20990101-001', { name: 'a.log', content: LOG })).statusCode).toBe(404);
    const missing = await t.api.request('GET', '/api/v1/evidence/file-000000000000-nope');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<Problem>().detail).toBe('evidence file-000000000000-nope not found');

    const bad: [unknown, RegExp][] = [
      [{ url: 'ftp://example.com/x' }, /only http and https/],
      [{ url: 'http://' }, /invalid URL/],
      [{ path: '/var/log/syslog', content: LOG }, /give one of \{name, content\}/],
      [{ url: 'https://example.com', path: '/var/log/syslog' }, /give one of/],
      [{}, /give one of/],
      [{ name: 'oms.log', content: '' }, /content/],
      [{ name: '../oms.log', content: LOG }, /file name without a directory/],
    ];
    for (const [body, detail] of bad) {
      const res = await attach(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<Problem>().detail, JSON.stringify(body)).toMatch(detail);
    }
    expect((await t.api.request('GET', `/api/v1/incidents/${id}/evidence`)).json<{ evidence: unknown[] }>().evidence).toEqual([]);
  });

  it('stores uploaded bytes that are not UTF-8 exactly, under the id a file of those bytes gets', async () => {
    const id = await newIncident();
    const bytes = Buffer.concat([Buffer.from('2025-11-26 10:27:36,000 ERROR [m] a.B - caf'), Buffer.from([0xe9, 0x00]), Buffer.from(' closed\n')]);
    const res = await attach(id, { name: 'latin1.log', content_base64: bytes.toString('base64') });
    expect(res.statusCode).toBe(201);
    const [up] = res.json<Attached>().added;
    const digest = createHash('sha256').update(bytes).digest('hex');
    expect(up).toMatchObject({ id: `file-${digest.slice(0, 12)}-${id}`, size: bytes.length, sha256: digest, metadata: { encoding: 'base64', source_kind: 'log' } });
    const content = await t.api.request('GET', `/api/v1/evidence/${up?.id ?? ''}/content`);
    expect(content.headers['content-type']).toBe('application/octet-stream');
    expect(content.rawPayload).toEqual(bytes);
    // Clean UTF-8 sent as base64 is the same evidence as the same text sent as text.
    const text = await attach(id, { name: 'again.log', content_base64: Buffer.from(LOG).toString('base64') });
    const same = await attach(id, { name: 'again.log', content: LOG });
    expect(same.json<Attached>().existing.map((e) => e.id)).toEqual(text.json<Attached>().added.map((e) => e.id));
    for (const bad of ['not base64!', 'YWJj=', '']) expect((await attach(id, { name: 'x.log', content_base64: bad })).statusCode, bad).toBe(400);
  });

  it('removes evidence, refusing with 409 while a timeline entry cites it unless forced, and audits what went', async () => {
    const id = await newIncident();
    const [up] = (await attach(id, { name: 'oms.log', content: LOG })).json<Attached>().added;
    const eid = up?.id ?? '';
    const entry = await t.api.request('POST', `/api/v1/incidents/${id}/timeline`, { body: { at: '2025-11-26T10:27:36Z', event: 'venue rejected', evidence: [`log:${eid}#line 1`] } });
    expect(entry.statusCode, entry.body).toBeLessThan(300);
    const url = `/api/v1/incidents/${id}/evidence/${eid}`;
    const refused = await t.api.request('DELETE', url);
    expect(refused.statusCode).toBe(409);
    expect(refused.json<Problem & { details: unknown }>()).toMatchObject({ code: 'conflict', details: { cited_by: { [eid]: ['T1'] } } });
    expect((await t.api.request('DELETE', `/api/v1/incidents/${id}/evidence/file-000000000000-nope`)).statusCode).toBe(404);
    const forced = await t.api.request('DELETE', `${url}?force=true`);
    expect(forced.json()).toEqual({ removed: [eid], notes: [`${eid} is cited by T1: that link now shows it as not attached`] });
    expect((await t.api.request('GET', `/api/v1/evidence/${eid}`)).statusCode).toBe(404);
    const audit = await listAudit(t.store.db, { subject: id, limit: 100 });
    expect(JSON.parse(String(audit.find((e) => e.action === 'evidence.remove')?.changes))).toMatchObject({ evidence: eid, name: 'oms.log', sha256: sha(LOG), cited_by: ['T1'] });
  });

  it('takes uploads over the 4 MiB default body limit up to its own 16 MiB', async () => {
    const id = await newIncident();
    const big = `${'x'.repeat(5 * 1024 * 1024)}\n`;
    const ok = await attach(id, { name: 'big.log', content: big });
    expect(ok.statusCode).toBe(201);
    expect(ok.json<Attached>().added[0]?.size).toBe(big.length);
    const tooBig = await attach(id, { name: 'huge.log', content: 'x'.repeat(UPLOAD_LIMIT) });
    expect(tooBig.statusCode).toBe(413);
  });

  it('refuses a server path unless it resolves under server.evidence_roots, symbolic links and all', async () => {
    const root = join(dir, `root-${database.name}`);
    mkdirSync(join(root, 'logs'), { recursive: true });
    mkdirSync(join(root, 'linked'));
    const syslog = join(root, 'logs', 'syslog');
    writeFileSync(syslog, 'Nov 26 10:28:00 ob-eq-01 kernel: Out of memory: Killed process 48213 (ob-engine)\n');
    writeFileSync(join(root, 'logs', 'app.log'), LOG);
    const outside = join(dir, `outside-${database.name}.log`);
    writeFileSync(outside, 'secret\n');
    symlinkSync(outside, join(root, 'linked', 'escape.log'));

    // Without roots, no path at all, and the answer says how to allow one.
    const id = await newIncident();
    const off = await attach(id, { path: syslog });
    expect(off.statusCode).toBe(403);
    expect(off.json<Problem>()).toMatchObject({ code: 'not_allowed' });
    expect(off.json<Problem>().detail).toMatch(/server\.evidence_roots/);

    const api = apiClient(t.store.db, { config: { ...DEFAULT_CONFIG, server: { evidence_roots: [root] } } });
    try {
      const refused = async (path: string) => {
        const res = await attach(id, { path }, api);
        expect(res.statusCode, path).toBe(403);
        const detail = res.json<Problem>().detail;
        // Only the path sent is named, never what it resolved to.
        expect(detail.startsWith(`${path} `), detail).toBe(true);
        expect(detail).not.toContain(outside);
      };
      await refused('/etc/shadow');
      await refused('/etc/no-such-file'); // outside: 403 like any other, not a 404 that tells what exists
      await refused(`${root}/../outside-${database.name}.log`);
      await refused(join(root, 'linked', 'escape.log'));
      await refused(join(root, 'linked'));
      expect((await attach(id, { path: join(root, 'logs', 'nope.log') }, api)).statusCode).toBe(404);
      const relative = await attach(id, { path: 'logs/syslog' }, api);
      expect(relative.statusCode).toBe(400);
      expect(relative.json<Problem>().detail).toMatch(/must be absolute/);
      expect((await t.api.request('GET', `/api/v1/incidents/${id}/evidence`)).json<{ evidence: unknown[] }>().evidence).toEqual([]);

      const one = await attach(id, { path: syslog }, api);
      expect(one.statusCode).toBe(201);
      expect(one.json<Attached>().added[0]).toMatchObject({ name: 'syslog', metadata: { path: syslog, source_kind: 'log', stored: true } });
      // A directory stands for its files; the one attached already is not attached twice.
      const both = await attach(id, { path: `${root}/logs/../logs` }, api);
      expect(both.statusCode).toBe(201);
      expect(both.json<Attached>()).toMatchObject({ added: [{ name: 'app.log' }], existing: [{ name: 'syslog' }] });
      // The same bytes uploaded are the same evidence.
      expect((await attach(id, { name: 'app.log', content: LOG }, api)).json<Attached>().existing).toHaveLength(1);
    } finally {
      await api.close();
    }
  });

  it('documents the evidence, reconstruction and capture routes in the OpenAPI document', async () => {
    const doc = (await t.api.request('GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, { description?: string }>> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/incidents/{id}/evidence',
        '/api/v1/evidence/{eid}',
        '/api/v1/evidence/{eid}/content',
        '/api/v1/incidents/{id}/timeline/reconstruct',
        '/api/v1/captures',
        '/api/v1/captures/diff',
      ]),
    );
    // The upload limit and the roots setting are said where a client reads about attaching.
    expect(doc.paths['/api/v1/incidents/{id}/evidence']?.post?.description).toMatch(/16 MiB.*server\.evidence_roots/s);
  });
});
