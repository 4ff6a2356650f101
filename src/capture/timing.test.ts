import { describe, expect, it } from 'vitest';
import { captureTiming } from './timing.js';

describe('captureTiming', () => {
  const inc = { started_at: '2025-11-19T14:00:00.123456Z', ended_at: '2025-11-19T14:30:00Z' };

  it('places a capture inside, just around and far from the incident window', () => {
    expect(captureTiming('2025-11-19T14:10:00.000000Z', inc)).toEqual({ offsetNs: 0n, near: true, text: 'during the incident' });
    expect(captureTiming('2025-11-19T14:40:00.000000Z', inc)).toMatchObject({ near: true, text: '10m after the incident ended (2025-11-19T14:30:00Z)' });
    expect(captureTiming('2025-11-19T13:50:00.123456Z', inc)).toMatchObject({ near: true, text: '10m before the incident started (2025-11-19T14:00:00.123456Z)' });
    // Probe E F11: a capture a year later filled "System Metrics at Time of Failure".
    expect(captureTiming('2026-11-23T09:12:00.000000Z', inc)).toMatchObject({ near: false, text: '368d 18h 42m after the incident ended (2025-11-19T14:30:00Z)' });
    expect(captureTiming('2025-11-19T14:45:00.000001Z', inc).near).toBe(false);
    expect(captureTiming('2025-11-19T13:00:00.000000Z', inc).near).toBe(false);
  });

  it('counts a capture after the start of an incident still open as taken during it', () => {
    expect(captureTiming('2025-11-19T16:00:00.123456Z', { started_at: inc.started_at })).toEqual({ offsetNs: 0n, near: true, text: 'during the incident (still open, started 2h earlier)' });
  });
});
