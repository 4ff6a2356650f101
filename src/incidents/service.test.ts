import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { listAudit, verifyAudit } from '../audit/store.js';
import type { Store } from '../db/database.js';
import { cliContext } from '../shared/context.js';
import { databases, freshStore } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';
import { createIncident, getIncident, importIncident, listIncidentSummaries, transitionIncident, updateIncident, type Deps } from './service.js';

describe.each(databases)('incident service on $name', (database) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let deps: Deps;
  const ctx = { ...cliContext(), actor: 'alice' };

  beforeEach(async () => {
    ({ store, cleanup } = await freshStore(database));
    deps = { db: store.db, config: DEFAULT_CONFIG };
  });
  afterEach(async () => cleanup());

  it('numbers ids per prefix and UTC day, keeping nanoseconds', async () => {
    const a = await createIncident(deps, ctx, buildIncident());
    const b = await createIncident(deps, ctx, buildIncident());
    const c = await createIncident(deps, ctx, buildIncident({ kind: 'inc' }));
    const d = await createIncident(deps, ctx, buildIncident({ started_at: '2025-11-26T23:30:00-05:00' }));
    expect([a.id, b.id, c.id, d.id]).toEqual(['SYS-20251126-001', 'SYS-20251126-002', 'INC-20251126-001', 'SYS-20251127-001']);
    const back = await getIncident(deps, a.id);
    expect(back.started_at).toBe('2025-11-26T10:27:35.123456789Z');
    expect(back.status).toBe('open');
    expect(back.version).toBe(1);
  });

  it('rejects bad input and leaves the store unchanged', async () => {
    await expect(createIncident(deps, ctx, buildIncident({ severity: 'P9' }))).rejects.toThrow(/severity.*P0, P1/);
    await expect(createIncident(deps, ctx, buildIncident({ started_at: '26/11/2025' }))).rejects.toThrow(/started_at.*RFC 3339/);
    await expect(createIncident(deps, ctx, { ...buildIncident(), title: '' })).rejects.toThrow(/title: must not be empty/);
    await expect(createIncident(deps, ctx, buildIncident({ title: 'x'.repeat(10_000_000) }))).rejects.toThrow(/title/);
    await expect(createIncident(deps, ctx, { ...buildIncident(), colour: 'red' })).rejects.toThrow(/colour/);
    await expect(createIncident(deps, ctx, buildIncident({ ended_at: '2025-11-26T09:00:00Z' }))).rejects.toThrow(/ended_at/);
    // the text an item exists for may not be blank: a why without a question, a timeline row without an event
    await expect(createIncident(deps, ctx, buildIncident({ analysis: { five_whys: [{ question: ' ', answer: 'x' }] } }))).rejects.toThrow(/five_whys\.0\.question: must not be empty/);
    await expect(createIncident(deps, ctx, buildIncident({ timeline: [{ at: '2025-11-26T10:27:35Z', event: '' }] }))).rejects.toThrow(/timeline\.0\.event: must not be empty/);
    expect((await listIncidentSummaries(deps, {})).total).toBe(0);
    expect((await listAudit(store.db)).length).toBe(0);
  });

  it('normalizes loose choice spellings and keeps "other: text"', async () => {
    const inc = await createIncident(deps, ctx, buildIncident({ component: 'Memory (RAM)', failure_type: 'memory exhaustion', severity: 'p2' }));
    expect([inc.component, inc.failure_type, inc.severity]).toEqual(['memory', 'memory_exhaustion', 'P2']);
    const other = await createIncident(deps, ctx, buildIncident({ component: 'Other:  FPGA card ' }));
    expect(other.component).toBe('other: FPGA card');
    await expect(createIncident(deps, ctx, buildIncident({ component: 'toaster' }))).rejects.toThrow(/other: <text>/);
  });

  it('updates with optimistic concurrency: a stale version is a conflict, not a lost update', async () => {
    const inc = await createIncident(deps, ctx, buildIncident());
    const v2 = await updateIncident(deps, ctx, inc.id, { impact: { trading: { orders_lost: 437 } } }, 1);
    expect(v2.version).toBe(2);
    await expect(updateIncident(deps, ctx, inc.id, { title: 'stale' }, 1)).rejects.toMatchObject({ code: 'version_conflict' });
    const v3 = await updateIncident(deps, ctx, inc.id, { impact: { trading: { financial_loss_usd: 25000 } } }, 2);
    expect(v3.impact?.trading).toEqual({ orders_lost: 437, financial_loss_usd: 25000 });
    const v4 = await updateIncident(deps, ctx, inc.id, { impact: { trading: { orders_lost: null } } }, 3);
    expect(v4.impact?.trading).toEqual({ financial_loss_usd: 25000 });
    await expect(updateIncident(deps, ctx, inc.id, { kind: 'inc' }, 4)).rejects.toThrow(/only these fields/);
    expect((await getIncident(deps, inc.id)).title).toBe('Order-book engine OOM-killed');
  });

  it('enforces the lifecycle and its side effects', async () => {
    const inc = await createIncident(deps, ctx, buildIncident());
    await expect(transitionIncident(deps, ctx, inc.id, 'approved')).rejects.toMatchObject({ code: 'invalid_transition' });
    const resolved = await transitionIncident(deps, ctx, inc.id, 'resolved', { at: '2025-11-26T10:45:00Z' });
    expect(resolved.ended_at).toBe('2025-11-26T10:45:00Z');
    // P1 makes the post-mortem mandatory: no closing straight from resolved.
    await expect(transitionIncident(deps, ctx, inc.id, 'closed')).rejects.toThrow(/needs a post-mortem/);
    await transitionIncident(deps, ctx, inc.id, 'postmortem');
    // Into and out of review only by the review's steps (postmortem/review), which pass `review`.
    await expect(transitionIncident(deps, ctx, inc.id, 'in_review')).rejects.toThrow(/by its post-mortem review \(the "submit" step\)/);
    const review = await transitionIncident(deps, ctx, inc.id, 'in_review', { at: '2025-11-27T09:00:00Z', review: true });
    expect(review.milestones?.draft_at).toBe('2025-11-27T09:00:00Z');
    await expect(transitionIncident(deps, ctx, inc.id, 'approved')).rejects.toMatchObject({ code: 'invalid_transition', details: { review_step: 'approve' } });
    await transitionIncident(deps, ctx, inc.id, 'approved', { review: true });
    const closed = await transitionIncident(deps, ctx, inc.id, 'closed');
    expect(closed.status).toBe('closed');
    expect(closed.signoff?.closed_at).toBeDefined();
  });

  it('keeps the milestones the review stamps out of reach of an update, and the others editable', async () => {
    const inc = await createIncident(deps, ctx, buildIncident());
    await expect(updateIncident(deps, ctx, inc.id, { milestones: { final_at: '2025-11-20T00:00:00Z' } }, 1)).rejects.toThrow(/milestones.final_at is recorded by the post-mortem review/);
    await expect(updateIncident(deps, ctx, inc.id, { milestones: { draft_at: null, final_at: null } }, 1)).rejects.toThrow(/milestones.draft_at and milestones.final_at are recorded/);
    const v2 = await updateIncident(deps, ctx, inc.id, { milestones: { initial_timeline_at: '2025-11-26T11:00:00Z' } }, 1);
    expect(v2.milestones).toEqual({ initial_timeline_at: '2025-11-26T11:00:00Z' });
  });

  it('lets an optional post-mortem be skipped', async () => {
    const inc = await createIncident(deps, ctx, buildIncident({ severity: 'P4', ended_at: '2025-11-26T10:28:00Z' }));
    await transitionIncident(deps, ctx, inc.id, 'resolved');
    expect((await transitionIncident(deps, ctx, inc.id, 'closed')).status).toBe('closed');
  });

  it('lists with filters and pages', async () => {
    for (let i = 0; i < 5; i++) await createIncident(deps, ctx, buildIncident({ severity: i % 2 ? 'P1' : 'P3', started_at: `2025-11-2${i}T10:00:00Z` }));
    await createIncident(deps, ctx, buildIncident({ kind: 'inc', severity: 'P2', component: 'network', title: 'DNS failure halts NASDAQ' }));
    expect((await listIncidentSummaries(deps, { severity: ['P1'] })).total).toBe(2);
    expect((await listIncidentSummaries(deps, { kind: ['inc'] })).items[0]?.title).toMatch(/DNS/);
    expect((await listIncidentSummaries(deps, { component: ['network'] })).total).toBe(1);
    expect((await listIncidentSummaries(deps, { q: 'dns' })).total).toBe(1);
    const range = await listIncidentSummaries(deps, { from: '2025-11-21T00:00:00Z', to: '2025-11-23T00:00:00Z' });
    expect(range.items.map((i) => i.started_at)).toEqual(['2025-11-22T10:00:00Z', '2025-11-21T10:00:00Z']);
    const page = await listIncidentSummaries(deps, { limit: 2, offset: 2 });
    expect(page.total).toBe(6);
    expect(page.items).toHaveLength(2);
  });

  it('imports: creates, recognizes an unchanged copy, refuses to overwrite silently', async () => {
    const created = await importIncident(deps, ctx, { ...buildIncident(), id: 'SYS-20251126-007', status: 'resolved' });
    expect(created.outcome).toBe('created');
    expect(created.incident.status).toBe('resolved');
    const again = await importIncident(deps, ctx, { ...created.incident });
    expect(again.outcome).toBe('unchanged');
    await expect(importIncident(deps, ctx, { ...created.incident, title: 'changed' })).rejects.toMatchObject({ code: 'conflict' });
    expect((await importIncident(deps, ctx, { ...created.incident, title: 'changed' }, { replace: true })).outcome).toBe('replaced');
    // The counter moved past the imported number, so the next id does not collide.
    expect((await createIncident(deps, ctx, buildIncident())).id).toBe('SYS-20251126-008');
  });

  it('records every mutation in a verifiable hash chain', async () => {
    const inc = await createIncident(deps, ctx, buildIncident());
    await updateIncident(deps, ctx, inc.id, { title: 'Order-book engine OOM' }, 1);
    await transitionIncident(deps, ctx, inc.id, 'mitigated');
    const entries = await listAudit(store.db, { subject: inc.id });
    expect(entries.map((e) => e.action)).toEqual(['incident.create', 'incident.update', 'incident.transition']);
    expect(entries[1]?.actor).toBe('alice');
    expect(JSON.parse(entries[1]?.changes ?? '{}')).toMatchObject({ fields: [{ path: 'title', from: 'Order-book engine OOM-killed', to: 'Order-book engine OOM' }] });
    expect((await verifyAudit(store.db)).ok).toBe(true);

    await store.db.updateTable('audit_log').set({ actor: 'mallory' }).where('seq', '=', 2).execute();
    const edited = await verifyAudit(store.db);
    expect(edited.ok).toBe(false);
    expect(edited.problems[0]).toMatchObject({ seq: 2, problem: 'edited' });
  });

  it('detects removed and truncated audit entries', async () => {
    const inc = await createIncident(deps, ctx, buildIncident());
    await transitionIncident(deps, ctx, inc.id, 'mitigated');
    await transitionIncident(deps, ctx, inc.id, 'resolved');
    await store.db.deleteFrom('audit_log').where('seq', '=', 2).execute();
    expect((await verifyAudit(store.db)).problems.map((p) => p.problem)).toContain('missing');
    await store.db.deleteFrom('audit_log').where('seq', '=', 3).execute();
    expect((await verifyAudit(store.db)).problems.map((p) => p.problem)).toContain('truncated');
  });
});
