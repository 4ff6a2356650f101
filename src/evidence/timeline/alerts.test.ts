import { describe, expect, it } from 'vitest';
import { alertEvents, alertEventsOfDocs, mergeAlerts } from './alerts.js';

const ZERO = '0001-01-01T00:00:00Z';
const alert = (instance: string, status: string, startsAt: string, endsAt = ZERO, fingerprint = '') => ({
  status, labels: { alertname: 'NodeHighLoad', instance }, annotations: { summary: `load high on ${instance}` }, startsAt, endsAt, fingerprint,
});
const payload = (...alerts: ReturnType<typeof alert>[]) => ({ status: 'firing', receiver: 'sre', alerts });

describe('alertEventsOfDocs', () => {
  // A webhook receiver's log: the group notified at 16:06, again at the next group interval, then resolved.
  const docs = [
    payload(alert('gw-01', 'firing', '2025-02-10T16:05:45.123456789Z', ZERO, 'aa01'), alert('gw-03', 'firing', '2025-02-10T16:06:00Z', ZERO, 'aa03')),
    payload(alert('gw-01', 'firing', '2025-02-10T16:05:45.123456789Z', ZERO, 'aa01'), alert('gw-03', 'resolved', '2025-02-10T16:06:00Z', '2025-02-10T16:09:00Z', 'aa03')),
    payload(alert('gw-01', 'resolved', '2025-02-10T16:05:45.123456789Z', '2025-02-10T16:12:30Z', 'aa01'), alert('gw-03', 'resolved', '2025-02-10T16:06:00Z', '2025-02-10T16:09:00Z', 'aa03')),
  ];

  it('tells an alert repeated over notifications once, with its resolution', () => {
    const { events } = alertEventsOfDocs(docs, 'am.jsonl');
    expect(events.map((e) => [e.timestamp, e.event_type, e.metadata.host])).toEqual([
      ['2025-02-10T16:05:45.123456789Z', 'firing', 'gw-01'],
      ['2025-02-10T16:12:30Z', 'resolved', 'gw-01'],
      ['2025-02-10T16:06:00Z', 'firing', 'gw-03'],
      ['2025-02-10T16:09:00Z', 'resolved', 'gw-03'],
    ]);
    expect(events[0]?.metadata.resolved_at).toBe('2025-02-10T16:12:30Z');
  });

  it('keeps one alert that fired again (a new start) as two', () => {
    const again = payload(alert('gw-01', 'firing', '2025-02-10T16:20:00Z', ZERO, 'aa01'));
    const fired = alertEventsOfDocs([...docs, again], 'am.jsonl').events.filter((e) => e.metadata.status === 'firing' && e.metadata.host === 'gw-01');
    expect(fired.map((e) => e.timestamp)).toEqual(['2025-02-10T16:05:45.123456789Z', '2025-02-10T16:20:00Z']);
  });

  it('knows an alert without a fingerprint by its labels, in any key order, and its start in any spelling', () => {
    const a = { labels: { alertname: 'X', instance: 'h' }, startsAt: '2025-02-10T16:00:00Z', status: 'firing' };
    const b = { labels: { instance: 'h', alertname: 'X' }, startsAt: '2025-02-10T16:00:00.000Z', status: 'firing' };
    expect(mergeAlerts([{ alerts: [a] }, { alerts: [b] }])).toHaveLength(1);
    expect(mergeAlerts([{ alerts: [a] }, { alerts: [{ ...b, labels: { alertname: 'X', instance: 'other' } }] }])).toHaveLength(2);
  });

  it('reads one document (a payload or an API list) as before', () => {
    expect(alertEvents(docs[1], 'am.json').events).toHaveLength(3);
    expect(alertEvents([alert('a', 'firing', '2025-02-10T16:00:00Z')], 'api.json').events).toHaveLength(1);
  });
});
