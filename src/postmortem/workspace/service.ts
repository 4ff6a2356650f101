/**
 * Workspace use cases: each reads the incident, computes its new lists with the pure edits of this
 * folder, and writes them as one merge patch at the version read (see edit.ts). Every write is
 * audited by updateIncident. Suggestions and drafts are in proposals.ts, re-exported here.
 */
import type { TimelineEvent } from '../../evidence/timeline/index.js';
import type { Incident, TimelineEntry } from '../../incidents/schema/index.js';
import type { Deps } from '../../incidents/service.js';
import type { Context } from '../../shared/context.js';
import { InputError } from '../../shared/errors.js';
import { nowTimestamp } from '../../shared/time.js';
import { addEntry, assignIds, dismissalKey, editEntry, entryFromEvent, mergeEntries, mergeKeys, refuseFarTime, removeEntries, type EntryEdit, type ManualEntry } from './curate.js';
import { analysisPatch, editIncident } from './edit.js';
import { addFactor, setFactorStatus, type ManualFactor } from './factors.js';
import { addCause, fishboneCategories, removeCause, setCategories, type CauseInput } from './fishbone.js';
import { withIds } from './ids.js';
import { checkLinks, timelineCitations } from './links.js';
import { dismissedKeys, insertDismissals } from './store.js';
import { reserveTimelineIds, timelineFloor } from './timeline-ids.js';
import { addWhy, editWhy, normalizeWhys, removeWhy, unlinkWhy, type WhyInput } from './whys.js';

export { editIncident, type EditResult } from './edit.js';
export { actionDrafts, adoptDrafts, decideSuggestions, factorBoard, type Decisions, type DraftView, type FactorBoard, type SuggestionView } from './proposals.js';

// ---- 5 whys ----

export function addWhyStep(deps: Deps, ctx: Context, id: string, input: WhyInput, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    const notes = await checkLinks(deps, inc, input.evidence ?? []);
    const r = addWhy(inc.analysis?.five_whys ?? [], input);
    return { patch: analysisPatch({ five_whys: r.steps }), result: r.id, notes };
  }, version);
}

export function editWhyStep(deps: Deps, ctx: Context, id: string, step: string, input: WhyInput, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    const notes = await checkLinks(deps, inc, input.evidence ?? []);
    return { patch: analysisPatch({ five_whys: editWhy(inc.analysis?.five_whys ?? [], step, input) }), result: step.toUpperCase(), notes };
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
    const notes = await checkLinks(deps, inc, input.evidence ?? []);
    if (input.factor && !withIds(inc.analysis?.contributing_factors ?? [], 'F').some((f) => f.id === input.factor?.toUpperCase())) {
      throw new InputError(`no contributing factor ${input.factor}`);
    }
    const r = addCause(inc.analysis?.fishbone, deps.config.fishbone.categories, input);
    return { patch: analysisPatch({ fishbone: r.fishbone }), result: r.id, notes };
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

// ---- contributing factors entered by hand ----

export function addManualFactor(deps: Deps, ctx: Context, id: string, input: ManualFactor, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    const notes = await checkLinks(deps, inc, input.evidence ?? []);
    const r = addFactor(inc.analysis?.contributing_factors ?? [], input);
    return { patch: analysisPatch({ contributing_factors: r.factors }), result: r.id, notes };
  }, version);
}

/**
 * Sets the status of recorded factors, all or none.
 * @example await setFactor(deps, ctx, 'SYS-20251119-001', ['F5', 'F6'], 'rejected')
 */
export function setFactor(deps: Deps, ctx: Context, id: string, factors: string | readonly string[], status: 'accepted' | 'rejected', version?: number) {
  const ids = typeof factors === 'string' ? [factors] : [...factors];
  return editIncident(deps, ctx, id, (inc) => {
    let list = inc.analysis?.contributing_factors ?? [];
    for (const f of ids) list = setFactorStatus(list, f, status);
    return { patch: analysisPatch({ contributing_factors: list }), result: typeof factors === 'string' ? factors.toUpperCase() : ids.map((f) => f.toUpperCase()) };
  }, version);
}

// ---- curated timeline ----

/**
 * The timeline with an id on every entry, and the highest id given out so far (see timeline-ids.ts).
 * Every timeline write starts here, so an entry imported without an id gets one never used before.
 */
async function numberedTimeline(deps: Deps, inc: Incident) {
  const floor = await timelineFloor(deps, inc);
  return assignIds(inc.timeline ?? [], floor);
}

/**
 * Saves reconstructed events into the incident's timeline; `evidenceOf` maps the name events give a
 * file (metadata.file) to its evidence id. Events already there, and those a curator removed before, are not added (`removed`
 * counts the latter).
 */
