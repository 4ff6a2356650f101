/**
 * What an export carries beside the record: the timeline entries a curator removed, kept by the
 * store as the SHA-256 of each merge key (postmortem/workspace/store.ts) so that saving the
 * reconstruction again does not bring them back. Not content of the record (neither versioned nor
 * diffed), but part of its curated timeline: an export without them would lose the removals.
 */
import { z } from 'zod';
import { line, timestamp } from './fields.js';
import { incidentSchema } from './record.js';

/** Longest `removed_by` the store keeps (timeline_dismissals.removed_by is a varchar(200)). */
const ACTOR_MAX = 200;
/** An entry has one key for its instant and text, and one per evidence line it cites (50 links at most). */
const KEYS_MAX = 51;
/** Removals accumulate past the 10,000 entries a timeline holds at once. */
export const DISMISSALS_MAX = 100_000;

export const dismissalKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in 64 hexadecimal digits (the key of a removed timeline entry)');

/** One removed entry: who removed it when, and the keys under which the reconstruction is told it was removed. */
export const timelineDismissalSchema = z
  .strictObject({
    entry_id: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^T\d{1,6}$/, 'expected the id of a timeline entry, such as T17')
      .optional()
      .describe('The id the entry had when it was removed; an id once given out is not given to another entry'),
    removed_at: timestamp(),
    removed_by: line().min(1, 'must not be empty').max(ACTOR_MAX),
    keys: z.array(dismissalKeySchema).min(1).max(KEYS_MAX).describe('SHA-256 (hex) of each merge key of the entry: its instant with its text, and each evidence line it cites'),
  })
  .meta({ id: 'TimelineDismissal', description: 'A timeline entry a curator removed: saving the reconstruction again skips its events.' });
export type TimelineDismissal = z.output<typeof timelineDismissalSchema>;

export const timelineDismissalsSchema = z.array(timelineDismissalSchema).max(DISMISSALS_MAX);

/**
 * What an export holds beside the record, alone: validated with the field's name in every issue path
 * (`timeline_dismissals.0.keys.1: expected a SHA-256 …`). A file without the field (exported before
 * it existed) leaves the incident's removals as they are; an empty list means none.
 */
export const exportExtrasSchema = z.strictObject({ timeline_dismissals: timelineDismissalsSchema.optional() });
export type ExportExtras = z.output<typeof exportExtrasSchema>;

/** `pfa incident export` (and GET /incidents/{id}/export): the record and its removed timeline entries. */
export const incidentExportSchema = incidentSchema.extend({ timeline_dismissals: timelineDismissalsSchema }).meta({ id: 'IncidentExport' });
export type IncidentExport = z.output<typeof incidentExportSchema>;
