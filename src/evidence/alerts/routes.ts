/**
 * POST /webhooks/alertmanager: Alertmanager's webhook receiver. Alertmanager sends a bearer token
 * with `http_config.authorization`; the token needs the responder role (as any write does).
 */
import { z } from 'zod';
import { contextOf, problemResponses, type RoutePlugin } from '../../server/kit.js';
import { ALERT_STATUSES, alertmanagerWebhookSchema } from './schema.js';
import { receiveAlertmanagerWebhook } from './service.js';

export const webhookResultSchema = z
  .object({
    receiver: z.string(),
    status: z.enum(ALERT_STATUSES),
    evidence: z.array(z.object({ id: z.string(), incident_id: z.string().nullable(), created: z.boolean() })),
    alerts: z.array(
      z.object({
        fingerprint: z.string(),
        alertname: z.string(),
        status: z.enum(ALERT_STATUSES),
        incident: z.object({
          id: z.string().nullable(),
          outcome: z.enum(['opened', 'existing', 'disabled', 'resolved', 'severity_not_listed']),
        }),
      }),
    ),
  })
  .meta({ id: 'WebhookResult', description: 'The evidence stored (once per incident concerned) and, per alert, the incident opened or found.' });

/**
 * @example app.register(alertWebhookRoutes, { deps, prefix: '/api/v1' });
 */
export const alertWebhookRoutes: RoutePlugin = (app, { deps }, done) => {
  app.post(
    '/webhooks/alertmanager',
    {
      config: { access: 'responder' },
      schema: {
        tags: ['webhooks'],
        summary: 'Receive an Alertmanager webhook notification',
        description:
          'Stores the payload as alert evidence; with `webhook.open_incidents` configured, a firing alert whose severity label is listed opens an incident, once per alert fingerprint until that incident is closed.',
        body: alertmanagerWebhookSchema,
        response: { 200: webhookResultSchema, ...problemResponses },
      },
    },
    (req) => receiveAlertmanagerWebhook(deps, { ...contextOf(req), source: 'webhook' }, req.body),
  );
  done();
};
