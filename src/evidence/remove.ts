/**
 * Removing evidence from an incident: its row and stored bytes go (a file attached by mistake, a log
 * holding secrets), and the audit log keeps what it was (name, kind, size, SHA-256). Links in the
 * record to it are the curator's to settle: removal is refused while anything cites it, unless
 * forced, in which case the links stay and show the evidence as no longer attached (re-attaching
 * the same bytes gives the same id back, and they resolve again).
 */
import { appendAudit } from '../audit/store.js';
import { inTransaction } from '../db/transaction.js';
import { getIncident, type Deps } from '../incidents/service.js';
import { evidenceCitations } from '../postmortem/workspace/links.js';
import type { Context } from '../shared/context.js';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.js';
import { deleteEvidence, findEvidence } from './store.js';
import type { Evidence } from './schema.js';

export interface RemovedEvidence {
  removed: string[];
  /** Links left pointing at removed evidence (forced), one note per piece. */
  notes: string[];
}

/**
 * Removes pieces of evidence attached to an incident, all or none.
 * @example await removeEvidence(deps, ctx, 'SYS-20251119-001', ['file-3f9a0c1d2e4b-SYS-20251119-001'])
 */
export async function removeEvidence(deps: Deps, ctx: Context, incidentId: string, ids: readonly string[], { force = false }: { force?: boolean } = {}): Promise<RemovedEvidence> {
  const wanted = [...new Set(ids.map((i) => i.trim()))];
  if (wanted.length === 0 || wanted.includes('')) throw new InputError('name the evidence to remove by its id (pfa evidence list ID)');
  const inc = await getIncident(deps, incidentId);
  const found: Evidence[] = [];
  for (const id of wanted) {
    const e = await findEvidence(deps.db, id);
    if (!e || e.incident_id !== inc.id) throw new NotFoundError(`no evidence ${id} attached to ${inc.id}: nothing was removed`, { id });
    found.push(e);
  }
  const cited = evidenceCitations(inc, wanted);
  const citations = [...cited].map(([e, by]) => `${e} is cited by ${by.join(', ')}`);
  if (cited.size > 0 && !force) {
    throw new ConflictError(`${citations.join('; ')}: unlink it first, or force the removal (the links stay and show it as not attached); nothing was removed`, {
      details: { cited_by: Object.fromEntries(cited) },
    });
  }
  await inTransaction(deps.db, async (trx) => {
    await deleteEvidence(trx, wanted);
    for (const e of found) {
      await appendAudit(trx, ctx, {
        action: 'evidence.remove',
        subject: inc.id,
        changes: { evidence: e.id, kind: e.kind, name: e.name, sha256: e.sha256, size: e.size, ...(cited.has(e.id) ? { cited_by: cited.get(e.id) } : {}) },
      });
    }
  });
  const notes = [...cited].map(([e, by]) => `${e} is cited by ${by.join(', ')}: ${by.length > 1 ? 'those links now show' : 'that link now shows'} it as not attached`);
  return { removed: wanted, notes };
}
