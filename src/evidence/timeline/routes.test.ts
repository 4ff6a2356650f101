import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../config/schema.js';
import { apiClient } from '../../server/inject.js';
import { useApi } from '../../test/api.js';
import { databases } from '../../test/databases.js';
import { buildIncident } from '../../test/factories.js';

interface Reconstruction {
  window: { start: string; end: string; start_ns: string; end_ns: string };
  events: { timestamp: string; ns: string; source: string; event_type: string; description: string; metadata: { file?: string; line?: number } }[];
  sources: { file: string; evidence?: string; kind: string; lines: number; events: number }[];
  notes?: string[];
  warnings?: string[];
  saved?: { result: { added: number; dropped: number; removed: number; total: number }; version: number };
}

// Inside the window (10:27:35 to 10:45, widened by 15 minutes each side) but for the INFO line and the one at 09:00.
const SYSLOG = [
  'Nov 26 09:00:00 ob-eq-01 kernel: Out of memory: Killed process 100 (old)',
  'Nov 26 10:28:00 ob-eq-01 kernel: Out of memory: Killed process 48213 (ob-engine)',
  'Nov 26 10:28:01 ob-eq-01 systemd[1]: ob-engine.service: Main process exited, code=killed, status=9/KILL',
].join('\n');
const APP = [
  '2025-11-26 10:27:36,123 INFO [main] oms.Router - routed order 41',
  '2025-11-26 10:27:36,456 ERROR [main] oms.Router - venue XNAS rejected order 42',
  '2025-11-26 10:30:02,000789 ERROR [main] oms.Router - order book engine unreachable',
].join('\n');

