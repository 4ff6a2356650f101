/** HTTP routes of the audit trail: an incident's entries, all entries in pages, and chain verification. */
import { z } from 'zod';
import { incidentIdSchema } from '../incidents/schema/index.js';
import { problemResponses, type RoutePlugin } from '../server/kit.js';
import type { AuditEntry } from './chain.js';
import { listAudit, verifyAudit } from './store.js';

export const AUDIT_LIMIT_MAX = 500;

export const auditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    source: z.string(),
    request_id: z.string().nullable(),
    action: z.string(),
    subject: z.string(),
    changes: z.string().describe('JSON text of what changed, exactly as hashed'),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'AuditPage', description: 'Entries in chain order (oldest first).' });

export const auditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    problems: z.array(z.object({ seq: z.number().int(), problem: z.enum(['edited', 'missing', 'reordered', 'truncated']), message: z.string() })),
  })
  .meta({ id: 'AuditVerification' });

const page = {
  limit: z.coerce.number().int().min(1).max(AUDIT_LIMIT_MAX).default(100),
  offset: z.coerce.number().int().min(0).default(0),
};

/** The API's snake_case shape of an entry. */
function present(e: AuditEntry): z.input<typeof auditEntrySchema> {
  return { seq: e.seq, at: e.at, actor: e.actor, source: e.source, request_id: e.requestId, action: e.action, subject: e.subject, changes: e.changes, prev_hash: e.prevHash, hash: e.hash };
}

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
      return { items: items.map(present), limit, offset };
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
      return { items: items.map(present), limit, offset };
    },
  );

  app.get(
    '/audit/verify',
    { schema: { tags, summary: 'Verify the hash chain of the whole trail', response: { 200: auditVerificationSchema, ...problemResponses } } },
    () => verifyAudit(deps.db),
  );

  done();
};
