/**
 * The one way the workspace writes: read the incident, compute its new lists with the pure edits of
 * this folder, and write them as one merge patch at the version read (so a concurrent edit is
 * detected, and retried on fresh data when the caller did not pin a version).
 */
import type { Incident, IncidentPatch } from '../../incidents/schema/index.js';
import { getIncident, updateIncident, type Deps } from '../../incidents/service.js';
import type { Context } from '../../shared/context.js';
import { isPfaError } from '../../shared/errors.js';

export interface EditResult<T = undefined> {
  incident: Incident;
  result: T;
  /** What the edit did beside what was asked (a marker moved off another entry, a link not checkable). */
  notes: string[];
}

/** What a change computes from the current incident. */
export interface Change<T> {
  patch: IncidentPatch;
  result: T;
  notes?: string[];
}

const ATTEMPTS = 3;

/**
 * Applies `change` to the current incident and writes its patch. With `version` the write must be
 * on that version; without, a concurrent edit makes it re-read and re-apply (up to 3 times).
 * @example await editIncident(deps, ctx, id, (inc) => ({ patch: { timeline: [] }, result: undefined }))
 */
export async function editIncident<T>(deps: Deps, ctx: Context, id: string, change: (inc: Incident) => Promise<Change<T>> | Change<T>, version?: number): Promise<EditResult<T>> {
  for (let attempt = 1; ; attempt++) {
    const inc = await getIncident(deps, id);
    const { patch, result, notes = [] } = await change(inc);
    try {
      return { incident: await updateIncident(deps, ctx, id, patch, version ?? inc.version), result, notes };
    } catch (err) {
      if (version !== undefined || attempt >= ATTEMPTS || !isPfaError(err) || err.code !== 'version_conflict') throw err;
    }
  }
}

/**
 * A merge patch of some analysis lists: the other analysis fields are left as they are.
 * @example analysisPatch({ five_whys: steps }) // { analysis: { five_whys: steps } }
 */
export const analysisPatch = (part: Record<string, unknown>): IncidentPatch => ({ analysis: part });
