/**
 * Where an excursion began, given where it first crossed the threshold: the maximum-likelihood single
 * change point against a known pre-change level (the baseline), with the shape chosen by BIC.
 */

/** How the series left its baseline: at once, gradually, or a jump that then kept growing. */
export type OnsetShape = 'step' | 'ramp' | 'step+ramp';

export interface OnsetEstimate {
  /** Index of the first sample that belongs to the excursion; at most `cross + sustain - 1`. */
  index: number;
  shape: OnsetShape;
}

export interface OnsetOptions {
  /** Earliest index the onset may take (the samples before it may be the baseline itself). Default 0. */
  floor?: number;
  /** Samples the crossing had to last: they all belong to the excursion, so the onset is at the latest the last of them. Default 3. */
  sustain?: number;
}

// A flat baseline makes its scale a tiny floor and a change millions of units: bounded here so that
// squares and sums stay finite, far above anything noise can produce, so no onset is affected.
const Z_CAP = 1e9;

/**
 * Finds the onset of the excursion that first crossed at `cross`, in z (deviations from the baseline in
 * baseline scale units, so pre-change samples are noise of unit variance around 0). Three models of
 * the excursion after the change point k are fitted by least squares: a constant shift (Hinkley's
 * mean-shift change point), a ramp starting from the baseline (a two-phase "broken stick"), and a shift
 * then a ramp; k and the model are the pair of highest likelihood, the two-parameter model paying the
 * BIC price ln n. A CUSUM (drift 1) anchors the search: it restarts on ordinary noise, so its last
 * restart is where evidence of a change begins. On a linear ramp that is about a third of the way up
 * to the threshold, so the search reaches as far again before the anchor as the crossing is after it;
 * the fit uses as many samples after the crossing as before it, while the series stays on the
 * excursion's side, so a ramp that levels off later does not drag the estimate. Prefix sums make it
 * linear in the span, a few times the excursion's rise.
 * @example estimateOnset([0.3, -1.2, 1.4, 9.8, 10.1, 9.7], 3) // { index: 3, shape: 'step' }
 */
export function estimateOnset(z: ArrayLike<number>, cross: number, { floor = 0, sustain = 3 }: OnsetOptions = {}): OnsetEstimate {
  const dir = (z[cross] ?? 0) < 0 ? -1 : 1;
  const w = (i: number): number => Math.min(Z_CAP, Math.max(-Z_CAP, dir * (z[i] ?? 0)));

  let anchor = floor;
  let cusum = 0;
  for (let i = floor; i <= cross; i++) {
    cusum = Math.max(0, cusum + w(i) - 1);
    if (cusum === 0) anchor = i + 1;
  }
  anchor = Math.min(anchor, cross);
  const lo = Math.max(floor, anchor - (cross - anchor) - sustain);
  let side = cross;
  while (side + 1 < z.length && w(side + 1) > 0) side++;
  const hi = Math.min(side, cross + Math.max(sustain, cross - lo));

  // Local indices j = i - lo keep the sums small; s0 = Σ w, s1 = Σ j·w over [0, j).
  const n = hi - lo + 1;
  const s0 = new Float64Array(n + 1);
  const s1 = new Float64Array(n + 1);
  for (let j = 0; j < n; j++) {
    const v = w(lo + j);
    s0[j + 1] = (s0[j] as number) + v;
    s1[j + 1] = (s1[j] as number) + j * v;
  }
  const penalty = Math.log(n);
  let best: OnsetEstimate = { index: cross, shape: 'step' };
  let bestGain = -Infinity;
  // A noise sample just beyond the threshold may precede the real change: the onset may lie inside the run.
  const last = Math.min(cross + sustain - 1, hi);
  for (let k = 0; k <= last - lo; k++) {
    const m = n - k;
    const sum = (s0[n] as number) - (s0[k] as number);
    // Σ x·w with x = 1, 2, … from k: the ramp's value at its first sample is one step of its slope.
    const sxw = (s1[n] as number) - (s1[k] as number) - (k - 1) * sum;
    const sxx = (m * (m + 1) * (2 * m + 1)) / 6;
    // Each gain is the drop in the residual sum of squares from calling [k, hi] the excursion.
    const step = sum > 0 ? (sum * sum) / m : -Infinity;
    const ramp = sxw > 0 ? (sxw * sxw) / sxx : -Infinity;
    let both = -Infinity;
    if (m >= 2) {
      const xm = (m + 1) / 2;
      const sxxCentred = sxx - m * xm * xm;
      const slope = (sxw - sum * xm) / sxxCentred;
      // The jump (the line's value one sample before k) must go the excursion's way; a line that starts
      // the other way is a ramp with a later start, which the ramp model already covers.
      if (sum / m - slope * xm >= 0) both = (sum * sum) / m + slope * slope * sxxCentred - penalty;
    }
    const gain = Math.max(step, ramp, both);
    if (gain > bestGain) {
      bestGain = gain;
      best = { index: lo + k, shape: gain === step ? 'step' : gain === ramp ? 'ramp' : 'step+ramp' };
    }
  }
  return best;
}
