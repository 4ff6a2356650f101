import { describe, expect, it } from 'vitest';
import { parseExposition } from './exposition.js';

describe('parseExposition', () => {
  it('reads Prometheus text with millisecond timestamps, many samples per series', () => {
    const text = [
      '# HELP http_requests_total Requests.',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="post",code="200"} 1027 1652565600000',
      'http_requests_total{method="post",code="400"}    3 1652565600000',
      'http_requests_total{method="post",code="200"} 1030 1652565615000',
      '# TYPE temp gauge',
      'temp 21.5 1652565600000',
      '',
    ].join('\n');
    const { series, stats } = parseExposition(text);
    expect(stats.format).toBe('prometheus');
    expect(series.map((s) => [s.name, s.type, s.points.length])).toEqual([
      ['http_requests_total{method="post",code="200"}', 'counter', 2],
      ['http_requests_total{method="post",code="400"}', 'counter', 1],
      ['temp', 'gauge', 1],
    ]);
    expect(series[0]?.points[1]).toEqual({ t: 1652565615_000000000n, v: 1030 });
    expect(series[0]?.labels).toEqual({ method: 'post', code: '200' });
  });

  it('reads OpenMetrics with float-second timestamps, exemplars and several scrapes', () => {
    const text = [
      '# TYPE rpc_duration_seconds histogram',
      '# UNIT rpc_duration_seconds seconds',
      'rpc_duration_seconds_bucket{le="0.1"} 5 1652565600.5 # {trace_id="abc"} 0.05 1652565600.4',
      'rpc_duration_seconds_count 8 1652565600.5',
      'rpc_duration_seconds_created 1652560000 1652565600.5',
      '# EOF',
      '# TYPE rpc_duration_seconds histogram',
      'rpc_duration_seconds_bucket{le="0.1"} 9 1652565601.000123',
      '# EOF',
    ].join('\n');
    const { series, stats } = parseExposition(text);
    expect(stats).toMatchObject({ format: 'openmetrics', rows: 4, values: 4, rejectedRows: 0, timeUnit: 's' });
    const bucket = series.find((s) => s.metric === 'rpc_duration_seconds_bucket');
    expect(bucket?.type).toBe('counter');
    expect(bucket?.points).toEqual([
      { t: 1652565600_500000000n, v: 5 },
      { t: 1652565601_000123000n, v: 9 },
    ]);
    expect(series.find((s) => s.metric.endsWith('_created'))?.type).toBeUndefined();
  });

  it('reads the unit of a timestamp from its magnitude: seconds in Prometheus text, milliseconds in OpenMetrics', () => {
    const prom = parseExposition('# TYPE rss gauge\nrss 1001.5 1751614800\nrss 1002 1751614815\n');
    expect(prom.series[0]?.points.map((p) => p.t)).toEqual([1751614800_000000000n, 1751614815_000000000n]);
    expect(prom.stats.timeUnit).toBe('s');
    const open = parseExposition('# TYPE rss gauge\nrss 1001.5 1751614800123\n# EOF\n');
    expect(open.series[0]?.points[0]?.t).toBe(1751614800_123000000n);
  });

  it('counts malformed lines, bad values, missing timestamps and NaN by reason', () => {
    const text = [
      'up{job="a"} 1 1000',
      'up{job="a" 1 2000',
      'up{job="a"} abc 3000',
      'up{job="a"} 1',
      'up{job="a"} 1 12:00',
      'up{job="a"} NaN 4000',
      '{"my.metric", job="b"} 2 5000',
      '= 1 2',
    ].join('\n');
    const { series, stats } = parseExposition(text);
    expect(stats.rows).toBe(8);
    expect(stats.rejected).toEqual({ malformed_labels: 1, bad_value: 1, missing_timestamp: 1, bad_timestamp: 1, malformed_line: 1 });
    expect(stats.skipped).toEqual({ non_finite: 1 });
    expect(series.map((s) => [s.name, s.points.length])).toEqual([
      ['up{job="a"}', 1],
      ['my.metric{job="b"}', 1],
    ]);
  });

  it('gives samples without timestamps a default time when asked', () => {
    const { series, stats } = parseExposition('up 1\n', { defaultTime: 5n });
    expect(stats.rejectedRows).toBe(0);
    expect(series[0]?.points).toEqual([{ t: 5n, v: 1 }]);
  });

  it('tells apart series whose lines begin alike, line after line as out of order', () => {
    const text = [
      'up 1 1652565600000',
      'up 2 1652565601000',
      'up_total 3 1652565602000',
      'up{job="a"} 4 1652565603000',
      'up{job="a"}\t5 1652565604000',
      'up{job="a"} six 1652565605000',
      'up{job="a",x="1"} 7 1652565606000',
      'up{job="a"} 8 1652565607000 # {trace="1"} 1',
      'up{job="a"} 9 1652565608000 extra',
      'up 10 1652565609000',
    ].join('\n');
    const { series, stats } = parseExposition(text);
    const byName = Object.fromEntries(series.map((s) => [s.name, s.points.map((p) => p.v)]));
    expect(byName).toEqual({ up: [1, 2, 10], up_total: [3], 'up{job="a"}': [4, 5, 8], 'up{job="a",x="1"}': [7] });
    expect(stats.issues.map((i) => [i.line, i.reason])).toEqual([[6, 'bad_value'], [9, 'malformed_line']]);
  });
});
