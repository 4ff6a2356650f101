import { describe, expect, it } from 'vitest';
import type { Factor } from '../../analysis/suggest/index.js';
import type { ContributingFactor } from '../../incidents/schema/index.js';
import { parseDue } from './due.js';
import { coveredBy, decideSuggestion, identifySuggestions, openSuggestions } from './factors.js';
import { findByStableId, looksLikeStableId, stableIds } from './stable-ids.js';

const EV = 'file-80ce0bee4647-SYS-20251119-001';
const RSS = 'process_resident_memory_bytes{job="ob-engine",host="ob-eq-01"}';
const metric = (series: string, description = `ob-engine: ${series} rose to 6.50e+10`): Factor => ({ kind: 'metric', description, score: 50.45, evidence: [{ evidence_id: EV, ref: series }] });
const crash: Factor = { kind: 'crash', description: 'crash: Memory cgroup out of memory (oom-kill)', signature: '7097cc110c66:oom-kill:-', evidence: [{ evidence_id: 'file-1', ref: 'line 4' }] };
const similar: Factor = { kind: 'similar_incident', description: 'SYS-20251126-001: OOM kill', score: 0.81, incident_id: 'SYS-20251126-001', evidence: [{ evidence_id: 'file-1', ref: 'line 4' }] };
const template: Factor = { kind: 'log_template', description: 'First occurrence of: allocation of <*> bytes took <*> ms', evidence: [{ evidence_id: 'file-2', ref: 'line 7' }] };

describe('suggestions a recorded factor covers', () => {
  // The demo's F4: the RSS series, recorded with other wording (a baseline instead of a peak).
  const f4: ContributingFactor = { id: 'F4', kind: 'metric', status: 'accepted', description: `ob-engine: ${RSS} rose from a baseline of 57.2e9 to 62.6e9 bytes`, evidence: [`metric:${EV}#${RSS}`] };

  it('leaves out a suggestion on a series a factor already links, whatever its wording or label order', () => {
    expect(coveredBy([f4], metric(RSS))?.id).toBe('F4');
    expect(coveredBy([f4], metric('process_resident_memory_bytes{host="ob-eq-01",job="ob-engine"}'))?.id).toBe('F4');
    expect(coveredBy([f4], metric('ob_match_latency_p99_us{host="ob-eq-01"}'))).toBeUndefined();
    expect(openSuggestions([f4], [metric(RSS), metric('ob_match_latency_p99_us'), crash]).map((f) => f.kind)).toEqual(['metric', 'crash']);
  });

  it('matches a crash by signature, a past incident by id and a template by its line, not by sharing any log line', () => {
    const crashFactor = decideSuggestion([], crash, 'accepted').factors;
    expect(coveredBy(crashFactor, crash)?.id).toBe('F1');
    // The similar incident cites the same crash line, but it is about another incident: still open.
    expect(coveredBy(crashFactor, similar)).toBeUndefined();
    const manual: ContributingFactor = { id: 'F2', kind: 'manual', description: 'Allocator stalls before the kill', evidence: ['log:file-2#line 7', 'incident:SYS-20251126-001'] };
    expect(coveredBy([manual], template)?.id).toBe('F2');
    expect(coveredBy([manual], similar)?.id).toBe('F2');
    // A rejected factor covers too: rejecting keeps a suggestion from coming back.
    expect(coveredBy([{ ...f4, status: 'rejected' }], metric(RSS))?.status).toBe('rejected');
  });

  it('refuses to accept a covered suggestion instead of recording a duplicate factor', () => {
    expect(() => decideSuggestion([f4], metric(RSS), 'accepted', { name: 'suggestion S1234' })).toThrow(/^suggestion S1234 is already covered by F4, accepted$/);
    const r = decideSuggestion([f4], metric('ob_match_latency_p99_us{host="ob-eq-01"}'), 'accepted');
    expect(r.id).toBe('F5');
  });
});

describe('stable ids', () => {
  it('names a suggestion by what it is about: deciding or rewording others leaves its id unchanged', () => {
    const before = identifySuggestions([metric(RSS), metric('lat'), crash, similar]);
    const after = identifySuggestions([metric('lat', 'ob-eq-01: lat rose to 11'), similar, template]);
    const idOf = (list: typeof before, kind: string) => list.find((s) => s.kind === kind && (kind !== 'metric' || s.evidence[0]?.ref === 'lat'))?.id;
    expect(idOf(after, 'metric')).toBe(idOf(before, 'metric'));
    expect(idOf(after, 'similar_incident')).toBe(idOf(before, 'similar_incident'));
    expect(new Set(before.map((s) => s.id)).size).toBe(4);
    for (const s of before) expect(s.id).toMatch(/^S[0-9a-f]{4,}$/);
  });

  it('tells apart two suggestions about one source by their text', () => {
    const burst: Factor = { ...template, description: 'Burst (12.5× the baseline rate): allocation of <*> bytes took <*> ms' };
    const ids = identifySuggestions([template, burst]).map((s) => s.id);
    expect(new Set(ids).size).toBe(2);
  });

  it('lengthens ids only as far as needed to tell keys apart, and finds items by a typed prefix in any case', () => {
    // 3,000 keys: some share four hex digits, and those get a fifth (or more).
    const keys = Array.from({ length: 3000 }, (_, i) => `key ${i}`);
    const ids = stableIds('D', keys);
    expect(new Set(ids.map((i) => i.id)).size).toBe(3000);
    expect(ids.some((i) => i.id.length > 5)).toBe(true);
    expect(Math.min(...ids.map((i) => i.id.length))).toBe(5);
    const one = ids[42];
    expect(findByStableId(ids, one?.id.toUpperCase() ?? '', 'draft')).toBe(one);
    expect(findByStableId(ids, 'D' + 'f'.repeat(12), 'draft')).toBeUndefined();
    expect(() => findByStableId([...ids, { id: 'Dx', full: `${one?.full.slice(0, 6)}zz` }], one?.full.slice(0, 6) ?? '', 'draft')).toThrow(/ambiguous/);
    expect(looksLikeStableId('S', 's3fa2')).toBe(true);
    expect(looksLikeStableId('S', '1')).toBe(false);
    expect(looksLikeStableId('S', 'D3fa2')).toBe(false);
  });
});

describe('due dates', () => {
  it.each([
    ['2025-12-01', '2025-12-01'],
    [' 2025-12-01 ', '2025-12-01'],
    ['2025-12-01T10:00:00Z', '2025-12-01T10:00:00Z'],
    ['2025-12-01T11:00:00+01:00', '2025-12-01T10:00:00Z'],
    ['2025-12-01 17:30', '2025-12-01T17:30:00Z'],
  ])('keeps %j as %j', (input, stored) => {
    expect(parseDue(input)).toBe(stored);
  });

  it.each(['tomorrow', '', '2025-02-30', '12/01/2025', '2025-12-01T25:00:00Z', 'next sprint'])('refuses %j with one clear line', (input) => {
    expect(() => parseDue(input)).toThrow(/^invalid due date ".*": expected a date such as 2025-12-01 or an RFC 3339 timestamp/);
  });
});
