/** Live sources in `pfa timeline`: fetched for the window and its baseline, merged with metric files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../shared/errors.js';
import { formatTimestamp, NS_PER_MIN, NS_PER_S, nowNs, parseTimestamp } from '../../shared/time.js';
import { buildTimeline } from '../timeline/index.js';
import { connectorSources } from './timeline.js';
import { testServer, type TestServer } from './testserver.js';

const PROM = process.env.PFA_TEST_PROMETHEUS_URL;
const AM = process.env.PFA_TEST_ALERTMANAGER_URL;
const at = (s: string) => parseTimestamp(s);
const T0 = at('2025-11-26T09:00:00Z').ns;

/** A query_range answer: 10-s samples of a noisy steady gauge, with a jump from `jumpAt` on. */
function matrix(from: bigint, to: bigint, jumpAt: bigint): string {
  const values: [number, string][] = [];
  let k = 0;
  for (let t = from; t <= to; t += 10n * NS_PER_S, k++) values.push([Number(t / NS_PER_S), String(100 + (k % 5) + (t >= jumpAt ? 80 : 0))]);
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { __name__: 'queue_depth', host: 'gw01' }, values }] } });
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pfa-conn-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('in-memory series in buildTimeline', () => {
  it('merges them with the same series from a file before detecting anomalies', async () => {
    // The file holds only the baseline; the window (with the jump) arrives in memory. Merged, they
    // make one series measured against the file's hour of baseline.
    const jump = at('2025-11-26T10:25:00Z').ns;
    const baseline = JSON.parse(matrix(T0, at('2025-11-26T10:14:50Z').ns, jump)) as unknown;
    writeFileSync(join(dir, 'baseline.json'), JSON.stringify(baseline));
    const { parseQueryRange } = await import('../metrics/index.js');
    const live = parseQueryRange(matrix(at('2025-11-26T10:15:00Z').ns, at('2025-11-26T11:00:00Z').ns, jump), { source: 'prometheus queue_depth' });
    const opts = { start: at('2025-11-26T10:30:00Z'), end: at('2025-11-26T10:45:00Z') };

    const merged = await buildTimeline([join(dir, 'baseline.json')], { ...opts, extraSeries: [live] });
    const anomalies = merged.events.filter((e) => e.event_type === 'anomaly');
    expect(anomalies.map((e) => e.metadata.metric)).toEqual(['queue_depth{host="gw01"}']);
    // The detector dates the onset where the excursion began, within a sample or two of the jump.
    expect(Math.abs(Number(anomalies[0]!.ns - jump))).toBeLessThanOrEqual(30e9);
    expect(merged.sources.map((s) => [s.kind, s.format])).toEqual([
      ['metrics', 'query_range'],
      ['metrics', 'query_range'],
    ]);

    expect(anomalies[0]!.metadata).toMatchObject({ baseline_from_window: false, baseline_samples: 360 });
    // Without the file the detector has to borrow its baseline from the window itself.
    const alone = await buildTimeline([], { ...opts, extraSeries: [live] });
    expect(alone.events.map((e) => e.metadata.baseline_from_window)).toEqual([true]);
    const fileOnly = await buildTimeline([join(dir, 'baseline.json')], opts);
    expect(fileOnly.events).toEqual([]);
  });
});

