/**
 * What `pfa capture --incident` does to the incident's system state, decided without I/O so every
 * case is testable: fill it, keep it, replace it, or leave it alone because the capture was taken too
 * far from the incident to describe the state at the failure.
 */
import { toSystemState, type SystemState } from './system-state.js';
import type { Snapshot } from './schema.js';
import { captureTiming, STATE_MARGIN, type IncidentWindow } from './timing.js';

export interface IncidentStateInput extends IncidentWindow {
  id: string;
  system_state?: SystemState | undefined;
}

export interface StatePlan {
  /** The new system state, or null to leave the record untouched. */
  next: SystemState | null;
  /** What was done and why, for the user. */
  note: string;
}

/**
 * The incident's next system state after capture `snap`. A capture fills an empty state, and replaces a
 * recorded one only when asked: a later capture (after recovery, or from another host) must not overwrite
 * the state at the failure. A capture taken more than STATE_MARGIN outside the incident's window never
 * fills the "at time of failure" section, even when asked: it is evidence of another moment.
 * @example planSystemState(incident, snap, false).note // 'filled the system state of SYS-… from this capture, taken during the incident'
 */
export function planSystemState(inc: IncidentStateInput, snap: Snapshot, replace: boolean): StatePlan {
  const timing = captureTiming(snap.taken_at, inc);
  const taken = `taken ${timing.text}`;
  const from = `from this capture, ${taken}`;
  if (!timing.near) {
    return {
      next: null,
      note: `attached to ${inc.id}, but not used for its system state: ${taken}, more than ${STATE_MARGIN} outside the incident, so it does not show the state at the failure (compare snapshots with pfa capture diff)`,
    };
  }
  const old = inc.system_state ?? {};
  const snapshots = [...(old.snapshots ?? []), snap.id];
  const recorded = Object.keys(old).some((k) => k !== 'snapshots');
  if (!recorded) return { next: { ...toSystemState(snap), snapshots }, note: `filled the system state of ${inc.id} ${from}` };
  if (replace) return { next: { ...toSystemState(snap), snapshots }, note: `replaced the system state of ${inc.id} ${from}` };
  const host = old.specs?.hostname;
  return {
    next: { ...old, snapshots },
    note: `attached to ${inc.id}; its system state recorded earlier${host ? ` (host ${host})` : ''} was kept: pass --replace-state to replace it with this capture`,
  };
}
