import { describe, expect, it } from 'vitest';
import { parseWideCsv } from './csv.js';
import { splitRow } from './csv-row.js';
import { parseMetricInputs } from './parse.js';

describe('parseWideCsv', () => {
  it('reads plain columns with epoch seconds', () => {
    const { series, stats } = parseWideCsv('time,carts_cpu,carts_mem\n1652565600,1.5,342642688\n1652565601,1.25,342646784\n');
    expect(series.map((s) => s.name)).toEqual(['carts_cpu', 'carts_mem']);
    expect(series[0]?.points).toEqual([
      { t: 1652565600_000000000n, v: 1.5 },
      { t: 1652565601_000000000n, v: 1.25 },
    ]);
    expect(stats).toMatchObject({ rows: 2, values: 4, rejectedRows: 0, series: 2, timeUnit: 's' });
  });

  it.each([
    ['1652565600', 1652565600_000000000n, 's'],
    ['1652565600.25', 1652565600_250000000n, 's'],
    ['1652565600123', 1652565600_123000000n, 'ms'],
    ['1652565600123456', 1652565600_123456000n, 'us'],
    ['1652565600123456789', 1652565600_123456789n, 'ns'],
    ['2022-05-14T22:00:00.5Z', 1652565600_500000000n, 'rfc3339'],
  ])('detects the time unit of %s from its magnitude', (cell, ns, unit) => {
    const { series, stats } = parseWideCsv(`timestamp,x\n${cell},7\n`);
    expect(series[0]?.points[0]?.t).toBe(ns);
    expect(stats.timeUnit).toBe(unit);
  });

  it('parses selector headers, quoted or with bare commas inside braces', () => {
    const text = 'ts,cpu{pod="a",ns="shop"},"mem{pod=""b""}",latency{svc="x, y"}\n1000,1,2,3\n';
    const { series } = parseWideCsv(text);
    expect(series.map((s) => [s.name, s.metric, s.labels])).toEqual([
      ['cpu{pod="a",ns="shop"}', 'cpu', { pod: 'a', ns: 'shop' }],
      ['mem{pod="b"}', 'mem', { pod: 'b' }],
      ['latency{svc="x, y"}', 'latency', { svc: 'x, y' }],
    ]);
    expect(series.map((s) => s.points[0]?.v)).toEqual([1, 2, 3]);
  });

  it('keeps a header that is not a selector as a plain name', () => {
    const { series } = parseWideCsv('time,carts-db_cpu,CPU usage (%)\n1,2,3\n');
    expect(series.map((s) => [s.name, s.metric, s.labels])).toEqual([
      ['carts-db_cpu', 'carts-db_cpu', {}],
      ['CPU usage (%)', 'CPU usage (%)', {}],
    ]);
  });

  it('counts empty and non-numeric cells and rejects bad rows with a reason', () => {
    const text = [
      'time,a,b',
      '1652565600,1,',
      '1652565601,n/a,2',
      'yesterday,3,4',
      ',5,6',
      '1652565602,7,8,9',
      '1652565603,NaN,1e3',
      '1652565604,5',
      '',
    ].join('\r\n');
    const { series, stats } = parseWideCsv(text, { source: 'x.csv' });
    expect(stats.rows).toBe(7);
    expect(stats.rejectedRows).toBe(3);
    expect(stats.rejected).toEqual({ bad_timestamp: 1, missing_timestamp: 1, too_many_cells: 1 });
    expect(stats.skipped).toEqual({ empty: 2, non_numeric: 1, non_finite: 1 });
    expect(stats.values).toBe(4);
    expect(series[0]?.points.map((p) => p.v)).toEqual([1, 5]);
    // per series too, so a column of words can be told from one short of samples
    expect(series.map((s) => s.nonNumeric)).toEqual([1, undefined]);
    expect(series[1]?.points.map((p) => p.v)).toEqual([2, 1000]);
    expect(stats.issues[0]).toMatchObject({ line: 4, reason: 'bad_timestamp', text: 'yesterday,3,4' });
  });

  it('refuses a first column that is neither named as a time nor holds instants, naming it', () => {
    // a spreadsheet export that lost its time column: cpu would be read as seconds in January 1970
    const noTime = ['cpu,mem', ...Array.from({ length: 50 }, (_, i) => `${(0.2 + (i % 7) / 10).toFixed(2)},${(0.5 + (i % 3) / 10).toFixed(2)}`)].join('\n');
    expect(() => parseWideCsv(noTime, { source: 'host.csv' })).toThrow(/^host\.csv: first column "cpu" is not a time column: .*\(its values, e.g\. "0\.20", are not instants\)$/);
    // counters or ids are not clocks either, even when large
    expect(() => parseWideCsv('requests,cpu\n1200,1\n1260,2\n1322,3\n')).toThrow(/first column "requests" is not a time column/);
    // any name with instants in it, and a time name with any values, stay accepted
    expect(parseWideCsv('Zeit,cpu\n1741944600,1\n1741944601,2\n').stats.rejectedRows).toBe(0);
    expect(parseWideCsv('when;cpu\n2025-03-14T09:30:00Z;1\n').series[0]?.points).toHaveLength(1);
    expect(parseWideCsv('Timestamp (UTC),cpu\n3,1\n').series[0]?.points[0]?.t).toBe(3_000_000_000n);
    expect(parseWideCsv('@timestamp,cpu\n1741944600000,1\n').stats.timeUnit).toBe('ms');
  });

  it('reads semicolon-separated files with a byte-order mark and sorts unsorted rows', () => {
    const { series, stats } = parseWideCsv('\ufefftime;x\n3;30\n1;10\n2;20\n');
    expect(stats.rejectedRows).toBe(0);
    expect(series[0]?.name).toBe('x');
    expect(series[0]?.points.map((p) => p.v)).toEqual([10, 20, 30]);
  });

  it('merges the same series across files, dropping exact duplicates', () => {
    const set = parseMetricInputs([
      { source: 'b.csv', text: 'time,x,y{a="1",b="2"}\n3,30,1\n4,40,1\n' },
      { source: 'a.csv', text: 'time,x,y{b="2",a="1"}\n1,10,1\n3,30,1\n' },
    ]);
    expect(set.series.map((s) => s.name)).toEqual(['x', 'y{a="1",b="2"}']);
    expect(set.series[0]?.points.map((p) => p.v)).toEqual([10, 30, 40]);
    expect(set.duplicatesDropped).toBe(2);
    expect(set.files.map((f) => f.source)).toEqual(['b.csv', 'a.csv']);
  });
});

describe('splitRow', () => {
  it('handles quotes, doubled quotes and trailing empty cells', () => {
    expect(splitRow('"a ""q"", b",c,', ',')).toEqual(['a "q", b', 'c', '']);
  });
});
