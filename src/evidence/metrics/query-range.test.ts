import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/errors.js';
import { parseQueryRange } from './query-range.js';
import { detectFormat } from './parse.js';

const response = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      { metric: { __name__: 'container_cpu', pod: 'carts-1', namespace: 'shop' }, values: [[1652565600, '0.5'], [1652565615.5, '0.75']] },
      { metric: { pod: 'orders-1' }, values: [[1652565600, 'NaN'], [1652565615, 'x'], ['bad', '1'], [1652565630]] },
    ],
  },
};

describe('parseQueryRange', () => {
  it('reads a matrix response into labelled series', () => {
    const { series, stats } = parseQueryRange(JSON.stringify(response));
    expect(series[0]).toEqual({
      name: 'container_cpu{pod="carts-1",namespace="shop"}',
      metric: 'container_cpu',
      labels: { pod: 'carts-1', namespace: 'shop' },
      points: [
        { t: 1652565600_000000000n, v: 0.5 },
        { t: 1652565615_500000000n, v: 0.75 },
      ],
    });
    expect(series[1]?.name).toBe('{pod="orders-1"}');
    expect(stats).toMatchObject({ rows: 6, values: 2, rejectedRows: 3, rejected: { bad_value: 1, bad_timestamp: 1, bad_pair: 1 }, skipped: { non_finite: 1 } });
  });

  it('refuses error responses and non-series results', () => {
    expect(() => parseQueryRange('{"status":"error","errorType":"bad_data","error":"parse error"}')).toThrow(InputError);
    expect(() => parseQueryRange('{"status":"success","data":{"resultType":"scalar","result":[]}}')).toThrow(/scalar/);
    expect(() => parseQueryRange('not json')).toThrow(InputError);
  });

  it('is recognised by content when the name says nothing', () => {
    expect(detectFormat('dump', JSON.stringify(response))).toBe('query_range');
    expect(detectFormat('dump', '# TYPE up gauge\nup 1 1\n')).toBe('exposition');
    expect(detectFormat('dump', 'time,a\n1,2\n')).toBe('csv');
  });
});