describe('connector options, against stand-in servers', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    for (const s of servers.splice(0)) await s.close();
  });

  it('queries the window with its margins and baseline, at a step under the point limit', async () => {
    const prom = await testServer((_req, res) => res.end(matrix(T0, at('2025-11-26T11:00:00Z').ns, at('2025-11-26T10:25:00Z').ns)));
    const am = await testServer((_req, res) =>
      res.end(JSON.stringify([{ labels: { alertname: 'QueueDeep', severity: 'critical' }, annotations: { summary: 'queue deep' }, startsAt: '2025-11-26T10:26:00Z', endsAt: '2999-01-01T00:00:00Z', fingerprint: '01', status: { state: 'active' }, receivers: [] }])),
    );
    servers.push(prom, am);
    const w = { start: at('2025-11-26T10:30:00Z').ns, end: at('2025-11-26T10:45:00Z').ns, before: '15m', after: '15m', baseline: '1h' };
    const live = await connectorSources({ prometheus: prom.url, query: ['queue_depth', 'rate(x[1m])'], alertmanager: am.url }, w);
    const asked = prom.requests.map((r) => Object.fromEntries(new URLSearchParams(r.body)));
    expect(asked.map((a) => a.query).sort()).toEqual(['queue_depth', 'rate(x[1m])']);
    expect(asked[0]).toMatchObject({ start: String((w.start - 75n * NS_PER_MIN) / NS_PER_S) + '.000', end: String((w.end + 15n * NS_PER_MIN) / NS_PER_S) + '.000', step: '1.000' });
    expect(live.extraSeries?.map((p) => p.stats.source)).toEqual([`${prom.url} queue_depth`, `${prom.url} rate(x[1m])`]);

    const t = await buildTimeline([], { start: at('2025-11-26T10:30:00Z'), end: at('2025-11-26T10:45:00Z'), ...live });
    expect(t.events.map((e) => [e.source, e.event_type])).toEqual([
      ['metric', 'anomaly'],
      ['alert', 'critical'],
    ]);
    expect(t.events[0]!.ns).toBeGreaterThanOrEqual(at('2025-11-26T10:24:30Z').ns);
    expect(t.events[1]!.timestamp).toBe('2025-11-26T10:26:00Z');
    expect(t.sources.find((s) => s.kind === 'alerts')).toMatchObject({ file: am.url, format: 'alertmanager-api', lines: 1, events: 1 });
    // The anomaly counts in the statistics of the queries that gave its series (both answered the same one).
    expect(t.sources.filter((s) => s.kind === 'metrics').map((s) => [s.file, s.events])).toEqual([
      [`${prom.url} queue_depth`, 1],
      [`${prom.url} rate(x[1m])`, 1],
    ]);
    expect(t.events[0]!.metadata.file).toBe(`${prom.url} queue_depth, ${prom.url} rate(x[1m])`);

    const coarse = await connectorSources({ prometheus: prom.url, query: ['queue_depth'], step: '30s' }, w);
    expect(coarse.extraSeries).toHaveLength(1);
    expect(new URLSearchParams(prom.requests.at(-1)!.body).get('step')).toBe('30.000');
  });

  it('needs a query with --prometheus and --prometheus with a query', async () => {
    const w = { start: 0n, end: NS_PER_MIN, before: '0s', after: '0s', baseline: '1h' };
    await expect(connectorSources({ query: ['up'] }, w)).rejects.toThrow(/--query needs --prometheus/);
    await expect(connectorSources({ prometheus: 'http://127.0.0.1:1' }, w)).rejects.toThrow(InputError);
    expect(await connectorSources({}, w)).toEqual({});
  });
});

describe.skipIf(!PROM || !AM)('timeline from the real Prometheus and Alertmanager', () => {
  it('includes the firing alert and reads the queried series', async () => {
    const end = nowNs();
    const w = { start: end - 30n * NS_PER_MIN, end, before: '15m', after: '1m', baseline: '1h' };
    // The alert reaches Alertmanager a few seconds after start-up; wait for it (bounded).
    let t;
    for (let i = 0; i < 60; i++) {
      const live = await connectorSources({ prometheus: PROM, query: ['up'], alertmanager: AM }, w);
      t = await buildTimeline([], { start: { ns: w.start, digits: 0 }, end: { ns: w.end, digits: 0 }, after: '1m', ...live });
      if (t.events.some((e) => e.description.startsWith('PfaTestAlwaysFiring firing'))) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(t?.events.find((e) => e.source === 'alert')).toMatchObject({ event_type: 'critical', metadata: { alertname: 'PfaTestAlwaysFiring', alert_id: 'bf3efc9a695671d6' } });
    const up = t?.sources.find((s) => s.kind === 'metrics');
    expect(up?.file).toBe(`${PROM} up`);
    expect(up?.lines).toBeGreaterThan(0);
    expect(formatTimestamp(t?.window.start ?? 0n, 0)).toBe(formatTimestamp(w.start - 15n * NS_PER_MIN, 0));
  }, 40_000);
});
