import { describe, expect, it } from 'vitest';
import { listAudit } from '../audit/store.js';
import { createToken } from '../auth/index.js';
import { DEFAULT_CONFIG } from '../config/schema.js';
import { loadDemo } from '../demo/index.js';
import { OOM_FILES, demoEvidenceId } from '../demo/evidence.js';
import { cliContext } from '../shared/context.js';
import { useApi } from '../test/api.js';
import { databases } from '../test/databases.js';
import { buildIncident } from '../test/factories.js';

const SYS = 'SYS-20251119-001';
const base = (id: string) => `/api/v1/incidents/${id}`;

describe.each(databases)('root-cause workspace and review over HTTP on $name', (database) => {
  const t = useApi(database);
  const admin = cliContext();
  const demo = () => loadDemo({ db: t.store.db, config: DEFAULT_CONFIG }, admin);

  it("resolves a 5-whys step's evidence link to its log line", async () => {
    await demo();
    const res = await t.api.request('GET', `${base(SYS)}/whys`);
    expect(res.statusCode).toBe(200);
    const body = res.json<{ steps: { id: string; evidence?: string[] }[]; links: Record<string, { label: string; excerpt?: string }> }>();
    const w1 = body.steps.find((s) => s.id === 'W1');
    const link = w1?.evidence?.[0] as string;
    expect(link).toBe(`log:${demoEvidenceId(OOM_FILES.syslog)}#line 4`);
    expect(body.links[link]).toMatchObject({ label: 'ob-eq-01-syslog.log line 4' });
    expect(body.links[link]?.excerpt).toContain('Killed process 48213 (ob-engine)');
  });

  it('edits the workspace: links are checked, stale If-Match is a conflict, the curated timeline keeps pins and markers', async () => {
    await demo();
    const bad = await t.api.request('POST', `${base(SYS)}/whys`, { body: { question: 'Why?', evidence: ['log:file-000000000000-SYS-20251119-001#line 1'] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ detail: string }>().detail).toMatch(/no evidence file-000000000000-SYS-20251119-001 attached/);

    const before = await t.api.request('GET', base(SYS));
    const version = Number(JSON.parse(before.headers.etag as string));
    const link = `log:${demoEvidenceId(OOM_FILES.app)}#line 5`;
    const added = await t.api.request('POST', `${base(SYS)}/whys`, { body: { question: 'Why did allocation slow down?', parent: 'W2', evidence: [link] }, headers: { 'if-match': `"${version}"` } });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toEqual({ result: 'W8', version: version + 1 });
    const stale = await t.api.request('POST', `${base(SYS)}/whys`, { body: { question: 'again' }, headers: { 'if-match': `"${version}"` } });
    expect(stale.statusCode).toBe(409);

    const entry = await t.api.request('POST', `${base(SYS)}/timeline`, { body: { at: '2025-11-19T14:05:00.123456789Z', event: 'Desk reports rejects', pinned: true } });
    expect(entry.statusCode).toBe(200);
    const id = entry.json<{ result: string }>().result;
    expect((await t.api.request('PATCH', `${base(SYS)}/timeline/${id}`, { body: { marker: 'detection', annotation: 'the desk saw it first' } })).statusCode).toBe(200);
    const key = await t.api.request('GET', `${base(SYS)}/timeline?key=true`);
    const entries = key.json<{ timeline: { id: string; marker?: string; pinned?: boolean; at: string }[] }>().timeline;
    // Pinned or marked entries only, in time order; the detection marker moved off T6 onto the new entry.
    expect(entries.every((e) => e.pinned || e.marker)).toBe(true);
    expect(entries.filter((e) => e.marker === 'detection').map((e) => e.id)).toEqual([id]);
    expect(entries.find((e) => e.id === id)?.at).toBe('2025-11-19T14:05:00.123456789Z');

    const factor = await t.api.request('POST', `${base(SYS)}/factors`, { body: { description: 'Gateway retried into a dead engine', category: 'Technology' } });
    expect(factor.json<{ result: string }>().result).toBe('F5');
    expect((await t.api.request('PATCH', `${base(SYS)}/factors/F5`, { body: { status: 'rejected' } })).statusCode).toBe(200);
    const cause = await t.api.request('POST', `${base(SYS)}/fishbone/causes`, { body: { category: 'Network', cause: 'x' } });
    expect(cause.statusCode).toBe(400);
    const svg = await t.api.request('GET', `${base(SYS)}/fishbone.svg`);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body).toContain('Technology');
  });

  it('decides suggestions and adopts drafts by stable id, checks due dates and link anchors, and returns notes', async () => {
    await demo();
    const syslog = demoEvidenceId(OOM_FILES.syslog);
    const line400 = await t.api.request('PATCH', `${base(SYS)}/timeline/T6`, { body: { evidence: [`log:${syslog}#line 400`] } });
    expect(line400.statusCode).toBe(400);
    expect(line400.json<{ detail: string }>().detail).toMatch(/ob-eq-01-syslog\.log has 8 lines/);
    // T8 carries the fix marker: an entry holds one, so a second is refused rather than replacing it.
    const second = await t.api.request('PATCH', `${base(SYS)}/timeline/T8`, { body: { marker: 'diagnosis' } });
    expect(second.statusCode).toBe(409);
    expect(second.json<{ detail: string }>().detail).toMatch(/^T8 already carries the fix marker/);
    const marked = await t.api.request('PATCH', `${base(SYS)}/timeline/T5`, { body: { marker: 'diagnosis' } });
    expect(marked.json()).toMatchObject({ result: ['T5'], notes: ['diagnosis marker moved from T7 to T5'] });

    const board = (await t.api.request('GET', `${base(SYS)}/factors`)).json<{ open: { id: string; kind: string }[]; covered: { id: string; by: string }[] }>();
    expect(board.covered).toEqual([expect.objectContaining({ by: 'F4' })]);
    const [a, b] = board.open;
    const decided = await t.api.request('POST', `${base(SYS)}/factors/decisions`, { body: { accept: [a?.id], reject: [b?.id] } });
    expect(decided.json()).toMatchObject({ result: { accepted: ['F5'], rejected: ['F6'] } });
    expect((await t.api.request('POST', `${base(SYS)}/factors/decisions`, { body: { accept: [1] } })).statusCode).toBe(400);
    const again = await t.api.request('POST', `${base(SYS)}/factors/decisions`, { body: { accept: [a?.id] } });
    expect(again.statusCode).toBe(409);

    const drafts = (await t.api.request('GET', `${base(SYS)}/action-drafts`)).json<{ drafts: { id: string }[] }>().drafts;
    const before = (await t.api.request('GET', base(SYS))).json<{ version: number }>().version;
    const badDue = await t.api.request('POST', `${base(SYS)}/action-drafts/adopt`, { body: { drafts: [drafts[0]?.id], due: 'tomorrow' } });
    expect(badDue.statusCode).toBe(400);
    expect(badDue.json<{ detail: string }>().detail).toMatch(/^invalid due date "tomorrow"/);
    expect((await t.api.request('GET', base(SYS))).json<{ version: number }>().version).toBe(before);
    const adopted = await t.api.request('POST', `${base(SYS)}/action-drafts/adopt`, { body: { drafts: [drafts[0]?.id], due: '2025-12-01' } });
    expect(adopted.statusCode).toBe(200);
    const left = (await t.api.request('GET', `${base(SYS)}/action-drafts`)).json<{ drafts: { id: string }[] }>().drafts;
    expect(left.map((d) => d.id)).toEqual(drafts.slice(1).map((d) => d.id));
  });

  it('takes two review steps sent at once one after the other: one publication, the other a clean conflict', async () => {
    const approver = await createToken({ db: t.store.db }, admin, { name: 'head', role: 'approver' });
    const created = await t.api.request('POST', '/api/v1/incidents', { token: approver.token, body: buildIncident({ title: 'Gateway stall' }) });
    const id = created.json<{ id: string }>().id;
    const step = (action: string) => t.api.request('POST', `${base(id)}/postmortem/review`, { token: approver.token, body: { action } });
    expect((await t.api.request('POST', `${base(id)}/transition`, { token: approver.token, body: { to: 'resolved' } })).statusCode).toBe(200);
    expect((await step('submit')).statusCode).toBe(200);
    expect((await step('approve')).statusCode).toBe(200);
    const both = await Promise.all([step('publish'), step('publish')]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(both.find((r) => r.statusCode === 409)?.json<{ code: string }>().code).toBe('invalid_transition');
    const versions = await t.api.request('GET', `${base(id)}/postmortem/versions`, { token: approver.token });
    expect(versions.json<{ versions: unknown[] }>().versions).toHaveLength(1);
  });

  it('runs the review: roles enforced, an edit voids the approval, published versions are kept with a diff, all audited', async () => {
    const mk = (name: string, role: 'viewer' | 'responder' | 'reviewer' | 'approver') => createToken({ db: t.store.db }, admin, { name, role });
    const [viewer, responder, reviewer, approver] = await Promise.all([mk('dash', 'viewer'), mk('oncall', 'responder'), mk('lead', 'reviewer'), mk('head', 'approver')]);
    const created = await t.api.request('POST', '/api/v1/incidents', { token: responder.token, body: buildIncident({ title: 'Feed handler crash' }) });
    const id = created.json<{ id: string }>().id;
    const step = (token: string, action: string, extra: Record<string, unknown> = {}) => t.api.request('POST', `${base(id)}/postmortem/review`, { token, body: { action, ...extra } });

    expect((await step(responder.token, 'submit')).statusCode).toBe(409); // still open
    expect((await t.api.request('POST', `${base(id)}/transition`, { token: responder.token, body: { to: 'resolved' } })).statusCode).toBe(200);
    const submitted = await step(responder.token, 'submit', { comment: 'first draft' });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'in_review', events: [{ action: 'submitted', actor: 'oncall', role: 'responder', comment: 'first draft' }] });
    expect((await t.api.request('GET', base(id), { token: viewer.token })).json()).toMatchObject({ status: 'in_review' });

    const denied = await step(viewer.token, 'approve');
    expect(denied.statusCode).toBe(403);
    const reviewerDenied = await step(reviewer.token, 'approve');
    expect(reviewerDenied.statusCode).toBe(403);
    // The problem's details are the facts themselves, not wrapped in another `details`.
    expect(reviewerDenied.json()).toMatchObject({ code: 'not_allowed', details: { needed: 'approver', role: 'reviewer' } });
    // The lifecycle move behind it is guarded too.
    const moveDenied = await t.api.request('POST', `${base(id)}/transition`, { token: responder.token, body: { to: 'approved' } });
    expect(moveDenied.statusCode).toBe(403);
    expect(moveDenied.json()).toMatchObject({ code: 'not_allowed', details: { needed: 'approver', role: 'responder' } });
    // An approver cannot skip the review either: the status follows the review's steps only.
    expect((await t.api.request('POST', `${base(id)}/transition`, { token: approver.token, body: { to: 'approved' } })).json()).toMatchObject({ code: 'invalid_transition' });

    const approved = await step(approver.token, 'approve');
    expect(approved.json()).toMatchObject({ state: 'approved' });
    const current = await t.api.request('GET', base(id), { token: viewer.token });
    expect(current.json()).toMatchObject({ status: 'approved' });

    // An edit after the approval voids it: a new approval is needed before publishing.
    const edited = await t.api.request('PATCH', base(id), { token: responder.token, body: { analysis: { root_cause: 'A null pointer in the parser' } }, headers: { 'if-match': current.headers.etag as string } });
    expect(edited.statusCode).toBe(200);
    const voided = (await t.api.request('GET', `${base(id)}/postmortem/review`, { token: viewer.token })).json<{ state: string; note: string }>();
    expect(voided.state).toBe('in_review');
    expect(voided.note).toMatch(/approval by head \(approver\) of version \d+ is void/);
    expect((await step(approver.token, 'publish')).statusCode).toBe(409);
    // …and before closing: the status still says approved, but nobody approved this content.
    const close = await t.api.request('POST', `${base(id)}/transition`, { token: approver.token, body: { to: 'closed' } });
    expect(close.statusCode).toBe(409);
    expect(close.json()).toMatchObject({ code: 'invalid_transition', details: { review_state: 'in_review' } });
    expect(close.json<{ detail: string }>().detail).toMatch(/cannot be closed: the approval by head \(approver\) of version \d+ is void/);

    expect((await step(approver.token, 'approve')).statusCode).toBe(200);
    const published = await step(approver.token, 'publish');
    expect(published.json()).toMatchObject({ state: 'published', published_version: 1 });
    const v1 = await t.api.request('GET', `${base(id)}/postmortem/versions/1`, { token: viewer.token });
    expect(v1.body).toContain('Feed handler crash');
    expect(v1.body).toContain('A null pointer in the parser');

    // A revision: edit, review, publish again; version 1 stays as it was, and the diff shows the change.
    const now = await t.api.request('GET', base(id), { token: viewer.token });
    await t.api.request('PATCH', base(id), { token: responder.token, body: { analysis: { root_cause: 'An unchecked length field in the parser' } }, headers: { 'if-match': now.headers.etag as string } });
    expect((await t.api.request('GET', `${base(id)}/postmortem/review`, { token: viewer.token })).json()).toMatchObject({ state: 'draft' });
    const firstApproval = now.json<{ milestones: { draft_at?: string; final_at?: string } }>().milestones;
    expect(firstApproval.final_at).toBeDefined();
    // The revision goes through review again, and the incident's status with it (its milestones kept).
    expect((await step(responder.token, 'submit')).statusCode).toBe(200);
    const revising = (await t.api.request('GET', base(id), { token: viewer.token })).json<{ status: string; milestones: object }>();
    expect(revising).toMatchObject({ status: 'in_review', milestones: firstApproval });
    expect((await step(approver.token, 'approve')).statusCode).toBe(200);
    expect((await t.api.request('GET', base(id), { token: viewer.token })).json()).toMatchObject({ status: 'approved', milestones: firstApproval });
    expect((await step(approver.token, 'publish')).json()).toMatchObject({ published_version: 2 });
    expect((await t.api.request('GET', `${base(id)}/postmortem/versions/1`, { token: viewer.token })).body).toBe(v1.body);
    const diff = await t.api.request('GET', `${base(id)}/postmortem/diff?from=1&to=2`, { token: viewer.token });
    expect(diff.json<{ changes: { path: string; from: unknown; to: unknown }[] }>().changes).toContainEqual({
      path: 'analysis.root_cause',
      from: 'A null pointer in the parser',
      to: 'An unchecked length field in the parser',
    });

    const audit = (await listAudit(t.store.db, { subject: id, limit: 100 })).map((e) => `${e.action} ${e.actor}`);
    expect(audit).toEqual(
      expect.arrayContaining(['postmortem.submit oncall', 'postmortem.approve head', 'postmortem.publish head', 'incident.update oncall']),
    );
    expect(audit.filter((a) => a === 'postmortem.approve head')).toHaveLength(3);
    // Approved and published as it stands: the incident closes.
    expect((await t.api.request('POST', `${base(id)}/transition`, { token: approver.token, body: { to: 'closed' } })).json()).toMatchObject({ status: 'closed' });
  });
});
