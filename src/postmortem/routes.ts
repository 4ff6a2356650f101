/**
 * HTTP routes of the root-cause workspace (5 whys, fishbone, factors, action drafts, curated timeline)
 * and the post-mortem (document in md/html/pdf, review steps, published versions, diff, blameless check).
 * Workspace edits take an optional If-Match: with it the edit applies only to that version.
 */
import { z } from 'zod';
import { incidentIdSchema } from '../incidents/schema/index.js';
import { getIncident } from '../incidents/service.js';
import { contextOf, etagFor, problemResponses, versionFrom, type RoutePlugin } from '../server/kit.js';
import { checkBlameless } from './engines/index.js';
import { fishboneSvgFor, postmortemInput } from './document.js';
import { CONTENT_TYPES, FORMATS, renderDocument } from './output.js';
import { getReview, publishedVersion, publishedVersions, reviewStep, versionDiff } from './review/service.js';
import * as s from './schema.js';
import type { ReviewEvent } from './types.js';
import { keyEntries } from './workspace/curate.js';
import { resolveLinks } from './workspace/links.js';
import * as ws from './workspace/service.js';

const tags = ['post-mortem'];
const idParams = z.object({ id: incidentIdSchema });
const itemParams = (name: string) => z.object({ id: incidentIdSchema, [name]: z.string().max(10) });
const edited = { 200: s.editResultSchema, ...problemResponses };
/** The HTML post-mortem runs nothing: the header repeats the document's own policy. */
const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STEP_OF: Record<(typeof s.REVIEW_ACTIONS)[number], ReviewEvent['action']> = {
  submit: 'submitted',
  approve: 'approved',
  request_changes: 'changes_requested',
  publish: 'published',
  reopen: 'reopened',
};

