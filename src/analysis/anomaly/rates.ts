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
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as Point;
    const b = points[i] as Point;
    const dt = Number(b.t - a.t) / NS_PER_S;
    if (!(dt > 0) || !Number.isFinite(a.v) || !Number.isFinite(b.v)) continue;
    const inc = b.v >= a.v ? b.v - a.v : b.v;
    out.push({ t: b.t, v: inc / dt });
  }
  return out;
}