let dir = '';
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'pfa-timeline-routes-')));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(databases)('timeline reconstruction over HTTP on $name', (database) => {
  const t = useApi(database);

  async function incidentWithLogs(): Promise<{ id: string; syslog: string; app: string }> {
    const id = (await t.api.request('POST', '/api/v1/incidents', { body: buildIncident({ ended_at: '2025-11-26T10:45:00Z' }) })).json<{ id: string }>().id;
    const up = async (name: string, content: string) =>
      (await t.api.request('POST', `/api/v1/incidents/${id}/evidence`, { body: { name, content } })).json<{ added: { id: string }[] }>().added[0]?.id ?? '';
    return { id, syslog: await up('ob-eq-01-syslog.log', SYSLOG), app: await up('oms.log', APP) };
  }
  const reconstruct = (id: string, body?: unknown, headers?: Record<string, string>) =>
    t.api.request('POST', `/api/v1/incidents/${id}/timeline/reconstruct`, { ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });

  it("builds the incident's timeline from its attached logs, with exact times, each source named by its evidence", async () => {
    const { id, syslog, app } = await incidentWithLogs();
    const res = await reconstruct(id);
    expect(res.statusCode).toBe(200);
    const r = res.json<Reconstruction>();
    expect(r.window).toEqual({ start: '2025-11-26T10:12:35.123456789Z', end: '2025-11-26T11:00:00Z', start_ns: '1764151955123456789', end_ns: '1764154800000000000' });
    expect(r.events.map((e) => [e.timestamp, e.metadata.file, e.metadata.line])).toEqual([
      ['2025-11-26T10:27:36.456Z', 'oms.log', 2],
      ['2025-11-26T10:28:00Z', 'ob-eq-01-syslog.log', 2],
      ['2025-11-26T10:30:02.000789Z', 'oms.log', 3],
    ]);
    expect(r.events[0]).toMatchObject({ ns: '1764152856456000000', source: 'log', event_type: 'error' });
    expect(r.events[0]?.description).toContain('venue XNAS rejected order 42');
    expect(r.sources.map((s) => [s.evidence, s.file]).sort()).toEqual([[app, 'oms.log'], [syslog, 'ob-eq-01-syslog.log']].sort());
    expect(r).not.toHaveProperty('saved');

    // The options of `pfa timeline`: a narrower window and another level (a line without one needs trace).
    const narrow = await reconstruct(id, { start: '2025-11-26T10:27:00Z', end: '2025-11-26T10:29:00Z', before: '0', after: '0', min_level: 'info' });
    expect(narrow.statusCode, narrow.body).toBe(200);
    expect(narrow.json<Reconstruction>().events.map((e) => e.timestamp)).toEqual(['2025-11-26T10:27:36.123Z', '2025-11-26T10:27:36.456Z', '2025-11-26T10:28:00Z']);
  });

  it('saves the events into the curated timeline once: a second save adds nothing, a stale If-Match is a conflict', async () => {
    const { id, app } = await incidentWithLogs();
    const before = (await t.api.request('GET', `/api/v1/incidents/${id}`)).json<{ version: number }>().version;
    const first = await reconstruct(id, { save: true });
    expect(first.statusCode, first.body).toBe(200);
    const saved = first.json<Reconstruction>().saved;
    expect(saved?.result).toMatchObject({ added: 3, dropped: 0, removed: 0, total: 3 });
    expect(saved?.version).toBe(before + 1);
    expect(first.headers.etag).toBe(`"${before + 1}"`);
    const timeline = (await t.api.request('GET', `/api/v1/incidents/${id}/timeline`)).json<{ timeline: { at: string; evidence?: string[] }[] }>().timeline;
    expect(timeline.map((e) => e.at)).toEqual(['2025-11-26T10:27:36.456Z', '2025-11-26T10:28:00Z', '2025-11-26T10:30:02.000789Z']);
    // Each entry links to its line of the evidence it came from.
    expect(timeline[0]?.evidence).toEqual([`log:${app}#line 2`]);

    const second = await reconstruct(id, { save: true }, { 'if-match': `"${before + 1}"` });
    expect(second.statusCode).toBe(200);
    expect(second.json<Reconstruction>().saved?.result).toMatchObject({ added: 0, total: 3 });
    const stale = await reconstruct(id, { save: true, version: before });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ code: string }>().code).toBe('version_conflict');
    const unsaved = await reconstruct(id, { version: before });
    expect(unsaved.statusCode).toBe(400);
  });

  it('refuses bad options, and says 404 for an unknown incident', async () => {
    const { id } = await incidentWithLogs();
    expect((await reconstruct('SYS-20990101-001', {})).statusCode).toBe(404);
    const bad: [unknown, RegExp][] = [
      [{ min_level: 'loud' }, /min_level: not a level/],
      [{ tz: 'Mars/Olympus' }, /tz: not a time zone/],
      [{ before: '-5m' }, /before: expected a non-negative duration/],
      [{ offsets: { 'trade-gw-01': 'soon' } }, /offsets\.trade-gw-01: expected ±DURATION/],
      [{ method: 'median' }, /method/],
      [{ files: ['/etc/shadow'] }, /files/],
      [{ start: '2025-11-26T10:30:00Z', end: '2025-11-26T10:00:00Z' }, /end is before --?start/],
    ];
    for (const [body, detail] of bad) {
      const res = await reconstruct(id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json<{ detail: string }>().detail, JSON.stringify(body)).toMatch(detail);
    }
  });

  it('warns about attached files changed on disk since, and reads the copy stored when attached', async () => {
    const id = (await t.api.request('POST', '/api/v1/incidents', { body: buildIncident({ ended_at: '2025-11-26T10:45:00Z' }) })).json<{ id: string }>().id;
    const file = join(dir, `oms-${database.name}.log`);
    writeFileSync(file, APP);
    const api = apiClient(t.store.db, { config: { ...DEFAULT_CONFIG, server: { evidence_roots: [dir] } } });
    try {
      const ev = (await api.request('POST', `/api/v1/incidents/${id}/evidence`, { body: { path: file } })).json<{ added: { id: string }[] }>().added[0]?.id;
      writeFileSync(file, '2025-11-26 10:29:00,000 ERROR [main] oms.Router - written afterwards\n');
      const r = (await api.request('POST', `/api/v1/incidents/${id}/timeline/reconstruct`, { body: {} })).json<Reconstruction>();
      expect(r.warnings).toEqual([`evidence ${ev ?? ''} (oms-${database.name}.log): the file changed on disk since it was attached (its checksum differs): the copy stored then is read`]);
      expect(r.events.map((e) => e.description)).not.toContainEqual(expect.stringContaining('written afterwards'));
      expect(r.sources).toEqual([expect.objectContaining({ evidence: ev, file, events: 2 })]);
    } finally {
      await api.close();
    }
  });
});
