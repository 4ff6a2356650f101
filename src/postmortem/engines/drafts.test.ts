import { describe, expect, it } from 'vitest';
import { incidentContentSchema, type IncidentContent } from '../../incidents/schema/index.js';
import type { ActionDraft } from '../types.js';
import { actionHorizon, actionType } from './action-rules.js';
import { draftActions } from './drafts.js';

function incident(analysis: Record<string, unknown>, over: Record<string, unknown> = {}): IncidentContent {
  return incidentContentSchema.parse({ title: 'Gateway down', severity: 'P1', started_at: '2025-11-26T10:27:00Z', analysis, ...over });
}
const brief = (d: ActionDraft) => `${d.horizon} ${d.type} [${d.source}] ${d.description}`;

describe('draftActions', () => {
  it('drafts the framework example: the marked root cause and each contributing factor', () => {
    // The post-mortem template's 5 whys and contributing factors, as typed on the paper form (no ids).
    const drafts = draftActions(
      incident({
        five_whys: [
          { question: 'Why did trading halt?', answer: 'Lost connection to NASDAQ exchange' },
          { question: 'Why did we lose connection?', answer: 'DNS resolution failed for exchange endpoint' },
          { question: 'Why did DNS fail?', answer: 'Primary DNS server was unreachable' },
          { question: 'Why was DNS server unreachable?', answer: 'Network route to DNS server was down' },
          { question: "Why didn't we failover to secondary DNS?", answer: 'DNS failover was not configured', root_cause: true },
        ],
        contributing_factors: [
          { description: 'No monitoring of DNS server health' },
          { description: 'Single point of failure in DNS resolution' },
          { description: 'Insufficient testing of network failure scenarios' },
          { description: 'Circuit breaker timeout too short for DNS failover' },
        ],
      }),
    );
    expect(drafts.map(brief)).toEqual([
      'immediate corrective [analysis.five_whys.4] Remove the root cause: DNS failover was not configured',
      'immediate detective [analysis.contributing_factors.0] Close the detection gap: no monitoring of DNS server health',
      'long_term preventive [analysis.contributing_factors.1] Prevent recurrence: single point of failure in DNS resolution',
      'short_term preventive [analysis.contributing_factors.2] Prevent recurrence: insufficient testing of network failure scenarios',
      'short_term corrective [analysis.contributing_factors.3] Fix: circuit breaker timeout too short for DNS failover',
    ]);
    expect(drafts[0]?.rationale).toBe('analysis.five_whys.4 is marked as a root cause');
  });

  it('drafts from root causes, accepted factors by kind and fishbone causes, skipping rejected and covered ones', () => {
    const drafts = draftActions(
      incident({
        five_whys: [
          { id: 'W1', question: 'Why did the engine stop?', answer: 'It was OOM-killed.' },
          { id: 'W2', parent: 'W1', question: 'Why did memory run out?', answer: 'Entries leaked.', root_cause: false },
          { id: 'W3', parent: 'W2', question: 'Why were entries never removed?', answer: 'No TTL-based cleanup existed.', root_cause: true },
          { question: 'Why was the leak not seen in testing?', answer: 'No soak test.' },
        ],
        contributing_factors: [
          { id: 'F1', description: 'No memory alert below 95%', kind: 'metric', status: 'accepted', category: 'Tools', evidence: ['metric:file-abcdef012345-SYS-20251126-001#mem_used'] },
          { id: 'F2', description: 'Similar to a past incident', kind: 'similar_incident', status: 'rejected', evidence: ['incident:SYS-20251001-002'] },
          { description: 'Deploy at 09:00 doubled the symbol set\n   with an indented continuation' },
        ],
        fishbone: {
          causes: [
            { id: 'C1', category: 'Technology', cause: 'Leak in stale order cleanup', factor: 'F1' },
            { category: 'Process', cause: 'No soak test\nbefore release' },
          ],
        },
      }),
    );
    expect(drafts.map(brief)).toEqual([
      'short_term corrective [W3] Remove the root cause: no TTL-based cleanup existed',
      'immediate detective [F1] Alert on the growth of mem_used and on a threshold below the failure point',
      'short_term corrective [analysis.contributing_factors.2] Fix: deploy at 09:00 doubled the symbol set with an indented continuation',
      'short_term preventive [analysis.fishbone.causes.1] Prevent recurrence: no soak test before release',
    ]);
  });

  it('falls back to the answered leaves of the why tree when no step is marked', () => {
    const drafts = draftActions(
      incident({
        five_whys: [
          { id: 'W1', question: 'Why did the engine stop?', answer: 'OOM kill' },
          { id: 'W2', parent: 'W1', question: 'Why did memory grow?', answer: 'Stale entries were never purged' },
          { id: 'W3', parent: 'W1', question: 'Why was it not noticed?', answer: 'No alert on RSS growth' },
          { id: 'W4', parent: 'W1', question: 'Why no limit?' },
        ],
      }),
    );
    expect(drafts.map(brief)).toEqual([
      'short_term corrective [W2] Remove the root cause: stale entries were never purged',
      'immediate detective [W3] Close the detection gap: no alert on RSS growth',
    ]);
    expect(drafts[0]?.rationale).toMatch(/deepest answer of its why chain/);
    const recorded = draftActions(incident({ root_cause: 'Kernel parameter vm.max_map_count too low' }));
    expect(recorded.map(brief)).toEqual(['immediate corrective [analysis.root_cause] Remove the root cause: kernel parameter vm.max_map_count too low']);
  });

  it('turns crash, log-template and similar-incident factors into their actions', () => {
    const drafts = draftActions(
      incident({
        contributing_factors: [
          { id: 'F1', kind: 'crash', description: 'crash: SIGSEGV in OrderBook::add (segfault, SIGSEGV)', evidence: ['crash:segv|OrderBook::add|book.cpp'] },
          { id: 'F2', kind: 'log_template', description: 'Burst (12.5× the baseline rate): spilling order index to disk: <*> entries', evidence: ['log:file-0123456789ab-SYS-20251126-001#line 7'] },
          { id: 'F3', kind: 'log_template', description: 'First occurrence of: resolver timeout for <*>' },
          { id: 'F4', kind: 'similar_incident', description: 'SYS-20251001-002 (2025-10-01): book OOM — matched on signature', evidence: ['incident:SYS-20251001-002'] },
          { id: 'F5', kind: 'metric', description: 'orders: queue depth rose', status: 'rejected' },
          { id: 'F6', kind: 'metric', description: 'db: db_cpu rose to 97', evidence: ['metric:file-abcdef012345-SYS-20251126-001#db_cpu', 'metric:file-abcdef012345-SYS-20251126-001#db_lat_99'] },
        ],
      }),
    );
    expect(drafts.map(brief)).toEqual([
      'short_term corrective [F1] Fix the crashing code path: segv|OrderBook::add|book.cpp',
      'short_term preventive [F1] Add a regression test that reproduces the crash segv|OrderBook::add|book.cpp',
      'immediate detective [F2] Alert when the log template "spilling order index to disk: <*> entries" exceeds its baseline rate',
      'immediate detective [F3] Alert on any occurrence of the log template "resolver timeout for <*>"',
      'long_term preventive [F4] Address the recurring pattern seen in SYS-20251001-002',
      'immediate detective [F6] Alert on the growth of db_cpu, db_lat_99 and on a threshold below the failure point',
    ]);
  });

  it('types fishbone causes by wording, then category', () => {
    const drafts = draftActions(
      incident({
        fishbone: {
          causes: [
            { id: 'C1', category: 'People', cause: 'On-call rotation had one engineer for three systems' },
            { id: 'C2', category: 'Technology', cause: 'Resolver library retries forever' },
            { id: 'C3', category: 'Tools', cause: 'No dashboard for resolver latency' },
            { id: 'C4', category: 'Environment', cause: 'Exchange moved its endpoint without notice' },
          ],
        },
      }),
    );
    expect(drafts.map(brief)).toEqual([
      'long_term preventive [C1] Prevent recurrence: on-call rotation had one engineer for three systems',
      'short_term corrective [C2] Fix: resolver library retries forever',
      'immediate detective [C3] Close the detection gap: no dashboard for resolver latency',
      'long_term preventive [C4] Prevent recurrence: exchange moved its endpoint without notice',
    ]);
  });

  it('leaves out what the record already has: same source, or near-identical wording, and repeats among drafts', () => {
    const analysis = {
      five_whys: [{ id: 'W1', question: 'Why?', answer: 'Failover was not configured', root_cause: true }],
      contributing_factors: [
        { id: 'F1', description: 'No alerting on resolver errors' },
        { id: 'F2', description: 'Circuit breaker timeout too short' },
        { id: 'F3', description: 'Circuit breaker timeout too short.' },
      ],
      fishbone: { causes: [{ id: 'C1', category: 'Process', cause: 'Runbook lacks a DNS failover step' }] },
    };
    const existing = [
      { horizon: 'immediate', description: 'Something else entirely', source: 'W1' },
      { horizon: 'short_term', description: 'Fix: circuit breaker timeouts too short' },
    ];
    const drafts = draftActions(incident(analysis, { corrective_actions: existing }));
    expect(drafts.map((d) => d.source)).toEqual(['F1', 'C1']);
    expect(draftActions(incident(analysis, { corrective_actions: existing }))).toEqual(drafts);
  });

  it('keeps the other draft of a source when the record has an action of one type from it (a crash: fix and regression test)', () => {
    const analysis = { contributing_factors: [{ id: 'F1', kind: 'crash', description: 'crash: SIGSEGV in OrderBook::add', evidence: ['crash:segv|OrderBook::add'] }] };
    const both = draftActions(incident(analysis));
    expect(both.map((d) => d.type)).toEqual(['corrective', 'preventive']);
    const fixAdopted = [{ horizon: 'short_term', description: both[0]?.description ?? '', type: 'corrective', source: 'F1' }];
    expect(draftActions(incident(analysis, { corrective_actions: fixAdopted })).map((d) => `${d.source} ${d.type}`)).toEqual(['F1 preventive']);
  });
});

describe('action rules', () => {
  it.each([
    ['No monitoring of DNS server health', undefined, 'detective', 'immediate'],
    ['Insufficient load testing', undefined, 'preventive', 'short_term'],
    ['The memory alert had no runbook step or owner', undefined, 'preventive', 'short_term'],
    ['Lack of 80% disk alerts', undefined, 'detective', 'immediate'],
    ['The latency alert fired on the wrong host', 'Tools', 'detective', 'immediate'],
    ['Single point of failure in the feed handler', undefined, 'preventive', 'long_term'],
    ['Leak in stale order cleanup', 'Technology', 'corrective', 'short_term'],
    ['Heap limit set too low in the JVM settings', 'Technology', 'corrective', 'immediate'],
    ['Change approved without a second reviewer', 'Process', 'preventive', 'short_term'],
    ['New joiner unfamiliar with the failover', 'People', 'preventive', 'long_term'],
  ] as const)('%s (%s) → %s, %s', (text, category, type, horizon) => {
    expect(actionType(text, category)).toBe(type);
    expect(actionHorizon(actionType(text, category), text, category)).toBe(horizon);
  });
});
