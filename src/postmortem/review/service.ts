/**
 * Post-mortem review and sign-off: submit → approve or request changes → publish. Each step is
 * recorded with who, in which role, when and on which version, and audited; the incident's own
 * lifecycle follows where it has a matching move (postmortem → in_review → approved).
 */
import { appendAudit } from '../../audit/store.js';
import { lockUntilCommit } from '../../db/dialect.js';
import { inTransaction } from '../../db/transaction.js';
import { diffRecords, type Change } from '../../incidents/merge.js';
import { findTransition } from '../../incidents/lifecycle.js';
import type { Incident, Status } from '../../incidents/schema/index.js';
import { getIncident, transitionIncident, type Deps } from '../../incidents/service.js';
import { roleAtLeast, type Context, type Role } from '../../shared/context.js';
import { ConflictError, InputError, NotAllowedError, NotFoundError } from '../../shared/errors.js';
import { nowTimestamp, parseTimestamp } from '../../shared/time.js';
import type { ReviewEvent, ReviewInfo } from '../types.js';
import { contentHash, reviewInfo, STEP_FROM, type StoredEvent } from './state.js';
import { appendEvent, findVersion, insertVersion, listEvents, listVersions, type VersionRow } from './store.js';

/** Who may take each step. */
export const STEP_ROLE: Record<ReviewEvent['action'], Role> = {
  submitted: 'responder',
  changes_requested: 'reviewer',
  approved: 'approver',
  published: 'approver',
  reopened: 'responder',
};

/** The incident status each step moves to, through these lifecycle moves when they are allowed. */
const STATUS_PATH: Partial<Record<ReviewEvent['action'], Status[]>> = {
  submitted: ['postmortem', 'in_review'],
  changes_requested: ['postmortem'],
  approved: ['approved'],
  reopened: ['postmortem'],
};

export async function getReview(deps: Deps, id: string): Promise<ReviewInfo> {
  return reviewOf(deps, await getIncident(deps, id));
}

async function reviewOf(deps: Deps, inc: Incident): Promise<ReviewInfo> {
  const versions = await listVersions(deps.db, inc.id);
  return reviewInfo(inc, await listEvents(deps.db, inc.id), versions.at(-1)?.number);
}

async function followLifecycle(deps: Deps, ctx: Context, inc: Incident, action: ReviewEvent['action']): Promise<Incident> {
  let current = inc;
  for (const to of STATUS_PATH[action] ?? []) {
    if (current.status === to) continue;
    if (!findTransition(current.status, to)) continue;
    current = await transitionIncident(deps, ctx, current.id, to, { note: `post-mortem ${action.replace('_', ' ')}`, review: true });
  }
  return current;
}

export interface StepOptions {
  comment?: string;
  /** The incident version the actor looked at; a mismatch is a conflict (someone edited meanwhile). */
  version?: number;
  /**
   * publish only: the document as published. It runs inside the step's transaction: read the store
   * through the `deps` it is given (on SQLite another handle would wait for this transaction).
   */
  render?: (inc: Incident, deps: Deps) => Promise<string> | string;
}

/**
 * Takes one review step.
 * @example await reviewStep(deps, ctx, 'SYS-20251119-001', 'approved', { version: 7 });
 */
export async function reviewStep(deps: Deps, ctx: Context, id: string, action: ReviewEvent['action'], opts: StepOptions = {}): Promise<ReviewInfo> {
  const needed = STEP_ROLE[action];
  if (!roleAtLeast(ctx.role, needed)) {
    // NotAllowedError takes the details themselves (not wrapped): they become the problem's `details`.
    throw new NotAllowedError(`the review step "${action}" needs the ${needed} role; ${ctx.actor} has ${ctx.role}`, { needed, role: ctx.role });
  }
  // One transaction: the checks, the lifecycle moves and the recorded step commit together, and
  // two reviewers acting at once are taken one after the other, the second against the first's result.
  await inTransaction(deps.db, async (trx) => {
    await lockUntilCommit(trx, `pfa:review:${id}`);
    const tx: Deps = { ...deps, db: trx };
    let inc = await getIncident(tx, id);
    if (opts.version !== undefined && opts.version !== inc.version) {
      throw new ConflictError(`incident ${id} is at version ${inc.version}, not ${opts.version}: it changed since you read it; review the current version`, {
        code: 'version_conflict',
        details: { current_version: inc.version, your_version: opts.version },
      });
    }
    if (action === 'submitted' && (inc.status === 'open' || inc.status === 'mitigated')) {
      throw new ConflictError(`${id} is ${inc.status}: resolve it before its post-mortem goes to review`, { code: 'invalid_transition' });
    }
    const before = await reviewOf(tx, inc);
    if (!STEP_FROM[action].includes(before.state)) {
      throw new ConflictError(`cannot take step "${action.replace('_', ' ')}" while the post-mortem is ${before.state.replace('_', ' ')}${before.note ? ` (${before.note})` : ''}; allowed from: ${STEP_FROM[action].join(', ')}`, {
        code: 'invalid_transition',
        details: { state: before.state, allowed_from: STEP_FROM[action] },
      });
    }
    inc = await followLifecycle(tx, ctx, inc, action);
    const markdown = action === 'published' && opts.render ? await opts.render(inc, tx) : '';
    const event = eventOf(inc, { action, actor: ctx.actor, role: ctx.role, at: nowTimestamp(), ...(opts.comment ? { comment: opts.comment } : {}) });
    let number: number | undefined;
    if (action === 'published') {
      const versions = await listVersions(trx, id);
      number = (versions.at(-1)?.number ?? 0) + 1;
      await insertVersion(trx, {
        incident_id: id,
        number,
        incident_version: inc.version,
        content_sha256: event.content_sha256,
        published_at: event.at,
        published_by: ctx.actor,
        record: JSON.stringify(inc),
        markdown,
      });
    }
    await appendEvent(trx, id, event);
    await appendAudit(trx, ctx, {
      action: `postmortem.${action === 'changes_requested' ? 'request_changes' : action === 'submitted' ? 'submit' : action === 'approved' ? 'approve' : action === 'published' ? 'publish' : 'reopen'}`,
      subject: id,
      changes: { incident_version: inc.version, content_sha256: event.content_sha256, role: ctx.role, ...(opts.comment ? { comment: opts.comment } : {}), ...(number ? { published_version: number } : {}) },
    });
  });
  return getReview(deps, id);
}

