import { describe, expect, it } from 'vitest';
import { PendingOrders, plainSeq } from './pending.js';

/** The bookkeeping as it was written first: two maps of strings. The reference for PendingOrders. */
class TwoMaps {
  readonly byId = new Map<string, string>();
  readonly bySeqKey = new Map<string, string>();

  add(id: string, sender: string, seq: string): void {
    const key = `${sender}:${seq}`;
    this.byId.set(id, key);
    this.bySeqKey.set(key, id);
  }

  bySeq(sender: string, seq: string): string | undefined {
    return this.bySeqKey.get(`${sender}:${seq}`);
  }

  answer(id: string): void {
    const key = this.byId.get(id);
    if (key === undefined) return;
    this.byId.delete(id);
    this.bySeqKey.delete(key);
  }
}

/** A small deterministic generator (the same sequence on every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

describe('plainSeq', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['123456789', 123456789],
    ['1234567890', -1],
    ['07', -1],
    ['00', -1],
    ['', -1],
    ['-1', -1],
    ['1.5', -1],
    ['12a', -1],
    [' 1', -1],
  ])('reads %j as %d', (seq, n) => {
    expect(plainSeq(seq)).toBe(n);
  });
});

describe('PendingOrders', () => {
  // Senders with and without `:`, so that `A:1` + `2` and `A` + `1:2` name the same key, as they did;
  // MsgSeqNums plain and not (leading zeros, too long, empty, with `:`); ClOrdIDs reused.
  const senders = ['GW', 'NASDAQ', 'A', 'A:1', '', 'B:'];
  const seqs = ['1', '2', '12', '012', '0', '', '1:2', '2:', '1234567890', '999999999', '7', '40', '41', '300'];
  const ids = ['ORD-1', 'ORD-2', 'ORD-3', 'X', 'GW:1', '', 'ORD-1 '];

  // Seeds, and how soon a sender's orders move from an array to a map (at once, midway, never).
  it.each([
    [1, {}],
    [2, {}],
    [3, { minDense: 0, slack: 1 }],
    [4, { minDense: 4, slack: 2 }],
    [5, { minDense: 1 << 30 }],
  ])('keeps the same orders, in the same order, as two maps of strings (seed %d, %j)', (seed, limits) => {
    const r = random(seed);
    const fast = new PendingOrders(limits);
    const ref = new TwoMaps();
    for (let step = 0; step < 4000; step++) {
      const what = r();
      const sender = pick(r, senders);
      const seq = pick(r, seqs);
      if (what < 0.45) {
        const id = pick(r, ids);
        fast.add(id, sender, seq);
        ref.add(id, sender, seq);
      } else if (what < 0.75) {
        const id = pick(r, ids);
        fast.answer(id);
        ref.answer(id);
      } else {
        expect(fast.bySeq(sender, seq)).toBe(ref.bySeq(sender, seq));
        const id = fast.bySeq(sender, seq);
        // As a session reject does: the order it names is answered.
        if (id !== undefined && r() < 0.5) {
          fast.answer(id);
          ref.answer(id);
        }
      }
      expect(fast.size).toBe(ref.byId.size);
    }
    expect([...fast.ids()]).toEqual([...ref.byId.keys()]);
    for (const sender of senders) for (const seq of seqs) expect(fast.bySeq(sender, seq)).toBe(ref.bySeq(sender, seq));
  });

  it('finds an order by a key written as `sender:seq` either way round a colon', () => {
    const p = new PendingOrders();
    p.add('ORD-1', 'A:1', '2');
    expect(p.bySeq('A', '1:2')).toBe('ORD-1');
    p.add('ORD-2', 'A', '1:2');
    expect(p.bySeq('A:1', '2')).toBe('ORD-2');
    p.answer('ORD-2');
    expect(p.bySeq('A:1', '2')).toBeUndefined();
    expect(p.size).toBe(1);
  });

  it('tells 5 from 05, and keeps the latest order under one key until any order under it is answered', () => {
    const p = new PendingOrders();
    p.add('ORD-1', 'GW', '5');
    p.add('ORD-2', 'GW', '05');
    expect(p.bySeq('GW', '5')).toBe('ORD-1');
    expect(p.bySeq('GW', '05')).toBe('ORD-2');
    // A NewOrderList: two orders under one key; answering the first removes the key.
    p.add('L-1', 'GW', '6');
    p.add('L-2', 'GW', '6');
    expect(p.bySeq('GW', '6')).toBe('L-2');
    p.answer('L-1');
    expect(p.bySeq('GW', '6')).toBeUndefined();
    expect([...p.ids()]).toEqual(['ORD-1', 'ORD-2', 'L-2']);
  });

  it('keeps a long run of answered orders in no more room than the waiting ones need', () => {
    const p = new PendingOrders({ minDense: 1000, slack: 4 });
    for (let seq = 1; seq <= 100_000; seq++) {
      p.add(`ORD-${seq}`, 'GW', String(seq));
      if (seq % 100 !== 0) p.answer(`ORD-${seq}`);
    }
    expect(p.size).toBe(1000);
    expect(p.bySeq('GW', '100')).toBe('ORD-100');
    expect(p.bySeq('GW', '99')).toBeUndefined();
    expect(p.bySeq('GW', '100000')).toBe('ORD-100000');
  });

  it('forgets the oldest waiting order past maxWaiting, and counts it', () => {
    const p = new PendingOrders({ maxWaiting: 3 });
    for (let seq = 1; seq <= 5; seq++) p.add(`ORD-${seq}`, seq === 2 ? 'GW:2' : 'GW', String(seq));
    p.answer('ORD-4');
    p.add('ORD-6', 'GW', '6');
    // ORD-1 and ORD-2 (kept under a key string) were forgotten; ORD-4 was answered, which made room for ORD-6.
    expect(p.forgotten).toBe(2);
    expect([...p.ids()]).toEqual(['ORD-3', 'ORD-5', 'ORD-6']);
    expect(p.bySeq('GW', '1')).toBeUndefined();
    expect(p.bySeq('GW:2', '2')).toBeUndefined();
    expect(p.bySeq('GW', '3')).toBe('ORD-3');
    // A late answer to a forgotten order changes nothing.
    p.answer('ORD-1');
    expect(p.size).toBe(3);
  });

  it('keeps a copy of each ClOrdID, not the text it was cut from', () => {
    const p = new PendingOrders();
    const line = `${'x'.repeat(100)}ORD-77`;
    p.add(line.slice(100), 'GW', '1');
    expect([...p.ids()]).toEqual(['ORD-77']);
  });
});
