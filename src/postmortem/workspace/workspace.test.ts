import { describe, expect, it } from 'vitest';
import type { TimelineEntry, WhyStep } from '../../incidents/schema/index.js';
import { addEntry, dismissalKey, editEntry, keyEntries, mergeEntries, mergeKeys, parseMarker, refuseFarTime, removeEntries } from './curate.js';
import { addCause, fishboneCategories, setCategories } from './fishbone.js';
import { addFactor, decideSuggestion, openSuggestions } from './factors.js';
import { addWhy, editWhy, normalizeWhys, removeWhy, unlinkWhy } from './whys.js';

const chain: WhyStep[] = [
  { question: 'Why did it stop?', answer: 'OOM' },
  { question: 'Why OOM?', answer: 'Leak' },
  { question: 'Why a leak?', answer: 'No TTL', root_cause: true },
];

describe('5-whys edits', () => {
  it('makes a classic chain explicit: ids and parents in order', () => {
    expect(normalizeWhys(chain).map((s) => [s.id, s.parent])).toEqual([
      ['W1', undefined],
      ['W2', 'W1'],
      ['W3', 'W2'],
    ]);
  });

  it('adds after the last step by default, as a new branch with parent null, or under a given step', () => {
    const a = addWhy(chain, { question: 'Why no TTL?' });
    expect(a.id).toBe('W4');
    expect(a.steps.at(-1)).toMatchObject({ id: 'W4', parent: 'W3' });
    const b = addWhy(a.steps, { question: 'Why was the alert ignored?', parent: 'w1', evidence: ['log:file-x#line 2', 'log:file-x#line 2'] });
    expect(b.steps.at(-1)).toMatchObject({ id: 'W5', parent: 'W1', evidence: ['log:file-x#line 2'] });
    const c = addWhy(b.steps, { question: 'Another first why', parent: null });
    expect(c.steps.at(-1)?.parent).toBeUndefined();
    expect(() => addWhy(chain, { question: '  ' })).toThrow(/must not be empty/);
    expect(() => addWhy(chain, { question: 'q', parent: 'W9' })).toThrow(/no why step W9; there are W1, W2, W3/);
  });

  it('refuses a parent that would close a loop, and removes subtrees only with cascade', () => {
    const steps = normalizeWhys(chain);
    expect(() => editWhy(steps, 'W1', { parent: 'W3' })).toThrow(/close a loop/);
    expect(editWhy(steps, 'W3', { root_cause: false, answer: '' })[2]).toEqual({ id: 'W3', parent: 'W2', question: 'Why a leak?' });
    expect(() => removeWhy(steps, 'W2')).toThrow(/W3/);
    expect(removeWhy(steps, 'W2', { cascade: true }).map((s) => s.id)).toEqual(['W1']);
    expect(removeWhy(steps, 'W3').map((s) => s.id)).toEqual(['W1', 'W2']);
  });

  it('links and unlinks evidence', () => {
    const linked = editWhy(chain, 'W2', { evidence: ['log:e1#line 3', 'crash:oom'] });
    expect(linked[1]?.evidence).toEqual(['log:e1#line 3', 'crash:oom']);
    expect(unlinkWhy(linked, 'W2', ['crash:oom'])[1]?.evidence).toEqual(['log:e1#line 3']);
    expect(unlinkWhy(linked, 'W2', ['log:e1#line 3', 'crash:oom'])[1]).not.toHaveProperty('evidence');
    expect(() => unlinkWhy(linked, 'W2', ['log:other#line 1'])).toThrow(/no evidence link/);
  });
});

