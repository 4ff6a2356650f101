/**
 * The one shape of audit entries at every boundary (`GET /api/v1/audit`, `pfa audit list --json`):
 * snake_case like the rest of the API, `changes` as the JSON value it is.
 */
import { z } from 'zod';
import type { AuditEntry } from './chain.js';

export const auditEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    actor: z.string(),
    source: z.string(),
    request_id: z.string().nullable(),
    action: z.string(),
    subject: z.string(),
    changes: z.unknown().describe('What changed, as JSON; its shape depends on the action (incident.update: {version, fields: [{path, …}]}). The hash covers its JSON text.'),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });

export type AuditEntryJson = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z
  .object({ items: z.array(auditEntrySchema), limit: z.number().int(), offset: z.number().int() })
  .meta({ id: 'AuditPage', description: 'Entries in chain order (oldest first).' });

export const auditVerificationSchema = z
  .object({
    ok: z.boolean(),
    checked: z.number().int(),
    problems: z.array(z.object({ seq: z.number().int(), problem: z.enum(['edited', 'missing', 'reordered', 'truncated']), message: z.string() })),
  })
  .meta({ id: 'AuditVerification' });

/**
 * An entry as the API and the CLI show it. `changes` is stored as the exact text that was hashed;
 * it is parsed here (JSON.stringify of the parsed value gives that text back, so a verifier can
 * still recompute the hash).
 * @example presentAuditEntry(entry).request_id
 */
export function presentAuditEntry(e: AuditEntry): AuditEntryJson {
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    source: e.source,
    request_id: e.requestId,
    action: e.action,
    subject: e.subject,
    changes: parseChanges(e.changes),
    prev_hash: e.prevHash,
    hash: e.hash,
  };
}

/** A row edited by hand may hold text that is not JSON: shown as the text, for `audit verify` to flag. */
function parseChanges(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
