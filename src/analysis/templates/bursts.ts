/**
 * New and bursting templates: compares each template's count inside a time window with its count in
 * the baseline before the window. A template absent from the baseline is new; one whose window rate
 * is far above its baseline rate, and more than chance allows (Poisson tail bound), is bursting.
 */
import { InputError } from '../../shared/errors.js';

export interface TimeWindow {
  /** Inclusive start, ns since the epoch. */
  start: bigint;
  /** Exclusive end, ns since the epoch. */
  end: bigint;
}

export interface TemplateChangeOptions {
  /** Start of the baseline (inclusive); default: the earliest timestamp. The baseline ends where the window starts. */
  baselineStart?: bigint;
  /** A bursting template's window rate is at least this many times its baseline rate. */
  minRatio?: number;
  /** A bursting template has at least this many lines in the window. */
  minCount?: number;
  /** Largest chance probability (Chernoff bound on the Poisson tail) for a burst. */
  maxPValue?: number;
}

export interface NewTemplate<K> {
  templateId: K;
  windowCount: number;
  /** Lines per second in the window. */
  windowRate: number;
  /** First timestamp in the window. */
  firstSeen: bigint;
}

export interface BurstingTemplate<K> {
  templateId: K;
  windowCount: number;
  baselineCount: number;
  /** Lines per second. */
  windowRate: number;
  baselineRate: number;
  /** windowRate / baselineRate. */
  ratio: number;
  /** Upper bound of the chance of so many lines at the baseline rate. */
  pValue: number;
}

export interface TemplateChanges<K> {
  /** In order of first appearance. */
  newTemplates: NewTemplate<K>[];
  /** Strongest first (smallest p-value, then highest ratio). */
  bursting: BurstingTemplate<K>[];
  windowLines: number;
  baselineLines: number;
}

const NS_PER_S = 1e9;

/**
 * Finds templates new in the window or bursting in it, from per-line timestamps and template ids
 * (same length, any order).
 * @example
 * const t = [1n, 2n, 3n, 10n, 11n].map((s) => s * 1_000_000_000n);
 * detectTemplateChanges(t, ['a', 'a', 'a', 'a', 'b'], { start: 10_000_000_000n, end: 12_000_000_000n }).newTemplates[0].templateId // 'b'
 */
export function detectTemplateChanges<K extends string | number>(
  timestamps: ArrayLike<bigint>,
  templateIds: ArrayLike<K>,
  window: TimeWindow,
  { baselineStart, minRatio = 5, minCount = 3, maxPValue = 1e-4 }: TemplateChangeOptions = {},
): TemplateChanges<K> {
  if (timestamps.length !== templateIds.length) throw new InputError('timestamps and templateIds must have the same length');
  if (window.end <= window.start) throw new InputError('the window must end after it starts');
  let from = baselineStart;
  if (from === undefined) {
    for (let i = 0; i < timestamps.length; i++) {
      const t = timestamps[i] as bigint;
      if (from === undefined || t < from) from = t;
    }
  }
  const base = new Map<K, number>();
  const inWindow = new Map<K, { count: number; first: bigint }>();
  let windowLines = 0;
  let baselineLines = 0;
  for (let i = 0; i < timestamps.length; i++) {
    const t = timestamps[i] as bigint;
    const id = templateIds[i] as K;
    if (t >= window.start && t < window.end) {
      windowLines++;
      const w = inWindow.get(id);
      if (!w) inWindow.set(id, { count: 1, first: t });
      else {
        w.count++;
        if (t < w.first) w.first = t;
      }
    } else if (from !== undefined && t >= from && t < window.start) {
      baselineLines++;
      base.set(id, (base.get(id) ?? 0) + 1);
    }
  }
  const windowSeconds = Number(window.end - window.start) / NS_PER_S;
  const baselineSeconds = from !== undefined && from < window.start ? Number(window.start - from) / NS_PER_S : 0;
  const newTemplates: NewTemplate<K>[] = [];
  const bursting: BurstingTemplate<K>[] = [];
  for (const [id, w] of inWindow) {
    const b = base.get(id) ?? 0;
    const windowRate = w.count / windowSeconds;
    if (b === 0) {
      newTemplates.push({ templateId: id, windowCount: w.count, windowRate, firstSeen: w.first });
      continue;
    }
    if (baselineSeconds <= 0 || w.count < minCount) continue;
    const baselineRate = b / baselineSeconds;
    const ratio = windowRate / baselineRate;
    const pValue = poissonTailBound(w.count, baselineRate * windowSeconds);
    if (ratio >= minRatio && pValue <= maxPValue) {
      bursting.push({ templateId: id, windowCount: w.count, baselineCount: b, windowRate, baselineRate, ratio, pValue });
    }
  }
  newTemplates.sort((x, y) => (x.firstSeen < y.firstSeen ? -1 : x.firstSeen > y.firstSeen ? 1 : 0));
  bursting.sort((x, y) => x.pValue - y.pValue || y.ratio - x.ratio);
  return { newTemplates, bursting, windowLines, baselineLines };
}

/**
 * Chernoff bound on P(X >= k) for X ~ Poisson(mean): exp(-mean) (e·mean/k)^k when k > mean, else 1.
 * @example poissonTailBound(20, 1) < 1e-10 // true
 */
export function poissonTailBound(k: number, mean: number): number {
  if (k <= mean) return 1;
  if (mean <= 0) return 0;
  return Math.exp(-mean + k * (1 + Math.log(mean) - Math.log(k)));
}
