import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../evidence/timeline/index.js';
import { incidentContentSchema, type IncidentContent } from '../../incidents/schema/index.js';
import { parseTimestamp } from '../../shared/time.js';
import { humanDuration } from './duration.js';
import { recoveryFigures } from './recovery.js';

const RTO = { default: '15m', network: '5m', memory: '10m' };

function incident(over: Record<string, unknown> = {}): IncidentContent {
  return incidentContentSchema.parse({ title: 'Gateway down', severity: 'P1', started_at: '2025-11-26T10:27:00Z', component: 'network', ...over });
}

const timeline = [
  { id: 'T1', at: '2025-11-26T10:27:35.123456789Z', event: 'first timeout', marker: 'first_indication' },
  { id: 'T2', at: '2025-11-26T10:29:00.000000001Z', event: 'alert', marker: 'detection' },
  { id: 'T3', at: '2025-11-26T10:35:00.5Z', event: 'cause found', marker: 'diagnosis' },
  { id: 'T4', at: '2025-11-26T10:37:30Z', event: 'failover', marker: 'fix' },
  { id: 'T5', at: '2025-11-26T10:40:00.25Z', event: 'connection back', marker: 'verification' },
  { id: 'T6', at: '2025-11-26T10:45:00.000000789Z', event: 'trading resumed', marker: 'recovery' },
];

describe('humanDuration', () => {
  it.each([
    [0n, '0s'],
    [724_500_000_000n, '12m 4.5s'],
    [3_600_000_000_000n, '1h'],
    [3_604_500_000_000n, '1h 4.5s'],
    [90_061_001_000_000n, '1d 1h 1m 1.001s'],
    [1_500_000n, '1.5ms'],
    [250_000n, '250µs'],
    [17n, '17ns'],
    [-150_000_000_000n, '-2m 30s'],
    [1_999_999_999n, '1.999s'],
  ])('%s ns → %s', (ns, text) => expect(humanDuration(ns)).toBe(text));
});