/** A step as stored: who took it, bound to the incident version and content it was taken on. */
function eventOf(inc: Incident, step: { action: ReviewEvent['action']; actor: string; role: Role; at: string; comment?: string }): StoredEvent {
  const { action, actor, role, at, comment } = step;
  return { action, actor, role, at, incident_version: inc.version, content_sha256: contentHash(inc), ...(comment ? { comment } : {}) };
}

/** One step of a review that already happened elsewhere (see seedReview). */
export interface PastStep {
  action: Exclude<ReviewEvent['action'], 'published'>;
  actor: string;
  role: Role;
  comment?: string;
  /** When it happened (RFC 3339); default now. */
  at?: string;
}

/**
 * Records a review history that happened before the incident reached this store (the demo data,
 * records imported with their status): each step bound to the current version and content and
 * audited, but without moving the lifecycle, which the imported status already reflects. Only
 * for an incident with no review step yet; the steps must follow the state machine and roles.
 * @example await seedReview(deps, ctx, 'INC-20251126-001', [{ action: 'submitted', actor: 'Dana', role: 'responder' }]);
 */
export async function seedReview(deps: Deps, ctx: Context, id: string, steps: readonly PastStep[]): Promise<ReviewInfo> {
  const inc = await getIncident(deps, id);
  if ((await listEvents(deps.db, id)).length > 0) throw new ConflictError(`${id} already has review steps`, { code: 'invalid_transition' });
  const events: StoredEvent[] = [];
  for (const step of steps) {
    const state = reviewInfo(inc, events).state;
    if (!STEP_FROM[step.action].includes(state) || !roleAtLeast(step.role, STEP_ROLE[step.action])) {
      throw new InputError(`past step "${step.action}" by a ${step.role} cannot follow a ${state.replace('_', ' ')} review`);
    }
    if (step.at !== undefined) parseTimestamp(step.at); // throws a clear error on a malformed time
    events.push(eventOf(inc, { ...step, at: step.at ?? nowTimestamp() }));
  }
  await inTransaction(deps.db, async (trx) => {
    for (const e of events) {
      await appendEvent(trx, id, e);
      await appendAudit(trx, ctx, { action: 'postmortem.seed', subject: id, changes: { step: e.action, actor: e.actor, role: e.role, incident_version: e.incident_version } });
    }
  });
  return getReview(deps, id);
}

export async function publishedVersions(deps: Deps, id: string) {
  await getIncident(deps, id);
  return listVersions(deps.db, id);
}

export async function publishedVersion(deps: Deps, id: string, n: number): Promise<VersionRow> {
  const v = await findVersion(deps.db, id, n);
  if (!v) throw new NotFoundError(`${id} has no published post-mortem version ${n}`, { id, version: n });
  return v;
}

/**
 * Field-level changes between two published versions, or from one to the current record.
 * @example await versionDiff(deps, id, 1, 2) // [{ path: 'analysis.root_cause', before: '…', after: '…' }]
 */
export async function versionDiff(deps: Deps, id: string, from: number, to: number | 'current'): Promise<Change[]> {
  if (to !== 'current' && to <= from) throw new InputError('compare an older version with a newer one: FROM < TO');
  const a = JSON.parse((await publishedVersion(deps, id, from)).record) as Incident;
  const b = to === 'current' ? await getIncident(deps, id) : (JSON.parse((await publishedVersion(deps, id, to)).record) as Incident);
  const strip = ({ version: _v, updated_at: _u, created_at: _c, ...rest }: Incident) => rest;
  return diffRecords(strip(a), strip(b));
}
