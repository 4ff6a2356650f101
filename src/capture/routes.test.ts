import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/store.js';
import { useApi } from '../test/api.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import type { Snapshot, SnapshotDiff } from './index.js';

interface Captured {
  evidence: string;
  note?: string;
  snapshot: Snapshot;
}

// Short and quiet: two readings 50 ms apart, no diagnostic commands.
const QUICK = { interval: '50ms', top: 1, commands: false };

describe.each(databases)('host captures over HTTP on $name', (database) => {
  const t = useApi(database);

  it("snapshots the server's host as evidence, fills an incident's empty system state, lists and diffs snapshots", async () => {
    const alone = await t.api.request('POST', '/api/v1/captures', { body: QUICK });
    expect(alone.statusCode, alone.body).toBe(201);
    const a = alone.json<Captured>();
    expect(a.evidence).toBe(a.snapshot.id);
    expect(a.evidence).toMatch(/^snap-/);
    expect(alone.headers.location).toBe(`/api/v1/evidence/${a.evidence}`);
    expect(a).not.toHaveProperty('note');
    // /proc is real here: the host says what it is.
    expect(a.snapshot.memory.total_bytes).toBeGreaterThan(0);
    expect(a.snapshot.commands).toEqual([]);

    const id = (await t.api.request('POST', '/api/v1/incidents', { body: buildIncident() })).json<{ id: string }>().id;
    const into = await t.api.request('POST', '/api/v1/captures', { body: { ...QUICK, incident: id } });
    expect(into.statusCode, into.body).toBe(201);
    const b = into.json<Captured>();
    expect(b.note).toMatch(new RegExp(`^filled the system state of ${id} from this capture`));
    const inc = (await t.api.request('GET', `/api/v1/incidents/${id}`)).json<{ system_state?: { snapshots?: string[] } }>();
    expect(inc.system_state?.snapshots).toEqual([b.evidence]);
    expect((await t.api.request('GET', `/api/v1/incidents/${id}/evidence?kind=snapshot`)).json<{ evidence: { id: string }[] }>().evidence.map((e) => e.id)).toEqual([b.evidence]);

    const all = (await t.api.request('GET', '/api/v1/captures')).json<{ snapshots: { id: string; incident: string }[] }>().snapshots;
    expect(all.map((s) => s.id).sort()).toEqual([a.evidence, b.evidence].sort());
    expect((await t.api.request('GET', `/api/v1/captures?incident=${id}`)).json()).toEqual({ snapshots: [expect.objectContaining({ id: b.evidence, incident: id })] });
    // The snapshot stored is the one answered, as JSON.
    const stored = await t.api.request('GET', `/api/v1/evidence/${b.evidence}/content`);
    expect(stored.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(stored.json()).toEqual(JSON.parse(JSON.stringify(b.snapshot)));

    const diff = await t.api.request('GET', `/api/v1/captures/diff?a=${a.evidence}&b=${b.evidence}`);
    expect(diff.statusCode, diff.body).toBe(200);
    const d = diff.json<SnapshotDiff>();
    expect(d.from).toEqual({ id: a.evidence, taken_at: a.snapshot.taken_at });
    expect(d.to).toEqual({ id: b.evidence, taken_at: b.snapshot.taken_at });
    expect(d.rebooted).toBe(false);
    expect(Array.isArray(d.numeric)).toBe(true);

    const audit = await listAudit(t.store.db, { limit: 100 });
    expect(audit.filter((e) => e.action === 'evidence.add').map((e) => [e.subject, e.source])).toEqual(expect.arrayContaining([[a.evidence, 'api'], [id, 'api']]));
  });

  it('refuses bad options before capturing, and names a missing or non-snapshot evidence in a diff', async () => {
    const bad: [unknown, number, RegExp][] = [
      [{ ...QUICK, interval: '10ms' }, 400, /between 50 ms and 60 s/],
      [{ ...QUICK, interval: 'soon' }, 400, /interval: expected a duration/],
      [{ ...QUICK, replace_state: true }, 400, /replace_state: .*needs incident/],
      [{ ...QUICK, incident: 'SYS-20990101-001' }, 404, /SYS-20990101-001/],
      [{ ...QUICK, host: 'elsewhere' }, 400, /host/],
    ];
    for (const [body, status, detail] of bad) {
      const res = await t.api.request('POST', '/api/v1/captures', { body });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json<{ detail: string }>().detail, JSON.stringify(body)).toMatch(detail);
    }
    expect((await t.api.request('GET', '/api/v1/captures')).json()).toEqual({ snapshots: [] });

    const id = (await t.api.request('POST', '/api/v1/incidents', { body: buildIncident() })).json<{ id: string }>().id;
    const text = (await t.api.request('POST', `/api/v1/incidents/${id}/evidence`, { body: { name: 'notes.txt', content: 'not a snapshot' } })).json<{ added: { id: string }[] }>().added[0]?.id ?? '';
    const snap = (await t.api.request('POST', '/api/v1/captures', { body: QUICK })).json<Captured>().evidence;
    const missing = await t.api.request('GET', `/api/v1/captures/diff?a=snap-nope&b=${snap}`);
    expect(missing.statusCode).toBe(404);
    const notSnap = await t.api.request('GET', `/api/v1/captures/diff?a=${snap}&b=${text}`);
    expect(notSnap.statusCode).toBe(400);
    expect(notSnap.json<{ detail: string }>().detail).toBe(`${text} is not a snapshot (not JSON)`);
    expect((await t.api.request('GET', `/api/v1/captures/diff?a=${snap}`)).statusCode).toBe(400);
  });
});
