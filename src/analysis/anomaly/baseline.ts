/** What a baseline is: its level and the unit deviations are measured in, plain or robust. */

export interface BaselineStats {
  /** Level the deviations are measured from: the mean, or the median for `mad`. */
  center: number;
  /** Unit of deviation: the standard deviation, or 1.4826 × MAD for `mad`; never zero. */
  scale: number;
  mean: number;
  std: number;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s / xs.length;
}

function std(xs: ArrayLike<number>, m: number): number {
  if (xs.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += ((xs[i] as number) - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}

function median(xs: ArrayLike<number>): number {
  // A typed array sorts numerically and natively, several times faster than a comparator on an array.
  const s = Float64Array.from(xs).sort();
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** 1.4826 × the median absolute deviation from `center`: the standard deviation, for normal noise. */
function scaledMad(xs: ArrayLike<number>, center: number): number {
  const dev = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) dev[i] = Math.abs((xs[i] as number) - center);
  return 1.4826 * median(dev);
}

/** A perfectly flat baseline has no spread; a tiny fraction of its magnitude serves instead of zero. */
function scaleFloor(center: number): number {
  return Math.max(Math.abs(center) * 1e-6, Number.MIN_VALUE * 1e10);
}

/**
 * Location and scale of a baseline; the scale never reaches zero, so a flat series that moves is still caught.
 * @example baselineStats([9, 10, 11], 'sigma') // { center: 10, scale: 1, mean: 10, std: 1 }
 */
export function baselineStats(values: ArrayLike<number>, method: 'sigma' | 'mad'): BaselineStats {
  const m = mean(values);
  const sd = std(values, m);
  let center = m;
  let scale = sd;
  if (method === 'mad') {
    center = median(values);
    scale = scaledMad(values, center);
    if (scale === 0) scale = sd;
  }
  return { center, scale: Math.max(scale, scaleFloor(center)), mean: m, std: sd };
}

/**
 * Median and scaled MAD, for finding an excursion that has inflated the baseline: neither moves while
 * the excursion fills less than half the baseline, its tail. When most samples are equal (MAD zero),
 * the `mad` method falls back to the standard deviation, which that very excursion inflates; the
 * deviation of the baseline's first half, which it has not reached, serves instead.
 * @example robustReference([10, 10, 11, 9, 10, 50, 52]).center // 10
 */
export function robustReference(values: ArrayLike<number>): BaselineStats {
  const center = median(values);
  const m = mean(values);
  let scale = scaledMad(values, center);
  if (scale === 0) {
    const head = Array.prototype.slice.call(values, 0, values.length >> 1) as number[];
    scale = std(head, mean(head));
  }
  return { center, scale: Math.max(scale, scaleFloor(center)), mean: m, std: std(values, m) };
}
