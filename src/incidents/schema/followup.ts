/** Lessons, prevention, corrective actions, related incidents, action items, sign-off and supporting information. */
import { z } from 'zod';
import { actionHorizon, actionPriority, actionType, actionStatus, postmortemCompleted, trend, yesNoUncertain } from './choices.js';
import { line, lines, num, required, text, timestamp } from './fields.js';
import { itemId } from './rca.js';

export const lessonsSchema = z
  .strictObject({
    went_well: lines().optional(),
    went_poorly: lines().optional(),
    lessons_learned: lines().optional(),
    knowledge_gaps: text().optional(),
    technical_debt: text().optional(),
    architectural_concerns: text().optional(),
  })
  .meta({ id: 'Lessons', description: 'What went well, what could be improved, lessons learned.' });

const ownedAction = z.strictObject({ action: text(), owner: line().optional(), target_date: line().optional() });

export const preventionSchema = z
  .strictObject({
    immediate_actions: z.array(ownedAction).max(100).optional(),
    monitoring: z
      .strictObject({
        alert_metric: line().optional(),
        alert_threshold: line().optional(),
        alert_action: line().optional(),
        dashboard: line().optional(),
        health_check: line().optional(),
      })
      .optional(),
    testing: z
      .strictObject({
        new_test_cases: text().optional(),
        coverage_from_pct: num().optional(),
        coverage_to_pct: num().optional(),
        performance_benchmarks: text().optional(),
      })
      .optional(),
    documentation: z
      .strictObject({
        runbook: line().optional(),
        architecture_docs: line().optional(),
        operations_manual: line().optional(),
        training_materials: line().optional(),
      })
      .optional(),
    process: z
      .strictObject({
        deployment: line().optional(),
        code_review: line().optional(),
        change_management: line().optional(),
        capacity_planning: line().optional(),
      })
      .optional(),
    technical: z
      .strictObject({
        redundancy: line().optional(),
        circuit_breaker: line().optional(),
        resource_limits: line().optional(),
        graceful_degradation: line().optional(),
      })
      .optional(),
  })
  .meta({ id: 'Prevention', description: 'Monitoring, testing, documentation, process and technical improvements.' });

export const correctiveActionSchema = z.strictObject({
  id: itemId().optional(),
  horizon: actionHorizon.one(),
  description: required(),
  done: z.boolean().optional(),
  type: actionType.one().optional(),
  /** The why step (W…), factor (F…) or fishbone cause (C…) the action answers. */
  source: line().optional(),
});

export const relatedSchema = z
  .strictObject({
    similar: z
      .array(z.strictObject({ incident_id: line(), date: line().optional(), similarity: line().optional() }))
      .max(100)
      .optional(),
    is_pattern: yesNoUncertain.one().optional(),
    pattern_description: text().optional(),
    frequency: line().optional(),
    trend: trend.one().optional(),
    systemic_issues: text().optional(),
  })
  .meta({ id: 'RelatedIncidents', description: 'Similar past incidents and pattern analysis.' });

export const actionItemSchema = z.strictObject({
  id: itemId().optional(),
  priority: actionPriority.one(),
  action: required(),
  owner: line().optional(),
  due: line().optional(),
  status: actionStatus.one().optional(),
  /** The corrective action (A…) this item tracks. */
  source: line().optional(),
});

const signature = z.strictObject({ name: line(), role: line().optional(), date: line().optional() });

export const signoffSchema = z
  .strictObject({
    analyzed_by: signature.optional(),
    reviewed_by: signature.optional(),
    approved_by: signature.optional(),
    postmortem_completed: postmortemCompleted.one().optional(),
    postmortem_document: line().optional(),
    closed_at: timestamp().optional(),
  })
  .meta({ id: 'SignOff', description: 'Analyzed, reviewed and approved by whom, in which role, when.' });

export const supportingSchema = z
  .strictObject({
    links: z.array(z.strictObject({ label: line(), url: line().optional() })).max(200).optional(),
    diagnostic_commands: text().optional(),
    hardware_diagnostics: z
      .strictObject({ cpu: line().optional(), memory: line().optional(), disk: line().optional(), network: line().optional() })
      .optional(),
    vendor_support: z
      .strictObject({
        ticket: line().optional(),
        vendor: line().optional(),
        response_time: line().optional(),
        resolution: text().optional(),
      })
      .optional(),
    notes: text().optional(),
  })
  .meta({ id: 'SupportingInformation', description: 'Links, diagnostics, vendor support, additional notes.' });

/** When each post-mortem deadline of the framework was met (see policy/). */
export const milestonesSchema = z
  .strictObject({
    initial_timeline_at: timestamp().optional(),
    draft_at: timestamp().optional(),
    final_at: timestamp().optional(),
    actions_started_at: timestamp().optional(),
    fixes_reviewed_at: timestamp().optional(),
  })
  .meta({ id: 'Milestones', description: 'When each post-mortem deadline was met.' });

export const reviewSchema = z
  .strictObject({ reviewed_by: line().optional(), date: line().optional(), approved: z.boolean().optional() })
  .meta({ id: 'Review', description: 'Post-mortem review.' });
