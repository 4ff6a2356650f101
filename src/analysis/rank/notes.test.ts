import { describe, expect, it } from 'vitest';
import { parseMetricInputs } from '../../evidence/metrics/index.js';
import { reportNotes } from './notes.js';
import { rankReport, type RankReport } from './report.js';

type Ranked = RankReport['ranking'][number];
const ranked = (series: string, extra: Partial<Ranked> = {}): Ranked => ({ series, score: 1, component: 'x', center: 0, scale: 1, scale_source: 'iqr', peak: null, ...extra });

/** A host export: cpu with a step at row 40, a status column that is text in most rows, one `N/A` in cpu and a broken row. */
function hostCsv(): string {
  const rows = Array.from({ length: 60 }, (_, i) => {
    const cpu = i === 12 ? 'N/A' : String(20 + (i % 4) + (i >= 40 ? 30 : 0));
    const status = i % 15 === 0 ? '1' : i % 2 ? 'ok' : 'degraded';
    return `${1741944600 + 10 * i},${cpu},${status},${300 + (i % 5)}`;
  });
  rows.splice(30, 0, 'yesterday,1,ok,2');
  return ['time,orders_cpu,orders_status,orders_mem', ...rows].join('\n');
}

describe('reportNotes', () => {
  it('says which series were ranked on their rate', () => {
    const files: RankReport['files'] = [];
    expect(reportNotes({ ranking: [ranked('errors_total', { rate: true }), ranked('cpu')], files })).toEqual(['ranked on their per-second rate (counters): errors_total']);
    const many = Array.from({ length: 7 }, (_, i) => ranked(`c${i}_total`, { rate: true }));
    expect(reportNotes({ ranking: many, files })).toEqual(['ranked on their per-second rate (counters): c0_total, c1_total, c2_total, c3_total, c4_total +2 more']);
    expect(reportNotes({ ranking: [ranked('cpu')], files })).toEqual([]);
  });

  it('names the columns whose cells were not numbers and the rows refused, and skips a mostly-text column as such', () => {
    const input = parseMetricInputs([{ source: 'host.csv', text: hostCsv() }]);
    const report = rankReport(input, { onset: 1741945000n * 1_000_000_000n });
    expect(report.ranking[0]?.series).toBe('orders_cpu');
    expect(report.skipped).toEqual([{ series: 'orders_status', reason: 'mostly_non_numeric' }]);
    expect(reportNotes(report, input.series)).toEqual(['1 row rejected (bad_timestamp 1; examples in --json files[].issues)', '57 non-numeric values skipped: orders_status 56, orders_cpu 1']);
  });
});
