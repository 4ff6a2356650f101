/** HTTP routes of the audit trail: an incident's entries, all entries in pages, and chain verification. */
import { z } from 'zod';
import { incidentIdSchema } from '../incidents/schema/index.js';
import { problemResponses, type RoutePlugin } from '../server/kit.js';
import { auditPageSchema, auditVerificationSchema, presentAuditEntry } from './schema.js';
import { listAudit, verifyAudit } from './store.js';

export const AUDIT_LIMIT_MAX = 500;

export { auditEntrySchema, auditPageSchema, auditVerificationSchema } from './schema.js';

const page = {
  limit: z.coerce.number().int().min(1).max(AUDIT_LIMIT_MAX).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

const tags = ['audit'];

/**
 * Registers the audit routes (mounted under /api/v1).
 * @example app.register(auditRoutes, { deps, prefix: '/api/v1' });
 */
export const auditRoutes: RoutePlugin = (app, { deps }, done) => {
  app.get(
    '/incidents/:id/audit',
    {
      schema: {
        tags,
        summary: "An incident's audit entries",
        params: z.object({ id: incidentIdSchema }),
        querystring: z.strictObject(page),
        response: { 200: auditPageSchema, ...problemResponses },
      },
    },
    async (req) => {
      const { limit, offset } = req.query;
      const items = await listAudit(deps.db, { subject: req.params.id, limit, offset });
      return { items: items.map(presentAuditEntry), limit, offset };
    },
  );

  app.get(
    '/audit',
    {
      schema: {
        tags,
        summary: 'The audit trail, in pages',
        querystring: z.strictObject({ ...page, subject: z.string().min(1).max(100).optional().describe('Only entries about this subject (incident id, token:ID)') }),
        response: { 200: auditPageSchema, ...problemResponses },
      },
    },
    async (req) => {
      const { limit, offset, subject } = req.query;
      const items = await listAudit(deps.db, { subject, limit, offset });
      return { items: items.map(presentAuditEntry), limit, offset };
    },
  );

  app.get(
    '/audit/verify',
    { schema: { tags, summary: 'Verify the hash chain of the whole trail', response: { 200: auditVerificationSchema, ...problemResponses } } },
    () => verifyAudit(deps.db),
  );

  done();
};