export function saveTimeline(deps: Deps, ctx: Context, id: string, events: readonly TimelineEvent[], evidenceOf: (file: string) => string | undefined, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    const current = await numberedTimeline(deps, inc);
    const dismissed = await dismissedKeys(deps.db, inc.id);
    const r = mergeEntries(current.entries, events.map((e) => entryFromEvent(e, evidenceOf)), current.last, dismissed);
    await reserveTimelineIds(deps, inc.id, r.last);
    return { patch: { timeline: r.timeline }, result: { added: r.added, dropped: r.dropped, removed: r.removed, total: r.timeline.length } };
  }, version);
}

export function addTimelineEntry(deps: Deps, ctx: Context, id: string, input: ManualEntry, version?: number) {
  return editIncident(deps, ctx, id, async (inc) => {
    refuseFarTime(input.at, inc);
    const linkNotes = await checkLinks(deps, inc, input.evidence ?? []);
    const current = await numberedTimeline(deps, inc);
    const r = addEntry(current.entries, input, current.last);
    await reserveTimelineIds(deps, inc.id, r.last);
    return { patch: { timeline: r.timeline }, result: r.id, notes: [...linkNotes, ...r.notes] };
  }, version);
}

/** Pins, unpins, annotates, marks or links entries; an id given twice is edited once. */
export async function editTimelineEntries(deps: Deps, ctx: Context, id: string, entries: string[], edit: EntryEdit, version?: number) {
  const ids = [...new Set(entries.map((e) => e.trim().toUpperCase()))];
  if (edit.marker && ids.length > 1) throw new InputError('a marker names one moment: mark one entry');
  return editIncident(deps, ctx, id, async (inc) => {
    const notes = await checkLinks(deps, inc, edit.evidence ?? []);
    const current = await numberedTimeline(deps, inc);
    let timeline = current.entries;
    for (const e of ids) {
      const r = editEntry(timeline, e, edit);
      timeline = r.timeline;
      notes.push(...r.notes);
    }
    await reserveTimelineIds(deps, inc.id, current.last);
    return { patch: { timeline }, result: ids, notes };
  }, version);
}

/**
 * Removes timeline entries, all or none (an unknown id removes nothing). Their ids are never given
 * out again. A removal that other items cite is done, not refused: removing is the curator's call
 * that the entry does not belong, and factors and fishbone causes have no way to drop a single link,
 * so a refusal could not always be answered. The citations are kept rather than rewritten (a reviewer
 * should see that a why rested on an entry since removed), render as "was removed", and the notes
 * name each one so the curator can re-cite or unlink.
 * @example await removeTimelineEntries(deps, ctx, 'SYS-20251119-001', ['T20', 'T19'])
 */
export function removeTimelineEntries(deps: Deps, ctx: Context, id: string, entries: string | readonly string[], version?: number) {
  const ids = typeof entries === 'string' ? [entries] : [...entries];
  return editIncident(deps, ctx, id, async (inc) => {
    const current = await numberedTimeline(deps, inc);
    const timeline = removeEntries(current.entries, ids);
    // The ids removed stay taken: the counter must hold them before they leave the record.
    await reserveTimelineIds(deps, inc.id, current.last);
    // So do the events: a later save of the reconstruction must not bring them back. Recorded before
    // the record is written, like the ids: if that write then fails, the entries are still there and
    // a save skips them as present anyway.
    const kept = new Set(timeline.map((e) => e.id));
    await dismissEntries(deps, ctx, inc.id, current.entries.filter((e) => !kept.has(e.id)));
    const cited = timelineCitations({ ...inc, timeline: current.entries }, ids.map((e) => e.trim().toUpperCase()));
    const notes = [...cited].map(([entry, by]) => `${entry} is cited by ${by.join(', ')}: ${by.length > 1 ? 'those links' : 'that link'} now show${by.length > 1 ? '' : 's'} it as removed`);
    return { patch: { timeline: timeline.length ? timeline : null }, result: typeof entries === 'string' ? entries.toUpperCase() : ids.map((e) => e.toUpperCase()), notes };
  }, version);
}

/** Keeps the merge keys of removed entries (store.ts), so that saving the reconstruction again skips them. */
async function dismissEntries(deps: Deps, ctx: Context, incidentId: string, gone: readonly TimelineEntry[]): Promise<void> {
  const removedAt = nowTimestamp();
  const rows = gone.flatMap((e) =>
    mergeKeys(e).map((k) => ({ incident_id: incidentId, key_sha256: dismissalKey(k), entry_id: e.id ?? '', removed_at: removedAt, removed_by: ctx.actor })),
  );
  await insertDismissals(deps.db, rows);
}
