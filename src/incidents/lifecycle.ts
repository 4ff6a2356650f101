/**
 * The incident lifecycle. A post-mortem is part of it: resolved incidents whose post-mortem is
 * mandatory cannot be closed without going through review and approval (see policy/).
 *
 *   open ──► mitigated ──► resolved ──► postmortem ──► in_review ──► approved ──► closed
 *     ▲          │             │  ▲          ▲  ▲           │             │
 *     └──────────┘ (regressed) │  └ reopen   │  └─ changes ─┘             │
 *     ▲                        │             │     requested              │
 *     └────────────────────────┘ (recurred)  └──── revised ───────────────┘
 *                                                resolved ──► closed only when no post-mortem is mandatory
 */
import type { Role } from '../shared/context.js';
import type { Status } from './schema/index.js';

export interface TransitionRule {
  from: Status;
  to: Status;
  description: string;
  /** The transition needs the incident's end time (it is set to now when absent). */
  setsEnd?: boolean;
  /** Only allowed when the post-mortem policy does not make a post-mortem mandatory. */
  onlyIfPostmortemOptional?: boolean;
  /** Review decisions need a role above the default responder. */
  role?: Role;
  /**
   * Only the post-mortem review takes this move (postmortem/review): it records who submitted,
   * approved or sent back which version, which a bare status change would not.
   */
  review?: string;
}

export const TRANSITIONS: readonly TransitionRule[] = [
  { from: 'open', to: 'mitigated', description: 'impact contained (workaround or failover), cause not yet fixed' },
  { from: 'open', to: 'resolved', description: 'service restored', setsEnd: true },
  { from: 'mitigated', to: 'resolved', description: 'service restored', setsEnd: true },
  { from: 'mitigated', to: 'open', description: 'mitigation failed; incident active again' },
  { from: 'resolved', to: 'open', description: 'failure recurred' },
  { from: 'resolved', to: 'postmortem', description: 'post-mortem analysis started' },
  { from: 'resolved', to: 'closed', description: 'closed without post-mortem', onlyIfPostmortemOptional: true },
  { from: 'postmortem', to: 'in_review', description: 'post-mortem draft submitted for review', review: 'submit' },
  { from: 'in_review', to: 'postmortem', description: 'changes requested by the reviewers', role: 'reviewer', review: 'request_changes' },
  { from: 'in_review', to: 'approved', description: 'post-mortem approved', role: 'approver', review: 'approve' },
  // A published post-mortem revised: the revision goes through review again, and the incident with it.
  { from: 'approved', to: 'postmortem', description: 'post-mortem revised after approval: back to analysis for a new review', review: 'submit' },
  { from: 'approved', to: 'closed', description: 'incident closed' },
];

export function findTransition(from: Status, to: Status): TransitionRule | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

export function allowedTargets(from: Status): Status[] {
  return TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
}
