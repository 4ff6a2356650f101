import { describe, expect, it } from 'vitest';
import { HeartbeatTracker, type GapEpisode } from './gaps.js';

const S = 1_000_000_000n;

/** Every side speaks at 0 s, then each again at `back` s in turn (10 ms apart). */
function silence(sides: string[], back: number): GapEpisode[] {
  const t = new HeartbeatTracker({ defaultHeartbeatSeconds: 30, factor: 1.5 });
  const out: GapEpisode[] = [];
  for (const side of sides) out.push(...t.onMessage(side, 0n, '0', null));
  sides.forEach((side, i) => out.push(...t.onMessage(side, BigInt(back) * S + BigInt(i) * 10_000_000n, '0', null)));
  return out;
}

describe('HeartbeatTracker', () => {
  it.each([2, 4, 5, 9])('finds each of %d sides silent, in the order they first spoke, and closes the episode when the last speaks', (n) => {
    const sides = Array.from({ length: n }, (_, i) => `SIDE${i}`);
    const episodes = silence(sides, 100);
    expect(episodes).toHaveLength(1);
    const [ep] = episodes;
    expect(ep?.endedBy).toBe('traffic');
    expect(ep?.overdueAt).toBe(45n * S);
    expect(ep?.sides.map((s) => s.side)).toEqual(sides);
    expect(ep?.sides.map((s) => s.until)).toEqual(sides.map((_, i) => 100n * S + BigInt(i) * 10_000_000n));
    expect(ep?.sides.every((s) => s.resumed && s.since === 0n)).toBe(true);
  });

  it('does not find a side silent within the threshold, and uses a new HeartBtInt from a Logon', () => {
    const t = new HeartbeatTracker({ defaultHeartbeatSeconds: 30, factor: 1.5 });
    expect(t.onMessage('A', 0n, 'A', 10)).toEqual([]);
    expect(t.onMessage('B', 1n * S, '0', null)).toEqual([]);
    expect(t.onMessage('A', 15n * S, '0', null)).toEqual([]);
    // 16 s from B's last message is past 1.5 × 10 s: B was silent (A spoke in between).
    const eps = t.onMessage('B', 17n * S, '0', null);
    expect(eps.map((e) => ({ sides: e.sides.map((s) => [s.side, s.since, s.until]), at: e.overdueAt }))).toEqual([{ sides: [['B', 1n * S, 17n * S]], at: 16n * S }]);
  });

  it('reports the sides still silent at a logout as not resumed, many sides or few', () => {
    for (const n of [3, 7]) {
      const t = new HeartbeatTracker({ defaultHeartbeatSeconds: 30, factor: 1.5 });
      for (let i = 0; i < n; i++) t.onMessage(`S${i}`, 0n, '0', null);
      const [ep] = t.onMessage('S0', 60n * S, '5', null);
      expect(ep?.endedBy).toBe('logout');
      expect(ep?.sides.map((s) => [s.side, s.resumed])).toEqual(Array.from({ length: n }, (_, i) => [`S${i}`, i === 0]));
      expect(t.endedBy).toBe('logout');
    }
  });
});
