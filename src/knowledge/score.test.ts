import { describe, expect, it } from 'vitest';
import type { Incident } from '../incidents/schema/index.js';
import { docOf, rankSimilar } from './score.js';
import { crashSignaturesOf, crashTag, plainTags, withCrashTags } from './signatures.js';
import { cosine, idfOf, termCounts, tokenize, weigh } from './text.js';

const SEG = '8bd2ffe60509:segfault:matcher';
const OOM = 'd06d9d63b792:oom-kill:-';

let seq = 0;
function incident(over: Partial<Incident> = {}): Incident {
  seq++;
  return {
    id: `SYS-20250101-${String(seq).padStart(3, '0')}`,
    status: 'closed',
    version: 1,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    kind: 'sys',
    title: 'Something failed',
    severity: 'P2',
    started_at: `2025-01-${String((seq % 27) + 1).padStart(2, '0')}T10:00:00Z`,
    ...over,
  };
}

describe('crash signature tags', () => {
  it('records signatures once, keeps other tags, and reads them back', () => {
    const tags = withCrashTags(['memory', crashTag(OOM)], [SEG, OOM, SEG, ' ']);
    expect(tags).toEqual(['memory', `crash:${OOM}`, `crash:${SEG}`]);
    expect(crashSignaturesOf(tags)).toEqual([OOM, SEG]);
    expect(plainTags(tags)).toEqual(['memory']);
    expect(crashSignaturesOf(['crash:', 'Crash: x:y:z'])).toEqual(['x:y:z']);
  });
});

describe('text similarity', () => {
  it('tokenizes without stopwords, numbers and plural s', () => {
    expect(tokenize('The order gateways dropped 437 orders; DNS timeouts')).toEqual(['order', 'gateway', 'dropped', 'order', 'dns', 'timeout']);
  });

  it('weighs rare words above common ones and scores identical texts 1', () => {
    const docs = ['dns resolver timeout', 'order gateway timeout', 'matching engine timeout'].map((t) => termCounts(tokenize(t)));
    const idf = idfOf(docs);
    expect(idf.weight('dns')).toBeGreaterThan(idf.weight('timeout'));
    const a = weigh(termCounts(tokenize('DNS resolver timeout')), idf);
    expect(cosine(a, a).score).toBeCloseTo(1, 10);
    const dnsQuery = weigh(termCounts(tokenize('dns failure')), idf);
    const [dns, gw] = docs.map((d) => cosine(dnsQuery, weigh(d, idf)));
    expect(dns?.score).toBeGreaterThan(0.3);
    expect(dns?.words).toEqual(['dns']);
    expect(gw?.score).toBe(0);
    expect(cosine(weigh(termCounts([]), idf), a).score).toBe(0);
  });
});

