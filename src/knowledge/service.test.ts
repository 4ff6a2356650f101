import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/store.js';
import { findCrashes } from '../analysis/crash/index.js';
import { createIncident, getIncident, updateIncident } from '../incidents/service.js';
import { cliContext } from '../shared/context.js';
import { databases, useStore } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { linkCrashSignatures, similarIncidents } from './service.js';

const SEGFAULT_LOG = [
  'Nov 26 10:27:29 ob1 kernel: [1000.000001] e1000e: link is up',
  'Nov 26 10:27:30 ob1 kernel: [1000.000002] matcher[4242]: segfault at 8 ip 000055d1c0a1b2c3 sp 00007ffd4b2a1e10 error 4 in matcher[55d1c0a00000+200000]',
].join('\n');
// The same bug on another day: other pid, addresses and timestamps.
const SEGFAULT_AGAIN = 'Jan  3 08:00:01 ob2 kernel: [52.250000] matcher[977]: segfault at 8 ip 0000561100a1b2c3 sp 00007ffe00001e10 error 4 in matcher[561100a00000+200000]';

describe.each(databases)('knowledge links on $name', (database) => {
  const t = useStore(database);
  const ctx = cliContext();

  it('links a crash signature across two incidents, audited, and finds the past root cause and fix', async () => {
    const past = await createIncident(t.deps, ctx, buildIncident({ title: 'Matcher crash at open', component: 'application', started_at: '2025-10-01T07:00:00Z' }));
    const [c1] = findCrashes(SEGFAULT_LOG);
    expect(c1?.kind).toBe('segfault');
    const first = await linkCrashSignatures(t.deps, ctx, past.id, [c1?.signature ?? '']);
    expect(first).toMatchObject({ added: [c1?.signature], matches: [], linked: [] });
    expect(first.incident.version).toBe(2);
    expect(first.incident.analysis?.tags).toEqual([`crash:${c1?.signature}`]);
    await updateIncident(
      t.deps,
      ctx,
      past.id,
      { analysis: { root_cause: 'null order pointer after symbol reload' }, resolution: { permanent_fix: { description: 'check the pointer on reload' } } },
      2,
    );

    const now = await createIncident(t.deps, ctx, buildIncident({ title: 'Order-book engine down', started_at: '2026-01-03T08:00:00Z' }));
    const [c2] = findCrashes(SEGFAULT_AGAIN);
    expect(c2?.signature).toBe(c1?.signature);
    const second = await linkCrashSignatures(t.deps, ctx, now.id, [c2?.signature ?? '', c2?.signature ?? '']);
    expect(second.added).toEqual([c1?.signature]);
    expect(second.linked).toEqual([past.id]);
    expect(second.matches).toHaveLength(1);
    expect(second.matches[0]).toMatchObject({
      incident_id: past.id,
      shared_signatures: [c1?.signature],
      root_cause: 'null order pointer after symbol reload',
      permanent_fix: 'check the pointer on reload',
    });
    const stored = await getIncident(t.deps, now.id);
    expect(stored.version).toBe(2);
    expect(stored.analysis?.tags).toEqual([`crash:${c1?.signature}`]);
    expect(stored.related?.similar).toEqual([{ incident_id: past.id, date: '2025-10-01', similarity: `same crash signature ${c1?.signature}` }]);

    const audit = (await listAudit(t.store.db)).filter((a) => a.subject === now.id && a.action === 'incident.update');
    expect(audit).toHaveLength(1);

    // Running it again changes nothing and writes no audit entry.
    const again = await linkCrashSignatures(t.deps, ctx, now.id, [c2?.signature ?? '']);
    expect(again).toMatchObject({ added: [], linked: [] });
    expect(again.incident.version).toBe(2);
    expect((await listAudit(t.store.db)).filter((a) => a.subject === now.id && a.action === 'incident.update')).toHaveLength(1);

    // Each incident now finds the other by signature; the knowledge search reads the whole store.
    const fromPast = await similarIncidents(t.deps, { signatures: [c1?.signature ?? ''] }, { exclude: [past.id] });
    expect(fromPast.map((m) => m.incident_id)).toEqual([now.id]);
    const byText = await similarIncidents(t.deps, { text: 'symbol reload pointer' });
    expect(byText.map((m) => m.incident_id)).toEqual([past.id]);
  });

  it('refuses an unknown incident and records nothing without signatures', async () => {
    await expect(linkCrashSignatures(t.deps, ctx, 'SYS-20251126-999', ['x'])).rejects.toMatchObject({ code: 'not_found' });
    const inc = await createIncident(t.deps, ctx, buildIncident());
    const r = await linkCrashSignatures(t.deps, ctx, inc.id, []);
    expect(r).toMatchObject({ added: [], matches: [], linked: [] });
    expect(r.incident.version).toBe(1);
  });
});
