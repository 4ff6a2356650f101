import { describe, expect, it } from 'vitest';
import type { SimilarIncident } from '../../knowledge/index.js';
import { suggestFactors, type CrashFinding, type SuggestInput } from './factors.js';
import { incidentOnset } from './onset.js';
import type { RankReport } from '../rank/report.js';

type Ranked = RankReport['ranking'][number];
const series = (name: string, component: string, score: number, center = 10, peak = 90): Ranked => ({
  series: name,
  component,
  score,
  center,
  scale: 1,
  scale_source: 'iqr',
  peak: { t: '2025-11-26T10:27:40.000000000Z', v: peak },
});

const ranking = [{ ...series('db_cpu', 'db', 40), peak: { t: '2025-11-26T10:27:40.120000000Z', v: 90 } }, series('db_mem', 'db', 12), series('api_lat', 'api', 5, 0.01, 0.002), series('db_io', 'db', 2), series('cache_cpu', 'cache', 1.5)];
const report: SuggestInput['report'] = {
  ranking,
  components: [
    { component: 'db', score: 40, top_series: 'db_cpu', series_count: 3, grouped_by: 'name_prefix' },
    { component: 'api', score: 5, top_series: 'api_lat', series_count: 1, grouped_by: 'name_prefix' },
    { component: 'cache', score: 1.5, top_series: 'cache_cpu', series_count: 1, grouped_by: 'name_prefix' },
  ],
};
const seriesEvidence = new Map([
  ['db_cpu', ['ev-normal', 'ev-anomalous']],
  ['db_mem', ['ev-anomalous']],
  ['api_lat', ['ev-api']],
]);
const crash = (evidence_id: string, signature: string, startLine: number, title = 'segfault in matcher'): CrashFinding => ({ evidence_id, title, kind: 'segfault', signature, startLine, signal: 'SIGSEGV' });
const similar: SimilarIncident = {
  incident_id: 'SYS-20251001-001',
  title: 'Matcher crash at open',
  started_at: '2025-10-01T07:00:00Z',
  status: 'closed',
  component: 'application',
  failure_type: null,
  score: 0.6,
  reasons: ['same crash signature S1'],
  shared_signatures: ['S1'],
  root_cause: 'null order pointer',
  permanent_fix: 'check the pointer',
};

describe('suggestFactors', () => {
  it('proposes the components that deviated, best first, with links to the series in each evidence', () => {
    const f = suggestFactors({ report, seriesEvidence, crashes: [], similar: [] });
    expect(f.map((x) => [x.kind, x.score])).toEqual([
      ['metric', 40],
      ['metric', 5],
    ]);
    expect(f[0]?.description).toBe('db: db_cpu rose to 90 at 2025-11-26T10:27:40.12Z from a baseline of 10 (score 40); also db_mem (12)');
    expect(f[0]?.evidence).toEqual([
      { evidence_id: 'ev-normal', ref: 'db_cpu' },
      { evidence_id: 'ev-anomalous', ref: 'db_cpu' },
      { evidence_id: 'ev-anomalous', ref: 'db_mem' },
    ]);
    // A drop is told as one (direction both/down), and small numbers stay readable.
    expect(f[1]?.description).toMatch(/^api: api_lat fell to 0\.002 at 2025-11-26T10:27:40Z from a baseline of 0\.01 \(score 5\)$/);
    expect(suggestFactors({ report, seriesEvidence, crashes: [], similar: [] }, { maxMetricFactors: 1 })).toHaveLength(1);
    expect(suggestFactors({ report, seriesEvidence, crashes: [], similar: [] }, { minMetricScore: 50 })).toEqual([]);
  });

  it('groups crashes by signature in order found, with line references per evidence', () => {
    const crashes = [crash('ev-log1', 'S1', 9), crash('ev-log1', 'S2', 20, 'Out of memory: killed process matcher'), crash('ev-log2', 'S1', 0), crash('ev-log1', 'S1', 30)];
    const f = suggestFactors({ report: null, seriesEvidence: new Map(), crashes, similar: [similar] }, { linesPerCrash: 1 });
    expect(f.map((x) => x.kind)).toEqual(['crash', 'crash', 'similar_incident']);
    expect(f[0]).toEqual({
      kind: 'crash',
      description: 'crash: segfault in matcher (segfault, SIGSEGV, 3 times)',
      signature: 'S1',
      evidence: [
        { evidence_id: 'ev-log1', ref: 'line 10' },
        { evidence_id: 'ev-log2', ref: 'line 1' },
      ],
    });
    expect(f[1]?.signature).toBe('S2');
    expect(f[2]).toMatchObject({ kind: 'similar_incident', incident_id: 'SYS-20251001-001', score: 0.6 });
    expect(f[2]?.description).toBe(
      'SYS-20251001-001 (2025-10-01): Matcher crash at open — matched on same crash signature S1 — root cause: null order pointer — permanent fix: check the pointer',
    );
    // The shared signature's occurrences in this incident's logs are the evidence of the match.
    expect(f[2]?.evidence).toEqual([
      { evidence_id: 'ev-log1', ref: 'line 10' },
      { evidence_id: 'ev-log2', ref: 'line 1' },
    ]);
  });

  it('proposes new or bursting log templates with the line of their first occurrence', () => {
    const input: SuggestInput = {
      report: null,
      seriesEvidence: new Map(),
      crashes: [],
      templates: [{ evidence_id: 'file-abc', description: 'First occurrence of: spilling order index to disk: <*> entries', line: 812 }],
      similar: [],
    };
    expect(suggestFactors(input)).toEqual([
      { kind: 'log_template', description: 'First occurrence of: spilling order index to disk: <*> entries', evidence: [{ evidence_id: 'file-abc', ref: 'line 812' }] },
    ]);
  });

  it('proposes nothing from nothing', () => {
    expect(suggestFactors({ report: null, seriesEvidence: new Map(), crashes: [], similar: [] })).toEqual([]);
  });
});

describe('incidentOnset', () => {
  const base = { started_at: '2025-11-26T10:27:35.123Z' };
  it('is the start unless an earlier first indication is known', () => {
    expect(incidentOnset(base)).toMatchObject({ at: base.started_at, source: 'started_at' });
    expect(incidentOnset({ ...base, failure: { first_indication_at: '2025-11-26T10:20:00Z' } })).toMatchObject({ at: '2025-11-26T10:20:00Z', source: 'failure.first_indication_at' });
    const timeline = [
      { at: '2025-11-26T10:15:00Z', event: 'latency creeping up', marker: 'first_indication' as const },
      { at: '2025-11-26T10:10:00Z', event: 'deploy', marker: 'fix' as const },
    ];
    expect(incidentOnset({ ...base, failure: { first_indication_at: '2025-11-26T10:20:00Z' }, timeline })).toMatchObject({ at: '2025-11-26T10:15:00Z', source: 'timeline.first_indication' });
    // A "first indication" after the start does not move the onset later.
    expect(incidentOnset({ ...base, failure: { first_indication_at: '2025-11-26T10:30:00Z' } }).source).toBe('started_at');
    expect(incidentOnset(base).ns).toBe(1764152855123000000n);
  });
});