describe('curated timeline', () => {
  const t = (at: string, event: string, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({ at, event, ...extra });

  it('merges by time without duplicates, giving ids to new entries', () => {
    const current = [t('2025-11-19T14:02:11.482913507Z', 'OOM kill', { id: 'T1' })];
    const r = mergeEntries(current, [t('2025-11-19T14:00:00Z', 'earlier'), t('2025-11-19T14:02:11.482913507Z', 'OOM kill'), t('2025-11-19T14:02:11.482913508Z', 'OOM kill')]);
    expect(r.added).toBe(2);
    expect(r.timeline.map((e) => [e.id, e.at])).toEqual([
      ['T2', '2025-11-19T14:00:00Z'],
      ['T1', '2025-11-19T14:02:11.482913507Z'],
      ['T3', '2025-11-19T14:02:11.482913508Z'],
    ]);
    expect(mergeEntries(r.timeline, r.timeline).added).toBe(0);
  });

  it('skips an event a curator removed before, by its text and instant or by the line it comes from, and counts it', () => {
    const gone = t('2025-11-19T14:02:11.482913Z', 'Kernel OOM killer terminates ob-engine', { source: 'system', evidence: ['log:file-1#line 4'] });
    const dismissed = new Set(mergeKeys(gone).map(dismissalKey));
    const incoming = [
      // the same line reworded by a newer reconstruction, and the same text and instant without a link
      t('2025-11-19T14:02:11.482913Z', 'Memory cgroup out of memory: Killed process 48213 (ob-engine)', { source: 'system', evidence: ['system:file-1#line 4'] }),
      t('2025-11-19T14:02:11.482913Z', 'Kernel OOM killer terminates ob-engine'),
      // another line of the same file is another event
      t('2025-11-19T14:02:11.530442Z', "ob-engine.service: Failed with result 'oom-kill'.", { source: 'log', evidence: ['log:file-1#line 5'] }),
    ];
    const r = mergeEntries([], incoming, 3, dismissed);
    expect([r.added, r.removed, r.dropped]).toEqual([1, 2, 0]);
    expect(r.timeline.map((e) => [e.id, e.evidence?.[0]])).toEqual([['T4', 'log:file-1#line 5']]);
    // without the removals every event is new
    expect(mergeEntries([], incoming).added).toBe(3);
  });

  it('takes an event reconstructed from a line an entry already cites as that entry, whatever the wording or link kind', () => {
    const current = [t('2025-11-19T14:02:11.482913Z', 'Kernel OOM killer terminates ob-engine', { id: 'T1', source: 'system', evidence: ['log:file-1#line 4'] })];
    const incoming = [
      t('2025-11-19T14:02:11.482913Z', 'Memory cgroup out of memory: Killed process 48213 (ob-engine)', { source: 'system', evidence: ['system:file-1#line 4'] }),
      // the same text on another line, and another file's line 4, are other events
      t('2025-11-19T14:02:11.530442Z', "ob-engine.service: Failed with result 'oom-kill'.", { source: 'log', evidence: ['log:file-1#line 5'] }),
      t('2025-11-19T14:02:11.482913Z', 'Memory cgroup out of memory: Killed process 48213 (ob-engine)', { source: 'system', evidence: ['system:file-2#line 4'] }),
    ];
    const r = mergeEntries(current, incoming);
    expect(r.added).toBe(2);
    expect(r.timeline.map((e) => e.evidence?.[0])).toEqual(['log:file-1#line 4', 'system:file-2#line 4', 'log:file-1#line 5']);
  });

  it('pins, annotates and marks; a marker moves to the entry marked last, and the notes say so', () => {
    let tl = mergeEntries([], [t('2025-11-19T14:00:00Z', 'a'), t('2025-11-19T14:01:00Z', 'b'), t('2025-11-19T14:02:00Z', 'c')]).timeline;
    const first = editEntry(tl, 'T1', { marker: 'detection' });
    expect(first.notes).toEqual([]);
    const moved = editEntry(first.timeline, 'T2', { marker: 'detection', pinned: true, annotation: ' paged ' });
    expect(moved.notes).toEqual(['detection marker moved from T1 to T2']);
    tl = moved.timeline;
    expect(tl.map((e) => e.marker)).toEqual([undefined, 'detection', undefined]);
    expect(tl[1]).toMatchObject({ pinned: true, annotation: 'paged' });
    expect(editEntry(tl, 'T2', { marker: 'detection' }).notes).toEqual(['T2 already carries the detection marker']); // marking it again moves nothing
    expect(keyEntries(tl).map((e) => e.id)).toEqual(['T2']);
    expect(keyEntries(editEntry(tl, 'T2', { pinned: false }).timeline).length).toBe(3);
    expect(parseMarker('First indication')).toBe('first_indication');
    expect(() => parseMarker('lunch')).toThrow(/unknown marker/);
  });

  it('adds manual entries, refusing an exact duplicate; a marker taken from another entry is noted', () => {
    const r = addEntry([], { at: '2025-11-19T14:08:30Z', event: 'OOM found in dmesg', marker: 'diagnosis' });
    expect(r.timeline[0]).toMatchObject({ id: 'T1', source: 'manual', marker: 'diagnosis' });
    expect(r.notes).toEqual([]);
    expect(() => addEntry(r.timeline, { at: '2025-11-19T14:08:30.000Z', event: 'OOM found in dmesg' })).toThrow(/already has/);
    const again = addEntry(r.timeline, { at: '2025-11-19T14:09:00Z', event: 'OOM confirmed', marker: 'diagnosis' });
    expect(again.id).toBe('T2');
    expect(again.notes).toEqual(['diagnosis marker moved from T1 to T2']);
    expect(again.timeline.map((e) => e.marker)).toEqual([undefined, 'diagnosis']);
  });

  it('numbers new entries above the highest id ever given out, not above those left (a removed id never comes back)', () => {
    const tl = mergeEntries([], [t('2025-11-19T14:00:00Z', 'a'), t('2025-11-19T14:01:00Z', 'b')]).timeline;
    const left = removeEntries(tl, ['T2']);
    // Without the floor the next entry would be T2 again, and every timeline:T2 link would point at it.
    const r = addEntry(left, { at: '2025-11-19T14:25:00Z', event: 'unrelated later entry' }, 2);
    expect([r.id, r.last]).toEqual(['T3', 3]);
    const saved = mergeEntries(r.timeline, [t('2025-11-19T14:03:00Z', 'c')], 7);
    expect(saved.timeline.map((e) => e.id)).toEqual(['T1', 'T8', 'T3']);
    expect(saved.last).toBe(8);
  });

  it('refuses a second marker on an entry, naming the one it carries, instead of dropping it', () => {
    const tl = mergeEntries([], [t('2025-11-19T14:00:00Z', 'a', { marker: 'recovery' }), t('2025-11-19T14:01:00Z', 'b')]).timeline;
    expect(() => editEntry(tl, 'T1', { marker: 'detection' })).toThrow(/^T1 already carries the recovery marker, and an entry carries one: unmark T1 first/);
    const unmarked = editEntry(tl, 'T1', { marker: null });
    expect(editEntry(unmarked.timeline, 'T1', { marker: 'detection' }).timeline[0]?.marker).toBe('detection');
  });

  it('says when a pin or marker asked for was already there, or one to clear was not', () => {
    const tl = mergeEntries([], [t('2025-11-19T14:00:00Z', 'a', { pinned: true })]).timeline;
    expect(editEntry(tl, 'T1', { pinned: true }).notes).toEqual(['T1 was already pinned']);
    expect(editEntry(tl, 'T1', { marker: null }).notes).toEqual(['T1 had no marker']);
    expect(editEntry(editEntry(tl, 'T1', { pinned: false }).timeline, 'T1', { pinned: false }).notes).toEqual(['T1 was not pinned']);
  });

  it('refuses an entry time more than a year from the incident (a typo in the year), and takes one within', () => {
    const inc = { started_at: '2025-11-19T14:00:00.123456Z', ended_at: '2025-11-19T14:30:00Z' };
    expect(() => refuseFarTime('0000-01-01T00:00:00Z', inc)).toThrow(/^0000-01-01T00:00:00Z is 739,\d{3} days before the incident's start \(2025-11-19T14:00:00.123456Z\): a timeline entry must lie within 366 days/);
    expect(() => refuseFarTime('2052-11-19T14:13:00Z', inc)).toThrow(/days after the incident's end \(2025-11-19T14:30:00Z\)/);
    expect(() => refuseFarTime('9999-12-31T23:59:59.999999999Z', { started_at: inc.started_at })).toThrow(/after the incident's start/);
    expect(() => refuseFarTime('2025-10-01T09:00:00Z', inc)).not.toThrow();
    expect(() => refuseFarTime('2025-11-19T14:45:00Z', inc)).not.toThrow();
  });

  it('removes several entries at once, or none when one id is unknown', () => {
    const tl = mergeEntries([], [t('2025-11-19T14:00:00Z', 'a'), t('2025-11-19T14:01:00Z', 'b'), t('2025-11-19T14:02:00Z', 'c')]).timeline;
    expect(removeEntries(tl, ['t3', 'T1']).map((e) => e.id)).toEqual(['T2']);
    expect(() => removeEntries(tl, ['T3', 'T9'])).toThrow(/no timeline entry T9/);
  });
});

describe('fishbone and factors', () => {
  const six = ['People', 'Process', 'Technology', 'Environment', 'Procedures', 'Tools'];

  it('files causes under known categories, case-insensitively, and refuses unknown ones unless allowed', () => {
    const a = addCause(undefined, six, { category: 'technology', cause: 'Leak in expire()' });
    expect(a.fishbone.causes?.[0]).toMatchObject({ id: 'C1', category: 'Technology' });
    expect(() => addCause(a.fishbone, six, { category: 'Market data', cause: 'x' })).toThrow(/unknown fishbone category/);
    const b = addCause(a.fishbone, six, { category: 'Market data', cause: 'Feed gap', newCategory: true });
    expect(fishboneCategories(b.fishbone, six)).toEqual([...six, 'Market data']);
    expect(() => setCategories(b.fishbone, ['Hardware', 'Network'])).toThrow(/C1, C2/);
    expect(setCategories(b.fishbone, ['technology', 'Market data']).categories).toEqual(['technology', 'Market data']);
  });

  it('records a decided suggestion once, with its evidence as links, and hides it from the open list', () => {
    const suggestion = { kind: 'metric' as const, description: 'orders: cpu rose to 97', score: 12.34567, evidence: [{ evidence_id: 'file-abc', ref: 'cpu{service="orders"}' }] };
    const r = decideSuggestion([], suggestion, 'rejected');
    expect(r.factors[0]).toMatchObject({ id: 'F1', kind: 'metric', status: 'rejected', score: 12.3457, evidence: ['metric:file-abc#cpu{service="orders"}'] });
    expect(openSuggestions(r.factors, [suggestion])).toEqual([]);
    expect(() => decideSuggestion(r.factors, suggestion, 'rejected')).toThrow(/already covered by F1, rejected$/);
    expect(() => decideSuggestion(r.factors, suggestion, 'accepted')).toThrow(/covered by F1, rejected \(to make it accepted: set F1 accepted\)/);
    expect(addFactor(r.factors, { description: 'Alert ignored' }).factors[1]).toMatchObject({ id: 'F2', kind: 'manual', status: 'accepted' });
  });
});
