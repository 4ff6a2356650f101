/**
 * Workspace use cases: each reads the incident, computes its new lists with the pure edits of this
 * folder, and writes them as one merge patch at the version read (so a concurrent edit is detected,
 * and retried on fresh data when the caller did not pin a version). Every write is audited by updateIncident.
 */
import type { Factor } from '../../analysis/suggest/index.js';
import { suggestForIncident } from '../../analysis/suggest/index.js';
import type { TimelineEvent } from '../../evidence/timeline/index.js';
import type { ContributingFactor, Incident, IncidentPatch } from '../../incidents/schema/index.js';
import { getIncident, updateIncident, type Deps } from '../../incidents/service.js';
import type { Context } from '../../shared/context.js';
import { InputError, isPfaError } from '../../shared/errors.js';
import { draftActions } from '../engines/index.js';
import type { ActionDraft } from '../types.js';
import { addCause, fishboneCategories, removeCause, setCategories, type CauseInput } from './fishbone.js';
import { addFactor, decideSuggestion, openSuggestions, setFactorStatus, type ManualFactor } from './factors.js';
import { addEntry, editEntry, entryFromEvent, mergeEntries, removeEntry, type EntryEdit, type ManualEntry } from './curate.js';
import { nextId } from '../engines/index.js';
import { withIds } from './ids.js';
import { checkLinks } from './links.js';
import { addWhy, editWhy, normalizeWhys, removeWhy, unlinkWhy, type WhyInput } from './whys.js';

export interface EditResult<T = undefined> {
  incident: Incident;
  result: T;
}

const ATTEMPTS = 3;

/**
 * Applies `change` to the current incident and writes its patch. With `version` the write must be
 * on that version; without, a concurrent edit makes it re-read and re-apply (up to 3 times).
 */
export async function editIncident<T>(
  deps: Deps,
  ctx: Context,
  id: string,
  change: (inc: Incident) => Promise<{ patch: IncidentPatch; result: T }> | { patch: IncidentPatch; result: T },
  version?: number,
): Promise<EditResult<T>> {
  for (let attempt = 1; ; attempt++) {
    const inc = await getIncident(deps, id);
    const { patch, result } = await change(inc);
    try {
      return { incident: await updateIncident(deps, ctx, id, patch, version ?? inc.version), result };
    } catch (err) {
      if (version !== undefined || attempt >= ATTEMPTS || !isPfaError(err) || err.code !== 'version_conflict') throw err;
    }
  }
}

/** A merge patch of some analysis lists: the other analysis fields are left as they are. */
const analysisPatch = (part: Record<string, unknown>): IncidentPatch => ({ analysis: part });

// ---- 5 whys ----

export function addWhyStep(deps: Deps, ctx: Context, id: string, input: WhyInput, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    await checkLinks(deps, inc, input.evidence ?? []);
    const r = addWhy(inc.analysis?.five_whys ?? [], input);
    return { patch: analysisPatch({ five_whys: r.steps }), result: r.id };
  }, version);
}

export function editWhyStep(deps: Deps, ctx: Context, id: string, step: string, input: WhyInput, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    await checkLinks(deps, inc, input.evidence ?? []);
    return { patch: analysisPatch({ five_whys: editWhy(inc.analysis?.five_whys ?? [], step, input) }), result: step.toUpperCase() };
  }, version);
}

export function unlinkWhyStep(deps: Deps, ctx: Context, id: string, step: string, links: string[], version?: number) {
  return editIncident(deps, ctx, id, (inc) => ({ patch: analysisPatch({ five_whys: unlinkWhy(inc.analysis?.five_whys ?? [], step, links) }), result: step.toUpperCase() }), version);
}

export function removeWhyStep(deps: Deps, ctx: Context, id: string, step: string, opts: { cascade?: boolean }, version?: number) {
  return editIncident(deps, ctx, id, (inc) => {
    const steps = removeWhy(inc.analysis?.five_whys ?? [], step, opts);
    return { patch: analysisPatch({ five_whys: steps.length ? steps : null }), result: step.toUpperCase() };
  }, version);
}

/** The steps with ids made explicit (a chain gets its parents), without writing anything. */
export function whySteps(inc: Incident) {
  return normalizeWhys(inc.analysis?.five_whys ?? []);
}

// ---- fishbone ----

export function addFishboneCause(deps: Deps, ctx: Context, id: string, input: CauseInput, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    await checkLinks(deps, inc, input.evidence ?? []);
    if (input.factor && !withIds(inc.analysis?.contributing_factors ?? [], 'F').some((f) => f.id === input.factor?.toUpperCase())) {
      throw new InputError(`no contributing factor ${input.factor}`);
    }
    const r = addCause(inc.analysis?.fishbone, deps.config.fishbone.categories, input);
    return { patch: analysisPatch({ fishbone: r.fishbone }), result: r.id };
  }, version);
}

export function removeFishboneCause(deps: Deps, ctx: Context, id: string, cause: string, version?: number) {
  return editIncident(deps, ctx, id, (inc) => ({ patch: analysisPatch({ fishbone: removeCause(inc.analysis?.fishbone, cause) }), result: cause.toUpperCase() }), version);
}

export function setFishboneCategories(deps: Deps, ctx: Context, id: string, categories: string[], version?: number) {
  return editIncident(deps, ctx, id, (inc) => ({ patch: analysisPatch({ fishbone: setCategories(inc.analysis?.fishbone, categories) }), result: undefined }), version);
}

export function categoriesOf(deps: Deps, inc: Incident): string[] {
  return fishboneCategories(inc.analysis?.fishbone, deps.config.fishbone.categories);
}

// ---- contributing factors ----

