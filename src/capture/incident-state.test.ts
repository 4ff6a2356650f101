import { describe, expect, it } from 'vitest';
import { assembleSnapshot } from './assemble.js';
import { planSystemState } from './incident-state.js';
import { toSystemState } from './system-state.js';
import { buildRaw } from './test-fixtures.js';

describe('planSystemState', () => {
  // The fixture snapshot is taken at 2025-11-26T10:27:35.123456Z.
  const snap = assembleSnapshot(buildRaw());
  const during = { id: 'SYS-20251126-001', started_at: '2025-11-26T10:00:00Z', ended_at: '2025-11-26T10:30:00Z' };

  it('fills an empty state from a capture taken during the incident, and says when it was taken', () => {
    const plan = planSystemState(during, snap, false);
    expect(plan.next).toEqual({ ...toSystemState(snap), snapshots: [snap.id] });
    expect(plan.note).toBe('filled the system state of SYS-20251126-001 from this capture, taken during the incident');
  });

  it('keeps a recorded state unless asked, and then replaces it whole', () => {
    const inc = { ...during, system_state: { specs: { hostname: 'ob-eq-01' }, snapshots: ['snap-old'] } };
    expect(planSystemState(inc, snap, false)).toEqual({
      next: { specs: { hostname: 'ob-eq-01' }, snapshots: ['snap-old', snap.id] },
      note: 'attached to SYS-20251126-001; its system state recorded earlier (host ob-eq-01) was kept: pass --replace-state to replace it with this capture',
    });
    const replaced = planSystemState({ ...inc, ended_at: '2025-11-26T10:20:00Z' }, snap, true);
    expect(replaced.next).toEqual({ ...toSystemState(snap), snapshots: ['snap-old', snap.id] });
    expect(replaced.note).toBe('replaced the system state of SYS-20251126-001 from this capture, taken 7m 35s after the incident ended (2025-11-26T10:20:00Z)');
  });

  // Probe E F11: a capture a year after the incident filled "System Metrics at Time of Failure".
  it('never fills the state at the failure from a capture taken far from the incident, even when asked', () => {
    const old = { id: 'SYS-20241119-001', started_at: '2024-11-19T14:00:00Z', ended_at: '2024-11-19T14:30:00Z' };
    for (const replace of [false, true]) {
      const plan = planSystemState({ ...old, system_state: replace ? { specs: { hostname: 'gw' } } : undefined }, snap, replace);
      expect(plan.next).toBeNull();
      expect(plan.note).toMatch(/^attached to SYS-20241119-001, but not used for its system state: taken 371d 19h 57m 35s after the incident ended \(2024-11-19T14:30:00Z\), more than 15m outside the incident/);
    }
  });
});
