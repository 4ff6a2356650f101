/** HTTP shapes of the root-cause workspace and the post-mortem review (requests validated, responses documented). */
import { z } from 'zod';
import { MARKERS, evidenceLinkSchema, incidentContentSchema } from '../incidents/schema/index.js';
import { LINE_MAX, TEXT_MAX } from '../incidents/schema/fields.js';
import { REVIEW_STATES } from './types.js';

const text = z.string().max(TEXT_MAX);
const links = z.array(evidenceLinkSchema).max(50);
const stepId = z.string().trim().max(10);

export const editResultSchema = z
  .object({
    result: z.unknown().describe('The id(s) the edit created or touched'),
    version: z.number().int().describe('The incident version after the edit'),
    notes: z.array(z.string()).optional().describe('What the edit did beside what was asked: a marker moved off another entry, a link whose anchor could not be checked'),
  })
  .meta({ id: 'WorkspaceEditResult' });

/** Stable ids of suggestions (S…) and drafts (D…): a letter and at least four hex digits, as GET lists them. */
const proposalId = (prefix: 'S' | 'D') =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^[${prefix}${prefix.toLowerCase()}][0-9a-fA-F]{4,40}$`), `expected an id such as ${prefix}3fa2`)
    .meta({ example: `${prefix}3fa2` });

export const whyAddSchema = z
  .strictObject({
    question: text,
    answer: text.optional(),
    parent: stepId.nullable().optional().describe('The step this one asks why about; null: a first why; absent: the last step'),
    root_cause: z.boolean().optional(),
    evidence: links.optional(),
  })
  .meta({ id: 'WhyAdd' });

export const whyEditSchema = z
  .strictObject({
    question: text.optional(),
    answer: text.optional(),
    parent: stepId.nullable().optional(),
    root_cause: z.boolean().optional(),
    evidence: links.optional().describe('Links to add'),
    unlink: links.optional().describe('Links to remove'),
  })
  .meta({ id: 'WhyEdit' });

export const causeAddSchema = z
  .strictObject({ category: z.string().max(LINE_MAX), cause: text, factor: stepId.optional(), evidence: links.optional(), new_category: z.boolean().default(false) })
  .meta({ id: 'FishboneCauseAdd' });

export const categoriesSchema = z.strictObject({ categories: z.array(z.string().max(LINE_MAX)).min(1).max(20) }).meta({ id: 'FishboneCategories' });

export const factorDecisionSchema = z
  .strictObject({
    accept: z.array(proposalId('S')).max(100).default([]).describe('Ids of open suggestions (S…, as GET …/factors lists them)'),
    reject: z.array(proposalId('S')).max(100).default([]),
    category: z.string().max(LINE_MAX).optional(),
  })
  .meta({ id: 'FactorDecision' });

export const factorAddSchema = z
  .strictObject({ description: text, details: text.optional(), category: z.string().max(LINE_MAX).optional(), evidence: links.optional() })
  .meta({ id: 'FactorAdd' });

export const factorStatusSchema = z.strictObject({ status: z.enum(['accepted', 'rejected']) }).meta({ id: 'FactorStatus' });

export const adoptSchema = z
  .strictObject({
    drafts: z.array(proposalId('D')).min(1).max(100).describe('Ids of open drafts (D…, as GET …/action-drafts lists them)'),
    owner: z.string().max(LINE_MAX).optional(),
    due: z.string().max(64).optional().describe('A date (2025-12-01) or an RFC 3339 timestamp; anything else is refused').meta({ example: '2025-12-01' }),
  })
  .meta({ id: 'ActionAdopt' });

export const entryAddSchema = z
  .strictObject({
    at: incidentContentSchema.shape.started_at,
    event: text,
    marker: z.enum(MARKERS).optional(),
    pinned: z.boolean().optional(),
    annotation: text.optional(),
    evidence: links.optional(),
  })
  .meta({ id: 'TimelineEntryAdd' });

export const entryEditSchema = z
  .strictObject({ pinned: z.boolean().optional(), annotation: text.optional(), marker: z.enum(MARKERS).nullable().optional(), evidence: links.optional() })
  .meta({ id: 'TimelineEntryEdit' });

export const REVIEW_ACTIONS = ['submit', 'approve', 'request_changes', 'publish', 'reopen'] as const;

export const reviewStepSchema = z
  .strictObject({
    action: z.enum(REVIEW_ACTIONS),
    comment: z.string().max(5000).optional(),
    version: z.number().int().positive().optional().describe('The incident version reviewed (or send If-Match); refused if it changed since'),
  })
  .meta({ id: 'ReviewStep' });

export const reviewInfoSchema = z
  .object({
    state: z.enum(REVIEW_STATES),
    note: z.string().optional(),
    published_version: z.number().int().optional(),
    events: z.array(
      z.object({
        action: z.enum(['submitted', 'approved', 'changes_requested', 'published', 'reopened']),
        actor: z.string(),
        role: z.string(),
        at: z.string(),
        incident_version: z.number().int(),
        comment: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'ReviewInfo', description: 'Effective review state (an approval of content that changed since is void) and every step taken.' });
