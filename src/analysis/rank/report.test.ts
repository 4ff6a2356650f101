import { describe, expect, it } from 'vitest';
import { parseMetricInputs } from '../../evidence/metrics/index.js';
import { rankReport } from './report.js';

describe('rankReport on counters', () => {
  it('ranks a counter by its rate: steady growth is no cause, a faster rate is', () => {
    // no types: counters known by their names
    const lines = ['# TYPE queue gauge'];
    let reqs = 0;
    let errs = 0;
    for (let k = 0; k < 60; k++) {
      const t = 1_764_150_000 + k * 15;
      reqs += 1000 + (k % 5) * 10; // grows steadily, far faster than anything else
      errs += k >= 40 ? 50 : 1 + (k % 2); // its rate jumps at the onset
      lines.push(`reqs_total ${reqs} ${t}`, `errs_total ${errs} ${t}`, `queue ${10 + (k % 3)} ${t}`);
    }
    lines.push('# EOF');
    const set = parseMetricInputs([{ source: 'm.om', text: `${lines.join('\n')}\n` }]);
    const out = rankReport(set, { onset: 1_764_150_000n * 1_000_000_000n + 40n * 15n * 1_000_000_000n });
    expect(out.ranking[0]?.series).toBe('errs_total');
    expect(out.ranking.find((r) => r.series === 'reqs_total')?.score ?? 0).toBeLessThan(out.ranking[0]?.score ?? 0);
  });
});
