/**
 * HTTP routes of incidents: create, read, list with filters, merge-patch update with optimistic
 * concurrency (If-Match), lifecycle transitions, export and import. Each parses, calls one service function, presents.
 */
import { z } from 'zod';
import { contextOf, etagFor, PreconditionRequiredError, problemResponses, versionFrom, type RoutePlugin } from '../server/kit.js';
import { JSON_MEDIA_TYPES } from '../server/json-body.js';
import { LINE_MAX } from './schema/fields.js';
import {
  choices,
  exportExtrasSchema,
  incidentContentSchema,
  incidentCreateSchema,
  incidentExportSchema,
  incidentIdSchema,
  incidentPatchSchema,
  incidentSchema,
  KINDS,
  STATUSES,
} from './schema/index.js';
import { createIncident, exportIncident, getIncident, importIncident, listIncidentSummaries, transitionIncident, updateIncident } from './service.js';

/** Largest page of a list. */
export const LIST_LIMIT_MAX = 500;

const timestamp = incidentContentSchema.shape.started_at;

/** A filter value given as `?k=a&k=b`, `?k=a,b` or both; each item validated (and normalized) by `item`. */
function many<T extends z.ZodType>(item: T) {
  const split = (v: unknown): unknown[] =>
    (Array.isArray(v) ? (v as unknown[]) : [v]).flatMap((s) => (typeof s === 'string' ? s.split(',').map((p) => p.trim()).filter((p) => p !== '') : [s]));
  return z.preprocess(split, z.array(item).max(100)).meta({ description: 'Repeat the parameter or separate values with commas.' });
}

export const incidentListQuerySchema = z.strictObject({
  severity: many(incidentContentSchema.shape.severity).optional(),
  status: many(z.enum(STATUSES)).optional(),
  component: many(choices.component.one()).optional(),
  kind: many(z.enum(KINDS)).optional(),
  from: timestamp.optional().describe('Incidents that started at or after this instant'),
  to: timestamp.optional().describe('Incidents that started before this instant'),
  q: z.string().max(LINE_MAX).optional().describe('Case-insensitive substring of the title'),
  limit: z.coerce.number().int().min(1).max(LIST_LIMIT_MAX).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000_000).default(0),
});

export const incidentSummarySchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    title: z.string(),
    severity: z.string(),
    status: z.string(),
    component: z.string().nullable(),
    started_at: z.string(),
    ended_at: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'IncidentSummary' });

export const incidentListSchema = z
  .object({ total: z.number().int(), items: z.array(incidentSummarySchema), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'IncidentList', description: 'One page of incidents, newest start first, and how many match in all.' });

export const transitionRequestSchema = z
  .strictObject({
    to: z.enum(STATUSES),
    at: timestamp.optional().describe('When the new state was reached (default: now)'),
    note: z.string().max(2000).optional(),
    version: z.number().int().positive().optional().describe('Version the move is based on (or send If-Match)'),
  })
  .meta({ id: 'TransitionRequest' });

/**
 * An exported record: the content with its id and status, and the timeline entries removed from it
 * (absent in a file exported before exports carried them: the incident's own are then kept);
 * bookkeeping fields are accepted and ignored.
 */
export const incidentImportSchema = incidentSchema
  .partial({ id: true, status: true, version: true, created_at: true, updated_at: true })
  .extend(exportExtrasSchema.shape)
  .meta({ id: 'IncidentImport' });

export const importResultSchema = z
  .object({ outcome: z.enum(['created', 'unchanged', 'replaced']), incident: incidentSchema })
  .meta({ id: 'ImportResult' });

const idParams = z.object({ id: incidentIdSchema });
// Declared for the API's description; other headers pass (not a strict object).
const ifMatchHeaders = z.object({ 'if-match': z.string().optional().describe('The version the change is based on, as the ETag read: "7"') });
const versionQuery = z.strictObject({ version: z.coerce.number().int().positive().optional().describe('Alternative to If-Match') });
const importQuery = z.strictObject({
  replace: z.stringbool().default(false).describe('Overwrite an existing incident with other content'),
  new_id: z.stringbool().default(false).describe('Import as a new incident with a fresh id'),
});

