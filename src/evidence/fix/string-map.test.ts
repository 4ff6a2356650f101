import { describe, expect, it } from 'vitest';
import { StringMap } from './string-map.js';

/** A small deterministic generator (the same sequence on every run). */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

describe('StringMap', () => {
  it.each([1, 2, 3])('answers as a Map does through growth, deletes and re-inserts (seed %d)', (seed) => {
    const r = random(seed);
    const fast = new StringMap<number>();
    const ref = new Map<string, number>();
    // Few keys (many re-inserts and deletes of the same) and many (growth past several rebuilds).
    for (const span of [20, 5000]) {
      for (let step = 0; step < 20000; step++) {
        const key = `K${Math.floor(r() * span)}`;
        const what = r();
        if (what < 0.5) {
          fast.set(key, step);
          ref.set(key, step);
        } else if (what < 0.8) {
          expect(fast.delete(key)).toBe(ref.delete(key));
        } else {
          expect(fast.get(key)).toBe(ref.get(key));
        }
        expect(fast.size).toBe(ref.size);
        if (step % 97 === 0) expect(fast.oldest()).toBe(ref.keys().next().value);
      }
      expect([...fast.entryKeys()]).toEqual([...ref.keys()]);
    }
  });

  it('keeps a key in its first place when set again, and moves it to the end once deleted', () => {
    const m = new StringMap<string>();
    for (const k of ['a', 'b', 'c']) m.set(k, k);
    m.set('a', 'again');
    expect([...m.entryKeys()]).toEqual(['a', 'b', 'c']);
    expect(m.get('a')).toBe('again');
    m.delete('a');
    m.set('a', 'new');
    expect([...m.entryKeys()]).toEqual(['b', 'c', 'a']);
  });

  it('tells apart keys of any characters, the empty one included', () => {
    const m = new StringMap<number>();
    const keys = ['', ' ', 'é', '\u0000', 'ORD-1', 'ORD-1 ', '😀', 'a'.repeat(1000)];
    keys.forEach((k, i) => m.set(k, i));
    keys.forEach((k, i) => expect(m.get(k)).toBe(i));
    expect(m.get('ORD-2')).toBeUndefined();
    expect(m.size).toBe(keys.length);
  });
});
