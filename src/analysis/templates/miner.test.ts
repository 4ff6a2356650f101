import { describe, expect, it } from 'vitest';
import { createTemplateMiner, mineTemplates, OVERFLOW_TEMPLATE, templateIdOf } from './index.js';

// A deterministic PRNG so the corpus is the same in every run.
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const USERS = ['root', 'admin', 'oracle', 'test', 'guest', 'ubuntu', 'pi', 'git', 'deploy', 'www'];

/** Lines of eight known events, with values drawn at random; returns [line, event]. */
function corpus(n: number, seed = 1): [string, string][] {
  const r = rng(seed);
  const int = (max: number): number => Math.floor(r() * max);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const ip = (): string => `10.${int(256)}.${int(256)}.${int(256)}`;
  const events: (() => [string, string])[] = [
    () => [`Accepted password for ${pick(USERS)} from ${ip()} port ${int(65536)} ssh2`, 'accepted'],
    () => [`Changing view acls to: ${pick(USERS)}`, 'view'],
    () => [`Changing modify acls to: ${pick(USERS)}`, 'modify'],
    () => [`Block rdd_${int(99)}_${int(9)} stored as bytes in memory (estimated size ${(r() * 900).toFixed(1)} ${pick(['B', 'KB', 'MB'])}, free ${(r() * 9).toFixed(1)} GB)`, 'stored'],
    () => [`Order ${int(1e6)} state=${pick(['NEW', 'FILLED'])} latency=${int(900)}us venue=${pick(['XNAS', 'XNYS', 'BATS'])}`, 'order'],
    () => [`Connection from ${ip()}:${int(65536)} closed after ${int(3600)} s`, 'closed'],
    () => [`visible is ${pick(['true', 'false'])}`, 'visible'],
    () => [`Session ${'0x' + int(2 ** 30).toString(16)} expired for client ${ip()}`, 'expired'],
  ];
  return Array.from({ length: n }, () => pick(events)());
}

