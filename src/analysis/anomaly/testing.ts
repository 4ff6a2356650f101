/** Seeded noise for the detector's tests, so that every run sees the same series. */

/**
 * Deterministic uniform numbers in [0, 1) (mulberry32).
 * @example const r = rng(1); r() // 0.627…
 */
export function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A standard normal deviate from `r` (Box–Muller).
 * @example gauss(rng(1))
 */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
}
