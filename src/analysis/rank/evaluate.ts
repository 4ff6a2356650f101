/**
 * Accuracy measures of root-cause ranking as the RCA literature reports them (RCAEval): AC@k is the
 * share of cases whose true cause is in the top k, Avg@k the mean of AC@1..AC@k.
 */

/**
 * 1-based position of the first item matching, or null when absent.
 * @example rankOf(['a', 'b'], (x) => x === 'b') === 2
 */
export function rankOf<T>(items: readonly T[], match: (item: T) => boolean): number | null {
  const i = items.findIndex(match);
  return i < 0 ? null : i + 1;
}

/**
 * Share of cases whose true cause ranked within the top k (a missing cause counts as a miss).
 * @example acAtK([1, 3, null], 3) === 2 / 3
 */
export function acAtK(ranks: readonly (number | null)[], k: number): number {
  if (ranks.length === 0) return NaN;
  return ranks.filter((r) => r !== null && r <= k).length / ranks.length;
}

/**
 * Mean of AC@1..AC@k.
 * @example avgAtK([1, 2], 5) === 0.9
 */
export function avgAtK(ranks: readonly (number | null)[], k = 5): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += acAtK(ranks, i);
  return sum / k;
}
