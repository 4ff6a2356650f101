/** Settings a team may change: post-mortem policy thresholds and deadlines, recovery objectives. */
import { isAbsolute } from 'node:path';
import { z } from 'zod';
import { SEVERITIES } from '../incidents/schema/index.js';
import { parseDuration } from '../shared/time.js';

const duration = () =>
  z.string().refine((s) => {
    try {
      return parseDuration(s) > 0n;
    } catch {
      return false;
    }
  }, 'expected a positive duration such as 24h, 7d or 90m');

export const policyConfigSchema = z
  .strictObject({
    mandatory_severities: z.array(z.enum(SEVERITIES)).default(['P0', 'P1', 'P2']),
    outage_threshold: duration().default('5m'),
    financial_loss_threshold_usd: z.number().nonnegative().default(10_000),
    deadlines: z
      .strictObject({
        initial_timeline: duration().default('24h'),
        draft: duration().default('48h'),
        final: duration().default('7d'),
        actions_started: duration().default('14d'),
        fixes_reviewed: duration().default('30d'),
      })
      .prefault({}),
    /** A deadline is "due" (not yet overdue) from this long before it. */
    due_soon: duration().default('12h'),
  })
  .prefault({});
export type PolicyConfig = z.output<typeof policyConfigSchema>;

/** What the Alertmanager webhook receiver does beyond storing payloads (see evidence/alerts). */
export const webhookConfigSchema = z
  .strictObject({
    /** Open an incident from a firing alert whose `severity` label is listed. */
    open_incidents: z.boolean().default(false),
    severities: z.array(z.string().trim().min(1)).default(['critical']),
    default_severity: z.enum(SEVERITIES).default('P1'),
  })
  .prefault({});
export type WebhookConfig = z.output<typeof webhookConfigSchema>;

/** The fishbone's categories: the framework's six by default, or a team's own (hardware, OS/kernel, network…). */
export const fishboneConfigSchema = z
  .strictObject({
    categories: z.array(z.string().trim().min(1).max(100)).min(1).max(20).default(['People', 'Process', 'Technology', 'Environment', 'Procedures', 'Tools']),
  })
  .prefault({});

/**
 * What `pfa serve` lets API clients do with the server's own files. `evidence_roots`: the directories
 * whose files a client may attach by path (`POST /incidents/{id}/evidence {path}`); empty, the
 * default, allows none: a remote client must not make the server read any file it likes
 * (/etc/shadow) into evidence it can then download.
 */
export const serverConfigSchema = z
  .strictObject({
    evidence_roots: z.array(z.string().trim().min(1).refine(isAbsolute, 'expected an absolute directory path, e.g. /var/log')).max(100).default([]),
  })
  .prefault({});
export type ServerConfig = z.output<typeof serverConfigSchema>;

export const configSchema = z
  .strictObject({
    policy: policyConfigSchema,
    webhook: webhookConfigSchema,
    /** Recovery time objective per component (component value → duration), with a default. */
    rto: z.record(z.string(), duration()).default({ default: '15m' }),
    fishbone: fishboneConfigSchema,
    server: serverConfigSchema,
  })
  .prefault({});
export type Config = z.output<typeof configSchema>;

export const DEFAULT_CONFIG: Config = configSchema.parse({});
