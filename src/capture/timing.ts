/**
 * When a snapshot was taken relative to an incident, and whether it may stand for the incident's
 * "system metrics at time of failure": a capture made long after recovery (or before the failure)
 * describes another moment, and filling that section from it would mislead the review.
 */
import { WINDOW_MARGIN } from '../evidence/timeline/defaults.js';
import { formatDuration, parseDuration, toEpochNs } from '../shared/time.js';

/** How far outside the incident's start and end a capture still counts as taken at the failure: the timeline's own default margin. */
export const STATE_MARGIN = WINDOW_MARGIN;

export interface IncidentWindow {
  started_at: string;
  ended_at?: string | undefined;
}

export interface CaptureTiming {
  /** Signed offset: before the start (< 0), 0 inside the window, after the end (> 0), in ns. */
  offsetNs: bigint;
  /** Within the margin of the incident's window: fit to describe the state at the failure. */
  near: boolean;
  /** For the user, e.g. "3m 12s after the incident ended (2025-11-19T14:30:00Z)". */
  text: string;
}

/**
 * Places a snapshot's `taken_at` against the incident's window. An incident without an end is still
 * going on, so a capture after its start is during it.
 * @example captureTiming('2026-11-23T10:00:00Z', { started_at: '2025-11-19T14:00:00Z', ended_at: '2025-11-19T14:30:00Z' }).near === false
 */
export function captureTiming(takenAt: string, inc: IncidentWindow, { margin = STATE_MARGIN }: { margin?: string } = {}): CaptureTiming {
  const at = toEpochNs(takenAt);
  const start = toEpochNs(inc.started_at);
  const end = inc.ended_at === undefined ? null : toEpochNs(inc.ended_at);
  const marginNs = parseDuration(margin);
  if (at < start) {
    const offsetNs = at - start;
    return { offsetNs, near: -offsetNs <= marginNs, text: `${formatDuration(-offsetNs)} before the incident started (${inc.started_at})` };
  }
  if (end !== null && at > end) {
    const offsetNs = at - end;
    return { offsetNs, near: offsetNs <= marginNs, text: `${formatDuration(offsetNs)} after the incident ended (${inc.ended_at ?? ''})` };
  }
  const text = end === null ? `during the incident (still open, started ${formatDuration(at - start)} earlier)` : 'during the incident';
  return { offsetNs: 0n, near: true, text };
}
