/**
 * The review state machine as a pure function of the recorded steps and the current content:
 * stored steps say what happened; an approval or publication of content that has since changed is void.
 */
import { createHash } from 'node:crypto';
import type { Incident } from '../../incidents/schema/index.js';
import { canonicalize } from '../../incidents/merge.js';
import type { ReviewEvent, ReviewInfo, ReviewState } from '../types.js';

export interface StoredEvent extends ReviewEvent {
  content_sha256: string;
}

/**
 * What a review binds to: the record without status, bookkeeping and the milestones the lifecycle
 * stamps on its own (moving to in_review or approved must not void the approval that caused it).
 * @example contentHash(inc) // '3f…' (64 hex digits)
 */
export function contentHash(inc: Incident): string {
  const { id: _i, status: _s, version: _v, created_at: _c, updated_at: _u, milestones: _m, ...content } = inc;
  return createHash('sha256').update(JSON.stringify(sortKeys(canonicalize(content)))).digest('hex');
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

const STORED: Record<ReviewEvent['action'], ReviewState> = {
  submitted: 'in_review',
  approved: 'approved',
  changes_requested: 'changes_requested',
  published: 'published',
  reopened: 'draft',
};

/**
 * The effective review state of an incident's post-mortem.
 * @example reviewInfo(inc, events, 2).state // 'in_review' after an edit voided the approval
 */
export function reviewInfo(inc: Incident, events: readonly StoredEvent[], publishedVersion?: number): ReviewInfo {
  const last = events.at(-1);
  const info: ReviewInfo = { state: last ? STORED[last.action] : 'draft', events: events.map(({ content_sha256: _h, ...e }) => e) };
  if (publishedVersion !== undefined) info.published_version = publishedVersion;
  if (!last) return info;
  const changed = contentHash(inc) !== last.content_sha256;
  if (changed && last.action === 'approved') {
    info.state = 'in_review';
    info.note = `the approval by ${last.actor} (${last.role}) of version ${last.incident_version} is void: the post-mortem changed since (now version ${inc.version}); it needs a new approval`;
  } else if (changed && last.action === 'published') {
    info.state = 'draft';
    info.note = `changed since post-mortem version ${publishedVersion ?? '?'} was published (incident version ${last.incident_version}); submit the revision for review to publish it`;
  }
  return info;
}

/** Which effective states each step may start from. */
export const STEP_FROM: Record<ReviewEvent['action'], readonly ReviewState[]> = {
  submitted: ['draft', 'changes_requested'],
  approved: ['in_review'],
  changes_requested: ['in_review', 'approved'],
  published: ['approved'],
  reopened: ['in_review', 'changes_requested', 'approved'],
};