describe('recoveryFigures', () => {
  it('measures every phase between the timeline markers to the nanosecond', () => {
    const r = recoveryFigures(incident({ timeline, failure: { complete_failure_at: '2025-11-26T10:28:45.000000100Z' } }), { rto: RTO });
    expect(r.marker_sources).toEqual({ first_indication: 'T1', detection: 'T2', diagnosis: 'T3', fix: 'T4', verification: 'T5', recovery: 'T6' });
    expect(r.markers.first_indication).toBe('2025-11-26T10:27:35.123456789Z');
    const ns = (a: string, b: string) => (parseTimestamp(b).ns - parseTimestamp(a).ns).toString();
    expect(r.detection?.ns).toBe(ns('2025-11-26T10:27:35.123456789Z', '2025-11-26T10:29:00.000000001Z'));
    expect(r.detection?.ns).toBe('84876543212');
    expect(r.detection?.text).toBe('1m 24.876s');
    expect(r.diagnosis?.ns).toBe('360499999999');
    expect(r.fix?.text).toBe('2m 29.5s');
    expect(r.testing?.text).toBe('2m 30.25s');
    expect(r.total?.ns).toBe('1044876544000');
    expect(r.downtime?.ns).toBe('975000000689');
    expect(r.downtime?.text).toBe('16m 15s');
    // network's RTO (5m) against the downtime, since the complete-failure time is known.
    expect(r.rto).toMatchObject({ component: 'network', objective: { text: '5m' }, actual: { ns: '975000000689' }, met: false });
    expect(r.rto.variance).toEqual({ ns: '675000000689', text: '+11m 15s', negative: false });
    expect(r.notes).toEqual([]);
  });

  it('notes markers outside the incident window and a recovery after the recorded end, instead of giving absurd figures silently', () => {
    const far = [
      { id: 'T18', at: '0000-01-01T00:00:00Z', event: 'x', marker: 'first_indication' },
      ...timeline.slice(1, 5),
      { id: 'T23', at: '9999-12-31T23:59:59.999999999Z', event: 'y', marker: 'recovery' },
    ];
    const r = recoveryFigures(incident({ timeline: far, ended_at: '2025-11-26T10:50:00Z' }), { rto: RTO });
    expect(r.notes.filter((n) => n.includes('outside its window'))).toEqual([
      expect.stringMatching(/^first indication marker \(T18, 0000-01-01T00:00:00Z\) is 739\d{3}d .* before the incident's start \(2025-11-26T10:27:00Z\), outside its window \[start − 15m, end \+ 15m\]: the figures that use it are doubtful/),
      expect.stringMatching(/^recovery marker \(T23, 9999-12-31T23:59:59.999999999Z\) is \d+d .* after the incident's end \(2025-11-26T10:50:00Z\), outside its window/),
    ]);
    // A realistic slip: recovery marked after the recorded end, within the window's margin.
    const late = recoveryFigures(incident({ timeline, ended_at: '2025-11-26T10:40:00Z' }), { rto: RTO });
    expect(late.notes).toContain(
      "recovery marker (T6, 2025-11-26T10:45:00.000000789Z) is 5m after the incident's end (2025-11-26T10:40:00Z): the recovery figures run past the recorded end; correct the marker or ended_at",
    );
    // Inside the window, and the record's own start and end standing in for markers, need no note.
    const aboutWindow = (n: string) => n.includes('window') || n.includes('after the incident');
    expect(recoveryFigures(incident({ timeline, ended_at: '2025-11-26T10:45:00.000000789Z' }), { rto: RTO }).notes.filter(aboutWindow)).toEqual([]);
    expect(recoveryFigures(incident({ ended_at: '2025-11-26T10:50:00Z' }), { rto: RTO }).notes.filter(aboutWindow)).toEqual([]);
  });

  it('takes the earliest first indication and detection, the latest of the other markers', () => {
    const extra = [
      { id: 'T7', at: '2025-11-26T10:28:00Z', event: 'second alert', marker: 'detection' },
      { id: 'T8', at: '2025-11-26T10:33:00Z', event: 'wrong diagnosis', marker: 'diagnosis' },
      { id: 'T9', at: '2025-11-26T10:20:00Z', event: 'earlier partial recovery', marker: 'recovery' },
      { id: 'T10', at: '2025-11-26T10:26:00Z', event: 'earlier sign', marker: 'first_indication' },
    ];
    const r = recoveryFigures(incident({ timeline: [...timeline, ...extra] }), { rto: RTO });
    expect(r.marker_sources).toMatchObject({ first_indication: 'T10', detection: 'T7', diagnosis: 'T3', recovery: 'T6' });
  });

  it('falls back to record fields and names the field used', () => {
    const r = recoveryFigures(
      incident({
        ended_at: '2025-11-26T10:50:00Z',
        failure: { first_indication_at: '2025-11-26T10:26:59.999999999Z' },
        resolution: { workaround: { implemented_at: '2025-11-26T10:40:00Z' }, verification: { deployed_at: '2025-11-27T02:00:00Z' } },
      }),
      { rto: RTO },
    );
    expect(r.marker_sources).toEqual({ first_indication: 'failure.first_indication_at', fix: 'resolution.workaround.implemented_at', recovery: 'ended_at' });
    expect(r.total?.ns).toBe('1380000000001');
    expect(r.detection).toBeUndefined();
    expect(r.notes.join('\n')).toMatch(/no detection, diagnosis, verification marker/);
    // No complete-failure time: the RTO is compared with the total, and the note says so.
    expect(r.rto.actual?.ns).toBe('1380000000001');
    expect(r.notes.join('\n')).toMatch(/RTO compared with the total time to recovery/);
    const started = recoveryFigures(incident({ resolution: { verification: { deployed_at: '2025-11-26T10:40:00Z' } } }), { rto: RTO });
    expect(started.marker_sources).toEqual({ first_indication: 'started_at', fix: 'resolution.verification.deployed_at' });
    expect(started.rto.actual).toBeUndefined();
    expect(started.notes).toContain('RTO not assessed: no recovery time');
  });

  it('reports markers out of order instead of a negative span', () => {
    const bad = timeline.map((e) => (e.id === 'T3' ? { ...e, at: '2025-11-26T10:28:00Z' } : e));
    const r = recoveryFigures(incident({ timeline: bad }), { rto: RTO });
    expect(r.diagnosis).toBeUndefined();
    expect(r.fix?.text).toBe('9m 30s');
    expect(r.notes).toContain('diagnosis time not computed: diagnosis (2025-11-26T10:28:00Z) is before detection (2025-11-26T10:29:00.000000001Z)');
  });

  it('uses the default RTO for an unconfigured component, and reports a met objective with a negative variance', () => {
    const r = recoveryFigures(incident({ component: 'database', timeline }), { rto: { default: '1h', network: '5m' } });
    expect(r.rto).toMatchObject({ component: 'database', objective: { text: '1h' }, met: true, variance: { text: '-42m 35.123s', negative: true } });
    expect(r.notes).toContain('no RTO configured for database: the default (1h) applies');
    const none = recoveryFigures(incident({ component: undefined, timeline }), { rto: {} });
    expect(none.rto).toMatchObject({ component: 'default', objective: { text: '15m' } });
    expect(none.notes).toContain('no RTO configured: 15m assumed');
  });

  it('copies the recorded orders and loss, and leaves counted orders null without FIX events', () => {
    const r = recoveryFigures(incident({ impact: { trading: { orders_failed: 12, orders_lost: 3, financial_loss_usd: 25000.5 } } }), { rto: RTO });
    expect(r.orders).toEqual({ failed: null, lost: null, recorded_failed: 12, recorded_lost: 3, sources: [] });
    expect(r.financial_loss_usd).toBe(25000.5);
  });

  it('counts orders from FIX events inside the incident window only', () => {
    const ev = (at: string, event_type: string, metadata: TimelineEvent['metadata']): TimelineEvent => ({
      timestamp: at, ns: parseTimestamp(at).ns, source: 'order', event_type, description: event_type, metadata: { file: 'fix.log', ...metadata },
    });
    const events = [
      ev('2025-11-26T10:20:00Z', 'order_rejected', { msg_type: '8', ord_status: '8', cl_ord_id: 'before' }),
      ev('2025-11-26T10:30:00Z', 'order_rejected', { msg_type: '8', ord_status: '8', cl_ord_id: 'o1' }),
      ev('2025-11-26T10:45:00.000000789Z', 'order_rejected', { msg_type: '8', exec_type: '8', cl_ord_id: 'o2' }),
      ev('2025-11-26T10:45:00.00000079Z', 'order_rejected', { msg_type: '8', ord_status: '8', cl_ord_id: 'after' }),
    ];
    const r = recoveryFigures(incident({ timeline }), { rto: RTO, fixEvents: events });
    expect(r.orders).toMatchObject({ failed: 2, lost: null, sources: ['fix.log'] });
    expect(r.notes.some((n) => n.startsWith('2 FIX event(s) outside the incident window'))).toBe(true);
    const empty = recoveryFigures(incident({ timeline }), { rto: RTO, fixEvents: [], fixSources: ['a.log'] });
    expect(empty.orders).toMatchObject({ failed: 0, lost: null, sources: ['a.log'] });
  });
});
