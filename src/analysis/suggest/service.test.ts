import { describe, expect, it } from 'vitest';
import { addEvidence } from '../../evidence/service.js';
import { createIncident } from '../../incidents/service.js';
import { crashTag } from '../../knowledge/index.js';
import { cliContext } from '../../shared/context.js';
import { databases, useStore } from '../../test/databases.js';
import { buildIncident } from '../../test/factories.js';
import { findCrashes } from '../crash/index.js';
import { suggestionsSchema } from './schema.js';
import { suggestForIncident } from './service.js';
import { leadingSeriesCsv } from './test-metrics.js';

const START = '2025-11-26T10:27:35Z';
const START_S = Date.parse(START) / 1000;
const CRASH_LOG = [
  'Nov 26 10:27:20 ob1 kernel: [1000.000001] e1000e: link is up',
  'Nov 26 10:27:36 ob1 kernel: [1016.000002] matcher[4242]: segfault at 8 ip 000055d1c0a1b2c3 sp 00007ffd4b2a1e10 error 4 in matcher[55d1c0a00000+200000]',
].join('\n');

describe.each(databases)('suggestions on $name', (database) => {
  const t = useStore(database);
  const ctx = cliContext();

  const attach = (incidentId: string, id: string, name: string, sourceKind: string, content: string | null) =>
    addEvidence(t.deps, ctx, {
      id,
      kind: 'file',
      name,
      incidentId,
      ...(content === null ? { size: 123 } : { content }),
      metadata: { path: `/nonexistent/pfa-test/${name}`, source_kind: sourceKind, stored: content !== null },
    });

  it('ranks attached metrics around the start, finds crashes in logs and past incidents with the same crash', async () => {
    const signature = findCrashes(CRASH_LOG)[0]?.signature ?? '';
    const past = await createIncident(
      t.deps,
      ctx,
      buildIncident({
        title: 'Matcher crash at open',
        component: 'application',
        started_at: '2025-10-01T07:00:00Z',
        analysis: { tags: [crashTag(signature)], root_cause: 'null order pointer after symbol reload' },
        resolution: { permanent_fix: { description: 'check the pointer on reload' } },
      }),
    );
    const inc = await createIncident(t.deps, ctx, buildIncident({ title: 'Order entry latency and matcher restart', started_at: START }));
    const m = leadingSeriesCsv({ onsetSeconds: START_S });
    await attach(inc.id, 'ev-normal', 'normal.csv', 'metrics', m.normal);
    await attach(inc.id, 'ev-anomalous', 'anomalous.csv', 'metrics', m.anomalous);
    await attach(inc.id, 'ev-log', 'kern.log', 'log', CRASH_LOG);
    await attach(inc.id, 'ev-gone', 'huge.log', 'log', null);

    const s = suggestionsSchema.parse(await suggestForIncident(t.deps, inc.id));
    expect(s).toMatchObject({ incident_id: inc.id, onset: START, onset_source: 'started_at' });
    const [first, ...rest] = s.factors;
    expect(first?.kind).toBe('metric');
    expect(first?.description).toMatch(/^db: db_cpu rose to /);
    expect(first?.evidence).toEqual(expect.arrayContaining([{ evidence_id: 'ev-normal', ref: 'db_cpu' }, { evidence_id: 'ev-anomalous', ref: 'db_cpu' }]));
    // The leader scores far above the later, smaller symptom; the wobbling series are not proposed.
    const api = rest.find((f) => f.kind === 'metric' && f.description.startsWith('api:'));
    expect(api?.description).toMatch(/^api: api_lat_99 rose/);
    expect(first?.score ?? 0).toBeGreaterThan(2 * (api?.score ?? Infinity));
    expect(s.factors.filter((f) => f.kind === 'metric').map((f) => f.description.split(':')[0])).toEqual(['db', 'api']);

    const crash = s.factors.find((f) => f.kind === 'crash');
    expect(crash).toMatchObject({ signature, description: 'crash: segfault in matcher (segfault, SIGSEGV)', evidence: [{ evidence_id: 'ev-log', ref: 'line 2' }] });
    const similar = s.factors.filter((f) => f.kind === 'similar_incident');
    expect(similar).toHaveLength(1);
    expect(similar[0]).toMatchObject({ incident_id: past.id, evidence: [{ evidence_id: 'ev-log', ref: 'line 2' }] });
    expect(similar[0]?.description).toMatch(/root cause: null order pointer after symbol reload — permanent fix: check the pointer on reload$/);
    expect(s.factors.map((f) => f.kind)).toEqual(['metric', 'metric', 'crash', 'similar_incident']);
    expect(s.notes).toEqual([expect.stringMatching(/^ev-gone \(huge\.log\): not readable/)]);
  });

  it('words a crash with its real numbers, not the NUM of its syzkaller-style title', async () => {
    const inc = await createIncident(t.deps, ctx, buildIncident({ started_at: START }));
    const panic = [
      '[    2.000001] VFS: Cannot open root device "nvme0n1p2" or unknown-block(259,2): error -6',
      '[    2.000002] Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(259,2)',
      '[    2.000003] CPU: 0 PID: 1 Comm: swapper/0 Not tainted 6.1.0 #1',
      '[    2.000004] Call Trace:',
      '[    2.000005]  <TASK>',
      '[    2.000006]  panic+0x118/0x2ed',
      '[    2.000007]  mount_block_root+0x1d3/0x1e6',
      '[    2.000008]  </TASK>',
    ].join('\n');
    expect(findCrashes(panic)[0]?.title).toMatch(/unknown-block\(NUM,NUM\)$/);
    await attach(inc.id, 'ev-boot', 'dmesg.log', 'log', panic);
    const crash = (await suggestForIncident(t.deps, inc.id)).factors.find((f) => f.kind === 'crash');
    expect(crash?.description).toMatch(/^crash: kernel panic: VFS: Unable to mount root fs on unknown-block\(259,2\) \(/);
  });

  it('ranks around an earlier first indication, and says when there is nothing to rank', async () => {
    // The leader steps up 40 s before the declared start; the first indication saw it.
    const early = START_S - 40;
    const inc = await createIncident(t.deps, ctx, buildIncident({ started_at: START, failure: { first_indication_at: new Date(early * 1000).toISOString() } }));
    const m = leadingSeriesCsv({ onsetSeconds: early, leader: 'cache_cpu' });
    await attach(inc.id, 'ev-metrics', 'metrics.csv', 'metrics', m.normal + m.anomalous.split('\n').slice(1).join('\n'));
    const s = await suggestForIncident(t.deps, inc.id);
    expect(s.onset_source).toBe('failure.first_indication_at');
    expect(s.factors[0]?.description).toMatch(/^cache: cache_cpu rose/);
    expect(s.factors[0]?.evidence).toEqual([{ evidence_id: 'ev-metrics', ref: 'cache_cpu' }]);

    const bare = await createIncident(t.deps, ctx, buildIncident({ title: 'Exchange session flaps', started_at: START, component: 'network', failure_type: 'connectivity_loss' }));
    const none = await suggestForIncident(t.deps, bare.id);
    expect(none.factors).toEqual([]);
    expect(none.notes).toEqual([expect.stringMatching(/^no metric evidence attached/)]);
    await expect(suggestForIncident(t.deps, 'SYS-20251126-999')).rejects.toMatchObject({ code: 'not_found' });
  });
});
