/** Seeded noise for the detector's tests, so that every run sees the same series. */

export { rng } from '../../test/random.js';

/**
 * A standard normal deviate from `r` (Box–Muller).
 * @example gauss(rng(1))
 */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
}
