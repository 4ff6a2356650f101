/**
 * The framework's post-mortem policy, pure: is a post-mortem mandatory (and why), and where does each
 * deadline stand. Deadlines run from the incident's end; an incident still open has none yet.
 */
import type { PolicyConfig } from '../config/schema.js';
import type { Incident } from '../incidents/schema/index.js';
import { formatDuration, formatTimestamp, parseDuration, parseTimestamp } from '../shared/time.js';

export const DEADLINES = [
  { key: 'initial_timeline', milestone: 'initial_timeline_at', label: 'Initial timeline' },
  { key: 'draft', milestone: 'draft_at', label: 'Draft post-mortem' },
  { key: 'final', milestone: 'final_at', label: 'Final post-mortem' },
  { key: 'actions_started', milestone: 'actions_started_at', label: 'Corrective actions started' },
  { key: 'fixes_reviewed', milestone: 'fixes_reviewed_at', label: 'Review of implemented fixes' },
] as const;

export type DeadlineState = 'met' | 'late' | 'pending' | 'due' | 'overdue' | 'not_started';

export interface DeadlineStatus {
  key: (typeof DEADLINES)[number]['key'];
  label: string;
  due_at: string | null;
  done_at: string | null;
  /** met: done in time; late: done after the deadline; pending: not due yet; due: due soon; overdue: past; not_started: the incident has not ended. */
  state: DeadlineState;
}

export interface PolicyResult {
  incident_id: string;
  mandatory: boolean;
  /** Why the post-mortem is mandatory, or why it is optional. */
  reasons: string[];
  deadlines: DeadlineStatus[];
  overdue: number;
}

type PolicyInput = Pick<Incident, 'id' | 'severity' | 'started_at' | 'ended_at' | 'impact' | 'milestones'>;

/**
 * @example evaluatePolicy(incident, DEFAULT_CONFIG.policy, nowNs()).mandatory
 */
export function evaluatePolicy(incident: PolicyInput, policy: PolicyConfig, now: bigint): PolicyResult {
  const reasons: string[] = [];
  if (policy.mandatory_severities.includes(incident.severity)) reasons.push(`severity ${incident.severity} (mandatory for ${policy.mandatory_severities.join('/')})`);

  const start = parseTimestamp(incident.started_at).ns;
  const end = incident.ended_at ? parseTimestamp(incident.ended_at).ns : null;
  const outage = (end ?? now) - start;
  const outageThreshold = parseDuration(policy.outage_threshold);
  if (outage > outageThreshold) {
    reasons.push(`outage of ${formatDuration(outage)}${end === null ? ' so far' : ''} exceeds ${formatDuration(outageThreshold)}`);
  }
  const loss = incident.impact?.trading?.financial_loss_usd;
  if (loss !== undefined && loss > policy.financial_loss_threshold_usd) {
    reasons.push(`financial loss $${loss.toLocaleString('en-US')} exceeds $${policy.financial_loss_threshold_usd.toLocaleString('en-US')}`);
  }
  if (incident.impact?.regulatory_reporting_required) reasons.push('regulatory reporting required');
  if (incident.impact?.circuit_breaker_activated) reasons.push('circuit breaker activated');
  if (incident.impact?.emergency_halt) reasons.push('emergency halt');

  const mandatory = reasons.length > 0;
  if (!mandatory) {
    reasons.push(`optional: severity ${incident.severity}, outage ${formatDuration(outage)} within ${formatDuration(outageThreshold)}, no other trigger`);
  }

  const dueSoon = parseDuration(policy.due_soon);
  const deadlines = DEADLINES.map(({ key, milestone, label }): DeadlineStatus => {
    const doneAt = incident.milestones?.[milestone] ?? null;
    if (end === null) return { key, label, due_at: null, done_at: doneAt, state: doneAt ? 'met' : 'not_started' };
    const due = end + parseDuration(policy.deadlines[key]);
    const dueAt = formatTimestamp(due, 0);
    let state: DeadlineState;
    if (doneAt) state = parseTimestamp(doneAt).ns <= due ? 'met' : 'late';
    else if (now > due) state = 'overdue';
    else if (due - now <= dueSoon) state = 'due';
    else state = 'pending';
    return { key, label, due_at: dueAt, done_at: doneAt, state };
  });

  return {
    incident_id: incident.id,
    mandatory,
    reasons,
    deadlines,
    overdue: mandatory ? deadlines.filter((d) => d.state === 'overdue').length : 0,
  };
}
