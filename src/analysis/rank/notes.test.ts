import { describe, expect, it } from 'vitest';
import { reportNotes } from './notes.js';
import type { RankReport } from './report.js';

type Ranked = RankReport['ranking'][number];
const ranked = (series: string, extra: Partial<Ranked> = {}): Ranked => ({ series, score: 1, component: 'x', center: 0, scale: 1, scale_source: 'iqr', peak: null, ...extra });

describe('reportNotes', () => {
  it('says which series were ranked on their rate', () => {
    expect(reportNotes({ ranking: [ranked('errors_total', { rate: true }), ranked('cpu')] })).toEqual(['ranked on their per-second rate (counters): errors_total']);
    const many = Array.from({ length: 7 }, (_, i) => ranked(`c${i}_total`, { rate: true }));
    expect(reportNotes({ ranking: many })).toEqual(['ranked on their per-second rate (counters): c0_total, c1_total, c2_total, c3_total, c4_total +2 more']);
    expect(reportNotes({ ranking: [ranked('cpu')] })).toEqual([]);
  });
});
