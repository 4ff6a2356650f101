/**
 * Alertmanager's webhook payload (version 4) and its alerts, validated at the boundary. Unknown
 * fields are kept, not stripped: the payload is stored as evidence, and newer senders add fields.
 */
import { z } from 'zod';
import { parseTimestamp } from '../../shared/time.js';

const labelMap = () => z.record(z.string(), z.string());

function isInstant(s: string): boolean {
  try {
    parseTimestamp(s);
    return true;
  } catch {
    return false;
  }
}

const instant = () => z.string().max(64).refine(isInstant, { message: 'expected an RFC 3339 timestamp' });

export const ALERT_STATUSES = ['firing', 'resolved'] as const;

export const alertSchema = z
  .looseObject({
    status: z.enum(ALERT_STATUSES),
    labels: labelMap(),
    annotations: labelMap().default({}),
    startsAt: instant(),
    /** `0001-01-01T00:00:00Z` while firing (Go's zero time). */
    endsAt: instant().optional(),
    generatorURL: z.string().default(''),
    /** Hash of the labels (Alertmanager sends 16 hex digits); computed from them when a sender leaves it out. */
    fingerprint: z
      .string()
      .regex(/^[0-9a-fA-F]{1,32}$/, 'expected hex digits')
      .optional(),
  })
  .meta({ id: 'AlertmanagerAlert' });
export type Alert = z.output<typeof alertSchema>;

export const alertmanagerWebhookSchema = z
  .looseObject({
    version: z.literal('4', { message: 'only version 4 of the Alertmanager webhook payload is understood' }),
    groupKey: z.string(),
    truncatedAlerts: z.number().int().nonnegative().default(0),
    status: z.enum(ALERT_STATUSES),
    receiver: z.string(),
    groupLabels: labelMap().default({}),
    commonLabels: labelMap().default({}),
    commonAnnotations: labelMap().default({}),
    externalURL: z.string().default(''),
    alerts: z.array(alertSchema).max(10_000),
  })
  .meta({ id: 'AlertmanagerWebhook', description: 'The payload Alertmanager POSTs to a webhook receiver (version 4).' });
export type AlertmanagerWebhook = z.output<typeof alertmanagerWebhookSchema>;
