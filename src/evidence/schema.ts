/** Evidence attached to incidents: what it is, where it lives, and how to check it is unchanged. */
import { z } from 'zod';

export const EVIDENCE_KINDS = ['snapshot', 'file', 'url', 'alert'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const evidenceSchema = z
  .strictObject({
    id: z.string(),
    incident_id: z.string().nullable(),
    kind: z.enum(EVIDENCE_KINDS),
    name: z.string(),
    created_at: z.string(),
    created_by: z.string(),
    size: z.number().nullable(),
    sha256: z.string().nullable(),
    /** Present when the content is stored (snapshots, alerts, small files). */
    content: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Evidence' });
export type Evidence = z.output<typeof evidenceSchema>;