export interface FactorBoard {
  /** Recorded factors (accepted and rejected), with ids. */
  factors: ContributingFactor[];
  /** Engine suggestions not yet decided, numbered from 1 in this order. */
  open: Factor[];
  notes: string[];
}

export async function factorBoard(deps: Deps, id: string): Promise<FactorBoard> {
  const inc = await getIncident(deps, id);
  const s = await suggestForIncident(deps, id);
  const recorded = withIds(inc.analysis?.contributing_factors ?? [], 'F');
  return { factors: recorded, open: openSuggestions(recorded, s.factors), notes: s.notes };
}

/** Accepts or rejects open suggestions by their number in `factorBoard().open` (1-based). */
export function decideSuggestions(deps: Deps, ctx: Context, id: string, numbers: number[], status: 'accepted' | 'rejected', opts: { category?: string } = {}, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    const s = await suggestForIncident(deps, id);
    const open = openSuggestions(inc.analysis?.contributing_factors ?? [], s.factors);
    let factors = inc.analysis?.contributing_factors ?? [];
    const ids: string[] = [];
    for (const n of [...new Set(numbers)]) {
      const f = open[n - 1];
      if (!f) throw new InputError(`no open suggestion #${n}: there are ${open.length} (see pfa rca factors ${id})`);
      const r = decideSuggestion(factors, f, status, opts);
      factors = r.factors;
      ids.push(r.id);
    }
    return { patch: analysisPatch({ contributing_factors: factors }), result: ids };
  }, version);
}

export function addManualFactor(deps: Deps, ctx: Context, id: string, input: ManualFactor, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    await checkLinks(deps, inc, input.evidence ?? []);
    const r = addFactor(inc.analysis?.contributing_factors ?? [], input);
    return { patch: analysisPatch({ contributing_factors: r.factors }), result: r.id };
  }, version);
}

export function setFactor(deps: Deps, ctx: Context, id: string, factor: string, status: 'accepted' | 'rejected', version?: number) {
  return editIncident(deps, ctx, id, (inc) => ({ patch: analysisPatch({ contributing_factors: setFactorStatus(inc.analysis?.contributing_factors ?? [], factor, status) }), result: factor.toUpperCase() }), version);
}

// ---- corrective-action drafts ----

export async function actionDrafts(deps: Deps, id: string): Promise<ActionDraft[]> {
  return draftActions(await getIncident(deps, id));
}

const PRIORITY = { immediate: 'high', short_term: 'medium', long_term: 'low' } as const;

/**
 * Adopts drafts (by their 1-based number in `actionDrafts`) as corrective actions, each handed to
 * the action tracker as an action item that tracks it.
 */
export function adoptDrafts(deps: Deps, ctx: Context, id: string, numbers: number[], opts: { owner?: string; due?: string } = {}, version?: number) {
  return editIncident(deps, ctx, id, (inc) => {
    const drafts = draftActions(inc);
    const actions = withIds(inc.corrective_actions ?? [], 'A');
    const items = withIds(inc.action_items ?? [], 'I');
    const adopted: string[] = [];
    for (const n of [...new Set(numbers)]) {
      const d = drafts[n - 1];
      if (!d) throw new InputError(`no draft #${n}: there are ${drafts.length} (see pfa rca actions ${id})`);
      const aid = nextId('A', actions.map((a) => a.id));
      actions.push({ id: aid, horizon: d.horizon, description: d.description, type: d.type, source: d.source, done: false });
      items.push({
        id: nextId('I', items.map((i) => i.id)),
        priority: PRIORITY[d.horizon],
        action: d.description,
        status: 'not_started',
        source: aid,
        ...(opts.owner ? { owner: opts.owner } : {}),
        ...(opts.due ? { due: opts.due } : {}),
      });
      adopted.push(aid);
    }
    return { patch: { corrective_actions: actions, action_items: items }, result: adopted };
  }, version);
}

// ---- curated timeline ----

/** Saves reconstructed events into the incident's timeline; `evidenceOf` maps a file's base name to its evidence id. */
export function saveTimeline(deps: Deps, ctx: Context, id: string, events: readonly TimelineEvent[], evidenceOf: (file: string) => string | undefined, version?: number) {
  return editIncident(deps, ctx, id, (inc) => {
    const r = mergeEntries(inc.timeline ?? [], events.map((e) => entryFromEvent(e, evidenceOf)));
    return { patch: { timeline: r.timeline }, result: { added: r.added, dropped: r.dropped, total: r.timeline.length } };
  }, version);
}

export function addTimelineEntry(deps: Deps, ctx: Context, id: string, input: ManualEntry, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    await checkLinks(deps, inc, input.evidence ?? []);
    const r = addEntry(inc.timeline ?? [], input);
    return { patch: { timeline: r.timeline }, result: r.id };
  }, version);
}

export function editTimelineEntries(deps: Deps, ctx: Context, id: string, entries: string[], edit: EntryEdit, version?: number) {
  if (edit.marker && entries.length > 1) throw new InputError('a marker names one moment: mark one entry');
  return editIncident(deps, ctx, id, async (inc) => {
    await checkLinks(deps, inc, edit.evidence ?? []);
    let timeline = inc.timeline ?? [];
    for (const e of entries) timeline = editEntry(timeline, e, edit);
    return { patch: { timeline }, result: entries.map((e) => e.toUpperCase()) };
  }, version);
}

export function removeTimelineEntry(deps: Deps, ctx: Context, id: string, entry: string, version?: number) {
  return editIncident(deps, ctx, id, (inc) => {
    const timeline = removeEntry(inc.timeline ?? [], entry);
    return { patch: { timeline: timeline.length ? timeline : null }, result: entry.toUpperCase() };
  }, version);
}
