/**
 * Incident use cases: create, read, list, update with optimistic concurrency, lifecycle transitions,
 * export and import. Every mutation is one transaction that also appends to the audit trail.
 */
import { z } from 'zod';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/database.js';
import { isUniqueViolation } from '../db/dialect.js';
import { inTransaction } from '../db/transaction.js';
import { appendAudit } from '../audit/store.js';
import { evaluatePolicy } from '../policy/evaluate.js';
import { reviewInfo } from '../postmortem/review/state.js';
import { listEvents } from '../postmortem/review/store.js';
import { listDismissals, replaceDismissals } from '../postmortem/workspace/store.js';
import { roleAtLeast, type Context } from '../shared/context.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../shared/errors.js';
import { nowNs, nowTimestamp } from '../shared/time.js';
import { validate } from '../shared/validation.js';
import { counterKey, formatId, parseId } from './ids.js';
import { allowedTargets, findTransition } from './lifecycle.js';
import { canonicalize, diffRecords, mergePatch } from './merge.js';
import {
  incidentContentSchema,
  incidentCreateSchema,
  incidentIdSchema,
  incidentPatchSchema,
  STATUSES,
  exportExtrasSchema,
  type Incident,
  type IncidentContent,
  type IncidentExport,
  type Status,
  type TimelineDismissal,
} from './schema/index.js';
import { assembleIncident, findIncident, insertIncident, listIncidents, nextSequence, raiseSequence, replaceIncident, type IncidentFilter } from './store.js';

export interface Deps {
  db: Db;
  config: Config;
}

function contentOf(inc: Incident): IncidentContent {
  const { id: _i, status: _s, version: _v, created_at: _c, updated_at: _u, ...content } = inc;
  return content;
}

/** Milestones the record itself proves: a timeline exists, a corrective action has started. */
function deriveMilestones(content: IncidentContent, now: string): IncidentContent {
  const m = { ...content.milestones };
  if (!m.initial_timeline_at && (content.timeline?.length ?? 0) > 0) m.initial_timeline_at = now;
  const started =
    content.action_items?.some((a) => a.status === 'in_progress' || a.status === 'completed') ||
    content.corrective_actions?.some((a) => a.done);
  if (!m.actions_started_at && started) m.actions_started_at = now;
  return Object.keys(m).length ? { ...content, milestones: m } : content;
}

export async function getIncident(deps: Deps, id: string): Promise<Incident> {
  const parsed = incidentIdSchema.safeParse(id);
  if (!parsed.success) throw new InputError(`invalid incident id "${id.slice(0, 40)}": expected e.g. SYS-20251126-001`);
  const inc = await findIncident(deps.db, id);
  if (!inc) throw new NotFoundError(`incident ${id} not found`, { id });
  return inc;
}

export function listIncidentSummaries(deps: Deps, filter: IncidentFilter) {
  return listIncidents(deps.db, filter);
}

/**
 * Creates an incident and returns it with its new id.
 * @example const inc = await createIncident(deps, ctx, { title: 'OOM kill', severity: 'P1', started_at: '2025-11-26T10:27:35Z', kind: 'sys' });
 */
