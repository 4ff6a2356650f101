/** Policy use cases over the store: one incident's policy, and every overdue deadline. */
import type { Deps } from '../incidents/service.js';
import { getIncident } from '../incidents/service.js';
import { allIncidents } from '../incidents/store.js';
import { nowNs } from '../shared/time.js';
import { evaluatePolicy, type DeadlineStatus, type PolicyResult } from './evaluate.js';

export async function policyFor(deps: Deps, id: string, now: bigint = nowNs()): Promise<PolicyResult & { title: string; status: string }> {
  const inc = await getIncident(deps, id);
  return { ...evaluatePolicy(inc, deps.config.policy, now), title: inc.title, status: inc.status };
}

export interface OverdueItem {
  incident_id: string;
  title: string;
  severity: string;
  status: string;
  deadline: DeadlineStatus;
}

/**
 * Every missed deadline of a mandatory post-mortem on incidents not yet closed, most overdue first.
 * @example const items = await overdueDeadlines(deps);
 */
export async function overdueDeadlines(deps: Deps, now: bigint = nowNs()): Promise<OverdueItem[]> {
  const items: OverdueItem[] = [];
  for await (const inc of allIncidents(deps.db)) {
    if (inc.status === 'closed') continue;
    const p = evaluatePolicy(inc, deps.config.policy, now);
    if (!p.mandatory) continue;
    for (const d of p.deadlines) {
      if (d.state === 'overdue') items.push({ incident_id: inc.id, title: inc.title, severity: inc.severity, status: inc.status, deadline: d });
    }
  }
  return items.sort((a, b) => (a.deadline.due_at ?? '').localeCompare(b.deadline.due_at ?? ''));
}
