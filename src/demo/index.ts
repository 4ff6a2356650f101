/** Demo incidents for a first look: loaded by `pfa demo` and by `npm start` on an empty store. */
import { createHash } from 'node:crypto';
import type { Deps } from '../incidents/service.js';
import { importIncident } from '../incidents/service.js';
import { listIncidents } from '../incidents/store.js';
import type { Context } from '../shared/context.js';
import { ConflictError } from '../shared/errors.js';
import { addEvidence, evidenceList } from '../evidence/service.js';
import { dnsOutage } from './dns-outage.js';
import { DEMO_FILES, demoEvidenceId } from './evidence.js';
import { oomLeak } from './oom-leak.js';
import { getReview, seedReview, type PastStep } from '../postmortem/review/service.js';

export const DEMO_INCIDENTS: readonly unknown[] = [dnsOutage, oomLeak];

// The review each demo post-mortem went through, matching its status and sign-off section, so that
// `pfa postmortem ID status` agrees with `pfa incident show ID`.
const DEMO_REVIEWS: Record<string, PastStep[]> = {
  'INC-20251126-001': [
    { action: 'submitted', actor: 'Jane Smith', role: 'responder', at: '2025-11-27T10:00:00Z' },
    { action: 'approved', actor: 'Head of Trading Technology', role: 'approver', comment: 'Reviewed with engineering leadership.', at: '2025-11-27T16:30:00Z' },
  ],
  'SYS-20251119-001': [{ action: 'submitted', actor: 'Marco Bianchi', role: 'responder', at: '2025-11-20T17:45:00Z' }],
};

/**
 * Imports the demo incidents (idempotent: an unchanged one is left alone). A demo incident edited
 * since is a conflict, unless `replace` restores it as shipped. Returns their ids and outcomes.
 * @example await loadDemo(deps, ctx, { replace: true }) // [{ id: 'INC-20251126-001', outcome: 'replaced' }, …]
 */
export async function loadDemo(deps: Deps, ctx: Context, { replace = false }: { replace?: boolean } = {}): Promise<{ id: string; outcome: string }[]> {
  const out = [];
  for (const record of DEMO_INCIDENTS) {
    try {
      const r = await importIncident(deps, { ...ctx, actor: `${ctx.actor} (demo)` }, record, { replace });
      out.push({ id: r.incident.id, outcome: r.outcome });
    } catch (err) {
      // The import's own hint names `incident import` options; `pfa demo` has only --replace.
      if (!(err instanceof ConflictError) || err.code !== 'conflict') throw err;
      const id = typeof err.details.id === 'string' ? err.details.id : 'a demo incident';
      throw new ConflictError(`demo incident ${id} was changed since it was loaded; run \`pfa demo --replace\` to restore the demo incidents as shipped (your changes to them are lost)`, {
        details: { id },
      });
    }
  }
  // The files the records' evidence links point at, stored whole (they are small).
  for (const f of DEMO_FILES) {
    const id = demoEvidenceId(f);
    if ((await evidenceList(deps, { incidentId: f.incident, limit: 1000 })).some((e) => e.id === id)) continue;
    await addEvidence(deps, { ...ctx, actor: `${ctx.actor} (demo)` }, {
      id,
      kind: 'file',
      name: f.name,
      incidentId: f.incident,
      size: Buffer.byteLength(f.content),
      sha256: createHash('sha256').update(f.content).digest('hex'),
      content: f.content,
      metadata: { source_kind: f.kind, stored: true, demo: true },
    });
  }
  for (const { id } of out) {
    const steps = DEMO_REVIEWS[id];
    if (steps && (await getReview(deps, id)).events.length === 0) await seedReview(deps, { ...ctx, actor: `${ctx.actor} (demo)` }, id, steps);
  }
  return out;
}

/** Loads the demo incidents only when the store holds no incident at all. */
export async function loadDemoIfEmpty(deps: Deps, ctx: Context): Promise<string[]> {
  const { total } = await listIncidents(deps.db, { limit: 1 });
  if (total > 0) return [];
  return (await loadDemo(deps, ctx)).map((r) => r.id);
}
