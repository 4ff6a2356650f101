/**
 * What the engines propose and a user decides: suggested contributing factors (accept or reject)
 * and corrective-action drafts (adopt). Both are named by stable ids (S…, D…) derived from what
 * they are, so a decision never lands on another item than the one the user saw.
 */
import { suggestForIncident } from '../../analysis/suggest/index.js';
import type { ContributingFactor, Incident } from '../../incidents/schema/index.js';
import { getIncident, type Deps } from '../../incidents/service.js';
import type { Context } from '../../shared/context.js';
import { InputError, NotFoundError } from '../../shared/errors.js';
import { draftActions, nextId } from '../engines/index.js';
import type { ActionDraft } from '../types.js';
import { parseDue } from './due.js';
import { analysisPatch, editIncident } from './edit.js';
import { coveredBy, decideSuggestion, identifySuggestions, type Suggestion } from './factors.js';
import { withIds } from './ids.js';
import { findByStableId, looksLikeStableId, stableIds, type StableId } from './stable-ids.js';

/** A suggestion as shown: its stable id and the engine's factor. */
export type SuggestionView = Omit<Suggestion, 'full'>;

export interface FactorBoard {
  /** Recorded factors (accepted and rejected), with ids. */
  factors: ContributingFactor[];
  /** Engine suggestions no recorded factor covers yet, best first. */
  open: SuggestionView[];
  /** Suggestions left out because a recorded factor covers the same source. */
  covered: Array<{ id: string; by: string; description: string }>;
  notes: string[];
}

const view = <T extends StableId>({ full: _f, ...rest }: T): Omit<T, 'full'> => rest;

/**
 * The recorded factors and the open suggestions, each with its stable id.
 * @example (await factorBoard(deps, 'SYS-20251119-001')).open[0]?.id // 'S3fa2'
 */
export async function factorBoard(deps: Deps, id: string): Promise<FactorBoard> {
  const inc = await getIncident(deps, id);
  const s = await suggestForIncident(deps, id);
  const recorded = withIds(inc.analysis?.contributing_factors ?? [], 'F');
  const open: SuggestionView[] = [];
  const covered: FactorBoard['covered'] = [];
  for (const f of identifySuggestions(s.factors)) {
    const by = coveredBy(recorded, f);
    if (by) covered.push({ id: f.id, by: by.id as string, description: f.description });
    else open.push(view(f));
  }
  return { factors: recorded, open, covered, notes: s.notes };
}

/** The item a typed id names among `items`, or a clear refusal (wrong shape, or no longer proposed). */
function pick<T extends StableId>(items: readonly T[], typed: string, o: { prefix: string; what: string; gone: string; listing: string }): T {
  if (!looksLikeStableId(o.prefix, typed)) throw new InputError(`"${typed}" is not a ${o.what} id: they look like ${o.prefix}3fa2 (see ${o.listing})`);
  const found = findByStableId(items, typed, o.what);
  if (!found) throw new NotFoundError(`no ${o.what} ${typed}: ${o.gone} (see ${o.listing})`);
  return found;
}

export interface Decisions {
  accept?: readonly string[];
  reject?: readonly string[];
}

/**
 * Accepts or rejects suggestions by their stable ids, in one write: all or none. A suggestion that a
 * recorded factor already covers is refused with the factor's id.
 * @example await decideSuggestions(deps, ctx, id, { accept: ['S3fa2'], reject: ['S9b01'] })
 */
export async function decideSuggestions(deps: Deps, ctx: Context, id: string, d: Decisions, opts: { category?: string } = {}, version?: number) {
  const accept = [...new Set(d.accept ?? [])];
  const reject = [...new Set(d.reject ?? [])];
  if (accept.length + reject.length === 0) throw new InputError('give the ids of the suggestions to accept or reject');
  return editIncident(deps, ctx, id, async (inc) => {
    const all = identifySuggestions((await suggestForIncident(deps, id)).factors);
    const where = { prefix: 'S', what: 'suggestion', gone: 'the engines no longer suggest it (the evidence changed)', listing: `pfa rca factors ${id}` };
    let factors = inc.analysis?.contributing_factors ?? [];
    const out = { accepted: [] as string[], rejected: [] as string[] };
    const seen = new Map<string, string>();
    for (const [list, status] of [[accept, 'accepted'], [reject, 'rejected']] as const) {
      for (const typed of list) {
        const f = pick(all, typed, where);
        const before = seen.get(f.full);
        if (before && before !== status) throw new InputError(`${f.id} cannot be both accepted and rejected`);
        if (before) continue; // one suggestion typed twice (s3fa2 and S3FA2)
        seen.set(f.full, status);
        const r = decideSuggestion(factors, f, status, { ...(status === 'accepted' && opts.category ? { category: opts.category } : {}), name: `suggestion ${f.id}` });
        factors = r.factors;
        out[status].push(r.id);
      }
    }
    return { patch: analysisPatch({ contributing_factors: factors }), result: out };
  }, version);
}

/** An action draft as shown: its stable id (D…) and the draft. */
export type DraftView = ActionDraft & { id: string };

function identifyDrafts(inc: Incident): Array<ActionDraft & StableId> {
  const drafts = draftActions(inc);
  const ids = stableIds('D', drafts.map((d) => `${d.source}\u0000${d.type}\u0000${d.description}`));
  return drafts.map((d, i) => ({ ...(ids[i] as StableId), ...d }));
}

/**
 * The open corrective-action drafts, each with its stable id.
 * @example (await actionDrafts(deps, id)).map((d) => `${d.id} ${d.description}`)
 */
export async function actionDrafts(deps: Deps, id: string): Promise<DraftView[]> {
  return identifyDrafts(await getIncident(deps, id)).map(view);
}

const PRIORITY = { immediate: 'high', short_term: 'medium', long_term: 'low' } as const;

/**
 * Adopts drafts (by their stable ids) as corrective actions, each handed to the action tracker as an
 * action item that tracks it. The due date must be a date or a timestamp (see parseDue).
 * @example await adoptDrafts(deps, ctx, id, ['D41c0'], { owner: 'SRE', due: '2025-12-01' })
 */
export async function adoptDrafts(deps: Deps, ctx: Context, id: string, draftIds: readonly string[], opts: { owner?: string; due?: string } = {}, version?: number) {
  const due = opts.due === undefined ? undefined : parseDue(opts.due);
  if (draftIds.length === 0) throw new InputError('give the ids of the drafts to adopt');
  return editIncident(deps, ctx, id, (inc) => {
    const drafts = identifyDrafts(inc);
    const actions = withIds(inc.corrective_actions ?? [], 'A');
    const items = withIds(inc.action_items ?? [], 'I');
    const adopted: string[] = [];
    for (const typed of new Set(draftIds)) {
      const d = pick(drafts, typed, { prefix: 'D', what: 'draft', gone: 'it was adopted already, or what it came from changed', listing: `pfa rca actions ${id}` });
      if (actions.some((a) => a.source === d.source && a.type === d.type && a.description === d.description)) continue; // the same id typed twice
      const aid = nextId('A', actions.map((a) => a.id));
      actions.push({ id: aid, horizon: d.horizon, description: d.description, type: d.type, source: d.source, done: false });
      items.push({
        id: nextId('I', items.map((i) => i.id)),
        priority: PRIORITY[d.horizon],
        action: d.description,
        status: 'not_started',
        source: aid,
        ...(opts.owner ? { owner: opts.owner } : {}),
        ...(due ? { due } : {}),
      });
      adopted.push(aid);
    }
    return { patch: { corrective_actions: actions, action_items: items }, result: adopted };
  }, version);
}
