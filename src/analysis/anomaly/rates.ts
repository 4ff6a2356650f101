/** A counter's samples as its per-second rate, the way Prometheus' rate() reads them: a drop is a reset. */
import type { Point } from './detect.js';

const NS_PER_S = 1e9;

/**
 * Per-second increase between consecutive samples, at the later one. A value below the previous one
 * means the counter restarted from zero, so the increase is the new value itself.
 * @example counterRates([{ t: 0n, v: 10 }, { t: 10_000_000_000n, v: 30 }, { t: 20_000_000_000n, v: 5 }]).map((p) => p.v) // [2, 0.5]
 */
export function counterRates(points: readonly Point[]): Point[] {
  const out: Point[] = [];
  // the last finite sample: a NaN or a repeated instant between two samples is passed over
  let prev: Point | null = null;
  for (const p of points) {
    if (!Number.isFinite(p.v)) continue;
    if (prev && p.t > prev.t) {
      const inc = p.v >= prev.v ? p.v - prev.v : p.v;
      out.push({ t: p.t, v: inc / (Number(p.t - prev.t) / NS_PER_S) });
    }
    if (!prev || p.t > prev.t) prev = p;
  }
  return out;
}