export async function createIncident(
  deps: Deps,
  ctx: Context,
  input: unknown,
  { action = 'incident.create', status = 'open' }: { action?: string; status?: Status } = {},
): Promise<Incident> {
  const parsed = validate(incidentCreateSchema, input, 'incident');
  const { id: wantedId, ...rest } = parsed;
  const now = nowTimestamp();
  const content = canonicalize(deriveMilestones(rest, now));
  try {
    return await inTransaction(deps.db, async (trx) => {
      let id: string;
      if (wantedId) {
        const p = parseId(wantedId);
        if (!p || p.key !== counterKey(content.kind, content.started_at)) {
          throw new InputError(`id ${wantedId} does not match kind ${content.kind} and start date ${content.started_at.slice(0, 10)}`);
        }
        await raiseSequence(trx, p.key, p.seq);
        id = wantedId;
      } else {
        id = formatId(counterKey(content.kind, content.started_at), await nextSequence(trx, counterKey(content.kind, content.started_at)));
      }
      const inc = assembleIncident(content, { id, status, version: 1, created_at: now, updated_at: now });
      await insertIncident(trx, inc);
      await appendAudit(trx, ctx, { action, subject: id, changes: diffRecords({}, content) });
      return inc;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(`incident ${wantedId ?? ''} already exists`, { details: { id: wantedId } });
    throw err;
  }
}

function versionConflict(id: string, current: number, expected: number): ConflictError {
  return new ConflictError(`incident ${id} was changed by someone else (now version ${current}, yours is ${expected}); reload it and retry`, {
    code: 'version_conflict',
    details: { id, current_version: current, your_version: expected },
  });
}

/** Writes `next` content over `current` if nothing changed in between, with an audit entry. */
async function commitChange(
  deps: Deps,
  ctx: Context,
  current: Incident,
  next: { content: IncidentContent; status?: Status },
  audit: { action: string; extra?: Record<string, unknown> },
): Promise<Incident> {
  const before = contentOf(current);
  const changes = diffRecords(before, next.content);
  const statusChanged = next.status !== undefined && next.status !== current.status;
  if (changes.length === 0 && !statusChanged) return current;
  const updated = assembleIncident(next.content, {
    id: current.id,
    status: next.status ?? current.status,
    version: current.version + 1,
    created_at: current.created_at,
    updated_at: nowTimestamp(),
  });
  return inTransaction(deps.db, async (trx) => {
    if (!(await replaceIncident(trx, updated, current.version))) {
      const fresh = await findIncident(trx, current.id);
      if (!fresh) throw new NotFoundError(`incident ${current.id} not found`);
      throw versionConflict(current.id, fresh.version, current.version);
    }
    await appendAudit(trx, ctx, {
      action: audit.action,
      subject: current.id,
      changes: { version: updated.version, ...(statusChanged ? { status: { from: current.status, to: updated.status } } : {}), ...audit.extra, fields: changes },
    });
    return updated;
  });
}

/**
 * Applies a JSON merge patch if the incident is still at `version`.
 * @example await updateIncident(deps, ctx, 'SYS-20251126-001', { impact: { trading: { orders_lost: 437 } } }, 1);
 */
export async function updateIncident(deps: Deps, ctx: Context, id: string, patch: unknown, version: number | undefined): Promise<Incident> {
  const p = validate(incidentPatchSchema, patch, 'update');
  // The review stamps these (lifecycle.ts): set by hand, an overdue post-mortem would read as delivered.
  const stamped = (['draft_at', 'final_at'] as const).filter((k) => p.milestones !== null && typeof p.milestones === 'object' && k in p.milestones);
  if (stamped.length) {
    throw new InputError(`${stamped.map((k) => `milestones.${k}`).join(' and ')} ${stamped.length > 1 ? 'are' : 'is'} recorded by the post-mortem review (draft_at when it is submitted, final_at when it is approved): an update cannot set ${stamped.length > 1 ? 'them' : 'it'}`);
  }
  const current = await getIncident(deps, id);
  if (version === undefined) throw new InputError('an update needs the version you based it on (--version N, or If-Match / "version" over HTTP)');
  if (version !== current.version) throw versionConflict(id, current.version, version);
  const merged = mergePatch(contentOf(current), p);
  const content = canonicalize(deriveMilestones(validate(incidentContentSchema, merged, 'incident'), nowTimestamp()));
  return commitChange(deps, ctx, current, { content }, { action: 'incident.update' });
}

export interface TransitionOptions {
  version?: number;
  /** When the new state was reached (defaults to now); used for the end time and milestones. */
  at?: string;
  note?: string;
  /** Set by the post-mortem review, the only way into and out of review (see TransitionRule.review). */
  review?: boolean;
}

/**
 * Moves an incident along its lifecycle (see lifecycle.ts), applying the transition's side effects.
 * @example await transitionIncident(deps, ctx, id, 'resolved', { at: '2025-11-26T10:45:00Z' });
 */
export async function transitionIncident(deps: Deps, ctx: Context, id: string, to: string, opts: TransitionOptions = {}): Promise<Incident> {
  if (!(STATUSES as readonly string[]).includes(to)) throw new InputError(`unknown status "${to}": expected one of ${STATUSES.join(', ')}`);
  const target = to as Status;
  const current = await getIncident(deps, id);
  if (opts.version !== undefined && opts.version !== current.version) throw versionConflict(id, current.version, opts.version);
  const rule = findTransition(current.status, target);
  if (!rule) {
    const allowed = allowedTargets(current.status);
    throw new ConflictError(`cannot move ${id} from ${current.status} to ${target}; allowed: ${allowed.join(', ') || 'none'}`, {
      code: 'invalid_transition',
      details: { from: current.status, to: target, allowed },
    });
  }
  if (rule.role && !roleAtLeast(ctx.role, rule.role)) {
    // NotAllowedError takes the details themselves: they become the problem's `details`.
    throw new NotAllowedError(`moving ${id} from ${current.status} to ${target} needs the ${rule.role} role; ${ctx.actor} has ${ctx.role}`, { needed: rule.role, role: ctx.role });
  }
  if (rule.review && !opts.review) {
    throw new ConflictError(`${id} moves from ${current.status} to ${target} by its post-mortem review (the "${rule.review}" step), which records who did it on which version`, {
      code: 'invalid_transition',
      details: { from: current.status, to: target, review_step: rule.review },
    });
  }
  if (target === 'closed' && current.status === 'approved') await refuseVoidApproval(deps, current);
  const at = opts.at ? validate(incidentContentSchema.shape.started_at, opts.at, 'time') : nowTimestamp();
  let content = contentOf(current);
  if (rule.setsEnd && !content.ended_at) content = { ...content, ended_at: at };
  if (rule.onlyIfPostmortemOptional) {
    const policy = evaluatePolicy(current, deps.config.policy, nowNs());
    if (policy.mandatory) {
      throw new ConflictError(`${id} needs a post-mortem before it can be closed (${policy.reasons.join('; ')}); move it to postmortem`, {
        code: 'invalid_transition',
        details: { from: current.status, to: target, reasons: policy.reasons },
      });
    }
  }
  const m = { ...content.milestones };
  if (target === 'in_review' && !m.draft_at) m.draft_at = at;
  if (target === 'approved' && !m.final_at) m.final_at = at;
  content = { ...content, milestones: m };
  if (target === 'closed') content = { ...content, signoff: { ...content.signoff, closed_at: content.signoff?.closed_at ?? at } };
  content = canonicalize(validate(incidentContentSchema, content, 'incident'));
  return commitChange(deps, ctx, current, { content, status: target }, { action: 'incident.transition', extra: opts.note ? { note: opts.note } : {} });
}

/**
 * An approval binds to the content approved (postmortem/review): an incident whose post-mortem was
 * edited after its approval still has the status approved, but closing it then would close on a
 * post-mortem nobody approved. A published one closes: later edits go to a revision.
 */
async function refuseVoidApproval(deps: Deps, inc: Incident): Promise<void> {
  const events = await listEvents(deps.db, inc.id);
  if (events.at(-1)?.action !== 'approved') return;
  const review = reviewInfo(inc, events);
  if (review.state === 'approved') return;
  throw new ConflictError(`${inc.id} cannot be closed: ${review.note ?? 'its approval is void'}; approve the current version first (pfa postmortem ${inc.id} approve)`, {
    code: 'invalid_transition',
    details: { from: inc.status, to: 'closed', review_state: review.state },
  });
}

const importStatusSchema = z.enum(STATUSES);

export type ImportOutcome = 'created' | 'unchanged' | 'replaced';

/**
 * An incident as `pfa incident export` writes it: the record, and the timeline entries a curator
 * removed (kept beside the record, see schema/exchange.ts), which an import restores with it.
 * @example (await exportIncident(deps, 'SYS-20251126-001')).timeline_dismissals // [{ entry_id: 'T20', keys: […], … }]
 */
export async function exportIncident(deps: Deps, id: string): Promise<IncidentExport> {
  const incident = await getIncident(deps, id);
  return { ...incident, timeline_dismissals: await listDismissals(deps.db, id) };
}

/** Whether two lists of removals record the same keys with the same removal each. */
function sameDismissals(a: readonly TimelineDismissal[], b: readonly TimelineDismissal[]): boolean {
  const rows = (list: readonly TimelineDismissal[]) =>
    list.flatMap((d) => d.keys.map((k) => JSON.stringify([k, d.entry_id ?? '', d.removed_at, d.removed_by]))).sort().join('\n');
  return rows(a) === rows(b);
}

/**
 * Imports a whole record, and the removed timeline entries an export carries beside it, in one
 * transaction. A new id is created as given; an existing id with equal content (and removals, when
 * the file has them) is left alone; an existing id with other content is a conflict unless `replace`
 * is set, which replaces the removals too. A file without `timeline_dismissals` (exported before
 * exports carried it) leaves the incident's removals as they are.
 */
export async function importIncident(
  deps: Deps,
  ctx: Context,
  record: unknown,
  { replace = false, newId = false }: { replace?: boolean; newId?: boolean } = {},
): Promise<{ outcome: ImportOutcome; incident: Incident }> {
  if (replace && newId) throw new InputError('replace and new_id contradict each other: a new id replaces nothing; give one');
  if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new InputError('invalid incident: expected an object');
  const { timeline_dismissals, ...raw }: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  // An exported record carries its status (kept: an import restores the incident as it was) and
  // bookkeeping that belongs to the store it came from (dropped).
  const status = validate(importStatusSchema, raw.status ?? 'open', 'status');
  for (const k of ['status', 'version', 'created_at', 'updated_at']) delete raw[k];
  if (newId) delete raw.id;
  const input = validate(incidentCreateSchema, raw, 'incident');
  const dismissals = validate(exportExtrasSchema, { timeline_dismissals }, 'incident').timeline_dismissals;
  const ictx: Context = { ...ctx, source: 'import' };
  return inTransaction(deps.db, async (trx) => {
    const tdeps: Deps = { ...deps, db: trx };
    const restore = async (outcome: ImportOutcome, incident: Incident, before: readonly TimelineDismissal[] = []) => {
      if (dismissals && !sameDismissals(before, dismissals)) {
        await replaceDismissals(trx, incident.id, dismissals);
        await appendAudit(trx, ictx, {
          action: 'timeline_dismissals.import',
          subject: incident.id,
          changes: { removed_entries: dismissals.length, keys: dismissals.reduce((n, d) => n + d.keys.length, 0), replaced_entries: before.length },
        });
      }
      return { outcome, incident };
    };
    const create = async () => restore('created', await createIncident(tdeps, ictx, input, { action: 'incident.import', status }));
    if (!input.id) return create();
    const existing = await findIncident(trx, input.id);
    if (!existing) return create();
    const { id: _id, ...content } = input;
    const canonical = canonicalize(content);
    const before = dismissals ? await listDismissals(trx, existing.id) : [];
    const same = diffRecords(contentOf(existing), canonical).length === 0 && existing.status === status && (!dismissals || sameDismissals(before, dismissals));
    if (same) return { outcome: 'unchanged' as const, incident: existing };
    if (!replace) {
      throw new ConflictError(`incident ${input.id} already exists with other content; import it with replace to overwrite it (--replace, ?replace=true), or with new_id to import a copy (--new-id, ?new_id=true)`, {
        details: { id: input.id },
      });
    }
    const incident = await commitChange(tdeps, ictx, existing, { content: canonical, status }, { action: 'incident.import' });
    return restore('replaced', incident, before);
  });
}