describe('rankSimilar', () => {
  const bySig = docOf(incident({ title: 'Gateway restart', analysis: { tags: [crashTag(SEG)], root_cause: 'null pointer in matcher' }, resolution: { permanent_fix: { description: 'guard the pointer' } } }));
  const sameKind = docOf(incident({ title: 'Order book engine OOM-killed', component: 'memory', failure_type: 'memory_exhaustion', analysis: { tags: ['orderbook', 'leak'], root_cause: 'order book cache leak after symbol reload' } }));
  const sameComponent = docOf(incident({ title: 'Swap storm on risk host', component: 'memory' }));
  const unrelated = docOf(incident({ title: 'DNS resolver outage', component: 'network', failure_type: 'network_failure', analysis: { root_cause: 'upstream resolver dropped queries' } }));
  const docs = [unrelated, sameComponent, sameKind, bySig];

  it('extracts what the scoring reads from an incident', () => {
    expect(bySig).toMatchObject({ signatures: [SEG], tags: [], root_cause: 'null pointer in matcher', permanent_fix: 'guard the pointer' });
    expect(sameKind.tags).toEqual(['orderbook', 'leak']);
  });

  it('puts a shared crash signature above every other kind of match', () => {
    const query = {
      signatures: [SEG],
      component: 'Memory (RAM)',
      failure_type: 'memory exhaustion',
      tags: ['orderbook', 'leak'],
      text: 'Order book engine OOM-killed: order book cache leak after symbol reload',
    };
    const r = rankSimilar(query, docs);
    expect(r.map((m) => m.incident_id)).toEqual([bySig.incident_id, sameKind.incident_id]);
    expect(r[0]?.score).toBeGreaterThanOrEqual(0.6);
    expect(r[0]?.shared_signatures).toEqual([SEG]);
    expect(r[0]?.reasons[0]).toBe(`same crash signature ${SEG}`);
    // Everything else matches perfectly, yet stays below a signature match.
    expect(r[1]?.score).toBeLessThanOrEqual(0.4);
    expect(r[1]?.score).toBeGreaterThan(0.35);
    expect(r[1]?.reasons).toEqual(expect.arrayContaining(['same component: memory', 'same failure type: memory_exhaustion', 'shared tags: orderbook, leak']));
  });

  it('ranks component and failure type, then tags and words, and drops weak matches', () => {
    const r = rankSimilar({ component: 'memory', failure_type: 'memory_exhaustion', text: 'engine OOM killed' }, docs);
    expect(r.map((m) => m.incident_id)).toEqual([sameKind.incident_id]);
    // A lone shared component is below the floor when more was asked; alone it is a full match.
    expect(rankSimilar({ component: 'memory' }, docs).map((m) => m.incident_id).sort()).toEqual([sameComponent.incident_id, sameKind.incident_id].sort());
    expect(rankSimilar({ component: 'memory' }, docs)[0]?.score).toBe(1);
  });

  it('finds incidents by words alone, rarer words counting more', () => {
    const r = rankSimilar({ text: 'resolver outage' }, docs);
    expect(r[0]?.incident_id).toBe(unrelated.incident_id);
    expect(r[0]?.reasons[0]).toMatch(/^similar words \(\d\.\d\d\): (resolver|outage), (resolver|outage)$/);
    expect(rankSimilar({ text: 'completely different words' }, docs)).toEqual([]);
  });

  it('excludes the asking incident, honours the limit and needs a criterion', () => {
    expect(rankSimilar({ signatures: [SEG] }, docs, { exclude: [bySig.incident_id] })).toEqual([]);
    expect(rankSimilar({ component: 'memory' }, docs, { limit: 1 })).toHaveLength(1);
    expect(rankSimilar({}, docs)).toEqual([]);
    expect(rankSimilar({ signatures: [OOM] }, docs)).toEqual([]);
    expect(rankSimilar({ signatures: [SEG] }, docs).map((m) => [m.incident_id, m.score])).toEqual([[bySig.incident_id, 1]]);
  });

  it('breaks ties by recency', () => {
    const older = docOf(incident({ title: 'x', component: 'cpu', started_at: '2024-01-01T00:00:00Z' }));
    const newer = docOf(incident({ title: 'y', component: 'cpu', started_at: '2024-01-01T00:00:00.5Z' }));
    expect(rankSimilar({ component: 'cpu' }, [older, newer]).map((m) => m.incident_id)).toEqual([newer.incident_id, older.incident_id]);
  });
});

describe('keyword search', () => {
  it('finds an incident by a few words of its title, however long its text, and not by words it lacks', () => {
    const oom = incident({
      title: 'Order-book engine OOM-killed after memory leak in stale order cleanup',
      analysis: { root_cause: 'Cancelled orders were never removed from the in-memory index; the cleanup job skipped entries older than its window, so the book grew until the kernel killed it' },
    });
    const dns = incident({ title: 'NASDAQ connectivity lost: DNS resolution failure halted trading', analysis: { root_cause: 'A resolver change dropped the exchange zone' } });
    const docs = [docOf(oom), docOf(dns)];
    const found = (text: string) => rankSimilar({ text }, docs).map((r) => r.incident_id);
    expect(found('memory leak')).toEqual([oom.id]);
    expect(found('nasdaq')).toEqual([dns.id]);
    expect(found('OOM')).toEqual([oom.id]);
    expect(found('disk full')).toEqual([]);
    // A whole incident's text is still compared by cosine: one shared common word is not a match.
    expect(rankSimilar({ text: 'Feed handler crashed on a malformed market data packet from the exchange gateway order' }, docs)).toEqual([]);
  });
});