export const postmortemRoutes: RoutePlugin = (app, { deps }, done) => {
  const ifMatch = (h: string | undefined) => versionFrom(h, undefined);
  const reply200 = <T>(r: { incident: { version: number }; result: T; notes: string[] }) => ({ result: r.result, version: r.incident.version, ...(r.notes.length ? { notes: r.notes } : {}) });

  // ---- 5 whys ----
  app.get('/incidents/:id/whys', { schema: { tags, summary: 'The 5-whys tree with its evidence resolved', params: idParams } }, async (req) => {
    const inc = await getIncident(deps, req.params.id);
    const steps = ws.whySteps(inc);
    return { steps, links: await resolveLinks(deps, inc, [...new Set(steps.flatMap((x) => x.evidence ?? []))]) };
  });
  app.post('/incidents/:id/whys', { schema: { tags, summary: 'Add a why step', params: idParams, body: s.whyAddSchema, response: edited } }, async (req, reply) => {
    const r = await ws.addWhyStep(deps, contextOf(req), req.params.id, req.body, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });
  app.patch('/incidents/:id/whys/:step', { schema: { tags, summary: 'Edit a why step, link or unlink evidence', params: itemParams('step'), body: s.whyEditSchema, response: edited } }, async (req, reply) => {
    const { unlink, ...edit } = req.body;
    const p = req.params as { id: string; step: string };
    const v = ifMatch(req.headers['if-match']);
    const r = await ws.editWhyStep(deps, contextOf(req), p.id, p.step, edit, v);
    const u = unlink?.length ? await ws.unlinkWhyStep(deps, contextOf(req), p.id, p.step, unlink, v === undefined ? undefined : r.incident.version) : r;
    return reply.header('etag', etagFor(u.incident.version)).send(reply200({ ...u, notes: r.notes }));
  });
  app.delete(
    '/incidents/:id/whys/:step',
    { schema: { tags, summary: 'Remove a why step', params: itemParams('step'), querystring: z.strictObject({ cascade: z.stringbool().default(false) }), response: edited } },
    async (req, reply) => {
      const p = req.params as { id: string; step: string };
      const r = await ws.removeWhyStep(deps, contextOf(req), p.id, p.step, { cascade: req.query.cascade }, ifMatch(req.headers['if-match']));
      return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
    },
  );

  // ---- fishbone ----
  app.get('/incidents/:id/fishbone', { schema: { tags, summary: 'The fishbone: categories and causes', params: idParams } }, async (req) => {
    const inc = await getIncident(deps, req.params.id);
    return { effect: inc.analysis?.fishbone?.effect ?? inc.title, categories: ws.categoriesOf(deps, inc), causes: inc.analysis?.fishbone?.causes ?? [] };
  });
  app.get('/incidents/:id/fishbone.svg', { schema: { tags, summary: 'The fishbone drawn as SVG', params: idParams } }, async (req, reply) => {
    const inc = await getIncident(deps, req.params.id);
    return reply.type('image/svg+xml').header('content-security-policy', HTML_CSP).send(fishboneSvgFor(inc, ws.categoriesOf(deps, inc)));
  });
  app.post('/incidents/:id/fishbone/causes', { schema: { tags, summary: 'Add a fishbone cause', params: idParams, body: s.causeAddSchema, response: edited } }, async (req, reply) => {
    const { new_category, ...rest } = req.body;
    const r = await ws.addFishboneCause(deps, contextOf(req), req.params.id, { ...rest, newCategory: new_category }, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });
  app.delete('/incidents/:id/fishbone/causes/:cause', { schema: { tags, summary: 'Remove a fishbone cause', params: itemParams('cause'), response: edited } }, async (req, reply) => {
    const p = req.params as { id: string; cause: string };
    const r = await ws.removeFishboneCause(deps, contextOf(req), p.id, p.cause, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });
  app.put('/incidents/:id/fishbone/categories', { schema: { tags, summary: "Set the incident's fishbone categories", params: idParams, body: s.categoriesSchema, response: edited } }, async (req, reply) => {
    const r = await ws.setFishboneCategories(deps, contextOf(req), req.params.id, req.body.categories, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });

  // ---- contributing factors ----
  app.get('/incidents/:id/factors', { schema: { tags, summary: 'Recorded contributing factors, the open engine suggestions (with stable ids S…) and those a recorded factor covers', params: idParams } }, async (req) =>
    ws.factorBoard(deps, req.params.id),
  );
  app.post('/incidents/:id/factors/decisions', { schema: { tags, summary: 'Accept or reject open suggestions', params: idParams, body: s.factorDecisionSchema, response: edited } }, async (req, reply) => {
    const { accept, reject, category } = req.body;
    const r = await ws.decideSuggestions(deps, contextOf(req), req.params.id, { accept, reject }, category ? { category } : {}, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });
  app.post('/incidents/:id/factors', { schema: { tags, summary: 'Add a contributing factor by hand', params: idParams, body: s.factorAddSchema, response: edited } }, async (req, reply) => {
    const r = await ws.addManualFactor(deps, contextOf(req), req.params.id, req.body, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });
  app.patch('/incidents/:id/factors/:factor', { schema: { tags, summary: 'Accept or reject a recorded factor', params: itemParams('factor'), body: s.factorStatusSchema, response: edited } }, async (req, reply) => {
    const p = req.params as { id: string; factor: string };
    const r = await ws.setFactor(deps, contextOf(req), p.id, p.factor, req.body.status, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });

  // ---- corrective-action drafts ----
  app.get('/incidents/:id/action-drafts', { schema: { tags, summary: 'Corrective-action drafts (with stable ids D…) from root causes, factors and fishbone causes', params: idParams } }, async (req) => ({
    drafts: await ws.actionDrafts(deps, req.params.id),
  }));
  app.post('/incidents/:id/action-drafts/adopt', { schema: { tags, summary: 'Adopt drafts as corrective actions and action items', params: idParams, body: s.adoptSchema, response: edited } }, async (req, reply) => {
    const { drafts, owner, due } = req.body;
    const r = await ws.adoptDrafts(deps, contextOf(req), req.params.id, drafts, { ...(owner ? { owner } : {}), ...(due ? { due } : {}) }, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });

  // ---- curated timeline ----
  app.get(
    '/incidents/:id/timeline',
    { schema: { tags, summary: 'The curated timeline (key=true: the key events only)', params: idParams, querystring: z.strictObject({ key: z.stringbool().default(false) }) } },
    async (req) => {
      const inc = await getIncident(deps, req.params.id);
      return { timeline: req.query.key ? keyEntries(inc.timeline ?? []) : (inc.timeline ?? []) };
    },
  );
  app.post('/incidents/:id/timeline', { schema: { tags, summary: 'Add a manual timeline entry', params: idParams, body: s.entryAddSchema, response: edited } }, async (req, reply) => {
    const r = await ws.addTimelineEntry(deps, contextOf(req), req.params.id, req.body, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });
  app.patch('/incidents/:id/timeline/:entry', { schema: { tags, summary: 'Pin, annotate, mark or link a timeline entry', params: itemParams('entry'), body: s.entryEditSchema, response: edited } }, async (req, reply) => {
    const p = req.params as { id: string; entry: string };
    const r = await ws.editTimelineEntries(deps, contextOf(req), p.id, [p.entry], req.body, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });
  app.delete('/incidents/:id/timeline/:entry', { schema: { tags, summary: 'Remove a timeline entry', params: itemParams('entry'), response: edited } }, async (req, reply) => {
    const p = req.params as { id: string; entry: string };
    const r = await ws.removeTimelineEntries(deps, contextOf(req), p.id, p.entry, ifMatch(req.headers['if-match']));
    return reply.header('etag', etagFor(r.incident.version)).send(reply200(r));
  });

  // ---- the post-mortem ----
  app.get(
    '/incidents/:id/postmortem',
    { schema: { tags, summary: 'The post-mortem document', params: idParams, querystring: z.strictObject({ format: z.enum(FORMATS).default('md') }) } },
    async (req, reply) => {
      const input = await postmortemInput(deps, await getIncident(deps, req.params.id));
      const doc = await renderDocument(input, req.query.format);
      if (req.query.format !== 'md') void reply.header('content-security-policy', HTML_CSP);
      return reply.type(CONTENT_TYPES[req.query.format]).header('x-content-type-options', 'nosniff').send(doc);
    },
  );
  app.get('/incidents/:id/postmortem/blameless', { schema: { tags, summary: 'Blaming language in the narrative, with rewordings', params: idParams } }, async (req) => ({
    findings: checkBlameless(await getIncident(deps, req.params.id)),
  }));
  app.get('/incidents/:id/postmortem/review', { schema: { tags, summary: 'Review state and steps', params: idParams, response: { 200: s.reviewInfoSchema, ...problemResponses } } }, async (req) =>
    getReview(deps, req.params.id),
  );
  app.post(
    '/incidents/:id/postmortem/review',
    {
      schema: {
        tags,
        summary: 'Take a review step: submit, approve, request_changes, publish or reopen',
        description: 'submit needs responder, request_changes reviewer, approve and publish approver. An approval binds to the incident version reviewed.',
        params: idParams,
        body: s.reviewStepSchema,
        response: { 200: s.reviewInfoSchema, ...problemResponses },
      },
    },
    async (req) => {
      const version = versionFrom(req.headers['if-match'], req.body.version);
      return reviewStep(deps, contextOf(req), req.params.id, STEP_OF[req.body.action], {
        ...(req.body.comment ? { comment: req.body.comment } : {}),
        ...(version !== undefined ? { version } : {}),
        render: async (inc, tx) => (await renderDocument(await postmortemInput(tx, inc), 'md')).toString('utf8'),
      });
    },
  );
  app.get('/incidents/:id/postmortem/versions', { schema: { tags, summary: 'Published versions', params: idParams } }, async (req) => ({
    versions: await publishedVersions(deps, req.params.id),
  }));
  app.get(
    '/incidents/:id/postmortem/versions/:n',
    { schema: { tags, summary: 'One published version (immutable): Markdown, or the record with ?format=json', params: z.object({ id: incidentIdSchema, n: z.coerce.number().int().positive() }), querystring: z.strictObject({ format: z.enum(['md', 'json']).default('md') }) } },
    async (req, reply) => {
      const v = await publishedVersion(deps, req.params.id, req.params.n);
      if (req.query.format === 'json') return reply.type('application/json').send({ ...v, record: JSON.parse(v.record) as unknown });
      return reply.type(CONTENT_TYPES.md).send(v.markdown);
    },
  );
  app.get(
    '/incidents/:id/postmortem/diff',
    {
      schema: {
        tags,
        summary: 'Field changes between two published versions (or from one to the current record)',
        params: idParams,
        querystring: z.strictObject({ from: z.coerce.number().int().positive(), to: z.union([z.literal('current'), z.coerce.number().int().positive()]).default('current') }),
      },
    },
    async (req) => ({ from: req.query.from, to: req.query.to, changes: await versionDiff(deps, req.params.id, req.query.from, req.query.to) }),
  );

  done();
};
