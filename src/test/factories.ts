/** Test data builders: a valid incident with overrides. */
import type { IncidentCreate } from '../incidents/schema/index.js';

export function buildIncident(overrides: Partial<IncidentCreate> = {}): IncidentCreate {
  return {
    kind: 'sys',
    title: 'Order-book engine OOM-killed',
    severity: 'P1',
    started_at: '2025-11-26T10:27:35.123456789Z',
    component: 'memory',
    failure_type: 'memory_exhaustion',
    ...overrides,
  };
}
