/** Export and import carry what a curator did to the timeline, its removed entries included, on every database. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/store.js';
import type { TimelineEvent } from '../evidence/timeline/index.js';
import { addTimelineEntry, removeTimelineEntries, saveTimeline } from '../postmortem/workspace/service.js';
import { cliContext } from '../shared/context.js';
import { databases, useStore } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { incidentExportSchema, type IncidentExport } from './schema/index.js';
import { createIncident, exportIncident, getIncident, importIncident, listIncidentSummaries, updateIncident } from './service.js';

const ctx = { ...cliContext(), actor: 'alice' };

/** What the reconstruction finds in the incident's log (line n at 10:28:0n), whichever incident it is attached to. */
const events = (...texts: string[]): TimelineEvent[] =>
  texts.map((description, i) => ({
    timestamp: `2025-11-26T10:28:0${i + 1}Z`,
    ns: 0n,
    source: 'log',
    event_type: 'error',
    description,
    metadata: { file: 'gw.log', line: i + 1 },
  }));
const RECONSTRUCTED = events('connection timeout', 'breaker open', 'failover started');
const logOf = (incidentId: string) => () => `file-0123456789ab-${incidentId}`;

/** A file as `pfa incident export --format json` writes it. */
const asFile = (e: IncidentExport): Record<string, unknown> => JSON.parse(JSON.stringify(e)) as Record<string, unknown>;

