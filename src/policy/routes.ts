/** HTTP routes of the post-mortem policy: one incident's policy and deadlines, and every overdue deadline. */
import { z } from 'zod';
import { incidentIdSchema } from '../incidents/schema/index.js';
import { problemResponses, type RoutePlugin } from '../server/kit.js';
import { DEADLINES } from './evaluate.js';
import { overdueDeadlines, policyFor } from './service.js';

const deadlineKeys = DEADLINES.map((d) => d.key) as [(typeof DEADLINES)[number]['key'], ...(typeof DEADLINES)[number]['key'][]];

export const deadlineSchema = z
  .object({
    key: z.enum(deadlineKeys),
    label: z.string(),
    due_at: z.string().nullable(),
    done_at: z.string().nullable(),
    state: z.enum(['met', 'late', 'pending', 'due', 'overdue', 'not_started']),
  })
  .meta({ id: 'Deadline' });

export const policyResultSchema = z
  .object({
    incident_id: z.string(),
    title: z.string(),
    status: z.string(),
    mandatory: z.boolean().describe('Whether a post-mortem is mandatory'),
    reasons: z.array(z.string()).describe('Why it is mandatory, or why optional'),
    deadlines: z.array(deadlineSchema),
    overdue: z.number().int(),
  })
  .meta({ id: 'PolicyResult' });

export const overdueListSchema = z
  .object({
    total: z.number().int(),
    items: z.array(z.object({ incident_id: z.string(), title: z.string(), severity: z.string(), status: z.string(), deadline: deadlineSchema })),
  })
  .meta({ id: 'OverdueList', description: 'Missed deadlines of mandatory post-mortems on incidents not closed, most overdue first.' });

const tags = ['policy'];

/**
 * Registers the policy routes (mounted under /api/v1).
 * @example app.register(policyRoutes, { deps, prefix: '/api/v1' });
 */
export const policyRoutes: RoutePlugin = (app, { deps }, done) => {
  app.get(
    '/incidents/:id/policy',
    {
      schema: {
        tags,
        summary: "An incident's post-mortem policy and deadlines",
        params: z.object({ id: incidentIdSchema }),
        response: { 200: policyResultSchema, ...problemResponses },
      },
    },
    (req) => policyFor(deps, req.params.id),
  );

  app.get('/overdue', { schema: { tags, summary: 'Every overdue post-mortem deadline', response: { 200: overdueListSchema, ...problemResponses } } }, async () => {
    const items = await overdueDeadlines(deps);
    return { total: items.length, items };
  });

  done();
};
