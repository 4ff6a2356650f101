/** Impact assessment and immediate response (system-failure log and post-mortem impact sections). */
import { z } from 'zod';
import { dataLoss, detectionMethod, failoverExecuted, failoverSuccess, timelineSource, yesNo } from './choices.js';
import { count, line, num, required, text, timestamp } from './fields.js';
import { evidenceLinks, itemId } from './rca.js';

export const impactSchema = z
  .strictObject({
    summary: text().optional(),
    trading: z
      .strictObject({
        downtime: line().optional(),
        strategies_affected: text().optional(),
        orders_lost: count().optional(),
        orders_failed: count().optional(),
        financial_loss_usd: num().nonnegative().optional(),
        financial_loss_notes: text().optional(),
      })
      .optional(),
    technical: text().optional(),
    financial: text().optional(),
    customer: text().optional(),
    recovery: z
      .strictObject({
        detection_time: line().optional(),
        diagnosis_time: line().optional(),
        fix_time: line().optional(),
        verification_time: line().optional(),
        total_time: line().optional(),
      })
      .optional(),
    sla: z
      .strictObject({
        rto: line().optional(),
        actual_recovery: line().optional(),
        met: yesNo.one().optional(),
        variance: line().optional(),
      })
      .optional(),
    data_loss: z.strictObject({ kinds: dataLoss.many().optional(), details: text().optional() }).optional(),
    downstream_effects: text().optional(),
    /** Post-mortem triggers of the framework that are not derivable from other fields. */
    regulatory_reporting_required: z.boolean().optional(),
    circuit_breaker_activated: z.boolean().optional(),
    emergency_halt: z.boolean().optional(),
  })
  .meta({ id: 'Impact', description: 'Trading, technical, financial and customer impact; recovery against RTO/SLA; data loss.' });

export const responseSchema = z
  .strictObject({
    detection_methods: detectionMethod.many().optional(),
    emergency_response: z.array(z.strictObject({ time: line(), action: text() })).max(500).optional(),
    recovery_steps: z.array(z.strictObject({ step: text(), result: text().optional() })).max(200).optional(),
    failover: z
      .strictObject({
        executed: failoverExecuted.one().optional(),
        from_system: line().optional(),
        to_system: line().optional(),
        failover_time: line().optional(),
        data_sync_status: line().optional(),
        success: failoverSuccess.one().optional(),
      })
      .optional(),
  })
  .meta({ id: 'Response', description: 'Detection method, emergency response log, recovery steps, failover.' });

export const MARKERS = ['first_indication', 'detection', 'diagnosis', 'fix', 'verification', 'recovery'] as const;
export type Marker = (typeof MARKERS)[number];

/** One entry of the curated timeline: saved from the reconstruction, or written by hand. */
export const timelineEntrySchema = z.strictObject({
  id: itemId().optional(),
  at: timestamp(),
  event: required(),
  /** Curated marker: first_indication, detection, diagnosis, fix, verification, recovery. */
  marker: z.enum(MARKERS).optional(),
  source: timelineSource.one().optional(),
  event_type: line().optional(),
  /** Pinned entries are the key events: when any is pinned, the post-mortem's table shows those (and marked ones). */
  pinned: z.boolean().optional(),
  annotation: text().optional(),
  evidence: evidenceLinks().optional(),
});
export type TimelineEntry = z.output<typeof timelineEntrySchema>;