describe.each(databases)('incident export and import of removed timeline entries on $name', (database) => {
  const t = useStore(database);

  /** An incident with the three events saved (T1–T3) and `removed` taken out by the curator. */
  const curated = async (...removed: string[]) => {
    const inc = await createIncident(t.deps, ctx, buildIncident());
    await saveTimeline(t.deps, ctx, inc.id, RECONSTRUCTED, logOf(inc.id));
    if (removed.length) await removeTimelineEntries(t.deps, ctx, inc.id, removed);
    return inc.id;
  };
  const removals = async (id: string) => (await exportIncident(t.deps, id)).timeline_dismissals;

  it('exports the removals with the record and imports them into a new incident, where a save does not bring them back', async () => {
    const id = await curated('T3');
    const exported = await exportIncident(t.deps, id);
    expect(incidentExportSchema.parse(exported)).toEqual(exported);
    expect(exported.timeline?.map((e) => e.id)).toEqual(['T1', 'T2']);
    expect(exported.timeline_dismissals).toEqual([{ entry_id: 'T3', removed_at: expect.any(String) as string, removed_by: 'alice', keys: expect.any(Array) as string[] }]);
    // One key for the instant and text, one for the log line it came from.
    expect(exported.timeline_dismissals[0]?.keys).toHaveLength(2);

    const copy = await importIncident(t.deps, ctx, asFile(exported), { newId: true });
    expect(copy).toMatchObject({ outcome: 'created', incident: { id: 'SYS-20251126-002' } });
    expect(await removals(copy.incident.id)).toEqual(exported.timeline_dismissals);
    // The copy's evidence has ids of its own: the event is known by its instant and text.
    const saved = await saveTimeline(t.deps, ctx, copy.incident.id, RECONSTRUCTED, logOf(copy.incident.id));
    expect(saved.result).toMatchObject({ added: 0, removed: 1, total: 2 });
    expect(saved.incident.timeline?.map((e) => e.event)).toEqual(['connection timeout', 'breaker open']);
    // The removed entry's id stays taken in the copy too: a citation of T3 never names another event.
    expect((await addTimelineEntry(t.deps, ctx, copy.incident.id, { at: '2025-11-26T10:40:00Z', event: 'trading resumed' })).result).toBe('T4');
  });

  it('replaces the removals of the incident it replaces, in place of (not beside) those recorded since the export', async () => {
    const id = await curated('T3');
    const file = asFile(await exportIncident(t.deps, id));
    await removeTimelineEntries(t.deps, ctx, id, 'T2');
    expect((await removals(id)).map((d) => d.entry_id)).toEqual(['T3', 'T2']);

    const replaced = await importIncident(t.deps, ctx, file, { replace: true });
    expect(replaced.outcome).toBe('replaced');
    expect(replaced.incident.timeline?.map((e) => e.id)).toEqual(['T1', 'T2']);
    expect(await removals(id)).toEqual(file.timeline_dismissals);
    const saved = await saveTimeline(t.deps, ctx, id, RECONSTRUCTED, logOf(id));
    expect(saved.result).toMatchObject({ added: 0, removed: 1, total: 2 });
    const audit = await listAudit(t.store.db, { subject: id, limit: 100 });
    expect(audit.filter((e) => e.action === 'timeline_dismissals.import').map((e) => [e.source, JSON.parse(e.changes) as unknown])).toEqual([
      ['import', { removed_entries: 1, keys: 2, replaced_entries: 2 }],
    ]);
  });

  it('tells an unchanged copy from one whose removals differ, and replaces removals alone when only they differ', async () => {
    const id = await curated('T3');
    const file = asFile(await exportIncident(t.deps, id));
    const { version } = await getIncident(t.deps, id);
    expect((await importIncident(t.deps, ctx, file)).outcome).toBe('unchanged');
    const none = { ...file, timeline_dismissals: [] };
    await expect(importIncident(t.deps, ctx, none)).rejects.toMatchObject({ code: 'conflict' });
    expect(await removals(id)).toEqual(file.timeline_dismissals);

    const replaced = await importIncident(t.deps, ctx, none, { replace: true });
    // The record is as it was (same version); its removals are now the file's: none.
    expect(replaced).toMatchObject({ outcome: 'replaced', incident: { version } });
    expect(await removals(id)).toEqual([]);
    expect((await saveTimeline(t.deps, ctx, id, RECONSTRUCTED, logOf(id))).result).toMatchObject({ added: 1, removed: 0, total: 3 });
  });

  it('imports a file exported before exports carried removals as before: the incident keeps its own', async () => {
    const id = await curated('T3');
    const { timeline_dismissals: kept, ...old } = asFile(await exportIncident(t.deps, id));
    await updateIncident(t.deps, ctx, id, { title: 'edited since' }, (await getIncident(t.deps, id)).version);
    expect((await importIncident(t.deps, ctx, old, { replace: true })).outcome).toBe('replaced');
    expect(await removals(id)).toEqual(kept);
    expect((await importIncident(t.deps, ctx, old)).outcome).toBe('unchanged');
    const copy = await importIncident(t.deps, ctx, old, { newId: true });
    expect(await removals(copy.incident.id)).toEqual([]);
  });

  it('refuses a malformed removal naming the field, and writes nothing', async () => {
    const id = await curated('T3');
    const file = asFile(await exportIncident(t.deps, id));
    const [removal] = file.timeline_dismissals as IncidentExport['timeline_dismissals'];
    const bad = async (dismissal: Record<string, unknown>, message: RegExp) => {
      const r = importIncident(t.deps, ctx, { ...file, title: 'changed', timeline_dismissals: [dismissal] }, { replace: true });
      await expect(r).rejects.toMatchObject({ code: 'invalid_input' });
      await expect(r).rejects.toThrow(message);
    };
    await bad({ ...removal, keys: ['not-a-hash'] }, /timeline_dismissals\.0\.keys\.0: expected a SHA-256 in 64 hexadecimal digits/);
    await bad({ ...removal, keys: [`${removal?.keys[0] ?? ''}0`] }, /timeline_dismissals\.0\.keys\.0: expected a SHA-256/);
    await bad({ ...removal, keys: [] }, /timeline_dismissals\.0\.keys: must have at least 1 item/);
    await bad({ ...removal, entry_id: 'W3' }, /timeline_dismissals\.0\.entry_id: expected the id of a timeline entry/);
    await bad({ ...removal, removed_at: 'yesterday' }, /timeline_dismissals\.0\.removed_at: expected an RFC 3339 timestamp/);
    await expect(importIncident(t.deps, ctx, { ...file, timeline_dismissals: 'T3' }, { newId: true })).rejects.toThrow(/timeline_dismissals: expected a list/);
    expect((await getIncident(t.deps, id)).title).toBe('Order-book engine OOM-killed');
    expect(await removals(id)).toEqual(file.timeline_dismissals);
    expect((await listIncidentSummaries(t.deps, {})).total).toBe(1);
    // A key in capitals is the same SHA-256.
    const upper = await importIncident(t.deps, ctx, { ...file, timeline_dismissals: [{ ...removal, keys: removal?.keys.map((k) => k.toUpperCase()) }] }, { newId: true });
    expect(await removals(upper.incident.id)).toEqual(file.timeline_dismissals);
  });

  it('writes the record and its removals in one transaction: a removal the store refuses leaves both as they were', async () => {
    const id = await curated('T3');
    const file = asFile(await exportIncident(t.deps, id));
    const before = { incident: await getIncident(t.deps, id), removals: await removals(id), audit: (await listAudit(t.store.db, { limit: 500 })).length };
    // The store refuses the row of entry T9 (a disk that fills up, a constraint), after the record is written.
    if (database.name === 'sqlite') {
      await sql`create trigger refuse_t9 before insert on timeline_dismissals when new.entry_id = 'T9' begin select raise(abort, 'refused by the test'); end`.execute(t.store.db);
    } else {
      await sql`alter table timeline_dismissals add constraint refuse_t9 check (entry_id <> 'T9')`.execute(t.store.db);
    }
    const [removal] = file.timeline_dismissals as IncidentExport['timeline_dismissals'];
    const refused = { ...file, title: 'changed by the import', timeline_dismissals: [{ ...removal, entry_id: 'T9' }] };
    await expect(importIncident(t.deps, ctx, refused, { replace: true })).rejects.toThrow();
    await expect(importIncident(t.deps, ctx, refused, { newId: true })).rejects.toThrow();
    expect(await getIncident(t.deps, id)).toEqual(before.incident);
    expect(await removals(id)).toEqual(before.removals);
    expect((await listAudit(t.store.db, { limit: 500 })).length).toBe(before.audit);
    expect((await listIncidentSummaries(t.deps, {})).total).toBe(1);
    // Nor was the id the copy would have taken given out.
    expect((await createIncident(t.deps, ctx, buildIncident())).id).toBe('SYS-20251126-002');
  });
});