describe('mineTemplates', () => {
  it('recovers the events of a known corpus exactly', () => {
    const lines = corpus(3000);
    const { templates, lineTemplates } = mineTemplates(lines.map(([l]) => l));
    const eventOf = new Map<number, string>();
    lines.forEach(([, event], i) => {
      const t = lineTemplates[i] as number;
      expect(eventOf.get(t) ?? event).toBe(event);
      eventOf.set(t, event);
    });
    expect(templates).toHaveLength(8);
    const texts = templates.map((t) => t.template);
    expect(texts).toContain('Accepted password for <*> from <*> port <*> ssh2');
    expect(texts).toContain('Changing view acls to: <*>');
    expect(texts).toContain('Connection from <*>:<*> closed after <*> s');
    expect(texts).toContain('visible is <*>');
    expect(templates.reduce((n, t) => n + t.count, 0)).toBe(3000);
  });

  it('gives ids that are a hash of the template text, the same in every run and order', () => {
    const lines = corpus(2000).map(([l]) => l);
    const a = mineTemplates(lines).templates;
    const b = mineTemplates([...lines].reverse()).templates;
    for (const t of a) expect(t.templateId).toBe(templateIdOf(t.template));
    expect(new Set(b.map((t) => t.templateId))).toEqual(new Set(a.map((t) => t.templateId)));
    expect(templateIdOf('Served block <*> to <*>')).toMatch(/^T[0-9a-f]{12}$/);
    expect(templateIdOf('Served block <*> to <*>')).toBe(templateIdOf('Served block <*> to <*>'));
    expect(templateIdOf('Served block <*> to <*>')).not.toBe(templateIdOf('Served block <*> from <*>'));
  });

  it('folds a variable-length parameter list into the template it extends', () => {
    const r = rng(7);
    const lines = Array.from({ length: 60 }, () => `Warning: we failed to resolve data source name n${Math.floor(r() * 1000)}x`);
    lines.push('Warning: we failed to resolve data source name alpha beta gamma');
    const { templates, lineTemplates } = mineTemplates(lines);
    expect(templates).toHaveLength(1);
    expect(templates[0]?.template).toBe('Warning: we failed to resolve data source name <*>');
    expect(new Set(lineTemplates)).toEqual(new Set([0]));
  });

  it('groups one event whose quantities are written in forms of different token counts', () => {
    const r = rng(11);
    const size = (): string => {
      const n = Math.floor(r() * 200_000);
      return n < 1024 ? `${n} bytes` : `${n} bytes (${(n / 1024).toFixed(2)} KB)`;
    };
    const lines = Array.from({ length: 200 }, (_, i) => `host${i % 7}.example.com:443 close, ${size()} sent, ${size()} received, lifetime ${r() < 0.5 ? '<1 sec' : `00:${String(10 + (i % 50))}`}`);
    lines.push(...Array.from({ length: 50 }, (_, i) => `host${i % 7}.example.com:443 open through proxy proxy.example.com:5070 HTTPS`));
    const { templates, lineTemplates } = mineTemplates(lines);
    expect(templates.map((t) => t.template).sort()).toHaveLength(2);
    expect(new Set(Array.from(lineTemplates).slice(0, 200)).size).toBe(1);
    expect(lineTemplates[200]).not.toBe(lineTemplates[0]);
  });

  it('keeps events apart that a first word names, however many there are, while later words vary', () => {
    const r = rng(5);
    const lines: string[] = [];
    for (const cmd of ['boot', 'wait', 'halt', 'clusterAddMember', 'risBoot', 'bootGenvmunix']) {
      for (let i = 0; i < 8; i++) lines.push(`${cmd} (command ${1900 + Math.floor(r() * 400)})`);
    }
    for (const user of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) for (let i = 0; i < 4; i++) lines.push(`session opened for user ${user}`);
    const texts = mineTemplates(lines).templates.map((t) => t.template).sort();
    expect(texts).toEqual([
      'boot (command <*>)', 'bootGenvmunix (command <*>)', 'clusterAddMember (command <*>)', 'halt (command <*>)',
      'risBoot (command <*>)', 'session opened for user <*>', 'wait (command <*>)',
    ]);
    // past a few dozen first words they are values: one template, not hundreds
    const many = Array.from({ length: 200 }, (_, i) => `${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}user logged in`);
    expect(mineTemplates(many).templates.map((t) => t.template)).toEqual(['<*> logged in']);
  });

  it('keeps events apart that differ in a constant word', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30; i++) for (const s of ['LOOKING', 'FOLLOWING', 'LEADING']) lines.push(`Notification: ${i} (n.leader), ${s} (n.state)`);
    expect(mineTemplates(lines).templates.map((t) => t.template).sort()).toEqual([
      'Notification: <*> (n.leader), FOLLOWING (n.state)',
      'Notification: <*> (n.leader), LEADING (n.state)',
      'Notification: <*> (n.leader), LOOKING (n.state)',
    ]);
  });
});

