/**
 * HTTP routes of evidence: list an incident's, describe one, read the bytes stored, and attach text,
 * a link or (under `server.evidence_roots` only) a file on the server, as `pfa evidence` does.
 */
import { z } from 'zod';
import { incidentIdSchema } from '../incidents/schema/index.js';
import { contextOf, problemResponses, type RoutePlugin } from '../server/kit.js';
import { EVIDENCE_KINDS, evidenceAttachResultSchema, evidenceAttachSchema, evidenceInfoSchema, UPLOAD_LIMIT, type Evidence } from './schema.js';
import { removeEvidence } from './remove.js';
import { attachEvidence, getEvidence, incidentEvidence, storedContent, withoutContent } from './service.js';

const tags = ['evidence'];
const idParams = z.object({ id: incidentIdSchema });
const evidenceParams = z.object({ eid: z.string().min(1).max(200).describe('Evidence id, e.g. file-3f9a0c1d2e4b-SYS-20251119-001') });
const listQuery = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
const evidenceListSchema = z.object({ evidence: z.array(evidenceInfoSchema) }).meta({ id: 'EvidenceList', description: 'Newest first, without content (as `pfa evidence list --json`).' });
const removeQuery = z.strictObject({ force: z.enum(['true', 'false']).default('false').describe('remove even when the record cites it') });
const removedSchema = z.object({ removed: z.array(z.string()), notes: z.array(z.string()) }).meta({ id: 'EvidenceRemoved' });
/** Stored bytes are the user's, not ours: never rendered or run by a browser that opens them. */
const CONTENT_CSP = "default-src 'none'; sandbox";

/** How the stored bytes are sent: JSON documents as JSON, clean text as text, anything else as bytes. */
function mediaType(e: Evidence): string {
  if (e.metadata.encoding === 'base64') return 'application/octet-stream';
  if (e.kind === 'snapshot' || e.kind === 'alert') return 'application/json; charset=utf-8';
  return 'text/plain; charset=utf-8';
}

/** A download name of plain characters only: the evidence name is user text, and a header is no place for quotes or newlines. */
const downloadName = (name: string) => name.replace(/[^\w.-]+/g, '_').slice(0, 200) || 'evidence';

export const evidenceRoutes: RoutePlugin = (app, { deps }, done) => {
  app.get(
    '/incidents/:id/evidence',
    { schema: { tags, summary: "An incident's evidence, newest first, without content", params: idParams, querystring: listQuery, response: { 200: evidenceListSchema, ...problemResponses } } },
    async (req) => ({ evidence: await incidentEvidence(deps, req.params.id, req.query) }),
  );

  app.post(
    '/incidents/:id/evidence',
    {
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags,
        summary: 'Attach text, a link, or a file on the server to an incident',
        description:
          `Exactly one of \`{name, content}\` (text, stored whole; the body is at most ${UPLOAD_LIMIT / 1024 / 1024} MiB), \`{name, content_base64}\` ` +
          '(bytes that are not UTF-8, stored exactly), `{url}` (http or https) or `{path}` ' +
          '(an absolute path on the server, refused with 403 unless it resolves, symbolic links and all, under a directory listed in `server.evidence_roots`; ' +
          'a directory stands for the files in it). Ids derive from the content, so attaching the same bytes again changes nothing: ' +
          '201 when something was added, 200 when everything was attached already.',
        params: idParams,
        body: evidenceAttachSchema,
        response: { 200: evidenceAttachResultSchema, 201: evidenceAttachResultSchema, ...problemResponses },
      },
    },
    async (req, reply) => {
      const r = await attachEvidence(deps, contextOf(req), req.params.id, req.body);
      return reply.code(r.added.length ? 201 : 200).send(r);
    },
  );

  app.delete(
    '/incidents/:id/evidence/:eid',
    {
      schema: {
        tags,
        summary: 'Remove a piece of evidence from an incident',
        description:
          'Its row and stored bytes go; the audit log keeps its name, kind, size and SHA-256. Refused with 409 while the record cites it ' +
          '(links of whys, factors, fishbone causes, timeline entries; the system state filled from a snapshot), unless `force=true`: then the links stay, ' +
          'show it as not attached, and `notes` names them.',
        params: idParams.extend(evidenceParams.shape),
        querystring: removeQuery,
        response: { 200: removedSchema, ...problemResponses },
      },
    },
    async (req) => removeEvidence(deps, contextOf(req), req.params.id, [req.params.eid], { force: req.query.force === 'true' }),
  );

  app.get(
    '/evidence/:eid',
    { schema: { tags, summary: 'One piece of evidence: what it is, where it lives, its checksum (without content)', params: evidenceParams, response: { 200: evidenceInfoSchema, ...problemResponses } } },
    async (req) => withoutContent(await getEvidence(deps, req.params.eid)),
  );

  app.get(
    '/evidence/:eid/content',
    {
      schema: {
        tags,
        summary: 'The bytes stored of a piece of evidence, exactly as attached',
        description: 'Text as text/plain, snapshots and alert payloads as JSON, bytes that are not UTF-8 as application/octet-stream. A link or a file kept by reference (over 1 MiB when attached) has nothing stored: 400.',
        params: evidenceParams,
      },
    },
    async (req, reply) => {
      const e = await getEvidence(deps, req.params.eid);
      const bytes = storedContent(e);
      return reply
        .type(mediaType(e))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', CONTENT_CSP)
        .header('content-disposition', `attachment; filename="${downloadName(e.name)}"`)
        .send(bytes);
    },
  );

  done();
};
