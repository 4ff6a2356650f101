/** Evidence use cases: attach and read, each attachment audited against its incident. */
import { createHash } from 'node:crypto';
import { appendAudit } from '../audit/store.js';
import { isUniqueViolation } from '../db/dialect.js';
import { inTransaction } from '../db/transaction.js';
import { getIncident, type Deps } from '../incidents/service.js';
import type { Context } from '../shared/context.js';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.js';
import { nowTimestamp } from '../shared/time.js';
import { storedBytes } from './files.js';
import { fileEvidence, uploadBytes, uploadEvidence, urlEvidence } from './prepare.js';
import { serverFiles } from './roots.js';
import type { Evidence, EvidenceAttach, EvidenceInfo, EvidenceKind } from './schema.js';
import { findEvidence, insertEvidence, listEvidence, listEvidenceInfo } from './store.js';

export interface NewEvidence {
  id: string;
  kind: EvidenceKind;
  name: string;
  incidentId?: string;
  content?: string;
  size?: number;
  sha256?: string;
  metadata?: Record<string, unknown>;
}

/**
 * Stores one piece of evidence, optionally attached to an incident (which must exist).
 * @example await addEvidence(deps, ctx, { id: snap.id, kind: 'snapshot', name: 'host capture', content: JSON.stringify(snap) });
 */
export async function addEvidence(deps: Deps, ctx: Context, e: NewEvidence): Promise<Evidence> {
  if (e.incidentId) await getIncident(deps, e.incidentId);
  const content = e.content ?? null;
  const evidence: Evidence = {
    id: e.id,
    incident_id: e.incidentId ?? null,
    kind: e.kind,
    name: e.name,
    created_at: nowTimestamp(),
    created_by: ctx.actor,
    size: e.size ?? (content === null ? null : Buffer.byteLength(content)),
    sha256: e.sha256 ?? (content === null ? null : createHash('sha256').update(content).digest('hex')),
    content,
    metadata: e.metadata ?? {},
  };
  // A duplicate id surfaces as the driver's unique violation: callers that derive ids from content
  // (alerts) recognise it with isUniqueViolation; addEvidenceOnce turns it into "already there".
  await inTransaction(deps.db, async (trx) => {
    await insertEvidence(trx, evidence);
    await appendAudit(trx, ctx, {
      action: 'evidence.add',
      subject: e.incidentId ?? e.id,
      changes: { evidence: evidence.id, kind: evidence.kind, name: evidence.name, sha256: evidence.sha256, size: evidence.size },
    });
  });
  return evidence;
}

/**
 * Like addEvidence, but evidence already stored under the same id is returned as it is (`created`
 * false) instead of being a conflict: for ids derived from content, attaching twice is a no-op.
 * @example const { evidence, created } = await addEvidenceOnce(deps, ctx, { id: 'file-3f9a…-SYS-20251126-001', kind: 'file', name: 'syslog' });
 */
export async function addEvidenceOnce(deps: Deps, ctx: Context, e: NewEvidence): Promise<{ evidence: Evidence; created: boolean }> {
  const existing = await findEvidence(deps.db, e.id);
  if (existing) return { evidence: existing, created: false };
  try {
    // addEvidence checks that the incident exists.
    return { evidence: await addEvidence(deps, ctx, e), created: true };
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // Another writer attached it between the look-up and the insert.
    const raced = await findEvidence(deps.db, e.id);
    if (raced) return { evidence: raced, created: false };
    throw new ConflictError(`evidence ${e.id} exists already`, { details: { id: e.id } });
  }
}

export async function getEvidence(deps: Deps, id: string): Promise<Evidence> {
  const e = await findEvidence(deps.db, id);
  if (!e) throw new NotFoundError(`evidence ${id} not found`, { id });
  return e;
}

/** Evidence without its content, as lists and descriptions give it. */
export const withoutContent = ({ content: _c, ...e }: Evidence): EvidenceInfo => e;

/**
 * The evidence attached to an incident, newest first, without content; the incident must exist.
 * @example const items = await incidentEvidence(deps, 'SYS-20251119-001', { limit: 100 });
 */
export async function incidentEvidence(deps: Deps, incidentId: string, f: { kind?: EvidenceKind; limit?: number } = {}): Promise<EvidenceInfo[]> {
  await getIncident(deps, incidentId);
  return listEvidenceInfo(deps.db, { ...f, incidentId });
}

/**
 * Attaches what an API client sent (text, a link, or a file under `server.evidence_roots`), each
 * piece once: the same content attached again is returned under `existing`. Every file is read and
 * checked before any is attached.
 * @example await attachEvidence(deps, ctx, 'SYS-20251119-001', { url: 'https://grafana.example.com/d/abc' })
 */
export async function attachEvidence(deps: Deps, ctx: Context, incidentId: string, input: EvidenceAttach): Promise<{ added: EvidenceInfo[]; existing: EvidenceInfo[] }> {
  // An unknown incident is said before anything is read.
  await getIncident(deps, incidentId);
  let prepared: NewEvidence[];
  if ('url' in input) prepared = [urlEvidence(incidentId, input.url)];
  else if ('content' in input) prepared = [uploadEvidence(incidentId, input)];
  else if ('content_base64' in input) prepared = [uploadBytes(incidentId, { name: input.name, bytes: Buffer.from(input.content_base64, 'base64') })];
  else {
    prepared = [];
    for (const file of await serverFiles(deps.config.server.evidence_roots, input.path)) prepared.push(await fileEvidence(incidentId, file));
  }
  const out = { added: [] as EvidenceInfo[], existing: [] as EvidenceInfo[] };
  for (const e of prepared) {
    const r = await addEvidenceOnce(deps, ctx, e);
    (r.created ? out.added : out.existing).push(withoutContent(r.evidence));
  }
  return out;
}

/**
 * The bytes stored of a piece of evidence, exactly as attached; an input error for a link or a file
 * kept by reference (its path is part of the evidence's own description, so naming it tells nothing new).
 * @example writeFileSync('syslog.attached', storedContent(await getEvidence(deps, id)));
 */
export function storedContent(e: Evidence): Buffer {
  const bytes = storedBytes(e);
  if (bytes !== null) return bytes;
  if (e.kind === 'url') throw new InputError(`evidence ${e.id} is a link (${e.name}): nothing of it is stored`);
  throw new InputError(`evidence ${e.id} is kept by reference, not stored: its file is ${typeof e.metadata.path === 'string' ? e.metadata.path : 'not named'}`);
}

export function evidenceList(deps: Deps, f: { incidentId?: string; kind?: EvidenceKind; limit?: number }): Promise<Evidence[]> {
  return listEvidence(deps.db, f);
}