describe('createTemplateMiner', () => {
  it('answers online and refines: final assignments match the batch result', () => {
    const lines = corpus(1500, 3).map(([l]) => l);
    const miner = createTemplateMiner();
    for (const l of lines) expect(miner.add(l).template).toBeTypeOf('string');
    const batch = mineTemplates(lines);
    expect(miner.assignments()).toEqual(Array.from(batch.lineTemplates, (t) => batch.templates[t]?.templateId));
    // once the templates have settled, online answers are the final ones
    const again = lines.map((l) => miner.add(l).templateId);
    expect(miner.assignments().slice(1500)).toEqual(again);
    expect(miner.lineCount).toBe(3000);
  });

  it('stays within maxSignatures: later shapes join a template they fit, or the overflow', () => {
    const miner = createTemplateMiner({ maxSignatures: 4 });
    for (let i = 0; i < 50; i++) miner.add(`job ${i} done`);
    for (let i = 0; i < 20; i++) miner.add(`shape${i} ${'x '.repeat(i)}end`);
    for (let i = 0; i < 10; i++) miner.add(`job ${i} done`);
    const templates = miner.templates();
    expect(templates.reduce((n, t) => n + t.count, 0)).toBe(80);
    expect(templates.find((t) => t.template === 'job <*> done')?.count).toBe(60);
    expect(templates.at(-1)?.template).toBe(OVERFLOW_TEMPLATE);
    expect(miner.overflowCount).toBe(templates.at(-1)?.count);
    expect(miner.lineTemplates()).toHaveLength(80);
  });

  it('can run without per-line memory', () => {
    const miner = createTemplateMiner({ trackLines: false });
    expect(miner.add('a 1').template).toBe('a <*>');
    expect(miner.add('a 2').templateId).toBe(templateIdOf('a <*>'));
    expect(miner.templates()[0]).toMatchObject({ template: 'a <*>', count: 2, firstLine: 0, example: 'a 1' });
    expect(() => miner.lineTemplates()).toThrow(/trackLines/);
  });
});

describe('adjacent variables and lists', () => {
  it('keeps one wildcard per token, so a duration beside a count reads as two values', () => {
    const r = rng(3);
    const int = (n: number): number => Math.floor(r() * n);
    const lines = Array.from({ length: 60 }, () => `Server be_api/api${int(9)} is DOWN, reason: Layer4 timeout, check duration: ${int(3000)}ms. ${int(9)} active and ${int(3)} backup servers left.`);
    const { templates } = mineTemplates(lines);
    expect(templates.map((t) => t.template)).toEqual(['Server <*> is DOWN, reason: Layer4 timeout, check duration: <*> <*> active and <*> backup servers left.']);
  });

  it('still makes one event of lists of any length, and of a rare list of plain names beside them', () => {
    const lines: string[] = [];
    for (let k = 0; k < 30; k++) {
      const from = 10 + 7 * k;
      lines.push(`Warning: we failed to resolve data source name ${Array.from({ length: 1 + (k % 9) }, (_, j) => `dn${from + j}`).join(' ')}`);
    }
    lines.push('Warning: we failed to resolve data source name dadmin2 dadmin3 dadmin4');
    const { templates } = mineTemplates(lines);
    expect(templates.map((t) => [t.template, t.count])).toEqual([['Warning: we failed to resolve data source name <*>', 31]]);
  });

  it('makes one event of a list of varying length after a single word', () => {
    const r = rng(5);
    const lines = Array.from({ length: 40 }, (_, i) => `IRQs ${Array.from({ length: 1 + (i % 6) }, () => Math.floor(r() * 64)).join(' ')}`);
    expect(mineTemplates(lines).templates.map((t) => [t.template, t.count])).toEqual([['IRQs <*>', 40]]);
  });
});

describe('instances named by a word and a number', () => {
  it('makes one event of a topic partition whatever the topic', () => {
    const r = rng(12);
    const int = (n: number): number => Math.floor(r() * n);
    const topics = ['orders', 'fills', 'md.quotes', 'risk-events'];
    const lines = Array.from({ length: 80 }, () => {
      const isr = `${int(6)},${int(6)},${int(6)}`;
      return `[Partition ${topics[int(topics.length)] as string}-${int(24)} broker=${int(6)}] Shrinking ISR from ${isr} to ${isr.slice(0, 3)}. Leader: (highWatermark: ${int(1e6)}, endOffset: ${int(1e6)}).`;
    });
    expect(mineTemplates(lines).templates.map((t) => t.template)).toEqual(['[Partition <*> broker=<*>] Shrinking ISR from <*>,<*>,<*> to <*>,<*> Leader: (highWatermark: <*>, endOffset: <*>).']);
  });
});
