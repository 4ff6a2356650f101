import { afterEach, describe, expect, it } from 'vitest';
import { InputError, UnavailableError } from '../../shared/errors.js';
import { NS_PER_HOUR, NS_PER_MIN, NS_PER_S, nowNs } from '../../shared/time.js';
import { defaultStep, PROMETHEUS_MAX_POINTS, queryRange } from './prometheus.js';
import { closedPort, testServer, type TestServer } from './testserver.js';

const PROM = process.env.PFA_TEST_PROMETHEUS_URL;

describe('query step', () => {
  it('stays under the point limit for any window, at whole seconds, never below 1 s', () => {
    expect(defaultStep(0n, 90n * NS_PER_MIN)).toBe(NS_PER_S);
    expect(defaultStep(0n, 24n * NS_PER_HOUR)).toBe(9n * NS_PER_S);
    expect(defaultStep(5n, 5n)).toBe(NS_PER_S);
    for (const hours of [1n, 3n, 7n, 25n, 24n * 30n, 24n * 365n]) {
      const range = hours * NS_PER_HOUR + 123_456_789n;
      const step = defaultStep(0n, range);
      expect(step % NS_PER_S).toBe(0n);
      expect(range / step + 1n).toBeLessThan(BigInt(PROMETHEUS_MAX_POINTS));
    }
  });
});

describe('Prometheus answers, from a stand-in server', () => {
  let srv: TestServer | undefined;
  afterEach(async () => {
    await srv?.close();
    srv = undefined;
  });

  it('posts the query with the range in seconds and credentials from the URL', async () => {
    srv = await testServer((_req, res) => res.end('{"status":"success","data":{"resultType":"matrix","result":[{"metric":{"__name__":"up","job":"x"},"values":[[1.5,"1"],[2.5,"0"]]}]}}'));
    const base = srv.url.replace('http://', 'http://ops:s%3Acret@') + '/prom';
    const r = await queryRange(base, 'up', 1_500_000_000n, 2_500_000_000n, NS_PER_S);
    expect(r.series.map((s) => [s.name, s.points.map((p) => [p.t, p.v])])).toEqual([['up{job="x"}', [[1_500_000_000n, 1], [2_500_000_000n, 0]]]]);
    const req = srv.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.url).toBe('/prom/api/v1/query_range');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ query: 'up', start: '1.500', end: '2.500', step: '1.000' });
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('ops:s:cret').toString('base64')}`);
  });

  it('tells a bad query (400/422) from a failing server (503) and from something else (HTML)', async () => {
    let status = 400;
    let body = '{"status":"error","errorType":"bad_data","error":"1:4: parse error: unclosed left parenthesis"}';
    srv = await testServer((_req, res) => {
      res.statusCode = status;
      res.end(body);
    });
    const run = () => queryRange(srv!.url, 'up(', 0n, NS_PER_MIN, NS_PER_S);
    await expect(run()).rejects.toThrow(InputError);
    await expect(run()).rejects.toThrow(/bad_data: 1:4: parse error/);
    status = 422;
    body = '{"status":"error","errorType":"execution","error":"query processing would load too many samples"}';
    await expect(run()).rejects.toThrow(InputError);
    status = 503;
    body = '{"status":"error","errorType":"timeout","error":"query timed out"}';
    await expect(run()).rejects.toThrow(UnavailableError);
    status = 200;
    body = '<html>Grafana</html>';
    await expect(run()).rejects.toThrow(/not JSON.*is this Prometheus/);
    status = 404;
    await expect(run()).rejects.toThrow(/no Prometheus API/);
  });

  it('gives up on a server that does not answer', async () => {
    srv = await testServer(() => undefined);
    const t0 = Date.now();
    await expect(queryRange(srv.url, 'up', 0n, NS_PER_MIN, NS_PER_S, { timeoutMs: 300 })).rejects.toThrow(/did not answer within 300 ms/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('refuses locally what Prometheus would refuse', async () => {
    await expect(queryRange('http://127.0.0.1:1', ' ', 0n, NS_PER_MIN, NS_PER_S)).rejects.toThrow(/empty PromQL/);
    await expect(queryRange('http://127.0.0.1:1', 'up', 0n, 24n * NS_PER_HOUR, NS_PER_S)).rejects.toThrow(/exceed Prometheus' limit of 11000/);
    await expect(queryRange('not a url', 'up', 0n, NS_PER_MIN, NS_PER_S)).rejects.toThrow(InputError);
  });
});

describe('unreachable Prometheus', () => {
  it('is UnavailableError', async () => {
    const port = await closedPort();
    const err = await queryRange(`http://127.0.0.1:${port}`, 'up', 0n, NS_PER_MIN, NS_PER_S).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnavailableError);
    expect((err as Error).message).toMatch(/unreachable \(ECONNREFUSED\)/);
  });
});

describe.skipIf(!PROM)('a real Prometheus (.ci/services.sh)', () => {
  const url = PROM ?? '';

  it('returns its own up series with points', async () => {
    const end = nowNs();
    // Started moments ago and scraping itself each second: wait (bounded) for a few samples.
    let points = 0;
    for (let i = 0; i < 30 && points < 3; i++) {
      const r = await queryRange(url, 'up{job="prometheus"}', end - 10n * NS_PER_MIN, nowNs(), NS_PER_S);
      expect(r.stats.format).toBe('query_range');
      const up = r.series.find((s) => s.metric === 'up');
      points = up?.points.length ?? 0;
      if (up && points >= 3) {
        expect(up.labels.job).toBe('prometheus');
        expect(up.points.every((p) => p.v === 1)).toBe(true);
        expect(up.points.every((p, k) => k === 0 || p.t > up.points[k - 1]!.t)).toBe(true);
      } else await new Promise((r) => setTimeout(r, 500));
    }
    expect(points).toBeGreaterThanOrEqual(3);
  });

  it('refuses bad PromQL with InputError carrying its message', async () => {
    const err = await queryRange(url, 'sum(up', nowNs() - NS_PER_MIN, nowNs(), NS_PER_S).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/bad_data.*parse error/);
  });
});
