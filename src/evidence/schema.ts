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

/** Evidence as lists and descriptions give it: everything but the content (read it on its own). */
export const evidenceInfoSchema = evidenceSchema.omit({ content: true }).meta({ id: 'EvidenceInfo' });
export type EvidenceInfo = z.output<typeof evidenceInfoSchema>;

/** Largest body of an upload (the text with its JSON escapes): a larger one is refused with 413 before it is parsed. */
export const UPLOAD_LIMIT = 16 * 1024 * 1024;

const ONE_SOURCE = 'give one of {name, content} (text to store), {name, content_base64} (bytes to store), {url} or {path} (a file on the server, under server.evidence_roots)';
// Which variant a body is, is told by its keys; any other mix gets this one message, not three lists of issues.
const oneSource = { error: (iss: { code?: string }) => (iss.code === 'unrecognized_keys' || iss.code === 'invalid_union' ? ONE_SOURCE : undefined) };

/** A file name as uploads give it: the name only, no directory. */
const fileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((s) => !/[/\\\0]/.test(s) && s !== '.' && s !== '..', 'expected a file name without a directory, e.g. syslog')
  .describe('The file name it is known by, e.g. gw-01-syslog.log (its extension and first lines tell its format)');

/**
 * What to attach (POST /incidents/{id}/evidence), told apart by its keys: text to store, a link, or a
 * file on the server. The same sources `pfa evidence add` takes; the same file gets the same id.
 */
export const evidenceAttachSchema = z
  .union(
    [
      z.strictObject({ name: fileName, content: z.string().min(1).describe(`The text, stored whole (the request body is at most ${UPLOAD_LIMIT / 1024 / 1024} MiB)`) }, oneSource),
      z.strictObject(
        {
          name: fileName,
          content_base64: z
            .string()
            .min(4)
            .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'expected base64 (RFC 4648, padded)')
            .describe('The bytes, base64-encoded: a log that is not UTF-8 (Latin-1, NULs left by a crash), stored exactly'),
        },
        oneSource,
      ),
      z.strictObject({ url: z.string().min(1).max(4096).describe('An http or https link (a dashboard, a ticket)') }, oneSource),
      z.strictObject(
        {
          path: z
            .string()
            .min(1)
            .max(4096)
            .describe('An absolute path on the server, allowed only under a directory listed in server.evidence_roots; a directory stands for the files in it'),
        },
        oneSource,
      ),
    ],
    oneSource,
  )
  .meta({ id: 'EvidenceAttachRequest' });
export type EvidenceAttach = z.output<typeof evidenceAttachSchema>;

/** As `pfa evidence add --json`: what was attached now, and what was attached already (same content, same id). */
export const evidenceAttachResultSchema = z
  .object({ added: z.array(evidenceInfoSchema), existing: z.array(evidenceInfoSchema) })
  .meta({ id: 'EvidenceAttachResult' });