const tags = ['incidents'];
const location = (id: string) => `/api/v1/incidents/${id}`;

/**
 * Registers the incident routes (mounted under /api/v1).
 * @example app.register(incidentRoutes, { deps, prefix: '/api/v1' });
 */
export const incidentRoutes: RoutePlugin = (app, { deps }, done) => {
  app.post(
    '/incidents',
    { schema: { tags, summary: 'Create an incident', body: incidentCreateSchema, response: { 201: incidentSchema, ...problemResponses } } },
    async (req, reply) => {
      const inc = await createIncident(deps, contextOf(req), req.body);
      return reply.code(201).header('location', location(inc.id)).header('etag', etagFor(inc.version)).send(inc);
    },
  );

  app.get(
    '/incidents',
    { schema: { tags, summary: 'List incidents with filters', querystring: incidentListQuerySchema, response: { 200: incidentListSchema, ...problemResponses } } },
    async (req) => {
      const { limit, offset, ...filter } = req.query;
      const page = await listIncidentSummaries(deps, { ...filter, limit, offset });
      return { ...page, limit, offset };
    },
  );

  app.get(
    '/incidents/:id',
    { schema: { tags, summary: 'Read an incident (ETag: its version)', params: idParams, response: { 200: incidentSchema, ...problemResponses } } },
    async (req, reply) => {
      const inc = await getIncident(deps, req.params.id);
      return reply.header('etag', etagFor(inc.version)).send(inc);
    },
  );

  app.get(
    '/incidents/:id/export',
    {
      schema: {
        tags,
        summary: 'Export an incident for import elsewhere',
        description: 'The record (ETag: its version) with the timeline entries a curator removed from it (`timeline_dismissals`), as `pfa incident export --format json` writes it; POST /incidents/import takes it back.',
        params: idParams,
        response: { 200: incidentExportSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const exported = await exportIncident(deps, req.params.id);
      return reply.header('etag', etagFor(exported.version)).send(exported);
    },
  );

  app.patch(
    '/incidents/:id',
    {
      schema: {
        tags,
        summary: 'Update an incident with a JSON merge patch',
        description: 'Send `If-Match: "<version>"` (the ETag you read) or `?version=N`; without either the answer is 428, with a stale one 409 version_conflict.',
        params: idParams,
        querystring: versionQuery,
        headers: ifMatchHeaders,
        consumes: JSON_MEDIA_TYPES,
        body: incidentPatchSchema,
        response: { 200: incidentSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const version = versionFrom(req.headers['if-match'], req.query.version);
      if (version === undefined) {
        throw new PreconditionRequiredError('an update needs the version it is based on: send If-Match: "<version>" (the ETag you read) or ?version=N');
      }
      const inc = await updateIncident(deps, contextOf(req), req.params.id, req.body, version);
      return reply.header('etag', etagFor(inc.version)).send(inc);
    },
  );

  app.post(
    '/incidents/:id/transition',
    {
      schema: {
        tags,
        summary: 'Move an incident along its lifecycle',
        description: 'Optionally guarded by If-Match or `version`; a move the lifecycle forbids is 409 invalid_transition.',
        params: idParams,
        body: transitionRequestSchema,
        response: { 200: incidentSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const { to, at, note, version } = req.body;
      const inc = await transitionIncident(deps, contextOf(req), req.params.id, to, { at, note, version: versionFrom(req.headers['if-match'], version) });
      return reply.header('etag', etagFor(inc.version)).send(inc);
    },
  );

  app.post(
    '/incidents/import',
    {
      schema: {
        tags,
        summary: 'Import an exported incident record',
        description:
          'A new id is created as given (201); equal content is left alone (200 unchanged); other content is 409 conflict unless ?replace=true, ' +
          'which also replaces the removed timeline entries when the body has `timeline_dismissals`. Record and removals are written in one transaction.',
        querystring: importQuery,
        body: incidentImportSchema,
        response: { 200: importResultSchema, 201: importResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const result = await importIncident(deps, contextOf(req), req.body, { replace: req.query.replace, newId: req.query.new_id });
      if (result.outcome === 'created') void reply.code(201).header('location', location(result.incident.id));
      return reply.header('etag', etagFor(result.incident.version)).send(result);
    },
  );

  done();
};
