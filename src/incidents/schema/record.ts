/**
 * The incident record: the union of the system-failure entry and the post-mortem template, one
 * schema per section. These schemas validate HTTP bodies, CLI input and imports, and generate OpenAPI.
 */
import { z } from 'zod';
import { parseTimestamp } from '../../shared/time.js';
import { ID_PATTERN } from '../ids.js';
import { component, failureType, KINDS, SEVERITIES, type Kind, type Severity } from './choices.js';
import { analysisSchema, failureSchema } from './failure.js';
import {
  actionItemSchema,
  correctiveActionSchema,
  lessonsSchema,
  milestonesSchema,
  preventionSchema,
  relatedSchema,
  reviewSchema,
  signoffSchema,
  supportingSchema,
} from './followup.js';
import { CONTROL_MESSAGE, foldLines, isCleanText, line, text, timestamp } from './fields.js';
import { impactSchema, responseSchema, timelineEntrySchema } from './impact.js';
import { resolutionSchema } from './resolution.js';
import { symptomsSchema, systemStateSchema } from './state.js';

export { KINDS, SEVERITIES, type Kind, type Severity };

export const STATUSES = ['open', 'mitigated', 'resolved', 'postmortem', 'in_review', 'approved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const TITLE_MAX = 300;

export const summarySchema = z
  .strictObject({
    description: text().optional(),
    executive_summary: text().optional(),
    impact_headline: line().optional(),
    incident_commander: line().optional(),
    responders: z.array(line()).max(100).optional(),
  })
  .meta({ id: 'Summary', description: 'What happened in brief, and who responded.' });

export const incidentIdSchema = z.string().regex(ID_PATTERN, 'expected an id like SYS-20251126-001 or INC-20251126-001');

/** Everything a user writes into an incident. */
const contentShape = {
  kind: z.enum(KINDS).default('inc').describe('sys: system failure (SYS- ids); inc: other incident (INC- ids).'),
  title: z
    .string()
    .overwrite((s) => foldLines(s).trim())
    .min(1, 'must not be empty')
    .max(TITLE_MAX)
    .refine(isCleanText, { message: CONTROL_MESSAGE }),
  severity: z
    .string()
    .overwrite((s) => s.trim().toUpperCase().replace(/^(P\d).*$/, '$1'))
    .pipe(z.enum(SEVERITIES, { message: `expected one of ${SEVERITIES.join(', ')} (P0 critical … P4 informational)` })),
  started_at: timestamp(),
  ended_at: timestamp().optional(),
  component: component.one().optional(),
  failure_type: failureType.one().optional(),
  summary: summarySchema.optional(),
  symptoms: symptomsSchema.optional(),
  system_state: systemStateSchema.optional(),
  failure: failureSchema.optional(),
  analysis: analysisSchema.optional(),
  impact: impactSchema.optional(),
  response: responseSchema.optional(),
  resolution: resolutionSchema.optional(),
  lessons: lessonsSchema.optional(),
  prevention: preventionSchema.optional(),
  corrective_actions: z.array(correctiveActionSchema).max(500).optional(),
  related: relatedSchema.optional(),
  action_items: z.array(actionItemSchema).max(500).optional(),
  signoff: signoffSchema.optional(),
  supporting: supportingSchema.optional(),
  timeline: z.array(timelineEntrySchema).max(10_000).optional(),
  milestones: milestonesSchema.optional(),
  review: reviewSchema.optional(),
};

function endNotBeforeStart(v: { started_at: string; ended_at?: string | undefined }): boolean {
  return v.ended_at === undefined || parseTimestamp(v.ended_at).ns >= parseTimestamp(v.started_at).ns;
}
const endMessage = { message: 'ended_at must not be before started_at', path: ['ended_at'] };

export const incidentContentSchema = z.strictObject(contentShape).refine(endNotBeforeStart, endMessage).meta({ id: 'IncidentContent' });
export type IncidentContent = z.output<typeof incidentContentSchema>;

/** What `create` and `import` accept: the content, optionally with an id (imports keep theirs). */
export const incidentCreateSchema = z
  .strictObject({ ...contentShape, id: incidentIdSchema.optional() })
  .refine(endNotBeforeStart, endMessage)
  .meta({ id: 'IncidentCreate' });
export type IncidentCreate = z.input<typeof incidentCreateSchema>;

export const incidentSchema = z
  .strictObject({
    id: incidentIdSchema,
    status: z.enum(STATUSES),
    version: z.number().int().positive(),
    created_at: z.string(),
    updated_at: z.string(),
    ...contentShape,
  })
  .meta({ id: 'Incident' });
export type Incident = z.output<typeof incidentSchema>;

/** The keys of the content that a user may change with an update (not id, kind, status or bookkeeping). */
export const UPDATABLE_KEYS = Object.keys(contentShape).filter((k) => k !== 'kind');

/** A JSON merge patch (RFC 7396) over the content: objects merge, arrays replace, null removes. */
export const incidentPatchSchema = z
  .record(z.string(), z.unknown())
  .refine((p) => Object.keys(p).every((k) => UPDATABLE_KEYS.includes(k)), {
    message: `only these fields can be updated: ${UPDATABLE_KEYS.join(', ')}`,
  })
  .meta({ id: 'IncidentPatch' });
export type IncidentPatch = Record<string, unknown>;
