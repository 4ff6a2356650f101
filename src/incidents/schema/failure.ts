/** Failure details, crash-dump analysis, logs and root-cause analysis (system-failure log and post-mortem RCA). */
import { z } from 'zod';
import { crashDumpAvailability, factorKind, factorStatus, failureMode, methodology, notCaughtReason } from './choices.js';
import { line, lines, num, required, text, timestamp } from './fields.js';
import { evidenceLinks, fishboneSchema, itemId, whyStepSchema } from './rca.js';

export { whyStepSchema };

export const failureSchema = z
  .strictObject({
    first_indication_at: timestamp().optional(),
    complete_failure_at: timestamp().optional(),
    degradation_duration: line().optional(),
    mode: failureMode.one().optional(),
    crash_dump: z.strictObject({ available: crashDumpAvailability.one().optional(), location: line().optional() }).optional(),
    core_dump: z
      .strictObject({
        backtrace: text().optional(),
        faulting_address: line().optional(),
        signal: line().optional(),
        registers: text().optional(),
        thread_state: text().optional(),
      })
      .optional(),
    logs: z.strictObject({ syslog: text().optional(), dmesg: text().optional(), application: text().optional() }).optional(),
  })
  .meta({ id: 'FailureDetails', description: 'When and how the system failed; crash-dump analysis; log excerpts.' });

/**
 * A contributing factor: entered by hand, or an engine's suggestion a user accepted (or rejected:
 * kept so that it is not proposed again), each with the evidence behind it.
 */
export const contributingFactorSchema = z.strictObject({
  id: itemId().optional(),
  description: required(),
  details: text().optional(),
  kind: factorKind.one().optional(),
  /** Absent means accepted (factors typed into the form). */
  status: factorStatus.one().optional(),
  /** Fishbone category the factor belongs to. */
  category: line().optional(),
  /** The engine's score when suggested (robust z-score, similarity). */
  score: num().optional(),
  evidence: evidenceLinks().optional(),
});
export type ContributingFactor = z.output<typeof contributingFactorSchema>;

export const analysisSchema = z
  .strictObject({
    methodology: methodology.many().optional(),
    what_happened: text().optional(),
    five_whys: z.array(whyStepSchema).max(100).optional(),
    root_cause: text().optional(),
    technical_explanation: text().optional(),
    contributing_factors: z.array(contributingFactorSchema).max(200).optional(),
    fishbone: fishboneSchema.optional(),
    code_issues: z
      .strictObject({
        code_location: text().optional(),
        configuration_error: text().optional(),
        resource_limitation: text().optional(),
      })
      .optional(),
    why_not_caught: notCaughtReason.many().optional(),
    why_not_caught_explanation: text().optional(),
    /** Free-form tags for the knowledge base (symptom keywords, systems). */
    tags: lines().optional(),
  })
  .meta({ id: 'RootCauseAnalysis', description: 'Methodology, 5 whys, root cause, contributing factors.' });
